// AssessmentSource: reads a caseload file in chunks of raw records and
// decodes each record on its own, so a caller can decode in parallel.
//
// Contract:
//   - Open(path, format) opens the file ("-" = standard input). For CSV the
//     header line is read and checked at Open.
//   - ReadChunk appends up to `max_records` raw records (and at most about
//     kChunkBytes bytes) to a RawChunk, in input order, and says whether the
//     input continues (kRecord), ended cleanly (kEnd) or broke (kFatal: the
//     chunk holds every record before the break; fatal_error() names the
//     byte offset). Memory is bounded by the chunk, not by the file.
//   - Decode is const and thread-safe. It turns one raw record into an
//     Assessment, or returns false and describes the problem in a
//     RecordIssue: the error type, a message without personal data, and the
//     record's assessment id and case reference when they can be read.
//   - JSON Lines: blank lines are not records. CSV: one record per line.
#ifndef ASSAY_ENGINE_IO_ASSESSMENT_SOURCE_H_
#define ASSAY_ENGINE_IO_ASSESSMENT_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/io/input_stream.h"
#include "engine/io/record_format.h"
#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"
#include "schemas/score.pb.h"

namespace assay::io {

inline constexpr size_t kChunkBytes = 64u << 20;

struct RawRecord {
  uint64_t byte_offset = 0;  // in the input file
  uint64_t line = 0;         // 1-based line number (text formats), else 0
  size_t begin = 0;          // in RawChunk::bytes
  size_t size = 0;
};

struct RawChunk {
  std::string bytes;
  std::vector<RawRecord> records;

  std::string_view record(size_t i) const {
    return std::string_view(bytes).substr(records[i].begin, records[i].size);
  }
  void Clear() {
    bytes.clear();
    records.clear();
  }
};

struct RecordIssue {
  v1::ErrorType type = v1::ERROR_TYPE_UNSPECIFIED;
  std::string message;
  std::vector<std::string> fields;
  std::string assessment_id;
  std::string case_reference;
};

class CsvRowDecoder;

struct SourceOptions {
  // CSV only: the assessment date of rows without an assessment_date column
  // (engine/io/csv_row_decoder.h).
  v1::Date csv_assessment_date;
};

class AssessmentSource {
 public:
  static absl::StatusOr<std::unique_ptr<AssessmentSource>> Open(const std::string& path, RecordFormat format,
                                                                const SourceOptions& options = {});
  ~AssessmentSource();

  ReadResult ReadChunk(size_t max_records, RawChunk* chunk);
  const std::string& fatal_error() const { return fatal_error_; }
  uint64_t fatal_offset() const { return fatal_offset_; }

  bool Decode(const RawRecord& where, std::string_view raw, v1::Assessment* record, RecordIssue* issue) const;

  uint64_t bytes_read() const { return input_->offset(); }
  uint64_t total_bytes() const { return input_->size(); }
  RecordFormat format() const { return format_; }

 private:
  AssessmentSource(std::unique_ptr<InputFile> input, RecordFormat format);

  std::unique_ptr<InputFile> input_;
  RecordFormat format_;
  FrameReader frames_;
  LineReader lines_;
  std::unique_ptr<CsvRowDecoder> csv_;
  std::string fatal_error_;
  uint64_t fatal_offset_ = 0;
};

// The assessment id and case reference of a serialized Assessment, read
// from its wire bytes as far as they are readable (fields 1 and 2 come
// first in a serialized record, so a record damaged later still yields them).
void RecoverIdsFromWire(std::string_view bytes, std::string* assessment_id, std::string* case_reference);
// Likewise from a JSON object's text: the first "assessment_id" /
// "assessmentId" (and case reference) string value without escapes.
void RecoverIdsFromJson(std::string_view text, std::string* assessment_id, std::string* case_reference);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_ASSESSMENT_SOURCE_H_
