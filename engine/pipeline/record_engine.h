// The pipeline's scoring stages for a block of decoded records: validate and
// derive each record once, evaluate the reoffending predictors of the whole
// block in SIMD lanes, then complete each record's result (every other
// predictor, RoSH, the review decision and the tier) on plain flat data.
//
// Contract:
//   - Score(records, first_index, scratch, emit) calls emit(i, result) once
//     for every non-null records[i], in order; result.index() is
//     first_index + i. Null entries (records the caller could not decode)
//     are skipped: the caller writes their error records.
//   - A result is exactly what the scalar reference gives for the record
//     (scoring/score_set.h ScoreReoffendingPredictors + CompleteScoreSet,
//     engine/review DecideReview and ComputeTier, instantiated for protobuf
//     messages), on every instruction set: the kernels compute the same IEEE
//     operations as the scalar code (engine/kernels/kernel_impl.h), and lanes
//     near a rounding tie are recomputed by the scalar code. Tests compare
//     the serialized bytes.
//   - With `explain`, ARP, VRP, SVRP and OGRS3 are evaluated by the scalar
//     code, which produces their explanation terms (the terms of its sum).
//   - The result and everything it points to live in the scratch's arena
//     and the records: valid until the next Score call with that scratch.
//   - Allocation: none per record once a scratch has grown (its arena is
//     rewound per call, its columns keep their capacity).
//   - A RecordEngine is immutable and shared by every worker; a Scratch
//     belongs to one worker.
#ifndef ASSAY_ENGINE_PIPELINE_RECORD_ENGINE_H_
#define ASSAY_ENGINE_PIPELINE_RECORD_ENGINE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/functional/function_ref.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "engine/kernels/isa.h"
#include "engine/review/policy.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::pipeline {

struct EngineConfig {
  v1::ModelSet model_set = v1::V4;
  const scoring::OffenceTable* offences = nullptr;  // required
  // The review decision and tier; with no policy neither is computed.
  const review::Policy* policy = nullptr;
  absl::CivilDay as_of;
  bool explain = false;
  kernels::Isa isa = kernels::Isa::kScalar;  // concrete and supported
};

class RecordEngine {
 public:
  explicit RecordEngine(const EngineConfig& config);

  struct Scratch;
  std::unique_ptr<Scratch, void (*)(Scratch*)> NewScratch() const;

  using Emit = absl::FunctionRef<void(size_t, const flat::RecordResult&)>;
  void Score(absl::Span<const flat::Assessment* const> records, uint64_t first_index,
             Scratch* scratch, Emit emit) const;

  const EngineConfig& config() const { return config_; }

 private:
  EngineConfig config_;
};

}  // namespace assay::pipeline

#endif  // ASSAY_ENGINE_PIPELINE_RECORD_ENGINE_H_
