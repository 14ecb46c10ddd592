#include "scoring/screening.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/field_reader.h"
#include "schemas/flat/assay.flat.h"

namespace assay::scoring {
namespace {

using Need = FieldReader::Need;
constexpr Need kRequired = Need::kRequired;
constexpr Need kOptional = Need::kOptional;

// ------------------------------------------------------------------ MST

constexpr int kMstMinAge = 18;
constexpr int kMstMaxAge = 25;
constexpr int kMstMinAnswers = 9;
constexpr int kMstFlagThreshold = 10;

// ------------------------------------------------------------------ OPD

// pl(x) of §11.2: 1 when SOME or SIGNIFICANT problems (unanswered -> 0).
int Pl(v1::ProblemLevel v) {
  return v == v1::SOME_PROBLEMS || v == v1::SIGNIFICANT_PROBLEMS ? 1 : 0;
}
// b(x): 1 when answered true (unanswered booleans count as false).
int B(bool has, bool v) { return has && v ? 1 : 0; }

bool IsHighRisk(v1::RiskBand b) { return b == v1::HIGH || b == v1::VERY_HIGH; }

// ------------------------------------------------------------------ PNI

enum class Level { kLow, kMedium, kHigh };

Level NeedLevel(int total) {
  if (total <= 2) return Level::kLow;
  if (total <= 5) return Level::kMedium;
  return Level::kHigh;
}

struct DomainScore {
  int current = 0;
  int projected = 0;  // every missing item taken as 2
  bool missing = false;
};

int SumOf(const std::optional<int>* items, int n, int missing_as) {
  int sum = 0;
  for (int i = 0; i < n; ++i) sum += items[i].value_or(missing_as);
  return sum;
}
bool AnyMissing(const std::optional<int>* items, int n) {
  for (int i = 0; i < n; ++i) {
    if (!items[i]) return true;
  }
  return false;
}

// Sex domain: sexual preoccupation, offence-related sexual interests,
// emotional congruence with children.
int SexBand(int sum, std::optional<int> interests) {
  if (interests == 2) return 2;
  if (sum <= 1) return 0;
  if (sum <= 3) return 1;
  return 2;
}
DomainScore SexDomain(const std::array<std::optional<int>, 3>& items, bool counted) {
  DomainScore d;
  d.missing = AnyMissing(items.data(), 3);
  if (!counted) return d;  // scores 0/0; its missing items are still reported
  int sum = SumOf(items.data(), 3, 0);
  // With an item missing, the partial sum is usable only from 4 up.
  if (d.missing && sum < 4) sum = 0;
  d.current = SexBand(sum, items[1]);
  d.projected = SexBand(SumOf(items.data(), 3, 2), items[1].value_or(2));
  return d;
}

// Thinking domain: pro-criminal attitudes, hostile orientation.
int ThinkingBand(int sum, std::optional<int> pro_criminal) {
  if (pro_criminal == 2) return 2;
  if (sum == 0) return 0;
  if (sum <= 2) return 1;
  return 2;
}
DomainScore ThinkingDomain(const std::array<std::optional<int>, 2>& items) {
  DomainScore d;
  d.missing = AnyMissing(items.data(), 2);
  d.current = ThinkingBand(SumOf(items.data(), 2, 0), items[0]);
  d.projected = ThinkingBand(SumOf(items.data(), 2, 2), items[0].value_or(2));
  return d;
}

// Relationships and self-management: four items each, 0-1 / 2-4 / 5-8.
int FourItemBand(int sum) { return sum <= 1 ? 0 : (sum <= 4 ? 1 : 2); }
DomainScore FourItemDomain(const std::array<std::optional<int>, 4>& items) {
  DomainScore d;
  d.missing = AnyMissing(items.data(), 4);
  d.current = FourItemBand(SumOf(items.data(), 4, 0));
  d.projected = FourItemBand(SumOf(items.data(), 4, 2));
  return d;
}

struct Sara {
  std::optional<v1::RiskBand> partner;
  std::optional<v1::RiskBand> others;
  bool any_null() const { return !partner || !others; }
  bool both_null() const { return !partner && !others; }
  bool high() const { return partner == v1::HIGH || others == v1::HIGH; }
  bool medium() const { return partner == v1::MEDIUM || others == v1::MEDIUM; }
};

// §11.3 risk level. `projected` replaces an absent DC-SRP or IIC-SRP band
// by VERY_HIGH and an absent CSRP score by 100.
Level RiskLevel(const PniContext& c, const Sara& sara, bool projected) {
  std::optional<v1::RiskBand> dc = c.dc_srp_band;
  std::optional<v1::RiskBand> iic = c.iic_srp_band;
  std::optional<double> csrp = c.csrp_score;
  if (projected) {
    if (!dc) dc = v1::VERY_HIGH;
    if (!iic) iic = v1::VERY_HIGH;
    if (!csrp) csrp = 100.0;
  }
  auto high_band = [](std::optional<v1::RiskBand> b) { return b && IsHighRisk(*b); };
  auto absent_or_na = [](std::optional<v1::RiskBand> b) { return !b || *b == v1::NOT_APPLICABLE; };
  const bool no_sexual_band = absent_or_na(dc) && absent_or_na(iic);
  // The reference truncates the CSRP score to an integer (toInt()).
  // -1 when absent: below every threshold (a plain int, not an optional,
  // which GCC 12 reports as maybe uninitialised: bug 80635).
  const int csrp_int = csrp ? static_cast<int>(*csrp) : -1;
  const std::optional<double>& arp = c.arp_score;
  const std::optional<double>& vrp = c.vrp_score;
  if ((arp && *arp >= 75.0) || (vrp && *vrp >= 60.0) || high_band(dc) || high_band(iic) ||
      (csrp_int >= 3 && no_sexual_band) || sara.high()) {
    return Level::kHigh;
  }
  if ((arp && *arp >= 50.0 && *arp <= 74.99) || (vrp && *vrp >= 30.0 && *vrp <= 59.99) ||
      dc == v1::MEDIUM || iic == v1::MEDIUM || sara.medium() ||
      (csrp_int >= 1 && csrp_int <= 2 && no_sexual_band)) {
    return Level::kMedium;
  }
  return Level::kLow;
}

template <typename Result>
std::optional<v1::RiskBand> BandOf(const Result* r) {
  if (r == nullptr) return std::nullopt;
  if (r->status() == v1::RESULT_SCORED || r->status() == v1::RESULT_NOT_APPLICABLE) {
    return r->band();
  }
  return std::nullopt;
}
template <typename Result>
std::optional<double> ScoreOf(const Result* r) {
  if (r == nullptr || r->status() != v1::RESULT_SCORED) return std::nullopt;
  return r->percentage();
}

// ------------------------------------------------------------------ LDS

constexpr std::string_view kLdsReadingWriting = "lds.reading_writing_numeracy";

}  // namespace

// ====================================================================== MST

template <typename Assessment, typename MstResult>
void ScoreMst(const Assessment& a, MstResult* out) {
  MstResult& result = *out;
  auto* errors = result.mutable_errors();
  FieldReader in;
  const std::optional<v1::Gender> gender = in.Enum(a.gender(), "gender", kRequired);
  const std::optional<CivilDay> dob =
      in.Date(a.has_date_of_birth(), a.date_of_birth(), "date_of_birth", kRequired);
  const std::optional<CivilDay> assessed =
      in.Date(a.has_assessment_date(), a.assessment_date(), "assessment_date", kRequired);
  // Step 1 of §11.1: outside 18-25 the tool does not apply, whatever else is
  // missing.
  if (dob && assessed) {
    if (*assessed <= *dob) {
      // The reference's age helper throws here; Assay names the rule.
      AddError(errors, v1::AGE_OUT_OF_MODEL_RANGE, {"date_of_birth", "assessment_date"});
      return;
    }
    const int age = AgeAt(*dob, *assessed);
    if (age < kMstMinAge || age > kMstMaxAge) return;  // not applicable
  }

  const auto& m = a.maturity();
  const auto& s = a.answers();
  struct Item {
    std::string_view field;
    std::optional<int> score;
  };
  const std::array<Item, 10> items = {{
      {"maturity.peer_group_influences",
       in.Scalar(m.has_peer_group_influences(), m.peer_group_influences() ? 1 : 0,
                 "maturity.peer_group_influences", kOptional)},
      {"maturity.influence_from_criminal_associates",
       in.Item(m.influence_from_criminal_associates(), "maturity.influence_from_criminal_associates",
               kOptional)},
      {"maturity.recklessness_and_risk_taking",
       in.Item(m.recklessness_and_risk_taking(), "maturity.recklessness_and_risk_taking", kOptional)},
      {"answers.difficulties_coping",
       in.Item(s.difficulties_coping(), "answers.difficulties_coping", kOptional)},
      {"maturity.attitudes_towards_self",
       in.Item(m.attitudes_towards_self(), "maturity.attitudes_towards_self", kOptional)},
      {"answers.impulsivity", in.Item(s.impulsivity(), "answers.impulsivity", kOptional)},
      {"answers.temper_control", in.Item(s.temper_control(), "answers.temper_control", kOptional)},
      {"answers.problem_solving_skills",
       in.Item(s.problem_solving_skills(), "answers.problem_solving_skills", kOptional)},
      {"answers.awareness_of_consequences",
       in.Item(s.awareness_of_consequences(), "answers.awareness_of_consequences", kOptional)},
      {"answers.understands_other_peoples_views",
       in.Item(s.understands_other_peoples_views(), "answers.understands_other_peoples_views",
               kOptional)},
  }};
  if (in.has_invalid()) {
    in.EmitTo(errors);
    return;
  }
  int answered = 0;
  for (const Item& item : items) answered += item.score.has_value();
  if (answered < kMstMinAnswers) {
    // Unanswered items join the same MISSING_MANDATORY_INPUT error.
    for (const Item& item : items) {
      if (!item.score) in.AddMissing(item.field);
    }
  }
  if (!in.clean()) {
    in.EmitTo(errors);
    return;
  }
  if (gender != v1::MALE) return;  // step 3: not applicable

  int score = 0;
  for (const Item& item : items) score += item.score.value_or(0);
  result.set_maturity_score(score);
  result.set_maturity_flag(score >= kMstFlagThreshold);
  result.set_applicable(true);
}

// ====================================================================== OPD

template <typename Assessment, typename OpdResult>
void ScoreOpd(const Assessment& a, const OffenceTable& offences, OpdResult* out) {
  OpdResult& result = *out;
  auto* errors = result.mutable_errors();
  const auto& o = a.opd();
  const auto& s = a.answers();

  FieldReader in;
  const std::optional<v1::Gender> gender = in.Enum(a.gender(), "gender", kRequired);
  const std::optional<v1::RiskBand> overall =
      in.Enum(o.overall_risk_for_assessment(), "opd.overall_risk_for_assessment", kRequired);
  // Reference quirk 16: required, never used.
  in.Enum(o.highest_risk_level_over_all_assessments(),
          "opd.highest_risk_level_over_all_assessments", kRequired);
  const bool has_code = !a.current_offence_code().empty();
  if (!has_code) in.AddMissing("current_offence_code");
  in.Scalar(o.has_custodial_sentence(), o.custodial_sentence(), "opd.custodial_sentence",
            kRequired);
  const bool female = gender == v1::FEMALE;
  in.Scalar(o.has_eligible_for_mappa(), o.eligible_for_mappa(), "opd.eligible_for_mappa",
            female ? kRequired : kOptional);
  const bool abuse = s.has_domestic_abuse_evidence() && s.domestic_abuse_evidence();
  in.Scalar(s.has_domestic_abuse_against_partner(), s.domestic_abuse_against_partner(),
            "answers.domestic_abuse_against_partner", abuse ? kRequired : kOptional);
  in.Scalar(s.has_domestic_abuse_against_family(), s.domestic_abuse_against_family(),
            "answers.domestic_abuse_against_family", abuse ? kRequired : kOptional);
  // Every ProblemLevel the screen reads must be a known value.
  for (auto [value, field] : std::array<std::pair<v1::ProblemLevel, std::string_view>, 9>{{
           {o.over_reliance_on_others_for_financial_support(),
            "opd.over_reliance_on_others_for_financial_support"},
           {o.manipulative_or_predatory_behaviour(), "opd.manipulative_or_predatory_behaviour"},
           {o.experience_of_childhood(), "opd.experience_of_childhood"},
           {o.current_psychological_problems(), "opd.current_psychological_problems"},
           {o.current_psychiatric_problems(), "opd.current_psychiatric_problems"},
           {o.attitude_towards_supervision(), "opd.attitude_towards_supervision"},
           {a.maturity().recklessness_and_risk_taking(), "maturity.recklessness_and_risk_taking"},
           {s.impulsivity(), "answers.impulsivity"},
           {s.controlling_or_aggressive_behaviour(), "answers.controlling_or_aggressive_behaviour"},
       }}) {
    in.Enum(value, field, kOptional);
  }
  in.Enum(s.difficulties_coping(), "answers.difficulties_coping", kOptional);
  in.EmitTo(errors);

  if (!abuse && (s.has_domestic_abuse_against_partner() || s.has_domestic_abuse_against_family())) {
    AddError(errors, v1::DOMESTIC_ABUSE_INCONSISTENT_INPUT,
             {"answers.domestic_abuse_evidence", "answers.domestic_abuse_against_family",
              "answers.domestic_abuse_against_partner"});
  }
  const OffenceInfo* offence = nullptr;
  if (has_code) {
    if (!IsWellFormedOffenceCode(a.current_offence_code())) {
      AddError(errors, v1::OFFENCE_CODE_INCORRECT_FORMAT, {"current_offence_code"});
    } else {
      offence = offences.Find(a.current_offence_code());
      if (offence == nullptr || offence->category == OffenceCategory::kUnknown) {
        AddError(errors, v1::OFFENCE_CODE_MAPPING_NOT_FOUND, {"current_offence_code"});
      }
    }
  }
  if (!errors->empty()) return;  // opd_check false, no outcome

  // Reference quirk 16: with every gender-specific question unanswered the
  // screen is silently not calculated.
  const bool any_male_answer =
      a.has_age_at_first_sanction() || o.has_offence_involved_violence_or_threat() ||
      o.has_offence_involved_excessive_violence() || s.has_recognises_impact_of_offending() ||
      o.over_reliance_on_others_for_financial_support() != 0 ||
      o.manipulative_or_predatory_behaviour() != 0 ||
      a.maturity().recklessness_and_risk_taking() != 0 || o.has_childhood_behavioural_problems() ||
      s.impulsivity() != 0 || s.controlling_or_aggressive_behaviour() != 0 ||
      o.experience_of_childhood() != 0 || o.current_psychological_problems() != 0 ||
      o.current_psychiatric_problems() != 0 || o.has_history_of_psychiatric_treatment() ||
      o.has_medication_for_mental_health() || o.has_special_hospital_or_secure_unit() ||
      s.has_current_psychiatric_treatment() || o.has_obsessive_behaviour_linked_to_offending() ||
      o.has_self_harm_or_attempted_suicide() || o.attitude_towards_supervision() != 0 ||
      o.has_assaulted_or_threatened_staff() || o.has_escaped_or_absconded() ||
      o.has_control_issues();
  const bool any_female_answer =
      s.has_weapon_involved() || o.has_offence_involved_violence_or_threat() ||
      o.has_offence_involved_excessive_violence() || o.has_offence_involved_arson() ||
      o.has_offence_motivation_emotional_state() || o.has_offence_analysis_issues_linked_to_risk() ||
      o.has_accommodation_issues_linked_to_risk() || o.experience_of_childhood() != 0 ||
      s.has_domestic_abuse_evidence() || o.has_relationship_issues_linked_to_risk();
  if (female ? !any_female_answer : !any_male_answer) return;

  result.set_opd_check(true);
  const bool high_risk = IsHighRisk(*overall);
  const bool applicable = female ? (high_risk || (o.has_eligible_for_mappa() && o.eligible_for_mappa()))
                                 : (high_risk && offence->opd_violence_sex &&
                                    o.custodial_sentence());
  if (!applicable) {
    result.set_outcome(v1::SCREEN_OUT);
    return;
  }

  const int violence = B(o.has_offence_involved_violence_or_threat(),
                         o.offence_involved_violence_or_threat());
  // Excessive violence scores 2 when the offence is not also recorded as
  // involving violence or its threat.
  const int excessive =
      B(o.has_offence_involved_excessive_violence(), o.offence_involved_excessive_violence()) == 0
          ? 0
          : (violence == 1 ? 1 : 2);
  bool screen_in = false;
  if (female) {
    const int score =
        B(s.has_weapon_involved(), s.weapon_involved()) + violence + excessive +
        B(o.has_offence_involved_arson(), o.offence_involved_arson()) +
        B(o.has_offence_motivation_emotional_state(), o.offence_motivation_emotional_state()) +
        B(o.has_offence_analysis_issues_linked_to_risk(),
          o.offence_analysis_issues_linked_to_risk()) +
        B(o.has_accommodation_issues_linked_to_risk(), o.accommodation_issues_linked_to_risk()) +
        Pl(o.experience_of_childhood()) +
        (abuse && (B(s.has_domestic_abuse_against_partner(), s.domestic_abuse_against_partner()) ||
                   B(s.has_domestic_abuse_against_family(), s.domestic_abuse_against_family()))
             ? 1
             : 0) +
        B(o.has_relationship_issues_linked_to_risk(), o.relationship_issues_linked_to_risk()) +
        Pl(s.difficulties_coping()) + Pl(o.current_psychological_problems()) +
        B(o.has_self_harm_or_attempted_suicide(), o.self_harm_or_attempted_suicide()) +
        B(o.has_emotional_issues_linked_to_risk(), o.emotional_issues_linked_to_risk()) +
        B(o.has_thinking_and_behaviour_issues_linked_to_risk(),
          o.thinking_and_behaviour_issues_linked_to_risk());
    screen_in = score >= 10;
  } else {
    const bool first_sanction_as_child =
        a.has_age_at_first_sanction() && a.age_at_first_sanction() >= 0 &&
        a.age_at_first_sanction() <= 17;
    // "Does not recognise the impact" scores only an explicit false.
    const int no_recognition =
        s.has_recognises_impact_of_offending() && !s.recognises_impact_of_offending() ? 1 : 0;
    const int childhood_problems =
        B(o.has_childhood_behavioural_problems(), o.childhood_behavioural_problems());
    const int personality = (first_sanction_as_child ? 1 : 0) + violence + excessive +
                            no_recognition +
                            Pl(o.over_reliance_on_others_for_financial_support()) +
                            Pl(o.manipulative_or_predatory_behaviour()) +
                            Pl(a.maturity().recklessness_and_risk_taking()) + childhood_problems +
                            Pl(s.impulsivity()) + Pl(s.controlling_or_aggressive_behaviour());
    const bool childhood = Pl(o.experience_of_childhood()) == 1 || childhood_problems == 1;
    const bool mental_health =
        Pl(o.current_psychological_problems()) || Pl(o.current_psychiatric_problems()) ||
        B(o.has_history_of_psychiatric_treatment(), o.history_of_psychiatric_treatment()) ||
        B(o.has_medication_for_mental_health(), o.medication_for_mental_health()) ||
        B(o.has_special_hospital_or_secure_unit(), o.special_hospital_or_secure_unit()) ||
        B(s.has_current_psychiatric_treatment(), s.current_psychiatric_treatment()) ||
        B(o.has_obsessive_behaviour_linked_to_offending(),
          o.obsessive_behaviour_linked_to_offending());
    const bool challenging =
        Pl(o.attitude_towards_supervision()) ||
        B(o.has_assaulted_or_threatened_staff(), o.assaulted_or_threatened_staff()) ||
        B(o.has_escaped_or_absconded(), o.escaped_or_absconded()) ||
        B(o.has_control_issues(), o.control_issues());
    const int indicator =
        (childhood ? 1 : 0) + (mental_health ? 1 : 0) +
        B(o.has_self_harm_or_attempted_suicide(), o.self_harm_or_attempted_suicide()) +
        (challenging ? 1 : 0);
    screen_in = personality >= 7 || indicator >= 2;
  }
  if (screen_in) {
    result.set_outcome(v1::SCREEN_IN);
  } else {
    result.set_outcome(v1::SCREEN_OUT);
    result.set_opd_override(o.has_apply_override() && o.apply_override());
  }
}

// ====================================================================== PNI

template <typename Result>
PniContext PniContextAfterSexualPredictors(const Result* arp, const Result* vrp,
                                           const Result* dc_srp, const Result* iic_srp,
                                           const Result* csrp) {
  PniContext c = PniContextInReferenceOrder(arp, vrp);
  c.dc_srp_band = BandOf(dc_srp);
  c.iic_srp_band = BandOf(iic_srp);
  c.csrp_score = ScoreOf(csrp);
  return c;
}

template <typename Result>
PniContext PniContextInReferenceOrder(const Result* arp, const Result* vrp) {
  PniContext c;
  // Reference quirk 2: whichever ARP/VRP model was produced (dynamic when
  // available), although the reference's fields are named "static".
  c.arp_score = ScoreOf(arp);
  c.vrp_score = ScoreOf(vrp);
  return c;
}

template <typename Assessment, typename PniResult>
void ScorePni(const Assessment& a, const PniContext& context, PniResult* out) {
  PniResult& result = *out;
  auto* errors = result.mutable_errors();
  FieldReader in;
  const std::optional<v1::SupervisionStatus> status =
      in.Enum(a.supervision_status(), "supervision_status", kRequired);
  if (!status) {
    const bool unknown = in.has_invalid();
    in.EmitTo(errors);
    if (!unknown) result.set_pathway(v1::PNI_OMISSION);
    return;
  }

  const auto& s = a.answers();
  // Items are optional: a missing one is part of the result, not an error.
  FieldReader items;
  const std::array<std::optional<int>, 3> sex_items = {
      items.Item(s.sexual_preoccupation(), "answers.sexual_preoccupation", kRequired),
      items.Item(s.offence_related_sexual_interests(), "answers.offence_related_sexual_interests",
                 kRequired),
      items.Item(s.emotional_congruence_with_children(),
                 "answers.emotional_congruence_with_children", kRequired)};
  const std::array<std::optional<int>, 2> thinking_items = {
      items.Item(s.pro_criminal_attitudes(), "answers.pro_criminal_attitudes", kRequired),
      items.Item(s.hostile_orientation(), "answers.hostile_orientation", kRequired)};
  const std::array<std::optional<int>, 4> relationship_items = {
      items.Item(s.family_relationships(), "answers.family_relationships", kRequired),
      items.Item(s.previous_close_relationships(), "answers.previous_close_relationships",
                 kRequired),
      items.Item(s.easily_influenced_by_criminal_associates(),
                 "answers.easily_influenced_by_criminal_associates", kRequired),
      items.Item(s.controlling_or_aggressive_behaviour(),
                 "answers.controlling_or_aggressive_behaviour", kRequired)};
  const std::array<std::optional<int>, 4> self_management_items = {
      items.Item(s.impulsivity(), "answers.impulsivity", kRequired),
      items.Item(s.temper_control(), "answers.temper_control", kRequired),
      items.Item(s.problem_solving_skills(), "answers.problem_solving_skills", kRequired),
      items.Item(s.difficulties_coping(), "answers.difficulties_coping", kRequired)};
  Sara sara;
  sara.partner = items.Enum(a.sara_risk_to_partner(), "sara_risk_to_partner", kOptional);
  sara.others = items.Enum(a.sara_risk_to_others(), "sara_risk_to_others", kOptional);
  if (items.has_invalid()) {
    // An unknown answer value cannot be scored or treated as missing.
    items.EmitTo(errors);
    return;
  }

  const bool sex_counted = (s.has_risk_of_sexual_harm() && s.risk_of_sexual_harm()) ||
                           (a.has_has_ever_committed_sexual_offence() &&
                            a.has_ever_committed_sexual_offence());
  // Reference quirk 3: the sex domain's missing items are reported, and
  // drive the omission rules below, even when the domain does not count.
  const std::array<DomainScore, 4> domains = {
      SexDomain(sex_items, sex_counted), ThinkingDomain(thinking_items),
      FourItemDomain(relationship_items), FourItemDomain(self_management_items)};
  int need_total = 0;
  int projected_total = 0;
  bool any_missing = false;
  bool all_missing = true;
  for (const DomainScore& d : domains) {
    need_total += d.current;
    projected_total += d.projected;
    any_missing = any_missing || d.missing;
    all_missing = all_missing && d.missing;
  }

  const bool community = *status == v1::COMMUNITY;
  const bool sara_medium_or_high = sara.high() || sara.medium();
  std::optional<Level> need;
  if (need_total >= 6) {
    need = Level::kHigh;
  } else if (need_total >= 3 && community) {
    need = Level::kMedium;
  } else if (any_missing) {
    const Level current = NeedLevel(need_total);
    if (current == NeedLevel(projected_total)) {
      need = current;
    } else if (all_missing && !community) {
      need = std::nullopt;
    } else if (current != Level::kLow && !sara_medium_or_high) {
      need = std::nullopt;
    } else if (community && sara_medium_or_high && !sara.any_null()) {
      need = Level::kMedium;
    } else if (!community && sara_medium_or_high && !sara.any_null()) {
      need = Level::kHigh;
    } else {
      // §11.3 step 4 ("otherwise level(N)") is the branch for NO missing
      // item; with missing items that no rule above resolves, the need is
      // unknown. OASys's own columns in the PNI regression file say so
      // (overallNeedsCheck = Missing_Answers whenever the need could change
      // and no rule resolves it, e.g. row 10053).
      need = std::nullopt;
    }
  } else {
    need = NeedLevel(need_total);
  }
  // Missing items are reported whenever there are any, with or without a
  // pathway.
  items.EmitTo(errors);
  if (!need) {
    result.set_pathway(v1::PNI_OMISSION);
    return;
  }

  // In Assay's ordering DC-SRP, IIC-SRP and CSRP are present here; in the
  // reference's (§14 item 1) they are absent, so `projected_risk` is always
  // HIGH and the comparison below forces OMISSION for any non-HIGH risk with
  // a missing item.
  const Level risk = RiskLevel(context, sara, /*projected=*/false);
  const Level projected_risk = RiskLevel(context, sara, /*projected=*/true);
  const bool arp_high = context.arp_score && *context.arp_score >= 75.0;
  const bool vrp_high = context.vrp_score && *context.vrp_score >= 60.0;
  const bool need_high = *need == Level::kHigh;
  const bool need_medium = *need == Level::kMedium;
  const bool risk_high = risk == Level::kHigh;
  const bool risk_medium = risk == Level::kMedium;

  v1::PniPathway pathway;
  // Reference quirk 4: high intensity needs CUSTODY; REMAND is excluded here
  // but treated like CUSTODY by the omission rule below.
  if (*status == v1::CUSTODY &&
      ((arp_high && vrp_high) || (arp_high && sara.high()) || (need_high && risk_high))) {
    pathway = v1::PNI_HIGH;
  } else if ((arp_high && vrp_high && community) || (need_high && risk_high && community) ||
             sara.high() || sara.medium() || (need_medium && risk_high) ||
             (need_high && risk_medium) || (need_medium && risk_medium)) {
    pathway = v1::PNI_MODERATE;
  } else {
    pathway = v1::PNI_ALTERNATIVE;
  }
  if (any_missing &&
      ((sara.any_null() && pathway == v1::PNI_ALTERNATIVE) || projected_risk != risk ||
       (sara.both_null() && (*status == v1::CUSTODY || *status == v1::REMAND)))) {
    pathway = v1::PNI_OMISSION;
  }
  result.set_pathway(pathway);
}

// ====================================================================== LDS

template <typename Assessment, typename LdsResult>
void ScoreLds(const Assessment& a, LdsResult* out) {
  LdsResult& result = *out;
  auto* errors = result.mutable_errors();
  const auto& l = a.lds();
  FieldReader in;
  const std::optional<int> work =
      in.Item(l.work_related_skills(), "lds.work_related_skills", kOptional);
  const std::optional<int> reading_writing =
      in.Item(l.reading_writing_numeracy(), kLdsReadingWriting, kOptional);
  const std::optional<int> difficulties =
      in.Item(l.learning_difficulties(), "lds.learning_difficulties", kOptional);
  const std::optional<int> qualifications =
      in.Item(l.qualifications(), "lds.qualifications", kOptional);
  // Sub-items of reading/writing/numeracy without the parent answer. The
  // reference puts sentences in "fields"; Assay names the missing field.
  if (!reading_writing && l.reading_writing_numeracy() == v1::PROBLEM_LEVEL_UNSPECIFIED &&
      (l.has_problems_with_reading() || l.has_problems_with_numeracy())) {
    in.AddMissing(kLdsReadingWriting);
  }
  in.EmitTo(errors);
  const int present = work.has_value() + reading_writing.has_value() + difficulties.has_value() +
                      qualifications.has_value();
  if (present < 3) {
    AddError(errors, v1::LDS_NOT_ENOUGH_FIELDS_PRESENT,
             {"lds.work_related_skills", kLdsReadingWriting, "lds.learning_difficulties",
              "lds.qualifications"});
  }
  if (!errors->empty()) return;

  const auto& s = a.answers();
  const int subtotal = B(s.has_no_fixed_abode(), s.no_fixed_abode()) + work.value_or(0) +
                       reading_writing.value_or(0) +
                       B(l.has_problems_with_reading(), l.problems_with_reading()) +
                       B(l.has_problems_with_numeracy(), l.problems_with_numeracy()) +
                       difficulties.value_or(0) + qualifications.value_or(0);
  result.set_lds_score(subtotal <= 2 ? 0 : (subtotal <= 4 ? 1 : 2));
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_SCREENING_INSTANTIATE(NS)                                                           \
  template void ScoreMst(const NS::Assessment&, NS::MstResult*);                                 \
  template void ScoreOpd(const NS::Assessment&, const OffenceTable&, NS::OpdResult*);            \
  template void ScorePni(const NS::Assessment&, const PniContext&, NS::PniResult*);              \
  template void ScoreLds(const NS::Assessment&, NS::LdsResult*);                                 \
  template PniContext PniContextAfterSexualPredictors(                                           \
      const NS::PredictorResult*, const NS::PredictorResult*, const NS::PredictorResult*,        \
      const NS::PredictorResult*, const NS::PredictorResult*);                                   \
  template PniContext PniContextInReferenceOrder(const NS::PredictorResult*,                     \
                                                 const NS::PredictorResult*);
ASSAY_SCREENING_INSTANTIATE(v1)
ASSAY_SCREENING_INSTANTIATE(flat)
#undef ASSAY_SCREENING_INSTANTIATE

v1::MstResult ScoreMst(const v1::Assessment& a) {
  v1::MstResult r;
  ScoreMst(a, &r);
  return r;
}

v1::OpdResult ScoreOpd(const v1::Assessment& a, const OffenceTable& offences) {
  v1::OpdResult r;
  ScoreOpd(a, offences, &r);
  return r;
}

v1::PniResult ScorePni(const v1::Assessment& a, const PniContext& context) {
  v1::PniResult r;
  ScorePni(a, context, &r);
  return r;
}

v1::LdsResult ScoreLds(const v1::Assessment& a) {
  v1::LdsResult r;
  ScoreLds(a, &r);
  return r;
}

}  // namespace assay::scoring
