// The score set's two halves (scoring/score_set.h) for protobuf messages:
// together they are the whole reference score set for every model set, and
// the completion reads the reoffending results it is given.
#include "scoring/score_set.h"

#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "scoring/offence_table.h"

namespace assay::scoring {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

v1::Assessment StaticCase() {
  v1::Assessment a;
  a.set_assessment_id("A-17");
  *a.mutable_assessment_date() = D(2025, 10, 3);
  *a.mutable_date_of_birth() = D(1991, 7, 17);
  *a.mutable_date_of_current_conviction() = D(2021, 8, 5);
  *a.mutable_date_at_start_of_followup() = D(2021, 12, 12);
  a.set_gender(v1::MALE);
  a.set_current_offence_code("11618");
  a.set_total_sanctions(2);
  a.set_violent_sanctions(0);
  a.set_age_at_first_sanction(21);
  return a;
}

const OffenceTable& Table() { return OffenceTable::BuiltIn(); }

TEST(ScoreSetTest, TheHalvesHoldTheirPredictors) {
  v1::Assessment a = StaticCase();
  a.set_has_ever_committed_sexual_offence(false);
  for (v1::ModelSet set : {v1::V4, v1::LEGACY, v1::BOTH}) {
    for (bool explain : {false, true}) {
      v1::ScoreSet scores;
      ScoreReoffendingPredictors(a, Table(), set, explain, &scores);
      EXPECT_EQ(scores.has_arp(), set != v1::LEGACY);
      EXPECT_TRUE(scores.has_ogrs3());
      EXPECT_FALSE(scores.has_csrp());
      EXPECT_FALSE(scores.has_ogp());
      EXPECT_EQ(scores.ogrs3().explanation_size() > 0, explain);
      CompleteScoreSet(a, Table(), set, explain, &scores);
      EXPECT_EQ(scores.has_csrp(), set != v1::LEGACY) << set << explain;
      EXPECT_EQ(scores.has_pni(), set != v1::LEGACY);
      EXPECT_EQ(scores.has_rsr(), set != v1::V4);
      EXPECT_EQ(scores.model_set(), set);
      EXPECT_EQ(scores.assessment_id(), "A-17");
      EXPECT_EQ(scores.offence_table_version(), Table().version());
    }
  }
}

TEST(ScoreSetTest, DependentPredictorsUseTheSuppliedResults) {
  // OGP is computed over the OGRS3 result it is given, not a fresh one.
  v1::ScoreSet scores;
  ScoreReoffendingPredictors(StaticCase(), Table(), v1::LEGACY, false, &scores);
  CompleteScoreSet(StaticCase(), Table(), v1::LEGACY, false, &scores);
  const v1::PredictorResult scored_ogp = scores.ogp();
  ScoreReoffendingPredictors(StaticCase(), Table(), v1::LEGACY, false, &scores);
  scores.mutable_ogrs3()->Clear();
  scores.mutable_ogrs3()->set_status(v1::RESULT_ERROR);
  CompleteScoreSet(StaticCase(), Table(), v1::LEGACY, false, &scores);
  EXPECT_NE(scores.ogp().SerializeAsString(), scored_ogp.SerializeAsString());
}

}  // namespace
}  // namespace assay::scoring
