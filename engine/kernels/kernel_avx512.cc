// The batch kernels for avx512. Built with their own -m flags and
// -ffp-contract=off (see BUILD.bazel and kernel_impl.h); only ever called
// after run-time dispatch has checked that the CPU supports avx512.
#include "engine/kernels/kernel_impl.h"

namespace assay::kernels {

const KernelTable& Avx512Kernels() { return Kernel<xsimd::avx512f>::Table("avx512"); }

}  // namespace assay::kernels
