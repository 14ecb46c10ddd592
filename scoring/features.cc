#include "scoring/features.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "scoring/dates.h"
#include "scoring/reoffending_models.h"
#include "scoring/transcendental.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
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

template <typename Assessment>
bool DeriveReoffendingFeatures(const Assessment& assessment, OffenceCategory category,
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

  DeriveAnswerFeatures(assessment, &f);

  const double a = f.age_at_followup;
  f.age_powers = {a, a * a, a * a * a, a * a * a * a};
  const double m = f.offence_free_months;
  f.ofm_powers = {m, m * m, m * m * m, m * m * m * m};
  const double s = f.total_sanctions;
  const double y = f.years_since_first;
  // Validation guarantees S >= 1 and Y >= 0, so the logs are finite.
  f.copas_general_rate = Log(s / (y + kArpCopasBoost));
  f.copas_violent_general_rate = Log(s / (y + kCopasViolentGeneralBoost));
  f.violent_rate =
      f.violent_sanctions > 0 ? Log(f.violent_sanctions / (y + kViolentRateBoost)) : 0.0;
  *out = f;
  return true;
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// derive with this same function.
template bool DeriveReoffendingFeatures(const v1::Assessment&, OffenceCategory,
                                        ReoffendingFeatures*);
template bool DeriveReoffendingFeatures(const flat::Assessment&, OffenceCategory,
                                        ReoffendingFeatures*);

}  // namespace assay::scoring
