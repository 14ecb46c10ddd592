// Coefficient tables and band thresholds of ARP, VRP and SVRP, as versioned
// data (../shared/spec/predictors.md §5.3-5.5, §6.3-6.4, §7.3-7.4).
//
// Contract:
//   - Every coefficient set carries the reference's model version ("1.0")
//     and every band table its thresholds version ("1.0"); results state
//     both.
//   - Coefficients are held as Real. The double instances hold the double
//     literals of the reference, which builds them with new BigDecimal(double),
//     i.e. exactly the binary values held here. The Quad instances hold the
//     same binary values (widening is exact) except the offence-category
//     coefficients, which the reference builds from strings: those are parsed
//     from their decimal text with QuadFromDecimal. SVRP's composite
//     categories are the exact decimal sum of two literals (§7.3), parsed
//     from the sum's decimal text.
//   - Coefficients a model does not have (VRP dynamic male cubic/quartic age,
//     dynamic offence-free-months cubic/quartic, every dynamic term of a
//     static model) are 0, so the linear predictors can evaluate a fixed
//     sequence of terms.
//   - Model(...) accessors return process-lifetime objects initialised once,
//     thread-safely.
#ifndef ASSAY_SCORING_REOFFENDING_MODELS_H_
#define ASSAY_SCORING_REOFFENDING_MODELS_H_

#include <array>
#include <string_view>

#include "schemas/common.pb.h"
#include "scoring/offence_table.h"
#include "scoring/rounding.h"

namespace assay::scoring {

inline constexpr char kReoffendingModelVersion[] = "1.0";
inline constexpr char kReoffendingThresholdsVersion[] = "1.0";

// Career boosts of the copas rates (§5.2, §6.2, §7.2).
inline constexpr int kArpCopasBoost = 26;
inline constexpr int kCopasViolentGeneralBoost = 12;
inline constexpr int kViolentRateBoost = 30;
inline constexpr int kOffenceFreeMonthsCap = 36;

enum class ModelVariant { kStatic, kDynamic };

template <typename Real>
using OffenceCoefficients = std::array<Real, kOffenceCategoryCount>;

// §5.3. Polynomial arrays hold the coefficients of x, x^2, x^3, x^4.
template <typename Real>
struct ArpCoefficients {
  bool dynamic = false;
  Real intercept{};
  std::array<Real, 4> age_male{};
  std::array<Real, 4> age_female{};
  Real female{};
  Real first_sanction{};
  Real second_sanction{};
  Real sanction_occasions{};
  Real second_sanction_gap_male{};
  Real second_sanction_gap_female{};
  std::array<Real, 4> offence_free_months{};
  Real copas_male{};
  Real copas_squared_male{};
  Real copas_female{};
  Real copas_squared_female{};
  OffenceCoefficients<Real> offence{};
  // Dynamic terms.
  Real accommodation{};
  Real unemployed{};
  Real live_in_relationship{};
  Real relationship_quality{};
  Real quality_of_live_in_relationship{};
  Real domestic_abuse{};
  Real activities_encourage_offending{};
  Real drug_motivation{};
  Real chronic_drinking{};
  Real binge_drinking{};
  Real impulsivity{};
  Real pro_criminal_attitude{};
  Real heroin{};
  Real other_opiate{};
  Real crack_cocaine{};
  Real powder_cocaine{};
  Real prescription_drug_misuse{};
  Real benzodiazepines{};
  Real cannabis{};
  Real steroids{};
  Real other_drugs{};
};

// §6.3.
template <typename Real>
struct VrpCoefficients {
  bool dynamic = false;
  Real intercept{};
  std::array<Real, 4> age_male{};
  std::array<Real, 4> age_female{};
  Real female{};
  Real first_sanction{};
  Real second_sanction{};
  Real sanction_occasions{};
  Real second_sanction_gap_male{};
  Real second_sanction_gap_female{};
  std::array<Real, 4> offence_free_months{};
  Real copas_violent_male{};
  Real copas_violent_female{};
  Real never_violent_male{};
  Real never_violent_female{};
  Real once_violent{};
  Real violent_sanctions{};
  Real violent_rate{};
  OffenceCoefficients<Real> offence{};
  // Dynamic terms.
  Real accommodation{};
  Real unemployed{};
  Real live_in_relationship{};
  Real relationship_quality{};
  Real quality_of_live_in_relationship{};
  Real domestic_abuse{};
  Real activities_encourage_offending{};
  Real drug_motivation{};
  Real chronic_drinking{};
  Real binge_drinking{};
  Real impulsivity{};
  Real temper{};
  Real methadone{};
  Real other_opiate{};
  Real crack_cocaine{};
  Real powder_cocaine{};
  Real prescription_drug_misuse{};
  Real benzodiazepines{};
  Real cannabis{};
  Real steroids{};
  Real other_drugs{};
};

// §7.3. past[] is indexed by v1::PreviousConviction - 1 (HOMICIDE first).
template <typename Real>
struct SvrpCoefficients {
  bool dynamic = false;
  Real intercept{};
  std::array<Real, 4> age_male{};
  std::array<Real, 4> age_female{};
  Real female{};
  Real first_sanction{};
  Real second_sanction{};
  Real sanction_occasions{};
  Real second_sanction_gap_male{};
  Real second_sanction_gap_female{};
  std::array<Real, 4> offence_free_months{};
  Real copas_violent_male{};
  Real copas_violent_female{};
  Real never_violent_male{};
  Real never_violent_female{};
  Real once_violent{};
  Real violent_sanctions{};
  Real violent_rate{};
  OffenceCoefficients<Real> offence{};
  // Dynamic terms.
  Real carry_or_use_weapon{};
  Real accommodation{};
  Real unemployed{};
  Real chronic_drinking{};
  Real temper{};
  Real pro_criminal_attitude{};
  std::array<Real, 9> past{};
};

template <typename Real>
const ArpCoefficients<Real>& ArpModel(ModelVariant variant);
template <typename Real>
const VrpCoefficients<Real>& VrpModel(ModelVariant variant);
template <typename Real>
const SvrpCoefficients<Real>& SvrpModel(ModelVariant variant);

template <>
const ArpCoefficients<double>& ArpModel<double>(ModelVariant variant);
template <>
const ArpCoefficients<Quad>& ArpModel<Quad>(ModelVariant variant);
template <>
const VrpCoefficients<double>& VrpModel<double>(ModelVariant variant);
template <>
const VrpCoefficients<Quad>& VrpModel<Quad>(ModelVariant variant);
template <>
const SvrpCoefficients<double>& SvrpModel<double>(ModelVariant variant);
template <>
const SvrpCoefficients<Quad>& SvrpModel<Quad>(ModelVariant variant);

// The decimal text of an offence-category coefficient, as the reference
// writes it (for SVRP composites, the exact sum). Empty for UNKNOWN.
enum class ReoffendingModel { kArp, kVrp, kSvrp };
std::string_view OffenceCoefficientDecimal(ReoffendingModel model, ModelVariant variant,
                                           OffenceCategory category);
// For SVRP's composite categories, the category term (which = 0) and the
// general violence term (which = 1) whose exact sum the coefficient is;
// empty otherwise.
std::string_view OffenceCoefficientComponent(ReoffendingModel model, ModelVariant variant,
                                             OffenceCategory category, int which);

// Band thresholds on the clamped percentage: [0, medium) LOW,
// [medium, high) MEDIUM, [high, very_high) HIGH, [very_high, 100) VERY_HIGH.
// ARP and VRP give no band to a percentage <= 0 (the reference throws);
// SVRP gives LOW to 0.00 (quirk 9).
struct BandThresholds {
  double medium;
  double high;
  double very_high;
  bool zero_is_banded;
};
inline constexpr BandThresholds kArpBands{50.0, 75.0, 90.0, false};
inline constexpr BandThresholds kVrpBands{30.0, 60.0, 80.0, false};
inline constexpr BandThresholds kSvrpBands{1.0, 3.0, 6.9, true};

// RISK_BAND_UNSPECIFIED when the percentage has no band.
v1::RiskBand BandFor(double percentage, const BandThresholds& thresholds);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_REOFFENDING_MODELS_H_
