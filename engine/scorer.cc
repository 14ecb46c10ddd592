#include "engine/scorer.h"

#include "absl/status/status.h"
#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"

namespace assay {

absl::StatusOr<v1::ScoreSet> ScoreAssessment(const v1::Assessment& assessment,
                                             const ScoreOptions& options) {
  const v1::ModelSet set = options.model_set;
  if (set != v1::V4 && set != v1::LEGACY && set != v1::BOTH) {
    return absl::InvalidArgumentError("model_set must be V4, LEGACY or BOTH");
  }
  const bool v4 = set == v1::V4 || set == v1::BOTH;
  const scoring::OffenceTable& offences = options.offence_table != nullptr
                                              ? *options.offence_table
                                              : scoring::OffenceTable::BuiltIn();
  scoring::ReoffendingOptions reoffending;
  reoffending.explain = options.explain;

  v1::ScoreSet out;
  out.set_assessment_id(assessment.assessment_id());
  out.set_model_set(set);
  out.set_offence_table_version(offences.version());

  // One line per predictor, in the reference's pipeline order (§1) where a
  // predictor depends on others' results.
  if (v4) *out.mutable_arp() = scoring::ScoreArp(assessment, offences, reoffending);
  if (v4) *out.mutable_vrp() = scoring::ScoreVrp(assessment, offences, reoffending);
  if (v4) *out.mutable_svrp() = scoring::ScoreSvrp(assessment, offences, reoffending);
  *out.mutable_ogrs3() = scoring::ScoreOgrs3(assessment, offences, {.explain = options.explain});
  return out;
}

}  // namespace assay
