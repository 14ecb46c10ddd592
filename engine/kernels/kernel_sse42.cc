// The batch kernels for sse4.2. Built with their own -m flags and
// -ffp-contract=off (see BUILD.bazel and kernel_impl.h); only ever called
// after run-time dispatch has checked that the CPU supports sse4.2.
#include "engine/kernels/kernel_impl.h"

namespace assay::kernels {

const KernelTable& Sse42Kernels() { return Kernel<xsimd::sse4_2>::Table("sse4.2"); }

}  // namespace assay::kernels
