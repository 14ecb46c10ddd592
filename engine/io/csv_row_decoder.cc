#include "engine/io/csv_row_decoder.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/io/reference_csv.h"

namespace assay::io {
namespace {

bool LooksLikeIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CsvRowDecoder>> CsvRowDecoder::FromHeader(std::string_view header,
                                                                         const v1::Date& default_assessment_date) {
  if (absl::Status status = CheckReferenceHeader(header); !status.ok()) return status;
  std::unique_ptr<CsvRowDecoder> decoder(new CsvRowDecoder());
  decoder->default_assessment_date_ = default_assessment_date;
  std::vector<std::string> storage;
  const std::vector<std::string_view> cells = SplitCsvLine(header, &storage);
  for (size_t i = kReferenceColumnCount; i < cells.size(); ++i) {
    if (cells[i] == kAssessmentDateColumn) decoder->assessment_date_column_ = static_cast<int>(i);
    if (cells[i] == kCaseReferenceColumn) decoder->case_reference_column_ = static_cast<int>(i);
  }
  return decoder;
}

bool CsvRowDecoder::Decode(uint64_t line, std::string_view row, v1::Assessment* record, RecordIssue* issue) const {
  std::vector<std::string> storage;
  const std::vector<std::string_view> cells = SplitCsvLine(row, &storage);
  auto fail = [&](std::string message) {
    issue->type = v1::MALFORMED_RECORD;
    issue->message = std::move(message);
    if (!cells.empty() && LooksLikeIdentifier(cells[0])) issue->assessment_id.assign(cells[0]);
    if (case_reference_column_ >= 0 && static_cast<size_t>(case_reference_column_) < cells.size() &&
        LooksLikeIdentifier(cells[case_reference_column_])) {
      issue->case_reference.assign(cells[case_reference_column_]);
    }
    return false;
  };
  v1::Date assessment_date = default_assessment_date_;
  if (assessment_date_column_ >= 0 && static_cast<size_t>(assessment_date_column_) < cells.size() &&
      !cells[assessment_date_column_].empty()) {
    const std::optional<v1::Date> date = ParseIsoDate(cells[assessment_date_column_]);
    if (!date) {
      return fail(absl::StrCat("line ", line, ", column ", assessment_date_column_ + 1, " (",
                               std::string(kAssessmentDateColumn), "): not a YYYY-MM-DD calendar date"));
    }
    assessment_date = *date;
  }
  absl::StatusOr<ReferenceRow> parsed = ParseReferenceRow(row, line, assessment_date);
  if (!parsed.ok()) return fail(std::string(parsed.status().message()));
  *record = std::move(parsed->dynamic_request);
  if (case_reference_column_ >= 0 && static_cast<size_t>(case_reference_column_) < cells.size()) {
    record->set_case_reference(std::string(cells[case_reference_column_]));
  }
  return true;
}

}  // namespace assay::io
