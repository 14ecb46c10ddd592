// The rescoring job behind `assay rescore` and `assay demo`: a caseload file
// through the pipeline (engine/pipeline/pipeline.h) to a results file, and
// optionally the HTML report.
//
// Contract:
//   - Every input record yields exactly one output record, in input order
//     (the pipeline's contract). A truncated or damaged stream ends the run:
//     every earlier result is written, then one TRUNCATED_STREAM error
//     record naming the byte offset.
//   - The output (and the report) are written atomically
//     (io::AtomicFile): a failed run leaves no result file, or the previous
//     one. A damaged input still produces its results file: every readable
//     record's result is useful, and the error records say what was lost.
//   - Messages hold ids, counts, offsets and catalogue texts, never record
//     values.
#ifndef ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_
#define ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "engine/kernels/isa.h"
#include "engine/io/framing.h"
#include "engine/io/record_format.h"
#include "engine/pipeline/pipeline.h"
#include "engine/review/policy.h"
#include "schemas/score.pb.h"

namespace assay::cli {

struct RescoreOptions {
  std::string input;  // path, "-" = standard input
  io::RecordFormat in_format = io::RecordFormat::kBinary;
  io::framing::Framing in_framing = io::framing::Framing::kLengthDelimited;
  std::string output;  // path, "-" = standard output
  io::RecordFormat out_format = io::RecordFormat::kBinary;
  io::framing::Framing out_framing = io::framing::Framing::kLengthDelimited;
  std::string report;         // HTML report path; empty = none
  std::string report_source;  // how the report names the input
  v1::ModelSet model_set = v1::V4;
  const review::Policy* policy = nullptr;  // required
  absl::CivilDay as_of;
  int threads = 1;
  // CSV input without an assessment_date column is scored at this date.
  absl::CivilDay csv_assessment_date;
  // Draw a progress bar when standard error is a terminal.
  bool progress = true;
  kernels::Isa isa = kernels::Isa::kAuto;
};

struct RescoreSummary {
  pipeline::RunSummary run;
  double seconds = 0;
  bool plain_framing = true;  // length-delimited input (no checksums)

  // "read 20000 records: 19990 scored, 10 errors in 0.40 s (...)".
  std::string OneLine() const;
  // When the input is damaged or may be misframed: what happened, where,
  // and what to do; empty otherwise.
  std::string Damage() const;
};

// InvalidArgument / NotFound / Internal when the job cannot run or its
// output cannot be written; a damaged input is not a failure of the call
// (RescoreSummary::run.input_damaged()).
absl::StatusOr<RescoreSummary> RunRescore(const RescoreOptions& options);

}  // namespace assay::cli

#endif  // ASSAY_ENGINE_CLI_RESCORE_PIPELINE_H_
