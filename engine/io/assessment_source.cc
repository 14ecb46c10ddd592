#include "engine/io/assessment_source.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/io/csv_row_decoder.h"
#include "google/protobuf/util/json_util.h"

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

bool ReadVarint(std::string_view bytes, size_t* pos, uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(bytes[(*pos)++]);
    *value |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

bool IsBlank(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
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
  size_t pos = 0;
  while (pos < bytes.size()) {
    uint64_t tag = 0;
    if (!ReadVarint(bytes, &pos, &tag)) return;
    const uint64_t field = tag >> 3;
    switch (tag & 7) {
      case 0: {
        uint64_t ignored;
        if (!ReadVarint(bytes, &pos, &ignored)) return;
        break;
      }
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2: {
        uint64_t length = 0;
        if (!ReadVarint(bytes, &pos, &length) || length > bytes.size() - pos) return;
        const std::string_view value = bytes.substr(pos, static_cast<size_t>(length));
        if (field == 1 && LooksLikeIdentifier(value)) assessment_id->assign(value);
        if (field == 2 && LooksLikeIdentifier(value)) case_reference->assign(value);
        pos += static_cast<size_t>(length);
        break;
      }
      default:
        return;
    }
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

absl::StatusOr<std::unique_ptr<AssessmentSource>> AssessmentSource::Open(const std::string& path,
                                                                          RecordFormat format,
                                                                          const SourceOptions& options) {
  absl::StatusOr<std::unique_ptr<InputFile>> input = InputFile::Open(path);
  if (!input.ok()) return input.status();
  std::unique_ptr<AssessmentSource> source(new AssessmentSource(*std::move(input), format));
  if (format == RecordFormat::kCsv) {
    std::string_view header;
    const ReadResult result = source->lines_.Next(&header);
    if (result == ReadResult::kFatal) return absl::DataLossError(source->lines_.fatal_error());
    if (result == ReadResult::kEnd) {
      return absl::InvalidArgumentError(absl::StrCat(path, " is empty: a CSV caseload needs a header line"));
    }
    absl::StatusOr<std::unique_ptr<CsvRowDecoder>> decoder = CsvRowDecoder::FromHeader(header, options.csv_assessment_date);
    if (!decoder.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", decoder.status().message()));
    }
    source->csv_ = *std::move(decoder);
  }
  return source;
}

AssessmentSource::AssessmentSource(std::unique_ptr<InputFile> input, RecordFormat format)
    : input_(std::move(input)), format_(format), frames_(input_.get()), lines_(input_.get()) {}

AssessmentSource::~AssessmentSource() = default;

ReadResult AssessmentSource::ReadChunk(size_t max_records, RawChunk* chunk) {
  while (chunk->records.size() < max_records && chunk->bytes.size() < kChunkBytes) {
    std::string_view payload;
    RawRecord record;
    ReadResult result;
    if (format_ == RecordFormat::kBinary) {
      result = frames_.Next(&payload);
      record.byte_offset = frames_.record_offset();
      if (result == ReadResult::kFatal) fatal_error_ = frames_.fatal_error();
    } else {
      do {
        result = lines_.Next(&payload);
      } while (result == ReadResult::kRecord && format_ == RecordFormat::kJsonLines && IsBlank(payload));
      record.byte_offset = lines_.record_offset();
      record.line = lines_.line_number();
      if (result == ReadResult::kFatal) fatal_error_ = lines_.fatal_error();
    }
    if (result == ReadResult::kFatal) fatal_offset_ = record.byte_offset;
    if (result != ReadResult::kRecord) return result;
    record.begin = chunk->bytes.size();
    record.size = payload.size();
    chunk->bytes.append(payload.data(), payload.size());
    chunk->records.push_back(record);
  }
  return ReadResult::kRecord;
}

bool AssessmentSource::Decode(const RawRecord& where, std::string_view raw, v1::Assessment* record,
                              RecordIssue* issue) const {
  record->Clear();
  switch (format_) {
    case RecordFormat::kBinary:
      if (record->ParseFromArray(raw.data(), static_cast<int>(raw.size()))) return true;
      issue->type = v1::MALFORMED_RECORD;
      issue->message = absl::StrCat("the record at byte offset ", where.byte_offset,
                                    " does not parse as an assay.v1.Assessment");
      RecoverIdsFromWire(raw, &issue->assessment_id, &issue->case_reference);
      return false;
    case RecordFormat::kJsonLines: {
      google::protobuf::util::JsonParseOptions options;
      options.ignore_unknown_fields = false;
      // The parser's own message can quote the offending value, which may
      // be personal data, so it is not passed on.
      if (google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(raw.data(), raw.size()), record,
                                                      options)
              .ok()) {
        return true;
      }
      issue->type = v1::MALFORMED_RECORD;
      issue->message =
          absl::StrCat("line ", where.line, " is not an assay.v1.Assessment in protobuf's JSON mapping");
      RecoverIdsFromJson(raw, &issue->assessment_id, &issue->case_reference);
      return false;
    }
    case RecordFormat::kCsv:
      return csv_->Decode(where.line, raw, record, issue);
  }
  return false;
}

}  // namespace assay::io
