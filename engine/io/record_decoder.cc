#include "engine/io/record_decoder.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/io/csv_row_decoder.h"
#include "google/protobuf/util/json_util.h"
#include "schemas/flat/wire.h"

namespace assay::io {
namespace {

// Identifiers only: anything else recovered from a damaged record (free
// text, a name typed into the wrong field) is not repeated.
bool LooksLikeIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':' || c == '/';
    if (!ok) return false;
  }
  return true;
}

// The string value of the first `"key": "value"` in `text`, or empty.
std::string_view JsonStringValue(std::string_view text, std::string_view key) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    at += key.size();
    size_t p = at;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
    if (p >= text.size() || text[p] != ':') continue;
    ++p;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
    if (p >= text.size() || text[p] != '"') continue;
    const size_t end = text.find('"', p + 1);
    if (end == std::string_view::npos) return {};
    return text.substr(p + 1, end - p - 1);
  }
  return {};
}

}  // namespace

void RecoverIdsFromWire(std::string_view bytes, std::string* assessment_id, std::string* case_reference) {
  // The flat decoder's own readers, as far as the bytes stay well formed.
  namespace wire = flat::internal;
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while (p != nullptr && p < end) {
    uint32_t tag;
    p = wire::ReadTag(p, end, &tag);
    if (p == nullptr) return;
    const uint32_t field = tag >> 3;
    if ((tag & 7) == 2 && (field == 1 || field == 2)) {
      const char* value_end;
      const char* value = wire::ReadLengthDelimited(p, end, &value_end);
      if (value == nullptr) return;
      const std::string_view text(value, static_cast<size_t>(value_end - value));
      if (LooksLikeIdentifier(text)) (field == 1 ? assessment_id : case_reference)->assign(text);
      p = value_end;
      continue;
    }
    p = wire::SkipField(tag, p, end, wire::kDefaultRecursionLimit);
  }
}

void RecoverIdsFromJson(std::string_view text, std::string* assessment_id, std::string* case_reference) {
  for (std::string_view key : {"\"assessment_id\"", "\"assessmentId\""}) {
    const std::string_view value = JsonStringValue(text, key);
    if (LooksLikeIdentifier(value)) {
      assessment_id->assign(value);
      break;
    }
  }
  for (std::string_view key : {"\"case_reference\"", "\"caseReference\""}) {
    const std::string_view value = JsonStringValue(text, key);
    if (LooksLikeIdentifier(value)) {
      case_reference->assign(value);
      break;
    }
  }
}

AssessmentDecoder::AssessmentDecoder(RecordFormat format) : format_(format) {}
AssessmentDecoder::~AssessmentDecoder() = default;

absl::StatusOr<std::unique_ptr<AssessmentDecoder>> AssessmentDecoder::Create(
    RecordFormat format, std::string_view csv_header, const v1::Date& csv_assessment_date) {
  std::unique_ptr<AssessmentDecoder> decoder(new AssessmentDecoder(format));
  if (format == RecordFormat::kCsv) {
    absl::StatusOr<std::unique_ptr<CsvRowDecoder>> csv =
        CsvRowDecoder::FromHeader(csv_header, csv_assessment_date);
    if (!csv.ok()) return csv.status();
    decoder->csv_ = *std::move(csv);
  }
  return decoder;
}

bool AssessmentDecoder::Decode(std::string_view raw, uint64_t offset, uint64_t line,
                               v1::Assessment* scratch, flat::Assessment* out,
                               RecordIssue* issue) const {
  switch (format_) {
    case RecordFormat::kBinary:
      if (flat::Decode(raw, out)) return true;
      issue->type = v1::MALFORMED_RECORD;
      issue->message = absl::StrCat("the record at byte offset ", offset,
                                    " does not parse as an assay.v1.Assessment");
      RecoverIdsFromWire(raw, &issue->assessment_id, &issue->case_reference);
      return false;
    case RecordFormat::kJsonLines: {
      google::protobuf::util::JsonParseOptions options;
      options.ignore_unknown_fields = false;
      scratch->Clear();
      // The parser's own message can quote the offending value, which may
      // be personal data, so it is not passed on.
      if (!google::protobuf::util::JsonStringToMessage(
               google::protobuf::StringPiece(raw.data(), raw.size()), scratch, options)
               .ok()) {
        issue->type = v1::MALFORMED_RECORD;
        issue->message =
            absl::StrCat("line ", line, " is not an assay.v1.Assessment in protobuf's JSON mapping");
        RecoverIdsFromJson(raw, &issue->assessment_id, &issue->case_reference);
        return false;
      }
      out->Clear();
      flat::FromProto(*scratch, out);
      return true;
    }
    case RecordFormat::kCsv:
      scratch->Clear();
      if (!csv_->Decode(line, raw, scratch, issue)) return false;
      out->Clear();
      flat::FromProto(*scratch, out);
      return true;
  }
  return false;
}

}  // namespace assay::io
