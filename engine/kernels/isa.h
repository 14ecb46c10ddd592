// Instruction-set selection for the batch kernels.
//
// Contract:
//   - Isa names the kernel variants the library carries: the scalar reference
//     path and xsimd kernels for SSE4.2, AVX2+FMA and AVX-512F. Every variant
//     is compiled into every binary; each vector variant lives in its own
//     translation unit built with its own -m flags, so the rest of the library
//     stays baseline x86-64 and runs on any x86-64 machine.
//   - IsaSupported() asks the CPU (and the OS, for the AVX register state)
//     at run time; BestIsa() is the widest supported variant. A variant that
//     is not supported must never be run: selecting it is an error, not a
//     crash (see ResolveIsa).
//   - kAuto is the widest supported variant. Nothing is read from the
//     environment: a caller that wants another (the CLI's --isa) asks for it.
//   - Results do not depend on the variant: every kernel performs the scalar
//     reference's IEEE operations (kernel_impl.h), which the tests check per
//     variant.
#ifndef ASSAY_ENGINE_KERNELS_ISA_H_
#define ASSAY_ENGINE_KERNELS_ISA_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace assay::kernels {

enum class Isa {
  kAuto = 0,    // the widest supported variant
  kScalar = 1,  // the scalar reference scorer, lane by lane
  kSse42 = 2,   // 2 double lanes
  kAvx2 = 3,    // 4 double lanes, AVX2 + FMA (FMA unused by the arithmetic)
  kAvx512 = 4,  // 8 double lanes, AVX-512F
};

// "auto", "scalar", "sse4.2", "avx2", "avx512".
std::string_view IsaName(Isa isa);
// Accepts the names above (and "sse42", "avx512f"); nullopt otherwise.
std::optional<Isa> ParseIsa(std::string_view name);

// True when this machine can run `isa`'s kernels. kScalar and kAuto: true.
bool IsaSupported(Isa isa);

// The widest supported variant.
Isa BestIsa();

// Every concrete variant this machine can run, narrowest first (kScalar
// first). Tests and benchmarks iterate over it.
std::vector<Isa> SupportedIsas();

// kAuto -> the best supported variant; a concrete Isa -> itself when
// supported, else FailedPrecondition naming it.
absl::StatusOr<Isa> ResolveIsa(Isa requested);

// Double lanes per vector for `isa` (1 for scalar).
int LaneCount(Isa isa);

}  // namespace assay::kernels

#endif  // ASSAY_ENGINE_KERNELS_ISA_H_
