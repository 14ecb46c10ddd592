// The interface between the batch engine and its per-ISA SIMD kernels.
//
// Contract:
//   - This header is plain C++ (no xsimd, no protobuf) so that it can be
//     included both by baseline code and by the kernel translation units,
//     which are compiled with -msse4.2 / -mavx2 -mfma / -mavx512f. Everything
//     the kernels read is a flat POD here; no inline function of this header
//     is ever compiled with ISA flags into a symbol the baseline could bind
//     to (see kernel_impl.h for that rule).
//   - Columns hold one lane per assessment and are padded to a multiple of
//     kLanePadding lanes; padding lanes are valid memory whose answers word
//     says "not scored", so kernels run whole vectors with no tail loop.
//   - Kernels compute, per lane and per predictor, the probability, the 2-dp
//     percentage and a result code (ResultCode below). They never branch on
//     lane data: validation outcome and static/dynamic choice arrive as bits
//     of the answers word and act through masks.
//   - Every lane's probability is bit-identical to the scalar reference's
//     (the same IEEE operations in the same order, and the same exp,
//     scoring/transcendental.h); after the dispatcher has recomputed the
//     lanes marked precise, so are percentages, bands and codes.
#ifndef ASSAY_ENGINE_KERNELS_KERNEL_API_H_
#define ASSAY_ENGINE_KERNELS_KERNEL_API_H_

#include <cstddef>
#include <cstdint>

namespace assay::kernels {

// Widest vector (AVX-512: 8 doubles). Column capacities are multiples of it.
inline constexpr size_t kLanePadding = 8;

// Bit layout of the per-lane answers word. Two-bit fields hold an OASys
// 0/1/2 score; one-bit fields an indicator.
namespace bits {
inline constexpr int kArpMode = 0;    // 2 bits: Mode
inline constexpr int kVrpMode = 2;    // 2 bits: Mode
inline constexpr int kSvrpMode = 4;   // 2 bits: Mode
inline constexpr int kOgrs3Ok = 6;    // OGRS3 validated
inline constexpr int kFemale = 7;
inline constexpr int kAccommodation = 8;       // 3.4, 2 bits
inline constexpr int kPartnerRelationship = 10;  // 6.4, 2 bits
inline constexpr int kRegularActivities = 12;  // 7.2, 2 bits
inline constexpr int kDrugMotivation = 14;     // 8.8, 2 bits
inline constexpr int kCurrentAlcohol = 16;     // 9.1, 2 bits
inline constexpr int kExcessiveAlcohol = 18;   // 9.2, 2 bits
inline constexpr int kImpulsivity = 20;        // 11.2, 2 bits
inline constexpr int kTemper = 22;             // 11.4, 2 bits
inline constexpr int kProCriminal = 24;        // 12.1, 2 bits
inline constexpr int kUnemployed = 26;         // 4.2 (the model uses 2 x indicator)
inline constexpr int kLivingWithPartner = 27;  // 6.8 = living together
inline constexpr int kDomesticAbuse = 28;      // 6.7
inline constexpr int kWeapon = 29;             // 2.2
inline constexpr int kHeroin = 30;
inline constexpr int kMethadone = 31;
inline constexpr int kOtherOpiate = 32;
inline constexpr int kCrackCocaine = 33;
inline constexpr int kPowderCocaine = 34;
inline constexpr int kMisusedPrescription = 35;
inline constexpr int kBenzodiazepines = 36;
inline constexpr int kCannabis = 37;
inline constexpr int kSteroids = 38;
inline constexpr int kOtherDrugsGroup = 39;  // any of other/ketamine/spice/hallucinogens/solvents
inline constexpr int kPastConvictions = 40;  // 9 bits, HOMICIDE first (PreviousConviction - 1)
}  // namespace bits

// Per-predictor model choice, decided by the validation pre-pass (§4.1).
enum class Mode : uint8_t { kNotScored = 0, kStatic = 1, kDynamic = 2 };

// The result code a kernel writes per lane and predictor, as a small
// integer stored in a double (the vector units produce it without leaving
// the double domain). Decode with DecodeResult.
//   band  (bits 0-2): v1::RiskBand value, 0 when none
//   mode  (bits 3-4): Mode of the model that was evaluated
//   below (bit 5):    ARP/VRP percentage clamped to 0.00: no band (quirk 9)
//   precise (bit 6):  the lane lies near a rounding tie (a candidate, see
//                     kKernelBoundaryTolerance); its result must be
//                     recomputed by the scalar reference
struct ResultCode {
  int band = 0;
  Mode mode = Mode::kNotScored;
  bool below_range = false;
  bool needs_precise = false;
};
inline constexpr double kCodeModeUnit = 8;
inline constexpr double kCodeBelowRange = 32;
inline constexpr double kCodePrecise = 64;

inline ResultCode DecodeResult(double code) {
  const int c = static_cast<int>(code);
  return ResultCode{c & 7, static_cast<Mode>((c >> 3) & 3), (c & 32) != 0, (c & 64) != 0};
}

// Absolute tolerance, in units of the last kept decimal, within which a
// kernel marks a lane as a candidate for the precise path. It is only a
// filter: the kernels' probabilities are bit-identical to the scalar
// reference's (same linear predictor operations, the same exp:
// scoring/transcendental.h), so p x 10^k is the same double in both, and a
// window wider than scoring::kBoundaryTolerance (1e-7) contains every lane
// the scalar reference would re-evaluate in binary128. The dispatcher
// (dispatch.cc) recomputes every candidate with the scalar reference, whose
// exact test (scoring::NearHalfUpBoundary) then takes the binary128 path
// exactly when the scalar scorer does. The margin (4x) is not needed for
// correctness; it keeps the filter safe should the kernels' scaling ever
// differ from the scalar test's by a rounding.
inline constexpr double kKernelBoundaryTolerance = 4e-7;

// Feature columns (read-only view). Reals are exact integers except the
// three rates, which are the scalar derivation's own values.
struct FeatureView {
  size_t size = 0;  // padded lane count, a multiple of kLanePadding
  const double* age = nullptr;               // a, age at follow-up
  const double* offence_free_months = nullptr;  // m
  const double* sanctions = nullptr;         // S
  const double* violent = nullptr;           // V
  const double* years_since_first = nullptr;  // Y
  const double* copas_general_rate = nullptr;          // ln(S/(Y+26))
  const double* copas_violent_general_rate = nullptr;  // ln(S/(Y+12))
  const double* violent_rate = nullptr;                // ln(V/(Y+30)), 0 when V = 0
  const int64_t* category = nullptr;  // scoring::OffenceCategory index
  const uint64_t* answers = nullptr;  // bits::*
  // OGRS3 (§12.1): table values looked up by the pre-pass, and the copas
  // rate ln(S / (10 + ageAtConviction - ageAtFirstSanction)).
  const double* ogrs3_age_gender = nullptr;
  const double* ogrs3_offence = nullptr;
  const double* ogrs3_copas_rate = nullptr;
};

struct PredictorOut {
  double* probability = nullptr;
  double* percentage = nullptr;
  double* code = nullptr;
};

struct ReoffendingOut {
  PredictorOut arp, vrp, svrp;
};

// OGRS3: 1- and 2-year probabilities and whole percentages (as doubles),
// code band/precise as above (mode is kStatic when scored).
struct Ogrs3Out {
  double* one_year_probability = nullptr;
  double* two_year_probability = nullptr;
  double* one_year_percent = nullptr;
  double* two_year_percent = nullptr;
  double* code = nullptr;
};

// One model's coefficients, flattened from scoring/reoffending_models.h.
// Terms a model does not have are 0, exactly as in the scalar models.
inline constexpr int kCategories = 25;
// Offence tables are padded to 32 entries (zeros) and 64-byte aligned so
// the AVX-512 kernel can hold one in four registers.
inline constexpr int kCategorySlots = 32;
struct LinearCoefficients {
  alignas(64) double offence[kCategorySlots];
  double intercept;
  double age_male[4];
  double age_female[4];
  double female;
  double first_sanction;
  double second_sanction;
  double sanction_occasions;
  double second_sanction_gap_male;
  double second_sanction_gap_female;
  double offence_free_months[4];
  double copas_male;            // ARP: general rate; VRP/SVRP: violent general rate
  double copas_squared_male;    // ARP only
  double copas_female;
  double copas_squared_female;  // ARP only
  double never_violent_male;    // VRP/SVRP
  double never_violent_female;
  double once_violent;
  double violent_sanctions;
  double violent_rate;
  // Dynamic terms (0 in static models).
  double carry_or_use_weapon;
  double accommodation;
  double unemployed;
  double live_in_relationship;
  double relationship_quality;
  double quality_of_live_in_relationship;
  double domestic_abuse;
  double activities_encourage_offending;
  double drug_motivation;
  double chronic_drinking;
  double binge_drinking;
  double impulsivity;
  double temper;
  double pro_criminal_attitude;
  double heroin;
  double methadone;
  double other_opiate;
  double crack_cocaine;
  double powder_cocaine;
  double prescription_drug_misuse;
  double benzodiazepines;
  double cannabis;
  double steroids;
  double other_drugs;
  double past[9];
};

struct KernelCoefficients {
  LinearCoefficients arp_static, arp_dynamic;
  LinearCoefficients vrp_static, vrp_dynamic;
  LinearCoefficients svrp_static, svrp_dynamic;
  double ogrs3_conviction_first, ogrs3_conviction_repeat;
  double ogrs3_copas_multiplier;
  double ogrs3_one_year_intercept, ogrs3_two_year_intercept;
};

// The kernels of one ISA. Ranges are in lanes; begin and end are multiples
// of kLanePadding (the caller rounds end up into the padding).
struct KernelTable {
  const char* name;
  int lanes;
  void (*reoffending)(const KernelCoefficients& k, const FeatureView& in, size_t begin,
                      size_t end, const ReoffendingOut& out);
  void (*ogrs3)(const KernelCoefficients& k, const FeatureView& in, size_t begin, size_t end,
                const Ogrs3Out& out);
  // The kernels' vector exp and log (scoring/transcendental.h over this
  // ISA's vectors), exposed for the test that they are bit-identical to the
  // scalar scoring::Exp / scoring::Log: out[i] = exp(in[i]) / log(in[i]);
  // n a multiple of kLanePadding.
  void (*exp)(const double* in, double* out, size_t n);
  void (*log)(const double* in, double* out, size_t n);
};

// Defined in each kernel translation unit.
const KernelTable& Sse42Kernels();
const KernelTable& Avx2Kernels();
const KernelTable& Avx512Kernels();

}  // namespace assay::kernels

#endif  // ASSAY_ENGINE_KERNELS_KERNEL_API_H_
