#include "engine/scorer.h"

#include "absl/status/status.h"
#include "scoring/legacy.h"
#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"
#include "scoring/screening.h"
#include "scoring/sexual.h"

namespace assay {
namespace {

absl::Status CheckModelSet(v1::ModelSet set) {
  if (set != v1::V4 && set != v1::LEGACY && set != v1::BOTH) {
    return absl::InvalidArgumentError("model_set must be V4, LEGACY or BOTH");
  }
  return absl::OkStatus();
}

bool HasV4(v1::ModelSet set) { return set == v1::V4 || set == v1::BOTH; }
bool HasLegacy(v1::ModelSet set) { return set == v1::LEGACY || set == v1::BOTH; }

const scoring::OffenceTable& Offences(const ScoreOptions& options) {
  return options.offence_table != nullptr ? *options.offence_table
                                          : scoring::OffenceTable::BuiltIn();
}

}  // namespace

absl::Status ScoreReoffending(const v1::Assessment& assessment, const ScoreOptions& options,
                              v1::ScoreSet* out) {
  if (absl::Status s = CheckModelSet(options.model_set); !s.ok()) return s;
  const scoring::OffenceTable& offences = Offences(options);
  scoring::ReoffendingOptions reoffending;
  reoffending.explain = options.explain;
  out->Clear();
  out->set_assessment_id(assessment.assessment_id());
  out->set_model_set(options.model_set);
  out->set_offence_table_version(offences.version());
  if (HasV4(options.model_set)) {
    *out->mutable_arp() = scoring::ScoreArp(assessment, offences, reoffending);
    *out->mutable_vrp() = scoring::ScoreVrp(assessment, offences, reoffending);
    *out->mutable_svrp() = scoring::ScoreSvrp(assessment, offences, reoffending);
  }
  *out->mutable_ogrs3() =
      scoring::ScoreOgrs3(assessment, offences, {.explain = options.explain});
  return absl::OkStatus();
}

absl::Status CompleteScoreSet(const v1::Assessment& assessment, const ScoreOptions& options,
                              v1::ScoreSet* out) {
  if (absl::Status s = CheckModelSet(options.model_set); !s.ok()) return s;
  const scoring::OffenceTable& offences = Offences(options);
  if (HasV4(options.model_set)) {
    // DC-SRP, IIC-SRP, then CSRP over them and SVRP; the screening tools
    // last. Assay runs PNI after the sexual predictors and CSRP so that it
    // sees their results: a deliberate difference from the reference, which
    // runs PNI before them (§14 item 1; scoring/screening.h).
    *out->mutable_dc_srp() = scoring::ScoreDcSrp(assessment);
    *out->mutable_iic_srp() = scoring::ScoreIicSrp(assessment);
    *out->mutable_csrp() =
        scoring::ScoreCsrp(assessment, out->svrp(), out->dc_srp(), out->iic_srp());
    *out->mutable_mst() = scoring::ScoreMst(assessment);
    *out->mutable_opd() = scoring::ScoreOpd(assessment, offences);
    *out->mutable_lds() = scoring::ScoreLds(assessment);
    *out->mutable_pni() = scoring::ScorePni(
        assessment, scoring::PniContextAfterSexualPredictors(&out->arp(), &out->vrp(),
                                                             &out->dc_srp(), &out->iic_srp(),
                                                             &out->csrp()));
    if (!options.explain) {  // these scorers always build their short explanations
      for (v1::PredictorResult* r : {out->mutable_dc_srp(), out->mutable_iic_srp(),
                                     out->mutable_csrp()}) {
        r->clear_explanation();
      }
    }
  }
  if (HasLegacy(options.model_set)) {
    // The old pipeline order (§12): OVP, OGP (over OGRS3), OSP/DC, SNSV,
    // OSP/IIC, then RSR over SNSV and the two OSPs.
    *out->mutable_ovp() = scoring::ScoreOvp(assessment);
    *out->mutable_ogp() = scoring::ScoreOgp(assessment, out->ogrs3());
    *out->mutable_osp_dc() = scoring::ScoreOspDc(assessment);
    *out->mutable_snsv() = scoring::ScoreSnsv(assessment, offences);
    *out->mutable_osp_iic() = scoring::ScoreOspIic(assessment);
    *out->mutable_rsr() =
        scoring::ScoreRsr(assessment, out->snsv(), out->osp_dc(), out->osp_iic());
    if (!options.explain) {
      for (v1::PredictorResult* r : {out->mutable_ovp(), out->mutable_ogp(),
                                     out->mutable_osp_dc(), out->mutable_snsv(),
                                     out->mutable_osp_iic(), out->mutable_rsr()}) {
        r->clear_explanation();
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ScoreSet> ScoreAssessment(const v1::Assessment& assessment,
                                             const ScoreOptions& options) {
  // One line per stage, in the reference's pipeline order (§1): the
  // reoffending predictors first, since the rest depend on their results.
  v1::ScoreSet out;
  if (absl::Status s = ScoreReoffending(assessment, options, &out); !s.ok()) return s;
  if (absl::Status s = CompleteScoreSet(assessment, options, &out); !s.ok()) return s;
  return out;
}

}  // namespace assay
