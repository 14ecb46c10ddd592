#include "engine/pipeline/reference.h"

#include "engine/review/decision.h"
#include "engine/review/tier.h"
#include "scoring/score_set.h"

namespace assay::pipeline {

v1::RecordResult ReferenceResult(const v1::Assessment& record, uint64_t index,
                                 const EngineConfig& config) {
  v1::RecordResult result;
  result.set_index(index);
  result.set_assessment_id(record.assessment_id());
  result.set_case_reference(record.case_reference());
  v1::ScoreSet* scores = result.mutable_scores();
  scoring::ScoreReoffendingPredictors(record, *config.offences, config.model_set, config.explain,
                                      scores);
  scoring::CompleteScoreSet(record, *config.offences, config.model_set, config.explain, scores);
  if (config.policy != nullptr) {
    review::DecideReview(record, *scores, *config.policy, config.as_of, result.mutable_review());
    review::ComputeTier(record, *scores, config.as_of, result.mutable_tier());
  }
  return result;
}

}  // namespace assay::pipeline
