// Every predictor of a model set for one assessment: the order in which the
// predictors run and which results each one reads.
//
// Contract:
//   - ScoreReoffendingPredictors writes the ids, versions and the
//     reoffending predictors of `model_set` (ARP, VRP and SVRP when the set
//     includes V4; OGRS3 always) into `scores`, which it clears first. These
//     are the predictors the pipeline evaluates in SIMD lanes
//     (engine/kernels/); here they are scalar: this is the reference the
//     kernels are checked against.
//   - CompleteScoreSet adds every other predictor of the set, in the
//     pipeline order of ../shared/spec/predictors.md §1: DC-SRP, IIC-SRP,
//     CSRP over SVRP and them, MST, OPD, LDS, then PNI over ARP, VRP and
//     the sexual predictors; for LEGACY, OVP, OGP over OGRS3, OSP/DC, SNSV,
//     OSP/IIC, then RSR over SNSV and the OSPs. It reads only results
//     already in `scores`, so it is the same whether those came from the
//     scalar scorers or from the kernels.
//   - PNI runs after the sexual predictors and CSRP so that it sees their
//     results: a deliberate difference from the reference, which runs PNI
//     before them (§14 item 1; scoring/screening.h).
//   - `explain` adds each predictor's explanation terms.
//   - model_set must be V4, LEGACY or BOTH (the caller checks: callers
//     validate options once, not per record).
//   - Templates over the message types: the scalar reference instantiates
//     them for protobuf messages (v1::), the pipeline for their flat mirrors
//     (schemas/flat/). Thread-safe; no shared mutable state.
#ifndef ASSAY_SCORING_SCORE_SET_H_
#define ASSAY_SCORING_SCORE_SET_H_

#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

inline bool HasV4(v1::ModelSet set) { return set == v1::V4 || set == v1::BOTH; }
inline bool HasLegacy(v1::ModelSet set) { return set == v1::LEGACY || set == v1::BOTH; }

template <typename Assessment, typename ScoreSet>
void ScoreReoffendingPredictors(const Assessment& assessment, const OffenceTable& offences,
                                v1::ModelSet model_set, bool explain, ScoreSet* scores);

template <typename Assessment, typename ScoreSet>
void CompleteScoreSet(const Assessment& assessment, const OffenceTable& offences,
                      v1::ModelSet model_set, bool explain, ScoreSet* scores);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_SCORE_SET_H_
