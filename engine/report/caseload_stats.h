// CaseloadStats: the counts behind the rescoring report, gathered record by
// record from RecordResults.
//
// Contract:
//   - Add(result) counts one output record; Merge adds another CaseloadStats
//     gathered over other records (one per worker thread), so the counts do
//     not depend on how the caseload was split. Memory is constant: counts
//     only, never records.
//   - records() == scored() + errors() always: a record either has scores or
//     a RecordError.
//   - Bands are indexed by BandSlot: 0 = no band (error, not scored),
//     1..4 = LOW..VERY_HIGH, 5 = NOT_APPLICABLE.
//   - Review due dates are counted by week relative to as_of: week w holds
//     due dates in [as_of + 7w, as_of + 7w + 6]; negative weeks are overdue.
//     Weeks outside [-kWeeksBack, kWeeksAhead) go to the end buckets.
//   - Transitions (model set BOTH) count, for each legacy/v4 pair, the cases
//     by (legacy band, v4 band).
#ifndef ASSAY_ENGINE_REPORT_CASELOAD_STATS_H_
#define ASSAY_ENGINE_REPORT_CASELOAD_STATS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "absl/time/civil_time.h"
#include "schemas/batch.pb.h"
#include "schemas/score.pb.h"

namespace assay::report {

inline constexpr int kBandSlots = 6;
int BandSlot(v1::RiskBand band);

inline constexpr int kWeeksBack = 13;
inline constexpr int kWeeksAhead = 53;
inline constexpr int kWeekBuckets = kWeeksBack + kWeeksAhead;

// Predictor enum values run to 16 (RSR).
inline constexpr int kPredictorSlots = 17;

struct TransitionPair {
  v1::Predictor from;  // legacy
  v1::Predictor to;    // v4
  std::string_view title;
};
// The pairs compared when both model sets are scored: each v4 predictor
// with the v3-era predictor it replaced (predictors.md §12).
std::array<TransitionPair, 5> TransitionPairs();

using BandMatrix = std::array<std::array<uint64_t, kBandSlots>, kBandSlots>;

class CaseloadStats {
 public:
  CaseloadStats(v1::ModelSet model_set, absl::CivilDay as_of);

  // A v1::RecordResult or its flat mirror (schemas/flat/).
  template <typename RecordResult>
  void Add(const RecordResult& result);
  void Merge(const CaseloadStats& other);

  v1::ModelSet model_set() const { return model_set_; }
  absl::CivilDay as_of() const { return as_of_; }

  uint64_t records() const { return records_; }
  uint64_t scored() const { return scored_; }
  uint64_t errors() const { return records_ - scored_; }
  const std::map<v1::ErrorType, uint64_t>& record_errors() const { return record_errors_; }

  // Cases by band of `predictor` (indexed by BandSlot).
  const std::array<uint64_t, kBandSlots>& bands(v1::Predictor predictor) const { return bands_[predictor]; }
  uint64_t dynamic_scores(v1::Predictor predictor) const { return dynamic_[predictor]; }
  uint64_t static_scores(v1::Predictor predictor) const { return static_[predictor]; }
  uint64_t predictor_errors(v1::Predictor predictor) const { return bands_[predictor][0]; }

  // Overall RoSH (index 0 = not rated / no decision, 1..4 LOW..VERY_HIGH).
  const std::array<uint64_t, 5>& rosh() const { return rosh_; }

  uint64_t mandated() const { return mandated_; }
  uint64_t discretionary() const { return discretionary_; }
  uint64_t no_decision() const { return no_decision_; }
  uint64_t mandated_by_rosh() const { return mandated_by_rosh_; }
  uint64_t mandated_by_mappa() const { return mandated_by_mappa_; }
  uint64_t mandated_all_community() const { return mandated_all_community_; }
  uint64_t brought_forward_by_events() const { return by_events_; }
  uint64_t practitioner_accepted() const { return practitioner_accepted_; }
  uint64_t practitioner_rejected() const { return practitioner_rejected_; }
  uint64_t overdue() const { return overdue_; }
  uint64_t out_of_date() const { return out_of_date_; }
  // [bucket] for mandated (0) and discretionary (1) cases; bucket b is week
  // b - kWeeksBack.
  const std::array<std::array<uint64_t, kWeekBuckets>, 2>& due_by_week() const { return due_by_week_; }

  // Index: v1::TierLevel.
  const std::array<uint64_t, 10>& tiers() const { return tiers_; }
  uint64_t provisional_tiers() const { return provisional_; }

  // [pair][legacy slot][v4 slot]
  const BandMatrix& transitions(size_t pair) const { return transitions_[pair]; }

 private:
  v1::ModelSet model_set_;
  absl::CivilDay as_of_;
  uint64_t records_ = 0;
  uint64_t scored_ = 0;
  std::map<v1::ErrorType, uint64_t> record_errors_;
  std::array<std::array<uint64_t, kBandSlots>, kPredictorSlots> bands_{};
  std::array<uint64_t, kPredictorSlots> dynamic_{};
  std::array<uint64_t, kPredictorSlots> static_{};
  std::array<uint64_t, 5> rosh_{};
  uint64_t mandated_ = 0, discretionary_ = 0, no_decision_ = 0;
  uint64_t mandated_by_rosh_ = 0, mandated_by_mappa_ = 0, mandated_all_community_ = 0;
  uint64_t by_events_ = 0, practitioner_accepted_ = 0, practitioner_rejected_ = 0;
  uint64_t overdue_ = 0, out_of_date_ = 0;
  std::array<std::array<uint64_t, kWeekBuckets>, 2> due_by_week_{};
  std::array<uint64_t, 10> tiers_{};
  uint64_t provisional_ = 0;
  std::array<BandMatrix, 5> transitions_{};
};

// The PredictorResult of `predictor` in `scores`, or nullptr when absent.
// (A v1::ScoreSet or its flat mirror.)
template <typename ScoreSet>
auto FindPredictor(const ScoreSet& scores, v1::Predictor predictor) -> decltype(&scores.arp());

}  // namespace assay::report

#endif  // ASSAY_ENGINE_REPORT_CASELOAD_STATS_H_
