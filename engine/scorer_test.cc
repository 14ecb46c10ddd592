#include "engine/scorer.h"

#include "gtest/gtest.h"

namespace assay {
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

TEST(ScoreAssessmentTest, FillsTheV4ReoffendingPredictorsAndOgrs3) {
  absl::StatusOr<v1::ScoreSet> set = ScoreAssessment(StaticCase());
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->assessment_id(), "A-17");
  EXPECT_EQ(set->model_set(), v1::V4);
  EXPECT_EQ(set->offence_table_version(), "builtin:reference-stub-016919c");
  for (const v1::PredictorResult* r : {&set->arp(), &set->vrp(), &set->svrp()}) {
    EXPECT_EQ(r->status(), v1::RESULT_SCORED) << r->DebugString();
    // No needs answers: the static model, with the reason.
    EXPECT_EQ(r->type(), v1::STATIC);
    ASSERT_FALSE(r->errors().empty());
    EXPECT_EQ(r->errors(0).type(), v1::MISSING_DYNAMIC_INPUT);
    EXPECT_FALSE(r->explanation().empty());
  }
  EXPECT_EQ(set->arp().predictor(), v1::ARP);
  EXPECT_EQ(set->ogrs3().status(), v1::RESULT_SCORED);
  EXPECT_EQ(set->ogrs3().percentage(), 17);
}

TEST(ScoreAssessmentTest, RecordProblemsAreResultsNotStatuses) {
  v1::Assessment a;  // nothing answered
  absl::StatusOr<v1::ScoreSet> set = ScoreAssessment(a);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->arp().status(), v1::RESULT_ERROR);
  EXPECT_EQ(set->arp().errors(0).type(), v1::MISSING_MANDATORY_INPUT);
  EXPECT_EQ(set->ogrs3().status(), v1::RESULT_ERROR);
}

TEST(ScoreAssessmentTest, ExplainOffAndModelSets) {
  ScoreOptions options;
  options.explain = false;
  absl::StatusOr<v1::ScoreSet> quiet = ScoreAssessment(StaticCase(), options);
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->arp().explanation().empty());
  EXPECT_TRUE(quiet->ogrs3().explanation().empty());

  options.model_set = v1::LEGACY;
  absl::StatusOr<v1::ScoreSet> legacy = ScoreAssessment(StaticCase(), options);
  ASSERT_TRUE(legacy.ok());
  EXPECT_FALSE(legacy->has_arp());
  EXPECT_TRUE(legacy->has_ogrs3());

  options.model_set = v1::MODEL_SET_UNSPECIFIED;
  EXPECT_EQ(ScoreAssessment(StaticCase(), options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.model_set = static_cast<v1::ModelSet>(42);
  EXPECT_FALSE(ScoreAssessment(StaticCase(), options).ok());
}

TEST(ScoreAssessmentTest, UsesACallerOffenceTable) {
  absl::StatusOr<scoring::OffenceTable> table = scoring::OffenceTable::ParseCsv(
      "offence_code,actuarial_category,opd_violence_sex,is_violent_sanction,"
      "ogrs3_offence_parameter\n11618,THEFT_NON_MOTOR,false,false,0.6612\n",
      "test:2027-01");
  ASSERT_TRUE(table.ok());
  ScoreOptions options;
  options.offence_table = &*table;
  absl::StatusOr<v1::ScoreSet> set = ScoreAssessment(StaticCase(), options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->offence_table_version(), "test:2027-01");
  absl::StatusOr<v1::ScoreSet> builtin = ScoreAssessment(StaticCase());
  ASSERT_TRUE(builtin.ok());
  EXPECT_NE(set->arp().percentage(), builtin->arp().percentage());
  EXPECT_NE(set->ogrs3().percentage(), builtin->ogrs3().percentage());
}

TEST(ScoreAssessmentTest, RefusesAnUnspecifiedModelSet) {
  ScoreOptions options{.model_set = v1::MODEL_SET_UNSPECIFIED};
  EXPECT_EQ(ScoreAssessment(StaticCase(), options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace assay
