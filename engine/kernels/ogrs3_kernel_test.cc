// The OGRS3 kernels against the scalar reference (scoring::EvaluateOgrs3,
// the arithmetic of ScoreOgrs3), lane by lane, on every vector instruction
// set this machine supports, each run explicitly: generated inputs, lanes
// built to sit on the two rounding ties of the whole-percent conversion
// (round5 HALF_UP, then x 100 HALF_UP), unscored lanes mixed in.
//
// Everything must be bit-identical: whole percentages, bands, outcomes and
// both probabilities (the kernels' exp is the scalar reference's,
// scoring/transcendental.h).
#include <bit>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/dispatch.h"
#include "engine/kernels/feature_batch.h"
#include "engine/kernels/isa.h"
#include "gtest/gtest.h"
#include "scoring/ogrs3.h"

namespace assay::kernels {
namespace {

constexpr Predictor kOgrs3 = Predictor::kOgrs3;

scoring::Ogrs3Inputs RandomInputs(std::mt19937_64& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  scoring::Ogrs3Inputs in;
  const int age_at_conviction = uniform(10, 90);
  const int first = uniform(std::max(0, age_at_conviction - 60), age_at_conviction);
  in.age_gender =
      scoring::Ogrs3AgeGenderParameter(age_at_conviction + uniform(0, 3), uniform(0, 6) == 0);
  in.total_sanctions = uniform(0, 4) == 0 ? 1 : uniform(2, 200);
  in.copas_rate = scoring::Ogrs3CopasRate(in.total_sanctions, age_at_conviction, first);
  in.offence_parameter = std::uniform_real_distribution<double>(-0.9, 0.7)(rng);
  return in;
}

// Inputs whose `horizon` probability (1 or 2 years) is as close as double
// allows to p: the age/gender term absorbs logit(p) minus the other terms.
scoring::Ogrs3Inputs InputsFor(double p, int horizon) {
  scoring::Ogrs3Inputs in;
  in.total_sanctions = 3;
  in.copas_rate = 0;
  in.offence_parameter = 0;
  const double intercept =
      horizon == 1 ? scoring::kOgrs3OneYearIntercept : scoring::kOgrs3TwoYearIntercept;
  in.age_gender = std::log(p / (1 - p)) - intercept - scoring::kOgrs3RepeatConviction;
  return in;
}

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

void ExpectMatchesScalar(Isa isa, FeatureBatch& batch) {
  ScoreColumns want, got;
  ASSERT_TRUE(ScoreFeatures(Isa::kScalar, batch, &want).ok());
  ASSERT_TRUE(ScoreFeatures(isa, batch, &got).ok());
  for (size_t i = 0; i < batch.size(); ++i) {
    const std::string where = std::string(IsaName(isa)) + " lane " + std::to_string(i);
    const ResultCode w = DecodeResult(want.code(kOgrs3)[i]);
    const ResultCode g = DecodeResult(got.code(kOgrs3)[i]);
    ASSERT_EQ(g.mode, w.mode) << where;
    ASSERT_EQ(g.band, w.band) << where;
    ASSERT_FALSE(g.needs_precise) << where;
    ASSERT_EQ(got.percentage(kOgrs3)[i], want.percentage(kOgrs3)[i]) << where;
    ASSERT_EQ(got.ogrs3_one_year_percent()[i], want.ogrs3_one_year_percent()[i]) << where;
    ASSERT_EQ(Bits(got.code(kOgrs3)[i]), Bits(want.code(kOgrs3)[i])) << where;
    for (auto [wp, gp] : {std::pair{want.probability(kOgrs3)[i], got.probability(kOgrs3)[i]},
                          std::pair{want.ogrs3_one_year_probability()[i],
                                    got.ogrs3_one_year_probability()[i]}}) {
      ASSERT_EQ(Bits(gp), Bits(wp)) << where << ": " << gp << " vs " << wp;
    }
  }
}

std::vector<Isa> VectorIsas() {
  std::vector<Isa> out;
  for (Isa isa : SupportedIsas()) {
    if (isa != Isa::kScalar) out.push_back(isa);
  }
  return out;
}

TEST(Ogrs3KernelTest, ScalarIsaIsTheReferenceArithmetic) {
  std::mt19937_64 rng(3);
  FeatureBatch batch;
  std::vector<scoring::Ogrs3Inputs> inputs;
  for (int i = 0; i < 1000; ++i) {
    inputs.push_back(RandomInputs(rng));
    batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored, &inputs.back());
  }
  ScoreColumns cols;
  ASSERT_TRUE(ScoreFeatures(Isa::kScalar, batch, &cols).ok());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const scoring::Ogrs3Values v = scoring::EvaluateOgrs3(inputs[i]);
    EXPECT_EQ(cols.probability(kOgrs3)[i], v.two_year_probability);
    EXPECT_EQ(cols.ogrs3_one_year_probability()[i], v.one_year_probability);
    EXPECT_EQ(cols.percentage(kOgrs3)[i], v.two_year_percent);
    EXPECT_EQ(cols.ogrs3_one_year_percent()[i], v.one_year_percent);
    EXPECT_EQ(DecodeResult(cols.code(kOgrs3)[i]).band, v.band);
    EXPECT_EQ(DecodeResult(cols.code(kOgrs3)[i]).mode, Mode::kStatic);
  }
}

TEST(Ogrs3KernelTest, EveryIsaMatchesScalarOnGeneratedInputs) {
  std::mt19937_64 rng(12);
  FeatureBatch batch;
  for (int i = 0; i < 200000; ++i) {
    const scoring::Ogrs3Inputs in = RandomInputs(rng);
    // One lane in ten has no OGRS3 (failed validation).
    batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored,
                         rng() % 10 == 0 ? nullptr : &in);
  }
  ASSERT_FALSE(VectorIsas().empty()) << "no vector ISA on this machine";
  for (Isa isa : VectorIsas()) ExpectMatchesScalar(isa, batch);
}

TEST(Ogrs3KernelTest, LanesOnRoundingTiesAreFinishedByTheScalarReference) {
  FeatureBatch batch;
  for (int horizon : {1, 2}) {
    for (int k = 100; k < 99900; k += 97) {
      // round5's tie: p x 10^5 = k + 1/2.
      const scoring::Ogrs3Inputs five = InputsFor((k + 0.5) / 1e5, horizon);
      batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored, &five);
    }
    for (int whole = 1; whole < 100; ++whole) {
      // The second rounding's tie: round5(p) = whole.5 %, whose binary
      // value decides HALF_UP.
      const scoring::Ogrs3Inputs half = InputsFor((whole + 0.5) / 100, horizon);
      batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored, &half);
    }
  }
  // Band edges: 2-year percentages 49/50, 74/75, 89/90.
  for (double p : {0.495, 0.49499, 0.49501, 0.745, 0.895, 0.005, 0.99499, 0.995}) {
    const scoring::Ogrs3Inputs edge = InputsFor(p, 2);
    batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored, &edge);
  }
  for (Isa isa : VectorIsas()) {
    ExpectMatchesScalar(isa, batch);
    // The kernel itself sends the tie lanes to the precise path.
    const FeatureView view = batch.view();
    ScoreColumns raw;
    raw.Resize(view.size);
    KernelsFor(isa)->ogrs3(BatchCoefficients(), view, 0, view.size, raw.ogrs3());
    size_t precise = 0;
    for (size_t i = 0; i < batch.size(); ++i) precise += DecodeResult(raw.code(kOgrs3)[i]).needs_precise;
    EXPECT_GT(precise, batch.size() * 9 / 10) << IsaName(isa);
  }
  // The scalar arithmetic on a few of them, as ScoreOgrs3 states it.
  ScoreColumns cols;
  ASSERT_TRUE(ScoreFeatures(Isa::kScalar, batch, &cols).ok());
  const size_t last = batch.size() - 1;
  EXPECT_EQ(cols.percentage(kOgrs3)[last], 99);  // 99.5 % clamps to 99
  EXPECT_EQ(DecodeResult(cols.code(kOgrs3)[last]).band, v1::VERY_HIGH);
}

TEST(Ogrs3KernelTest, EdgeBatchSizesAndUnscoredPadding) {
  std::mt19937_64 rng(5);
  for (size_t n : {0, 1, 7, 8, 9, 15, 17}) {
    FeatureBatch batch;
    for (size_t i = 0; i < n; ++i) {
      const scoring::Ogrs3Inputs in = RandomInputs(rng);
      batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored,
                           i % 3 == 1 ? nullptr : &in);
    }
    for (Isa isa : SupportedIsas()) {
      SCOPED_TRACE(std::string(IsaName(isa)) + " n=" + std::to_string(n));
      ScoreColumns cols;
      ASSERT_TRUE(ScoreFeatures(isa, batch, &cols).ok());
      for (size_t i = 0; i < batch.padded_size(); ++i) {
        const bool scored = i < n && i % 3 != 1;
        EXPECT_EQ(DecodeResult(cols.code(kOgrs3)[i]).mode,
                  scored ? Mode::kStatic : Mode::kNotScored) << i;
        if (!scored) {
          EXPECT_EQ(cols.percentage(kOgrs3)[i], 0) << i;
        }
      }
      if (isa != Isa::kScalar) ExpectMatchesScalar(isa, batch);
    }
  }
}

TEST(Ogrs3KernelTest, ModelsRestrictWhichColumnsAreWritten) {
  std::mt19937_64 rng(8);
  FeatureBatch batch;
  for (int i = 0; i < 100; ++i) {
    const scoring::Ogrs3Inputs in = RandomInputs(rng);
    batch.AppendFeatures({}, Mode::kNotScored, Mode::kNotScored, Mode::kNotScored, &in);
  }
  for (Isa isa : SupportedIsas()) {
    ScoreColumns all, only;
    ASSERT_TRUE(ScoreFeatures(isa, batch, &all).ok());
    only.Resize(batch.padded_size());
    for (size_t i = 0; i < batch.padded_size(); ++i) only.code(Predictor::kArp)[i] = -1;
    ASSERT_TRUE(ScoreFeatures(isa, batch, &only, Models::kOgrs3).ok());
    for (size_t i = 0; i < batch.size(); ++i) {
      EXPECT_EQ(only.code(Predictor::kArp)[i], -1) << IsaName(isa);
      EXPECT_EQ(only.percentage(kOgrs3)[i], all.percentage(kOgrs3)[i]) << IsaName(isa);
      EXPECT_EQ(only.probability(kOgrs3)[i], all.probability(kOgrs3)[i]) << IsaName(isa);
    }
  }
}

}  // namespace
}  // namespace assay::kernels
