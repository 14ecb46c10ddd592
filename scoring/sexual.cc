#include "scoring/sexual.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/field_reader.h"
#include "scoring/rounding.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
namespace {

using Need = FieldReader::Need;

constexpr std::string_view kGender = "gender";
constexpr std::string_view kSupervision = "supervision_status";
constexpr std::string_view kHasEver = "has_ever_committed_sexual_offence";
constexpr std::string_view kDob = "date_of_birth";
constexpr std::string_view kFollowup = "date_at_start_of_followup";
constexpr std::string_view kTotal = "total_sanctions";
constexpr std::string_view kAssessmentDate = "assessment_date";
constexpr std::string_view kImages = "indecent_image_sanctions";
constexpr std::string_view kAdult = "contact_adult_sexual_sanctions";
constexpr std::string_view kChild = "contact_child_sexual_sanctions";
constexpr std::string_view kNonContact = "non_contact_sexual_offences";
constexpr std::string_view kMostRecentSexual = "date_of_most_recent_sexual_offence";
constexpr std::string_view kMostRecentOffence = "most_recent_offence_date";

// DC-SRP logistic (§8.4). The intercept was -8.6333 before the reference
// fixed a typo (commit 5832c83); this is the fixed value.
constexpr double kDcIntercept = -8.633;
constexpr double kDcSlope = 0.1598;
constexpr int kDcMaxPoints = 64;
constexpr int kReductionYears = 5;

// IIC-SRP hierarchy rates (§9): double literals, as the reference builds
// them with new BigDecimal(double).
constexpr double kIicTwoOrMoreImages = 0.10310;
constexpr double kIicOneImage = 0.03328;
constexpr double kIicTwoOrMoreChild = 0.00926;
constexpr double kIicOneChild = 0.00634;
constexpr double kIicNonContactAndAdult = 0.00281;

// CSRP: a woman with sexual offending history adds pct(1/261) (§10).
constexpr double kCsrpFemaleSexualOffender = 0.0038314176245211;

template <typename Result>
void Stamp(v1::Predictor predictor, v1::ModelType type, Result* r) {
  r->set_predictor(predictor);
  r->set_type(type);
  r->set_model_version(kSexualModelVersion, sizeof(kSexualModelVersion) - 1);
  r->set_thresholds_version(kSexualThresholdsVersion, sizeof(kSexualThresholdsVersion) - 1);
}

template <typename Result>
void AddTerm(Result* r, std::string_view name, double value) {
  auto* t = r->add_explanation();
  t->set_name(name.data(), name.size());
  t->set_value(value);
}

// The four sexual-history counts of §8.1, in the reference's order.
struct SexualCounts {
  std::optional<int> images;
  std::optional<int> adult;
  std::optional<int> child;
  std::optional<int> non_contact;

  template <typename Assessment>
  static SexualCounts Read(const Assessment& a) {
    SexualCounts c;
    if (a.has_indecent_image_sanctions()) c.images = a.indecent_image_sanctions();
    if (a.has_contact_adult_sexual_sanctions()) c.adult = a.contact_adult_sexual_sanctions();
    if (a.has_contact_child_sexual_sanctions()) c.child = a.contact_child_sexual_sanctions();
    if (a.has_non_contact_sexual_offences()) c.non_contact = a.non_contact_sexual_offences();
    return c;
  }
};

// The sexual-field checks DC-SRP and IIC-SRP share (§8.1 items 1, 3, 6).
// `exempt` = gender FEMALE or has_ever_committed_sexual_offence false.

// Item 1. Also fires when has_ever_committed_sexual_offence is null: the
// reference only exempts an explicit false.
template <typename Errors>
void CheckSecondaryFields(const SexualCounts& c, bool exempt, Errors* errors) {
  if (exempt) return;
  FieldReader::FieldList missing;
  if (!c.images) missing.push_back(kImages);
  if (!c.adult) missing.push_back(kAdult);
  if (!c.child) missing.push_back(kChild);
  if (!c.non_contact) missing.push_back(kNonContact);
  if (!missing.empty()) FillError(v1::MISSING_MANDATORY_INPUT, missing, errors->Add());
}

// Item 3. "All four counts are 0" needs four answered zeros (an absent count
// is not a zero; item 1 has already reported it). The sum check adds the
// answered counts. Negative counts are not checked, as in the reference.
template <typename Errors>
void CheckSanctionCounts(const SexualCounts& c, const std::optional<int>& total, bool exempt,
                         Errors* errors) {
  if (exempt) return;
  const bool all_zero = c.images == 0 && c.adult == 0 && c.child == 0 && c.non_contact == 0;
  if (all_zero) {
    AddError(errors, v1::SEXUAL_REOFFENDING_PREDICTOR_NO_SANCTIONS,
             {kImages, kAdult, kChild, kNonContact});
    return;
  }
  const int64_t sum = int64_t{c.images.value_or(0)} + c.adult.value_or(0) +
                      c.child.value_or(0) + c.non_contact.value_or(0);
  if (total && sum > *total) {
    AddError(errors, v1::TOTAL_NUMBER_OF_SEXUAL_SANCTIONS_OUT_OF_RANGE,
             {kImages, kAdult, kChild, kNonContact, kTotal});
  }
}

// Item 6: counts recorded although has_ever_committed_sexual_offence is
// null or false (a woman is exempt).
template <typename Errors>
void CheckInconsistency(const SexualCounts& c, bool female, std::optional<bool> has_ever,
                        Errors* errors) {
  if (female || has_ever == true) return;
  FieldReader::FieldList fields = {kHasEver};
  auto offending = [&fields](std::optional<int> count, std::string_view field) {
    if (count && *count != 0) fields.push_back(field);
  };
  offending(c.images, kImages);
  offending(c.adult, kAdult);
  offending(c.child, kChild);
  offending(c.non_contact, kNonContact);
  if (fields.size() > 1) {
    FillError(v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT, fields, errors->Add());
  }
}

template <typename Result>
void SetNotApplicable(std::optional<v1::Gender> gender, std::optional<bool> has_ever, Result* r) {
  r->set_status(v1::RESULT_NOT_APPLICABLE);
  r->set_band(v1::NOT_APPLICABLE);
  r->set_probability(0.0);
  r->set_percentage(0.0);
  r->set_female_version(gender == v1::FEMALE);
  if (has_ever) r->set_has_sexual_offence_history(*has_ever);
}

}  // namespace

double DcSrpProbability(int points) {
  if (points == 0) return 0.0;
  // Evaluation order of the reference: slope * points, plus the intercept,
  // then the logistic, all in double. No point total 1..64 lands within
  // 1e-7 of a 2 dp tie (sexual_test checks all 64), so double is exact here.
  const double z = kDcIntercept + kDcSlope * points;
  return PointScaleLogistic(z);
}

v1::RiskBand DcSrpBandForPoints(int points) {
  if (points < 0 || points > kDcMaxPoints) return v1::RISK_BAND_UNSPECIFIED;
  if (points <= 21) return v1::LOW;
  if (points <= 29) return v1::MEDIUM;
  if (points <= 35) return v1::HIGH;
  return v1::VERY_HIGH;
}

int DcSrpAgeAtFollowupPoints(int age) {
  if (age >= 60) return 0;
  // C++ integer division truncates toward zero, as Kotlin's does.
  return 14 - std::max(0, (age - 18) / 3);
}

v1::RiskBand OneBandDown(v1::RiskBand band) {
  switch (band) {
    case v1::VERY_HIGH:
      return v1::HIGH;
    case v1::HIGH:
      return v1::MEDIUM;
    case v1::MEDIUM:
      return v1::LOW;
    default:
      return band;
  }
}

int ContactAdultSexualPoints(int count) {
  return count == 1 ? 5 : count == 2 ? 10 : count >= 3 ? 15 : 0;
}
int ContactChildSexualPoints(int count) {
  return count == 1 ? 3 : count == 2 ? 6 : count >= 3 ? 9 : 0;
}
int NonContactSexualPoints(int count) {
  return count == 1 ? 2 : count == 2 ? 4 : count >= 3 ? 6 : 0;
}

v1::RiskBand CsrpBand(double score) {
  if (score < 0) return v1::NOT_APPLICABLE;
  if (score < 1.0) return v1::LOW;
  if (score < 3.0) return v1::MEDIUM;
  if (score < 6.9) return v1::HIGH;
  return v1::VERY_HIGH;
}

template <typename Result>
void ApplyDcSrpPoints(const DcSrpPoints& points, v1::SupervisionStatus supervision,
                      std::optional<CivilDay> most_recent_offence,
                      std::optional<CivilDay> most_recent_sexual_offence, CivilDay followup,
                      CivilDay assessment_date, bool explain, Result* r) {
  const int total = points.Total();
  r->set_status(v1::RESULT_SCORED);
  r->set_point_score(total);
  const double p = DcSrpProbability(total);
  r->set_probability(p);
  r->set_percentage(PercentOf(p));
  v1::RiskBand band = DcSrpBandForPoints(total);
  if (total > 0) {
    // §8.4: every condition must hold; a date in the future gives a negative
    // year count and so no reduction.
    auto five_years_before = [&](CivilDay d) {
      return YearsBetween(d, assessment_date) >= kReductionYears;
    };
    const bool reduce = supervision != v1::CUSTODY && band != v1::LOW &&
                        band != v1::NOT_APPLICABLE &&
                        (!most_recent_offence || five_years_before(*most_recent_offence)) &&
                        (!most_recent_sexual_offence ||
                         five_years_before(*most_recent_sexual_offence)) &&
                        five_years_before(followup);
    r->set_risk_band_reduction_applied(reduce);
    if (reduce) band = OneBandDown(band);
  }
  r->set_band(band);
  if (!explain) return;
  AddTerm(r, "totalContactAdultSexualSanctionsWeight", points.contact_adult);
  AddTerm(r, "totalContactChildSexualSanctionsWeight", points.contact_child);
  AddTerm(r, "totalNonContactSexualOffencesWeight", points.non_contact);
  AddTerm(r, "ageAtStartOfFollowUpWeight", points.age_at_followup);
  AddTerm(r, "ageAtLastSanctionForSexualOffenceWeight", points.age_at_last_sexual_offence);
  AddTerm(r, "totalNumberOfSanctionsForAllOffencesWeight", points.total_sanctions);
  AddTerm(r, "currentOffenceAgainstVictimStrangerWeight", points.stranger_victim);
  AddTerm(r, "totalWeight", total);
}

template <typename Assessment, typename Result>
void ScoreDcSrp(const Assessment& a, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::DC_SRP, v1::STATIC, &r);
  auto* errors = r.mutable_errors();

  // Reference quirk 12: these are required for every person, including women
  // and people with no sexual offending, so a gap here fails DC-SRP and,
  // through it, CSRP.
  FieldReader in;
  const std::optional<v1::Gender> gender = in.Enum(a.gender(), kGender, Need::kRequired);
  const std::optional<v1::SupervisionStatus> supervision =
      in.Enum(a.supervision_status(), kSupervision, Need::kRequired);
  const std::optional<bool> has_ever =
      in.Scalar(a.has_has_ever_committed_sexual_offence(), a.has_ever_committed_sexual_offence(),
                kHasEver, Need::kRequired);
  const std::optional<CivilDay> dob =
      in.Date(a.has_date_of_birth(), a.date_of_birth(), kDob, Need::kRequired);
  const std::optional<CivilDay> followup = in.Date(
      a.has_date_at_start_of_followup(), a.date_at_start_of_followup(), kFollowup, Need::kRequired);
  const std::optional<int> total =
      in.Scalar(a.has_total_sanctions(), a.total_sanctions(), kTotal, Need::kRequired);
  // Assay's own requirement (the reference defaults it to today).
  const std::optional<CivilDay> assessed = in.Date(a.has_assessment_date(), a.assessment_date(),
                                                   kAssessmentDate, Need::kRequired);
  const std::optional<CivilDay> recent_sexual =
      in.Date(a.has_date_of_most_recent_sexual_offence(), a.date_of_most_recent_sexual_offence(),
              kMostRecentSexual, Need::kOptional);
  const std::optional<CivilDay> recent_offence =
      in.Date(a.has_most_recent_offence_date(), a.most_recent_offence_date(), kMostRecentOffence,
              Need::kOptional);
  in.EmitTo(errors);

  const bool female = gender == v1::FEMALE;
  const bool exempt = female || has_ever == false;
  const bool male_with_history = gender == v1::MALE && has_ever == true;
  const SexualCounts counts = SexualCounts::Read(a);

  CheckSecondaryFields(counts, exempt, errors);  // §8.1 item 1
  if (!exempt && total && (*total < 1 || *total > 999)) {  // item 2
    AddError(errors, v1::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, {kTotal});
  }
  CheckSanctionCounts(counts, total, exempt, errors);  // item 3
  if (male_with_history) {                             // item 4
    if (!a.has_date_of_most_recent_sexual_offence()) {
      AddError(errors, v1::MISSING_MANDATORY_INPUT, {kMostRecentSexual});
    } else if (recent_sexual && dob) {
      if (*recent_sexual <= *dob) {
        AddError(errors, v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_BEFORE_DATE_OF_BIRTH,
                 {kMostRecentSexual});
      } else if (AgeAt(*dob, *recent_sexual) >= 110) {
        AddError(errors, v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_OUT_OF_RANGE, {kMostRecentSexual});
      }
    }
  }
  if (!exempt && followup && dob && *followup > *dob && AgeAt(*dob, *followup) >= 110) {  // item 5
    AddError(errors, v1::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE, {kFollowup});
  }
  CheckInconsistency(counts, female, has_ever, errors);  // item 6
  // The reference has no check for a follow-up date on or before the date of
  // birth here; its age helper then throws (UNEXPECTED_ERROR). Assay names
  // the rule instead, for the one path that computes that age.
  if (male_with_history && followup && dob && *followup <= *dob) {
    AddError(errors, v1::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH, {kFollowup});
  }

  if (!errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  if (exempt) {
    SetNotApplicable(gender, has_ever, &r);
    return;
  }

  // Male with sexual offending history; every value below was validated.
  r.set_female_version(false);
  r.set_has_sexual_offence_history(true);
  DcSrpPoints points;
  points.contact_adult = ContactAdultSexualPoints(*counts.adult);
  points.contact_child = ContactChildSexualPoints(*counts.child);
  points.non_contact = NonContactSexualPoints(*counts.non_contact);
  points.age_at_followup = DcSrpAgeAtFollowupPoints(AgeAt(*dob, *followup));
  const int age_at_last_sexual = AgeAt(*dob, *recent_sexual);
  points.age_at_last_sexual_offence =
      age_at_last_sexual >= 18 ? 10 : (age_at_last_sexual >= 16 ? 5 : 0);
  points.total_sanctions = *total >= 2 ? 6 : 0;
  points.stranger_victim =
      a.has_current_offence_against_stranger() && a.current_offence_against_stranger() ? 4 : 0;
  ApplyDcSrpPoints(points, *supervision, recent_offence, recent_sexual, *followup, *assessed,
                   explain, &r);
}

template <typename Assessment, typename Result>
void ScoreIicSrp(const Assessment& a, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::IIC_SRP, v1::STATIC, &r);
  auto* errors = r.mutable_errors();

  FieldReader in;
  const std::optional<v1::Gender> gender = in.Enum(a.gender(), kGender, Need::kRequired);
  const std::optional<bool> has_ever =
      in.Scalar(a.has_has_ever_committed_sexual_offence(), a.has_ever_committed_sexual_offence(),
                kHasEver, Need::kRequired);
  in.EmitTo(errors);

  const bool female = gender == v1::FEMALE;
  const bool exempt = female || has_ever == false;
  const SexualCounts counts = SexualCounts::Read(a);
  const std::optional<int> total =
      a.has_total_sanctions() ? std::optional<int>(a.total_sanctions()) : std::nullopt;
  CheckSecondaryFields(counts, exempt, errors);
  CheckSanctionCounts(counts, total, exempt, errors);
  CheckInconsistency(counts, female, has_ever, errors);
  if (!errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  if (has_ever != true) {
    SetNotApplicable(gender, has_ever, &r);
    return;
  }

  r.set_status(v1::RESULT_SCORED);
  r.set_female_version(female);
  r.set_has_sexual_offence_history(true);
  double weight = 0.0;
  if (!female) {
    // First matching rule of the hierarchy (§9).
    if (*counts.images >= 2) {
      weight = kIicTwoOrMoreImages;
    } else if (*counts.images == 1) {
      weight = kIicOneImage;
    } else if (*counts.child >= 2) {
      weight = kIicTwoOrMoreChild;
    } else if (*counts.child == 1) {
      weight = kIicOneChild;
    } else if (*counts.non_contact != 0 && *counts.adult != 0) {
      // Reference quirk 13: the fifth rule needs BOTH non-contact and adult
      // contact counts; one alone scores 0 (the old OSP/IIC gave 0.00281 to
      // every other case).
      weight = kIicNonContactAndAdult;
    }
  }
  // Reference quirk 14: a woman with sexual offending history is scored LOW
  // with weight 0, not NOT_APPLICABLE (DC-SRP calls her not applicable).
  r.set_probability(weight);
  r.set_percentage(ClampPercent(PercentOf(weight)));
  // The band is decided by equality of the weight with the first two rates.
  r.set_band(weight == kIicTwoOrMoreImages ? v1::HIGH
             : weight == kIicOneImage      ? v1::MEDIUM
                                           : v1::LOW);
  if (explain) AddTerm(&r, "imagesAndIndirectContactWeight", weight);
}

template <typename Assessment, typename Result>
void ScoreCsrp(const Assessment& a, const Result& svrp, const Result& dc_srp, const Result& iic_srp,
               bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::CSRP, v1::COMBINED, &r);
  auto* errors = r.mutable_errors();

  // A component that was not produced counts as a component in error.
  auto failed = [](const Result& c) {
    return c.status() != v1::RESULT_SCORED && c.status() != v1::RESULT_NOT_APPLICABLE;
  };
  FieldReader::FieldList components;
  if (failed(dc_srp) || !dc_srp.errors().empty()) components.push_back("dc_srp");
  if (failed(iic_srp) || !iic_srp.errors().empty()) components.push_back("iic_srp");
  // A static-only SVRP (fallback errors MISSING_DYNAMIC_INPUT) is acceptable.
  bool svrp_error = failed(svrp);
  for (const auto& e : svrp.errors()) {
    if (e.type() != v1::MISSING_DYNAMIC_INPUT) svrp_error = true;
  }
  if (svrp_error) components.push_back("svrp");

  FieldReader own;
  const std::optional<v1::Gender> gender = own.Enum(a.gender(), kGender, Need::kRequired);
  const std::optional<bool> has_ever =
      own.Scalar(a.has_has_ever_committed_sexual_offence(), a.has_ever_committed_sexual_offence(),
                 kHasEver, Need::kRequired);
  if (!components.empty() || !own.clean()) {
    // Reference quirk 15: the list always starts with
    // COMPONENT_VALIDATION_ERROR, with an empty field list when only CSRP's
    // own fields are missing.
    FillError(v1::COMPONENT_VALIDATION_ERROR, components, errors->Add());
    own.EmitTo(errors);
    r.set_status(v1::RESULT_ERROR);
    return;
  }

  const bool female = gender == v1::FEMALE;
  const double sv = svrp.percentage();
  // dc = pct(DC-SRP probability): DC-SRP's percentage is exactly that, and
  // 0.0 when DC-SRP is not applicable; IIC-SRP's score is already a percent.
  const double dc = dc_srp.percentage();
  const double iic = iic_srp.percentage();
  const double fem = female && *has_ever ? PercentOf(kCsrpFemaleSexualOffender) : 0.0;
  // Double additions left to right, as the reference adds them, then one
  // HALF_UP rounding to 2 dp of the exact sum held in the double.
  const double sum = sv + dc + iic + fem;
  const double score = ClampPercent(RoundHalfUp(sum, 2));
  r.set_status(v1::RESULT_SCORED);
  r.set_percentage(score);
  r.set_band(CsrpBand(score));
  r.set_female_version(female);
  r.set_has_sexual_offence_history(*has_ever);
  if (!explain) return;
  AddTerm(&r, "seriousViolentPredictorScore", sv);
  AddTerm(&r, "directContactSexualPredictorScore", dc);
  AddTerm(&r, "indirectContactSexualPredictorScore", iic);
  AddTerm(&r, "femaleSexualOffenderScore", fem);
  AddTerm(&r, "totalWeight", score);
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_SEXUAL_INSTANTIATE(Assessment, Result)                                             \
  template void ScoreDcSrp(const Assessment&, bool, Result*);                                     \
  template void ScoreIicSrp(const Assessment&, bool, Result*);                                    \
  template void ScoreCsrp(const Assessment&, const Result&, const Result&, const Result&, bool,    \
                          Result*);                                                               \
  template void ApplyDcSrpPoints(const DcSrpPoints&, v1::SupervisionStatus,                       \
                                 std::optional<CivilDay>, std::optional<CivilDay>, CivilDay,      \
                                 CivilDay, bool, Result*);
ASSAY_SEXUAL_INSTANTIATE(v1::Assessment, v1::PredictorResult)
ASSAY_SEXUAL_INSTANTIATE(flat::Assessment, flat::PredictorResult)
#undef ASSAY_SEXUAL_INSTANTIATE

v1::PredictorResult ScoreDcSrp(const v1::Assessment& a) {
  v1::PredictorResult r;
  ScoreDcSrp(a, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreIicSrp(const v1::Assessment& a) {
  v1::PredictorResult r;
  ScoreIicSrp(a, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreCsrp(const v1::Assessment& a, const v1::PredictorResult& svrp,
                              const v1::PredictorResult& dc_srp,
                              const v1::PredictorResult& iic_srp) {
  v1::PredictorResult r;
  ScoreCsrp(a, svrp, dc_srp, iic_srp, /*explain=*/true, &r);
  return r;
}

}  // namespace assay::scoring
