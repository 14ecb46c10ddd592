#include "scoring/score_set.h"

#include "schemas/assessment.pb.h"
#include "schemas/flat/assay.flat.h"
#include "scoring/legacy.h"
#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"
#include "scoring/screening.h"
#include "scoring/sexual.h"
#include "scoring/text_fields.h"

namespace assay::scoring {

template <typename Assessment, typename ScoreSet>
void ScoreReoffendingPredictors(const Assessment& assessment, const OffenceTable& offences,
                                v1::ModelSet model_set, bool explain, ScoreSet* out) {
  out->Clear();
  ASSAY_SET_TEXT(out, assessment_id, assessment.assessment_id());
  out->set_model_set(model_set);
  ASSAY_SET_TEXT(out, offence_table_version, offences.version());
  const ReoffendingOptions reoffending{.explain = explain};
  if (HasV4(model_set)) {
    ScoreArp(assessment, offences, reoffending, out->mutable_arp());
    ScoreVrp(assessment, offences, reoffending, out->mutable_vrp());
    ScoreSvrp(assessment, offences, reoffending, out->mutable_svrp());
  }
  ScoreOgrs3(assessment, offences, {.explain = explain}, out->mutable_ogrs3());
}

template <typename Assessment, typename ScoreSet>
void CompleteScoreSet(const Assessment& assessment, const OffenceTable& offences,
                      v1::ModelSet model_set, bool explain, ScoreSet* out) {
  if (HasV4(model_set)) {
    // DC-SRP, IIC-SRP, then CSRP over them and SVRP; the screening tools
    // last, PNI seeing every predictor before it (see the header).
    ScoreDcSrp(assessment, explain, out->mutable_dc_srp());
    ScoreIicSrp(assessment, explain, out->mutable_iic_srp());
    ScoreCsrp(assessment, out->svrp(), out->dc_srp(), out->iic_srp(), explain,
              out->mutable_csrp());
    ScoreMst(assessment, out->mutable_mst());
    ScoreOpd(assessment, offences, out->mutable_opd());
    ScoreLds(assessment, out->mutable_lds());
    ScorePni(assessment,
             PniContextAfterSexualPredictors(&out->arp(), &out->vrp(), &out->dc_srp(),
                                             &out->iic_srp(), &out->csrp()),
             out->mutable_pni());
  }
  if (HasLegacy(model_set)) {
    // The old pipeline order (§12): OVP, OGP (over OGRS3), OSP/DC, SNSV,
    // OSP/IIC, then RSR over SNSV and the two OSPs.
    ScoreOvp(assessment, explain, out->mutable_ovp());
    ScoreOgp(assessment, out->ogrs3(), explain, out->mutable_ogp());
    ScoreOspDc(assessment, explain, out->mutable_osp_dc());
    ScoreSnsv(assessment, offences, explain, out->mutable_snsv());
    ScoreOspIic(assessment, explain, out->mutable_osp_iic());
    ScoreRsr(assessment, out->snsv(), out->osp_dc(), out->osp_iic(), explain, out->mutable_rsr());
  }
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// run these same functions.
#define ASSAY_SCORE_SET_INSTANTIATE(NS)                                                          \
  template void ScoreReoffendingPredictors(const NS::Assessment&, const OffenceTable&,          \
                                           v1::ModelSet, bool, NS::ScoreSet*);                  \
  template void CompleteScoreSet(const NS::Assessment&, const OffenceTable&, v1::ModelSet,      \
                                 bool, NS::ScoreSet*);
ASSAY_SCORE_SET_INSTANTIATE(v1)
ASSAY_SCORE_SET_INSTANTIATE(flat)
#undef ASSAY_SCORE_SET_INSTANTIATE

}  // namespace assay::scoring
