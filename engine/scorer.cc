#include "engine/scorer.h"

#include "absl/status/status.h"
#include "engine/kernels/isa.h"
#include "engine/pipeline/record_engine.h"
#include "schemas/flat/assay.flat.h"

namespace assay {

absl::StatusOr<v1::ScoreSet> ScoreAssessment(const v1::Assessment& assessment,
                                             const ScoreOptions& options) {
  const v1::ModelSet set = options.model_set;
  if (set != v1::V4 && set != v1::LEGACY && set != v1::BOTH) {
    return absl::InvalidArgumentError("model_set must be V4, LEGACY or BOTH");
  }
  absl::StatusOr<kernels::Isa> isa = kernels::ResolveIsa(kernels::Isa::kAuto);
  if (!isa.ok()) return isa.status();
  pipeline::EngineConfig config;
  config.model_set = set;
  config.offences = options.offence_table != nullptr ? options.offence_table
                                                     : &scoring::OffenceTable::BuiltIn();
  config.explain = options.explain;
  config.isa = *isa;  // no policy: scores only
  const pipeline::RecordEngine engine(config);
  auto scratch = engine.NewScratch();
  flat::Arena arena;
  flat::Assessment record(&arena);
  flat::FromProto(assessment, &record);
  const flat::Assessment* records[] = {&record};
  v1::ScoreSet out;
  engine.Score(records, 0, scratch.get(), [&out](size_t, const flat::RecordResult& result) {
    flat::ToProto(result.scores(), &out);
  });
  return out;
}

}  // namespace assay
