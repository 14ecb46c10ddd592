// Batch scoring: many assessments at once, with SIMD kernels and all cores.
//
// Contract:
//   - Scope (options.model_set):
//       MODEL_SET_UNSPECIFIED (the default): the reoffending predictors only,
//         ARP, VRP, SVRP and OGRS3, with ScoreSet.model_set left
//         unspecified (the set is partial). This is issue 6's end-to-end
//         scope, used by the benchmarks and regression runs.
//       V4, LEGACY or BOTH: each ScoreSet is exactly ScoreAssessment's
//         (engine/scorer.h, explain = false) for that model set: the
//         reoffending predictors come from the kernels and
//         CompleteScoreSet adds every other predictor, so review decisions
//         see the whole set (CSRP included). ScoreDelimited then writes
//         what engine/evaluate.h Evaluate writes (scores, and with a review
//         policy the review decision and the tier).
//   - Results are the scalar reference's (engine/scorer.h ScoreAssessment
//     with explain = false) for the reoffending predictors ARP, VRP and SVRP
//     (each static or dynamic, per the reference's fallback rules) and OGRS3:
//     identical status, type, band, percentage(s), errors (types, messages,
//     fields) and versions. Probabilities agree to 1e-12 relative (the vector
//     exp may differ from glibc's by 1 ulp; every lane near a rounding tie is
//     recomputed by the scalar reference, so percentages and bands never
//     differ). With isa = kScalar every lane is the scalar reference's own
//     arithmetic, so whole messages and their bytes are identical.
//   - The instruction set is chosen at run time (engine/batch/isa.h):
//     options.isa = kAuto picks the widest the CPU supports (capped by the
//     ASSAY_ISA environment variable); any supported ISA can be forced;
//     forcing an unsupported one fails Create with FailedPrecondition.
//   - options.threads workers (0 = all hardware threads) share the batch in
//     blocks; output order equals input order and results are identical
//     whatever the thread count or ISA (up to the probability tolerance
//     across ISAs; bit-identical across thread counts for one ISA).
//   - ScoreDelimited is the end-to-end path: a stream of length-delimited
//     Assessment records (schemas/batch.proto) in, one length-delimited
//     RecordResult per input record out, in order. An unreadable record
//     yields a RecordResult with RecordError MALFORMED_RECORD and the stream
//     continues; a truncated final record yields TRUNCATED_STREAM. With a
//     review policy, each result also carries the review decision
//     (engine/review/decision.h) as of options.as_of (and the tier, for a
//     model set).
//   - In the reoffending scope, per-record work allocates nothing once the
//     per-thread buffers have grown (validation errors are built on a
//     per-thread arena rewound block by block; review decisions build
//     protobuf messages); the buffers are kept between calls. A model set builds the other predictors' protobuf
//     messages per record, as ScoreAssessment does. Thread-safe:
//     concurrent calls are allowed. Never throws; misuse is a Status.
#ifndef ASSAY_ENGINE_BATCH_BATCH_SCORER_H_
#define ASSAY_ENGINE_BATCH_BATCH_SCORER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "engine/batch/isa.h"
#include "engine/review/policy.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::batch {

struct BatchOptions {
  Isa isa = Isa::kAuto;
  // Worker threads; 0 = std::thread::hardware_concurrency().
  int threads = 0;
  // Records per block (one block = one unit of work for a thread, and the
  // size of the columnar batch). Rounded up to a multiple of 8. 512 keeps
  // a block's output (~150 KiB) in L2 until it is copied out; 256..1024
  // measure within a few per cent of each other.
  size_t block_size = 512;
  // nullptr: the built-in table. Must outlive the scorer.
  const scoring::OffenceTable* offence_table = nullptr;
  // When set, ScoreDelimited adds a review decision to each result. Must
  // outlive the scorer.
  const review::Policy* review_policy = nullptr;
  absl::CivilDay as_of = absl::CivilDay(2025, 10, 6);
  // MODEL_SET_UNSPECIFIED: reoffending predictors only; else the whole
  // model set (see the contract above). Explanations are never produced.
  v1::ModelSet model_set = v1::MODEL_SET_UNSPECIFIED;
};

class BatchScorer {
 public:
  static absl::StatusOr<BatchScorer> Create(const BatchOptions& options);

  // The ISA actually used (never kAuto) and the thread count.
  Isa isa() const { return isa_; }
  int threads() const { return threads_; }

  // One ScoreSet per assessment, in order.
  absl::StatusOr<std::vector<v1::ScoreSet>> Score(absl::Span<const v1::Assessment> assessments) const;
  // The same into *out[i] (replaced) for *assessments[i]; the spans have the
  // same length. Allocates nothing per call once the scorer's buffers and
  // the output messages have grown: for callers that stream records through
  // a few reused messages (assay rescore). With threads = 1 everything runs
  // on the calling thread.
  absl::Status Score(absl::Span<const v1::Assessment* const> assessments,
                     absl::Span<v1::ScoreSet* const> out) const;

  // Delimited Assessment stream in, delimited RecordResult stream out.
  absl::StatusOr<std::string> ScoreDelimited(absl::string_view input) const;
  // The same into *out (replaced; its capacity is reused, so a caller that
  // keeps one output string across batches stops paying for fresh pages).
  // On an error Status *out is left empty.
  absl::Status ScoreDelimited(absl::string_view input, std::string* out) const;

 private:
  struct WorkspacePool;
  BatchScorer(const BatchOptions& options, Isa isa, int threads);

  BatchOptions options_;
  Isa isa_;
  int threads_;
  // Per-thread buffers (parsed messages, columns, scratch), kept between
  // calls so that a long-running scorer stops allocating. Shared by copies
  // of the scorer; concurrent calls each take their own workspaces.
  std::shared_ptr<WorkspacePool> pool_;
};

}  // namespace assay::batch

#endif  // ASSAY_ENGINE_BATCH_BATCH_SCORER_H_
