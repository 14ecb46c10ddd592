#include "engine/batch/fast_path.h"

#include <algorithm>
#include <cmath>

#include "scoring/reoffending_models.h"

namespace assay::batch {
namespace {

using scoring::ReoffendingFeatures;

// A calendar date as three integers.
struct Ymd {
  int y, m, d;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// scoring::IsValidDate: a real day in years 1800..2200.
template <typename Date>
bool Read(const Date& date, Ymd* out) {
  const int y = date.year(), m = date.month(), d = date.day();
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *out = Ymd{y, m, d};
  return true;
}

// Chronological order key.
long Key(const Ymd& a) { return (static_cast<long>(a.y) * 16 + a.m) * 32 + a.d; }
long ProlepticMonth(const Ymd& a) { return a.y * 12L + (a.m - 1); }

// scoring::AgeAt (Period.between(...).getYears()).
int AgeAt(const Ymd& dob, const Ymd& d) {
  long months = ProlepticMonth(d) - ProlepticMonth(dob);
  const int days = d.d - dob.d;
  if (months > 0 && days < 0) {
    --months;
  } else if (months < 0 && days > 0) {
    ++months;
  }
  return static_cast<int>(months / 12);
}

// scoring::MonthsBetween (ChronoUnit.MONTHS).
int MonthsBetween(const Ymd& a, const Ymd& b) {
  return static_cast<int>(((ProlepticMonth(b) * 32 + b.d) - (ProlepticMonth(a) * 32 + a.d)) / 32);
}

// scoring::PlusMonths: clamped to the month's last day.
Ymd PlusMonths(const Ymd& a, int months) {
  const long pm = ProlepticMonth(a) + months;
  const int y = static_cast<int>(pm / 12), m = static_cast<int>(pm % 12) + 1;
  return Ymd{y, m, std::min(a.d, DaysInMonth(y, m))};
}

// 0..2 for a known answer, -1 otherwise (unanswered or unknown number).
int Problem(v1::ProblemLevel v) {
  return v >= v1::NO_PROBLEMS && v <= v1::SIGNIFICANT_PROBLEMS ? static_cast<int>(v) - 1 : -1;
}

// Whether the dynamic validation of ARP, VRP and SVRP
// (scoring/reoffending_dynamic.h) would add no error: every item of the
// three models answered with a known value, previous convictions known,
// and so no drug-consistency error (motivation is answered).
template <typename Record>
bool DynamicClean(const Record& a) {
  const auto& x = a.answers();
  const int problems = Problem(x.accommodation_suitability()) | Problem(x.partner_relationship()) |
                       Problem(x.regular_offending_activities()) | Problem(x.current_alcohol_use()) |
                       Problem(x.excessive_alcohol_use()) | Problem(x.impulsivity()) |
                       Problem(x.temper_control()) | Problem(x.pro_criminal_attitudes());
  const v1::MotivationLevel motivation = x.drug_misuse_motivation();
  const v1::RelationshipStatus status = x.relationship_status();
  if (problems < 0 || motivation < v1::FULL_MOTIVATION || motivation > v1::NO_MOTIVATION ||
      status < v1::IN_RELATIONSHIP_LIVING_TOGETHER || status > v1::NOT_IN_RELATIONSHIP ||
      !x.has_weapon_involved() || !x.has_unemployed() || !x.has_domestic_abuse_evidence() ||
      !a.has_previous_convictions()) {
    return false;
  }
  for (int type : a.previous_convictions().types()) {
    if (type < v1::HOMICIDE || type > v1::ARSON) return false;
  }
  return true;
}

// True when the static validation of ARP, VRP and SVRP would report no
// error; *out is then every feature, as scoring::DeriveReoffendingFeatures
// derives it. One definition for v1::Assessment and WireAssessment (which
// mimics the accessors used here), so the two paths cannot drift apart.
template <typename Record>
bool DeriveStatic(const Record& a, const scoring::OffenceTable& offences, ReoffendingFeatures* out) {
  // Static inputs of ARP, VRP and SVRP: all present and valid.
  if (!a.has_assessment_date() || !a.has_date_of_birth() || !a.has_date_of_current_conviction() ||
      !a.has_age_at_first_sanction() || !a.has_total_sanctions() || !a.has_violent_sanctions()) {
    return false;
  }
  if (a.gender() != v1::MALE && a.gender() != v1::FEMALE) return false;
  Ymd assessed, dob, conviction, followup;
  if (!Read(a.assessment_date(), &assessed) || !Read(a.date_of_birth(), &dob) ||
      !Read(a.date_of_current_conviction(), &conviction)) {
    return false;
  }
  const bool has_followup = a.has_date_at_start_of_followup();
  if (has_followup) {
    if (!Read(a.date_at_start_of_followup(), &followup)) return false;
  } else {
    followup = conviction;  // §2.3 fallback
  }
  const int total = a.total_sanctions(), violent = a.violent_sanctions();
  const int first = a.age_at_first_sanction();
  if (total < 1 || total > 999 || violent < 0 || violent > total || first < 0 || first > 109) {
    return false;
  }
  if (Key(conviction) <= Key(dob)) return false;
  const int age_at_conviction = AgeAt(dob, conviction);
  if (age_at_conviction < first) return false;
  if (Key(conviction) > Key(PlusMonths(assessed, 3))) return false;
  // Follow-up checks (ARP, VRP; the conviction date already passed them).
  if (Key(followup) <= Key(dob)) return false;
  const int age_at_followup = AgeAt(dob, followup);
  if (age_at_followup >= 110) return false;
  const scoring::OffenceInfo* info = offences.Find(a.current_offence_code());
  if (info == nullptr || info->category == scoring::OffenceCategory::kUnknown) return false;

  // Derivation, field for field as scoring::DeriveReoffendingFeatures.
  ReoffendingFeatures f;
  f.female = a.gender() == v1::FEMALE ? 1 : 0;
  f.age_at_followup = age_at_followup;
  f.age_at_conviction = age_at_conviction;
  f.years_since_first = age_at_conviction - first;  // reference quirk 23
  f.offence_free_months =
      Key(assessed) < Key(followup)
          ? 0
          : std::min(scoring::kOffenceFreeMonthsCap, MonthsBetween(followup, assessed));
  f.total_sanctions = total;
  f.violent_sanctions = violent;
  f.category = info->category;
  f.answered =
      scoring::kAnsweredViolentSanctions | (has_followup ? scoring::kAnsweredFollowUpDate : 0u);
  scoring::DeriveAnswerFeatures(a, &f);
  const double age = f.age_at_followup;
  f.age_powers = {age, age * age, age * age * age, age * age * age * age};
  const double m = f.offence_free_months;
  f.ofm_powers = {m, m * m, m * m * m, m * m * m * m};
  const double s = f.total_sanctions;
  const double y = f.years_since_first;
  f.copas_general_rate = std::log(s / (y + scoring::kArpCopasBoost));
  f.copas_violent_general_rate = std::log(s / (y + scoring::kCopasViolentGeneralBoost));
  f.violent_rate =
      f.violent_sanctions > 0 ? std::log(f.violent_sanctions / (y + scoring::kViolentRateBoost)) : 0.0;
  *out = f;
  return true;
}

}  // namespace

bool FastDeriveClean(const v1::Assessment& assessment, const scoring::OffenceTable& offences,
                     ReoffendingFeatures* features) {
  return DynamicClean(assessment) && DeriveStatic(assessment, offences, features);
}

bool FastDeriveClean(const WireAssessment& assessment, const scoring::OffenceTable& offences,
                     ReoffendingFeatures* features) {
  return DynamicClean(assessment) && DeriveStatic(assessment, offences, features);
}

bool FastDeriveStatic(const WireAssessment& assessment, const scoring::OffenceTable& offences,
                      ReoffendingFeatures* features, bool* dynamic_clean) {
  if (!DeriveStatic(assessment, offences, features)) return false;
  *dynamic_clean = DynamicClean(assessment);
  return true;
}

}  // namespace assay::batch
