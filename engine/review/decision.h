// The review decision: when the next OASys review is due, and why.
// Behaviour: ../shared/spec/review-policy.md ("Review decision",
// "Professional judgement", "As of a date").
//
// Contract:
//   - Always returns one v1::ReviewDecision. Record problems (no rated RoSH
//     cell, an invalid date, an unknown event type, MAPPA level 7) go to
//     ReviewDecision.errors with the field path; the mode is then
//     REVIEW_MODE_UNSPECIFIED and no date is set. All problems are reported,
//     not just the first.
//   - MANDATED when the overall RoSH (policy.include_custody_cells decides
//     whether custody cells count) is a mandated level, a mandated MAPPA
//     level applies, or the policy mandates every community case and this is
//     one. The interval date is the earliest of the applicable fixed
//     intervals after the assessment date.
//   - DISCRETIONARY otherwise: the ARP band's interval, shortened by any
//     higher VRP, SVRP or CSRP band to that band's interval. Without an ARP
//     band, the earliest interval of the available VRP/SVRP/CSRP bands (the
//     highest band, for a policy whose intervals shorten as bands rise);
//     without any band, the currency limit. Only RESULT_SCORED results with
//     a LOW..VERY_HIGH band count.
//   - No interval date is later than the currency limit (assessment date +
//     currency_limit_weeks): a longer interval is cut back to it.
//   - Events dated on or after the assessment date make a review due per
//     the policy's event rule (MANDATED_ONLY rules are skipped for
//     discretionary cases). Events dated before the assessment are part of
//     what the assessment assessed and do not apply. The proposed date is
//     the earliest of the interval date and every applicable event's date.
//   - The practitioner's decision is validated (PractitionerOutcome.errors,
//     ErrorType values 70..78 plus MISSING_MANDATORY_INPUT / INVALID_DATE /
//     VALUE_OUT_OF_RANGE for the decision's own fields); a rejected decision
//     leaves the proposed date in force. The rationale text is never copied
//     into the decision or any error.
//   - overdue_days = max(0, as_of - effective_due); the assessment is out of
//     date when as_of is later than the currency limit date.
//   - Dates are calendar arithmetic: weeks are 7 days, months are calendar
//     months clamped to the month end (scoring/dates.h).
#ifndef ASSAY_ENGINE_REVIEW_DECISION_H_
#define ASSAY_ENGINE_REVIEW_DECISION_H_

#include <string_view>

#include "absl/time/civil_time.h"
#include "scoring/dates.h"
#include "engine/review/policy.h"
#include "schemas/assessment.pb.h"
#include "schemas/case.pb.h"
#include "schemas/review.pb.h"
#include "schemas/score.pb.h"

namespace assay::review {

// Decides into `out` (cleared first) from the assessment's case_context
// (supervision, MAPPA, events) and, when present, its practitioner_decision.
// A template over the message types: the scalar reference instantiates it
// for protobuf messages (v1::), the pipeline for their flat mirrors
// (schemas/flat/). Text that follows from a code (the interval source) is
// catalogue text (IntervalSourceText).
template <typename Assessment, typename ScoreSet, typename ReviewDecision>
void DecideReview(const Assessment& assessment, const ScoreSet& scores, const Policy& policy,
                  scoring::CivilDay as_of, ReviewDecision* out);

// The same for protobuf messages, by value.
v1::ReviewDecision DecideReview(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                                const Policy& policy, scoring::CivilDay as_of);

// What set a review interval (ReviewBasis.interval_source).
enum class IntervalSource {
  kRosh,               // detail: the RoSH level
  kMappa,              // detail: the MAPPA level 1..3
  kAllCommunityCases,
  kArp,                // detail: the band, likewise for VRP, SVRP and CSRP
  kVrp,
  kSvrp,
  kCsrp,
  kNoPredictorBand,
};
// The catalogue text of an interval source: "RoSH VERY_HIGH", "MAPPA level
// 2", "all community cases", "ARP HIGH", "no predictor band". Static storage.
std::string_view IntervalSourceText(IntervalSource source, int detail);

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_DECISION_H_
