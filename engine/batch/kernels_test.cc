// The SIMD kernels against the scalar reference, lane by lane, on every
// instruction set this machine supports (each run explicitly), on seeded
// generated features.
//
// Tolerance: bands, percentages, modes and below-range outcomes must be
// identical. Probabilities must agree to 1e-12 relative: the linear
// predictors are bit-identical (same operations, same order, no FMA
// contraction), and xsimd's exp is within 1 ulp of glibc's (checked below),
// which moves p by a few ulp at most.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "engine/batch/dispatch.h"
#include "engine/batch/feature_batch.h"
#include "engine/batch/isa.h"
#include "engine/batch/kernel_api.h"
#include "gtest/gtest.h"
#include "scoring/features.h"
#include "scoring/reoffending_models.h"

namespace assay::batch {
namespace {

constexpr double kRelativeTolerance = 1e-12;

// Valid features as DeriveReoffendingFeatures would produce them.
scoring::ReoffendingFeatures RandomFeatures(std::mt19937_64& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  scoring::ReoffendingFeatures f;
  f.female = uniform(0, 6) == 0;
  f.age_at_followup = uniform(10, 100);
  f.age_at_conviction = f.age_at_followup - uniform(0, 3);
  if (f.age_at_conviction < 10) f.age_at_conviction = 10;
  f.years_since_first = uniform(0, f.age_at_conviction - 8);
  f.offence_free_months = uniform(0, 4) == 0 ? 0 : uniform(0, 36);
  const int bucket = uniform(0, 9);
  f.total_sanctions = bucket < 2 ? 1 : bucket < 4 ? 2 : bucket < 8 ? uniform(3, 40) : uniform(3, 999);
  f.violent_sanctions = uniform(0, 2) == 0 ? 0 : uniform(0, f.total_sanctions);
  f.category = static_cast<scoring::OffenceCategory>(uniform(1, scoring::kOffenceCategoryCount - 1));
  f.weapon = uniform(0, 1);
  f.accommodation = uniform(0, 2);
  f.unemployed = 2 * uniform(0, 1);
  f.partner_relationship = uniform(0, 2);
  f.domestic_abuse = uniform(0, 1);
  f.living_with_partner = uniform(0, 1);
  f.regular_activities = uniform(0, 2);
  f.drug_motivation = uniform(0, 2);
  f.current_alcohol = uniform(0, 2);
  f.excessive_alcohol = uniform(0, 2);
  f.impulsivity = uniform(0, 2);
  f.temper = uniform(0, 2);
  f.pro_criminal = uniform(0, 2);
  f.drugs = static_cast<uint16_t>(rng() & rng() & 0x3FFF);
  f.previous_convictions = static_cast<uint16_t>(rng() & rng() & rng() & 0x1FF);
  const double a = f.age_at_followup, m = f.offence_free_months;
  f.age_powers = {a, a * a, a * a * a, a * a * a * a};
  f.ofm_powers = {m, m * m, m * m * m, m * m * m * m};
  const double s = f.total_sanctions, y = f.years_since_first;
  f.copas_general_rate = std::log(s / (y + scoring::kArpCopasBoost));
  f.copas_violent_general_rate = std::log(s / (y + scoring::kCopasViolentGeneralBoost));
  f.violent_rate =
      f.violent_sanctions > 0 ? std::log(f.violent_sanctions / (y + scoring::kViolentRateBoost)) : 0.0;
  return f;
}

Mode RandomMode(std::mt19937_64& rng) {
  const int r = static_cast<int>(rng() % 10);
  return r == 0 ? Mode::kNotScored : r < 4 ? Mode::kStatic : Mode::kDynamic;
}

void Fill(FeatureBatch* batch, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  batch->Clear();
  for (size_t i = 0; i < n; ++i) {
    const scoring::ReoffendingFeatures f = RandomFeatures(rng);
    batch->AppendFeatures(f, RandomMode(rng), RandomMode(rng), RandomMode(rng));
  }
}

constexpr Predictor kReoffending[] = {Predictor::kArp, Predictor::kVrp, Predictor::kSvrp};

struct Comparison {
  size_t lanes = 0;
  size_t probability_bit_differences = 0;
};

// Scores `batch` with `isa` and with the scalar reference; expects equality.
void ExpectMatchesScalar(Isa isa, FeatureBatch& batch, Comparison* out = nullptr) {
  ScoreColumns want, got;
  EXPECT_TRUE(ScoreFeatures(Isa::kScalar, batch, &want).ok());
  EXPECT_TRUE(ScoreFeatures(isa, batch, &got).ok());
  Comparison c;
  for (size_t i = 0; i < batch.size(); ++i) {
    for (Predictor p : kReoffending) {
      const ResultCode w = DecodeResult(want.code(p)[i]);
      const ResultCode g = DecodeResult(got.code(p)[i]);
      ASSERT_EQ(g.band, w.band) << IsaName(isa) << " lane " << i << " predictor " << int(p);
      ASSERT_EQ(g.mode, w.mode) << IsaName(isa) << " lane " << i;
      ASSERT_EQ(g.below_range, w.below_range) << IsaName(isa) << " lane " << i;
      EXPECT_FALSE(g.needs_precise);
      ASSERT_EQ(got.percentage(p)[i], want.percentage(p)[i]) << IsaName(isa) << " lane " << i;
      const double wp = want.probability(p)[i], gp = got.probability(p)[i];
      ASSERT_LE(std::fabs(gp - wp), kRelativeTolerance * std::fabs(wp)) << IsaName(isa) << " lane " << i;
      c.probability_bit_differences += gp != wp;
      ++c.lanes;
    }
  }
  if (out != nullptr) *out = c;
}

std::vector<Isa> VectorIsas() {
  std::vector<Isa> out;
  for (Isa isa : SupportedIsas()) {
    if (isa != Isa::kScalar) out.push_back(isa);
  }
  return out;
}

TEST(KernelsTest, EveryIsaMatchesScalarOnGeneratedFeatures) {
  FeatureBatch batch;
  Fill(&batch, 200000, 42);
  ASSERT_FALSE(VectorIsas().empty()) << "no vector ISA on this machine";
  for (Isa isa : VectorIsas()) {
    Comparison c;
    ExpectMatchesScalar(isa, batch, &c);
    RecordProperty(std::string("bit_differences_") + std::string(IsaName(isa)),
                   static_cast<int>(c.probability_bit_differences));
    EXPECT_EQ(c.lanes, 3u * 200000);
  }
}

TEST(KernelsTest, EdgeBatchSizes) {
  // 0, 1, and lane count +-1 for 2-, 4- and 8-lane vectors.
  for (size_t n : {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17}) {
    FeatureBatch batch;
    Fill(&batch, n, 1000 + n);
    for (Isa isa : VectorIsas()) {
      SCOPED_TRACE(std::string(IsaName(isa)) + " n=" + std::to_string(n));
      ExpectMatchesScalar(isa, batch);
    }
  }
}

TEST(KernelsTest, PaddingAndNotScoredLanesAreEmpty) {
  FeatureBatch batch;
  std::mt19937_64 rng(7);
  batch.AppendFeatures(RandomFeatures(rng), Mode::kDynamic, Mode::kNotScored, Mode::kStatic);
  batch.AppendFeatures(RandomFeatures(rng), Mode::kNotScored, Mode::kStatic, Mode::kDynamic);
  for (Isa isa : SupportedIsas()) {
    ScoreColumns out;
    ASSERT_TRUE(ScoreFeatures(isa, batch, &out).ok());
    ASSERT_EQ(out.size(), kLanePadding);
    EXPECT_EQ(DecodeResult(out.code(Predictor::kArp)[0]).mode, Mode::kDynamic);
    EXPECT_EQ(DecodeResult(out.code(Predictor::kSvrp)[0]).mode, Mode::kStatic);
    EXPECT_EQ(out.code(Predictor::kVrp)[0], 0.0);
    EXPECT_EQ(out.probability(Predictor::kVrp)[0], 0.0);
    EXPECT_EQ(out.code(Predictor::kArp)[1], 0.0);
    EXPECT_EQ(DecodeResult(out.code(Predictor::kSvrp)[1]).mode, Mode::kDynamic);
    for (size_t i = 2; i < kLanePadding; ++i) {
      for (Predictor p : kReoffending) EXPECT_EQ(out.code(p)[i], 0.0) << i;
    }
  }
}

TEST(KernelsTest, StaticAndDynamicLanesMixedInOneVector) {
  // The same features in every lane, alternating modes: each lane must get
  // its own model, and lanes of one mode must agree with each other.
  std::mt19937_64 rng(9);
  const scoring::ReoffendingFeatures f = RandomFeatures(rng);
  FeatureBatch batch;
  for (int i = 0; i < 16; ++i) {
    const Mode m = i % 2 ? Mode::kStatic : Mode::kDynamic;
    batch.AppendFeatures(f, m, m, m);
  }
  for (Isa isa : VectorIsas()) {
    ScoreColumns out;
    ASSERT_TRUE(ScoreFeatures(isa, batch, &out).ok());
    for (Predictor p : kReoffending) {
      for (int i = 2; i < 16; ++i) {
        EXPECT_EQ(out.probability(p)[i], out.probability(p)[i % 2]) << IsaName(isa);
      }
      EXPECT_NE(out.probability(p)[0], out.probability(p)[1]) << IsaName(isa);
      EXPECT_EQ(DecodeResult(out.code(p)[1]).mode, Mode::kStatic);
      EXPECT_EQ(DecodeResult(out.code(p)[0]).mode, Mode::kDynamic);
    }
    ExpectMatchesScalar(isa, batch);
  }
}

TEST(KernelsTest, UnsupportedOrAutoIsaIsRefused) {
  FeatureBatch batch;
  ScoreColumns out;
  EXPECT_EQ(ScoreFeatures(Isa::kAuto, batch, &out).code(), absl::StatusCode::kFailedPrecondition);
  for (Isa isa : {Isa::kSse42, Isa::kAvx2, Isa::kAvx512}) {
    if (!IsaSupported(isa)) {
      EXPECT_EQ(ScoreFeatures(isa, batch, &out).code(), absl::StatusCode::kFailedPrecondition);
    }
  }
}

int64_t UlpDistance(double a, double b) {
  int64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  return x > y ? x - y : y - x;
}

TEST(KernelsTest, VectorExpAndLogWithinOneUlpOfGlibc) {
  // Over the ranges the models use: z in [-60, 60]; rates' arguments
  // S / (Y + k) in [1/140, 999/12].
  std::mt19937_64 rng(3);
  std::vector<double> z(1 << 16), x(1 << 16), out(1 << 16);
  for (size_t i = 0; i < z.size(); ++i) {
    z[i] = std::uniform_real_distribution<double>(-60, 60)(rng);
    x[i] = double(1 + rng() % 999) / double(12 + rng() % 128);
  }
  for (Isa isa : VectorIsas()) {
    const KernelTable* k = KernelsFor(isa);
    k->exp(z.data(), out.data(), z.size());
    for (size_t i = 0; i < z.size(); ++i) ASSERT_LE(UlpDistance(out[i], std::exp(z[i])), 1) << z[i];
    k->log(x.data(), out.data(), x.size());
    for (size_t i = 0; i < x.size(); ++i) ASSERT_LE(UlpDistance(out[i], std::log(x[i])), 1) << x[i];
  }
}

// The kernels' exp replaces only xsimd's lane-by-lane int64 conversion;
// its results must be xsimd::exp's bit for bit, over the models' range and
// beyond (underflow to 0, overflow to +inf, subnormal results, +-0).
TEST(KernelsTest, KernelExpIsBitIdenticalToXsimdExp) {
  std::mt19937_64 rng(11);
  std::vector<double> z(1 << 16);
  for (size_t i = 0; i < z.size(); ++i) {
    z[i] = std::uniform_real_distribution<double>(-800, 800)(rng);
    if (i % 4 == 0) z[i] = std::uniform_real_distribution<double>(-60, 60)(rng);
  }
  const double specials[] = {0.0, -0.0, 709.78, 709.79, -708.39, -708.4, -745.2, -745.1,
                             1e-300, -1e-300, 700.5, -700.5, 1.0, -1.0, 0.5, -0.5};
  for (size_t i = 0; i < std::size(specials); ++i) z[i] = specials[i];
  std::vector<double> got(z.size()), want(z.size());
  for (Isa isa : VectorIsas()) {
    const KernelTable* k = KernelsFor(isa);
    k->exp(z.data(), got.data(), z.size());
    k->xsimd_exp(z.data(), want.data(), z.size());
    for (size_t i = 0; i < z.size(); ++i) {
      ASSERT_EQ(UlpDistance(got[i], want[i]), 0) << IsaName(isa) << " z=" << z[i];
    }
  }
}

TEST(KernelsTest, DispatchPicksTheWidestSupportedIsa) {
  const Isa best = BestIsa();
  EXPECT_TRUE(IsaSupported(best));
  for (Isa isa : SupportedIsas()) EXPECT_LE(static_cast<int>(isa), static_cast<int>(best));
  EXPECT_EQ(*ResolveIsa(Isa::kScalar), Isa::kScalar);
  EXPECT_EQ(ParseIsa("avx512"), Isa::kAvx512);
  EXPECT_EQ(ParseIsa("sse4.2"), Isa::kSse42);
  EXPECT_FALSE(ParseIsa("neon").has_value());
}

}  // namespace
}  // namespace assay::batch
