#include "engine/demo/generator.h"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "engine/demo/prng.h"
#include "scoring/dates.h"
#include "scoring/offence_table.h"

namespace assay::demo {
namespace {

using scoring::OffenceCategory;
using Cat = OffenceCategory;

// Offence-category weights, in OffenceCategory order (UNKNOWN never drawn).
constexpr int kMaleMix[scoring::kOffenceCategoryCount] = {
    0,   50, 20, 5,  50, 50, 20, 40, 5,  15, 100, 120, 100,
    80,  30, 5,  5,  15, 40, 30, 50, 10, 30, 25,  120,
};
constexpr int kFemaleMix[scoring::kOffenceCategoryCount] = {
    0,  30, 10, 5,  40, 30, 10, 70, 15, 10, 90, 70, 90,
    70, 15, 1,  2,  20, 35, 15, 50, 10, 3,  2,  200,
};

bool IsViolentOrSexual(Cat c) {
  switch (c) {
    case Cat::kViolenceAgainstThePersonAbhPlus:
    case Cat::kViolenceAgainstThePersonSubAbh:
    case Cat::kWeaponsNonFirearm:
    case Cat::kFirearmsMostSerious:
    case Cat::kFirearmsOther:
    case Cat::kAcquisitiveViolence:
    case Cat::kSexualAgainstChild:
    case Cat::kSexualNotAgainstChild:
      return true;
    default:
      return false;
  }
}

bool IsLowHarm(Cat c) {
  switch (c) {
    case Cat::kTheftNonMotor:
    case Cat::kBurglaryOther:
    case Cat::kFraudAndForgery:
    case Cat::kWelfareFraud:
    case Cat::kHandlingStolenGoods:
    case Cat::kVehicleRelatedTheft:
    case Cat::kMotoringOffences:
    case Cat::kDrinkDriving:
    case Cat::kDrunkenness:
    case Cat::kDrugPossessionOrSupply:
      return true;
    default:
      return false;
  }
}

bool IsSexual(Cat c) { return c == Cat::kSexualAgainstChild || c == Cat::kSexualNotAgainstChild; }

v1::Date D(absl::CivilDay day) { return scoring::ToProtoDate(day); }

// A need item: base rates of "some" and "significant" problems, scaled by
// the person's need level.
class Needs {
 public:
  Needs(Rng* rng, double scale) : rng_(rng), scale_(scale) {}
  v1::ProblemLevel Level(double some, double significant) {
    const double sig = std::min(0.9, significant * scale_);
    const double any = std::min(0.95, sig + some * scale_);
    const double u = rng_->Unit();
    if (u < sig) return v1::SIGNIFICANT_PROBLEMS;
    if (u < any) return v1::SOME_PROBLEMS;
    return v1::NO_PROBLEMS;
  }
  bool Yes(double p) { return rng_->Chance(std::min(0.95, p * scale_)); }

 private:
  Rng* rng_;
  double scale_;
};

v1::RiskBand Lower(v1::RiskBand band, int steps) {
  return static_cast<v1::RiskBand>(std::max(static_cast<int>(v1::LOW), static_cast<int>(band) - steps));
}

constexpr const char* kRationales[] = {
    "Stable accommodation and full engagement with supervision since the sentence began.",
    "Completed the accredited programme; protective factors have strengthened considerably.",
    "Missed two appointments this month; an earlier review is needed to reassess engagement.",
    "Relationship breakdown reported at the last appointment, a change in circumstances.",
    "New information from partner agencies suggests rising risk indicators; review sooner.",
    "Employment secured and drug tests negative for six months; review can safely wait.",
};

}  // namespace

CaseloadGenerator::CaseloadGenerator(const CaseloadOptions& options)
    : options_(options), codes_(scoring::kOffenceCategoryCount) {
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  for (int code = 0; code < 100000; ++code) {
    const std::string text = absl::StrFormat("%05d", code);
    const scoring::OffenceInfo* info = table.Find(text);
    if (info != nullptr && info->category != Cat::kUnknown) {
      codes_[static_cast<int>(info->category)].push_back(text);
    }
  }
}

void CaseloadGenerator::Generate(uint64_t index, v1::Assessment* r) const {
  r->Clear();
  Rng rng(options_.seed, index);
  const absl::CivilDay as_of = options_.as_of;

  r->set_assessment_id(absl::StrFormat("AS%08d", index + 1));
  r->set_case_reference(absl::StrFormat("CRN%07d", index + 1));

  const bool male = rng.Chance(0.86);
  r->set_gender(male ? v1::MALE : v1::FEMALE);

  // Supervision.
  static constexpr v1::SupervisionType kTypes[] = {v1::COMMUNITY_ORDER,  v1::SUSPENDED_SENTENCE_ORDER,
                                                   v1::LICENCE,          v1::CUSTODY_SENTENCE,
                                                   v1::REMAND_IN_CUSTODY, v1::NOT_SUPERVISED};
  const v1::SupervisionType type = kTypes[rng.Pick({33, 15, 30, 18, 3, 1})];
  const bool in_custody = type == v1::CUSTODY_SENTENCE || type == v1::REMAND_IN_CUSTODY;
  const bool been_in_custody = in_custody || type == v1::LICENCE;
  r->set_supervision_status(type == v1::CUSTODY_SENTENCE    ? v1::CUSTODY
                            : type == v1::REMAND_IN_CUSTODY ? v1::REMAND
                                                            : v1::COMMUNITY);

  // Offence and RoSH come first: the assessment's age depends on how often
  // such a case is reviewed.
  // Offence.
  const int* mix = male ? kMaleMix : kFemaleMix;
  int total_weight = 0;
  for (int i = 0; i < scoring::kOffenceCategoryCount; ++i) total_weight += codes_[i].empty() ? 0 : mix[i];
  int draw = static_cast<int>(rng.Below(static_cast<uint64_t>(total_weight)));
  int category = 1;
  for (int i = 0; i < scoring::kOffenceCategoryCount; ++i) {
    const int w = codes_[i].empty() ? 0 : mix[i];
    if (draw < w) {
      category = i;
      break;
    }
    draw -= w;
  }
  const Cat cat = static_cast<Cat>(category);
  const std::vector<std::string>& codes = codes_[category];
  const std::string& code = codes[rng.Below(codes.size())];
  r->set_current_offence_code(code);
  const scoring::OffenceInfo* info = scoring::OffenceTable::BuiltIn().Find(code);
  const bool violent_offence = info != nullptr && info->violent_sanction;
  const int rosh_pick = IsLowHarm(cat) ? rng.Pick({400, 520, 75, 5})
                        : IsViolentOrSexual(cat) ? rng.Pick({100, 550, 310, 40})
                                                 : rng.Pick({250, 550, 180, 20});
  const v1::RiskBand overall = static_cast<v1::RiskBand>(v1::LOW + rosh_pick);

  // Assessment date: most cases were assessed within their usual review
  // interval (16 weeks for high RoSH, 39 for medium, 52 for low); some are
  // a little late, a few long overdue.
  const int interval = overall >= v1::HIGH ? 112 : overall == v1::MEDIUM ? 273 : 364;
  int days_back;
  switch (rng.Pick({80, 12, 8})) {
    case 0:
      // Within three quarters of it: predictor bands often shorten it.
      days_back = rng.Between(0, interval * 3 / 4);
      break;
    case 1:
      days_back = rng.Between(interval + 1, interval + 60);
      break;
    default:
      days_back = rng.Between(interval + 61, 600);
  }
  const absl::CivilDay assessed = as_of - days_back;
  static constexpr int kAgeLo[] = {18, 21, 25, 30, 35, 40, 50, 60};
  static constexpr int kAgeHi[] = {20, 24, 29, 34, 39, 49, 59, 80};
  const int band = rng.Pick({9, 15, 18, 17, 14, 16, 8, 3});
  const int age = rng.Between(kAgeLo[band], kAgeHi[band]);
  const absl::CivilDay dob = assessed - (age * 365 + age / 4) - rng.Between(1, 364);
  *r->mutable_assessment_date() = D(assessed);
  *r->mutable_date_of_birth() = D(dob);

  // Conviction and start of follow-up.
  absl::CivilDay convicted, followup;
  switch (type) {
    case v1::LICENCE:
      convicted = assessed - rng.Between(180, 2000);
      followup = std::max(convicted + 30, assessed + rng.Between(-60, 30));
      break;
    case v1::CUSTODY_SENTENCE:
      convicted = assessed - rng.Between(30, 1500);
      followup = assessed + rng.Between(60, 900);
      break;
    case v1::REMAND_IN_CUSTODY:
      convicted = assessed - rng.Between(0, 30);
      followup = assessed + rng.Between(60, 400);
      break;
    case v1::NOT_SUPERVISED:
      convicted = assessed - rng.Between(400, 1500);
      followup = convicted + rng.Between(0, 28);
      break;
    default:
      convicted = assessed - rng.Between(0, 90);
      followup = convicted + rng.Between(0, 28);
  }
  *r->mutable_date_of_current_conviction() = D(convicted);
  *r->mutable_date_at_start_of_followup() = D(followup);
  *r->mutable_most_recent_offence_date() = D(convicted - rng.Between(14, 400));
  const int age_at_conviction = scoring::AgeAt(dob, convicted);


  // Criminal history.
  static constexpr int kSanctionLo[] = {1, 2, 3, 5, 10, 20, 40, 80};
  static constexpr int kSanctionHi[] = {1, 2, 4, 9, 19, 39, 79, 150};
  const int sb = rng.Pick({14, 9, 13, 20, 20, 15, 7, 2});
  int total = rng.Between(kSanctionLo[sb], kSanctionHi[sb]);
  static constexpr int kFirstLo[] = {0, 3, 6, 10, 20};
  static constexpr int kFirstHi[] = {2, 5, 9, 19, 40};
  const int fb = rng.Pick({25, 30, 20, 15, 10});
  int first = std::min(age_at_conviction, 12 + rng.Between(kFirstLo[fb], kFirstHi[fb]));
  if (total == 1) first = age_at_conviction;
  total = std::min(total, 1 + 4 * (age_at_conviction - first + 1));
  const double violence_rate = rng.Unit() * 0.45 + (violent_offence ? 0.15 : 0.0);
  int violent = 0;
  for (int i = 0; i < total && i < 200; ++i) violent += rng.Chance(violence_rate) ? 1 : 0;
  if (violent_offence) violent = std::max(violent, 1);
  violent = std::min(violent, total);

  // Sexual history.
  const bool sexual_now = IsSexual(cat);
  const bool sexual_ever = sexual_now || rng.Chance(0.025);
  r->set_has_ever_committed_sexual_offence(sexual_ever);
  r->set_current_offence_sexually_motivated(sexual_now);
  r->set_current_offence_against_stranger(sexual_now && rng.Chance(0.3));
  if (sexual_ever) {
    int adult = 0, child = 0, images = 0, non_contact = 0;
    auto count = [&rng] { return 1 + rng.Pick({70, 20, 7, 3}); };
    if (cat == Cat::kSexualAgainstChild) {
      if (rng.Chance(0.35)) {
        images = count();
        if (rng.Chance(0.15)) child = 1;
      } else {
        child = count();
      }
    } else if (cat == Cat::kSexualNotAgainstChild) {
      if (rng.Chance(0.75)) adult = count();
      else non_contact = count();
      if (rng.Chance(0.2)) non_contact += 1;
    } else {
      switch (rng.Pick({40, 25, 20, 15})) {
        case 0:
          adult = 1;
          break;
        case 1:
          child = 1;
          break;
        case 2:
          images = 1;
          break;
        default:
          non_contact = 1;
      }
    }
    r->set_contact_adult_sexual_sanctions(adult);
    r->set_contact_child_sexual_sanctions(child);
    r->set_indecent_image_sanctions(images);
    r->set_non_contact_sexual_offences(non_contact);
    total = std::max(total, adult + child + images + non_contact);
    const absl::CivilDay earliest = dob + 16 * 365 + 4;
    absl::CivilDay last = sexual_now ? convicted - rng.Between(30, 700) : convicted - rng.Between(730, 7300);
    if (last < earliest) last = std::min(earliest, convicted - 1);
    *r->mutable_date_of_most_recent_sexual_offence() = D(last);
  }
  r->set_total_sanctions(total);
  r->set_violent_sanctions(std::min(violent, total));
  r->set_age_at_first_sanction(first);

  // Needs (OASys sections 2-12).
  const double level = rng.Unit() + rng.Unit() + rng.Unit();
  Needs needs(&rng, 0.4 + 0.4 * level);
  const bool violent_or_sexual = IsViolentOrSexual(cat);
  const int completeness = rng.Pick({92, 5, 3});  // full, partial, none
  v1::OasysAnswers* a = r->mutable_answers();
  switch (cat) {
    case Cat::kWeaponsNonFirearm:
    case Cat::kFirearmsMostSerious:
    case Cat::kFirearmsOther:
      a->set_weapon_involved(rng.Chance(0.7));
      break;
    case Cat::kAcquisitiveViolence:
      a->set_weapon_involved(rng.Chance(0.4));
      break;
    case Cat::kViolenceAgainstThePersonAbhPlus:
      a->set_weapon_involved(rng.Chance(0.2));
      break;
    default:
      a->set_weapon_involved(rng.Chance(0.03));
  }
  a->set_accommodation_suitability(needs.Level(0.25, 0.12));
  a->set_no_fixed_abode(rng.Chance(a->accommodation_suitability() == v1::SIGNIFICANT_PROBLEMS ? 0.4 : 0.03));
  a->set_unemployed(needs.Yes(0.45));
  a->set_family_relationships(needs.Level(0.25, 0.08));
  a->set_partner_relationship(needs.Level(0.25, 0.10));
  a->set_previous_close_relationships(needs.Level(0.30, 0.12));
  const bool abuse = rng.Chance(violent_or_sexual ? 0.35 : 0.18);
  a->set_domestic_abuse_evidence(abuse);
  if (abuse) {
    const bool partner = rng.Chance(0.85);
    a->set_domestic_abuse_against_partner(partner);
    a->set_domestic_abuse_against_family(!partner || rng.Chance(0.3));
  }
  static constexpr v1::RelationshipStatus kStatus[] = {v1::IN_RELATIONSHIP_LIVING_TOGETHER,
                                                       v1::IN_RELATIONSHIP_NOT_LIVING_TOGETHER,
                                                       v1::NOT_IN_RELATIONSHIP};
  a->set_relationship_status(kStatus[rng.Pick({30, 18, 52})]);
  a->set_risk_of_sexual_harm(sexual_ever ? rng.Chance(0.9) : rng.Chance(0.02));
  a->set_emotional_congruence_with_children(cat == Cat::kSexualAgainstChild ? needs.Level(0.3, 0.15)
                                                                             : needs.Level(0.02, 0.0));
  a->set_regular_offending_activities(needs.Level(0.30, 0.15));
  a->set_easily_influenced_by_criminal_associates(needs.Level(0.30, 0.10));
  const bool drugs = needs.Yes(0.45);
  a->set_heroin(drugs && rng.Chance(0.22));
  a->set_methadone(drugs && rng.Chance(0.10));
  a->set_other_opiate(drugs && rng.Chance(0.05));
  a->set_crack_cocaine(drugs && rng.Chance(0.25));
  a->set_powder_cocaine(drugs && rng.Chance(0.30));
  a->set_misused_prescription_drug(drugs && rng.Chance(0.10));
  a->set_benzodiazepines(drugs && rng.Chance(0.12));
  a->set_cannabis(drugs && rng.Chance(0.60));
  a->set_steroids(drugs && rng.Chance(0.03));
  a->set_other_drugs(drugs && rng.Chance(0.05));
  a->set_ketamine(drugs && rng.Chance(0.05));
  a->set_spice(drugs && rng.Chance(0.08));
  a->set_hallucinogens(drugs && rng.Chance(0.03));
  a->set_solvents(drugs && rng.Chance(0.01));
  a->set_current_drug_misuse(drugs ? (rng.Chance(0.45) ? v1::SIGNIFICANT_PROBLEMS : v1::SOME_PROBLEMS)
                                   : v1::NO_PROBLEMS);
  if (drugs) {
    static constexpr v1::MotivationLevel kMotivation[] = {v1::FULL_MOTIVATION, v1::PARTIAL_MOTIVATION,
                                                          v1::NO_MOTIVATION};
    a->set_drug_misuse_motivation(kMotivation[rng.Pick({30, 45, 25})]);
  } else if (rng.Chance(0.9)) {
    a->set_drug_misuse_motivation(v1::FULL_MOTIVATION);
  }
  a->set_current_alcohol_use(needs.Level(0.25, 0.12));
  a->set_excessive_alcohol_use(a->current_alcohol_use() == v1::NO_PROBLEMS ? needs.Level(0.05, 0.0)
                                                                            : needs.Level(0.35, 0.2));
  a->set_difficulties_coping(needs.Level(0.35, 0.12));
  a->set_impulsivity(needs.Level(0.40, 0.20));
  a->set_controlling_or_aggressive_behaviour(needs.Level(violent_or_sexual ? 0.35 : 0.2, violent_or_sexual ? 0.15 : 0.05));
  a->set_temper_control(needs.Level(violent_or_sexual ? 0.4 : 0.3, violent_or_sexual ? 0.2 : 0.1));
  a->set_problem_solving_skills(needs.Level(0.40, 0.15));
  a->set_sexual_preoccupation(sexual_ever ? needs.Level(0.3, 0.1) : needs.Level(0.02, 0.0));
  a->set_offence_related_sexual_interests(sexual_ever ? needs.Level(0.3, 0.15) : v1::NO_PROBLEMS);
  a->set_pro_criminal_attitudes(needs.Level(0.35, 0.12));
  a->set_hostile_orientation(needs.Level(0.20, 0.06));
  a->set_recognises_impact_of_offending(rng.Chance(0.75));
  a->set_current_psychiatric_treatment(rng.Chance(0.08));
  static constexpr v1::YesSometimesNo kAwareness[] = {v1::YES, v1::SOMETIMES, v1::NO};
  a->set_awareness_of_consequences(kAwareness[rng.Pick({50, 35, 15})]);
  a->set_understands_other_peoples_views(needs.Level(0.30, 0.10));
  // Previous serious convictions (SVRP): only with an earlier sanction.
  v1::PreviousConvictions* previous = r->mutable_previous_convictions();
  if (total > 1) {
    static constexpr v1::PreviousConviction kTypes[] = {v1::HOMICIDE,  v1::WOUNDING_GBH,        v1::KIDNAPPING,
                                                        v1::FIREARMS,  v1::ROBBERY,             v1::AGGRAVATED_BURGLARY,
                                                        v1::WEAPON,    v1::CRIMINAL_DAMAGE,     v1::ARSON};
    static constexpr double kRates[] = {0.005, 0.08, 0.01, 0.02, 0.06, 0.02, 0.10, 0.015, 0.02};
    const double scale = 0.5 + 2 * violence_rate;
    for (size_t i = 0; i < std::size(kTypes); ++i) {
      if (rng.Chance(kRates[i] * scale)) previous->add_types(kTypes[i]);
    }
  }
  if (completeness == 1) {
    // A partly completed assessment: one to three dynamic items left blank.
    const int blanks = rng.Between(1, 3);
    for (int i = 0; i < blanks; ++i) {
      switch (rng.Below(6)) {
        case 0:
          a->clear_accommodation_suitability();
          break;
        case 1:
          a->clear_unemployed();
          break;
        case 2:
          a->clear_impulsivity();
          break;
        case 3:
          a->clear_pro_criminal_attitudes();
          break;
        case 4:
          a->clear_temper_control();
          break;
        default:
          a->clear_current_alcohol_use();
      }
    }
  } else if (completeness == 2) {
    r->clear_answers();
    r->clear_previous_convictions();
  }

  // Maturity, OPD and LDS screening items.
  v1::MaturityItems* m = r->mutable_maturity();
  m->set_peer_group_influences(needs.Yes(0.35));
  m->set_influence_from_criminal_associates(needs.Level(0.3, 0.1));
  m->set_recklessness_and_risk_taking(needs.Level(0.35, 0.15));
  m->set_attitudes_towards_self(needs.Level(0.3, 0.1));

  // RoSH.
  const int target = rng.Pick({60, 25, 10, 5});  // public, known adult, children, staff
  auto cell = [&](int group) { return group == target ? overall : Lower(overall, rng.Between(0, 2)); };
  v1::RoshRatings* rosh = r->mutable_rosh();
  rosh->set_public_community(cell(0));
  rosh->set_known_adult_community(cell(1));
  rosh->set_children_community(cell(2));
  rosh->set_staff_community(cell(3));
  if (been_in_custody) {
    rosh->set_public_custody(Lower(rosh->public_community(), rng.Between(0, 1)));
    rosh->set_known_adult_custody(Lower(rosh->known_adult_community(), rng.Between(0, 1)));
    rosh->set_children_custody(Lower(rosh->children_community(), rng.Between(0, 1)));
    rosh->set_staff_custody(Lower(overall, rng.Between(0, 2)));
    rosh->set_prisoners_custody(Lower(overall, rng.Between(0, 2)));
  }

  v1::OpdItems* o = r->mutable_opd();
  o->set_overall_risk_for_assessment(overall);
  o->set_highest_risk_level_over_all_assessments(
      static_cast<v1::RiskBand>(std::min<int>(v1::VERY_HIGH, overall + (rng.Chance(0.2) ? 1 : 0))));
  o->set_custodial_sentence(been_in_custody);
  o->set_offence_involved_violence_or_threat(violent_or_sexual || rng.Chance(0.05));
  o->set_offence_involved_excessive_violence(violent_or_sexual && rng.Chance(0.15));
  o->set_offence_involved_arson(cat == Cat::kCriminalDamage && rng.Chance(0.1));
  o->set_over_reliance_on_others_for_financial_support(needs.Level(0.2, 0.05));
  o->set_manipulative_or_predatory_behaviour(needs.Level(0.12, 0.04));
  o->set_childhood_behavioural_problems(needs.Yes(0.3));
  o->set_experience_of_childhood(needs.Level(0.3, 0.2));
  o->set_current_psychological_problems(needs.Level(0.3, 0.1));
  o->set_current_psychiatric_problems(needs.Level(0.1, 0.05));
  o->set_history_of_psychiatric_treatment(rng.Chance(0.2));
  o->set_medication_for_mental_health(rng.Chance(0.2));
  o->set_special_hospital_or_secure_unit(rng.Chance(0.01));
  o->set_obsessive_behaviour_linked_to_offending(rng.Chance(0.05));
  o->set_self_harm_or_attempted_suicide(rng.Chance(male ? 0.2 : 0.4));
  o->set_attitude_towards_supervision(needs.Level(0.2, 0.08));
  o->set_assaulted_or_threatened_staff(rng.Chance(0.05));
  o->set_escaped_or_absconded(rng.Chance(0.05));
  o->set_control_issues(rng.Chance(0.1));
  o->set_offence_motivation_emotional_state(rng.Chance(0.4));
  o->set_offence_analysis_issues_linked_to_risk(rng.Chance(0.5));
  o->set_accommodation_issues_linked_to_risk(rng.Chance(0.25));
  o->set_relationship_issues_linked_to_risk(rng.Chance(0.35));
  o->set_emotional_issues_linked_to_risk(rng.Chance(0.35));
  o->set_thinking_and_behaviour_issues_linked_to_risk(rng.Chance(0.5));
  o->set_apply_override(rng.Chance(0.02));

  v1::LdsItems* l = r->mutable_lds();
  l->set_work_related_skills(needs.Level(0.3, 0.15));
  l->set_reading_writing_numeracy(needs.Level(0.2, 0.1));
  if (l->reading_writing_numeracy() != v1::NO_PROBLEMS) {
    l->set_problems_with_reading(rng.Chance(0.6));
    l->set_problems_with_numeracy(rng.Chance(0.5));
  }
  l->set_learning_difficulties(needs.Level(0.12, 0.05));
  l->set_qualifications(rng.Chance(0.55) ? v1::ANY_QUALIFICATION : v1::NO_QUALIFICATIONS);

  if (abuse) {
    r->set_sara_risk_to_partner(static_cast<v1::RiskBand>(v1::LOW + rng.Pick({40, 40, 20})));
    r->set_sara_risk_to_others(static_cast<v1::RiskBand>(v1::LOW + rng.Pick({70, 25, 5})));
  }

  // The case around the assessment.
  v1::CaseContext* c = r->mutable_case_context();
  c->set_supervision_type(type);
  const bool long_sentence = been_in_custody && (cat == Cat::kViolenceAgainstThePersonAbhPlus || sexual_now);
  c->set_sentence_kind(long_sentence && rng.Chance(0.06) ? (rng.Chance(0.7) ? v1::LIFE : v1::IPP) : v1::DETERMINATE);
  absl::CivilDay start = type == v1::LICENCE || in_custody ? convicted : followup;
  *c->mutable_sentence_start() = D(start);
  const absl::CivilDay end = scoring::PlusMonths(followup, 6 * rng.Between(2, 6)).ToAbsl();
  *c->mutable_expected_end() = D(end);
  if (type == v1::LICENCE || in_custody) *c->mutable_release_date() = D(followup);
  int mappa_category = 0;
  if (sexual_ever && rng.Chance(0.9)) {
    mappa_category = 1;
  } else if (violent_offence && been_in_custody && rng.Chance(0.35)) {
    mappa_category = 2;
  } else if (rng.Chance(0.01)) {
    mappa_category = 3;
  }
  if (mappa_category > 0) {
    c->mutable_mappa()->set_category(mappa_category);
    const int level_pick = mappa_category == 1   ? rng.Pick({92, 7, 1})
                           : mappa_category == 2 ? rng.Pick({80, 17, 3})
                                                 : 1 + rng.Pick({80, 20});
    c->mutable_mappa()->set_level(1 + level_pick);
  }
  const int events = rng.Pick({72, 20, 6, 2});
  const int since = std::max(0, static_cast<int>(as_of - assessed));
  for (int i = 0; i < events; ++i) {
    static constexpr v1::CaseEventType kEvents[] = {
        v1::SIGNIFICANT_CHANGE, v1::NEW_OFFENCE,        v1::RECALL_TO_CUSTODY, v1::RELEASE_FROM_CUSTODY,
        v1::TRANSFER_IN,        v1::TRANSFER_OUT,       v1::BREACH_PROCEEDINGS, v1::CHANGE_OF_ADDRESS,
        v1::SUPERVISION_ENDING, v1::ROSH_ESCALATION};
    v1::CaseEventType event = kEvents[rng.Pick({15, 10, 5, 10, 10, 5, 12, 20, 8, 5})];
    if (event == v1::RECALL_TO_CUSTODY && type != v1::LICENCE) event = v1::SIGNIFICANT_CHANGE;
    if (event == v1::RELEASE_FROM_CUSTODY && !in_custody) event = v1::CHANGE_OF_ADDRESS;
    if (event == v1::BREACH_PROCEEDINGS && been_in_custody && type != v1::LICENCE) event = v1::TRANSFER_IN;
    if (event == v1::ROSH_ESCALATION && overall < v1::HIGH) event = v1::SIGNIFICANT_CHANGE;
    v1::CaseEvent* e = c->add_events();
    e->set_type(event);
    // Events not yet acted on are recent: within the last two weeks.
    absl::CivilDay when = assessed + std::max(0, since - rng.Between(0, 14));
    if (event == v1::RELEASE_FROM_CUSTODY) when = followup;
    if (event == v1::SUPERVISION_ENDING) when = end;
    *e->mutable_date() = D(when);
  }
  std::sort(c->mutable_events()->begin(), c->mutable_events()->end(),
            [](const v1::CaseEvent& x, const v1::CaseEvent& y) {
              return std::make_tuple(x.date().year(), x.date().month(), x.date().day()) <
                     std::make_tuple(y.date().year(), y.date().month(), y.date().day());
            });
  c->set_domestic_abuse_registration(rng.Chance(abuse ? 0.45 : 0.02));
  c->set_stalking_registration(rng.Chance(0.02));
  c->set_child_protection_registration(rng.Chance(cat == Cat::kSexualAgainstChild ? 0.3 : 0.05));
  if (rng.Chance(0.12)) {
    const bool fixed = overall >= v1::HIGH || c->mappa().level() >= 2;
    static constexpr int kEarly[] = {8, 12};
    static constexpr int kLater[] = {13, 20, 26, 39, 52};
    const int weeks = fixed ? kEarly[rng.Below(2)] : kLater[rng.Below(5)];
    v1::PractitionerDecision* p = c->mutable_practitioner_decision();
    *p->mutable_chosen_review_date() = D(assessed + 7 * weeks);
    p->set_reason(static_cast<v1::RationaleReason>(1 + rng.Below(5)));
    p->set_rationale(kRationales[rng.Below(std::size(kRationales))]);
    p->set_practitioner_id(absl::StrFormat("PR%04d", 1 + rng.Below(400)));
    const absl::CivilSecond decided(assessed.year(), assessed.month(), assessed.day(), 9 + rng.Between(0, 8),
                                    rng.Between(0, 59), 0);
    p->mutable_decided_at()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(decided, absl::UTCTimeZone())) +
                                         86400 * rng.Between(0, 3));
  }

  // Deliberate errors, for tests only.
  if (options_.invalid_share > 0 && rng.Chance(options_.invalid_share)) {
    switch (rng.Below(8)) {
      case 0:
        r->set_total_sanctions(0);
        break;
      case 1:
        *r->mutable_date_of_birth() = D(convicted + 10);
        break;
      case 2:
        r->set_current_offence_code("12A45");
        break;
      case 3:
        r->mutable_date_of_birth()->set_month(2);
        r->mutable_date_of_birth()->set_day(30);
        break;
      case 4:
        r->clear_date_of_birth();
        break;
      case 5:
        r->set_age_at_first_sanction(120);
        break;
      case 6:
        r->set_violent_sanctions(r->total_sanctions() + 1);
        break;
      default:
        r->clear_rosh();
        if (r->has_opd()) r->mutable_opd()->clear_overall_risk_for_assessment();
    }
  }
}

}  // namespace assay::demo
