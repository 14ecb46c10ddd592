#include "scoring/rounding.h"

#include <quadmath.h>

#include <cmath>

namespace assay::scoring {
namespace {

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
  // A double times 10^places (<= 2^27) needs at most 80 bits: exact in Quad.
  return RoundHalfUp(static_cast<Quad>(x), places);
}

bool NearHalfUpBoundary(double x, int places) {
  const Quad scaled = static_cast<Quad>(x) * PowerOfTen(places);
  const Quad fraction = scaled - floorq(scaled);
  return fabsq(fraction - Quad(0.5)) < Quad(kBoundaryTolerance);
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
