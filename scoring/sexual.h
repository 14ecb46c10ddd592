// The sexual reoffending predictors and their combination with SVRP:
// DC-SRP (§8), IIC-SRP (§9) and CSRP (§10) of ../shared/spec/predictors.md.
//
// Contract:
//   - Each scorer returns exactly one v1::PredictorResult: RESULT_SCORED,
//     RESULT_NOT_APPLICABLE (band NOT_APPLICABLE, percentage 0.0) or
//     RESULT_ERROR (no percentage, no band; `errors` says which field broke
//     which rule). Nothing throws, nothing aborts.
//   - DC-SRP and IIC-SRP are always type STATIC, CSRP always COMBINED; all
//     three carry model and thresholds version "1.0".
//   - Validation follows the reference's order and error types, including
//     its quirks (§14 items 12-15), each named where it is reproduced.
//     Where the reference crashes (a follow-up date on or before the date of
//     birth reaching DC-SRP's age points), Assay returns a catalogue error.
//   - Assay requires assessment_date (the reference defaults it to "today"):
//     DC-SRP lists it as mandatory because its risk reduction depends on it.
//   - ScoreCsrp consumes the SVRP, DC-SRP and IIC-SRP results of the same
//     assessment; a component that is missing or in error (for SVRP: any
//     error other than MISSING_DYNAMIC_INPUT) makes CSRP a
//     COMPONENT_VALIDATION_ERROR whose fields name the components by their
//     ScoreSet field ("dc_srp", "iic_srp", "svrp").
//   - Thread-safe; no shared state.
//   - Each scorer is a template over the assessment and result types: the
//     scalar reference instantiates it for protobuf messages (v1::), the
//     pipeline for their flat mirrors (schemas/flat/). `out` must be empty;
//     `explain` adds the reference's feature values (explanation terms).
#ifndef ASSAY_SCORING_SEXUAL_H_
#define ASSAY_SCORING_SEXUAL_H_

#include <optional>

#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"
#include "schemas/score.pb.h"
#include "scoring/dates.h"

namespace assay::scoring {

inline constexpr char kSexualModelVersion[] = "1.0";
inline constexpr char kSexualThresholdsVersion[] = "1.0";

template <typename Assessment, typename Result>
void ScoreDcSrp(const Assessment& assessment, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreIicSrp(const Assessment& assessment, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreCsrp(const Assessment& assessment, const Result& svrp, const Result& dc_srp,
               const Result& iic_srp, bool explain, Result* out);

// The same for protobuf messages, by value, with explanations.
v1::PredictorResult ScoreDcSrp(const v1::Assessment& assessment);
v1::PredictorResult ScoreIicSrp(const v1::Assessment& assessment);
v1::PredictorResult ScoreCsrp(const v1::Assessment& assessment, const v1::PredictorResult& svrp,
                              const v1::PredictorResult& dc_srp,
                              const v1::PredictorResult& iic_srp);

// Pieces of the models, exposed for tests and for the legacy OSP/DC.

// DC-SRP probability for a point total: 0.0 at 0 points, else
// e^z / (1 + e^z) with z = -8.633 + 0.1598 * points, in double.
double DcSrpProbability(int points);
// DC-SRP band from points (0-21 LOW, 22-29 MEDIUM, 30-35 HIGH, 36-64
// VERY_HIGH); RISK_BAND_UNSPECIFIED outside 0..64.
v1::RiskBand DcSrpBandForPoints(int points);
// DC-SRP age-at-follow-up points: 14 - max(0, trunc((a - 18) / 3)), 0 from 60.
int DcSrpAgeAtFollowupPoints(int age);
// One band down (VERY_HIGH -> HIGH -> MEDIUM -> LOW).
v1::RiskBand OneBandDown(v1::RiskBand band);

// The 64-point table (§8.3), item by item.
int ContactAdultSexualPoints(int count);  // 1 -> 5, 2 -> 10, >= 3 -> 15
int ContactChildSexualPoints(int count);  // 1 -> 3, 2 -> 6, >= 3 -> 9
int NonContactSexualPoints(int count);    // 1 -> 2, 2 -> 4, >= 3 -> 6

struct DcSrpPoints {
  int contact_adult = 0;
  int contact_child = 0;
  int non_contact = 0;
  int age_at_followup = 0;
  int age_at_last_sexual_offence = 0;
  int total_sanctions = 0;
  int stranger_victim = 0;
  int Total() const {
    return contact_adult + contact_child + non_contact + age_at_followup +
           age_at_last_sexual_offence + total_sanctions + stranger_victim;
  }
};

// Writes points, probability, percentage, band, the one-band risk reduction
// and, with `explain`, the explanation (the reference's feature-value names)
// into `result` for a male with sexual offending history. Dates must be valid; the
// reduction applies when supervision is not CUSTODY, the band is above LOW
// and each of the three dates (the optional ones only when present) lies at
// least five whole years before the assessment date (§8.4).
template <typename Result>
void ApplyDcSrpPoints(const DcSrpPoints& points, v1::SupervisionStatus supervision,
                      std::optional<CivilDay> most_recent_offence,
                      std::optional<CivilDay> most_recent_sexual_offence, CivilDay followup,
                      CivilDay assessment_date, bool explain, Result* result);
// CSRP band of a clamped score: < 0 NOT_APPLICABLE, < 1.0 LOW, < 3.0 MEDIUM,
// < 6.9 HIGH, else VERY_HIGH.
v1::RiskBand CsrpBand(double score);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_SEXUAL_H_
