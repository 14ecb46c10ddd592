// Dynamic validation of ARP, VRP and SVRP (../shared/spec/predictors.md
// §4.1 step 2, §5.1, §6.1, §7.1): the errors ValidateArp, ValidateVrp and
// ValidateSvrp (reoffending.h) add after their static checks.
//
// Contract:
//   - ValidateArpDynamic / ValidateVrpDynamic / ValidateSvrpDynamic append
//     the predictor's dynamic errors (one MISSING_DYNAMIC_INPUT listing the
//     unanswered items in the reference's order, VALUE_OUT_OF_RANGE per item
//     with a value unknown to the schema, then the drug-consistency check)
//     and return how many they added: 0 means the predictor scores its
//     dynamic model when its static checks pass, otherwise its static one.
//   - Templates over the record and error-list types: v1::Assessment and
//     protobuf's repeated errors, or their flat mirrors (schemas/flat/), so
//     the pipeline runs this very code rather than a copy of it.
#ifndef ASSAY_SCORING_REOFFENDING_DYNAMIC_H_
#define ASSAY_SCORING_REOFFENDING_DYNAMIC_H_

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "absl/container/inlined_vector.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/errors.h"
#include "scoring/features.h"

namespace assay::scoring {
namespace dynamic_internal {

// Field paths of one error: inline, as a static-fallback record lists a
// dozen missing items.
using FieldList = absl::InlinedVector<std::string_view, 16>;

// Dynamic items. `required` answers missing -> MISSING_DYNAMIC_INPUT; an enum
// value unknown to the schema -> VALUE_OUT_OF_RANGE.
enum class Item {
  kWeapon,
  kAccommodation,
  kUnemployed,
  kPartnerRelationship,
  kDomesticAbuse,
  kRelationshipStatus,
  kRegularActivities,
  kDrugMotivation,
  kCurrentAlcohol,
  kExcessiveAlcohol,
  kImpulsivity,
  kTemper,
  kProCriminal,
  kPreviousConvictions,
};

// -1 unanswered, 0 answered, 1 unknown enum value.
template <typename Record>
int ItemState(const Record& a, Item item) {
  const auto& x = a.answers();
  const auto problem = [](v1::ProblemLevel level) {
    return level == v1::PROBLEM_LEVEL_UNSPECIFIED ? -1 : (ProblemScore(level) >= 0 ? 0 : 1);
  };
  switch (item) {
    case Item::kWeapon:
      return x.has_weapon_involved() ? 0 : -1;
    case Item::kAccommodation:
      return problem(x.accommodation_suitability());
    case Item::kUnemployed:
      return x.has_unemployed() ? 0 : -1;
    case Item::kPartnerRelationship:
      return problem(x.partner_relationship());
    case Item::kDomesticAbuse:
      return x.has_domestic_abuse_evidence() ? 0 : -1;
    case Item::kRelationshipStatus:
      if (x.relationship_status() == v1::RELATIONSHIP_STATUS_UNSPECIFIED) return -1;
      return x.relationship_status() >= v1::IN_RELATIONSHIP_LIVING_TOGETHER &&
                     x.relationship_status() <= v1::NOT_IN_RELATIONSHIP
                 ? 0
                 : 1;
    case Item::kRegularActivities:
      return problem(x.regular_offending_activities());
    case Item::kDrugMotivation:
      if (x.drug_misuse_motivation() == v1::MOTIVATION_LEVEL_UNSPECIFIED) return -1;
      return MotivationScore(x.drug_misuse_motivation()) >= 0 ? 0 : 1;
    case Item::kCurrentAlcohol:
      return problem(x.current_alcohol_use());
    case Item::kExcessiveAlcohol:
      return problem(x.excessive_alcohol_use());
    case Item::kImpulsivity:
      return problem(x.impulsivity());
    case Item::kTemper:
      return problem(x.temper_control());
    case Item::kProCriminal:
      return problem(x.pro_criminal_attitudes());
    case Item::kPreviousConvictions:
      if (!a.has_previous_convictions()) return -1;
      for (int type : a.previous_convictions().types()) {
        if (type < v1::HOMICIDE || type > v1::ARSON) return 1;
      }
      return 0;
  }
  return -1;
}

inline std::string_view ItemField(Item item) {
  switch (item) {
    case Item::kWeapon:
      return "answers.weapon_involved";
    case Item::kAccommodation:
      return "answers.accommodation_suitability";
    case Item::kUnemployed:
      return "answers.unemployed";
    case Item::kPartnerRelationship:
      return "answers.partner_relationship";
    case Item::kDomesticAbuse:
      return "answers.domestic_abuse_evidence";
    case Item::kRelationshipStatus:
      return "answers.relationship_status";
    case Item::kRegularActivities:
      return "answers.regular_offending_activities";
    case Item::kDrugMotivation:
      return "answers.drug_misuse_motivation";
    case Item::kCurrentAlcohol:
      return "answers.current_alcohol_use";
    case Item::kExcessiveAlcohol:
      return "answers.excessive_alcohol_use";
    case Item::kImpulsivity:
      return "answers.impulsivity";
    case Item::kTemper:
      return "answers.temper_control";
    case Item::kProCriminal:
      return "answers.pro_criminal_attitudes";
    case Item::kPreviousConvictions:
      return "previous_convictions";
  }
  return {};
}

struct DrugField {
  uint16_t bit;
  std::string_view field;
};
// §5.1: ARP's 13 flags (heroin, not methadone), in the reference's order.
inline constexpr DrugField kArpDrugs[] = {
    {kDrugHeroin, "answers.heroin"},
    {kDrugOtherOpiate, "answers.other_opiate"},
    {kDrugCrackCocaine, "answers.crack_cocaine"},
    {kDrugPowderCocaine, "answers.powder_cocaine"},
    {kDrugMisusedPrescription, "answers.misused_prescription_drug"},
    {kDrugBenzodiazepines, "answers.benzodiazepines"},
    {kDrugCannabis, "answers.cannabis"},
    {kDrugSteroids, "answers.steroids"},
    {kDrugOtherDrugs, "answers.other_drugs"},
    {kDrugKetamine, "answers.ketamine"},
    {kDrugSpice, "answers.spice"},
    {kDrugHallucinogens, "answers.hallucinogens"},
    {kDrugSolvents, "answers.solvents"},
};
// §6.1: VRP's 13 flags (methadone, not heroin).
inline constexpr DrugField kVrpDrugs[] = {
    {kDrugOtherOpiate, "answers.other_opiate"},
    {kDrugCrackCocaine, "answers.crack_cocaine"},
    {kDrugPowderCocaine, "answers.powder_cocaine"},
    {kDrugMisusedPrescription, "answers.misused_prescription_drug"},
    {kDrugBenzodiazepines, "answers.benzodiazepines"},
    {kDrugCannabis, "answers.cannabis"},
    {kDrugSteroids, "answers.steroids"},
    {kDrugOtherDrugs, "answers.other_drugs"},
    {kDrugKetamine, "answers.ketamine"},
    {kDrugSpice, "answers.spice"},
    {kDrugHallucinogens, "answers.hallucinogens"},
    {kDrugSolvents, "answers.solvents"},
    {kDrugMethadone, "answers.methadone"},
};

template <typename Answers>
uint16_t DrugsUsed(const Answers& x) {
  uint16_t bits = 0;
  if (x.heroin()) bits |= kDrugHeroin;
  if (x.methadone()) bits |= kDrugMethadone;
  if (x.other_opiate()) bits |= kDrugOtherOpiate;
  if (x.crack_cocaine()) bits |= kDrugCrackCocaine;
  if (x.powder_cocaine()) bits |= kDrugPowderCocaine;
  if (x.misused_prescription_drug()) bits |= kDrugMisusedPrescription;
  if (x.benzodiazepines()) bits |= kDrugBenzodiazepines;
  if (x.cannabis()) bits |= kDrugCannabis;
  if (x.steroids()) bits |= kDrugSteroids;
  if (x.other_drugs()) bits |= kDrugOtherDrugs;
  if (x.ketamine()) bits |= kDrugKetamine;
  if (x.spice()) bits |= kDrugSpice;
  if (x.hallucinogens()) bits |= kDrugHallucinogens;
  if (x.solvents()) bits |= kDrugSolvents;
  return bits;
}

// Dynamic validation (§4.1 step 2). `drugs` is empty for SVRP, which has no
// drug items and no drug-consistency check.
template <typename Record, typename Errors>
int ValidateDynamic(const Record& a, std::initializer_list<Item> required,
                    std::span<const DrugField> drugs, Errors* errors) {
  const int before = errors->size();
  FieldList missing;
  FieldList unknown;
  for (Item item : required) {
    const int state = ItemState(a, item);
    if (state < 0) missing.push_back(ItemField(item));
    if (state > 0) unknown.push_back(ItemField(item));
  }
  // ARP's optional motivation (quirk 7) is still checked for unknown values.
  if (!drugs.empty() && ItemState(a, Item::kDrugMotivation) > 0 &&
      std::find(unknown.begin(), unknown.end(), ItemField(Item::kDrugMotivation)) ==
          unknown.end()) {
    unknown.push_back(ItemField(Item::kDrugMotivation));
  }
  if (!missing.empty()) FillError(v1::MISSING_DYNAMIC_INPUT, missing, errors->Add());
  for (std::string_view field : unknown) FillError(v1::VALUE_OUT_OF_RANGE, {field}, errors->Add());
  if (!drugs.empty() && a.answers().drug_misuse_motivation() == v1::MOTIVATION_LEVEL_UNSPECIFIED) {
    const uint16_t used = DrugsUsed(a.answers());
    FieldList inconsistent;
    for (const DrugField& drug : drugs) {
      if ((used & drug.bit) != 0) inconsistent.push_back(drug.field);
    }
    if (!inconsistent.empty()) {
      FillError(v1::MOTIVATION_TO_TACKLE_DRUG_MISUSE_INCONSISTENT, inconsistent, errors->Add());
    }
  }
  return errors->size() - before;
}

}  // namespace dynamic_internal

// §5.1; motivation is optional (reference quirk 7).
template <typename Record, typename Errors>
int ValidateArpDynamic(const Record& a, Errors* errors) {
  using dynamic_internal::Item;
  return dynamic_internal::ValidateDynamic(
      a,
      {Item::kAccommodation, Item::kUnemployed, Item::kPartnerRelationship, Item::kDomesticAbuse,
       Item::kRelationshipStatus, Item::kRegularActivities, Item::kCurrentAlcohol,
       Item::kExcessiveAlcohol, Item::kImpulsivity, Item::kProCriminal},
      dynamic_internal::kArpDrugs, errors);
}

// §6.1; motivation is required here (reference quirk 7).
template <typename Record, typename Errors>
int ValidateVrpDynamic(const Record& a, Errors* errors) {
  using dynamic_internal::Item;
  return dynamic_internal::ValidateDynamic(
      a,
      {Item::kAccommodation, Item::kUnemployed, Item::kPartnerRelationship, Item::kDomesticAbuse,
       Item::kRelationshipStatus, Item::kRegularActivities, Item::kDrugMotivation,
       Item::kCurrentAlcohol, Item::kExcessiveAlcohol, Item::kImpulsivity, Item::kTemper},
      dynamic_internal::kVrpDrugs, errors);
}

// §7.1; no drug items, no dynamic custom checks.
template <typename Record, typename Errors>
int ValidateSvrpDynamic(const Record& a, Errors* errors) {
  using dynamic_internal::Item;
  return dynamic_internal::ValidateDynamic(
      a,
      {Item::kWeapon, Item::kAccommodation, Item::kUnemployed, Item::kCurrentAlcohol,
       Item::kTemper, Item::kProCriminal, Item::kPreviousConvictions},
      {}, errors);
}

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_REOFFENDING_DYNAMIC_H_
