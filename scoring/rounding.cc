#include "scoring/rounding.h"

#include <quadmath.h>

#include <cmath>

namespace assay::scoring {
namespace {

constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

// HALF_UP of the exact x * 10^k, decided in double. The product is rounded
// once, by at most half an ulp (< 1.2e-10 below 10^6), so when it lies more
// than 1e-6 from a tie the exact product rounds the same way; crossing an
// integer cannot change a HALF_UP result. Returns false when undecided.
bool RoundScaledInDouble(double x, int k, double* rounded) {
  const double scaled = x * kPowersOfTen[k];
  const double magnitude = std::fabs(scaled);
  if (!(magnitude < 1e6)) return false;  // also NaN
  const double whole = std::floor(magnitude);
  const double fraction = magnitude - whole;  // exact
  if (std::fabs(fraction - 0.5) < 1e-6) return false;
  const double result = fraction > 0.5 ? whole + 1 : whole;
  *rounded = scaled < 0 ? -result : result;
  return true;
}

Quad PowerOfTen(int places) {
  Quad scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  return scale;
}

}  // namespace

double RoundHalfUp(Quad x, int places) {
  const Quad scale = PowerOfTen(places);
  const Quad scaled = x * scale;
  const Quad rounded = scaled >= 0 ? floorq(scaled + Quad(0.5)) : -floorq(-scaled + Quad(0.5));
  // k / 10^places to the nearest double, as BigDecimal.doubleValue() does;
  // both operands are exact doubles, and IEEE division rounds correctly.
  return static_cast<double>(rounded) / static_cast<double>(scale);
}

double RoundHalfUp(double x, int places) {
  double rounded;
  if (places <= 8 && RoundScaledInDouble(x, places, &rounded)) {
    return rounded / kPowersOfTen[places];
  }
  // A double times 10^places (<= 2^27) needs at most 80 bits: exact in Quad.
  return RoundHalfUp(static_cast<Quad>(x), places);
}

double PercentHalfUp(double fraction, int places) {
  double rounded;
  if (places <= 6 && RoundScaledInDouble(fraction, places + 2, &rounded)) {
    return rounded / kPowersOfTen[places];
  }
  // fraction * 100 needs at most 60 bits: exact in Quad.
  return RoundHalfUp(static_cast<Quad>(fraction) * Quad(100), places);
}

bool NearHalfUpBoundary(double x, int places) {
  // In double: the product's error (< 1e-10 of a unit here) is far inside
  // the tolerance, which is itself only a threshold for extra care.
  const double scaled = std::fabs(x * kPowersOfTen[places]);
  if (!(scaled < 1e6)) return true;
  const double fraction = scaled - std::floor(scaled);
  return std::fabs(fraction - 0.5) < kBoundaryTolerance;
}

double ClampPercent(double percent) {
  if (percent <= 0.0) return 0.0;
  if (percent >= 100.0) return 99.99;
  return percent;
}

int ClampWholePercent(int percent) {
  if (percent <= 0) return 1;
  if (percent > 99) return 99;
  return percent;
}

Quad QuadExp(Quad x) { return expq(x); }
Quad QuadLog(Quad x) { return logq(x); }
Quad QuadFromDecimal(const char* literal) { return strtoflt128(literal, nullptr); }

}  // namespace assay::scoring
