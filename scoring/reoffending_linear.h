// The linear predictors z of ARP, VRP and SVRP, written once as templates
// over the number type (../shared/spec/predictors.md §5.2, §6.2, §7.2).
//
// Contract:
//   - XxxLinearPredictor<Real>(features, coefficients, terms) returns z and,
//     when `terms` is not null, writes the additive terms in the reference's
//     feature-value order (kXxxTermNames; totalWeight is z itself).
//   - Each model is a FIXED sequence of term computations. A term that does
//     not apply evaluates to 0 by multiplying with a 0/1 indicator (never a
//     branch), and a static coefficient set has 0 for every dynamic term, so
//     static and dynamic models run the same operations. The terms are then
//     summed strictly left to right in the reference's order.
//   - Instantiated for double (the normal path) and Quad (the precise path,
//     binary128); a SIMD engine instantiates the same sequence over vector
//     types, supplying Log/Exp overloads for them. Real must support
//     construction from int, + - * /, and Log(Real).
//
// Evaluation order and exactness. The reference adds exact products of
// BigDecimal coefficients and integers, so its sum does not depend on order;
// ours does, and it is fixed here so that the double, Quad and SIMD paths
// agree bit for bit among themselves:
//   * powers a^k and m^k are formed by repeated multiplication (exact);
//   * a polynomial is c1*x + c2*x^2 + c3*x^3 + c4*x^4, summed left to right;
//   * a gender-specific coefficient is male*c_male + female*c_female (exact:
//     one of the products is 0);
//   * an indicator term is indicator*(value*coefficient);
//   * the copas rates are Log(S / (Y + boost)), the division in Real; the
//     violent rate uses max(V, 1) inside the log so V = 0 gives 0*finite,
//     not 0*(-inf);
//   * z = t0 + t1 + ... + t(n-1), left to right.
#ifndef ASSAY_SCORING_REOFFENDING_LINEAR_H_
#define ASSAY_SCORING_REOFFENDING_LINEAR_H_

#include <array>
#include <cmath>
#include <string_view>

#include "scoring/features.h"
#include "scoring/reoffending_models.h"
#include "scoring/rounding.h"
#include "scoring/transcendental.h"

namespace assay::scoring {

// Log(double) is scoring/transcendental.h's, the same bits as the SIMD
// kernels' lanes; the binary128 path stays libquadmath.
inline Quad Log(Quad x) { return QuadLog(x); }

// p = e^z / (1 + e^z), the reference's form. Beyond exp's range the
// reference's 34-digit quotient rounds to 1 (§2.4), and so does this. Exp is
// scoring/transcendental.h's (engine/kernels/kernel_impl.h's Logistic is this
// function, lane by lane).
inline double Logistic(double z) {
  if (z > 709.0) return 1.0;
  const double e = Exp(z);
  return e / (1.0 + e);
}
inline Quad Logistic(Quad z) {
  if (z > Quad(11000)) return Quad(1);
  const Quad e = QuadExp(z);
  return e / (Quad(1) + e);
}

inline constexpr int kArpStaticTermCount = 11;
inline constexpr int kArpTermCount = 32;
inline constexpr int kVrpStaticTermCount = 14;
inline constexpr int kVrpTermCount = 35;
inline constexpr int kSvrpStaticTermCount = 14;
inline constexpr int kSvrpTermCount = 29;

// The reference's feature-value names (§5.2, §6.2, §7.2), without the final
// totalWeight. A static model reports the first kXxxStaticTermCount.
inline constexpr std::array<std::string_view, kArpTermCount> kArpTermNames = {
    "twoYearInterceptWeight",
    "ageGenderPolynomialWeight",
    "genderWeight",
    "offenceGroupWeight",
    "firstSanctionWeight",
    "secondSanctionWeight",
    "totalNumberOfSanctionsForAllOffencesWeight",
    "secondSanctionGapWeight",
    "offenceFreeMonthsWeight",
    "copasScore",
    "copasScoreSquared",
    "suitableAccommodationWeight",
    "unemployedWeight",
    "liveInRelationshipWeight",
    "relationshipQualityWeight",
    "multiplicativeRelationshipWeight",
    "domesticViolenceWeight",
    "regularOffendingActivitiesWeight",
    "drugMotivationWeight",
    "chronicDrinkingProblemsWeight",
    "bingeDrinkingProblemsWeight",
    "impulsivityProblemsWeight",
    "proCriminalAttitudesWeight",
    "heroinUsageWeight",
    "otherOpiateUsageWeight",
    "crackCocaineUsageWeight",
    "powderCocaineUsageWeight",
    "misusedPrescriptionDrugUsageWeight",
    "benzodiazepinesUsageWeight",
    "cannabisUsageWeight",
    "steroidUsageWeight",
    "otherDrugUsageWeight",
};

inline constexpr std::array<std::string_view, kVrpTermCount> kVrpTermNames = {
    "twoYearInterceptWeight",
    "ageGenderPolynomialWeight",
    "genderWeight",
    "offenceGroupWeight",
    "firstSanctionWeight",
    "secondSanctionWeight",
    "totalNumberOfSanctionsForAllOffencesWeight",
    "neverViolentWeight",
    "onceViolentWeight",
    "totalNumberOfViolentSanctionsWeight",
    "secondSanctionGapWeight",
    "offenceFreeMonthsWeight",
    "copasScore",
    "copasViolentOffencesScore",
    "suitableAccommodationWeight",
    "unemployedWeight",
    "liveInRelationshipWeight",
    "relationshipQualityWeight",
    "multiplicativeRelationshipWeight",
    "domesticViolenceWeight",
    "regularOffendingActivitiesWeight",
    "drugMotivationWeight",
    "chronicDrinkingProblemsWeight",
    "bingeDrinkingProblemsWeight",
    "impulsivityProblemsWeight",
    "temperControlWeight",
    "methadoneUsageWeight",
    "otherOpiateUsageWeight",
    "crackCocaineUsageWeight",
    "powderCocaineUsageWeight",
    "misusedPrescriptionDrugUsageWeight",
    "benzodiazepinesUsageWeight",
    "cannabisUsageWeight",
    "steroidUsageWeight",
    "otherDrugUsageWeight",
};

inline constexpr std::array<std::string_view, kSvrpTermCount> kSvrpTermNames = {
    "twoYearInterceptWeight",
    "ageGenderPolynomialWeight",
    "genderWeight",
    "offenceGroupWeight",
    "firstSanctionWeight",
    "secondSanctionWeight",
    "totalNumberOfSanctionsForAllOffencesWeight",
    "secondSanctionGapWeight",
    "offenceFreeMonthsWeight",
    "copasScore",
    "neverViolentWeight",
    "onceViolentWeight",
    "violentSanctionsWeight",
    "violenceRateWeight",
    "offenceInvolveCarryingOrUsingWeaponsWeight",
    "suitableAccommodationWeight",
    "unemployedWeight",
    "chronicDrinkingProblemsWeight",
    "temperControlWeight",
    "proCriminalAttitudesWeight",
    "pastHomicideOffenceWeight",
    "pastWoundingGrievousBodilyHarmOffenceWeight",
    "pastKidnappingOffenceWeight",
    "pastFirearmsOffenceWeight",
    "pastRobberyOffenceWeight",
    "pastAggravatedBurglaryOffenceWeight",
    "pastNonFirearmWeaponOffenceWeight",
    "pastCriminalDamageOffenceWeight",
    "pastArsonOffenceWeight",
};

namespace linear_internal {

// Shared pieces of the three models, in Real.
template <typename Real>
struct Common {
  Real male, female;
  Real a, a2, a3, a4;
  Real m, m2, m3, m4;
  Real s, y;
  Real s_is_1, s_is_2, s_ge_3;
};

template <typename Real>
Common<Real> MakeCommon(const ReoffendingFeatures& f) {
  Common<Real> c;
  c.female = Real(f.female);
  c.male = Real(1 - f.female);
  c.a = Real(f.age_at_followup);
  c.a2 = c.a * c.a;
  c.a3 = c.a2 * c.a;
  c.a4 = c.a3 * c.a;
  c.m = Real(f.offence_free_months);
  c.m2 = c.m * c.m;
  c.m3 = c.m2 * c.m;
  c.m4 = c.m3 * c.m;
  c.s = Real(f.total_sanctions);
  c.y = Real(f.years_since_first);
  c.s_is_1 = Real(f.total_sanctions == 1 ? 1 : 0);
  c.s_is_2 = Real(f.total_sanctions == 2 ? 1 : 0);
  c.s_ge_3 = Real(f.total_sanctions >= 3 ? 1 : 0);
  return c;
}

template <typename Real>
Real Polynomial(const std::array<Real, 4>& k, const Real& x, const Real& x2, const Real& x3,
                const Real& x4) {
  return k[0] * x + k[1] * x2 + k[2] * x3 + k[3] * x4;
}

template <typename Real>
Real Gendered(const Common<Real>& c, const Real& male_value, const Real& female_value) {
  return c.male * male_value + c.female * female_value;
}

template <typename Real>
Real Flag(bool on) {
  return Real(on ? 1 : 0);
}

template <typename Real, size_t N>
Real SumLeftToRight(const std::array<Real, N>& t) {
  Real z = t[0];
  for (size_t i = 1; i < N; ++i) z = z + t[i];
  return z;
}

template <typename Real, size_t N>
void Copy(const std::array<Real, N>& t, Real* out) {
  if (out == nullptr) return;
  for (size_t i = 0; i < N; ++i) out[i] = t[i];
}

}  // namespace linear_internal

// ARP, §5.2.
template <typename Real>
Real ArpLinearPredictor(const ReoffendingFeatures& f, const ArpCoefficients<Real>& k,
                        Real* terms_or_null) {
  using namespace linear_internal;
  const Common<Real> c = MakeCommon<Real>(f);
  const Real copas = Log(c.s / (c.y + Real(kArpCopasBoost)));
  const auto score = [](int value) { return Real(value); };
  const auto drug = [&f](uint16_t bits) { return Flag<Real>((f.drugs & bits) != 0); };

  std::array<Real, kArpTermCount> t;
  t[0] = k.intercept;
  t[1] = c.male * Polynomial(k.age_male, c.a, c.a2, c.a3, c.a4) +
         c.female * Polynomial(k.age_female, c.a, c.a2, c.a3, c.a4);
  t[2] = c.female * k.female;
  t[3] = k.offence[static_cast<size_t>(f.category)];
  t[4] = c.s_is_1 * k.first_sanction;
  t[5] = c.s_is_2 * k.second_sanction;
  t[6] = c.s * k.sanction_occasions;
  t[7] = c.s_is_2 * (c.y * Gendered(c, k.second_sanction_gap_male, k.second_sanction_gap_female));
  t[8] = Polynomial(k.offence_free_months, c.m, c.m2, c.m3, c.m4);
  t[9] = c.s_ge_3 * (copas * Gendered(c, k.copas_male, k.copas_female));
  t[10] = c.s_ge_3 * ((copas * copas) * Gendered(c, k.copas_squared_male, k.copas_squared_female));
  t[11] = score(f.accommodation) * k.accommodation;
  t[12] = score(f.unemployed) * k.unemployed;
  t[13] = score(f.living_with_partner) * k.live_in_relationship;
  t[14] = score(f.partner_relationship) * k.relationship_quality;
  // Applies when living together and 6.4 != 0; 6.4 = 0 makes it 0 anyway.
  t[15] = score(f.living_with_partner) * (score(f.partner_relationship) *
                                          k.quality_of_live_in_relationship);
  t[16] = score(f.domestic_abuse) * k.domestic_abuse;
  t[17] = score(f.regular_activities) * k.activities_encourage_offending;
  t[18] = score(f.drug_motivation) * k.drug_motivation;
  t[19] = score(f.current_alcohol) * k.chronic_drinking;
  t[20] = score(f.excessive_alcohol) * k.binge_drinking;
  t[21] = score(f.impulsivity) * k.impulsivity;
  t[22] = score(f.pro_criminal) * k.pro_criminal_attitude;
  // Reference quirk 7: ARP uses heroin and not methadone.
  t[23] = drug(kDrugHeroin) * k.heroin;
  t[24] = drug(kDrugOtherOpiate) * k.other_opiate;
  t[25] = drug(kDrugCrackCocaine) * k.crack_cocaine;
  t[26] = drug(kDrugPowderCocaine) * k.powder_cocaine;
  t[27] = drug(kDrugMisusedPrescription) * k.prescription_drug_misuse;
  t[28] = drug(kDrugBenzodiazepines) * k.benzodiazepines;
  t[29] = drug(kDrugCannabis) * k.cannabis;
  t[30] = drug(kDrugSteroids) * k.steroids;
  t[31] = drug(kOtherDrugsGroup) * k.other_drugs;
  Copy(t, terms_or_null);
  return SumLeftToRight(t);
}

// VRP, §6.2.
template <typename Real>
Real VrpLinearPredictor(const ReoffendingFeatures& f, const VrpCoefficients<Real>& k,
                        Real* terms_or_null) {
  using namespace linear_internal;
  const Common<Real> c = MakeCommon<Real>(f);
  const Real v = Real(f.violent_sanctions);
  const Real v_is_0 = Flag<Real>(f.violent_sanctions == 0);
  const Real v_is_1 = Flag<Real>(f.violent_sanctions == 1);
  const Real v_ge_1 = Flag<Real>(f.violent_sanctions >= 1);
  const Real copas = Log(c.s / (c.y + Real(kCopasViolentGeneralBoost)));
  const Real violent_rate =
      Log(Real(f.violent_sanctions > 0 ? f.violent_sanctions : 1) / (c.y + Real(kViolentRateBoost)));
  const auto score = [](int value) { return Real(value); };
  const auto drug = [&f](uint16_t bits) { return Flag<Real>((f.drugs & bits) != 0); };

  std::array<Real, kVrpTermCount> t;
  t[0] = k.intercept;
  t[1] = c.male * Polynomial(k.age_male, c.a, c.a2, c.a3, c.a4) +
         c.female * Polynomial(k.age_female, c.a, c.a2, c.a3, c.a4);
  t[2] = c.female * k.female;
  t[3] = k.offence[static_cast<size_t>(f.category)];
  t[4] = c.s_is_1 * k.first_sanction;
  t[5] = c.s_is_2 * k.second_sanction;
  t[6] = c.s * k.sanction_occasions;
  t[7] = v_is_0 * Gendered(c, k.never_violent_male, k.never_violent_female);
  t[8] = v_is_1 * k.once_violent;
  // V x coefficient (the bare coefficient before the reference's 606be6a).
  t[9] = v * k.violent_sanctions;
  t[10] = c.s_is_2 * (c.y * Gendered(c, k.second_sanction_gap_male, k.second_sanction_gap_female));
  t[11] = Polynomial(k.offence_free_months, c.m, c.m2, c.m3, c.m4);
  t[12] = c.s_ge_3 * (copas * Gendered(c, k.copas_violent_male, k.copas_violent_female));
  t[13] = v_ge_1 * (violent_rate * k.violent_rate);
  t[14] = score(f.accommodation) * k.accommodation;
  t[15] = score(f.unemployed) * k.unemployed;
  t[16] = score(f.living_with_partner) * k.live_in_relationship;
  t[17] = score(f.partner_relationship) * k.relationship_quality;
  t[18] = score(f.living_with_partner) * (score(f.partner_relationship) *
                                          k.quality_of_live_in_relationship);
  t[19] = score(f.domestic_abuse) * k.domestic_abuse;
  t[20] = score(f.regular_activities) * k.activities_encourage_offending;
  t[21] = score(f.drug_motivation) * k.drug_motivation;
  t[22] = score(f.current_alcohol) * k.chronic_drinking;
  t[23] = score(f.excessive_alcohol) * k.binge_drinking;
  t[24] = score(f.impulsivity) * k.impulsivity;
  t[25] = score(f.temper) * k.temper;
  // Reference quirk 7: VRP uses methadone and not heroin.
  t[26] = drug(kDrugMethadone) * k.methadone;
  t[27] = drug(kDrugOtherOpiate) * k.other_opiate;
  t[28] = drug(kDrugCrackCocaine) * k.crack_cocaine;
  t[29] = drug(kDrugPowderCocaine) * k.powder_cocaine;
  t[30] = drug(kDrugMisusedPrescription) * k.prescription_drug_misuse;
  t[31] = drug(kDrugBenzodiazepines) * k.benzodiazepines;
  t[32] = drug(kDrugCannabis) * k.cannabis;
  t[33] = drug(kDrugSteroids) * k.steroids;
  t[34] = drug(kOtherDrugsGroup) * k.other_drugs;
  Copy(t, terms_or_null);
  return SumLeftToRight(t);
}

// SVRP, §7.2.
template <typename Real>
Real SvrpLinearPredictor(const ReoffendingFeatures& f, const SvrpCoefficients<Real>& k,
                         Real* terms_or_null) {
  using namespace linear_internal;
  const Common<Real> c = MakeCommon<Real>(f);
  const Real v = Real(f.violent_sanctions);
  const Real v_is_0 = Flag<Real>(f.violent_sanctions == 0);
  const Real v_is_1 = Flag<Real>(f.violent_sanctions == 1);
  const Real v_ge_1 = Flag<Real>(f.violent_sanctions >= 1);
  const Real copas = Log(c.s / (c.y + Real(kCopasViolentGeneralBoost)));
  const Real violent_rate =
      Log(Real(f.violent_sanctions > 0 ? f.violent_sanctions : 1) / (c.y + Real(kViolentRateBoost)));
  const auto score = [](int value) { return Real(value); };
  const auto past = [&f](int index) {
    return Flag<Real>((f.previous_convictions & (1u << index)) != 0);
  };

  std::array<Real, kSvrpTermCount> t;
  t[0] = k.intercept;
  t[1] = c.male * Polynomial(k.age_male, c.a, c.a2, c.a3, c.a4) +
         c.female * Polynomial(k.age_female, c.a, c.a2, c.a3, c.a4);
  t[2] = c.female * k.female;
  t[3] = k.offence[static_cast<size_t>(f.category)];
  t[4] = c.s_is_1 * k.first_sanction;
  t[5] = c.s_is_2 * k.second_sanction;
  t[6] = c.s * k.sanction_occasions;
  t[7] = c.s_is_2 * (c.y * Gendered(c, k.second_sanction_gap_male, k.second_sanction_gap_female));
  t[8] = Polynomial(k.offence_free_months, c.m, c.m2, c.m3, c.m4);
  t[9] = c.s_ge_3 * (copas * Gendered(c, k.copas_violent_male, k.copas_violent_female));
  t[10] = v_is_0 * Gendered(c, k.never_violent_male, k.never_violent_female);
  t[11] = v_is_1 * k.once_violent;
  t[12] = v_ge_1 * (v * k.violent_sanctions);
  t[13] = v_ge_1 * (violent_rate * k.violent_rate);
  t[14] = score(f.weapon) * k.carry_or_use_weapon;
  t[15] = score(f.accommodation) * k.accommodation;
  t[16] = score(f.unemployed) * k.unemployed;
  t[17] = score(f.current_alcohol) * k.chronic_drinking;
  t[18] = score(f.temper) * k.temper;
  t[19] = score(f.pro_criminal) * k.pro_criminal_attitude;
  for (int i = 0; i < 9; ++i) t[20 + i] = past(i) * k.past[i];
  Copy(t, terms_or_null);
  return SumLeftToRight(t);
}

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_REOFFENDING_LINEAR_H_
