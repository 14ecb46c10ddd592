#include "scoring/legacy.h"

#include <quadmath.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/field_reader.h"
#include "scoring/rounding.h"
#include "scoring/sexual.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
namespace {

using Need = FieldReader::Need;
using FieldList = FieldReader::FieldList;
constexpr Need kRequired = Need::kRequired;
constexpr Need kOptional = Need::kOptional;

constexpr std::string_view kGender = "gender";
constexpr std::string_view kDob = "date_of_birth";
constexpr std::string_view kFollowup = "date_at_start_of_followup";
constexpr std::string_view kConviction = "date_of_current_conviction";
constexpr std::string_view kAssessmentDate = "assessment_date";
constexpr std::string_view kTotal = "total_sanctions";
constexpr std::string_view kViolent = "violent_sanctions";
constexpr std::string_view kHasEver = "has_ever_committed_sexual_offence";
constexpr std::string_view kImages = "indecent_image_sanctions";
constexpr std::string_view kAdult = "contact_adult_sexual_sanctions";
constexpr std::string_view kChild = "contact_child_sexual_sanctions";
constexpr std::string_view kNonContact = "non_contact_sexual_offences";
constexpr std::string_view kMostRecentSexual = "date_of_most_recent_sexual_offence";

template <typename Result>
void Stamp(v1::Predictor predictor, v1::ModelType type, Result* r) {
  r->set_predictor(predictor);
  r->set_type(type);
  r->set_model_version(kLegacyModelVersion, sizeof(kLegacyModelVersion) - 1);
  r->set_thresholds_version(kLegacyThresholdsVersion, sizeof(kLegacyThresholdsVersion) - 1);
}

template <typename Result>
void AddTerm(Result* r, std::string_view name, double value) {
  auto* t = r->add_explanation();
  t->set_name(name.data(), name.size());
  t->set_value(value);
}

// round0 HALF_UP of a double's exact value (the old roundToInt).
int Round0(double x) { return static_cast<int>(RoundHalfUp(x, 0)); }

// The old two-horizon output: whole percents for 1 and 2 years.
template <typename Result>
void SetTwoHorizons(double p1, double p2, int points, v1::RiskBand (*band)(int), Result* r) {
  r->set_status(v1::RESULT_SCORED);
  r->set_point_score(points);
  r->set_one_year_probability(p1);
  r->set_probability(p2);
  r->set_one_year_percentage(WholePercent(p1));
  const int two_year = WholePercent(p2);
  r->set_percentage(two_year);
  r->set_band(band(two_year));
}

// The follow-up date against the date of birth; the old code's age helper
// threw on a follow-up date on or before the birth.
template <typename Errors>
std::optional<int> AgeAtFollowup(std::optional<CivilDay> dob, std::optional<CivilDay> followup,
                                 Errors* errors) {
  if (!dob || !followup) return std::nullopt;
  if (*followup <= *dob) {
    AddError(errors, v1::FOLLOW_UP_DATE_INVALID, {kFollowup});
    return std::nullopt;
  }
  return AgeAt(*dob, *followup);
}

// ------------------------------------------------------------------ OVP

int OvpViolentPoints(int v) {
  static constexpr std::array<int, 4> kFirst = {0, 4, 7, 9};
  if (v < 4) return kFirst[v];
  return std::min(25, 11 + (v - 4));  // 4 -> 11, 5 -> 12, ..., >= 18 -> 25
}
int OvpNonViolentPoints(int n) {
  if (n <= 2) return 0;
  if (n <= 4) return 2;
  if (n <= 10) return 3;
  if (n <= 20) return 4;
  return 5;
}
int OvpAgePoints(int age) {  // age >= 18
  if (age <= 19) return 20;
  if (age <= 21) return 17;
  if (age <= 23) return 14;
  if (age <= 25) return 12;
  if (age <= 30) return 10;
  if (age <= 35) return 8;
  if (age <= 40) return 6;
  if (age <= 45) return 4;
  if (age <= 50) return 2;
  return 0;
}

// ------------------------------------------------------------------ OSP/IIC

constexpr double kOspIicTwoOrMoreImages = 0.10310;
constexpr double kOspIicOneImage = 0.03328;
constexpr double kOspIicTwoOrMoreChild = 0.00926;
constexpr double kOspIicOneChild = 0.00634;
constexpr double kOspIicNoSanctions = 0.00062;
constexpr double kOspIicAllOthers = 0.00281;

struct Counts {
  std::optional<int> images, adult, child, non_contact;
};

// The old sexual-offending checks shared by OSP/DC and OSP/IIC, for a man.
// Returns the four counts when they are all present and non-negative.
template <typename Assessment, typename Errors>
std::optional<std::array<int, 4>> CheckOldCounts(const Assessment& a, bool has_ever,
                                                 bool all_zero_is_missing, Errors* errors) {
  Counts c;
  if (a.has_indecent_image_sanctions()) c.images = a.indecent_image_sanctions();
  if (a.has_contact_adult_sexual_sanctions()) c.adult = a.contact_adult_sexual_sanctions();
  if (a.has_contact_child_sexual_sanctions()) c.child = a.contact_child_sexual_sanctions();
  if (a.has_non_contact_sexual_offences()) c.non_contact = a.non_contact_sexual_offences();
  const std::array<std::pair<std::optional<int>, std::string_view>, 4> all = {
      {{c.images, kImages}, {c.adult, kAdult}, {c.child, kChild}, {c.non_contact, kNonContact}}};
  if (!has_ever) {
    FieldList supplied = {kHasEver};
    for (const auto& [count, field] : all) {
      if (count) supplied.push_back(field);
    }
    if (supplied.size() > 1) FillError(v1::SEXUAL_OFFENDING_INCONSISTENT_INPUT, supplied, errors->Add());
    return std::nullopt;
  }
  FieldList missing;
  bool zero = true;
  for (const auto& [count, field] : all) {
    if (!count) missing.push_back(field);
    if (count != 0) zero = false;
  }
  if (!missing.empty()) {
    FillError(v1::SEXUAL_OFFENDING_MISSING_COUNTS, missing, errors->Add());
    return std::nullopt;
  }
  if (zero && all_zero_is_missing) {
    AddError(errors, v1::SEXUAL_OFFENDING_MISSING_COUNTS, {kImages, kAdult, kChild, kNonContact});
    return std::nullopt;
  }
  bool negative = false;
  for (const auto& [count, field] : all) {
    if (*count < 0) {
      AddError(errors, v1::VALUE_OUT_OF_RANGE, {field});
      negative = true;
    }
  }
  if (negative) return std::nullopt;
  return std::array<int, 4>{*c.images, *c.adult, *c.child, *c.non_contact};
}

// ------------------------------------------------------------------ SNSV

enum SnsvModel { kStatic = 0, kDynamic = 1 };

struct SnsvCoefficients {
  double intercept;
  std::array<double, 4> age_male;
  std::array<double, 4> age_female;
  double female;
  double first_sanction;
  double second_sanction;
  double sanctions;
  double gap_male;
  double gap_female;
  std::array<double, 4> months;
  double three_plus_male;
  double three_plus_female;
  double never_violent_male;
  double never_violent_female;
  double once_violent;
  double violent_sanctions;
  double violence_rate;
};

// §12.5, static and dynamic columns. Doubles throughout, as the old code.
constexpr SnsvCoefficients kSnsv[2] = {
    {3.60407707356772,
     {-0.546062410902905, 0.0170043887737295, -0.000232716989498981, 0.000001094922933981},
     {1.09365106131567, -0.042733609488121, 0.000697583963826421, -4.04895085233227E-06},
     -16.6220270089011, -2.09447596484765, -1.67613460779912, -0.0147495874606046,
     -0.0292205730647305, -0.0841673003341906,
     {-0.038382727965819, 0.000548515180678996, 0.0000662558757635182, -1.59636460181398E-06},
     0.769213898314811, 0.793186572461819, -0.942816163300621, -2.32321324569237,
     -0.0633592949212861, 0.0188685880078656, 0.207442427665471},
    {2.39022796091603,
     {-0.508802063507919, 0.0153890192629454, -0.000208800171123703, 9.83824143383739E-07},
     {1.1436499550056, -0.0448159815299769, 0.000731812620052307, -4.24504210770651E-06},
     -16.6927292697847, -1.89458617745666, -1.51763151836726, -0.0182592921752245,
     -0.0271828619470523, -0.0960719132524968,
     {-0.0368447371150021, 0.000557887384281899, 0.0000615531052486415, -1.49652694510477E-06},
     0.689153313085879, 0.76704149890481, -0.35940007303088, -1.7513536371131,
     -0.101514048705338, 0.021160895925655, 0.0549319831836878},
};

constexpr double kSnsvWeapon = 0.15071282416667;
constexpr double kSnsvAccommodation = 0.0619710049121293;
constexpr double kSnsvUnemployed = 0.0389109699626767;
constexpr double kSnsvPartner = 0.0259107268767618;
constexpr double kSnsvChronicDrinking = 0.0935672441515258;
constexpr double kSnsvBingeDrinking = 0.0567127896345591;
constexpr double kSnsvImpulsivity = 0.077212834605957;
constexpr double kSnsvTemper = 0.0482892034688302;
constexpr double kSnsvProCriminal = 0.130830533773332;
constexpr double kSnsvDomesticViolence = 0.0847839330659903;

double SnsvPreviousConvictionWeight(v1::PreviousConviction c) {
  switch (c) {
    case v1::HOMICIDE:
      return 0.399463399258737;
    case v1::WOUNDING_GBH:
      return 0.451029720739399;
    case v1::KIDNAPPING:
      return 0.0749101406070305;
    case v1::FIREARMS:
      return 0.218055028351022;
    case v1::ROBBERY:
      return 0.163248217650296;
    case v1::AGGRAVATED_BURGLARY:
      return 0.506616685297771;
    case v1::WEAPON:
      return 0.184104582611966;
    case v1::CRIMINAL_DAMAGE:
      return 0.357345708081477;
    case v1::ARSON:
      return 0.12261588608151;
    default:
      return 0.0;
  }
}

// The old per-code weights came from the mapping's category descriptions;
// each actuarial category maps to one description. The five violence
// categories share "Violence against the person" and differ by their VATP
// sub-category weight (sub-ABH has none).
struct SnsvOffenceWeights {
  double offence[2];
  double vatp[2];
};
std::optional<SnsvOffenceWeights> SnsvOffence(OffenceCategory category) {
  constexpr double kViolence[2] = {0.01927038224, -0.006538498404};
  switch (category) {
    case OffenceCategory::kAbscondingOrBail:
      return SnsvOffenceWeights{{0.304896300301182, 0.271350568105055}, {0, 0}};
    case OffenceCategory::kAcquisitiveViolence:
      return SnsvOffenceWeights{{0.326858080852591, 0.194487131847261}, {0, 0}};
    case OffenceCategory::kBurglaryDomestic:
      return SnsvOffenceWeights{{0.151649692548355, -0.226808217378264}, {0, 0}};
    case OffenceCategory::kBurglaryOther:
      return SnsvOffenceWeights{{-0.194200416367268, -0.225990540250696}, {0, 0}};
    case OffenceCategory::kCriminalDamage:
      return SnsvOffenceWeights{{0.186977546333514, 0.00778028771796321}, {0, 0}};
    case OffenceCategory::kDrinkDriving:
      return SnsvOffenceWeights{{-0.212258595209629, 0.156493599418026}, {0, 0}};
    case OffenceCategory::kDrugImportExportOrProduction:
      return SnsvOffenceWeights{{0.0818982459627011, -0.0883945245425247}, {0, 0}};
    case OffenceCategory::kDrugPossessionOrSupply:
      return SnsvOffenceWeights{{0.0694507822486554, 0.081753216630546}, {0, 0}};
    case OffenceCategory::kDrunkenness:
      return SnsvOffenceWeights{{0.0841789642942883, 0.0819545573517356}, {0, 0}};
    case OffenceCategory::kFraudAndForgery:
      return SnsvOffenceWeights{{-0.136811424047985, -0.210828726274969}, {0, 0}};
    case OffenceCategory::kHandlingStolenGoods:
      return SnsvOffenceWeights{{-0.2245058213129, 0.0923765737156082}, {0, 0}};
    case OffenceCategory::kMotoringOffences:
      return SnsvOffenceWeights{{-0.0286442357674878, 0.130461601097636}, {0, 0}};
    case OffenceCategory::kOtherOffences:
      return SnsvOffenceWeights{{-0.215779995107354, 0.123617390798186}, {0, 0}};
    case OffenceCategory::kPublicOrderAndHarassment:
      return SnsvOffenceWeights{{0.0446132016665715, 0.0206396832377319}, {0, 0}};
    case OffenceCategory::kSexualAgainstChild:
      return SnsvOffenceWeights{{-0.442179128494551, -0.407005679932105}, {0, 0}};
    case OffenceCategory::kSexualNotAgainstChild:
      return SnsvOffenceWeights{{-0.0455228893277184, -0.211172350332101}, {0, 0}};
    case OffenceCategory::kTheftNonMotor:
      return SnsvOffenceWeights{{0.0202407984946185, 0.0187611938936452}, {0, 0}};
    case OffenceCategory::kVehicleRelatedTheft:
      return SnsvOffenceWeights{{0.226781312933932, 0.264445840395185}, {0, 0}};
    case OffenceCategory::kWelfareFraud:
      return SnsvOffenceWeights{{-0.0169128022430282, -0.0673831070937991}, {0, 0}};
    case OffenceCategory::kViolenceAgainstThePersonAbhPlus:
      return SnsvOffenceWeights{{kViolence[0], kViolence[1]},
                                {0.238802610774108, 0.204895023669854}};
    case OffenceCategory::kViolenceAgainstThePersonSubAbh:
      return SnsvOffenceWeights{{kViolence[0], kViolence[1]}, {0, 0}};
    case OffenceCategory::kWeaponsNonFirearm:
      return SnsvOffenceWeights{{kViolence[0], kViolence[1]},
                                {0.331898861349699, 0.200143106218146}};
    case OffenceCategory::kFirearmsMostSerious:
      return SnsvOffenceWeights{{kViolence[0], kViolence[1]},
                                {0.503126183131338, 0.41315945136753}};
    case OffenceCategory::kFirearmsOther:
      return SnsvOffenceWeights{{kViolence[0], kViolence[1]},
                                {0.296194351653227, 0.261448353627646}};
    default:
      return std::nullopt;
  }
}

// HALF_UP to 16 dp of the exact double, through binary128 (x * 10^16 needs
// at most 91 bits, so it is exact), then the nearest double, as the old
// BigDecimal.setScale(16).toDouble().
double Round16(double x) {
  const Quad scale = static_cast<Quad>(1e16);  // 10^16 is exact in double
  const Quad half = static_cast<Quad>(0.5);
  const Quad scaled = static_cast<Quad>(x) * scale;
  const Quad rounded = scaled >= 0 ? floorq(scaled + half) : -floorq(-scaled + half);
  return static_cast<double>(rounded / scale);
}

double Poly4(const std::array<double, 4>& c, double x) {
  return c[0] * x + c[1] * x * x + c[2] * x * x * x + c[3] * x * x * x * x;
}

// RSR female sexual offender term (old constant).
constexpr double kRsrFemaleSexualOffender = 0.00383141762;

}  // namespace

int WholePercent(double probability) {
  return ClampWholePercent(static_cast<int>(PercentHalfUp(probability, 0)));
}

v1::RiskBand OgpBand(int p) {
  if (p <= 33) return v1::LOW;
  if (p <= 66) return v1::MEDIUM;
  if (p <= 84) return v1::HIGH;
  return v1::VERY_HIGH;
}

v1::RiskBand OvpBand(int p) {
  if (p <= 29) return v1::LOW;
  if (p <= 59) return v1::MEDIUM;
  if (p <= 79) return v1::HIGH;
  return v1::VERY_HIGH;
}

v1::RiskBand RsrBand(double score) {
  if (score < 3.0) return v1::LOW;
  if (score < 6.9) return v1::MEDIUM;
  return v1::HIGH;
}

// ====================================================================== OGP

template <typename Assessment, typename Result>
void ScoreOgp(const Assessment& a, const Result& ogrs3, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::OGP, v1::DYNAMIC, &r);
  const auto& s = a.answers();
  FieldReader in;
  // The OGRS3 2-year percent comes from the context; without a score it is
  // a missing input, as in the old pipeline.
  const bool has_ogrs3 = ogrs3.status() == v1::RESULT_SCORED;
  if (!has_ogrs3) in.AddMissing("ogrs3");
  const auto nfa = in.Scalar(s.has_no_fixed_abode(), s.no_fixed_abode(), "answers.no_fixed_abode",
                             kRequired);
  const auto unemployed =
      in.Scalar(s.has_unemployed(), s.unemployed(), "answers.unemployed", kRequired);
  const auto regular = in.Item(s.regular_offending_activities(),
                               "answers.regular_offending_activities", kRequired);
  const auto drugs = in.Item(s.current_drug_misuse(), "answers.current_drug_misuse", kRequired);
  const auto motivation =
      in.Item(s.drug_misuse_motivation(), "answers.drug_misuse_motivation", kRequired);
  const auto problem_solving =
      in.Item(s.problem_solving_skills(), "answers.problem_solving_skills", kRequired);
  const auto awareness =
      in.Item(s.awareness_of_consequences(), "answers.awareness_of_consequences", kRequired);
  const auto understands = in.Item(s.understands_other_peoples_views(),
                                   "answers.understands_other_peoples_views", kRequired);
  const auto pro_criminal =
      in.Item(s.pro_criminal_attitudes(), "answers.pro_criminal_attitudes", kRequired);
  if (!in.clean()) {
    in.EmitTo(r.mutable_errors());
    {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  }

  // Booleans are coded 2 (true) / 0 (false) first, hence 5 points for 2.
  const int ogrs3_points = Round0(0.6 * ogrs3.percentage());
  const int nfa_points = *nfa ? 5 : 0;
  const int unemployed_points = *unemployed ? 5 : 0;
  auto one_three_five = [](int score) { return score == 1 ? 3 : (score == 2 ? 5 : 0); };
  const int regular_points = one_three_five(*regular);
  const int drug_points = Round0(3.75 * (*drugs + *motivation));
  // 5x/6 in double; x = 3 gives exactly 2.5, which HALF_UP takes to 3.
  const int thinking_points = Round0(5.0 * (*problem_solving + *awareness + *understands) / 6.0);
  const int attitude_points = one_three_five(*pro_criminal);
  const int total = ogrs3_points + nfa_points + unemployed_points + regular_points + drug_points +
                    thinking_points + attitude_points;
  const double p1 = PointScaleLogistic(0.0616 * total - 3.6832);
  const double p2 = PointScaleLogistic(0.0616 * total - 3.0795);
  SetTwoHorizons(p1, p2, total, OgpBand, &r);
  if (explain) AddTerm(&r, "ogrs3TwoYearWeight", ogrs3_points);
  if (explain) AddTerm(&r, "noFixedAbodeWeight", nfa_points);
  if (explain) AddTerm(&r, "unemployedWeight", unemployed_points);
  if (explain) AddTerm(&r, "regularOffendingActivitiesWeight", regular_points);
  if (explain) AddTerm(&r, "drugMisuseWeight", drug_points);
  if (explain) AddTerm(&r, "thinkingAndBehaviourWeight", thinking_points);
  if (explain) AddTerm(&r, "proCriminalAttitudesWeight", attitude_points);
  if (explain) AddTerm(&r, "totalWeight", total);
  return;
}

// ====================================================================== OVP

template <typename Assessment, typename Result>
void ScoreOvp(const Assessment& a, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::OVP, v1::DYNAMIC, &r);
  auto* errors = r.mutable_errors();
  const auto& s = a.answers();
  FieldReader in;
  const auto gender = in.Enum(a.gender(), kGender, kRequired);
  const auto dob = in.Date(a.has_date_of_birth(), a.date_of_birth(), kDob, kRequired);
  const auto followup = in.Date(a.has_date_at_start_of_followup(), a.date_at_start_of_followup(),
                                kFollowup, kRequired);
  const auto total = in.Scalar(a.has_total_sanctions(), a.total_sanctions(), kTotal, kRequired);
  const auto violent =
      in.Scalar(a.has_violent_sanctions(), a.violent_sanctions(), kViolent, kRequired);
  const auto recognises =
      in.Scalar(s.has_recognises_impact_of_offending(), s.recognises_impact_of_offending(),
                "answers.recognises_impact_of_offending", kRequired);
  const auto nfa = in.Scalar(s.has_no_fixed_abode(), s.no_fixed_abode(), "answers.no_fixed_abode",
                             kRequired);
  const auto unemployed =
      in.Scalar(s.has_unemployed(), s.unemployed(), "answers.unemployed", kRequired);
  const auto alcohol =
      in.Item(s.current_alcohol_use(), "answers.current_alcohol_use", kRequired);
  const auto excessive =
      in.Item(s.excessive_alcohol_use(), "answers.excessive_alcohol_use", kRequired);
  const auto psychiatric =
      in.Scalar(s.has_current_psychiatric_treatment(), s.current_psychiatric_treatment(),
                "answers.current_psychiatric_treatment", kRequired);
  const auto temper = in.Item(s.temper_control(), "answers.temper_control", kRequired);
  const auto pro_criminal =
      in.Item(s.pro_criminal_attitudes(), "answers.pro_criminal_attitudes", kRequired);
  const bool complete = in.clean();
  in.EmitTo(errors);
  if (total && *total < 1) AddError(errors, v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE, {kTotal});
  if (violent && *violent < 0) AddError(errors, v1::VALUE_OUT_OF_RANGE, {kViolent});
  if (total && violent && *violent > *total) {
    AddError(errors, v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS, {kViolent, kTotal});
  }
  const std::optional<int> age = AgeAtFollowup(dob, followup, errors);
  if (age && *age < 18) AddError(errors, v1::AGE_OUT_OF_MODEL_RANGE, {kDob, kFollowup});
  if (!complete || !errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }

  const int sanction_points = 5;  // any previous sanction: S >= 1 here
  const int violent_points = OvpViolentPoints(*violent);
  const int non_violent_points = OvpNonViolentPoints(*total - *violent);
  const int age_points = OvpAgePoints(*age);
  const int male_points = *gender == v1::MALE ? 5 : 0;
  const int recognise_points = *recognises ? 0 : 4;
  const int nfa_points = *nfa ? 4 : 0;
  const int unemployed_points = *unemployed ? 4 : 0;
  const int alcohol_points = static_cast<int>(std::ceil(2.5 * (*alcohol + *excessive)));
  const int psychiatric_points = *psychiatric ? 4 : 0;
  const int temper_points = 3 * *temper;
  const int attitude_points = 3 * *pro_criminal;
  const int points = sanction_points + violent_points + non_violent_points + age_points +
                     male_points + recognise_points + nfa_points + unemployed_points +
                     alcohol_points + psychiatric_points + temper_points + attitude_points;
  const double p1 = PointScaleLogistic(0.0722 * points - 4.5215);
  const double p2 = PointScaleLogistic(0.0722 * points - 3.8773);
  SetTwoHorizons(p1, p2, points, OvpBand, &r);
  if (explain) AddTerm(&r, "previousSanctionsWeight", sanction_points);
  if (explain) AddTerm(&r, "violentSanctionsWeight", violent_points);
  if (explain) AddTerm(&r, "nonViolentSanctionsWeight", non_violent_points);
  if (explain) AddTerm(&r, "ageAtStartOfFollowUpWeight", age_points);
  if (explain) AddTerm(&r, "genderWeight", male_points);
  if (explain) AddTerm(&r, "recogniseImpactOfOffendingWeight", recognise_points);
  if (explain) AddTerm(&r, "noFixedAbodeWeight", nfa_points);
  if (explain) AddTerm(&r, "unemployedWeight", unemployed_points);
  if (explain) AddTerm(&r, "alcoholMisuseWeight", alcohol_points);
  if (explain) AddTerm(&r, "psychiatricTreatmentWeight", psychiatric_points);
  if (explain) AddTerm(&r, "temperControlWeight", temper_points);
  if (explain) AddTerm(&r, "proCriminalAttitudesWeight", attitude_points);
  if (explain) AddTerm(&r, "totalWeight", points);
  return;
}

// ====================================================================== OSP/DC

template <typename Assessment, typename Result>
void ScoreOspDc(const Assessment& a, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::OSP_DC, v1::STATIC, &r);
  auto* errors = r.mutable_errors();
  FieldReader in;
  const auto gender = in.Enum(a.gender(), kGender, kRequired);
  const auto has_ever =
      in.Scalar(a.has_has_ever_committed_sexual_offence(), a.has_ever_committed_sexual_offence(),
                kHasEver, kRequired);
  const auto dob = in.Date(a.has_date_of_birth(), a.date_of_birth(), kDob, kRequired);
  const auto followup = in.Date(a.has_date_at_start_of_followup(), a.date_at_start_of_followup(),
                                kFollowup, kRequired);
  const auto total = in.Scalar(a.has_total_sanctions(), a.total_sanctions(), kTotal, kRequired);
  const auto supervision = in.Enum(a.supervision_status(), "supervision_status", kRequired);
  const auto assessed = in.Date(a.has_assessment_date(), a.assessment_date(), kAssessmentDate,
                                kRequired);
  const bool male_with_history = gender == v1::MALE && has_ever == true;
  in.Scalar(a.has_current_offence_sexually_motivated(), a.current_offence_sexually_motivated(),
            "current_offence_sexually_motivated", male_with_history ? kRequired : kOptional);
  const auto recent_sexual =
      in.Date(a.has_date_of_most_recent_sexual_offence(), a.date_of_most_recent_sexual_offence(),
              kMostRecentSexual, kOptional);
  const auto recent_offence = in.Date(a.has_most_recent_offence_date(),
                                      a.most_recent_offence_date(), "most_recent_offence_date",
                                      kOptional);
  in.EmitTo(errors);
  if (gender == v1::MALE && has_ever) {
    const auto counts = CheckOldCounts(a, *has_ever, /*all_zero_is_missing=*/true, errors);
    if (male_with_history && counts) {
      if (total && *total < 1) {
        AddError(errors, v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE, {kTotal});
      }
      AgeAtFollowup(dob, followup, errors);
      if (recent_sexual && dob &&
          (*recent_sexual <= *dob || AgeAt(*dob, *recent_sexual) < 10)) {
        // Age at the last sexual sanction below 10: outside the old table.
        AddError(errors, v1::AGE_OUT_OF_MODEL_RANGE, {kMostRecentSexual});
      }
      if (errors->empty()) {
        const auto& [images, adult, child, non_contact] = *counts;
        (void)images;  // images do not score in the 64-point scale
        DcSrpPoints points;
        points.contact_adult = ContactAdultSexualPoints(adult);
        points.contact_child = ContactChildSexualPoints(child);
        points.non_contact = NonContactSexualPoints(non_contact);
        points.age_at_followup = DcSrpAgeAtFollowupPoints(AgeAt(*dob, *followup));
        if (recent_sexual) {
          const int age_at_last = AgeAt(*dob, *recent_sexual);
          points.age_at_last_sexual_offence = age_at_last >= 18 ? 10 : (age_at_last >= 16 ? 5 : 0);
        }
        points.total_sanctions = *total >= 2 ? 6 : 0;
        points.stranger_victim =
            a.has_current_offence_against_stranger() && a.current_offence_against_stranger() ? 4
                                                                                             : 0;
        r.set_female_version(false);
        r.set_has_sexual_offence_history(true);
        ApplyDcSrpPoints(points, *supervision, recent_offence, recent_sexual, *followup,
                         *assessed, explain, &r);
        return;
      }
    }
  }
  if (!errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  // Female, or no sexual offending history.
  r.set_status(v1::RESULT_NOT_APPLICABLE);
  r.set_band(v1::NOT_APPLICABLE);
  r.set_percentage(0.0);
  r.set_female_version(gender == v1::FEMALE);
  r.set_has_sexual_offence_history(*has_ever);
  return;
}

// ====================================================================== OSP/IIC

template <typename Assessment, typename Result>
void ScoreOspIic(const Assessment& a, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::OSP_IIC, v1::STATIC, &r);
  auto* errors = r.mutable_errors();
  FieldReader in;
  const auto gender = in.Enum(a.gender(), kGender, kRequired);
  const auto has_ever =
      in.Scalar(a.has_has_ever_committed_sexual_offence(), a.has_ever_committed_sexual_offence(),
                kHasEver, kRequired);
  in.EmitTo(errors);
  std::optional<std::array<int, 4>> counts;
  if (gender == v1::MALE && has_ever) {
    counts = CheckOldCounts(a, *has_ever, /*all_zero_is_missing=*/false, errors);
  }
  if (!errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  if (!counts) {
    r.set_status(v1::RESULT_NOT_APPLICABLE);
    r.set_band(v1::NOT_APPLICABLE);
    r.set_percentage(0.0);
    r.set_female_version(gender == v1::FEMALE);
    r.set_has_sexual_offence_history(*has_ever);
    return;
  }
  const auto& [images, adult, child, non_contact] = *counts;
  double weight = kOspIicAllOthers;
  if (images >= 2) {
    weight = kOspIicTwoOrMoreImages;
  } else if (images == 1) {
    weight = kOspIicOneImage;
  } else if (child >= 2) {
    weight = kOspIicTwoOrMoreChild;
  } else if (child == 1) {
    weight = kOspIicOneChild;
  } else if (adult == 0 && non_contact == 0) {
    weight = kOspIicNoSanctions;
  }
  r.set_status(v1::RESULT_SCORED);
  r.set_female_version(false);
  r.set_has_sexual_offence_history(true);
  r.set_probability(weight);
  r.set_percentage(PercentOf(weight));
  r.set_band(weight == kOspIicTwoOrMoreImages ? v1::HIGH
             : weight == kOspIicOneImage      ? v1::MEDIUM
                                              : v1::LOW);
  if (explain) AddTerm(&r, "imagesAndIndirectContactWeight", weight);
  return;
}

// ====================================================================== SNSV

template <typename Assessment, typename Result>
void ScoreSnsv(const Assessment& a, const OffenceTable& offences, bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::SNSV, v1::STATIC, &r);
  auto* errors = r.mutable_errors();

  FieldReader in;
  const auto gender = in.Enum(a.gender(), kGender, kRequired);
  const auto dob = in.Date(a.has_date_of_birth(), a.date_of_birth(), kDob, kRequired);
  const auto conviction = in.Date(a.has_date_of_current_conviction(),
                                  a.date_of_current_conviction(), kConviction, kRequired);
  const bool has_code = !a.current_offence_code().empty();
  if (!has_code) in.AddMissing("current_offence_code");
  const auto total = in.Scalar(a.has_total_sanctions(), a.total_sanctions(), kTotal, kRequired);
  const auto first = in.Scalar(a.has_age_at_first_sanction(), a.age_at_first_sanction(),
                               "age_at_first_sanction", kRequired);
  in.Enum(a.supervision_status(), "supervision_status", kRequired);
  const auto followup = in.Date(a.has_date_at_start_of_followup(), a.date_at_start_of_followup(),
                                kFollowup, kRequired);
  const auto violent =
      in.Scalar(a.has_violent_sanctions(), a.violent_sanctions(), kViolent, kRequired);
  const auto assessed = in.Date(a.has_assessment_date(), a.assessment_date(), kAssessmentDate,
                                kRequired);
  // §12.5: the reference returned at the first failing stage, so a failed
  // static validation carries the static errors alone; the dynamic inputs
  // are checked (below, into `dyn`) but reported only when it passes.
  const bool static_complete = in.clean();
  auto* static_errors = errors;
  in.EmitTo(static_errors);
  if (total && *total < 1) {
    AddError(static_errors, v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE, {kTotal});
  }
  if (violent && *violent < 0) AddError(static_errors, v1::VALUE_OUT_OF_RANGE, {kViolent});
  if (first && *first < 0) {
    AddError(static_errors, v1::VALUE_OUT_OF_RANGE, {"age_at_first_sanction"});
  }
  if (total && violent && *violent > *total) {
    AddError(static_errors, v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS, {kViolent, kTotal});
  }
  if (followup && conviction && *followup < *conviction) {
    AddError(static_errors, v1::FOLLOW_UP_DATE_BEFORE_CONVICTION_DATE, {kFollowup, kConviction});
  }
  std::optional<int> age_at_conviction;
  if (dob && conviction) {
    if (*conviction <= *dob) {
      AddError(static_errors, v1::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH, {kConviction});
    } else {
      age_at_conviction = AgeAt(*dob, *conviction);
      if (*age_at_conviction < 10) {
        AddError(static_errors, v1::AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN, {kConviction});
      } else if (first && *first > *age_at_conviction) {
        AddError(static_errors, v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION,
                 {kConviction, "age_at_first_sanction"});
      }
    }
  }
  const std::optional<int> age = AgeAtFollowup(dob, followup, static_errors);
  if (age && *age < 10) AddError(static_errors, v1::AGE_OUT_OF_MODEL_RANGE, {kDob, kFollowup});
  std::optional<SnsvOffenceWeights> offence_weights;
  if (has_code) {
    if (!IsWellFormedOffenceCode(a.current_offence_code())) {
      AddError(static_errors, v1::OFFENCE_CODE_INCORRECT_FORMAT, {"current_offence_code"});
    } else {
      const OffenceInfo* info = offences.Find(a.current_offence_code());
      if (info != nullptr) offence_weights = SnsvOffence(info->category);
      if (!offence_weights) {
        AddError(static_errors, v1::OFFENCE_CODE_MAPPING_NOT_FOUND, {"current_offence_code"});
      }
    }
  }

  // Dynamic inputs. An unknown enum number behaves like a missing answer
  // (static fallback) and is also reported.
  const auto& s = a.answers();
  FieldReader dyn;
  const auto weapon =
      dyn.Scalar(s.has_weapon_involved(), s.weapon_involved(), "answers.weapon_involved", kRequired);
  const auto accommodation = dyn.Item(s.accommodation_suitability(),
                                      "answers.accommodation_suitability", kRequired);
  const auto unemployed =
      dyn.Scalar(s.has_unemployed(), s.unemployed(), "answers.unemployed", kRequired);
  const auto partner =
      dyn.Item(s.partner_relationship(), "answers.partner_relationship", kRequired);
  const auto alcohol = dyn.Item(s.current_alcohol_use(), "answers.current_alcohol_use", kRequired);
  const auto binge =
      dyn.Item(s.excessive_alcohol_use(), "answers.excessive_alcohol_use", kRequired);
  const auto impulsivity = dyn.Item(s.impulsivity(), "answers.impulsivity", kRequired);
  const auto temper = dyn.Item(s.temper_control(), "answers.temper_control", kRequired);
  const auto pro_criminal =
      dyn.Item(s.pro_criminal_attitudes(), "answers.pro_criminal_attitudes", kRequired);
  if (!a.has_previous_convictions()) dyn.AddMissing("previous_convictions");
  for (int type : a.previous_convictions().types()) {
    const auto conviction_type = static_cast<v1::PreviousConviction>(type);
    if (!KnownEnum(conviction_type) || conviction_type == v1::PREVIOUS_CONVICTION_UNSPECIFIED) {
      dyn.AddOutOfRange("previous_convictions.types");
      break;
    }
  }
  // The domestic-violence perpetrator flag: evidence AND against partner.
  std::optional<bool> perpetrator;
  if (!s.has_domestic_abuse_evidence()) {
    dyn.AddMissing("answers.domestic_abuse_evidence");
  } else if (!s.domestic_abuse_evidence()) {
    perpetrator = false;
  } else if (!s.has_domestic_abuse_against_partner()) {
    dyn.AddMissing("answers.domestic_abuse_against_partner");
  } else {
    perpetrator = s.domestic_abuse_against_partner();
  }
  const bool dynamic_ok = dyn.clean();
  if (!static_complete || !errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  dyn.EmitTo(errors, v1::MISSING_DYNAMIC_INPUT);
  const SnsvModel model = dynamic_ok ? kDynamic : kStatic;
  r.set_type(dynamic_ok ? v1::DYNAMIC : v1::STATIC);
  const SnsvCoefficients& c = kSnsv[model];
  const bool female = *gender == v1::FEMALE;
  const int S = *total;
  const int V = *violent;
  const int Y = *age_at_conviction - *first;
  // m = 0 while the follow-up date is on or after the assessment date.
  const int m = *followup >= *assessed ? 0 : std::min(36, MonthsBetween(*followup, *assessed));
  const double ad = *age;
  const double md = m;

  // Terms in the order of §12.5, summed left to right in double.
  struct TermValue {
    const char* name;
    double value;
  };
  absl::InlinedVector<TermValue, 32> terms;
  terms.push_back({"twoYearInterceptWeight", c.intercept});
  terms.push_back({"genderWeight", female ? c.female : 0.0});
  terms.push_back({"ageGenderPolynomialWeight", Poly4(female ? c.age_female : c.age_male, ad)});
  terms.push_back({"offenceGroupWeight", offence_weights->offence[model]});
  terms.push_back({"violenceAgainstThePersonWeight", offence_weights->vatp[model]});
  terms.push_back({"firstSanctionWeight", S == 1 ? c.first_sanction : 0.0});
  terms.push_back({"secondSanctionWeight", S == 2 ? c.second_sanction : 0.0});
  terms.push_back({"totalNumberOfSanctionsForAllOffencesWeight", S * c.sanctions});
  terms.push_back(
      {"secondSanctionGapWeight", S == 2 ? Y * (female ? c.gap_female : c.gap_male) : 0.0});
  terms.push_back({"offenceFreeMonthsWeight", Poly4(c.months, md)});
  terms.push_back({"copasScore", S >= 3 ? Log(static_cast<double>(S) / (Y + 12)) *
                                              (female ? c.three_plus_female : c.three_plus_male)
                                        : 0.0});
  terms.push_back({"neverViolentWeight",
                   V == 0 ? (female ? c.never_violent_female : c.never_violent_male) : 0.0});
  terms.push_back({"onceViolentWeight", V == 1 ? c.once_violent : 0.0});
  terms.push_back({"violentSanctionsWeight", V * c.violent_sanctions});
  // The old code rounded the violence-rate term to 16 dp before summing.
  terms.push_back({"violenceRateWeight",
                   V > 0 ? Round16(Log(static_cast<double>(V) / (Y + 30)) * c.violence_rate)
                         : 0.0});
  if (model == kDynamic) {
    terms.push_back({"offenceInvolveCarryingOrUsingWeaponsWeight", *weapon ? kSnsvWeapon : 0.0});
    terms.push_back({"suitableAccommodationWeight", kSnsvAccommodation * *accommodation});
    terms.push_back({"unemployedWeight", *unemployed ? kSnsvUnemployed * 2 : 0.0});
    terms.push_back({"relationshipWithPartnerWeight", kSnsvPartner * *partner});
    terms.push_back({"chronicDrinkingProblemsWeight", kSnsvChronicDrinking * *alcohol});
    terms.push_back({"bingeDrinkingProblemsWeight", kSnsvBingeDrinking * *binge});
    terms.push_back({"impulsivityWeight", kSnsvImpulsivity * *impulsivity});
    terms.push_back({"temperControlWeight", kSnsvTemper * *temper});
    terms.push_back({"proCriminalAttitudesWeight", kSnsvProCriminal * *pro_criminal});
    terms.push_back({"domesticViolencePerpetratorWeight", *perpetrator ? kSnsvDomesticViolence
                                                                       : 0.0});
    // Summed per list entry: unlike SVRP, a repeated type counts again.
    double past = 0.0;
    for (int type : a.previous_convictions().types()) {
      past += SnsvPreviousConvictionWeight(static_cast<v1::PreviousConviction>(type));
    }
    terms.push_back({"previousConvictionsWeight", past});
  }
  double z = 0.0;
  for (const TermValue& t : terms) {
    z += t.value;
    if (explain) AddTerm(&r, t.name, t.value);
  }
  if (explain) AddTerm(&r, "totalWeight", z);
  const double score = Round16(PointScaleLogistic(z));
  r.set_status(v1::RESULT_SCORED);
  r.set_probability(score);
  r.set_percentage(PercentOf(score));
  r.set_band(v1::RISK_BAND_UNSPECIFIED);  // SNSV has no band
  return;
}

// ====================================================================== RSR

template <typename Assessment, typename Result>
void ScoreRsr(const Assessment& a, const Result& snsv, const Result& osp_dc, const Result& osp_iic,
              bool explain, Result* out) {
  Result& r = *out;
  Stamp(v1::RSR, v1::COMBINED, &r);
  auto* errors = r.mutable_errors();
  auto failed = [](const Result& c) {
    return c.status() != v1::RESULT_SCORED && c.status() != v1::RESULT_NOT_APPLICABLE;
  };
  FieldList components;
  if (failed(osp_dc) || !osp_dc.errors().empty()) components.push_back("osp_dc");
  if (failed(osp_iic) || !osp_iic.errors().empty()) components.push_back("osp_iic");
  bool snsv_error = failed(snsv);
  for (const auto& e : snsv.errors()) {
    if (e.type() != v1::MISSING_DYNAMIC_INPUT) snsv_error = true;
  }
  if (snsv_error) components.push_back("snsv");
  if (!components.empty()) {
    // §12.6: the reference stops at a failed component, so RSR's errors are
    // the COMPONENT_VALIDATION_ERROR alone; its own checks are not added.
    FillError(v1::COMPONENT_VALIDATION_ERROR, components, errors->Add());
    {
    r.set_status(v1::RESULT_ERROR);
    return;
  }
  }

  // No score when the sexual section is empty, or when sexual motivation is
  // recorded with all four counts zero.
  if (!a.has_has_ever_committed_sexual_offence()) {
    AddError(errors, v1::MISSING_MANDATORY_INPUT, {kHasEver});
  } else if (a.has_ever_committed_sexual_offence() && a.has_current_offence_sexually_motivated() &&
             a.current_offence_sexually_motivated() && a.indecent_image_sanctions() == 0 &&
             a.contact_adult_sexual_sanctions() == 0 && a.contact_child_sexual_sanctions() == 0 &&
             a.non_contact_sexual_offences() == 0) {
    AddError(errors, v1::SEXUAL_OFFENDING_MISSING_COUNTS, {kImages, kAdult, kChild, kNonContact});
  }
  if (a.gender() != v1::MALE && a.gender() != v1::FEMALE) {
    AddError(errors, KnownEnum(a.gender()) ? v1::MISSING_MANDATORY_INPUT : v1::VALUE_OUT_OF_RANGE,
             {kGender});
  }
  if (!errors->empty()) {
    r.set_status(v1::RESULT_ERROR);
    return;
  }

  const bool female = a.gender() == v1::FEMALE;
  const bool has_ever = a.has_ever_committed_sexual_offence();
  const double fem = female && has_ever ? PercentOf(kRsrFemaleSexualOffender) : 0.0;
  // Double additions in the old order, then HALF_UP to 2 dp and the clamp.
  const double sum = snsv.percentage() + osp_dc.percentage() + osp_iic.percentage() + fem;
  const double score = ClampPercent(RoundHalfUp(sum, 2));
  r.set_status(v1::RESULT_SCORED);
  r.set_percentage(score);
  r.set_band(RsrBand(score));
  r.set_female_version(female);
  r.set_has_sexual_offence_history(has_ever);
  if (explain) AddTerm(&r, "seriousNonSexualViolenceScore", snsv.percentage());
  if (explain) AddTerm(&r, "directContactSexualScore", osp_dc.percentage());
  if (explain) AddTerm(&r, "indirectContactSexualScore", osp_iic.percentage());
  if (explain) AddTerm(&r, "femaleSexualOffenderScore", fem);
  if (explain) AddTerm(&r, "totalWeight", score);
  return;
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_LEGACY_INSTANTIATE(NS)                                                             \
  template void ScoreOgp(const NS::Assessment&, const NS::PredictorResult&, bool,               \
                         NS::PredictorResult*);                                                  \
  template void ScoreOvp(const NS::Assessment&, bool, NS::PredictorResult*);                    \
  template void ScoreOspDc(const NS::Assessment&, bool, NS::PredictorResult*);                  \
  template void ScoreOspIic(const NS::Assessment&, bool, NS::PredictorResult*);                 \
  template void ScoreSnsv(const NS::Assessment&, const OffenceTable&, bool,                     \
                          NS::PredictorResult*);                                                 \
  template void ScoreRsr(const NS::Assessment&, const NS::PredictorResult&,                     \
                         const NS::PredictorResult&, const NS::PredictorResult&, bool,          \
                         NS::PredictorResult*);
ASSAY_LEGACY_INSTANTIATE(v1)
ASSAY_LEGACY_INSTANTIATE(flat)
#undef ASSAY_LEGACY_INSTANTIATE

v1::PredictorResult ScoreOgp(const v1::Assessment& a, const v1::PredictorResult& ogrs3) {
  v1::PredictorResult r;
  ScoreOgp(a, ogrs3, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreOvp(const v1::Assessment& a) {
  v1::PredictorResult r;
  ScoreOvp(a, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreOspDc(const v1::Assessment& a) {
  v1::PredictorResult r;
  ScoreOspDc(a, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreOspIic(const v1::Assessment& a) {
  v1::PredictorResult r;
  ScoreOspIic(a, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreSnsv(const v1::Assessment& a, const OffenceTable& offences) {
  v1::PredictorResult r;
  ScoreSnsv(a, offences, /*explain=*/true, &r);
  return r;
}

v1::PredictorResult ScoreRsr(const v1::Assessment& a, const v1::PredictorResult& snsv,
                             const v1::PredictorResult& osp_dc,
                             const v1::PredictorResult& osp_iic) {
  v1::PredictorResult r;
  ScoreRsr(a, snsv, osp_dc, osp_iic, /*explain=*/true, &r);
  return r;
}

}  // namespace assay::scoring
