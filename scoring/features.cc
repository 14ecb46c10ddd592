#include "scoring/features.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "scoring/dates.h"
#include "scoring/reoffending_models.h"

namespace assay::scoring {
namespace {

int8_t Score(int score) { return static_cast<int8_t>(score < 0 ? 0 : score); }

}  // namespace

int ProblemScore(v1::ProblemLevel level) {
  switch (level) {
    case v1::NO_PROBLEMS:
      return 0;
    case v1::SOME_PROBLEMS:
      return 1;
    case v1::SIGNIFICANT_PROBLEMS:
      return 2;
    default:
      return -1;
  }
}

int MotivationScore(v1::MotivationLevel level) {
  switch (level) {
    case v1::FULL_MOTIVATION:
      return 0;
    case v1::PARTIAL_MOTIVATION:
      return 1;
    case v1::NO_MOTIVATION:
      return 2;
    default:
      return -1;
  }
}

bool DeriveReoffendingFeatures(const v1::Assessment& assessment, OffenceCategory category,
                               ReoffendingFeatures* out) {
  if (!assessment.has_assessment_date() || !assessment.has_date_of_birth() ||
      !assessment.has_date_of_current_conviction() || !assessment.has_total_sanctions() ||
      !assessment.has_age_at_first_sanction()) {
    return false;
  }
  if (assessment.gender() != v1::MALE && assessment.gender() != v1::FEMALE) return false;
  const std::optional<CivilDay> assessed = ToCivilDay(assessment.assessment_date());
  const std::optional<CivilDay> dob = ToCivilDay(assessment.date_of_birth());
  const std::optional<CivilDay> conviction = ToCivilDay(assessment.date_of_current_conviction());
  if (!assessed || !dob || !conviction || *conviction <= *dob) return false;

  ReoffendingFeatures f;
  // The follow-up date falls back to the conviction date (§2.3).
  std::optional<CivilDay> followup = conviction;
  if (assessment.has_date_at_start_of_followup()) {
    followup = ToCivilDay(assessment.date_at_start_of_followup());
    if (!followup) return false;
    f.answered |= kAnsweredFollowUpDate;
  }
  if (*followup <= *dob) return false;

  f.female = assessment.gender() == v1::FEMALE ? 1 : 0;
  f.age_at_followup = AgeAt(*dob, *followup);
  f.age_at_conviction = AgeAt(*dob, *conviction);
  // Reference quirk 23: Y is a difference of integer ages.
  f.years_since_first = f.age_at_conviction - assessment.age_at_first_sanction();
  // Not yet in the community at the assessment: no offence-free time.
  f.offence_free_months = *assessed < *followup
                              ? 0
                              : std::min(kOffenceFreeMonthsCap, MonthsBetween(*followup, *assessed));
  f.total_sanctions = assessment.total_sanctions();
  // Outside what validation admits the copas logs would be undefined.
  if (f.total_sanctions < 1 || f.years_since_first < 0) return false;
  if (assessment.has_violent_sanctions()) {
    // ARP does not use V and does not check it; VRP and SVRP reject V < 0.
    f.violent_sanctions = assessment.violent_sanctions();
    f.answered |= kAnsweredViolentSanctions;
  }
  f.category = category;

  const v1::OasysAnswers& answers = assessment.answers();
  if (answers.has_weapon_involved()) {
    f.weapon = answers.weapon_involved() ? 1 : 0;
    f.answered |= kAnsweredWeapon;
  }
  if (ProblemScore(answers.accommodation_suitability()) >= 0) {
    f.accommodation = Score(ProblemScore(answers.accommodation_suitability()));
    f.answered |= kAnsweredAccommodation;
  }
  if (answers.has_unemployed()) {
    // Reference quirk 5: OASys codes 4.2 as 0/2, so the term is 2 x coefficient.
    f.unemployed = answers.unemployed() ? 2 : 0;
    f.answered |= kAnsweredUnemployed;
  }
  if (ProblemScore(answers.partner_relationship()) >= 0) {
    f.partner_relationship = Score(ProblemScore(answers.partner_relationship()));
    f.answered |= kAnsweredPartnerRelationship;
  }
  if (answers.has_domestic_abuse_evidence()) {
    // Reference quirk 6: the evidence flag itself, not "evidence AND against
    // partner" as the model label S6Q7_PERP suggests.
    f.domestic_abuse = answers.domestic_abuse_evidence() ? 1 : 0;
    f.answered |= kAnsweredDomesticAbuse;
  }
  switch (answers.relationship_status()) {
    case v1::IN_RELATIONSHIP_LIVING_TOGETHER:
    case v1::IN_RELATIONSHIP_NOT_LIVING_TOGETHER:
    case v1::NOT_IN_RELATIONSHIP:
      // Reference quirk 8: the S3Q2_PARTNER term is fed from 6.8.
      f.living_with_partner =
          answers.relationship_status() == v1::IN_RELATIONSHIP_LIVING_TOGETHER ? 1 : 0;
      f.answered |= kAnsweredRelationshipStatus;
      break;
    default:
      break;
  }
  if (ProblemScore(answers.regular_offending_activities()) >= 0) {
    f.regular_activities = Score(ProblemScore(answers.regular_offending_activities()));
    f.answered |= kAnsweredRegularActivities;
  }
  if (MotivationScore(answers.drug_misuse_motivation()) >= 0) {
    f.drug_motivation = Score(MotivationScore(answers.drug_misuse_motivation()));
    f.answered |= kAnsweredDrugMotivation;
  }
  if (ProblemScore(answers.current_alcohol_use()) >= 0) {
    f.current_alcohol = Score(ProblemScore(answers.current_alcohol_use()));
    f.answered |= kAnsweredCurrentAlcohol;
  }
  if (ProblemScore(answers.excessive_alcohol_use()) >= 0) {
    f.excessive_alcohol = Score(ProblemScore(answers.excessive_alcohol_use()));
    f.answered |= kAnsweredExcessiveAlcohol;
  }
  if (ProblemScore(answers.impulsivity()) >= 0) {
    f.impulsivity = Score(ProblemScore(answers.impulsivity()));
    f.answered |= kAnsweredImpulsivity;
  }
  if (ProblemScore(answers.temper_control()) >= 0) {
    f.temper = Score(ProblemScore(answers.temper_control()));
    f.answered |= kAnsweredTemper;
  }
  if (ProblemScore(answers.pro_criminal_attitudes()) >= 0) {
    f.pro_criminal = Score(ProblemScore(answers.pro_criminal_attitudes()));
    f.answered |= kAnsweredProCriminal;
  }
  // Drug flags: unanswered counts as "not used" (§5.1, §6.1).
  const auto drug = [&f](bool used, uint16_t bit) {
    if (used) f.drugs |= bit;
  };
  drug(answers.heroin(), kDrugHeroin);
  drug(answers.methadone(), kDrugMethadone);
  drug(answers.other_opiate(), kDrugOtherOpiate);
  drug(answers.crack_cocaine(), kDrugCrackCocaine);
  drug(answers.powder_cocaine(), kDrugPowderCocaine);
  drug(answers.misused_prescription_drug(), kDrugMisusedPrescription);
  drug(answers.benzodiazepines(), kDrugBenzodiazepines);
  drug(answers.cannabis(), kDrugCannabis);
  drug(answers.steroids(), kDrugSteroids);
  drug(answers.other_drugs(), kDrugOtherDrugs);
  drug(answers.ketamine(), kDrugKetamine);
  drug(answers.spice(), kDrugSpice);
  drug(answers.hallucinogens(), kDrugHallucinogens);
  drug(answers.solvents(), kDrugSolvents);

  if (assessment.has_previous_convictions()) {
    f.answered |= kAnsweredPreviousConvictions;
    // Membership, so duplicates count once (§7.2).
    for (int type : assessment.previous_convictions().types()) {
      if (type >= v1::HOMICIDE && type <= v1::ARSON) {
        f.previous_convictions |= static_cast<uint16_t>(1u << (type - 1));
      }
    }
  }

  const double a = f.age_at_followup;
  f.age_powers = {a, a * a, a * a * a, a * a * a * a};
  const double m = f.offence_free_months;
  f.ofm_powers = {m, m * m, m * m * m, m * m * m * m};
  const double s = f.total_sanctions;
  const double y = f.years_since_first;
  // Validation guarantees S >= 1 and Y >= 0, so the logs are finite.
  f.copas_general_rate = std::log(s / (y + kArpCopasBoost));
  f.copas_violent_general_rate = std::log(s / (y + kCopasViolentGeneralBoost));
  f.violent_rate =
      f.violent_sanctions > 0 ? std::log(f.violent_sanctions / (y + kViolentRateBoost)) : 0.0;
  *out = f;
  return true;
}

}  // namespace assay::scoring
