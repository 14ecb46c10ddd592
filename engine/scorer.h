// Assay's scoring API: one assessment in, every predictor's result out.
//
// Contract:
//   - ScoreAssessment(assessment, options) returns a ScoreSet holding one
//     PredictorResult per predictor of options.model_set (V4: ARP, VRP, SVRP,
//     OGRS3 and the rest of the v4 family with the screening tools; LEGACY:
//     OGRS3 and the v3-era pack; BOTH: all), plus the assessment id, the
//     model set and the version of the offence table used.
//   - It runs the pipeline's stages for a batch of one
//     (engine/pipeline/record_engine.h), without the review decision: the
//     scores are those `assay rescore` writes, byte for byte.
//   - Problems with the record itself (missing or inconsistent answers,
//     impossible dates, unknown offence codes, a score outside every band)
//     never fail the call: each predictor reports them in its own errors,
//     with machine-readable types and schema field paths, never with the
//     record's values. A non-OK Status means caller misuse only: a model set
//     that is not V4, LEGACY or BOTH.
//   - Never throws, never aborts. Thread-safe: concurrent calls share only
//     immutable data (the coefficient tables and the offence table, which
//     must outlive the call).
//   - The offence table defaults to the built-in one
//     (scoring::OffenceTable::BuiltIn()); pass a loaded table to score with a
//     newer mapping.
//
// Example:
//   absl::StatusOr<v1::ScoreSet> scores = assay::ScoreAssessment(record);
//   if (scores.ok() && scores->arp().status() == v1::RESULT_SCORED) {
//     double arp_percent = scores->arp().percentage();
//   }
#ifndef ASSAY_ENGINE_SCORER_H_
#define ASSAY_ENGINE_SCORER_H_

#include "absl/status/statusor.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay {

struct ScoreOptions {
  // Default: V4.
  v1::ModelSet model_set = v1::V4;
  // Default (nullptr): the built-in table.
  const scoring::OffenceTable* offence_table = nullptr;
  // Per-term explanations (the reference's feature values) in each result.
  // Default: true.
  bool explain = true;
};

absl::StatusOr<v1::ScoreSet> ScoreAssessment(const v1::Assessment& assessment,
                                             const ScoreOptions& options = {});

}  // namespace assay

#endif  // ASSAY_ENGINE_SCORER_H_
