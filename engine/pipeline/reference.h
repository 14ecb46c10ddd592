// The scalar reference of the pipeline, for tests: one record's RecordResult
// computed with the scorers, the review decision and the tier instantiated
// for protobuf messages, record by record, with no kernels, no flat data and
// no encoder of ours. Tests compare the pipeline's output bytes with this
// message's SerializeToString.
#ifndef ASSAY_ENGINE_PIPELINE_REFERENCE_H_
#define ASSAY_ENGINE_PIPELINE_REFERENCE_H_

#include <cstdint>

#include "engine/pipeline/record_engine.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"

namespace assay::pipeline {

v1::RecordResult ReferenceResult(const v1::Assessment& record, uint64_t index,
                                 const EngineConfig& config);

}  // namespace assay::pipeline

#endif  // ASSAY_ENGINE_PIPELINE_REFERENCE_H_
