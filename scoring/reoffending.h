// The scalar reference scorers of ARP, VRP and SVRP, static and dynamic
// (../shared/spec/predictors.md §4-§7).
//
// Contract:
//   - ScoreArp / ScoreVrp / ScoreSvrp always return one PredictorResult:
//     RESULT_SCORED with type STATIC or DYNAMIC, or RESULT_ERROR with the
//     errors that prevent scoring. They never crash and never throw.
//   - Validation is the reference's (§4.1): the static checks (one
//     MISSING_MANDATORY_INPUT listing every missing field, then the
//     predictor's checks in its own order) and the dynamic checks (one
//     MISSING_DYNAMIC_INPUT, then the drug-consistency check). Static errors
//     -> no score, errors = static + dynamic. Else dynamic errors -> the
//     static model, type STATIC, errors = dynamic. Else the dynamic model.
//     Assay adds checks the reference's JSON layer makes unnecessary:
//     INVALID_DATE for impossible dates and VALUE_OUT_OF_RANGE for enum
//     values unknown to the schema (static fields: no score; dynamic fields:
//     static fallback, like a missing answer).
//   - Where the reference throws, a specific error: SCORE_BELOW_BAND_RANGE
//     when ARP/VRP round to 0.00 % (quirk 9), FOLLOW_UP_DATE_INVALID when the
//     SVRP follow-up date is on/before the birth or at age >= 110 (quirk 11).
//   - percentage = clamp(HALF_UP 2 dp of 100 p) on the exact value: computed
//     in double and, when within kBoundaryTolerance of a tie, re-evaluated in
//     binary128 (see RoundPercentage).
//   - Every result carries model_version and thresholds_version "1.0" and,
//     when requested, the explanation: the reference's feature values in
//     order, ending with totalWeight (= z).
//   - Templates over the message types: the scalar reference instantiates
//     them for protobuf messages (v1::), the pipeline for their flat mirrors
//     (schemas/flat/). The pipeline evaluates the models in SIMD lanes
//     (engine/kernels/) and writes each lane's result with the same builders
//     (StartReoffendingResult, SetReoffendingOutcome) as the scalar path.
#ifndef ASSAY_SCORING_REOFFENDING_H_
#define ASSAY_SCORING_REOFFENDING_H_

#include <type_traits>
#include <utility>

#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"
#include "scoring/reoffending_linear.h"
#include "scoring/reoffending_models.h"
#include "scoring/rounding.h"

namespace assay::scoring {

struct ReoffendingOptions {
  bool explain = true;
};

// Into an empty `out`.
template <typename Assessment, typename Result>
void ScoreArp(const Assessment& assessment, const OffenceTable& offences,
              const ReoffendingOptions& options, Result* out);
template <typename Assessment, typename Result>
void ScoreVrp(const Assessment& assessment, const OffenceTable& offences,
              const ReoffendingOptions& options, Result* out);
template <typename Assessment, typename Result>
void ScoreSvrp(const Assessment& assessment, const OffenceTable& offences,
               const ReoffendingOptions& options, Result* out);

// The same for protobuf messages, by value.
v1::PredictorResult ScoreArp(const v1::Assessment& assessment, const OffenceTable& offences,
                             const ReoffendingOptions& options = {});
v1::PredictorResult ScoreVrp(const v1::Assessment& assessment, const OffenceTable& offences,
                             const ReoffendingOptions& options = {});
v1::PredictorResult ScoreSvrp(const v1::Assessment& assessment, const OffenceTable& offences,
                              const ReoffendingOptions& options = {});

// The repeated error field of a result type (protobuf's or flat's).
template <typename Result>
using RepeatedErrors = std::remove_pointer_t<decltype(std::declval<Result&>().mutable_errors())>;

// Validation alone, for engines that evaluate the models themselves. Appends
// static errors then dynamic errors to *errors and returns which model may
// be scored.
enum class ValidationOutcome { kNoScore, kStatic, kDynamic };
struct ValidationResult {
  ValidationOutcome outcome = ValidationOutcome::kNoScore;
  OffenceCategory category = OffenceCategory::kUnknown;
};
template <typename Assessment, typename Errors>
ValidationResult ValidateArp(const Assessment& assessment, const OffenceTable& offences,
                             Errors* errors);
template <typename Assessment, typename Errors>
ValidationResult ValidateVrp(const Assessment& assessment, const OffenceTable& offences,
                             Errors* errors);
template <typename Assessment, typename Errors>
ValidationResult ValidateSvrp(const Assessment& assessment, const OffenceTable& offences,
                              Errors* errors);

// The three validations at once, reading the static facts they share (the
// dates, the offence code's lookup) once: the same errors and outcomes as
// the three calls above.
struct ReoffendingValidation {
  ValidationResult arp, vrp, svrp;
};
template <typename Assessment, typename Errors>
ReoffendingValidation ValidateReoffending(const Assessment& assessment,
                                          const OffenceTable& offences, Errors* arp_errors,
                                          Errors* vrp_errors, Errors* svrp_errors);

// The percentage of a logistic model, exactly as the reference rounds it.
struct RoundedPercentage {
  double probability = 0;  // p in double (from the binary128 p on the precise path)
  double percentage = 0;   // clamp(HALF_UP(100 p, 2))
  bool precise = false;    // true when the binary128 path decided the digits
};

// `z` is the double linear predictor; `precise_z` is called (only) when
// 100 p lies within kBoundaryTolerance of a tie and must return z evaluated
// in Quad. Templated, so no std::function in the hot path.
template <typename PreciseZ>
RoundedPercentage RoundPercentage(double z, PreciseZ&& precise_z) {
  RoundedPercentage out;
  const double p = Logistic(z);
  // 100 p to 2 dp is p to 4 dp; NearHalfUpBoundary scales in binary128.
  if (NearHalfUpBoundary(p, 4)) {
    const Quad pq = Logistic(static_cast<Quad>(precise_z()));
    out.probability = static_cast<double>(pq);
    out.percentage = ClampPercent(RoundHalfUp(pq * Quad(100), 2));
    out.precise = true;
    return out;
  }
  out.probability = p;
  // HALF_UP on the exact value of 100 p.
  out.percentage = ClampPercent(PercentHalfUp(p, 2));
  return out;
}

// The builders of a reoffending predictor's result, shared by the scalar
// scorers and the pipeline's kernel lanes (one builder per concept):
// StartReoffendingResult stamps the predictor and versions (validation then
// adds its errors); SetReoffendingOutcome writes a scored model (or, for
// band UNSPECIFIED, the SCORE_BELOW_BAND_RANGE error of quirk 9);
// SetReoffendingNoScore marks a result that validation refused.
template <typename Result>
void StartReoffendingResult(v1::Predictor predictor, Result* result);
template <typename Result>
void SetReoffendingOutcome(bool dynamic, const RoundedPercentage& rounded, v1::RiskBand band,
                           Result* result);
template <typename Result>
void SetReoffendingNoScore(Result* result);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_REOFFENDING_H_
