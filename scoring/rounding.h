// Rounding exactly as the reference rounds.
//
// Contract:
//   - RoundHalfUp(x, places) rounds the exact binary value of the double `x`
//     to `places` decimals, HALF_UP (ties away from zero), like Java's
//     new BigDecimal(x).setScale(places, HALF_UP).doubleValue(). The scaling
//     is done in binary128, where x * 10^places is exact for places <= 8, so
//     no double-rounding can move a value across a tie.
//   - The reference evaluates its logistic models in 34-digit decimals;
//     Assay evaluates in double. The two agree to ~1e-13 relative, so a
//     2-dp result can only differ when the scaled value lies within
//     kBoundaryTolerance of a tie (x.xx5). NearHalfUpBoundary detects that;
//     callers then re-evaluate in binary128 (Quad, 113-bit mantissa, ~34
//     digits, the reference's own precision) and round that.
#ifndef ASSAY_SCORING_ROUNDING_H_
#define ASSAY_SCORING_ROUNDING_H_

namespace assay::scoring {

using Quad = __float128;

// Absolute tolerance, in units of the last kept decimal, within which a
// double result is treated as ambiguous. Double evaluation of the models is
// accurate to ~1e-12 in these units; this leaves a wide margin and still
// sends only ~1 result in 10^5 down the precise path.
inline constexpr double kBoundaryTolerance = 1e-7;

double RoundHalfUp(double x, int places);
double RoundHalfUp(Quad x, int places);

// pct(x) of the reference: the exact value of fraction x 100, HALF_UP to
// `places` decimals (<= 6). Decided in double when the scaled value is
// clearly away from a tie (the usual case, no binary128 arithmetic), else in
// binary128; both give the same digits.
double PercentHalfUp(double fraction, int places);

// True when x * 10^places is within kBoundaryTolerance of k + 0.5.
bool NearHalfUpBoundary(double x, int places);

// The new predictors' percentage clamp: <= 0 -> 0.0, >= 100 -> 99.99.
double ClampPercent(double percent);

// The old integer predictors' clamp: <= 0 -> 1, > 99 -> 99.
int ClampWholePercent(int percent);

// Quad helpers (libquadmath).
Quad QuadExp(Quad x);
Quad QuadLog(Quad x);
// Parses a decimal literal exactly to the nearest binary128 value.
Quad QuadFromDecimal(const char* literal);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_ROUNDING_H_
