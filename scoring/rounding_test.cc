#include "scoring/rounding.h"

#include <cmath>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

TEST(RoundHalfUpTest, UsesExactBinaryValue) {
  // 0.145 is stored as 0.14499999999999999...: HALF_UP on the exact value
  // gives 0.14, where naive x*100 rounding gives 0.15.
  EXPECT_EQ(RoundHalfUp(0.145, 2), 0.14);
  // 1.005 is 1.00499999999999989...: 1.00.
  EXPECT_EQ(RoundHalfUp(1.005, 2), 1.0);
  // 0.125 is exact: a true tie rounds up.
  EXPECT_EQ(RoundHalfUp(0.125, 2), 0.13);
  EXPECT_EQ(RoundHalfUp(-0.125, 2), -0.13);
  EXPECT_EQ(RoundHalfUp(62.6249999, 2), 62.62);
  EXPECT_EQ(RoundHalfUp(2.5, 0), 3.0);
  EXPECT_EQ(RoundHalfUp(0.123455, 5), 0.12345);  // 0.12345499999999999529...
}

TEST(RoundHalfUpTest, QuadInput) {
  const Quad just_below = QuadFromDecimal("5.374999999999999999999999");
  EXPECT_EQ(RoundHalfUp(just_below, 2), 5.37);
  EXPECT_EQ(RoundHalfUp(QuadFromDecimal("5.375"), 2), 5.38);
}

TEST(PercentHalfUpTest, MatchesTheBinary128Path) {
  // Exact value of 0.00145 is 0.00144999999...: 0.14 %, not 0.15 %.
  EXPECT_EQ(PercentHalfUp(0.00145, 2), 0.14);
  EXPECT_EQ(PercentHalfUp(0.00125, 2), 0.13);  // stored as 0.00125000000000000002...
  EXPECT_EQ(PercentHalfUp(0.6262, 2), 62.62);
  EXPECT_EQ(PercentHalfUp(0.17, 0), 17.0);
  // A sweep: the double fast path and the binary128 path agree everywhere,
  // including values constructed to sit on and next to ties.
  for (int k = 0; k < 200000; ++k) {
    const double base = k / 1000000.0 + 0.000005;  // ties of 100x at 2 dp
    for (double x : {base, std::nextafter(base, 0.0), std::nextafter(base, 1.0), k / 777777.0}) {
      for (int places : {0, 2, 4}) {
        ASSERT_EQ(PercentHalfUp(x, places), RoundHalfUp(static_cast<Quad>(x) * Quad(100), places))
            << x << " " << places;
      }
      ASSERT_EQ(RoundHalfUp(x, 4), RoundHalfUp(static_cast<Quad>(x), 4)) << x;
    }
  }
}

TEST(NearHalfUpBoundaryTest, DetectsTies) {
  EXPECT_TRUE(NearHalfUpBoundary(0.125, 2));
  EXPECT_TRUE(NearHalfUpBoundary(12.345000000001, 2));
  EXPECT_FALSE(NearHalfUpBoundary(12.3449, 2));
  EXPECT_FALSE(NearHalfUpBoundary(12.34, 2));
}

TEST(ClampTest, PercentAndWholePercent) {
  EXPECT_EQ(ClampPercent(-0.0), 0.0);
  EXPECT_EQ(ClampPercent(0.0), 0.0);
  EXPECT_EQ(ClampPercent(100.0), 99.99);
  EXPECT_EQ(ClampPercent(42.42), 42.42);
  EXPECT_EQ(ClampWholePercent(0), 1);
  EXPECT_EQ(ClampWholePercent(100), 99);
  EXPECT_EQ(ClampWholePercent(99), 99);
  EXPECT_EQ(ClampWholePercent(17), 17);
}

}  // namespace
}  // namespace assay::scoring
