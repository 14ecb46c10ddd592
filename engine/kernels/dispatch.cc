#include "engine/kernels/dispatch.h"

#include <string>
#include <type_traits>

#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"
#include "scoring/reoffending_linear.h"
#include "scoring/reoffending_models.h"

namespace assay::kernels {
namespace {

using scoring::ModelVariant;

template <size_t N>
void Copy4(const std::array<double, N>& from, double* to) {
  for (size_t i = 0; i < N; ++i) to[i] = from[i];
}

void Offence(const scoring::OffenceCoefficients<double>& from, LinearCoefficients* to) {
  for (int i = 0; i < kCategories; ++i) to->offence[i] = from[static_cast<size_t>(i)];
}

// The three models' coefficients in the kernels' one flat layout. A term a
// model does not have keeps coefficient 0, which the kernels never add for
// that model (and adding +-0 would be exact anyway).
template <typename Model>
LinearCoefficients Flatten(const Model& k) {
  LinearCoefficients c{};
  c.intercept = k.intercept;
  Copy4(k.age_male, c.age_male);
  Copy4(k.age_female, c.age_female);
  c.female = k.female;
  c.first_sanction = k.first_sanction;
  c.second_sanction = k.second_sanction;
  c.sanction_occasions = k.sanction_occasions;
  c.second_sanction_gap_male = k.second_sanction_gap_male;
  c.second_sanction_gap_female = k.second_sanction_gap_female;
  Copy4(k.offence_free_months, c.offence_free_months);
  Offence(k.offence, &c);
  if constexpr (requires { k.copas_squared_male; }) {
    // ARP: the general copas rate and its square.
    c.copas_male = k.copas_male;
    c.copas_squared_male = k.copas_squared_male;
    c.copas_female = k.copas_female;
    c.copas_squared_female = k.copas_squared_female;
  } else {
    // VRP and SVRP: the violent-general copas rate and the violence terms.
    c.copas_male = k.copas_violent_male;
    c.copas_female = k.copas_violent_female;
    c.never_violent_male = k.never_violent_male;
    c.never_violent_female = k.never_violent_female;
    c.once_violent = k.once_violent;
    c.violent_sanctions = k.violent_sanctions;
    c.violent_rate = k.violent_rate;
  }
  // Dynamic terms, each where the model has it.
#define ASSAY_FLATTEN_IF_PRESENT(field) \
  if constexpr (requires { k.field; }) c.field = k.field;
  ASSAY_FLATTEN_IF_PRESENT(carry_or_use_weapon)
  ASSAY_FLATTEN_IF_PRESENT(accommodation)
  ASSAY_FLATTEN_IF_PRESENT(unemployed)
  ASSAY_FLATTEN_IF_PRESENT(live_in_relationship)
  ASSAY_FLATTEN_IF_PRESENT(relationship_quality)
  ASSAY_FLATTEN_IF_PRESENT(quality_of_live_in_relationship)
  ASSAY_FLATTEN_IF_PRESENT(domestic_abuse)
  ASSAY_FLATTEN_IF_PRESENT(activities_encourage_offending)
  ASSAY_FLATTEN_IF_PRESENT(drug_motivation)
  ASSAY_FLATTEN_IF_PRESENT(chronic_drinking)
  ASSAY_FLATTEN_IF_PRESENT(binge_drinking)
  ASSAY_FLATTEN_IF_PRESENT(impulsivity)
  ASSAY_FLATTEN_IF_PRESENT(temper)
  ASSAY_FLATTEN_IF_PRESENT(pro_criminal_attitude)
  ASSAY_FLATTEN_IF_PRESENT(heroin)
  ASSAY_FLATTEN_IF_PRESENT(methadone)
  ASSAY_FLATTEN_IF_PRESENT(other_opiate)
  ASSAY_FLATTEN_IF_PRESENT(crack_cocaine)
  ASSAY_FLATTEN_IF_PRESENT(powder_cocaine)
  ASSAY_FLATTEN_IF_PRESENT(prescription_drug_misuse)
  ASSAY_FLATTEN_IF_PRESENT(benzodiazepines)
  ASSAY_FLATTEN_IF_PRESENT(cannabis)
  ASSAY_FLATTEN_IF_PRESENT(steroids)
  ASSAY_FLATTEN_IF_PRESENT(other_drugs)
#undef ASSAY_FLATTEN_IF_PRESENT
  if constexpr (requires { k.past; }) Copy4(k.past, c.past);
  return c;
}

KernelCoefficients MakeCoefficients() {
  KernelCoefficients k{};
  k.arp_static = Flatten(scoring::ArpModel<double>(ModelVariant::kStatic));
  k.arp_dynamic = Flatten(scoring::ArpModel<double>(ModelVariant::kDynamic));
  k.vrp_static = Flatten(scoring::VrpModel<double>(ModelVariant::kStatic));
  k.vrp_dynamic = Flatten(scoring::VrpModel<double>(ModelVariant::kDynamic));
  k.svrp_static = Flatten(scoring::SvrpModel<double>(ModelVariant::kStatic));
  k.svrp_dynamic = Flatten(scoring::SvrpModel<double>(ModelVariant::kDynamic));
  // OGRS3 (§12.1): the scalar scorer's own constants.
  k.ogrs3_conviction_first = scoring::kOgrs3FirstTimeConviction;
  k.ogrs3_conviction_repeat = scoring::kOgrs3RepeatConviction;
  k.ogrs3_copas_multiplier = scoring::kOgrs3CopasMultiplier;
  k.ogrs3_one_year_intercept = scoring::kOgrs3OneYearIntercept;
  k.ogrs3_two_year_intercept = scoring::kOgrs3TwoYearIntercept;
  return k;
}

// One predictor of one lane through the scalar reference: the same calls,
// in the same order, as scoring/reoffending.cc's ScoreArp/Vrp/Svrp.
struct Scalar {
  double probability = 0;
  double percentage = 0;
  double code = 0;
};

template <typename Linear, typename Model>
Scalar ScalarLane(const scoring::ReoffendingFeatures& f, Mode mode, Linear linear, Model model,
                  const scoring::BandThresholds& bands) {
  Scalar out;
  if (mode == Mode::kNotScored) return out;
  const ModelVariant variant = mode == Mode::kDynamic ? ModelVariant::kDynamic : ModelVariant::kStatic;
  const double z = linear(f, model.template operator()<double>(variant));
  const scoring::RoundedPercentage rounded = scoring::RoundPercentage(
      z, [&] { return linear(f, model.template operator()<scoring::Quad>(variant)); });
  const v1::RiskBand band = scoring::BandFor(rounded.percentage, bands);
  out.probability = rounded.probability;
  out.percentage = rounded.percentage;
  out.code = static_cast<double>(band) + static_cast<double>(mode) * kCodeModeUnit +
             (band == v1::RISK_BAND_UNSPECIFIED ? kCodeBelowRange : 0.0);
  return out;
}

Scalar ScalarPredictor(Predictor predictor, const scoring::ReoffendingFeatures& f, Mode mode) {
  switch (predictor) {
    case Predictor::kArp:
      return ScalarLane(
          f, mode,
          [](const scoring::ReoffendingFeatures& ff, const auto& k) {
            return scoring::ArpLinearPredictor<std::decay_t<decltype(k.intercept)>>(ff, k, nullptr);
          },
          []<typename R>(ModelVariant v) -> const auto& { return scoring::ArpModel<R>(v); },
          scoring::kArpBands);
    case Predictor::kVrp:
      return ScalarLane(
          f, mode,
          [](const scoring::ReoffendingFeatures& ff, const auto& k) {
            return scoring::VrpLinearPredictor<std::decay_t<decltype(k.intercept)>>(ff, k, nullptr);
          },
          []<typename R>(ModelVariant v) -> const auto& { return scoring::VrpModel<R>(v); },
          scoring::kVrpBands);
    case Predictor::kSvrp:
      return ScalarLane(
          f, mode,
          [](const scoring::ReoffendingFeatures& ff, const auto& k) {
            return scoring::SvrpLinearPredictor<std::decay_t<decltype(k.intercept)>>(ff, k, nullptr);
          },
          []<typename R>(ModelVariant v) -> const auto& { return scoring::SvrpModel<R>(v); },
          scoring::kSvrpBands);
    default:
      return Scalar{};
  }
}

// OGRS3 of one lane through the scalar reference (scoring::EvaluateOgrs3,
// the arithmetic of ScoreOgrs3), or zeros for an unscored lane.
void StoreOgrs3(const FeatureBatch& batch, size_t lane, bool real, ScoreColumns* out) {
  constexpr Predictor o = Predictor::kOgrs3;
  scoring::Ogrs3Values v;
  const bool scored = real && batch.mode(lane, o) != Mode::kNotScored;
  if (scored) v = scoring::EvaluateOgrs3(batch.ogrs3_inputs(lane));
  out->ogrs3_one_year_probability()[lane] = v.one_year_probability;
  out->ogrs3_one_year_percent()[lane] = v.one_year_percent;
  out->probability(o)[lane] = v.two_year_probability;
  out->percentage(o)[lane] = v.two_year_percent;
  out->code(o)[lane] =
      scored ? static_cast<double>(v.band) + static_cast<double>(Mode::kStatic) * kCodeModeUnit
             : 0.0;
}

void Store(const Scalar& s, size_t lane, Predictor p, ScoreColumns* out) {
  out->probability(p)[lane] = s.probability;
  out->percentage(p)[lane] = s.percentage;
  out->code(p)[lane] = s.code;
}

}  // namespace

const KernelCoefficients& BatchCoefficients() {
  static const KernelCoefficients* const k = new KernelCoefficients(MakeCoefficients());
  return *k;
}

const KernelTable* KernelsFor(Isa isa) {
  switch (isa) {
    case Isa::kSse42: return &Sse42Kernels();
    case Isa::kAvx2: return &Avx2Kernels();
    case Isa::kAvx512: return &Avx512Kernels();
    default: return nullptr;
  }
}

absl::Status ScoreFeatureRange(Isa isa, const FeatureView& view, const FeatureBatch& batch,
                               size_t begin, size_t end, ScoreColumns* out, Models models) {
  if (isa == Isa::kAuto || !IsaSupported(isa)) {
    return absl::FailedPreconditionError("instruction set " + std::string(IsaName(isa)) +
                                         " is not available for batch scoring on this CPU");
  }
  const size_t real_end = end < batch.size() ? end : batch.size();
  constexpr Predictor kReoffending[] = {Predictor::kArp, Predictor::kVrp, Predictor::kSvrp};
  const bool reoffending = models != Models::kOgrs3;
  const bool ogrs3 = models != Models::kArpVrpSvrp;
  if (isa == Isa::kScalar) {
    for (size_t i = begin; i < end; ++i) {
      if (reoffending) {
        for (Predictor p : kReoffending) {
          const Scalar s = i < real_end ? ScalarPredictor(p, batch.features(i), batch.mode(i, p))
                                        : Scalar{};
          Store(s, i, p, out);
        }
      }
      if (ogrs3) StoreOgrs3(batch, i, i < real_end, out);
    }
    return absl::OkStatus();
  }
  const KernelTable* kernels = KernelsFor(isa);
  if (reoffending) kernels->reoffending(BatchCoefficients(), view, begin, end, out->reoffending());
  if (ogrs3) kernels->ogrs3(BatchCoefficients(), view, begin, end, out->ogrs3());
  // Lanes near a rounding tie: the scalar reference decides (its own double
  // evaluation, then binary128 when it too sees a tie).
  for (Predictor p : kReoffending) {
    const double* code = out->code(p);
    for (size_t i = begin; reoffending && i < real_end; ++i) {
      if (code[i] >= kCodePrecise) Store(ScalarPredictor(p, batch.features(i), batch.mode(i, p)), i, p, out);
    }
  }
  const double* ogrs3_code = out->code(Predictor::kOgrs3);
  for (size_t i = begin; ogrs3 && i < real_end; ++i) {
    if (ogrs3_code[i] >= kCodePrecise) StoreOgrs3(batch, i, true, out);
  }
  return absl::OkStatus();
}

absl::Status ScoreFeatures(Isa isa, FeatureBatch& batch, ScoreColumns* out, Models models) {
  const FeatureView view = batch.view();
  out->Resize(view.size);
  return ScoreFeatureRange(isa, view, batch, 0, view.size, out, models);
}

}  // namespace assay::kernels
