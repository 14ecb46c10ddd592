// Batch scoring: many assessments at once, with SIMD kernels and all cores.
//
// Contract:
//   - Results are the scalar reference's (engine/scorer.h ScoreAssessment
//     with explain = false) for the reoffending predictors ARP, VRP and SVRP
//     (each static or dynamic, per the reference's fallback rules): identical
//     status, type, band, percentage, errors (types, messages, fields) and
//     versions. Probabilities agree to 1e-12 relative (the vector exp may
//     differ from glibc's by 1 ulp; every lane near a 2-dp tie is recomputed
//     by the scalar reference, so percentages and bands never differ).
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
//     (engine/review/decision.h) as of options.as_of.
//   - Per-record work allocates nothing once the per-thread buffers have
//     grown (except validation errors and review decisions, which build
//     protobuf messages); the buffers are kept between calls. Thread-safe:
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
  // size of the columnar batch). Rounded up to a multiple of 8.
  size_t block_size = 2048;
  // nullptr: the built-in table. Must outlive the scorer.
  const scoring::OffenceTable* offence_table = nullptr;
  // When set, ScoreDelimited adds a review decision to each result. Must
  // outlive the scorer.
  const review::Policy* review_policy = nullptr;
  absl::CivilDay as_of = absl::CivilDay(2025, 10, 6);
};

class BatchScorer {
 public:
  static absl::StatusOr<BatchScorer> Create(const BatchOptions& options);

  // The ISA actually used (never kAuto) and the thread count.
  Isa isa() const { return isa_; }
  int threads() const { return threads_; }

  // One ScoreSet per assessment, in order (arp, vrp and svrp set).
  absl::StatusOr<std::vector<v1::ScoreSet>> Score(absl::Span<const v1::Assessment> assessments) const;

  // Delimited Assessment stream in, delimited RecordResult stream out.
  absl::StatusOr<std::string> ScoreDelimited(absl::string_view input) const;
  // The same into *out (replaced; its capacity is reused, so a caller that
  // keeps one output string across batches stops paying for fresh pages).
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
