// scoring/transcendental.h against the correctly rounded exp and log.
//
// The reference value is libquadmath's expq / logq in binary128 (113-bit
// significand, accurate to about 1 ulp of binary128, i.e. 2^-60 ulp of a
// double): the error of a double result is |result - exact| / ulp(exact),
// where ulp is the spacing of doubles at the exact value (2^-1074 in the
// subnormal range), and "correctly rounded" means the result equals the
// binary128 value rounded to double.
//
// Points: deterministic (a fixed-seed 64-bit generator mapped to doubles
// without any library distribution), per function 10^7 by default; set
// ASSAY_TRANSCENDENTAL_POINTS to change it (at least 10^6 are run).
// The maximum and mean error are printed and recorded as test properties.
#include "scoring/transcendental.h"

#include <quadmath.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

using Quad = __float128;
using transcendental::DoubleOps;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The fdlibm coefficients as printed in e_log.c, decimal and hex alike.
static_assert(transcendental::kLogLg1 == 6.666666666666735130e-01);
static_assert(transcendental::kLogLg2 == 3.999999999940941908e-01);
static_assert(transcendental::kLogLg3 == 2.857142874366239149e-01);
static_assert(transcendental::kLogLg4 == 2.222219843214978396e-01);
static_assert(transcendental::kLogLg5 == 1.818357216161805012e-01);
static_assert(transcendental::kLogLg6 == 1.531383769920937332e-01);
static_assert(transcendental::kLogLg7 == 1.479819860511658591e-01);
static_assert(transcendental::kLogLn2Hi == 6.93147180369123816490e-01);
static_assert(transcendental::kLogLn2Lo == 1.90821492927058770002e-10);

size_t PointsPerFunction() {
  size_t n = 10'000'000;
  if (const char* env = std::getenv("ASSAY_TRANSCENDENTAL_POINTS")) n = std::strtoull(env, nullptr, 10);
  return std::max<size_t>(n, 1'000'000);
}

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

// Uniform in [0, 1) from 53 random bits.
double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1p-53; }
double Uniform(std::mt19937_64& rng, double lo, double hi) { return lo + (hi - lo) * Unit(rng); }
// Log-uniform in [lo, hi], lo > 0.
double LogUniform(std::mt19937_64& rng, double lo, double hi) {
  return std::exp2(Uniform(rng, std::log2(lo), std::log2(hi)));
}

// Spacing of doubles at the (exact) value v, v finite.
Quad UlpAt(Quad v) {
  int e = 0;
  frexpq(fabsq(v), &e);  // |v| = m 2^e, m in [0.5, 1)
  return ldexpq(Quad(1), std::max(e - 1, -1022) - 52);
}

struct ErrorStats {
  size_t points = 0;
  size_t correctly_rounded = 0;
  double max_ulp = 0;
  double max_at = 0;
  double sum_ulp = 0;
  size_t failures = 0;  // non-finite mismatches (overflow, specials)

  void Add(double x, double got, Quad exact) {
    ++points;
    const double rounded = static_cast<double>(exact);
    if (Bits(got) == Bits(rounded)) ++correctly_rounded;
    if (std::isinf(rounded) || std::isinf(got)) {
      // Beyond DBL_MAX: only the correctly rounded +inf is acceptable;
      // a finite exact value that rounds to DBL_MAX must not give inf.
      if (Bits(got) != Bits(rounded)) ++failures;
      return;
    }
    const double ulps = static_cast<double>(fabsq(Quad(got) - exact) / UlpAt(exact));
    sum_ulp += ulps;
    if (ulps > max_ulp) {
      max_ulp = ulps;
      max_at = x;
    }
  }
  double mean() const { return points == 0 ? 0 : sum_ulp / static_cast<double>(points); }
  void Report(const char* name) const {
    std::printf("%-34s %9zu points  max %.4f ulp (at %a)  mean %.4f ulp  correctly rounded %.4f%%\n",
                name, points, max_ulp, max_at, mean(),
                100.0 * static_cast<double>(correctly_rounded) / static_cast<double>(points));
  }
};

double ExpD(double x) { return Exp(x); }
double LogD(double x) { return Log(x); }
Quad ExpQ(double x) { return expq(Quad(x)); }
Quad LogQ(double x) { return logq(Quad(x)); }

// Asserts the contract (< 1 ulp) and the documented bound of the range
// (transcendental.h, "Accuracy"), which catches a regression long before
// the contract does.
void Measure(const char* name, size_t n, uint64_t seed, const std::function<double(std::mt19937_64&)>& draw,
             double (*f)(double), Quad (*exact)(double), double bound, ErrorStats* total) {
  std::mt19937_64 rng(seed);
  ErrorStats s;
  for (size_t i = 0; i < n; ++i) {
    const double x = draw(rng);
    s.Add(x, f(x), exact(x));
  }
  s.Report(name);
  EXPECT_LT(s.max_ulp, 1.0) << name << " at x = " << s.max_at;
  EXPECT_LT(s.max_ulp, bound) << name << " at x = " << s.max_at;
  EXPECT_EQ(s.failures, 0u) << name;
  total->points += s.points;
  total->correctly_rounded += s.correctly_rounded;
  total->sum_ulp += s.sum_ulp;
  total->failures += s.failures;
  if (s.max_ulp > total->max_ulp) {
    total->max_ulp = s.max_ulp;
    total->max_at = s.max_at;
  }
}

TEST(TranscendentalTest, ExpWithinOneUlpOfTheCorrectlyRoundedValue) {
  const size_t n = PointsPerFunction();
  ErrorStats total;
  // Half the points where the models live, the rest over the whole domain
  // (including overflow to +inf and the subnormal results below -708.4).
  Measure("exp [-40, 40]", n / 2, 1, [](auto& r) { return Uniform(r, -40, 40); }, ExpD, ExpQ, 0.513,
          &total);
  Measure("exp [-745.2, 709.8]", n / 4, 2, [](auto& r) { return Uniform(r, -745.2, 709.8); }, ExpD, ExpQ,
          0.76, &total);
  Measure("exp subnormal results [-745.2, -708.3]", n / 8, 3,
          [](auto& r) { return Uniform(r, -745.2, -708.3); }, ExpD, ExpQ, 0.76, &total);
  Measure("exp |x| in [2^-60, 1]", n / 8, 4,
          [](auto& r) { return (r() & 1 ? -1 : 1) * LogUniform(r, 0x1p-60, 1); }, ExpD, ExpQ, 0.513,
          &total);
  total.Report("exp, all");
  RecordProperty("exp_max_ulp", std::to_string(total.max_ulp));
  RecordProperty("exp_mean_ulp", std::to_string(total.mean()));
  EXPECT_LT(total.max_ulp, 1.0);
}

TEST(TranscendentalTest, LogWithinOneUlpOfTheCorrectlyRoundedValue) {
  const size_t n = PointsPerFunction();
  ErrorStats total;
  Measure("log [1e-3, 1e3] log-uniform", n / 2, 11, [](auto& r) { return LogUniform(r, 1e-3, 1e3); }, LogD,
          LogQ, 0.524, &total);
  Measure("log (0, 1e6] uniform", n / 8, 12, [](auto& r) { return Uniform(r, 0x1p-20, 1e6); }, LogD, LogQ,
          0.524, &total);
  Measure("log [2^-1022, 1e6] log-uniform", n / 8, 13,
          [](auto& r) { return LogUniform(r, 0x1p-1022, 1e6); }, LogD, LogQ, 0.524, &total);
  Measure("log 1 +- [2^-60, 2^-3]", n / 8, 14,
          [](auto& r) { return 1.0 + (r() & 1 ? -1 : 1) * LogUniform(r, 0x1p-60, 0x1p-3); }, LogD, LogQ,
          0.524, &total);
  Measure("log subnormals", n / 16, 15,
          [](auto& r) { return std::bit_cast<double>((r() >> 12) | 1); }, LogD, LogQ, 0.524, &total);
  Measure("log any positive finite double", n / 16, 16,
          [](auto& r) {
            const uint64_t b = r() >> 1;  // sign 0
            return (b >> 52) == 0x7ff ? 1.5 : std::bit_cast<double>(b);
          },
          LogD, LogQ, 0.524, &total);
  total.Report("log, all");
  RecordProperty("log_max_ulp", std::to_string(total.max_ulp));
  RecordProperty("log_mean_ulp", std::to_string(total.mean()));
  EXPECT_LT(total.max_ulp, 1.0);
}

TEST(TranscendentalTest, ExpSpecialValues) {
  EXPECT_EQ(Bits(Exp(0.0)), Bits(1.0));
  EXPECT_EQ(Bits(Exp(-0.0)), Bits(1.0));
  EXPECT_TRUE(std::isnan(Exp(kNan)));
  EXPECT_TRUE(std::isnan(Exp(-kNan)));
  EXPECT_EQ(Exp(kInf), kInf);
  EXPECT_EQ(Bits(Exp(-kInf)), Bits(0.0));
  EXPECT_EQ(Exp(1e300), kInf);
  EXPECT_EQ(Bits(Exp(-1e300)), Bits(0.0));
  EXPECT_EQ(Exp(std::numeric_limits<double>::max()), kInf);
  EXPECT_EQ(Bits(Exp(std::numeric_limits<double>::lowest())), Bits(0.0));
  // Overflow threshold: ln(DBL_MAX (1 + 2^-54)) = 709.782712893384...
  EXPECT_TRUE(std::isfinite(Exp(0x1.62e42fefa39efp+9)));
  EXPECT_EQ(Exp(0x1.62e42fefa39efp+9), static_cast<double>(expq(Quad(0x1.62e42fefa39efp+9))));
  EXPECT_EQ(Exp(0x1.62e42fefa39f0p+9), kInf);
  EXPECT_EQ(Exp(710.0), kInf);
  // Underflow: exp(x) < 2^-1075 rounds to 0; just above it, 2^-1074.
  EXPECT_EQ(Exp(-745.2), 0.0);
  EXPECT_EQ(Exp(-0x1.74910d52d3052p+9), 0.0);
  EXPECT_EQ(Exp(-0x1.74910d52d3051p+9), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(Exp(-745.0), std::numeric_limits<double>::denorm_min());  // 0.57 x 2^-1074
  // Around the bias and subnormal boundaries, and tiny x: within the
  // documented bounds (0.512 ulp; 0.751 ulp of the subnormal spacing).
  for (double x : {-708.3964185322641, -708.39641853226408, -708.4, -708.0, -720.0, -730.0, -740.0,
                   -744.0, -745.1, 0x1p-1074, -0x1p-1074, 0x1p-60, -0x1p-60, 0x1p-53, -0x1p-54, 1.0, -1.0,
                   0.5, -0.5, 709.0, 709.78, 512.0, -512.0, -0.0027076061740622863, 0.0027076061740622863}) {
    const Quad exact = expq(Quad(x));
    const double ulps = static_cast<double>(fabsq(Quad(Exp(x)) - exact) / UlpAt(exact));
    EXPECT_LT(ulps, exact < Quad(0x1p-1022) ? 0.76 : 0.513) << x;
  }
}

TEST(TranscendentalTest, LogSpecialValues) {
  EXPECT_EQ(Log(0.0), -kInf);
  EXPECT_EQ(Log(-0.0), -kInf);
  EXPECT_TRUE(std::isnan(Log(-1.0)));
  EXPECT_TRUE(std::isnan(Log(-0x1p-1074)));
  EXPECT_TRUE(std::isnan(Log(-kInf)));
  EXPECT_TRUE(std::isnan(Log(kNan)));
  EXPECT_EQ(Log(kInf), kInf);
  EXPECT_EQ(Bits(Log(1.0)), Bits(0.0));
  for (double x : {0x1p-1074, 0x1p-1073, 3 * 0x1p-1074, 0x1p-1023, 0x0.fffffffffffffp-1022, 0x1p-1022,
                   std::numeric_limits<double>::max(), 2.0, 0.5, 10.0, 0.1, 1e6, 1.0 + 0x1p-52,
                   1.0 - 0x1p-53, 0x1.6a09e667f3bccp0, 0x1.6a09e667f3bcdp0, 0x1.6a09e667f3bcdp-1,
                   0x1.6a09e667f3bccp-1, 999.0 / 12.0, 1.0 / 140.0}) {
    const Quad exact = logq(Quad(x));
    const double ulps = static_cast<double>(fabsq(Quad(Log(x)) - exact) / UlpAt(exact));
    EXPECT_LT(ulps, 0.524) << x;
  }
}

// Exp's tables against libquadmath's exp2q: S_i = 2^(i/N) rounded to
// double, and S_i (1 + t_i) = 2^(i/N) to far beyond double precision.
TEST(TranscendentalTest, ExpTablesAreTwoToTheIOverN) {
  using namespace transcendental;
  for (int i = 0; i < kExpTableSize; ++i) {
    const Quad exact = exp2q(Quad(i) / kExpTableSize);
    const double s = std::bit_cast<double>(kExpBits[i] + (static_cast<uint64_t>(i) << (52 - kExpTableBits)));
    EXPECT_EQ(s, static_cast<double>(exact)) << i;
    const double tail = std::bit_cast<double>(kExpTail[i]);
    const Quad relative = fabsq((Quad(s) * (1 + Quad(tail)) - exact) / exact);
    EXPECT_LT(static_cast<double>(relative), 0x1p-105) << i;
  }
  // The reduction constants: hi + lo = ln2 / N, hi with 35 significant bits.
  const Quad ln2n = logq(Quad(2)) / kExpTableSize;
  EXPECT_LT(static_cast<double>(fabsq(Quad(kExpLn2HiN) + Quad(kExpLn2LoN) - ln2n) / ln2n), 0x1p-85);
  EXPECT_EQ(std::bit_cast<uint64_t>(kExpLn2HiN) & ((uint64_t{1} << 18) - 1), 0u);
  EXPECT_EQ(kExpInvLn2N, static_cast<double>(Quad(kExpTableSize) / logq(Quad(2))));
}

// The scalar entry points are the template, and a plain loop over them
// (which the compiler may unroll or vectorise) gives the same bits as one
// call at a time.
[[gnu::noinline]] void ExpLoop(const double* in, double* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = Exp(in[i]);
}
[[gnu::noinline]] void LogLoop(const double* in, double* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = Log(in[i]);
}

TEST(TranscendentalTest, ScalarLoopEqualsTheTemplateCallByCall) {
  std::mt19937_64 rng(21);
  std::vector<double> z(1 << 18), x(1 << 18), got(1 << 18);
  for (size_t i = 0; i < z.size(); ++i) {
    z[i] = i % 2 ? Uniform(rng, -60, 60) : Uniform(rng, -800, 800);
    x[i] = i % 2 ? LogUniform(rng, 1e-3, 1e3) : std::bit_cast<double>(rng());
  }
  z[0] = kNan;
  z[1] = -kInf;
  x[0] = 0.0;
  x[1] = 0x1p-1074;
  ExpLoop(z.data(), got.data(), z.size());
  for (size_t i = 0; i < z.size(); ++i) {
    volatile double in = z[i];
    ASSERT_EQ(Bits(got[i]), Bits(transcendental::Exp<DoubleOps>(in))) << z[i];
  }
  LogLoop(x.data(), got.data(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    volatile double in = x[i];
    ASSERT_EQ(Bits(got[i]), Bits(transcendental::Log<DoubleOps>(in))) << x[i];
  }
}

}  // namespace
}  // namespace assay::scoring
