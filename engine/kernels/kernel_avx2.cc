// The batch kernels for avx2. Built with their own -m flags and
// -ffp-contract=off (see BUILD.bazel and kernel_impl.h); only ever called
// after run-time dispatch has checked that the CPU supports avx2.
#include "engine/kernels/kernel_impl.h"

namespace assay::kernels {

const KernelTable& Avx2Kernels() { return Kernel<xsimd::fma3<xsimd::avx2>>::Table("avx2"); }

}  // namespace assay::kernels
