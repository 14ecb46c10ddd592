// Assay's public review API: review policies, review decisions, the HMPPS
// tier and their human-readable renderings. Behaviour:
// ../shared/spec/review-policy.md. One-call evaluation (scores + review +
// tier) is engine/evaluate.h.
//
//   absl::StatusOr<review::Policy> policy = review::LoadPolicy("ns2011");  // or a file path
//   v1::ReviewDecision decision = review::DecideReview(assessment, scores, *policy, as_of);
//   v1::Tier tier = review::ComputeTier(assessment, scores, as_of);
//   std::cout << review::FormatReviewDecision(decision) << review::FormatTier(tier);
//
// Contracts are stated in the headers below.
#ifndef ASSAY_ENGINE_REVIEW_H_
#define ASSAY_ENGINE_REVIEW_H_

#include "engine/review/decision.h"  // IWYU pragma: export
#include "engine/review/format.h"    // IWYU pragma: export
#include "engine/review/policy.h"    // IWYU pragma: export
#include "engine/review/rosh.h"      // IWYU pragma: export
#include "engine/review/tier.h"      // IWYU pragma: export

#endif  // ASSAY_ENGINE_REVIEW_H_
