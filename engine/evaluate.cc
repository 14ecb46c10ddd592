#include "engine/evaluate.h"

#include <utility>

#include "absl/status/status.h"
#include "engine/review/decision.h"
#include "engine/review/tier.h"

namespace assay {

void AddReviewAndTier(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                      const review::Policy& policy, absl::CivilDay as_of, v1::RecordResult* out) {
  const v1::CaseContext& context = assessment.case_context();
  review::DecideReview(
      assessment, scores, context,
      context.has_practitioner_decision() ? &context.practitioner_decision() : nullptr, policy,
      as_of, out->mutable_review());
  review::ComputeTier(assessment, scores, as_of, out->mutable_tier());
}

absl::StatusOr<v1::RecordResult> Evaluate(const v1::Assessment& assessment,
                                          const EvaluateOptions& options) {
  if (!options.as_of) {
    return absl::InvalidArgumentError("EvaluateOptions.as_of is required");
  }
  const review::Policy* policy = options.policy;
  if (policy == nullptr) {
    absl::StatusOr<const review::Policy*> builtin =
        review::BuiltinPolicy(review::kDefaultPolicyName);
    if (!builtin.ok()) return builtin.status();
    policy = *builtin;
  }
  absl::StatusOr<v1::ScoreSet> scores = ScoreAssessment(assessment, options.score);
  if (!scores.ok()) return scores.status();

  v1::RecordResult result;
  result.set_assessment_id(assessment.assessment_id());
  result.set_case_reference(assessment.case_reference());
  *result.mutable_scores() = std::move(*scores);
  AddReviewAndTier(assessment, result.scores(), *policy, *options.as_of, &result);
  return result;
}

}  // namespace assay
