// One call from an assessment (with its case context: supervision, MAPPA,
// events, the practitioner's decision) to its scores, its review decision and
// its tier.
//
// Contract:
//   - Evaluate returns one v1::RecordResult holding the ScoreSet
//     (engine/scorer.h), the ReviewDecision (engine/review/decision.h) and
//     the Tier (engine/review/tier.h) of the record. Problems with the
//     record never fail the call: they are errors inside those messages.
//   - A non-OK Status means caller misuse only: no as-of date, an invalid
//     model set. There is no implicit "today": the as-of date is required,
//     so a rerun gives the same answer.
//   - The policy defaults to the built-in `ns2011`; pass one loaded with
//     review::LoadPolicy / LoadPolicyFile (a name or a text-format file) to
//     decide under another. It must outlive the call.
//   - RecordResult.index is left 0: batch callers number records.
//   - Thread-safe; shares only immutable data.
#ifndef ASSAY_ENGINE_EVALUATE_H_
#define ASSAY_ENGINE_EVALUATE_H_

#include <optional>

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

absl::StatusOr<v1::RecordResult> Evaluate(const v1::Assessment& assessment,
                                          const EvaluateOptions& options);

// The review and tier half of Evaluate, for callers that already hold the
// record's scores (the batch engine): fills out->review and out->tier.
void AddReviewAndTier(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                      const review::Policy& policy, absl::CivilDay as_of, v1::RecordResult* out);

}  // namespace assay

#endif  // ASSAY_ENGINE_EVALUATE_H_
