#include "engine/kernels/isa.h"

#include <string>

#include "absl/status/status.h"

namespace assay::kernels {

std::string_view IsaName(Isa isa) {
  switch (isa) {
    case Isa::kAuto: return "auto";
    case Isa::kScalar: return "scalar";
    case Isa::kSse42: return "sse4.2";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512";
  }
  return "unknown";
}

std::optional<Isa> ParseIsa(std::string_view name) {
  if (name == "auto") return Isa::kAuto;
  if (name == "scalar") return Isa::kScalar;
  if (name == "sse4.2" || name == "sse42") return Isa::kSse42;
  if (name == "avx2") return Isa::kAvx2;
  if (name == "avx512" || name == "avx512f") return Isa::kAvx512;
  return std::nullopt;
}

bool IsaSupported(Isa isa) {
  // libgcc's __builtin_cpu_supports also checks, through XGETBV, that the OS
  // saves the AVX / AVX-512 register state, so a "supported" ISA is usable.
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kAuto:
    case Isa::kScalar:
      return true;
    case Isa::kSse42:
      return __builtin_cpu_supports("sse4.2");
    case Isa::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::kAvx512:
      return __builtin_cpu_supports("avx512f");
  }
  return false;
}

Isa BestIsa() {
  for (Isa isa : {Isa::kAvx512, Isa::kAvx2, Isa::kSse42}) {
    if (IsaSupported(isa)) return isa;
  }
  return Isa::kScalar;
}

std::vector<Isa> SupportedIsas() {
  std::vector<Isa> out;
  for (Isa isa : {Isa::kScalar, Isa::kSse42, Isa::kAvx2, Isa::kAvx512}) {
    if (IsaSupported(isa)) out.push_back(isa);
  }
  return out;
}

absl::StatusOr<Isa> ResolveIsa(Isa requested) {
  if (requested != Isa::kAuto) {
    if (!IsaSupported(requested)) {
      return absl::FailedPreconditionError("instruction set " + std::string(IsaName(requested)) +
                                           " is not supported by this CPU");
    }
    return requested;
  }
  return BestIsa();
}

int LaneCount(Isa isa) {
  switch (isa) {
    case Isa::kSse42: return 2;
    case Isa::kAvx2: return 4;
    case Isa::kAvx512: return 8;
    default: return 1;
  }
}

}  // namespace assay::kernels
