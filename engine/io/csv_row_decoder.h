// CsvRowDecoder: one row of a caseload in the reference CSV layout
// (../shared/spec/predictors.md §13.2) to an Assessment, through the
// reference CSV reader (engine/io/reference_csv.h).
//
// Contract:
//   - FromHeader checks the header line once: its first 53 cells must be the
//     reference layout. Two optional extension columns after them, found by
//     name, carry what the layout lacks: `assessment_date` (YYYY-MM-DD; the
//     reference scores every row at one date, `default_assessment_date`) and
//     `case_reference`. The reference's own later columns are ignored.
//   - Decode gives the row's DYNAMIC request (criminal history plus needs;
//     a blank needs cell stays unanswered, so the predictors fall back to
//     their static models exactly as for any other input), with
//     assessment_id = the row's id.
//   - Decode is const and thread-safe. An unreadable row is a RecordIssue
//     (type MALFORMED_RECORD, naming the line and the column, with the row's
//     id when readable), never quoting its values.
#ifndef ASSAY_ENGINE_IO_CSV_ROW_DECODER_H_
#define ASSAY_ENGINE_IO_CSV_ROW_DECODER_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/io/record_decoder.h"
#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"

namespace assay::io {

class CsvRowDecoder {
 public:
  static absl::StatusOr<std::unique_ptr<CsvRowDecoder>> FromHeader(std::string_view header,
                                                                   const v1::Date& default_assessment_date);

  bool Decode(uint64_t line, std::string_view row, v1::Assessment* record, RecordIssue* issue) const;

 private:
  CsvRowDecoder() = default;

  v1::Date default_assessment_date_;
  int assessment_date_column_ = -1;
  int case_reference_column_ = -1;
};

// The extension columns' names.
inline constexpr std::string_view kAssessmentDateColumn = "assessment_date";
inline constexpr std::string_view kCaseReferenceColumn = "case_reference";

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_CSV_ROW_DECODER_H_
