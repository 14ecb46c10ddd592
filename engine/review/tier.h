// The HMPPS case tier (A highest .. G lowest), per the last section of
// ../shared/spec/review-policy.md, with its provisional flag.
//
// Contract:
//   - NOT_SUPERVISED when case_context.supervision_type is NOT_SUPERVISED.
//     An unspecified supervision type is not taken to mean "unsupervised":
//     the tier is computed.
//   - Invalid inputs (a RoSH cell rated NOT_APPLICABLE, MAPPA category 5,
//     an impossible release date) give Tier.errors and TIER_UNSPECIFIED.
//   - MISSING when ARP or CSRP has no score (status other than
//     RESULT_SCORED).
//   - Otherwise the highest tier over the five rules. Percentages are
//     compared in integer hundredths (llround(percentage * 100)) against the
//     spec's exact decimal thresholds; no float literal is compared.
//   - Overall RoSH here counts all nine cells (HMPPS services include the
//     custody cells), whatever a review policy says.
//   - Rule 2 (DC-SRP) contributes only for a scored DC-SRP with a score above
//     0 and a band other than NOT_APPLICABLE; a MEDIUM band below 0.60 has no
//     row in the table and contributes nothing.
//   - Rule 4 (life / IPP) needs a release date on or before `as_of`; "up to 1
//     year" and "up to 5 years" are calendar years (release + 12 / 60
//     months >= as_of). Without such a date the rule contributes nothing.
//   - Provisional only when an uncertain input could still raise the tier,
//     exactly as the spec states it. The uncertain inputs: a static ARP
//     (type STATIC); a static CSRP (CSRP's type is SVRP's: SVRP, or CSRP
//     itself, of type STATIC); no RoSH cell rated. Any other type counts as
//     dynamic. With `others` the best tier of every step except the ARP x
//     CSRP table (G when no other step contributes):
//       - ARP and CSRP both static: provisional when `others` is below A;
//       - ARP static only: when `others` is below the table's tier for the
//         case's CSRP row in the ARP >= 90 column;
//       - CSRP static only: when `others` is below the table's tier for the
//         case's ARP column in the CSRP >= 6.9 row;
//       - RoSH not rated (also): with `others'` the best tier of every step
//         except MAPPA/RoSH, counting the table only when ARP and CSRP are
//         both dynamic, when `others'` is below A for a case with a MAPPA
//         category (1-4), below C without one.
//     provisional_reasons name only the grounds that make the tier
//     provisional: "ARP is static" and "CSRP rests on a static SVRP" (both
//     when both are static), "RoSH not rated". A tier that the other steps
//     already hold at the input's highest tier is final, with no reasons.
//     MISSING and NOT_SUPERVISED are never provisional.
#ifndef ASSAY_ENGINE_REVIEW_TIER_H_
#define ASSAY_ENGINE_REVIEW_TIER_H_

#include "absl/time/civil_time.h"
#include "scoring/dates.h"
#include "schemas/assessment.pb.h"
#include "schemas/review.pb.h"
#include "schemas/score.pb.h"

namespace assay::review {

// Computes into `out` (cleared first). `as_of` is the date the tier is
// computed for (rule 4). A template over the message types: the scalar
// reference instantiates it for protobuf messages (v1::), the pipeline for
// their flat mirrors (schemas/flat/). Reasons are formatted without the heap.
template <typename Assessment, typename ScoreSet, typename Tier>
void ComputeTier(const Assessment& assessment, const ScoreSet& scores, scoring::CivilDay as_of,
                 Tier* out);

v1::Tier ComputeTier(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                     scoring::CivilDay as_of);

// "A".."G", "NOT_SUPERVISED", "MISSING", "UNSPECIFIED".
const char* TierName(v1::TierLevel level);

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_TIER_H_
