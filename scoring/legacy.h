// The legacy (OASys v3-era) model pack of ../shared/spec/predictors.md §12:
// OGP (§12.2), OVP (§12.3), OSP/DC and OSP/IIC (§12.4), SNSV (§12.5) and RSR
// (§12.6). OGRS3 (§12.1) lives in scoring/ogrs3.h and belongs to both sets.
//
// Contract:
//   - Each scorer returns one v1::PredictorResult (RESULT_SCORED,
//     RESULT_NOT_APPLICABLE or RESULT_ERROR with the rule and field names);
//     nothing throws. Model and thresholds version "1.0" (the reference's
//     V1_0 at the historical snapshot, OSP/DC with the corrected -8.633
//     intercept).
//   - OGP and OVP: two horizons, as whole percents: `percentage` is the
//     2-year percent, `one_year_percentage` the 1-year one (HALF_UP on the
//     exact double, clamped to 1..99), `point_score` the total points, band
//     from the 2-year percent. OGP takes OGRS3's result: without a scored
//     OGRS3 it reports MISSING_MANDATORY_INPUT naming "ogrs3".
//   - OSP/DC: DC-SRP's 64-point table, logistic, bands and 5-year reduction
//     with the old range rules (errors instead of zero points). OSP/IIC: the
//     old hierarchy (0.00062 when all counts are 0, 0.00281 for all others).
//   - SNSV: static or dynamic (static with MISSING_DYNAMIC_INPUT when a
//     dynamic answer is missing), no band, percentage = pct of the 16 dp
//     probability. Offence weights by the old category descriptions plus the
//     VATP sub-category weights, from the current offence's category. When
//     a static check fails (a missing static input included), RESULT_ERROR
//     with the static errors alone: the dynamic inputs are not checked, so
//     no MISSING_DYNAMIC_INPUT is added (§12.5).
//   - RSR: clamp(round2(SNSV% + OSP/DC% + OSP/IIC% + female%)), three bands
//     (LOW < 3.0 <= MEDIUM < 6.9 <= HIGH). A failed component (OSP/DC or
//     OSP/IIC with errors, SNSV with an error other than
//     MISSING_DYNAMIC_INPUT) gives RESULT_ERROR with one
//     COMPONENT_VALIDATION_ERROR naming the components, alone: RSR's own
//     checks (the sexual section, the counts, gender) are not added (§12.6).
//   - Dates are validated (INVALID_DATE); where the historical code crashed
//     (a follow-up date on or before the birth, an age below a model's
//     table) a specific error is returned. Assay requires assessment_date.
#ifndef ASSAY_SCORING_LEGACY_H_
#define ASSAY_SCORING_LEGACY_H_

#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

inline constexpr char kLegacyModelVersion[] = "1.0";
inline constexpr char kLegacyThresholdsVersion[] = "1.0";

// Templates over the message types (v1:: for the scalar reference, their
// flat mirrors for the pipeline), into an empty `out`; `explain` adds the
// explanation terms. The by-value overloads below explain.
template <typename Assessment, typename Result>
void ScoreOgp(const Assessment& assessment, const Result& ogrs3, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreOvp(const Assessment& assessment, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreOspDc(const Assessment& assessment, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreOspIic(const Assessment& assessment, bool explain, Result* out);
template <typename Assessment, typename Result>
void ScoreSnsv(const Assessment& assessment, const OffenceTable& offences, bool explain,
               Result* out);
template <typename Assessment, typename Result>
void ScoreRsr(const Assessment& assessment, const Result& snsv, const Result& osp_dc,
              const Result& osp_iic, bool explain, Result* out);

v1::PredictorResult ScoreOgp(const v1::Assessment& assessment, const v1::PredictorResult& ogrs3);
v1::PredictorResult ScoreOvp(const v1::Assessment& assessment);
v1::PredictorResult ScoreOspDc(const v1::Assessment& assessment);
v1::PredictorResult ScoreOspIic(const v1::Assessment& assessment);
v1::PredictorResult ScoreSnsv(const v1::Assessment& assessment, const OffenceTable& offences);
v1::PredictorResult ScoreRsr(const v1::Assessment& assessment, const v1::PredictorResult& snsv,
                             const v1::PredictorResult& osp_dc,
                             const v1::PredictorResult& osp_iic);

// Pieces exposed for tests.
v1::RiskBand OgpBand(int two_year_percent);  // 1-33 / 34-66 / 67-84 / 85-99
v1::RiskBand OvpBand(int two_year_percent);  // 1-29 / 30-59 / 60-79 / 80-99
v1::RiskBand RsrBand(double score);
// round0(100 p) HALF_UP on the exact value of p, clamped to 1..99.
int WholePercent(double probability);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_LEGACY_H_
