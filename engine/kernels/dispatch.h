// Run-time dispatch of the batch kernels, and the scalar reference path.
//
// Contract:
//   - ScoreFeatures(isa, batch, out) scores every lane of `batch` with the
//     kernels of `isa`, which must be concrete (not kAuto) and supported
//     (engine/kernels/isa.h: ResolveIsa); an unsupported ISA is refused with
//     FailedPrecondition, never executed.
//   - kScalar evaluates each lane with the scalar reference itself
//     (scoring/reoffending.h: the double linear predictor, RoundPercentage
//     with its binary128 fallback, BandFor).
//   - Vector ISAs evaluate in SIMD; every lane a kernel marks as near a
//     rounding tie is then recomputed by that same scalar path, so bands and
//     percentages are the scalar reference's on every ISA, and probabilities
//     differ from it only by exp's last bit (see batch_scorer.h for the
//     documented tolerance).
//   - After the call, out->code(...) no longer carries the precise bit.
//   - `models` restricts the call to ARP/VRP/SVRP or to OGRS3 (the other
//     columns are left as they were); kAll, the default, scores both. The
//     restriction exists so that benchmarks can time each kernel alone.
#ifndef ASSAY_ENGINE_KERNELS_DISPATCH_H_
#define ASSAY_ENGINE_KERNELS_DISPATCH_H_

#include "absl/status/status.h"
#include "engine/kernels/feature_batch.h"
#include "engine/kernels/isa.h"
#include "engine/kernels/kernel_api.h"

namespace assay::kernels {

// The kernels' coefficients, flattened once from scoring/reoffending_models.
const KernelCoefficients& BatchCoefficients();

// nullptr for kScalar / kAuto.
const KernelTable* KernelsFor(Isa isa);

enum class Models : uint8_t { kAll, kArpVrpSvrp, kOgrs3 };

absl::Status ScoreFeatures(Isa isa, FeatureBatch& batch, ScoreColumns* out,
                           Models models = Models::kAll);

// Lanes [begin, end) only; begin and end multiples of kLanePadding (end may
// be the padded size). Used to split one batch across threads.
absl::Status ScoreFeatureRange(Isa isa, const FeatureView& view, const FeatureBatch& batch,
                               size_t begin, size_t end, ScoreColumns* out,
                               Models models = Models::kAll);

}  // namespace assay::kernels

#endif  // ASSAY_ENGINE_KERNELS_DISPATCH_H_
