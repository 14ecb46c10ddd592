// Small, portable pseudo-random numbers for the demo caseload.
//
// Contract: SplitMix64 and Xoshiro256** (Blackman & Vigna) on 64-bit
// integers, and draws built only from integer operations and exact
// power-of-two scaling, so a seed gives the same caseload on every platform
// and compiler (std:: distributions are implementation-defined; libm's exp
// and log need not round alike).
#ifndef ASSAY_ENGINE_DEMO_PRNG_H_
#define ASSAY_ENGINE_DEMO_PRNG_H_

#include <cstdint>
#include <initializer_list>

namespace assay::demo {

inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // A generator for one stream (e.g. one record) of a seeded family.
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t s = seed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
    for (uint64_t& word : state_) word = SplitMix64(&s);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-shift (Lemire); n > 0. The bias (< n/2^64)
  // is immaterial here and the result is exactly reproducible.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  // Uniform in [0, 1) with 53 random bits; exact (a power-of-two scale).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // Index i with probability weights[i] / sum(weights).
  int Pick(std::initializer_list<int> weights) {
    int total = 0;
    for (const int w : weights) total += w;
    int draw = static_cast<int>(Below(static_cast<uint64_t>(total)));
    int i = 0;
    for (const int w : weights) {
      if (draw < w) return i;
      draw -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace assay::demo

#endif  // ASSAY_ENGINE_DEMO_PRNG_H_
