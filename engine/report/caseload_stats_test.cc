#include "engine/report/caseload_stats.h"

#include <vector>

#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::report {
namespace {

constexpr absl::CivilDay kAsOf(2025, 10, 6);

v1::RecordResult Result(int i, v1::RiskBand arp, v1::RiskBand rsr, v1::RiskBand rosh, bool mandated, int due_in_days) {
  v1::RecordResult r;
  r.set_index(i);
  v1::ScoreSet* s = r.mutable_scores();
  s->mutable_arp()->set_status(v1::RESULT_SCORED);
  s->mutable_arp()->set_type(i % 2 ? v1::DYNAMIC : v1::STATIC);
  s->mutable_arp()->set_band(arp);
  s->mutable_ogrs3()->set_status(v1::RESULT_SCORED);
  s->mutable_ogrs3()->set_band(rsr);
  s->mutable_csrp()->set_status(v1::RESULT_ERROR);
  s->mutable_dc_srp()->set_status(v1::RESULT_NOT_APPLICABLE);
  s->mutable_dc_srp()->set_band(v1::NOT_APPLICABLE);
  v1::ReviewDecision* d = r.mutable_review();
  d->set_mode(mandated ? v1::MANDATED : v1::DISCRETIONARY);
  d->mutable_basis()->set_overall_rosh(rosh);
  d->mutable_basis()->set_rosh_mandated(mandated);
  *d->mutable_effective_due() = scoring::ToProtoDate(kAsOf + due_in_days);
  d->set_overdue(due_in_days < 0);
  r.mutable_tier()->set_level(v1::TIER_C);
  return r;
}

std::vector<v1::RecordResult> Caseload() {
  std::vector<v1::RecordResult> all;
  all.push_back(Result(0, v1::LOW, v1::LOW, v1::LOW, false, 0));
  all.push_back(Result(1, v1::HIGH, v1::MEDIUM, v1::HIGH, true, -1));
  all.push_back(Result(2, v1::MEDIUM, v1::HIGH, v1::MEDIUM, false, 6));
  all.push_back(Result(3, v1::VERY_HIGH, v1::VERY_HIGH, v1::VERY_HIGH, true, -8));
  all.push_back(Result(4, v1::LOW, v1::LOW, v1::MEDIUM, false, 7));
  all.push_back(Result(5, v1::LOW, v1::LOW, v1::MEDIUM, false, 10000));  // far ahead
  all.push_back(Result(6, v1::LOW, v1::LOW, v1::MEDIUM, false, -10000));  // long overdue
  v1::RecordResult error;
  error.set_index(7);
  error.mutable_error()->set_type(v1::MALFORMED_RECORD);
  all.push_back(error);
  return all;
}

TEST(CaseloadStatsTest, CountsAddUp) {
  CaseloadStats stats(v1::BOTH, kAsOf);
  for (const auto& r : Caseload()) stats.Add(r);
  EXPECT_EQ(stats.records(), 8u);
  EXPECT_EQ(stats.scored(), 7u);
  EXPECT_EQ(stats.errors(), 1u);
  EXPECT_EQ(stats.record_errors().at(v1::MALFORMED_RECORD), 1u);
  EXPECT_EQ(stats.bands(v1::ARP)[BandSlot(v1::LOW)], 4u);
  EXPECT_EQ(stats.bands(v1::ARP)[BandSlot(v1::VERY_HIGH)], 1u);
  EXPECT_EQ(stats.predictor_errors(v1::CSRP), 7u);
  EXPECT_EQ(stats.bands(v1::DC_SRP)[5], 7u);
  EXPECT_EQ(stats.dynamic_scores(v1::ARP) + stats.static_scores(v1::ARP), 7u);
  EXPECT_EQ(stats.mandated(), 2u);
  EXPECT_EQ(stats.discretionary(), 5u);
  EXPECT_EQ(stats.overdue(), 3u);
  EXPECT_EQ(stats.rosh()[BandSlot(v1::MEDIUM)], 4u);
  EXPECT_EQ(stats.tiers()[v1::TIER_C], 7u);
}

TEST(CaseloadStatsTest, WeeksAreCountedFromTheAsOfDate) {
  CaseloadStats stats(v1::V4, kAsOf);
  for (const auto& r : Caseload()) stats.Add(r);
  const auto& weeks = stats.due_by_week();
  // Discretionary: due today and in 6 days -> week 0; in 7 days -> week 1.
  EXPECT_EQ(weeks[1][kWeeksBack + 0], 2u);
  EXPECT_EQ(weeks[1][kWeeksBack + 1], 1u);
  // Mandated: 1 day overdue -> week -1; 8 days overdue -> week -2.
  EXPECT_EQ(weeks[0][kWeeksBack - 1], 1u);
  EXPECT_EQ(weeks[0][kWeeksBack - 2], 1u);
  // Far dates go to the end buckets.
  EXPECT_EQ(weeks[1][kWeekBuckets - 1], 1u);
  EXPECT_EQ(weeks[1][0], 1u);
}

TEST(CaseloadStatsTest, TransitionsOnlyWithBothModelSets) {
  CaseloadStats both(v1::BOTH, kAsOf);
  CaseloadStats v4(v1::V4, kAsOf);
  for (const auto& r : Caseload()) {
    both.Add(r);
    v4.Add(r);
  }
  // Pair 0 is OGRS3 -> ARP.
  const BandMatrix& m = both.transitions(0);
  EXPECT_EQ(m[BandSlot(v1::LOW)][BandSlot(v1::LOW)], 4u);
  EXPECT_EQ(m[BandSlot(v1::MEDIUM)][BandSlot(v1::HIGH)], 1u);
  EXPECT_EQ(m[BandSlot(v1::HIGH)][BandSlot(v1::MEDIUM)], 1u);
  EXPECT_EQ(v4.transitions(0)[1][1], 0u);
}

TEST(CaseloadStatsTest, MergeEqualsOnePass) {
  const auto all = Caseload();
  CaseloadStats whole(v1::BOTH, kAsOf), left(v1::BOTH, kAsOf), right(v1::BOTH, kAsOf);
  for (size_t i = 0; i < all.size(); ++i) {
    whole.Add(all[i]);
    (i < 3 ? left : right).Add(all[i]);
  }
  left.Merge(right);
  EXPECT_EQ(left.records(), whole.records());
  EXPECT_EQ(left.bands(v1::ARP), whole.bands(v1::ARP));
  EXPECT_EQ(left.due_by_week(), whole.due_by_week());
  EXPECT_EQ(left.transitions(0), whole.transitions(0));
  EXPECT_EQ(left.rosh(), whole.rosh());
  EXPECT_EQ(left.overdue(), whole.overdue());
  EXPECT_EQ(left.record_errors(), whole.record_errors());
}

}  // namespace
}  // namespace assay::report
