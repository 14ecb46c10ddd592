// Helpers shared by the flat tests: caseloads, comparisons, hex dumps.
//
// Contract:
//   - SerializedCaseload(seed, count, invalid_share) returns `count`
//     Assessments from the demo generator (engine/demo/generator.h),
//     serialized by protobuf: deterministic for the arguments.
//   - Equal(a, b) compares messages field by field with NaN equal to NaN
//     (MessageDifferencer's default treats NaN as unequal to itself), and
//     explains the first difference in *why.
//   - Hex(bytes) renders at most 256 bytes for failure messages.
//   - FillRandom(&m, &rng) fills any message deterministically for a seed.
//
// Example:
//   for (const std::string& bytes : SerializedCaseload(1, 1000, 0.05)) ...
#ifndef ASSAY_SCHEMAS_FLAT_TEST_UTIL_H_
#define ASSAY_SCHEMAS_FLAT_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/message.h"

namespace assay::flat::testing {

std::vector<std::string> SerializedCaseload(uint64_t seed, int count, double invalid_share);

bool Equal(const google::protobuf::Message& a, const google::protobuf::Message& b,
           std::string* why);

std::string Hex(std::string_view bytes);

// splitmix64: small, fast and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  uint64_t state_;
};


// Awkward doubles (+-0, NaN (quiet, positive), +-inf, extremes, subnormals,
// values needing 15, 16 and 17 digits) and ordinary ones.
double RandomDouble(Rng* rng);

// Fills every field of `m` by reflection: implicit fields often default,
// optional ones absent or present (sometimes with a zero value), repeated
// fields with 0..3 elements, unknown enum numbers (negative too), strings
// with escapes and non-ASCII text, Timestamps within protobuf's JSON range.
void FillRandom(google::protobuf::Message* m, Rng* rng);

// -0.0 -> +0.0 everywhere (clearing implicit-presence fields): what a JSON
// round trip through protobuf's parser does to a message.
void NegativeZeroToZero(google::protobuf::Message* m);

}  // namespace assay::flat::testing

#endif  // ASSAY_SCHEMAS_FLAT_TEST_UTIL_H_
