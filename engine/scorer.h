// Assay's public scoring API: one assessment in, every predictor's result out.
//
// Contract:
//   - ScoreAssessment(assessment, options) returns a ScoreSet holding one
//     PredictorResult per predictor of options.model_set (V4: ARP, VRP, SVRP,
//     OGRS3 and the rest of the v4 family; LEGACY: OGRS3 and the v3-era
//     pack; BOTH: all), plus the assessment id, the model set and the
//     version of the offence table used.
//   - Problems with the record itself (missing or inconsistent answers,
//     impossible dates, unknown offence codes, a score outside every band)
//     never fail the call: each predictor reports them in its own errors,
//     with machine-readable types and schema field paths, never with the
//     record's values. A non-OK Status means caller misuse only: a model set
//     that is not V4, LEGACY or BOTH.
//   - Never throws, never aborts. Thread-safe: concurrent calls share only
//     immutable data (the coefficient tables and the offence table, which
//     must outlive the call).
//   - CompleteScoreSet(assessment, options, &scores) is the second half of
//     ScoreAssessment, for callers that computed the reoffending predictors
//     themselves (the batch engine): given scores whose assessment_id,
//     model_set, offence_table_version and reoffending predictors (ARP, VRP,
//     SVRP for V4/BOTH; OGRS3 always) are already what ScoreAssessment would
//     put there, it fills every other predictor of the model set in the
//     pipeline order (CSRP over SVRP, PNI over ARP/VRP/DC/IIC/CSRP, OGP over
//     OGRS3, RSR over SNSV and the OSPs). ScoreAssessment is exactly
//     ScoreReoffending followed by CompleteScoreSet: one code path. Both
//     return InvalidArgument for a model set that is not V4, LEGACY or BOTH.
//   - The offence table defaults to the built-in one
//     (scoring::OffenceTable::BuiltIn()); pass a loaded table to score with a
//     newer mapping.
#ifndef ASSAY_ENGINE_SCORER_H_
#define ASSAY_ENGINE_SCORER_H_

#include "absl/status/statusor.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay {

struct ScoreOptions {
  v1::ModelSet model_set = v1::V4;
  // nullptr: the built-in table.
  const scoring::OffenceTable* offence_table = nullptr;
  // Per-term explanations (the reference's feature values) in each result.
  bool explain = true;
};

absl::StatusOr<v1::ScoreSet> ScoreAssessment(const v1::Assessment& assessment,
                                             const ScoreOptions& options = {});

// The first half: ids, versions and the reoffending predictors (ARP, VRP and
// SVRP when the set includes V4; OGRS3 always), into *scores (cleared first).
absl::Status ScoreReoffending(const v1::Assessment& assessment, const ScoreOptions& options,
                              v1::ScoreSet* scores);

// The second half: every other predictor of options.model_set.
absl::Status CompleteScoreSet(const v1::Assessment& assessment, const ScoreOptions& options,
                              v1::ScoreSet* scores);

}  // namespace assay

#endif  // ASSAY_ENGINE_SCORER_H_
