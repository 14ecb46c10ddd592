// The record pipeline: every product path (the `assay` CLI, the C++ API in
// engine/evaluate.h and engine/scorer.h, the C ABI, the Python package and
// the benchmarks) scores records through it.
//
//   bytes -> framing -> decode -> validate and derive once -> kernels for
//   the reoffending predictors -> every other predictor, RoSH, review
//   decision and tier -> encode -> bytes
//
// Contract:
//   - Run reads every record of `in` and writes exactly one result per
//     record to `out`, in input order: a RecordResult with scores, review
//     decision and tier, or one with a RecordError (MALFORMED_RECORD for a
//     record that does not decode, CHECKSUM_MISMATCH for a TFRecord whose
//     data checksum fails, MISSING_MANDATORY_INPUT for one without an
//     assessment_id: never scored, as in a length-delimited stream it is
//     likely a fragment of misframed records). A stream that ends inside a
//     record, or whose
//     framing is damaged (a TFRecord length whose checksum fails), ends the
//     run there: every earlier result is written, then one TRUNCATED_STREAM
//     error record naming the byte offset, and the summary says so.
//   - Results are those of the scalar reference (the same templates over
//     protobuf messages), byte for byte, on every instruction set and for
//     every thread count: see engine/pipeline/record_engine.h.
//   - Threads: blocks of records go to `threads` workers; results are
//     written in input order; reading and writing overlap with scoring
//     (engine/pipeline/block_stream.h). Memory is bounded by the blocks in
//     flight, never by the caseload.
//   - No hidden inputs: the as-of date and the policy are required options;
//     nothing is read from the environment.
//   - Errors: a non-OK Status means the run could not be done (invalid
//     options, an unreadable input, an unwritable output, a CSV without its
//     header); problems with records are results, counted in the summary.
//   - Thread-safe: a Pipeline is immutable and may run concurrently.
//
// Example:
//   PipelineOptions options;
//   options.policy = *review::BuiltinPolicy("ns2011");
//   options.as_of = absl::CivilDay(2025, 10, 6);
//   absl::StatusOr<Pipeline> pipeline = Pipeline::Create(options);
//   std::string results;
//   absl::StatusOr<RunSummary> summary = pipeline->Run(caseload_bytes, &results);
#ifndef ASSAY_ENGINE_PIPELINE_PIPELINE_H_
#define ASSAY_ENGINE_PIPELINE_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "engine/kernels/isa.h"
#include "engine/io/byte_stream.h"
#include "engine/io/framing.h"
#include "engine/io/record_format.h"
#include "engine/pipeline/block_stream.h"
#include "engine/report/caseload_stats.h"
#include "engine/review/policy.h"
#include "schemas/common.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::pipeline {

struct PipelineOptions {
  // The predictors scored. Default: V4.
  v1::ModelSet model_set = v1::V4;
  // The review policy decisions and tiers are computed under. Required.
  const review::Policy* policy = nullptr;
  // The date reviews are judged at (overdue days, out of date, tier rule
  // 4). Required: there is no implicit "today".
  std::optional<absl::CivilDay> as_of;
  // Default: the built-in table.
  const scoring::OffenceTable* offence_table = nullptr;
  // Explanation terms in every result. Default: false (bulk results).
  bool explain = false;
  // Default: kAuto, the widest the processor supports. Output bytes do not
  // depend on it.
  kernels::Isa isa = kernels::Isa::kAuto;
  // Worker threads. Default: 1.
  int threads = 1;
  // Records per block, the unit of work of a worker. Default: 256.
  size_t block_records = 256;
  // Input and output formats; the framings apply to binary. Default:
  // binary, length-delimited, both ways.
  io::RecordFormat input_format = io::RecordFormat::kBinary;
  io::framing::Framing input_framing = io::framing::Framing::kLengthDelimited;
  io::RecordFormat output_format = io::RecordFormat::kBinary;
  io::framing::Framing output_framing = io::framing::Framing::kLengthDelimited;
  // CSV input: the assessment date of rows without an assessment_date
  // column. Default: the as-of date.
  std::optional<absl::CivilDay> csv_assessment_date;
};

struct RunSummary {
  uint64_t records = 0;          // results written (one per input record;
                                 // a broken end counts as one record)
  uint64_t scored = 0;           // of them, scored
  uint64_t malformed = 0;        // of them, not decodable (MALFORMED_RECORD)
  uint64_t checksum_failures = 0;  // of them, TFRecord data checksum failed
  // Of them, decodable but without an assessment_id: never scored (in a
  // length-delimited stream, likely a fragment of misframed records).
  uint64_t unidentified = 0;
  // The input's framing carries checksums (TFRecord): damage is located.
  bool checksummed = false;
  // The byte offset of the first malformed record, if any.
  std::optional<uint64_t> first_malformed_offset;
  // How the input ended: kNone when cleanly.
  StreamEnd end = StreamEnd::kNone;
  uint64_t end_offset = 0;
  uint64_t output_bytes = 0;
  // Counts for the report (review decisions, bands, tiers).
  report::CaseloadStats stats{v1::V4, absl::CivilDay()};

  // Without a checksum, a damaged length in a length-delimited stream
  // cannot always be located: any record that fails to decode, and any
  // broken end, means the framing may be wrong from there on.
  bool input_damaged() const {
    return end != StreamEnd::kNone || malformed > 0 || checksum_failures > 0 ||
           (unidentified > 0 && !checksummed);
  }
};

// Sees every result as it is produced (e.g. the forecast's accumulators),
// with its record (null for a record that could not be read). One observer
// per worker: Observe is never called concurrently on one observer, and the
// caller merges them after the run.
class ResultObserver {
 public:
  virtual ~ResultObserver() = default;
  virtual void Observe(const flat::RecordResult& result, const flat::Assessment* record) = 0;
};

// Optional hooks into a run.
struct RunHooks {
  // Makes one observer per worker; the run returns them in `observers`.
  std::function<std::unique_ptr<ResultObserver>()> make_observer;
  std::vector<std::unique_ptr<ResultObserver>> observers;
  // Called after each block with the records done and input bytes read so
  // far, from the worker threads, one call at a time.
  std::function<void(uint64_t records, uint64_t bytes_read)> progress;
};

class Pipeline {
 public:
  static absl::StatusOr<Pipeline> Create(const PipelineOptions& options);

  // Every record of `in` to `out` (see the contract). `out` is committed
  // (an atomic file appears) only when the run completes.
  absl::StatusOr<RunSummary> Run(io::ByteSource& in, io::ByteSink& out,
                                 RunHooks* hooks = nullptr) const;
  // Bytes in memory to bytes in memory.
  absl::StatusOr<RunSummary> Run(std::string_view in, std::string* out) const;

  const PipelineOptions& options() const { return options_; }
  // The instruction set in use (never kAuto).
  kernels::Isa isa() const { return options_.isa; }

 private:
  explicit Pipeline(const PipelineOptions& options) : options_(options) {}
  PipelineOptions options_;
};

}  // namespace assay::pipeline

#endif  // ASSAY_ENGINE_PIPELINE_PIPELINE_H_
