#include "scoring/features.h"

#include <cmath>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

v1::Assessment Base() {
  v1::Assessment a;
  *a.mutable_assessment_date() = D(2025, 10, 3);
  *a.mutable_date_of_birth() = D(1990, 3, 15);
  *a.mutable_date_of_current_conviction() = D(2020, 6, 1);
  *a.mutable_date_at_start_of_followup() = D(2023, 1, 31);
  a.set_gender(v1::FEMALE);
  a.set_total_sanctions(5);
  a.set_violent_sanctions(2);
  a.set_age_at_first_sanction(18);
  return a;
}

TEST(FeaturesTest, DerivesTheActuarialFeatures) {
  v1::Assessment a = Base();
  v1::OasysAnswers* x = a.mutable_answers();
  x->set_unemployed(true);
  x->set_relationship_status(v1::IN_RELATIONSHIP_LIVING_TOGETHER);
  x->set_partner_relationship(v1::SIGNIFICANT_PROBLEMS);
  x->set_drug_misuse_motivation(v1::PARTIAL_MOTIVATION);
  x->set_ketamine(true);
  a.mutable_previous_convictions()->add_types(v1::ARSON);
  a.mutable_previous_convictions()->add_types(v1::ARSON);
  a.mutable_previous_convictions()->add_types(v1::HOMICIDE);
  ReoffendingFeatures f;
  ASSERT_TRUE(DeriveReoffendingFeatures(a, OffenceCategory::kCriminalDamage, &f));
  EXPECT_EQ(f.female, 1);
  EXPECT_EQ(f.age_at_followup, 32);
  EXPECT_EQ(f.age_at_conviction, 30);
  EXPECT_EQ(f.years_since_first, 12);
  EXPECT_EQ(f.offence_free_months, 32);  // 2023-01-31 -> 2025-10-03
  EXPECT_EQ(f.total_sanctions, 5);
  EXPECT_EQ(f.violent_sanctions, 2);
  EXPECT_EQ(f.category, OffenceCategory::kCriminalDamage);
  EXPECT_EQ(f.unemployed, 2);  // OASys 0/2 coding
  EXPECT_EQ(f.living_with_partner, 1);
  EXPECT_EQ(f.partner_relationship, 2);
  EXPECT_EQ(f.drug_motivation, 1);
  EXPECT_EQ(f.drugs, kDrugKetamine);
  EXPECT_NE(f.drugs & kOtherDrugsGroup, 0);
  EXPECT_EQ(f.previous_convictions, (1u << (v1::ARSON - 1)) | (1u << (v1::HOMICIDE - 1)));
  EXPECT_EQ(f.age_powers[3], 32.0 * 32 * 32 * 32);
  EXPECT_EQ(f.ofm_powers[1], 32.0 * 32);
  EXPECT_DOUBLE_EQ(f.copas_general_rate, std::log(5.0 / 38));
  EXPECT_DOUBLE_EQ(f.copas_violent_general_rate, std::log(5.0 / 24));
  EXPECT_DOUBLE_EQ(f.violent_rate, std::log(2.0 / 42));
  EXPECT_NE(f.answered & kAnsweredUnemployed, 0u);
  EXPECT_NE(f.answered & kAnsweredPreviousConvictions, 0u);
  EXPECT_EQ(f.answered & kAnsweredImpulsivity, 0u);
  EXPECT_EQ(f.impulsivity, 0);
}

TEST(FeaturesTest, NoViolenceGivesAZeroViolentRate) {
  v1::Assessment a = Base();
  a.set_violent_sanctions(0);
  ReoffendingFeatures f;
  ASSERT_TRUE(DeriveReoffendingFeatures(a, OffenceCategory::kOtherOffences, &f));
  EXPECT_EQ(f.violent_rate, 0.0);
}

TEST(FeaturesTest, RefusesWhatValidationWouldReject) {
  const auto refuses = [](void (*mutate)(v1::Assessment*)) {
    v1::Assessment a = Base();
    mutate(&a);
    ReoffendingFeatures f;
    return !DeriveReoffendingFeatures(a, OffenceCategory::kOtherOffences, &f);
  };
  EXPECT_TRUE(refuses([](v1::Assessment* a) { a->clear_date_of_birth(); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { *a->mutable_date_of_birth() = D(1990, 2, 30); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { *a->mutable_date_of_current_conviction() = D(1990, 3, 15); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { *a->mutable_date_at_start_of_followup() = D(1980, 1, 1); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { a->set_total_sanctions(0); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { a->set_age_at_first_sanction(31); }));
  EXPECT_TRUE(refuses([](v1::Assessment* a) { a->set_gender(v1::GENDER_UNSPECIFIED); }));
  EXPECT_FALSE(refuses([](v1::Assessment*) {}));
}

TEST(FeaturesTest, AnswerScores) {
  EXPECT_EQ(ProblemScore(v1::NO_PROBLEMS), 0);
  EXPECT_EQ(ProblemScore(v1::SIGNIFICANT_PROBLEMS), 2);
  EXPECT_EQ(ProblemScore(v1::PROBLEM_LEVEL_UNSPECIFIED), -1);
  EXPECT_EQ(ProblemScore(static_cast<v1::ProblemLevel>(4)), -1);
  EXPECT_EQ(MotivationScore(v1::NO_MOTIVATION), 2);
  EXPECT_EQ(MotivationScore(v1::MOTIVATION_LEVEL_UNSPECIFIED), -1);
}

}  // namespace
}  // namespace assay::scoring
