#include "scoring/reoffending.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/reoffending_dynamic.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
namespace {

// Field paths of one error: inline, as validation runs per record and
// a static-fallback record lists a dozen missing items.
using FieldList = absl::InlinedVector<std::string_view, 16>;

// Schema field paths named in errors.
constexpr std::string_view kAssessmentDate = "assessment_date";
constexpr std::string_view kDateOfBirth = "date_of_birth";
constexpr std::string_view kConvictionDate = "date_of_current_conviction";
constexpr std::string_view kFollowUpDate = "date_at_start_of_followup";
constexpr std::string_view kAgeAtFirstSanction = "age_at_first_sanction";
constexpr std::string_view kGender = "gender";
constexpr std::string_view kOffenceCode = "current_offence_code";
constexpr std::string_view kTotalSanctions = "total_sanctions";
constexpr std::string_view kViolentSanctions = "violent_sanctions";
constexpr std::string_view kPreviousConvictions = "previous_convictions";

template <typename Errors>
void Add(Errors* errors, v1::ErrorType type, absl::Span<const std::string_view> fields) {
  FillError(type, fields, errors->Add());
}

// The static custom checks (§4.2); each predictor lists them in its order.
enum class Check {
  kConvictionVsDob,
  kFirstSanctionVsConviction,
  kConvictionVsAssessment,
  kAgeAtFirstSanctionRange,
  kOffenceCode,
  kTotalSanctionsRange,
  kViolentSanctionsRange,
  kFollowUpOrConvictionPresent,
  kFollowUpVsDob,
  kFollowUpAge,
};

// §5.1.
constexpr Check kArpChecks[] = {
    Check::kConvictionVsDob,         Check::kFirstSanctionVsConviction,
    Check::kConvictionVsAssessment,  Check::kAgeAtFirstSanctionRange,
    Check::kOffenceCode,             Check::kTotalSanctionsRange,
    Check::kFollowUpOrConvictionPresent, Check::kFollowUpVsDob,
    Check::kFollowUpAge,
};
// §6.1.
constexpr Check kVrpChecks[] = {
    Check::kAgeAtFirstSanctionRange, Check::kTotalSanctionsRange,
    Check::kViolentSanctionsRange,   Check::kOffenceCode,
    Check::kConvictionVsDob,         Check::kFirstSanctionVsConviction,
    Check::kConvictionVsAssessment,  Check::kFollowUpOrConvictionPresent,
    Check::kFollowUpVsDob,           Check::kFollowUpAge,
};
// §7.1. Reference quirk 11: SVRP has no follow-up-date checks.
constexpr Check kSvrpChecks[] = {
    Check::kTotalSanctionsRange,     Check::kViolentSanctionsRange,
    Check::kOffenceCode,             Check::kAgeAtFirstSanctionRange,
    Check::kConvictionVsDob,         Check::kFirstSanctionVsConviction,
    Check::kConvictionVsAssessment,
};

// A date field: absent, present but impossible, or a usable day.
struct DateField {
  bool present = false;
  std::optional<CivilDay> day;  // set when present and valid
};

template <typename DateMessage>
DateField ReadDate(bool present, const DateMessage& date) {
  DateField field;
  field.present = present;
  if (present) field.day = ToCivilDay(date);
  return field;
}

// What the static checks of ARP, VRP and SVRP read, derived once per
// record: the three predictors check the same facts in their own orders.
struct StaticInputs {
  DateField assessment_date;
  DateField dob;
  DateField conviction;
  DateField followup;
  // The offence code: empty, malformed, or looked up (info null: unknown).
  bool has_code = false;
  bool code_well_formed = false;
  const OffenceInfo* offence = nullptr;
};

template <typename Assessment>
StaticInputs ReadStaticInputs(const Assessment& a, const OffenceTable& offences) {
  StaticInputs in;
  in.assessment_date = ReadDate(a.has_assessment_date(), a.assessment_date());
  in.dob = ReadDate(a.has_date_of_birth(), a.date_of_birth());
  in.conviction = ReadDate(a.has_date_of_current_conviction(), a.date_of_current_conviction());
  in.followup = ReadDate(a.has_date_at_start_of_followup(), a.date_at_start_of_followup());
  in.has_code = !a.current_offence_code().empty();
  in.code_well_formed = in.has_code && IsWellFormedOffenceCode(a.current_offence_code());
  if (in.code_well_formed) in.offence = offences.Find(a.current_offence_code());
  return in;
}

bool GenderKnown(v1::Gender gender) { return gender == v1::MALE || gender == v1::FEMALE; }

// Static validation: MISSING_MANDATORY_INPUT, Assay's input-shape checks
// (INVALID_DATE, VALUE_OUT_OF_RANGE), then `checks` in order. Returns the
// number of errors added and the offence category when it resolved.
template <typename Assessment, typename Errors>
int ValidateStatic(const Assessment& a, const StaticInputs& in, bool needs_violent,
                   std::span<const Check> checks, Errors* errors,
                   OffenceCategory* category) {
  const int before = errors->size();

  // The required fields in the reference's order (§5.1, §6.1, §7.1).
  FieldList missing;
  if (!in.assessment_date.present) missing.push_back(kAssessmentDate);
  if (!in.dob.present) missing.push_back(kDateOfBirth);
  if (!in.conviction.present) missing.push_back(kConvictionDate);
  if (!a.has_age_at_first_sanction()) missing.push_back(kAgeAtFirstSanction);
  if (a.gender() == v1::GENDER_UNSPECIFIED) missing.push_back(kGender);
  if (a.current_offence_code().empty()) missing.push_back(kOffenceCode);
  if (!a.has_total_sanctions()) missing.push_back(kTotalSanctions);
  if (needs_violent && !a.has_violent_sanctions()) missing.push_back(kViolentSanctions);
  if (!missing.empty()) Add(errors, v1::MISSING_MANDATORY_INPUT, missing);

  // The reference's JSON layer rejects these before any predictor runs.
  const std::pair<const DateField*, std::string_view> dates[] = {
      {&in.assessment_date, kAssessmentDate},
      {&in.dob, kDateOfBirth},
      {&in.conviction, kConvictionDate},
      {&in.followup, kFollowUpDate},
  };
  for (const auto& [field, name] : dates) {
    if (field->present && !field->day) Add(errors, v1::INVALID_DATE, {name});
  }
  if (a.gender() != v1::GENDER_UNSPECIFIED && !GenderKnown(a.gender())) {
    Add(errors, v1::VALUE_OUT_OF_RANGE, {kGender});
  }

  const std::optional<CivilDay>& dob = in.dob.day;
  const std::optional<CivilDay>& conviction = in.conviction.day;
  const std::optional<CivilDay>& followup = in.followup.day;
  for (Check check : checks) {
    switch (check) {
      case Check::kConvictionVsDob:
        if (dob && conviction && *conviction <= *dob) {
          Add(errors, v1::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH, {kConvictionDate});
        }
        break;
      case Check::kFirstSanctionVsConviction:
        if (dob && conviction && a.has_age_at_first_sanction() && *conviction > *dob &&
            AgeAt(*dob, *conviction) < a.age_at_first_sanction()) {
          Add(errors, v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION,
              {kConvictionDate, kAgeAtFirstSanction});
        }
        break;
      case Check::kConvictionVsAssessment:
        if (conviction && in.assessment_date.day &&
            *conviction > PlusMonths(*in.assessment_date.day, 3)) {
          Add(errors, v1::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE,
              {kConvictionDate, kAssessmentDate});
        }
        break;
      case Check::kAgeAtFirstSanctionRange:
        if (a.has_age_at_first_sanction() &&
            (a.age_at_first_sanction() < 0 || a.age_at_first_sanction() > 109)) {
          Add(errors, v1::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE, {kAgeAtFirstSanction});
        }
        break;
      case Check::kOffenceCode:
        if (in.has_code) {
          if (!in.code_well_formed) {
            Add(errors, v1::OFFENCE_CODE_INCORRECT_FORMAT, {kOffenceCode});
          } else if (in.offence == nullptr || in.offence->category == OffenceCategory::kUnknown) {
            Add(errors, v1::OFFENCE_CODE_MAPPING_NOT_FOUND, {kOffenceCode});
          } else {
            *category = in.offence->category;
          }
        }
        break;
      case Check::kTotalSanctionsRange:
        if (a.has_total_sanctions() && (a.total_sanctions() < 1 || a.total_sanctions() > 999)) {
          Add(errors, v1::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, {kTotalSanctions});
        }
        break;
      case Check::kViolentSanctionsRange:
        if (a.has_violent_sanctions() && a.has_total_sanctions() &&
            (a.violent_sanctions() < 0 || a.violent_sanctions() > a.total_sanctions())) {
          Add(errors, v1::VIOLENT_SANCTION_OUT_OF_RANGE, {kViolentSanctions, kTotalSanctions});
        }
        break;
      case Check::kFollowUpOrConvictionPresent:
        if (!in.followup.present && !in.conviction.present) {
          Add(errors, v1::DATE_OF_START_OF_FOLLOWUP_REQUIRED, {kFollowUpDate});
        }
        break;
      case Check::kFollowUpVsDob:
        if (dob && followup && *followup <= *dob) {
          Add(errors, v1::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH, {kFollowUpDate});
        }
        break;
      case Check::kFollowUpAge:
        if (dob && followup && *followup > *dob && AgeAt(*dob, *followup) >= 110) {
          Add(errors, v1::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE, {kFollowUpDate});
        }
        break;
    }
  }
  return errors->size() - before;
}

ValidationResult Decide(int static_errors, int dynamic_errors, OffenceCategory category) {
  ValidationResult result;
  result.category = category;
  if (static_errors > 0) {
    result.outcome = ValidationOutcome::kNoScore;
  } else {
    result.outcome = dynamic_errors > 0 ? ValidationOutcome::kStatic : ValidationOutcome::kDynamic;
  }
  return result;
}

// Shared tail of the three scorers: rounding, band, explanation.
template <typename Terms, typename Names, typename PreciseZ, typename Result>
void Finish(double z, const Terms& terms, const Names& names, int term_count, bool dynamic,
            const BandThresholds& bands, const ReoffendingOptions& options, PreciseZ&& precise_z,
            Result* result) {
  const RoundedPercentage rounded = RoundPercentage(z, precise_z);
  SetReoffendingOutcome(dynamic, rounded, BandFor(rounded.percentage, bands), result);
  if (options.explain && result->status() == v1::RESULT_SCORED) {
    for (int i = 0; i < term_count; ++i) {
      auto* term = result->add_explanation();
      term->set_name(names[i].data(), names[i].size());
      term->set_value(terms[i] + 0.0);  // +0.0 turns a -0 into 0
    }
    auto* total = result->add_explanation();
    total->set_name("totalWeight", 11);
    total->set_value(z);
  }
}

}  // namespace

template <typename Result>
void StartReoffendingResult(v1::Predictor predictor, Result* result) {
  result->set_predictor(predictor);
  result->set_model_version(kReoffendingModelVersion, sizeof(kReoffendingModelVersion) - 1);
  result->set_thresholds_version(kReoffendingThresholdsVersion,
                                 sizeof(kReoffendingThresholdsVersion) - 1);
}

template <typename Result>
void SetReoffendingNoScore(Result* result) {
  result->set_status(v1::RESULT_ERROR);
  result->set_type(v1::MODEL_TYPE_UNSPECIFIED);
}

template <typename Result>
void SetReoffendingOutcome(bool dynamic, const RoundedPercentage& rounded, v1::RiskBand band,
                           Result* result) {
  if (band == v1::RISK_BAND_UNSPECIFIED) {
    // Reference quirk 9: ARP and VRP throw at a clamped 0.00 %; Assay names it.
    result->clear_errors();
    FillError(v1::SCORE_BELOW_BAND_RANGE, {}, result->add_errors());
    SetReoffendingNoScore(result);
    return;
  }
  result->set_status(v1::RESULT_SCORED);
  result->set_type(dynamic ? v1::DYNAMIC : v1::STATIC);
  result->set_probability(rounded.probability);
  result->set_percentage(rounded.percentage);
  result->set_band(band);
}

namespace {

template <typename Assessment, typename Errors>
ValidationResult ValidateArpWith(const Assessment& a, const StaticInputs& in, Errors* errors) {
  OffenceCategory category = OffenceCategory::kUnknown;
  const int static_errors =
      ValidateStatic(a, in, /*needs_violent=*/false, kArpChecks, errors, &category);
  const int dynamic_errors = ValidateArpDynamic(a, errors);
  return Decide(static_errors, dynamic_errors, category);
}

template <typename Assessment, typename Errors>
ValidationResult ValidateVrpWith(const Assessment& a, const StaticInputs& in, Errors* errors) {
  OffenceCategory category = OffenceCategory::kUnknown;
  const int static_errors =
      ValidateStatic(a, in, /*needs_violent=*/true, kVrpChecks, errors, &category);
  const int dynamic_errors = ValidateVrpDynamic(a, errors);
  return Decide(static_errors, dynamic_errors, category);
}

template <typename Assessment, typename Errors>
ValidationResult ValidateSvrpWith(const Assessment& a, const StaticInputs& in, Errors* errors) {
  OffenceCategory category = OffenceCategory::kUnknown;
  int static_errors = ValidateStatic(a, in, /*needs_violent=*/true, kSvrpChecks, errors, &category);
  // Reference quirk 11: SVRP does not validate the follow-up date and the
  // reference crashes computing the age at it. Assay reports it instead.
  const std::optional<CivilDay>& dob = in.dob.day;
  const std::optional<CivilDay>& followup = in.followup.day;
  if (dob && followup && (*followup <= *dob || AgeAt(*dob, *followup) >= 110)) {
    Add(errors, v1::FOLLOW_UP_DATE_INVALID, {kFollowUpDate});
    ++static_errors;
  }
  const int dynamic_errors = ValidateSvrpDynamic(a, errors);
  return Decide(static_errors, dynamic_errors, category);
}

}  // namespace

template <typename Assessment, typename Errors>
ValidationResult ValidateArp(const Assessment& a, const OffenceTable& offences, Errors* errors) {
  return ValidateArpWith(a, ReadStaticInputs(a, offences), errors);
}

template <typename Assessment, typename Errors>
ValidationResult ValidateVrp(const Assessment& a, const OffenceTable& offences, Errors* errors) {
  return ValidateVrpWith(a, ReadStaticInputs(a, offences), errors);
}

template <typename Assessment, typename Errors>
ValidationResult ValidateSvrp(const Assessment& a, const OffenceTable& offences, Errors* errors) {
  return ValidateSvrpWith(a, ReadStaticInputs(a, offences), errors);
}

template <typename Assessment, typename Errors>
ReoffendingValidation ValidateReoffending(const Assessment& a, const OffenceTable& offences,
                                          Errors* arp, Errors* vrp, Errors* svrp) {
  const StaticInputs in = ReadStaticInputs(a, offences);
  return {ValidateArpWith(a, in, arp), ValidateVrpWith(a, in, vrp), ValidateSvrpWith(a, in, svrp)};
}

namespace {

// What differs between ARP, VRP and SVRP when scoring one assessment; the
// scoring steps themselves are shared (ScoreLogisticModel below).
struct ArpTraits {
  static constexpr v1::Predictor kPredictor = v1::ARP;
  static constexpr int kTermCount = kArpTermCount;
  static constexpr int kStaticTermCount = kArpStaticTermCount;
  static constexpr const auto& kNames = kArpTermNames;
  static constexpr const auto& kBands = kArpBands;
  template <typename Assessment, typename Errors>
  static ValidationResult Validate(const Assessment& a, const OffenceTable& o, Errors* e) {
    return ValidateArp(a, o, e);
  }
  template <typename Real>
  static Real Z(const ReoffendingFeatures& f, ModelVariant variant, Real* terms) {
    return ArpLinearPredictor(f, ArpModel<Real>(variant), terms);
  }
};

struct VrpTraits {
  static constexpr v1::Predictor kPredictor = v1::VRP;
  static constexpr int kTermCount = kVrpTermCount;
  static constexpr int kStaticTermCount = kVrpStaticTermCount;
  static constexpr const auto& kNames = kVrpTermNames;
  static constexpr const auto& kBands = kVrpBands;
  template <typename Assessment, typename Errors>
  static ValidationResult Validate(const Assessment& a, const OffenceTable& o, Errors* e) {
    return ValidateVrp(a, o, e);
  }
  template <typename Real>
  static Real Z(const ReoffendingFeatures& f, ModelVariant variant, Real* terms) {
    return VrpLinearPredictor(f, VrpModel<Real>(variant), terms);
  }
};

struct SvrpTraits {
  static constexpr v1::Predictor kPredictor = v1::SVRP;
  static constexpr int kTermCount = kSvrpTermCount;
  static constexpr int kStaticTermCount = kSvrpStaticTermCount;
  static constexpr const auto& kNames = kSvrpTermNames;
  static constexpr const auto& kBands = kSvrpBands;
  template <typename Assessment, typename Errors>
  static ValidationResult Validate(const Assessment& a, const OffenceTable& o, Errors* e) {
    return ValidateSvrp(a, o, e);
  }
  template <typename Real>
  static Real Z(const ReoffendingFeatures& f, ModelVariant variant, Real* terms) {
    return SvrpLinearPredictor(f, SvrpModel<Real>(variant), terms);
  }
};

template <typename Traits, typename Assessment, typename Result>
void ScoreLogisticModel(const Assessment& a, const OffenceTable& offences,
                        const ReoffendingOptions& options, Result* result) {
  StartReoffendingResult(Traits::kPredictor, result);
  const ValidationResult v = Traits::Validate(a, offences, result->mutable_errors());
  ReoffendingFeatures f;
  // Static validation establishes every precondition of the derivation, so
  // it cannot fail once validation has passed.
  if (v.outcome == ValidationOutcome::kNoScore || !DeriveReoffendingFeatures(a, v.category, &f)) {
    SetReoffendingNoScore(result);
    return;
  }
  const bool dynamic = v.outcome == ValidationOutcome::kDynamic;
  const ModelVariant variant = dynamic ? ModelVariant::kDynamic : ModelVariant::kStatic;
  std::array<double, Traits::kTermCount> terms;
  const double z = Traits::template Z<double>(f, variant, terms.data());
  Finish(z, terms, Traits::kNames, dynamic ? Traits::kTermCount : Traits::kStaticTermCount,
         dynamic, Traits::kBands, options,
         [&] { return Traits::template Z<Quad>(f, variant, nullptr); }, result);
}

}  // namespace

template <typename Assessment, typename Result>
void ScoreArp(const Assessment& a, const OffenceTable& offences, const ReoffendingOptions& options,
              Result* out) {
  ScoreLogisticModel<ArpTraits>(a, offences, options, out);
}

template <typename Assessment, typename Result>
void ScoreVrp(const Assessment& a, const OffenceTable& offences, const ReoffendingOptions& options,
              Result* out) {
  ScoreLogisticModel<VrpTraits>(a, offences, options, out);
}

template <typename Assessment, typename Result>
void ScoreSvrp(const Assessment& a, const OffenceTable& offences, const ReoffendingOptions& options,
               Result* out) {
  ScoreLogisticModel<SvrpTraits>(a, offences, options, out);
}

v1::PredictorResult ScoreArp(const v1::Assessment& a, const OffenceTable& offences,
                             const ReoffendingOptions& options) {
  v1::PredictorResult r;
  ScoreArp(a, offences, options, &r);
  return r;
}

v1::PredictorResult ScoreVrp(const v1::Assessment& a, const OffenceTable& offences,
                             const ReoffendingOptions& options) {
  v1::PredictorResult r;
  ScoreVrp(a, offences, options, &r);
  return r;
}

v1::PredictorResult ScoreSvrp(const v1::Assessment& a, const OffenceTable& offences,
                              const ReoffendingOptions& options) {
  v1::PredictorResult r;
  ScoreSvrp(a, offences, options, &r);
  return r;
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_REOFFENDING_INSTANTIATE(NS)                                                        \
  template void ScoreArp(const NS::Assessment&, const OffenceTable&, const ReoffendingOptions&, \
                         NS::PredictorResult*);                                                  \
  template void ScoreVrp(const NS::Assessment&, const OffenceTable&, const ReoffendingOptions&, \
                         NS::PredictorResult*);                                                  \
  template void ScoreSvrp(const NS::Assessment&, const OffenceTable&,                           \
                          const ReoffendingOptions&, NS::PredictorResult*);                      \
  template ValidationResult ValidateArp(const NS::Assessment&, const OffenceTable&,             \
                                        RepeatedErrors<NS::PredictorResult>*);                   \
  template ValidationResult ValidateVrp(const NS::Assessment&, const OffenceTable&,             \
                                        RepeatedErrors<NS::PredictorResult>*);                   \
  template ValidationResult ValidateSvrp(const NS::Assessment&, const OffenceTable&,            \
                                         RepeatedErrors<NS::PredictorResult>*);                  \
  template ReoffendingValidation ValidateReoffending(                                           \
      const NS::Assessment&, const OffenceTable&, RepeatedErrors<NS::PredictorResult>*,         \
      RepeatedErrors<NS::PredictorResult>*, RepeatedErrors<NS::PredictorResult>*);              \
  template void StartReoffendingResult(v1::Predictor, NS::PredictorResult*);                    \
  template void SetReoffendingNoScore(NS::PredictorResult*);                                     \
  template void SetReoffendingOutcome(bool, const RoundedPercentage&, v1::RiskBand,              \
                                      NS::PredictorResult*);
ASSAY_REOFFENDING_INSTANTIATE(v1)
ASSAY_REOFFENDING_INSTANTIATE(flat)
#undef ASSAY_REOFFENDING_INSTANTIATE

}  // namespace assay::scoring
