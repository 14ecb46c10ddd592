// OGRS3, the Offender Group Reconviction Scale v3, 1-year and 2-year
// (../shared/spec/predictors.md §12.1; removed from the reference's HEAD,
// kept by Assay as the score practitioners and research still quote).
//
// Contract:
//   - ScoreOgrs3 always returns one PredictorResult (type STATIC): SCORED
//     with percentage = the 2-year whole percent, one_year_percentage, the two
//     probabilities, the band of the 2-year percent and the explanation
//     ageGenderScore, convictionStatusScore, copasScore, offenceGroupParameter;
//     or ERROR with every error found, in this order: MISSING_MANDATORY_INPUT,
//     INVALID_DATE / VALUE_OUT_OF_RANGE (Assay's input-shape checks),
//     TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE, OFFENCE_CODE_INCORRECT_FORMAT,
//     AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN,
//     AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION, the follow-up
//     date (FOLLOW_UP_DATE_INVALID on/before the birth, AGE_OUT_OF_MODEL_RANGE
//     under 10: the reference crashes on both), then the offence parameter
//     (NEED_DETAILS_OF_EXACT_OFFENCE for 08800/11100/14100,
//     OFFENCE_CODE_MAPPING_NOT_FOUND for codes without one).
//   - The follow-up date is date_at_start_of_followup (the reference's
//     dateAtStartOfFollowupCalculated, merged into it by ACT-628); it is
//     required. The offence parameter comes per code from the offence table.
//   - Arithmetic is IEEE double, as the reference's was; the percentages are
//     HALF_UP to 5 dp, x 100 HALF_UP to a whole percent, clamped to 1..99.
#ifndef ASSAY_SCORING_OGRS3_H_
#define ASSAY_SCORING_OGRS3_H_

#include <optional>

#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

struct Ogrs3Options {
  bool explain = true;
};

// Into an empty `out`; a template over the message types (v1:: for the
// scalar reference, their flat mirrors for the pipeline).
template <typename Assessment, typename Result>
void ScoreOgrs3(const Assessment& assessment, const OffenceTable& offences,
                const Ogrs3Options& options, Result* out);
v1::PredictorResult ScoreOgrs3(const v1::Assessment& assessment, const OffenceTable& offences,
                               const Ogrs3Options& options = {});

// The age/gender parameter for an age at follow-up >= 10 (§12.1 table).
double Ogrs3AgeGenderParameter(int age, bool female);

// The model's constants (§12.1), shared with the batch kernels.
inline constexpr double kOgrs3FirstTimeConviction = 0.12614;
inline constexpr double kOgrs3RepeatConviction = 0.46306;
inline constexpr double kOgrs3CopasMultiplier = 1.25112;
inline constexpr int kOgrs3CopasBoost = 10;
inline constexpr double kOgrs3OneYearIntercept = 1.40256;
inline constexpr double kOgrs3TwoYearIntercept = 2.1217;

// ScoreOgrs3 in two steps, for the batch engine (engine/batch), which runs
// the validation per record and the arithmetic in SIMD lanes.
// Derived inputs of a record that passes validation.
struct Ogrs3Inputs {
  double age_gender = 0;  // Ogrs3AgeGenderParameter(age at follow-up, female)
  int total_sanctions = 0;  // S >= 1
  double copas_rate = 0;  // Ogrs3CopasRate(...)
  double offence_parameter = 0;
};
// ln(S / (10 + ageAtConviction - ageAtFirstSanction)), the denominator
// formed in double as ScoreOgrs3 forms it.
double Ogrs3CopasRate(int total_sanctions, int age_at_conviction, int age_at_first_sanction);
// Appends ScoreOgrs3's errors (same types, fields and order) to *errors;
// returns the inputs when the record is scorable (then nothing was added).
template <typename Assessment, typename Errors>
std::optional<Ogrs3Inputs> ValidateOgrs3(const Assessment& assessment, const OffenceTable& offences,
                                         Errors* errors);
// ScoreOgrs3's arithmetic, in its order of operations.
struct Ogrs3Values {
  double conviction_status = 0;
  double copas = 0;
  double one_year_probability = 0;
  double two_year_probability = 0;
  int one_year_percent = 0;
  int two_year_percent = 0;
  v1::RiskBand band = v1::RISK_BAND_UNSPECIFIED;
};
Ogrs3Values EvaluateOgrs3(const Ogrs3Inputs& inputs);

// The builders of OGRS3's result, shared by ScoreOgrs3 and the pipeline's
// kernel lanes: the predictor and versions, then a scored outcome.
template <typename Result>
void StartOgrs3Result(Result* result);
template <typename Result>
void SetOgrs3Outcome(const Ogrs3Values& values, Result* result);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_OGRS3_H_
