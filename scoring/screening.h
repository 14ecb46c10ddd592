// The non-actuarial screening tools of ../shared/spec/predictors.md §11:
// MST (maturity), OPD (personality-disorder pathway screen), PNI (programme
// needs identifier) and LDS (learning disability/difficulty screen).
//
// Contract:
//   - Each scorer returns its result message; nothing throws. Validation
//     errors name schema field paths and never carry record values.
//   - MST: not applicable (applicable = false, no score, no error) outside
//     ages 18-25 at the assessment date or for a woman; Assay requires the
//     assessment date to compute that age.
//   - OPD uses the offence table's opdViolenceSex flag for the current
//     offence; the table is the caller's (OffenceTable::BuiltIn() by default).
//   - PNI reads ARP, VRP, DC-SRP, IIC-SRP and CSRP through a PniContext.
//     DELIBERATE DIFFERENCE FROM THE REFERENCE (§14 item 1): the reference
//     runs PNI before DC-SRP, IIC-SRP and CSRP, so PNI there always sees
//     those three as absent; its projected risk is then always HIGH and any
//     missing need item with a non-HIGH risk forces OMISSION. Assay evaluates
//     PNI after them and passes their results in
//     (PniContextAfterSexualPredictors). PniContextInReferenceOrder builds the
//     reference's context (the three absent) to reproduce or compare with it.
//   - LDS: a score 0-2, or errors and no score.
//   - Each scorer is a template over the message types: the scalar
//     reference instantiates it for protobuf messages (v1::), the pipeline
//     for their flat mirrors (schemas/flat/). `out` must be empty. The
//     by-value overloads serve protobuf callers.
#ifndef ASSAY_SCORING_SCREENING_H_
#define ASSAY_SCORING_SCREENING_H_

#include <optional>

#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {

template <typename Assessment, typename MstResult>
void ScoreMst(const Assessment& assessment, MstResult* out);
v1::MstResult ScoreMst(const v1::Assessment& assessment);

template <typename Assessment, typename OpdResult>
void ScoreOpd(const Assessment& assessment, const OffenceTable& offences, OpdResult* out);
v1::OpdResult ScoreOpd(const v1::Assessment& assessment, const OffenceTable& offences);

// What PNI reads from the predictors that ran before it. A value is absent
// when its predictor was not run or produced no score.
struct PniContext {
  std::optional<double> arp_score;  // percent; static or dynamic (quirk 2)
  std::optional<double> vrp_score;  // percent
  std::optional<v1::RiskBand> dc_srp_band;   // NOT_APPLICABLE when not applicable
  std::optional<v1::RiskBand> iic_srp_band;  // likewise
  std::optional<double> csrp_score;          // percent; PNI truncates it
};

// Assay's ordering: PNI sees all five results. Pointers may be null (the
// predictor was not run).
template <typename Result>
PniContext PniContextAfterSexualPredictors(const Result* arp, const Result* vrp,
                                           const Result* dc_srp, const Result* iic_srp,
                                           const Result* csrp);
// The reference's ordering: DC-SRP, IIC-SRP and CSRP have not run yet.
template <typename Result>
PniContext PniContextInReferenceOrder(const Result* arp, const Result* vrp);

template <typename Assessment, typename PniResult>
void ScorePni(const Assessment& assessment, const PniContext& context, PniResult* out);
v1::PniResult ScorePni(const v1::Assessment& assessment, const PniContext& context);

template <typename Assessment, typename LdsResult>
void ScoreLds(const Assessment& assessment, LdsResult* out);
v1::LdsResult ScoreLds(const v1::Assessment& assessment);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_SCREENING_H_
