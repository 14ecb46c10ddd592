// Decoding one input record (a framed binary record, a JSON line or a CSV
// row) into the pipeline's flat Assessment (schemas/flat/).
//
// Contract:
//   - binary: flat::Decode, which accepts exactly what protobuf's parser
//     accepts; the flat record's strings refer to the record's bytes, which
//     must outlive it. No heap allocation.
//   - jsonl: protobuf's JSON parser (JsonStringToMessage, unknown fields
//     refused) into a caller's scratch message, then copied into the flat
//     record's arena: the simplest way to honour protobuf's JSON mapping
//     exactly.
//   - csv: the reference CSV layout (engine/io/csv_row_decoder.h), likewise
//     through the scratch message.
//   - An unreadable record is a RecordIssue: MALFORMED_RECORD with a
//     message naming the byte offset (binary) or line (text), and the
//     record's assessment id and case reference when they can be recovered;
//     never any other value from the record (a parser's own message can
//     quote one, so it is not passed on).
//   - Decode is const and thread-safe: each thread has its own scratch
//     message and flat record.
#ifndef ASSAY_ENGINE_IO_RECORD_DECODER_H_
#define ASSAY_ENGINE_IO_RECORD_DECODER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/io/record_format.h"
#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/score.pb.h"

namespace assay::io {

struct RecordIssue {
  v1::ErrorType type = v1::ERROR_TYPE_UNSPECIFIED;
  std::string message;
  std::vector<std::string> fields;
  std::string assessment_id;
  std::string case_reference;
};

class CsvRowDecoder;

class AssessmentDecoder {
 public:
  // For kCsv, `csv_header` is the file's header line, checked here, and
  // rows without an assessment_date column are scored at
  // `csv_assessment_date`.
  static absl::StatusOr<std::unique_ptr<AssessmentDecoder>> Create(
      RecordFormat format, std::string_view csv_header, const v1::Date& csv_assessment_date);
  ~AssessmentDecoder();

  // Decodes `raw` (found at byte `offset`, line `line` of the input) into
  // *out, which it clears; false with *issue filled when it cannot.
  bool Decode(std::string_view raw, uint64_t offset, uint64_t line, v1::Assessment* scratch,
              flat::Assessment* out, RecordIssue* issue) const;

  RecordFormat format() const { return format_; }

 private:
  explicit AssessmentDecoder(RecordFormat format);

  RecordFormat format_;
  std::unique_ptr<CsvRowDecoder> csv_;
};

// The assessment id and case reference of a serialized Assessment, read
// from its wire bytes as far as they are readable (fields 1 and 2 come
// first in a serialized record, so a record damaged later still yields them).
void RecoverIdsFromWire(std::string_view bytes, std::string* assessment_id, std::string* case_reference);
// Likewise from a JSON object's text: the first "assessment_id" /
// "assessmentId" (and case reference) string value without escapes.
void RecoverIdsFromJson(std::string_view text, std::string* assessment_id, std::string* case_reference);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_RECORD_DECODER_H_
