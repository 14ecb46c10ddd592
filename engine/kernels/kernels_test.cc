// The SIMD kernels against the scalar reference, lane by lane, on every
// instruction set this machine supports (each run explicitly), on seeded
// generated features.
//
// No tolerance: probabilities, percentages, bands, modes, below-range
// outcomes (the whole result code) must be bit-identical. The linear
// predictors are the same operations in the same order (no FMA
// contraction), and the kernels' exp is scoring/transcendental.h's, as the
// scalar reference's is; the vector exp and log themselves are checked
// against the scalar ones bit for bit below, specials included.
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/dispatch.h"
#include "engine/kernels/feature_batch.h"
#include "engine/kernels/isa.h"
#include "engine/kernels/kernel_api.h"
#include "gtest/gtest.h"
#include "scoring/features.h"
#include "scoring/reoffending_models.h"
#include "scoring/transcendental.h"

namespace assay::kernels {
namespace {

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
  f.copas_general_rate = scoring::Log(s / (y + scoring::kArpCopasBoost));
  f.copas_violent_general_rate = scoring::Log(s / (y + scoring::kCopasViolentGeneralBoost));
  f.violent_rate = f.violent_sanctions > 0
                       ? scoring::Log(f.violent_sanctions / (y + scoring::kViolentRateBoost))
                       : 0.0;
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

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// Scores `batch` with `isa` and with the scalar reference; expects every
// output bit-identical. Returns the number of lanes compared.
size_t ExpectMatchesScalar(Isa isa, FeatureBatch& batch) {
  ScoreColumns want, got;
  EXPECT_TRUE(ScoreFeatures(Isa::kScalar, batch, &want).ok());
  EXPECT_TRUE(ScoreFeatures(isa, batch, &got).ok());
  size_t lanes = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    for (Predictor p : kReoffending) {
      const std::string where =
          std::string(IsaName(isa)) + " lane " + std::to_string(i) + " predictor " + std::to_string(int(p));
      const ResultCode w = DecodeResult(want.code(p)[i]);
      const ResultCode g = DecodeResult(got.code(p)[i]);
      EXPECT_FALSE(g.needs_precise) << where;
      EXPECT_EQ(Bits(got.code(p)[i]), Bits(want.code(p)[i])) << where;  // band, mode, below range
      EXPECT_EQ(Bits(got.percentage(p)[i]), Bits(want.percentage(p)[i])) << where;
      EXPECT_EQ(Bits(got.probability(p)[i]), Bits(want.probability(p)[i]))
          << where << ": " << got.probability(p)[i] << " vs " << want.probability(p)[i];
      if (Bits(got.code(p)[i]) != Bits(want.code(p)[i]) ||
          Bits(got.percentage(p)[i]) != Bits(want.percentage(p)[i]) ||
          Bits(got.probability(p)[i]) != Bits(want.probability(p)[i]) || g.band != w.band) {
        return lanes;  // the first difference is enough
      }
      ++lanes;
    }
  }
  return lanes;
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
  for (Isa isa : VectorIsas()) EXPECT_EQ(ExpectMatchesScalar(isa, batch), 3u * 200000) << IsaName(isa);
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

// The vector exp and log of every ISA against the scalar scoring::Exp /
// scoring::Log, bit for bit: 4 x 2^20 points each over the models' ranges,
// the whole domain, random bit patterns, and the special values (NaN, +-inf,
// +-0, overflow and underflow thresholds, subnormals, the table-index and
// bias boundaries of transcendental.h).
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<double> ExpSpecials() {
  return {0.0, -0.0, kNan, -kNan, kInf, -kInf, 1.0, -1.0, 0.5, -0.5, 1e-300, -1e-300, 0x1p-1074,
          -0x1p-1074, 0x1p-53, -0x1p-54, 709.0, 709.78, 0x1.62e42fefa39efp+9, 0x1.62e42fefa39f0p+9,
          710.0, 710.5, 745.0, -708.39, -708.4, -708.3964185322641, -745.1, -745.13321910194110842,
          -0x1.74910d52d3051p+9, -0x1.74910d52d3052p+9, -745.2, -746.0, -746.5, -1000.0, 1000.0,
          512.0, -512.0, std::nextafter(512.0, 1e3), std::nextafter(-512.0, -1e3),
          std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
          std::numeric_limits<double>::min(), 0.0027076061740622863, -0.0027076061740622863};
}

std::vector<double> LogSpecials() {
  return {0.0, -0.0, kNan, -kNan, kInf, -kInf, 1.0, -1.0, 2.0, 0.5, 0x1p-1074, -0x1p-1074, 0x1p-1073,
          0x1p-1023, 0x0.fffffffffffffp-1022, 0x1p-1022, std::numeric_limits<double>::max(),
          1.0 + 0x1p-52, 1.0 - 0x1p-53, 0x1.6a09e667f3bccp0, 0x1.6a09e667f3bcdp0, 0x1.6a09e667f3bcdp-1,
          0x1.6a09e667f3bccp-1, 999.0 / 12.0, 1.0 / 140.0, 1e6, 1e-3, 1e3};
}

// Draws from one of several ranges by `kind`.
double ExpInput(std::mt19937_64& rng, int kind) {
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  switch (kind) {
    case 0: return uniform(-60, 60);                                   // the models' z
    case 1: return uniform(-800, 800);                                 // beyond both ends
    case 2: return uniform(-746, -708);                                // subnormal results
    default: return std::bit_cast<double>(rng());                      // any pattern, NaNs too
  }
}
double LogInput(std::mt19937_64& rng, int kind) {
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  switch (kind) {
    case 0: return double(1 + rng() % 999) / double(12 + rng() % 128);  // the copas rates' S / (Y + k)
    case 1: return std::exp2(uniform(-10, 20));                       // (1e-3, 1e6]
    case 2: return std::bit_cast<double>(rng() >> 12);                // subnormals and 0
    default: return std::bit_cast<double>(rng());                     // any pattern, negatives too
  }
}

void ExpectVectorMathEqualsScalar(bool exp) {
  std::mt19937_64 rng(exp ? 11 : 13);
  constexpr size_t kChunk = 1 << 16;
  constexpr size_t kChunks = 64;  // 4 x 2^20 points
  std::vector<double> in(kChunk), got(kChunk), want(kChunk);
  const std::vector<double> specials = exp ? ExpSpecials() : LogSpecials();
  for (size_t chunk = 0; chunk < kChunks; ++chunk) {
    for (size_t i = 0; i < kChunk; ++i) {
      const int kind = static_cast<int>(i % 4);
      in[i] = exp ? ExpInput(rng, kind) : LogInput(rng, kind);
    }
    // The specials in every lane position of the widest vector.
    if (chunk < kLanePadding) {
      for (size_t i = 0; i < specials.size(); ++i) in[i * kLanePadding + chunk] = specials[i];
    }
    for (size_t i = 0; i < kChunk; ++i) want[i] = exp ? scoring::Exp(in[i]) : scoring::Log(in[i]);
    for (Isa isa : VectorIsas()) {
      const KernelTable* k = KernelsFor(isa);
      (exp ? k->exp : k->log)(in.data(), got.data(), kChunk);
      for (size_t i = 0; i < kChunk; ++i) {
        ASSERT_EQ(Bits(got[i]), Bits(want[i]))
            << IsaName(isa) << (exp ? " exp(" : " log(") << std::hexfloat << in[i] << ") = " << got[i]
            << ", scalar " << want[i];
      }
    }
  }
}

TEST(KernelsTest, VectorExpIsBitIdenticalToScalarExp) { ExpectVectorMathEqualsScalar(true); }
TEST(KernelsTest, VectorLogIsBitIdenticalToScalarLog) { ExpectVectorMathEqualsScalar(false); }

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
}  // namespace assay::kernels
