#include "scoring/ogrs3.h"

#include <cmath>
#include <optional>
#include <type_traits>
#include <utility>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/reoffending_models.h"
#include "scoring/rounding.h"
#include "scoring/transcendental.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
namespace {

constexpr double kFirstTimeConviction = kOgrs3FirstTimeConviction;
constexpr double kRepeatConviction = kOgrs3RepeatConviction;
constexpr double kCopasMultiplier = kOgrs3CopasMultiplier;
constexpr int kCopasBoost = kOgrs3CopasBoost;
constexpr double kOneYearIntercept = kOgrs3OneYearIntercept;
constexpr double kTwoYearIntercept = kOgrs3TwoYearIntercept;

struct AgeBand {
  int from;  // inclusive lower age
  double male;
  double female;
};
constexpr AgeBand kAgeBands[] = {
    {10, 0.0, 0.785},        {12, 0.08392, 0.61385}, {14, 0.07578, 0.66952},
    {16, -0.0616, -0.9592},  {18, -0.6251, -0.8975}, {21, -1.0515, -1.0285},
    {25, -1.1667, -1.0528},  {30, -1.326, -1.1291},  {35, -1.368, -1.4219},
    {40, -1.4997, -1.5247},  {50, -2.0253, -2.4498},
};

template <typename Errors>
void Add(Errors* errors, v1::ErrorType type, std::initializer_list<std::string_view> fields) {
  FillError(type, fields, errors->Add());
}

// p = e^x / (1 + e^x) in double, as the reference wrote it (Exp: the
// OGRS3 kernels' lanes compute the same bits).
double Logistic(double x) {
  const double e = Exp(x);
  return e / (1.0 + e);
}

// round0_HALF_UP(100 x round5_HALF_UP(p)), clamped to 1..99.
int WholePercent(double p) {
  const double five_places = RoundHalfUp(p, 5);
  // new BigDecimal(double) x 100 is exact, then HALF_UP to an integer.
  const double percent = PercentHalfUp(five_places, 0);
  return ClampWholePercent(static_cast<int>(percent));
}

v1::RiskBand Band(int two_year) {
  if (two_year < 50) return v1::LOW;
  if (two_year < 75) return v1::MEDIUM;
  if (two_year < 90) return v1::HIGH;
  return v1::VERY_HIGH;
}

template <typename Result>
void AddTerm(Result* result, std::string_view name, double value) {
  auto* term = result->add_explanation();
  term->set_name(name.data(), name.size());
  term->set_value(value);
}

}  // namespace

double Ogrs3AgeGenderParameter(int age, bool female) {
  const AgeBand* band = &kAgeBands[0];
  for (const AgeBand& candidate : kAgeBands) {
    if (age >= candidate.from) band = &candidate;
  }
  return female ? band->female : band->male;
}

double Ogrs3CopasRate(int total_sanctions, int age_at_conviction, int age_at_first_sanction) {
  // Validation makes the denominator at least 10 (age at first sanction <=
  // age at conviction), so the rate is always defined for a scorable record.
  // (In double: a negative age at first sanction is not range-checked here.)
  const double denominator =
      static_cast<double>(kCopasBoost + age_at_conviction) - age_at_first_sanction;
  return Log(static_cast<double>(total_sanctions) / denominator);
}

template <typename Assessment, typename Errors>
std::optional<Ogrs3Inputs> ValidateOgrs3(const Assessment& a, const OffenceTable& offences,
                                         Errors* errors) {
  const int errors_before = errors->size();
  absl::InlinedVector<std::string_view, 8> missing;
  if (a.gender() == v1::GENDER_UNSPECIFIED) missing.push_back("gender");
  if (!a.has_date_of_birth()) missing.push_back("date_of_birth");
  if (!a.has_date_of_current_conviction()) missing.push_back("date_of_current_conviction");
  if (!a.has_date_at_start_of_followup()) missing.push_back("date_at_start_of_followup");
  if (!a.has_total_sanctions()) missing.push_back("total_sanctions");
  if (!a.has_age_at_first_sanction()) missing.push_back("age_at_first_sanction");
  if (a.current_offence_code().empty()) missing.push_back("current_offence_code");
  if (!missing.empty()) FillError(v1::MISSING_MANDATORY_INPUT, missing, errors->Add());

  const auto date = [&](bool present, const auto& value,
                        std::string_view field) -> std::optional<CivilDay> {
    if (!present) return std::nullopt;
    std::optional<CivilDay> day = ToCivilDay(value);
    if (!day) Add(errors, v1::INVALID_DATE, {field});
    return day;
  };
  const std::optional<CivilDay> dob = date(a.has_date_of_birth(), a.date_of_birth(), "date_of_birth");
  const std::optional<CivilDay> conviction =
      date(a.has_date_of_current_conviction(), a.date_of_current_conviction(),
           "date_of_current_conviction");
  const std::optional<CivilDay> followup = date(
      a.has_date_at_start_of_followup(), a.date_at_start_of_followup(), "date_at_start_of_followup");
  const bool gender_known = a.gender() == v1::MALE || a.gender() == v1::FEMALE;
  if (a.gender() != v1::GENDER_UNSPECIFIED && !gender_known) {
    Add(errors, v1::VALUE_OUT_OF_RANGE, {"gender"});
  }

  if (a.has_total_sanctions() && a.total_sanctions() < 1) {
    Add(errors, v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE, {"total_sanctions"});
  }
  // The old validator checked the length only; a 5-character code that is
  // not all digits then has no mapping.
  const bool code_format_ok = a.current_offence_code().size() == 5;
  if (!a.current_offence_code().empty() && !code_format_ok) {
    Add(errors, v1::OFFENCE_CODE_INCORRECT_FORMAT, {"current_offence_code"});
  }
  std::optional<int> age_at_conviction;
  if (dob && conviction) {
    age_at_conviction = AgeAt(*dob, *conviction);
    if (*age_at_conviction < 10) {
      Add(errors, v1::AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN, {"date_of_current_conviction"});
    } else if (a.has_age_at_first_sanction() &&
               *age_at_conviction < a.age_at_first_sanction()) {
      Add(errors, v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION,
          {"date_of_current_conviction", "age_at_first_sanction"});
    }
  }
  std::optional<int> age_at_followup;
  if (dob && followup) {
    if (*followup <= *dob) {
      // The reference's age helper throws here.
      Add(errors, v1::FOLLOW_UP_DATE_INVALID, {"date_at_start_of_followup"});
    } else if (AgeAt(*dob, *followup) < 10) {
      // No row of the age/gender table; the reference throws.
      Add(errors, v1::AGE_OUT_OF_MODEL_RANGE, {"date_at_start_of_followup"});
    } else {
      age_at_followup = AgeAt(*dob, *followup);
    }
  }
  std::optional<double> offence_parameter;
  if (code_format_ok) {
    const OffenceInfo* info = offences.Find(a.current_offence_code());
    if (info != nullptr && info->ogrs3_needs_exact_offence) {
      Add(errors, v1::NEED_DETAILS_OF_EXACT_OFFENCE, {"current_offence_code"});
    } else if (info == nullptr || !info->ogrs3_parameter) {
      Add(errors, v1::OFFENCE_CODE_MAPPING_NOT_FOUND, {"current_offence_code"});
    } else {
      offence_parameter = info->ogrs3_parameter;
    }
  }

  if (errors->size() != errors_before || !gender_known || !age_at_followup ||
      !age_at_conviction || !offence_parameter || !a.has_total_sanctions() ||
      !a.has_age_at_first_sanction()) {
    return std::nullopt;
  }
  Ogrs3Inputs in;
  in.age_gender = Ogrs3AgeGenderParameter(*age_at_followup, a.gender() == v1::FEMALE);
  in.total_sanctions = a.total_sanctions();
  in.copas_rate =
      Ogrs3CopasRate(a.total_sanctions(), *age_at_conviction, a.age_at_first_sanction());
  in.offence_parameter = *offence_parameter;
  return in;
}

Ogrs3Values EvaluateOgrs3(const Ogrs3Inputs& in) {
  Ogrs3Values v;
  v.conviction_status = in.total_sanctions == 1 ? kFirstTimeConviction : kRepeatConviction;
  v.copas = kCopasMultiplier * in.copas_rate;
  // Summed left to right in the reference's order.
  const double total = in.age_gender + v.conviction_status + v.copas + in.offence_parameter;
  v.one_year_probability = Logistic(total + kOneYearIntercept);
  v.two_year_probability = Logistic(total + kTwoYearIntercept);
  v.one_year_percent = WholePercent(v.one_year_probability);
  v.two_year_percent = WholePercent(v.two_year_probability);
  v.band = Band(v.two_year_percent);
  return v;
}

template <typename Result>
void StartOgrs3Result(Result* result) {
  result->set_predictor(v1::OGRS3);
  result->set_model_version(kReoffendingModelVersion, sizeof(kReoffendingModelVersion) - 1);
  result->set_thresholds_version(kReoffendingThresholdsVersion,
                                 sizeof(kReoffendingThresholdsVersion) - 1);
}

template <typename Result>
void SetOgrs3Outcome(const Ogrs3Values& v, Result* result) {
  result->set_status(v1::RESULT_SCORED);
  result->set_type(v1::STATIC);
  result->set_probability(v.two_year_probability);
  result->set_percentage(v.two_year_percent);
  result->set_one_year_probability(v.one_year_probability);
  result->set_one_year_percentage(v.one_year_percent);
  result->set_band(v.band);
}

template <typename Assessment, typename Result>
void ScoreOgrs3(const Assessment& a, const OffenceTable& offences, const Ogrs3Options& options,
                Result* result) {
  StartOgrs3Result(result);
  const std::optional<Ogrs3Inputs> in = ValidateOgrs3(a, offences, result->mutable_errors());
  if (!in) {
    result->set_status(v1::RESULT_ERROR);
    return;
  }
  const Ogrs3Values v = EvaluateOgrs3(*in);
  SetOgrs3Outcome(v, result);
  if (options.explain) {
    AddTerm(result, "ageGenderScore", in->age_gender);
    AddTerm(result, "convictionStatusScore", v.conviction_status);
    AddTerm(result, "copasScore", v.copas);
    AddTerm(result, "offenceGroupParameter", in->offence_parameter);
  }
}

v1::PredictorResult ScoreOgrs3(const v1::Assessment& a, const OffenceTable& offences,
                               const Ogrs3Options& options) {
  v1::PredictorResult result;
  ScoreOgrs3(a, offences, options, &result);
  return result;
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_OGRS3_INSTANTIATE(NS)                                                              \
  template void ScoreOgrs3(const NS::Assessment&, const OffenceTable&, const Ogrs3Options&,     \
                           NS::PredictorResult*);                                                \
  template std::optional<Ogrs3Inputs> ValidateOgrs3(                                             \
      const NS::Assessment&, const OffenceTable&,                                                \
      std::remove_pointer_t<decltype(std::declval<NS::PredictorResult&>().mutable_errors())>*);  \
  template void StartOgrs3Result(NS::PredictorResult*);                                          \
  template void SetOgrs3Outcome(const Ogrs3Values&, NS::PredictorResult*);
ASSAY_OGRS3_INSTANTIATE(v1)
ASSAY_OGRS3_INSTANTIATE(flat)
#undef ASSAY_OGRS3_INSTANTIATE


}  // namespace assay::scoring
