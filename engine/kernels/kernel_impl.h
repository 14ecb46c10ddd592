// The SIMD kernels, written once over an xsimd architecture.
//
// Included ONLY by the per-ISA translation units (kernel_sse42.cc,
// kernel_avx2.cc, kernel_avx512.cc), each compiled with its own -m flags and
// with -ffp-contract=off: GCC would otherwise fuse a*b+c into an FMA on
// AVX2/AVX-512, which rounds once instead of twice and so changes results
// relative to the scalar reference. With contraction off, every lane performs
// exactly the IEEE operations of the scalar reference (scoring/reoffending.h)
// in the same order, so a lane's linear predictor is bit-identical to the
// scalar one. exp is scoring/transcendental.h's template, which the scalar
// reference also uses (scoring::Exp), instantiated here over XsimdOps: so
// p = e^z / (1 + e^z), and with it the percentage, band and the "near a
// tie" decision, are bit-identical to the scalar reference's on every lane.
//
// Lanes near a rounding tie (kernel_api.h, kKernelBoundaryTolerance): the
// kernel's window is only a candidate filter. It contains every lane that
// the scalar reference's own test (scoring::NearHalfUpBoundary, 1e-7)
// sends to binary128, because it applies a wider tolerance to the same
// p x 10^4 (bit-identical p, the same IEEE product). The dispatcher
// (dispatch.cc) recomputes each candidate with the scalar reference, which
// re-applies the exact test and takes the binary128 path exactly when the
// scalar scorer would; candidates it does not send there get its double
// result, which the kernel's own would have equalled. Every other lane's
// percentage is exact here (floor(p x 10^4 + 1/2) is off only within ~1e-12
// of a tie), so no lane's output can differ from the scalar reference's.
//
// ODR rule: everything here is in an anonymous namespace or a template over
// the xsimd architecture, so no symbol compiled with AVX-512 flags can be
// chosen by the linker for code that runs on a baseline machine.
//
// Evaluation order (the reference's, §5.2, §6.2, §7.2): z starts at the
// intercept and each term is added left to right in the order of the
// reference's feature-value list. A term is computed exactly as the scalar
// scorer computes it (coefficient x value, indicators as a selected
// coefficient); terms whose coefficient is 0 in a model (every dynamic term
// of a static model) are skipped, which is exact: z + (+-0.0) == z.
#ifndef ASSAY_ENGINE_KERNELS_KERNEL_IMPL_H_
#define ASSAY_ENGINE_KERNELS_KERNEL_IMPL_H_

#include <xsimd/xsimd.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "engine/kernels/kernel_api.h"
#include "scoring/transcendental.h"

namespace assay::kernels {
namespace {

// scoring/transcendental.h's primitives over xsimd batches of one
// architecture (see DoubleOps there for the contract of each member). All
// are exact: reinterpretation, bit selection, 64-bit integer operations and
// table loads.
template <class A>
struct XsimdOps {
  using Real = xsimd::batch<double, A>;
  using Bits = xsimd::batch<uint64_t, A>;
  using Mask = xsimd::batch_bool<double, A>;
  static Bits ToBits(const Real& x) { return xsimd::bitwise_cast<Bits>(x); }
  static Real FromBits(const Bits& b) { return xsimd::bitwise_cast<Real>(b); }
  static Real Select(const Mask& m, const Real& a, const Real& b) { return xsimd::select(m, a, b); }
  static Mask IsNan(const Real& x) { return xsimd::isnan(x); }
  // table[index] per lane: AVX-512 gathers; AVX2 and SSE4.2 load each lane
  // (on this project's AMD EPYC, four loads beat vpgatherqq: the AVX2
  // reoffending kernel ran 2-10% faster, best of five runs). Each kernel TU
  // is compiled for exactly one ISA, as in Kernel::Bit.
  static Bits Lookup(const uint64_t* table, const Bits& index) {
    const auto* base = reinterpret_cast<const long long*>(table);
#if defined(__AVX512F__)
    return Bits(_mm512_i64gather_epi64(index, base, 8));
#elif defined(__AVX2__)
    alignas(32) uint64_t idx[4];
    index.store_aligned(idx);
    return Bits(_mm256_set_epi64x(base[idx[3]], base[idx[2]], base[idx[1]], base[idx[0]]));
#else
    alignas(16) uint64_t idx[2];
    index.store_aligned(idx);
    return Bits(_mm_set_epi64x(base[idx[1]], base[idx[0]]));
#endif
  }
};

template <class A>
struct Kernel {
  using B = xsimd::batch<double, A>;
  using M = xsimd::batch_bool<double, A>;
  using U = xsimd::batch<uint64_t, A>;
  using I = xsimd::batch<int64_t, A>;
  static constexpr size_t kLanes = B::size;

  // An unsigned bit field of the answers word as an exact double: the field
  // is placed in the mantissa of 2^52 and 2^52 subtracted (exact for values
  // below 2^52), which needs no int64->double conversion instruction (absent
  // before AVX-512DQ).
  static B Field(const U& w, int shift, uint64_t mask) {
    const U v = ((w >> shift) & U(mask)) | U(0x4330000000000000ull);
    return xsimd::bitwise_cast<B>(v) - B(4503599627370496.0);
  }

  // Bit k of the answers word as a lane mask. AVX-512 tests straight into
  // a mask register; SSE/AVX compare the 64-bit lanes and reinterpret the
  // all-ones/zero lanes as a double mask (same register bits).
  // (Each kernel TU is compiled for exactly one ISA and instantiates only
  // that architecture, so the preprocessor picks the intrinsics.)
  static M Bit(const U& w, int k) {
    const long long bit = static_cast<long long>(uint64_t{1} << k);
#if defined(__AVX512F__)
    static_assert(std::is_same_v<A, xsimd::avx512f>);
    return M(_mm512_test_epi64_mask(w, _mm512_set1_epi64(bit)));
#elif defined(__AVX2__)
    static_assert(std::is_same_v<A, xsimd::fma3<xsimd::avx2>>);
    const __m256i b = _mm256_set1_epi64x(bit);
    return M(_mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(w, b), b)));
#else
    static_assert(std::is_same_v<A, xsimd::sse4_2>);
    const __m128i b = _mm_set1_epi64x(bit);
    return M(_mm_castsi128_pd(_mm_cmpeq_epi64(_mm_and_si128(w, b), b)));
#endif
  }

  // z + (m ? c : 0) for an indicator term. The scalar reference computes
  // indicator * coefficient (c or +-0) and adds it; adding +-0 leaves z
  // unchanged, so selecting z + c or z is bit-identical (and compiles to one
  // masked add on AVX-512).
  static B AddIf(const B& z, const M& m, const B& c) { return xsimd::select(m, z + c, z); }
  static B AddIf(const B& z, const M& m, double c) { return AddIf(z, m, B(c)); }

  // The lane's inputs, with every answer decoded once and shared by the six
  // linear predictors.
  struct Lanes {
    B a, a2, a3, a4;      // age at follow-up and its powers (exact integers)
    B m, m2, m3, m4;      // offence-free months and powers
    B s, v, y;            // S, V, Y
    B rate_g, rate_vg, rate_v;
    I category;
    M female;
    M s1, s2, s3plus, v0, v1, vpos;
    B accommodation, partner, regular, motivation, alcohol, binge, impulsivity, temper,
        pro_criminal;
    M unemployed, living, domestic_abuse, weapon;
    M heroin, methadone, other_opiate, crack, powder, prescribed, benzo, cannabis, steroids,
        other_drugs;
    M past[9];
    B arp_mode, vrp_mode, svrp_mode, ogrs3_ok;
  };

  static Lanes Load(const FeatureView& in, size_t i) {
    Lanes l;
    l.a = B::load_aligned(in.age + i);
    // Powers exactly as scoring/features.cc forms them (a*a, a*a*a, ...);
    // all are integers below 2^53, so any order gives the same exact value.
    l.a2 = l.a * l.a;
    l.a3 = l.a2 * l.a;
    l.a4 = l.a3 * l.a;
    l.m = B::load_aligned(in.offence_free_months + i);
    l.m2 = l.m * l.m;
    l.m3 = l.m2 * l.m;
    l.m4 = l.m3 * l.m;
    l.s = B::load_aligned(in.sanctions + i);
    l.v = B::load_aligned(in.violent + i);
    l.y = B::load_aligned(in.years_since_first + i);
    l.rate_g = B::load_aligned(in.copas_general_rate + i);
    l.rate_vg = B::load_aligned(in.copas_violent_general_rate + i);
    l.rate_v = B::load_aligned(in.violent_rate + i);
    l.category = I::load_aligned(in.category + i);
    const U w = U::load_aligned(in.answers + i);
    l.female = Bit(w, bits::kFemale);
    l.s1 = l.s == B(1.0);
    l.s2 = l.s == B(2.0);
    l.s3plus = l.s >= B(3.0);
    l.v0 = l.v == B(0.0);
    l.v1 = l.v == B(1.0);
    l.vpos = l.v > B(0.0);
    l.accommodation = Field(w, bits::kAccommodation, 3);
    l.partner = Field(w, bits::kPartnerRelationship, 3);
    l.regular = Field(w, bits::kRegularActivities, 3);
    l.motivation = Field(w, bits::kDrugMotivation, 3);
    l.alcohol = Field(w, bits::kCurrentAlcohol, 3);
    l.binge = Field(w, bits::kExcessiveAlcohol, 3);
    l.impulsivity = Field(w, bits::kImpulsivity, 3);
    l.temper = Field(w, bits::kTemper, 3);
    l.pro_criminal = Field(w, bits::kProCriminal, 3);
    // 4.2 is coded 0/2 by OASys (reference quirk 5): the term is
    // 2 x coefficient (exact), added when the bit is set.
    l.unemployed = Bit(w, bits::kUnemployed);
    l.living = Bit(w, bits::kLivingWithPartner);
    l.domestic_abuse = Bit(w, bits::kDomesticAbuse);
    l.weapon = Bit(w, bits::kWeapon);
    l.heroin = Bit(w, bits::kHeroin);
    l.methadone = Bit(w, bits::kMethadone);
    l.other_opiate = Bit(w, bits::kOtherOpiate);
    l.crack = Bit(w, bits::kCrackCocaine);
    l.powder = Bit(w, bits::kPowderCocaine);
    l.prescribed = Bit(w, bits::kMisusedPrescription);
    l.benzo = Bit(w, bits::kBenzodiazepines);
    l.cannabis = Bit(w, bits::kCannabis);
    l.steroids = Bit(w, bits::kSteroids);
    l.other_drugs = Bit(w, bits::kOtherDrugsGroup);
    for (int k = 0; k < 9; ++k) l.past[k] = Bit(w, bits::kPastConvictions + k);
    l.arp_mode = Field(w, bits::kArpMode, 3);
    l.vrp_mode = Field(w, bits::kVrpMode, 3);
    l.svrp_mode = Field(w, bits::kSvrpMode, 3);
    l.ogrs3_ok = Field(w, bits::kOgrs3Ok, 1);
    return l;
  }

  static B If(const M& cond, double c) { return xsimd::select(cond, B(c), B(0.0)); }
  static B ByGender(const Lanes& l, double male, double female) {
    return xsimd::select(l.female, B(female), B(male));
  }

  // Terms shared by the three models' static parts, in the reference's
  // order up to (and including) the offence-free months.
  static B AgeTerm(const Lanes& l, const LinearCoefficients& c) {
    // ageGenderPolynomialWeight: sum_k c_k a^k, k = 1..4, left to right.
    const B c1 = ByGender(l, c.age_male[0], c.age_female[0]);
    const B c2 = ByGender(l, c.age_male[1], c.age_female[1]);
    const B c3 = ByGender(l, c.age_male[2], c.age_female[2]);
    const B c4 = ByGender(l, c.age_male[3], c.age_female[3]);
    return c1 * l.a + c2 * l.a2 + c3 * l.a3 + c4 * l.a4;
  }
  static B OfmTerm(const Lanes& l, const LinearCoefficients& c) {
    return B(c.offence_free_months[0]) * l.m + B(c.offence_free_months[1]) * l.m2 +
           B(c.offence_free_months[2]) * l.m3 + B(c.offence_free_months[3]) * l.m4;
  }
  // offence[category]: a table lookup per lane. AVX-512 does it in
  // registers (two 16-entry permutes and a blend: the 25 categories fit in
  // 32 slots); AVX2 uses its gather instruction; SSE4.2 loads per lane.
  static B Offence(const Lanes& l, const LinearCoefficients& c) {
#if defined(__AVX512F__)
    const double* table = c.offence;
    const __m512i idx = l.category;
    const __m512d lo = _mm512_permutex2var_pd(_mm512_load_pd(table), idx, _mm512_load_pd(table + 8));
    const __m512d hi =
        _mm512_permutex2var_pd(_mm512_load_pd(table + 16), idx, _mm512_load_pd(table + 24));
    const __mmask8 upper = _mm512_test_epi64_mask(idx, _mm512_set1_epi64(16));
    return B(_mm512_mask_blend_pd(upper, lo, hi));
#elif defined(__AVX2__)
    return B(_mm256_i64gather_pd(c.offence, l.category, 8));
#else
    alignas(16) int64_t idx[2];
    l.category.store_aligned(idx);
    return B(_mm_set_pd(c.offence[idx[1]], c.offence[idx[0]]));
#endif
  }
  // z + secondSanctionGap: the scalar adds s_is_2 x (Y x coefficient), which
  // is +-0 when S != 2 (Y is finite), so the masked add is bit-identical to
  // it (as for every indicator-gated term below: AddIf's comment). A masked
  // add is one instruction where select-then-add is two.
  static B AddGap(const B& z, const Lanes& l, const LinearCoefficients& c) {
    const B coef = ByGender(l, c.second_sanction_gap_male, c.second_sanction_gap_female);
    return AddIf(z, l.s2, l.y * coef);
  }

  // ARP, §5.2.
  template <bool kDynamic>
  static B ArpZ(const Lanes& l, const LinearCoefficients& c) {
    B z = B(c.intercept);
    z = z + AgeTerm(l, c);
    z = AddIf(z, l.female, c.female);
    z = z + Offence(l, c);
    z = AddIf(z, l.s1, c.first_sanction);
    z = AddIf(z, l.s2, c.second_sanction);
    z = z + l.s * B(c.sanction_occasions);
    z = AddGap(z, l, c);
    z = z + OfmTerm(l, c);
    const B copas = ByGender(l, c.copas_male, c.copas_female);
    const B copas2 = ByGender(l, c.copas_squared_male, c.copas_squared_female);
    // Gated terms as masked adds: the rates are finite wherever their gate
    // is set (S >= 1, V >= 1), and a closed gate adds +-0 in the scalar.
    z = AddIf(z, l.s3plus, l.rate_g * copas);
    z = AddIf(z, l.s3plus, l.rate_g * l.rate_g * copas2);
    if constexpr (kDynamic) {
      z = z + B(c.accommodation) * l.accommodation;
      z = AddIf(z, l.unemployed, 2.0 * c.unemployed);
      z = AddIf(z, l.living, c.live_in_relationship);
      z = z + B(c.relationship_quality) * l.partner;
      z = AddIf(z, l.living, B(c.quality_of_live_in_relationship) * l.partner);
      z = AddIf(z, l.domestic_abuse, c.domestic_abuse);
      z = z + B(c.activities_encourage_offending) * l.regular;
      z = z + B(c.drug_motivation) * l.motivation;
      z = z + B(c.chronic_drinking) * l.alcohol;
      z = z + B(c.binge_drinking) * l.binge;
      z = z + B(c.impulsivity) * l.impulsivity;
      z = z + B(c.pro_criminal_attitude) * l.pro_criminal;
      z = AddIf(z, l.heroin, c.heroin);
      z = AddIf(z, l.other_opiate, c.other_opiate);
      z = AddIf(z, l.crack, c.crack_cocaine);
      z = AddIf(z, l.powder, c.powder_cocaine);
      z = AddIf(z, l.prescribed, c.prescription_drug_misuse);
      z = AddIf(z, l.benzo, c.benzodiazepines);
      z = AddIf(z, l.cannabis, c.cannabis);
      z = AddIf(z, l.steroids, c.steroids);
      z = AddIf(z, l.other_drugs, c.other_drugs);
    }
    return z;
  }

  // VRP, §6.2.
  template <bool kDynamic>
  static B VrpZ(const Lanes& l, const LinearCoefficients& c) {
    B z = B(c.intercept);
    z = z + AgeTerm(l, c);
    z = AddIf(z, l.female, c.female);
    z = z + Offence(l, c);
    z = AddIf(z, l.s1, c.first_sanction);
    z = AddIf(z, l.s2, c.second_sanction);
    z = z + l.s * B(c.sanction_occasions);
    z = AddIf(z, l.v0, ByGender(l, c.never_violent_male, c.never_violent_female));
    z = AddIf(z, l.v1, c.once_violent);
    z = z + l.v * B(c.violent_sanctions);
    z = AddGap(z, l, c);
    z = z + OfmTerm(l, c);
    const B copas = ByGender(l, c.copas_male, c.copas_female);
    z = AddIf(z, l.s3plus, l.rate_vg * copas);
    z = AddIf(z, l.vpos, l.rate_v * B(c.violent_rate));
    if constexpr (kDynamic) {
      z = z + B(c.accommodation) * l.accommodation;
      z = AddIf(z, l.unemployed, 2.0 * c.unemployed);
      z = AddIf(z, l.living, c.live_in_relationship);
      z = z + B(c.relationship_quality) * l.partner;
      z = AddIf(z, l.living, B(c.quality_of_live_in_relationship) * l.partner);
      z = AddIf(z, l.domestic_abuse, c.domestic_abuse);
      z = z + B(c.activities_encourage_offending) * l.regular;
      z = z + B(c.drug_motivation) * l.motivation;
      z = z + B(c.chronic_drinking) * l.alcohol;
      z = z + B(c.binge_drinking) * l.binge;
      z = z + B(c.impulsivity) * l.impulsivity;
      z = z + B(c.temper) * l.temper;
      z = AddIf(z, l.methadone, c.methadone);
      z = AddIf(z, l.other_opiate, c.other_opiate);
      z = AddIf(z, l.crack, c.crack_cocaine);
      z = AddIf(z, l.powder, c.powder_cocaine);
      z = AddIf(z, l.prescribed, c.prescription_drug_misuse);
      z = AddIf(z, l.benzo, c.benzodiazepines);
      z = AddIf(z, l.cannabis, c.cannabis);
      z = AddIf(z, l.steroids, c.steroids);
      z = AddIf(z, l.other_drugs, c.other_drugs);
    }
    return z;
  }

  // SVRP, §7.2.
  template <bool kDynamic>
  static B SvrpZ(const Lanes& l, const LinearCoefficients& c) {
    B z = B(c.intercept);
    z = z + AgeTerm(l, c);
    z = AddIf(z, l.female, c.female);
    z = z + Offence(l, c);
    z = AddIf(z, l.s1, c.first_sanction);
    z = AddIf(z, l.s2, c.second_sanction);
    z = z + l.s * B(c.sanction_occasions);
    z = AddGap(z, l, c);
    z = z + OfmTerm(l, c);
    const B copas = ByGender(l, c.copas_male, c.copas_female);
    z = AddIf(z, l.s3plus, l.rate_vg * copas);
    z = AddIf(z, l.v0, ByGender(l, c.never_violent_male, c.never_violent_female));
    z = AddIf(z, l.v1, c.once_violent);
    z = AddIf(z, l.vpos, l.v * B(c.violent_sanctions));
    z = AddIf(z, l.vpos, l.rate_v * B(c.violent_rate));
    if constexpr (kDynamic) {
      z = AddIf(z, l.weapon, c.carry_or_use_weapon);
      z = z + B(c.accommodation) * l.accommodation;
      z = AddIf(z, l.unemployed, 2.0 * c.unemployed);
      z = z + B(c.chronic_drinking) * l.alcohol;
      z = z + B(c.temper) * l.temper;
      z = z + B(c.pro_criminal_attitude) * l.pro_criminal;
      for (int k = 0; k < 9; ++k) z = AddIf(z, l.past[k], c.past[k]);
    }
    return z;
  }

  // exp: scoring/transcendental.h's template through XsimdOps, the same
  // IEEE operations as the scalar reference's scoring::Exp on every lane.
  static B Exp(const B& z) { return scoring::transcendental::Exp<XsimdOps<A>>(z); }

  // p = e^z / (1 + e^z), the reference's form of the logistic link; above
  // 709 p is 1, as scoring::Logistic returns (same operations, same bits).
  static B Logistic(const B& z) {
    const B ez = Exp(z);
    return xsimd::select(z > B(709.0), B(1.0), ez / (B(1.0) + ez));
  }

  // Percentage, band and code of one predictor (§2.4, §5.5, §6.4, §7.4).
  static void Finish(const B& mode, const B& p, double medium, double high, double very_high,
                     bool zero_is_banded, const PredictorOut& out, size_t i) {
    const M scored = mode != B(0.0);
    // pct(p) = HALF_UP(p x 100, 2 dp) = floor(p x 10^4 + 1/2) / 100. In
    // double, p x 10^4 + 1/2 is within 1e-11 of the exact value, so the
    // floor is exact unless the fraction lies within the tolerance of a tie;
    // those lanes are marked as candidates for the scalar reference, which
    // decides them (see the comment at the top of this file).
    const B scaled = p * B(10000.0);
    const B fraction = scaled - xsimd::floor(scaled);
    const M near = xsimd::abs(fraction - B(0.5)) < B(kKernelBoundaryTolerance);
    const B k = xsimd::floor(scaled + B(0.5));
    // k / 100 is how RoundHalfUp returns the value (one IEEE division).
    B pct = k / B(100.0);
    // ClampPercent: >= 100 -> 99.99 (<= 0 is already 0).
    pct = xsimd::select(pct >= B(100.0), B(99.99), pct);
    const M positive = pct > B(0.0);
    // Small integers: masked adds, exact in any order.
    B band = AddIf(AddIf(AddIf(B(1.0), pct >= B(medium), 1.0), pct >= B(high), 1.0),
                   pct >= B(very_high), 1.0);
    B below(0.0);
    if (!zero_is_banded) {
      // Reference quirk 9: ARP and VRP have no band at 0.00 %.
      band = xsimd::select(positive, band, B(0.0));
      below = xsimd::select(positive, B(0.0), B(kCodeBelowRange));
    }
    const B code = band + mode * B(kCodeModeUnit) + below + If(near, kCodePrecise);
    xsimd::select(scored, p, B(0.0)).store_aligned(out.probability + i);
    xsimd::select(scored, pct, B(0.0)).store_aligned(out.percentage + i);
    xsimd::select(scored, code, B(0.0)).store_aligned(out.code + i);
  }

  static void Reoffending(const KernelCoefficients& k, const FeatureView& in, size_t begin,
                          size_t end, const ReoffendingOut& out) {
    for (size_t i = begin; i < end; i += kLanes) {
      const Lanes l = Load(in, i);
      // Both models are evaluated for every lane and the lane's validated
      // mode picks one (no branch across lanes); one logistic per predictor.
      const B arp = xsimd::select(l.arp_mode == B(2.0), ArpZ<true>(l, k.arp_dynamic),
                                  ArpZ<false>(l, k.arp_static));
      const B vrp = xsimd::select(l.vrp_mode == B(2.0), VrpZ<true>(l, k.vrp_dynamic),
                                  VrpZ<false>(l, k.vrp_static));
      const B svrp = xsimd::select(l.svrp_mode == B(2.0), SvrpZ<true>(l, k.svrp_dynamic),
                                   SvrpZ<false>(l, k.svrp_static));
      Finish(l.arp_mode, Logistic(arp), 50.0, 75.0, 90.0, false, out.arp, i);
      Finish(l.vrp_mode, Logistic(vrp), 30.0, 60.0, 80.0, false, out.vrp, i);
      Finish(l.svrp_mode, Logistic(svrp), 1.0, 3.0, 6.9, true, out.svrp, i);
    }
  }

  // OGRS3 whole percent: clampInt(round0(100 x round5(p))) (§12.1). round5
  // is floor(p x 10^5 + 1/2) / 10^5; 100 x that, rounded HALF_UP, equals
  // floor((k5 + 500) / 1000) except when k5 = ...500 exactly, where the
  // binary value of k5 / 10^5 decides: such lanes, and lanes near the round5
  // tie, go to the precise path.
  static B Ogrs3Percent(const B& p, M* near) {
    const B scaled = p * B(100000.0);
    const B fraction = scaled - xsimd::floor(scaled);
    const B k5 = xsimd::floor(scaled + B(0.5));
    const B thousands = xsimd::floor(k5 / B(1000.0));
    const M second_tie = (k5 - thousands * B(1000.0)) == B(500.0);
    *near = *near | (xsimd::abs(fraction - B(0.5)) < B(kKernelBoundaryTolerance)) | second_tie;
    B pct = xsimd::floor((k5 + B(500.0)) / B(1000.0));
    pct = xsimd::select(pct <= B(0.0), B(1.0), pct);
    return xsimd::select(pct > B(99.0), B(99.0), pct);
  }

  static void Ogrs3(const KernelCoefficients& k, const FeatureView& in, size_t begin, size_t end,
                    const Ogrs3Out& out) {
    for (size_t i = begin; i < end; i += kLanes) {
      const U w = U::load_aligned(in.answers + i);
      const M ok = Field(w, bits::kOgrs3Ok, 1) != B(0.0);
      const B s = B::load_aligned(in.sanctions + i);
      // total = ageGender + convictionStatus + copas + offence, left to right.
      const B conviction = xsimd::select(s == B(1.0), B(k.ogrs3_conviction_first),
                                         B(k.ogrs3_conviction_repeat));
      const B copas = B(k.ogrs3_copas_multiplier) * B::load_aligned(in.ogrs3_copas_rate + i);
      const B total = B::load_aligned(in.ogrs3_age_gender + i) + conviction + copas +
                      B::load_aligned(in.ogrs3_offence + i);
      const B p1 = Logistic(total + B(k.ogrs3_one_year_intercept));
      const B p2 = Logistic(total + B(k.ogrs3_two_year_intercept));
      M near(false);
      const B pct1 = Ogrs3Percent(p1, &near);
      const B pct2 = Ogrs3Percent(p2, &near);
      const B band = B(1.0) + If(pct2 >= B(50.0), 1.0) + If(pct2 >= B(75.0), 1.0) +
                     If(pct2 >= B(90.0), 1.0);
      const B code = band + B(kCodeModeUnit) + If(near, kCodePrecise);
      xsimd::select(ok, p1, B(0.0)).store_aligned(out.one_year_probability + i);
      xsimd::select(ok, p2, B(0.0)).store_aligned(out.two_year_probability + i);
      xsimd::select(ok, pct1, B(0.0)).store_aligned(out.one_year_percent + i);
      xsimd::select(ok, pct2, B(0.0)).store_aligned(out.two_year_percent + i);
      xsimd::select(ok, code, B(0.0)).store_aligned(out.code + i);
    }
  }

  static void ExpColumn(const double* in, double* out, size_t n) {
    for (size_t i = 0; i < n; i += kLanes) Exp(B::load_unaligned(in + i)).store_unaligned(out + i);
  }
  static void LogColumn(const double* in, double* out, size_t n) {
    for (size_t i = 0; i < n; i += kLanes) {
      scoring::transcendental::Log<XsimdOps<A>>(B::load_unaligned(in + i)).store_unaligned(out + i);
    }
  }

  static const KernelTable& Table(const char* name) {
    static const KernelTable table = {name,       static_cast<int>(kLanes), &Reoffending, &Ogrs3,
                                      &ExpColumn, &LogColumn};
    return table;
  }
};

}  // namespace
}  // namespace assay::kernels

#endif  // ASSAY_ENGINE_KERNELS_KERNEL_IMPL_H_
