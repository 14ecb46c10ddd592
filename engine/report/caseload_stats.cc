#include "engine/report/caseload_stats.h"

#include <algorithm>

#include "scoring/dates.h"
#include "schemas/flat/assay.flat.h"

namespace assay::report {

int BandSlot(v1::RiskBand band) {
  switch (band) {
    case v1::LOW:
    case v1::MEDIUM:
    case v1::HIGH:
    case v1::VERY_HIGH:
      return static_cast<int>(band);
    case v1::NOT_APPLICABLE:
      return 5;
    default:
      return 0;
  }
}

std::array<TransitionPair, 5> TransitionPairs() {
  return {{
      {v1::OGRS3, v1::ARP, "OGRS3 to ARP (any reoffending)"},
      {v1::OVP, v1::VRP, "OVP to VRP (violent reoffending)"},
      {v1::RSR, v1::CSRP, "RSR to CSRP (serious reoffending)"},
      {v1::OSP_DC, v1::DC_SRP, "OSP/DC to DC-SRP (direct contact sexual)"},
      {v1::OSP_IIC, v1::IIC_SRP, "OSP/IIC to IIC-SRP (images and indirect contact sexual)"},
  }};
}

template <typename ScoreSet>
auto FindPredictor(const ScoreSet& s, v1::Predictor predictor) -> decltype(&s.arp()) {
  switch (predictor) {
    case v1::ARP:
      return s.has_arp() ? &s.arp() : nullptr;
    case v1::VRP:
      return s.has_vrp() ? &s.vrp() : nullptr;
    case v1::SVRP:
      return s.has_svrp() ? &s.svrp() : nullptr;
    case v1::DC_SRP:
      return s.has_dc_srp() ? &s.dc_srp() : nullptr;
    case v1::IIC_SRP:
      return s.has_iic_srp() ? &s.iic_srp() : nullptr;
    case v1::CSRP:
      return s.has_csrp() ? &s.csrp() : nullptr;
    case v1::OGRS3:
      return s.has_ogrs3() ? &s.ogrs3() : nullptr;
    case v1::OGP:
      return s.has_ogp() ? &s.ogp() : nullptr;
    case v1::OVP:
      return s.has_ovp() ? &s.ovp() : nullptr;
    case v1::OSP_DC:
      return s.has_osp_dc() ? &s.osp_dc() : nullptr;
    case v1::OSP_IIC:
      return s.has_osp_iic() ? &s.osp_iic() : nullptr;
    case v1::SNSV:
      return s.has_snsv() ? &s.snsv() : nullptr;
    case v1::RSR:
      return s.has_rsr() ? &s.rsr() : nullptr;
    default:
      return nullptr;
  }
}

CaseloadStats::CaseloadStats(v1::ModelSet model_set, absl::CivilDay as_of) : model_set_(model_set), as_of_(as_of) {}

namespace {

template <typename PredictorResult>
int SlotOf(const PredictorResult* r) {
  if (r == nullptr) return 0;
  if (r->status() == v1::RESULT_NOT_APPLICABLE) return 5;
  if (r->status() != v1::RESULT_SCORED) return 0;
  return BandSlot(r->band());
}

}  // namespace

template <typename RecordResult>
void CaseloadStats::Add(const RecordResult& result) {
  ++records_;
  if (result.has_error()) {
    ++record_errors_[result.error().type()];
    return;
  }
  ++scored_;
  const auto& s = result.scores();
  for (int p = 1; p < kPredictorSlots; ++p) {
    if (!v1::Predictor_IsValid(p)) continue;
    const auto* r = FindPredictor(s, static_cast<v1::Predictor>(p));
    if (r == nullptr) continue;
    ++bands_[p][SlotOf(r)];
    if (r->status() == v1::RESULT_SCORED) {
      if (r->type() == v1::DYNAMIC) ++dynamic_[p];
      if (r->type() == v1::STATIC) ++static_[p];
    }
  }
  if (model_set_ == v1::BOTH) {
    const auto pairs = TransitionPairs();
    for (size_t i = 0; i < pairs.size(); ++i) {
      ++transitions_[i][SlotOf(FindPredictor(s, pairs[i].from))][SlotOf(FindPredictor(s, pairs[i].to))];
    }
  }

  const auto& d = result.review();
  const int rosh = BandSlot(d.basis().overall_rosh());
  ++rosh_[rosh >= 1 && rosh <= 4 ? rosh : 0];
  if (!result.has_review() || d.mode() == v1::REVIEW_MODE_UNSPECIFIED) {
    ++no_decision_;
  } else {
    const bool mandated = d.mode() == v1::MANDATED;
    if (mandated) {
      ++mandated_;
      if (d.basis().rosh_mandated()) ++mandated_by_rosh_;
      if (d.basis().mappa_level() > 0) ++mandated_by_mappa_;
      if (d.basis().all_community_cases_mandated()) ++mandated_all_community_;
    } else {
      ++discretionary_;
    }
    for (const auto& event : d.basis().events()) {
      if (event.sets_proposed_due()) {
        ++by_events_;
        break;
      }
    }
    if (d.has_practitioner()) ++(d.practitioner().accepted() ? practitioner_accepted_ : practitioner_rejected_);
    if (d.overdue()) ++overdue_;
    if (d.assessment_out_of_date()) ++out_of_date_;
    if (const auto due = scoring::ToCivilDay(d.effective_due())) {
      const long days = *due - as_of_;
      long week = days >= 0 ? days / 7 : -((-days + 6) / 7);
      week = std::clamp<long>(week, -kWeeksBack, kWeeksAhead - 1);
      ++due_by_week_[mandated ? 0 : 1][static_cast<size_t>(week + kWeeksBack)];
    }
  }
  if (result.has_tier()) {
    const int level = result.tier().level();
    if (level >= 0 && level < static_cast<int>(tiers_.size())) ++tiers_[level];
    if (result.tier().provisional()) ++provisional_;
  }
}

// The scalar reference's messages and the pipeline's flat results.
template void CaseloadStats::Add(const v1::RecordResult&);
template void CaseloadStats::Add(const flat::RecordResult&);
template const v1::PredictorResult* FindPredictor(const v1::ScoreSet&, v1::Predictor);
template const flat::PredictorResult* FindPredictor(const flat::ScoreSet&, v1::Predictor);

void CaseloadStats::Merge(const CaseloadStats& o) {
  records_ += o.records_;
  scored_ += o.scored_;
  for (const auto& [type, n] : o.record_errors_) record_errors_[type] += n;
  for (int p = 0; p < kPredictorSlots; ++p) {
    for (int b = 0; b < kBandSlots; ++b) bands_[p][b] += o.bands_[p][b];
    dynamic_[p] += o.dynamic_[p];
    static_[p] += o.static_[p];
  }
  for (size_t i = 0; i < rosh_.size(); ++i) rosh_[i] += o.rosh_[i];
  mandated_ += o.mandated_;
  discretionary_ += o.discretionary_;
  no_decision_ += o.no_decision_;
  mandated_by_rosh_ += o.mandated_by_rosh_;
  mandated_by_mappa_ += o.mandated_by_mappa_;
  mandated_all_community_ += o.mandated_all_community_;
  by_events_ += o.by_events_;
  practitioner_accepted_ += o.practitioner_accepted_;
  practitioner_rejected_ += o.practitioner_rejected_;
  overdue_ += o.overdue_;
  out_of_date_ += o.out_of_date_;
  for (int m = 0; m < 2; ++m) {
    for (int w = 0; w < kWeekBuckets; ++w) due_by_week_[m][w] += o.due_by_week_[m][w];
  }
  for (size_t t = 0; t < tiers_.size(); ++t) tiers_[t] += o.tiers_[t];
  provisional_ += o.provisional_;
  for (size_t i = 0; i < transitions_.size(); ++i) {
    for (int a = 0; a < kBandSlots; ++a) {
      for (int b = 0; b < kBandSlots; ++b) transitions_[i][a][b] += o.transitions_[i][a][b];
    }
  }
}

}  // namespace assay::report
