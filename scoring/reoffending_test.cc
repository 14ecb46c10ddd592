// Worked examples (predictors.md §15 A and B), the precise rounding path,
// date edge cases through the predictors and the validation catalogue.
#include "scoring/reoffending.h"

#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::scoring {
namespace {

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

double Term(const v1::PredictorResult& r, std::string_view name) {
  for (const v1::Term& t : r.explanation()) {
    if (t.name() == name) return t.value();
  }
  ADD_FAILURE() << "no term " << name;
  return NAN;
}

[[maybe_unused]] std::vector<v1::ErrorType> Types(const v1::PredictorResult& r) {
  std::vector<v1::ErrorType> types;
  for (const v1::ValidationError& e : r.errors()) types.push_back(e.type());
  return types;
}

// §15 A: the reference's end-to-end happy-path fixture.
v1::Assessment ExampleA() {
  v1::Assessment a;
  a.set_assessment_id("example-a");
  *a.mutable_assessment_date() = D(2025, 1, 1);
  *a.mutable_date_of_birth() = D(1980, 1, 1);
  *a.mutable_date_of_current_conviction() = D(2020, 1, 1);
  *a.mutable_date_at_start_of_followup() = D(2040, 1, 1);
  a.set_gender(v1::MALE);
  a.set_current_offence_code("02700");
  a.set_total_sanctions(21);
  a.set_violent_sanctions(1);
  a.set_age_at_first_sanction(40);
  v1::OasysAnswers* x = a.mutable_answers();
  x->set_weapon_involved(false);
  x->set_accommodation_suitability(v1::NO_PROBLEMS);
  x->set_unemployed(false);
  x->set_partner_relationship(v1::NO_PROBLEMS);
  x->set_domestic_abuse_evidence(true);
  x->set_relationship_status(v1::NOT_IN_RELATIONSHIP);
  x->set_regular_offending_activities(v1::SOME_PROBLEMS);
  x->set_drug_misuse_motivation(v1::FULL_MOTIVATION);
  x->set_current_alcohol_use(v1::NO_PROBLEMS);
  x->set_excessive_alcohol_use(v1::NO_PROBLEMS);
  x->set_impulsivity(v1::NO_PROBLEMS);
  x->set_temper_control(v1::NO_PROBLEMS);
  x->set_pro_criminal_attitudes(v1::NO_PROBLEMS);
  a.mutable_previous_convictions()->add_types(v1::WOUNDING_GBH);
  return a;
}

const OffenceTable& Table() { return OffenceTable::BuiltIn(); }

TEST(WorkedExampleA, ArpDynamic) {
  const v1::PredictorResult r = ScoreArp(ExampleA(), Table());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.type(), v1::DYNAMIC);
  EXPECT_EQ(r.percentage(), 62.62);
  EXPECT_EQ(r.band(), v1::MEDIUM);
  EXPECT_EQ(r.model_version(), "1.0");
  EXPECT_EQ(r.thresholds_version(), "1.0");
  EXPECT_NEAR(Term(r, "totalWeight"), 0.51609988669997, 1e-13);
  EXPECT_NEAR(Term(r, "ageGenderPolynomialWeight"), -3.28173525216702, 1e-13);
  EXPECT_NEAR(Term(r, "copasScore"), -0.265986301599206, 1e-14);
  EXPECT_NEAR(Term(r, "copasScoreSquared"), 0.003657752176394, 1e-15);
  EXPECT_NEAR(Term(r, "offenceGroupWeight"), 0.0971157179525287, 1e-16);
  EXPECT_NEAR(Term(r, "totalNumberOfSanctionsForAllOffencesWeight"), -0.063552038858291, 1e-15);
  EXPECT_NEAR(Term(r, "domesticViolenceWeight"), 0.0635669196833949, 1e-16);
  EXPECT_NEAR(Term(r, "regularOffendingActivitiesWeight"), 0.126491602592029, 1e-15);
  // m = 0: the assessment precedes the follow-up date.
  EXPECT_EQ(Term(r, "offenceFreeMonthsWeight"), 0.0);
  ASSERT_EQ(r.explanation_size(), kArpTermCount + 1);
  EXPECT_EQ(r.explanation(0).name(), "twoYearInterceptWeight");
  EXPECT_EQ(r.explanation(r.explanation_size() - 1).name(), "totalWeight");
  EXPECT_TRUE(r.errors().empty());
}

TEST(WorkedExampleA, VrpDynamic) {
  const v1::PredictorResult r = ScoreVrp(ExampleA(), Table());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.type(), v1::DYNAMIC);
  EXPECT_EQ(r.percentage(), 25.43);
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_NEAR(Term(r, "totalWeight"), -1.075980825095911, 1e-13);
  EXPECT_NEAR(Term(r, "copasScore"), 0.335352892593047, 1e-14);
  EXPECT_NEAR(Term(r, "copasViolentOffencesScore"), -1.418428887379504, 1e-14);
  ASSERT_EQ(r.explanation_size(), kVrpTermCount + 1);
}

TEST(WorkedExampleA, SvrpDynamic) {
  const v1::PredictorResult r = ScoreSvrp(ExampleA(), Table());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.type(), v1::DYNAMIC);
  EXPECT_EQ(r.percentage(), 1.08);
  EXPECT_EQ(r.band(), v1::MEDIUM);
  EXPECT_NEAR(Term(r, "totalWeight"), -4.518781730270716, 1e-13);
  EXPECT_EQ(Term(r, "pastWoundingGrievousBodilyHarmOffenceWeight"), 0.399845826788494);
  EXPECT_EQ(Term(r, "pastHomicideOffenceWeight"), 0.0);
  ASSERT_EQ(r.explanation_size(), kSvrpTermCount + 1);
}

}  // namespace
}  // namespace assay::scoring
