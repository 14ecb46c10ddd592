// The rescoring job behind `assay rescore` and `assay demo`: a caseload file
// in, one result per record out, optionally the HTML report.
//
// Contract:
//   - Every input record yields exactly one output record, in input order: a
//     RecordResult with scores, review decision and tier, or one with a
//     RecordError (MALFORMED_RECORD for bytes that do not parse,
//     RECORD_NOT_EVALUATED when the engine refuses a record) carrying the
//     index and the ids when readable. A corrupted or truncated stream ends
//     the run: every earlier result is written, then one TRUNCATED_STREAM
//     error record naming the byte offset, and the summary says so.
//   - read == scored + errors, always.
//   - The input is read in chunks of `chunk_records` records, so memory is
//     bounded by the chunk, never by the caseload. Each chunk is decoded,
//     scored and encoded by `threads` workers on contiguous slices, and the
//     slices are written in order: the output bytes are identical for every
//     thread count. Within a slice, records go through the batch engine
//     (engine/batch/batch_scorer.h) in blocks of kBatchBlock: decoded into
//     reused messages, scored column-wise, completed to the whole model set,
//     then review and tier. The pipeline's workers are the only threads (the
//     batch scorer runs single-threaded inside each worker), so memory is
//     one chunk plus one block of messages per worker.
//   - Engine::kScalar scores record by record with engine/evaluate.h
//     instead (kept to check the two against each other). With the batch
//     engine on the scalar ISA (the default), the output bytes are identical
//     to the scalar engine's on every machine; a vector ISA (--isa) gives
//     identical bands, percentages, errors and decisions, and probabilities
//     within 1e-12 relative (batch_scorer.h).
//   - The output (and the report) are written atomically (io::AtomicFile):
//     a failed run leaves no result file, or the previous one.
//   - Messages hold ids, counts, offsets and catalogue texts, never record
//     values.
#ifndef ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_
#define ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "engine/batch/isa.h"
#include "engine/io/record_format.h"
#include "engine/review/policy.h"
#include "schemas/common.pb.h"
#include "schemas/score.pb.h"

namespace assay::cli {

struct RescoreOptions {
  std::string input;  // path, "-" = standard input
  io::RecordFormat in_format = io::RecordFormat::kBinary;
  std::string output;  // path, "-" = standard output
  io::RecordFormat out_format = io::RecordFormat::kBinary;
  std::string report;         // HTML report path; empty = none
  std::string report_source;  // how the report names the input
  v1::ModelSet model_set = v1::V4;
  const review::Policy* policy = nullptr;  // required
  absl::CivilDay as_of;
  int threads = 1;
  size_t chunk_records = 65536;
  // CSV input without an assessment_date column is scored at this date.
  v1::Date csv_assessment_date;
  // Draw a progress bar when standard error is a terminal.
  bool progress = true;
  // Which engine scores readable records (see the contract above).
  enum class Engine { kBatch, kScalar };
  Engine engine = Engine::kBatch;
  // The batch engine's instruction set; kScalar lanes keep the output
  // byte-identical to the scalar engine's on every machine.
  batch::Isa isa = batch::Isa::kScalar;
};

struct RescoreSummary {
  uint64_t read = 0;
  uint64_t scored = 0;
  uint64_t errors = 0;
  uint64_t output_bytes = 0;
  // Review decisions among the scored records.
  uint64_t mandated = 0;
  uint64_t discretionary = 0;
  uint64_t overdue = 0;
  // Why the input ended early (a truncated or corrupted stream); empty when
  // it did not.
  std::string stopped_early;
  double seconds = 0;

  // "read 20000 records: 19990 scored, 10 errors (...)".
  std::string OneLine() const;
};

// InvalidArgument / NotFound / Internal when the job cannot run or its
// output cannot be written; a truncated input is not a failure of the call
// (see RescoreSummary::stopped_early).
absl::StatusOr<RescoreSummary> RunRescore(const RescoreOptions& options);

}  // namespace assay::cli

#endif  // ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_
