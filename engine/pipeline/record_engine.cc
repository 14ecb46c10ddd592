#include "engine/pipeline/record_engine.h"

#include <optional>
#include <vector>

#include "engine/kernels/dispatch.h"
#include "engine/kernels/feature_batch.h"
#include "engine/kernels/kernel_api.h"
#include "engine/review/decision.h"
#include "engine/review/tier.h"
#include "scoring/features.h"
#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"
#include "scoring/score_set.h"
#include "scoring/text_fields.h"

namespace assay::pipeline {
namespace {

using kernels::Mode;
using kernels::Predictor;
using Errors = flat::Repeated<flat::ValidationError>;

Mode ToMode(scoring::ValidationOutcome outcome) {
  switch (outcome) {
    case scoring::ValidationOutcome::kStatic: return Mode::kStatic;
    case scoring::ValidationOutcome::kDynamic: return Mode::kDynamic;
    default: return Mode::kNotScored;
  }
}

constexpr Predictor kReoffending[] = {Predictor::kArp, Predictor::kVrp, Predictor::kSvrp};
constexpr v1::Predictor kProto[] = {v1::ARP, v1::VRP, v1::SVRP};

}  // namespace

// One record's validation outcome for the kernel predictors, kept from the
// derive stage to the completion stage.
struct RecordLane {
  explicit RecordLane(flat::Arena* arena)
      : errors{Errors(arena), Errors(arena), Errors(arena), Errors(arena)} {}
  int32_t lane = -1;  // in the FeatureBatch; -1: not in it (explained records)
  Errors errors[4];   // ARP, VRP, SVRP, OGRS3 (kernels::Predictor order)
};

struct RecordEngine::Scratch {
  flat::Arena arena;  // lanes' errors and results' copied text, per call
  std::vector<RecordLane> lanes;
  kernels::FeatureBatch features;
  kernels::ScoreColumns columns;
};

RecordEngine::RecordEngine(const EngineConfig& config) : config_(config) {}

std::unique_ptr<RecordEngine::Scratch, void (*)(RecordEngine::Scratch*)> RecordEngine::NewScratch()
    const {
  return {new Scratch, [](Scratch* s) { delete s; }};
}

void RecordEngine::Score(absl::Span<const flat::Assessment* const> records, uint64_t first_index,
                         Scratch* scratch, Emit emit) const {
  const scoring::OffenceTable& offences = *config_.offences;
  const v1::ModelSet model_set = config_.model_set;
  const bool v4 = scoring::HasV4(model_set);
  // Explained results come from the scalar scorers (see the header).
  const bool kernels = !config_.explain;
  Scratch& s = *scratch;
  s.arena.Reset();
  s.features.Clear();
  s.lanes.clear();
  s.lanes.reserve(records.size());

  // Stage 1: validate and derive each record once; its lane goes to the
  // feature columns, its errors to the arena.
  for (const flat::Assessment* record : records) {
    s.lanes.emplace_back(&s.arena);
    RecordLane& lane = s.lanes.back();
    if (record == nullptr || !kernels) continue;
    const flat::Assessment& a = *record;
    scoring::OffenceCategory category = scoring::OffenceCategory::kUnknown;
    Mode modes[3] = {Mode::kNotScored, Mode::kNotScored, Mode::kNotScored};
    if (v4) {
      const auto [arp, vrp, svrp] = scoring::ValidateReoffending(
          a, offences, &lane.errors[0], &lane.errors[1], &lane.errors[2]);
      modes[0] = ToMode(arp.outcome);
      modes[1] = ToMode(vrp.outcome);
      modes[2] = ToMode(svrp.outcome);
      for (const scoring::ValidationResult& v : {arp, vrp, svrp}) {
        if (v.outcome != scoring::ValidationOutcome::kNoScore) category = v.category;
      }
    }
    scoring::ReoffendingFeatures f;
    const bool any = modes[0] != Mode::kNotScored || modes[1] != Mode::kNotScored ||
                     modes[2] != Mode::kNotScored;
    if (!any || !scoring::DeriveReoffendingFeatures(a, category, &f)) {
      // As the scalar scorers: no features, no score (errors stay).
      f = scoring::ReoffendingFeatures{};
      modes[0] = modes[1] = modes[2] = Mode::kNotScored;
    }
    const std::optional<scoring::Ogrs3Inputs> ogrs3 =
        scoring::ValidateOgrs3(a, offences, &lane.errors[3]);
    lane.lane = static_cast<int32_t>(s.features.size());
    s.features.AppendFeatures(f, modes[0], modes[1], modes[2], ogrs3 ? &*ogrs3 : nullptr);
  }

  // Stage 2: the kernels, over the whole block. Cannot fail: the ISA was
  // resolved when the pipeline was created.
  if (kernels && s.features.size() > 0) {
    (void)kernels::ScoreFeatures(config_.isa, s.features, &s.columns);
  }

  // Stage 3: each record's result, on plain data.
  flat::RecordResult result(&s.arena);
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i] == nullptr) continue;
    const flat::Assessment& a = *records[i];
    result.Clear();
    result.set_index(first_index + i);
    ASSAY_SET_TEXT(&result, assessment_id, a.assessment_id());
    ASSAY_SET_TEXT(&result, case_reference, a.case_reference());
    flat::ScoreSet* scores = result.mutable_scores();
    if (kernels) {
      const RecordLane& lane = s.lanes[i];
      const size_t l = static_cast<size_t>(lane.lane);
      ASSAY_SET_TEXT(scores, assessment_id, a.assessment_id());
      scores->set_model_set(model_set);
      ASSAY_SET_TEXT(scores, offence_table_version, offences.version());
      if (v4) {
        flat::PredictorResult* outs[] = {scores->mutable_arp(), scores->mutable_vrp(),
                                         scores->mutable_svrp()};
        for (int p = 0; p < 3; ++p) {
          flat::PredictorResult* out = outs[p];
          scoring::StartReoffendingResult(kProto[p], out);
          *out->mutable_errors() = lane.errors[p];
          const Mode mode = s.features.mode(l, kReoffending[p]);
          if (mode == Mode::kNotScored) {
            scoring::SetReoffendingNoScore(out);
            continue;
          }
          const kernels::ResultCode code = kernels::DecodeResult(s.columns.code(kReoffending[p])[l]);
          scoring::RoundedPercentage rounded;
          rounded.probability = s.columns.probability(kReoffending[p])[l];
          rounded.percentage = s.columns.percentage(kReoffending[p])[l];
          const v1::RiskBand band =
              code.below_range ? v1::RISK_BAND_UNSPECIFIED : static_cast<v1::RiskBand>(code.band);
          scoring::SetReoffendingOutcome(mode == Mode::kDynamic, rounded, band, out);
        }
      }
      flat::PredictorResult* ogrs3 = scores->mutable_ogrs3();
      scoring::StartOgrs3Result(ogrs3);
      *ogrs3->mutable_errors() = lane.errors[3];
      if (s.features.mode(l, Predictor::kOgrs3) == Mode::kNotScored) {
        ogrs3->set_status(v1::RESULT_ERROR);
      } else {
        const kernels::ResultCode code = kernels::DecodeResult(s.columns.code(Predictor::kOgrs3)[l]);
        scoring::Ogrs3Values v;
        v.one_year_probability = s.columns.ogrs3_one_year_probability()[l];
        v.two_year_probability = s.columns.probability(Predictor::kOgrs3)[l];
        v.one_year_percent = static_cast<int>(s.columns.ogrs3_one_year_percent()[l]);
        v.two_year_percent = static_cast<int>(s.columns.percentage(Predictor::kOgrs3)[l]);
        v.band = static_cast<v1::RiskBand>(code.band);
        scoring::SetOgrs3Outcome(v, ogrs3);
      }
    } else {
      scoring::ScoreReoffendingPredictors(a, offences, model_set, /*explain=*/true, scores);
    }
    scoring::CompleteScoreSet(a, offences, model_set, config_.explain, scores);
    if (config_.policy != nullptr) {
      review::DecideReview(a, *scores, *config_.policy, config_.as_of, result.mutable_review());
      review::ComputeTier(a, *scores, config_.as_of, result.mutable_tier());
    }
    emit(i, result);
  }
}

}  // namespace assay::pipeline
