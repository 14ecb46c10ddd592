// The actuarial features of ARP, VRP and SVRP, derived from one assessment
// (../shared/spec/predictors.md §2.3, §5.2, §6.2, §7.2).
//
// Contract:
//   - ReoffendingFeatures is a plain, fixed-size value: integers, a presence
//     bitmask and exact doubles, no pointers and no heap. A batch engine can
//     transpose an array of them into structure-of-arrays lanes.
//   - DeriveReoffendingFeatures needs what static validation guarantees for
//     every predictor: valid assessment date, date of birth and conviction
//     date, a conviction after the birth, total sanctions, age at first
//     sanction and a gender, and a follow-up date (the supplied one, else the
//     conviction date) after the birth, S >= 1 and an age at first sanction
//     not above the age at conviction. (V is taken as given: only VRP and
//     SVRP use it, and they reject V < 0.) It returns false, leaving *out
//     unspecified, when those do not hold; it never crashes.
//   - Calendar arithmetic is java.time's (scoring/dates.h), never days/365:
//       a  = completed years from birth to the follow-up date
//       Y  = ageAt(conviction) - ageAtFirstSanction (reference quirk 23: a
//            difference of two integer ages, not of dates)
//       m  = 0 when the assessment precedes the follow-up date, else
//            min(36, whole months from follow-up to assessment)
//   - Dynamic answers are scored as the models use them (ProblemLevel and
//     MotivationLevel 0/1/2, 4.2 unemployment 0/2, indicators 0/1); an
//     unanswered or unknown item scores 0 and its `answered` bit is clear.
//     Whether that may happen is the validators' business, not this file's.
#ifndef ASSAY_SCORING_FEATURES_H_
#define ASSAY_SCORING_FEATURES_H_

#include <array>
#include <cstdint>
#include <type_traits>

#include "schemas/assessment.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

// Bits of ReoffendingFeatures::drugs (section 8 drug list).
enum DrugBit : uint16_t {
  kDrugHeroin = 1u << 0,
  kDrugMethadone = 1u << 1,
  kDrugOtherOpiate = 1u << 2,
  kDrugCrackCocaine = 1u << 3,
  kDrugPowderCocaine = 1u << 4,
  kDrugMisusedPrescription = 1u << 5,
  kDrugBenzodiazepines = 1u << 6,
  kDrugCannabis = 1u << 7,
  kDrugSteroids = 1u << 8,
  kDrugOtherDrugs = 1u << 9,
  kDrugKetamine = 1u << 10,
  kDrugSpice = 1u << 11,
  kDrugHallucinogens = 1u << 12,
  kDrugSolvents = 1u << 13,
};
// The models' single OTHER_DRUGS indicator covers these five.
inline constexpr uint16_t kOtherDrugsGroup =
    kDrugOtherDrugs | kDrugKetamine | kDrugSpice | kDrugHallucinogens | kDrugSolvents;

// Bits of ReoffendingFeatures::answered.
enum AnsweredBit : uint32_t {
  kAnsweredWeapon = 1u << 0,
  kAnsweredAccommodation = 1u << 1,
  kAnsweredUnemployed = 1u << 2,
  kAnsweredPartnerRelationship = 1u << 3,
  kAnsweredDomesticAbuse = 1u << 4,
  kAnsweredRelationshipStatus = 1u << 5,
  kAnsweredRegularActivities = 1u << 6,
  kAnsweredDrugMotivation = 1u << 7,
  kAnsweredCurrentAlcohol = 1u << 8,
  kAnsweredExcessiveAlcohol = 1u << 9,
  kAnsweredImpulsivity = 1u << 10,
  kAnsweredTemper = 1u << 11,
  kAnsweredProCriminal = 1u << 12,
  kAnsweredPreviousConvictions = 1u << 13,
  kAnsweredViolentSanctions = 1u << 14,
  kAnsweredFollowUpDate = 1u << 15,  // else the conviction date was used
};

struct ReoffendingFeatures {
  // Criminal history.
  int32_t female = 0;               // 1 female, 0 male
  int32_t age_at_followup = 0;      // a
  int32_t age_at_conviction = 0;    // ageAtCurrentSanction
  int32_t years_since_first = 0;    // Y
  int32_t offence_free_months = 0;  // m, 0..36
  int32_t total_sanctions = 0;      // S (includes the current sanction)
  int32_t violent_sanctions = 0;    // V; 0 when not supplied
  OffenceCategory category = OffenceCategory::kUnknown;

  // Dynamic answers, scored.
  int8_t weapon = 0;                // 2.2, 0/1
  int8_t accommodation = 0;         // 3.4, 0..2
  int8_t unemployed = 0;            // 4.2, OASys coding 0/2 (quirk 5)
  int8_t partner_relationship = 0;  // 6.4, 0..2
  int8_t domestic_abuse = 0;        // 6.7, 0/1 (quirk 6: the evidence flag)
  int8_t living_with_partner = 0;   // 6.8 = living together, 0/1 (quirk 8)
  int8_t regular_activities = 0;    // 7.2, 0..2
  int8_t drug_motivation = 0;       // 8.8, 0..2 (unanswered = 0, quirk 7)
  int8_t current_alcohol = 0;       // 9.1, 0..2
  int8_t excessive_alcohol = 0;     // 9.2, 0..2
  int8_t impulsivity = 0;           // 11.2, 0..2
  int8_t temper = 0;                // 11.4, 0..2
  int8_t pro_criminal = 0;          // 12.1, 0..2
  uint16_t drugs = 0;               // DrugBit set
  uint16_t previous_convictions = 0;  // bit (PreviousConviction - 1), duplicates once
  uint32_t answered = 0;            // AnsweredBit set

  // Derived reals. The powers are exact (integers below 2^53). The rates are
  // in double; the precise path recomputes them in binary128 from S, Y, V.
  std::array<double, 4> age_powers{};  // a, a^2, a^3, a^4
  std::array<double, 4> ofm_powers{};  // m, m^2, m^3, m^4
  double copas_general_rate = 0;          // ln(S / (Y + 26))  (ARP)
  double copas_violent_general_rate = 0;  // ln(S / (Y + 12))  (VRP, SVRP)
  double violent_rate = 0;                // ln(V / (Y + 30)), 0 when V = 0
};

static_assert(std::is_trivially_copyable_v<ReoffendingFeatures>,
              "batch engines copy and transpose features as plain bytes");

// See the contract above. `category` is the offence's actuarial category,
// looked up by the caller (validation has already rejected UNKNOWN).
// A template over the record type (v1::Assessment or its flat mirror).
template <typename Assessment>
bool DeriveReoffendingFeatures(const Assessment& assessment, OffenceCategory category,
                               ReoffendingFeatures* out);

// 0/1/2 for NO/SOME/SIGNIFICANT_PROBLEMS; -1 for unanswered or unknown.
int ProblemScore(v1::ProblemLevel level);
// 0/1/2 for FULL/PARTIAL/NO_MOTIVATION; -1 for unanswered or unknown.
int MotivationScore(v1::MotivationLevel level);


namespace features_internal {
inline int8_t Score(int score) { return static_cast<int8_t>(score < 0 ? 0 : score); }
}  // namespace features_internal

// The OASys part of DeriveReoffendingFeatures: every dynamic item that is
// answered (value and `answered` bit), the drug flags and the previous
// convictions. A template over the record type (v1::Assessment, or the
// batch engine's wire-decoded records, which mimic its accessors), so both
// paths derive with this one code.
template <typename Record>
void DeriveAnswerFeatures(const Record& assessment, ReoffendingFeatures* f) {
  using features_internal::Score;
  const auto& answers = assessment.answers();
  if (answers.has_weapon_involved()) {
    f->weapon = answers.weapon_involved() ? 1 : 0;
    f->answered |= kAnsweredWeapon;
  }
  if (ProblemScore(answers.accommodation_suitability()) >= 0) {
    f->accommodation = Score(ProblemScore(answers.accommodation_suitability()));
    f->answered |= kAnsweredAccommodation;
  }
  if (answers.has_unemployed()) {
    // Reference quirk 5: OASys codes 4.2 as 0/2, so the term is 2 x coefficient.
    f->unemployed = answers.unemployed() ? 2 : 0;
    f->answered |= kAnsweredUnemployed;
  }
  if (ProblemScore(answers.partner_relationship()) >= 0) {
    f->partner_relationship = Score(ProblemScore(answers.partner_relationship()));
    f->answered |= kAnsweredPartnerRelationship;
  }
  if (answers.has_domestic_abuse_evidence()) {
    // Reference quirk 6: the evidence flag itself, not "evidence AND against
    // partner" as the model label S6Q7_PERP suggests.
    f->domestic_abuse = answers.domestic_abuse_evidence() ? 1 : 0;
    f->answered |= kAnsweredDomesticAbuse;
  }
  switch (answers.relationship_status()) {
    case v1::IN_RELATIONSHIP_LIVING_TOGETHER:
    case v1::IN_RELATIONSHIP_NOT_LIVING_TOGETHER:
    case v1::NOT_IN_RELATIONSHIP:
      // Reference quirk 8: the S3Q2_PARTNER term is fed from 6.8.
      f->living_with_partner =
          answers.relationship_status() == v1::IN_RELATIONSHIP_LIVING_TOGETHER ? 1 : 0;
      f->answered |= kAnsweredRelationshipStatus;
      break;
    default:
      break;
  }
  if (ProblemScore(answers.regular_offending_activities()) >= 0) {
    f->regular_activities = Score(ProblemScore(answers.regular_offending_activities()));
    f->answered |= kAnsweredRegularActivities;
  }
  if (MotivationScore(answers.drug_misuse_motivation()) >= 0) {
    f->drug_motivation = Score(MotivationScore(answers.drug_misuse_motivation()));
    f->answered |= kAnsweredDrugMotivation;
  }
  if (ProblemScore(answers.current_alcohol_use()) >= 0) {
    f->current_alcohol = Score(ProblemScore(answers.current_alcohol_use()));
    f->answered |= kAnsweredCurrentAlcohol;
  }
  if (ProblemScore(answers.excessive_alcohol_use()) >= 0) {
    f->excessive_alcohol = Score(ProblemScore(answers.excessive_alcohol_use()));
    f->answered |= kAnsweredExcessiveAlcohol;
  }
  if (ProblemScore(answers.impulsivity()) >= 0) {
    f->impulsivity = Score(ProblemScore(answers.impulsivity()));
    f->answered |= kAnsweredImpulsivity;
  }
  if (ProblemScore(answers.temper_control()) >= 0) {
    f->temper = Score(ProblemScore(answers.temper_control()));
    f->answered |= kAnsweredTemper;
  }
  if (ProblemScore(answers.pro_criminal_attitudes()) >= 0) {
    f->pro_criminal = Score(ProblemScore(answers.pro_criminal_attitudes()));
    f->answered |= kAnsweredProCriminal;
  }
  // Drug flags: unanswered counts as "not used" (§5.1, §6.1).
  const auto drug = [f](bool used, uint16_t bit) {
    if (used) f->drugs |= bit;
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
    f->answered |= kAnsweredPreviousConvictions;
    // Membership, so duplicates count once (§7.2).
    for (int type : assessment.previous_convictions().types()) {
      if (type >= v1::HOMICIDE && type <= v1::ARSON) {
        f->previous_convictions |= static_cast<uint16_t>(1u << (type - 1));
      }
    }
  }
}

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_FEATURES_H_
