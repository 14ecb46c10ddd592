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

#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

struct Ogrs3Options {
  bool explain = true;
};

v1::PredictorResult ScoreOgrs3(const v1::Assessment& assessment, const OffenceTable& offences,
                               const Ogrs3Options& options = {});

// The age/gender parameter for an age at follow-up >= 10 (§12.1 table).
double Ogrs3AgeGenderParameter(int age, bool female);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_OGRS3_H_
