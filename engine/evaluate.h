// One assessment (with its case context: supervision, MAPPA, events, the
// practitioner's decision) to its scores, its review decision and its tier:
// the pipeline's stages (engine/pipeline/record_engine.h) for a batch of one.
//
// Contract:
//   - Evaluate returns one v1::RecordResult holding the ScoreSet, the
//     ReviewDecision (engine/review/decision.h) and the Tier
//     (engine/review/tier.h) of the record. Problems with the record never
//     fail the call: they are errors inside those messages.
//   - A non-OK Status means caller misuse only: no as-of date, an invalid
//     model set. There is no implicit "today": the as-of date is required,
//     so a rerun gives the same answer.
//   - The policy defaults to the built-in `ns2011`; pass one loaded with
//     review::LoadPolicy / LoadPolicyFile (a name or a text-format file) to
//     decide under another. It must outlive the evaluator.
//   - RecordResult.index is left 0: batch callers number records.
//   - The result is the pipeline's, byte for byte (same stages, same
//     kernels): `assay rescore` and Evaluate never disagree.
//   - Evaluator keeps its buffers between calls (no allocation per record
//     once warm, apart from the returned message); it is not thread-safe:
//     use one per thread. The free function Evaluate makes one per call.
//
// Example:
//   EvaluateOptions options;
//   options.as_of = absl::CivilDay(2025, 10, 6);
//   absl::StatusOr<Evaluator> evaluator = Evaluator::Create(options);
//   absl::StatusOr<v1::RecordResult> result = evaluator->Evaluate(assessment);
#ifndef ASSAY_ENGINE_EVALUATE_H_
#define ASSAY_ENGINE_EVALUATE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "engine/review/policy.h"
#include "engine/scorer.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"
#include "schemas/score.pb.h"

namespace assay {

struct EvaluateOptions {
  ScoreOptions score;
  // nullptr: the built-in default policy (ns2011).
  const review::Policy* policy = nullptr;
  // Required: the date overdue and out-of-date status are computed for.
  std::optional<absl::CivilDay> as_of;
};

class Evaluator {
 public:
  static absl::StatusOr<Evaluator> Create(const EvaluateOptions& options);
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;
  ~Evaluator();

  absl::StatusOr<v1::RecordResult> Evaluate(const v1::Assessment& assessment);

  // Serialized bytes to serialized bytes, with no protobuf message: an
  // Assessment in protobuf's binary encoding (or, with `json`, its JSON
  // mapping) to a RecordResult in the same encoding, appended to *out. A
  // record that does not decode gives a RecordResult with a
  // MALFORMED_RECORD error, as in a batch.
  absl::Status EvaluateBytes(std::string_view assessment, bool json, std::string* out);

 private:
  struct State;
  explicit Evaluator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

absl::StatusOr<v1::RecordResult> Evaluate(const v1::Assessment& assessment,
                                          const EvaluateOptions& options);

}  // namespace assay

#endif  // ASSAY_ENGINE_EVALUATE_H_
