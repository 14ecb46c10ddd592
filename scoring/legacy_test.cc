#include "scoring/legacy.h"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "scoring/errors.h"
#include "scoring/offence_table.h"

namespace assay::scoring {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::vector<v1::ErrorType> Types(const v1::PredictorResult& r) {
  std::vector<v1::ErrorType> types;
  for (const auto& e : r.errors()) types.push_back(e.type());
  return types;
}
std::vector<std::string> Fields(const v1::ValidationError& e) {
  return {e.fields().begin(), e.fields().end()};
}
double Term(const v1::PredictorResult& r, const std::string& name) {
  for (const auto& t : r.explanation()) {
    if (t.name() == name) return t.value();
  }
  ADD_FAILURE() << "no term " << name;
  return NAN;
}

// ====================================================================== OGP

v1::PredictorResult Ogrs3(int two_year) {
  v1::PredictorResult r;
  r.set_predictor(v1::OGRS3);
  r.set_status(v1::RESULT_SCORED);
  r.set_percentage(two_year);
  return r;
}

// §15 example D: OGRS3 17 % two-year; unemployed, 7.2 SOME, drug misuse
// SIGNIFICANT + FULL motivation, problem solving SOME, awareness SOMETIMES,
// understands NO_PROBLEMS, pro-criminal SOME: 10 + 0 + 5 + 3 + 8 + 2 + 3 = 31
// points -> 15 % / 24 %, LOW.
v1::Assessment ExampleDOgp() {
  v1::Assessment a;
  v1::OasysAnswers* s = a.mutable_answers();
  s->set_no_fixed_abode(false);
  s->set_unemployed(true);
  s->set_regular_offending_activities(v1::SOME_PROBLEMS);
  s->set_current_drug_misuse(v1::SIGNIFICANT_PROBLEMS);
  s->set_drug_misuse_motivation(v1::FULL_MOTIVATION);
  s->set_problem_solving_skills(v1::SOME_PROBLEMS);
  s->set_awareness_of_consequences(v1::SOMETIMES);
  s->set_understands_other_peoples_views(v1::NO_PROBLEMS);
  s->set_pro_criminal_attitudes(v1::SOME_PROBLEMS);
  return a;
}

TEST(Ogp, WorkedExampleD) {
  const v1::PredictorResult r = ScoreOgp(ExampleDOgp(), Ogrs3(17));
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.predictor(), v1::OGP);
  EXPECT_EQ(r.point_score(), 31);
  EXPECT_EQ(r.one_year_percentage(), 15);
  EXPECT_EQ(r.percentage(), 24);
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_EQ(Term(r, "ogrs3TwoYearWeight"), 10);
  EXPECT_EQ(Term(r, "drugMisuseWeight"), 8);
  EXPECT_EQ(Term(r, "thinkingAndBehaviourWeight"), 2);
  EXPECT_EQ(r.model_version(), "1.0");
}

TEST(Ogp, PointTables) {
  // Drug misuse: round0(3.75 x) -> 0, 4, 8, 11, 15.
  const std::vector<std::pair<std::pair<v1::ProblemLevel, v1::MotivationLevel>, int>> drugs = {
      {{v1::NO_PROBLEMS, v1::FULL_MOTIVATION}, 0},
      {{v1::SOME_PROBLEMS, v1::FULL_MOTIVATION}, 4},
      {{v1::SOME_PROBLEMS, v1::PARTIAL_MOTIVATION}, 8},
      {{v1::SIGNIFICANT_PROBLEMS, v1::PARTIAL_MOTIVATION}, 11},
      {{v1::SIGNIFICANT_PROBLEMS, v1::NO_MOTIVATION}, 15}};
  for (const auto& [answers, points] : drugs) {
    v1::Assessment a = ExampleDOgp();
    a.mutable_answers()->set_current_drug_misuse(answers.first);
    a.mutable_answers()->set_drug_misuse_motivation(answers.second);
    EXPECT_EQ(Term(ScoreOgp(a, Ogrs3(17)), "drugMisuseWeight"), points) << points;
  }
  // Thinking and behaviour: round0(5 x / 6) for x = 0..6 -> 0,1,2,3,3,4,5.
  const std::vector<int> thinking = {0, 1, 2, 3, 3, 4, 5};
  for (int x = 0; x <= 6; ++x) {
    v1::Assessment a = ExampleDOgp();
    const int ps = std::min(x, 2), aw = std::min(std::max(x - 2, 0), 2), un = std::max(x - 4, 0);
    a.mutable_answers()->set_problem_solving_skills(static_cast<v1::ProblemLevel>(ps + 1));
    a.mutable_answers()->set_awareness_of_consequences(static_cast<v1::YesSometimesNo>(aw + 1));
    a.mutable_answers()->set_understands_other_peoples_views(static_cast<v1::ProblemLevel>(un + 1));
    EXPECT_EQ(Term(ScoreOgp(a, Ogrs3(17)), "thinkingAndBehaviourWeight"), thinking[x]) << x;
  }
  // Pro-criminal attitudes and regular offending: 0 / 3 / 5; NFA 5.
  v1::Assessment a = ExampleDOgp();
  a.mutable_answers()->set_pro_criminal_attitudes(v1::SIGNIFICANT_PROBLEMS);
  a.mutable_answers()->set_regular_offending_activities(v1::NO_PROBLEMS);
  a.mutable_answers()->set_no_fixed_abode(true);
  const v1::PredictorResult r = ScoreOgp(a, Ogrs3(17));
  EXPECT_EQ(Term(r, "proCriminalAttitudesWeight"), 5);
  EXPECT_EQ(Term(r, "regularOffendingActivitiesWeight"), 0);
  EXPECT_EQ(Term(r, "noFixedAbodeWeight"), 5);
  EXPECT_EQ(r.point_score(), 31 + 2 - 3 + 5);
}

TEST(Ogp, BandsAndClamp) {
  const std::vector<std::pair<int, v1::RiskBand>> bands = {
      {1, v1::LOW},  {33, v1::LOW},       {34, v1::MEDIUM},    {66, v1::MEDIUM},
      {67, v1::HIGH}, {84, v1::HIGH},     {85, v1::VERY_HIGH}, {99, v1::VERY_HIGH}};
  for (const auto& [p, band] : bands) EXPECT_EQ(OgpBand(p), band) << p;
  EXPECT_EQ(WholePercent(0.004), 1);   // rounds to 0, clamped to 1
  EXPECT_EQ(WholePercent(0.005), 1);
  EXPECT_EQ(WholePercent(0.125), 13);  // 12.5 HALF_UP on the exact value
  EXPECT_EQ(WholePercent(0.996), 99);  // 100 clamped to 99
}

TEST(Ogp, MissingInputs) {
  v1::PredictorResult failed_ogrs3;
  failed_ogrs3.set_status(v1::RESULT_ERROR);
  v1::Assessment a = ExampleDOgp();
  a.mutable_answers()->clear_drug_misuse_motivation();
  const v1::PredictorResult r = ScoreOgp(a, failed_ogrs3);
  EXPECT_EQ(r.status(), v1::RESULT_ERROR);
  EXPECT_EQ(Types(r), std::vector<v1::ErrorType>{v1::MISSING_MANDATORY_INPUT});
  EXPECT_THAT(Fields(r.errors(0)), ElementsAre("ogrs3", "answers.drug_misuse_motivation"));
  EXPECT_FALSE(r.has_point_score());
}

// ====================================================================== OVP

// §15 example E: 82 points -> 80 % / 89 %, VERY_HIGH.
v1::Assessment ExampleE() {
  v1::Assessment a;
  a.set_gender(v1::MALE);
  *a.mutable_date_of_birth() = D(2000, 10, 15);
  *a.mutable_date_at_start_of_followup() = D(2019, 12, 12);
  a.set_total_sanctions(31);
  a.set_violent_sanctions(17);
  v1::OasysAnswers* s = a.mutable_answers();
  s->set_recognises_impact_of_offending(false);
  s->set_no_fixed_abode(true);
  s->set_unemployed(true);
  s->set_current_alcohol_use(v1::SOME_PROBLEMS);
  s->set_excessive_alcohol_use(v1::NO_PROBLEMS);
  s->set_current_psychiatric_treatment(false);
  s->set_temper_control(v1::SIGNIFICANT_PROBLEMS);
  s->set_pro_criminal_attitudes(v1::SOME_PROBLEMS);
  return a;
}

TEST(Ovp, WorkedExampleE) {
  const v1::PredictorResult r = ScoreOvp(ExampleE());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.point_score(), 82);
  EXPECT_EQ(r.one_year_percentage(), 80);
  EXPECT_EQ(r.percentage(), 89);
  EXPECT_EQ(r.band(), v1::VERY_HIGH);
  EXPECT_EQ(Term(r, "ageAtStartOfFollowUpWeight"), 20);
  EXPECT_EQ(Term(r, "violentSanctionsWeight"), 24);
  EXPECT_EQ(Term(r, "nonViolentSanctionsWeight"), 4);
  EXPECT_EQ(Term(r, "alcoholMisuseWeight"), 3);
}

TEST(Ovp, PointTables) {
  struct Case {
    int total, violent;
    int violent_points, non_violent_points;
  };
  const std::vector<Case> sanctions = {
      {1, 0, 0, 0},   {2, 1, 4, 0},   {3, 2, 7, 0},    {6, 3, 9, 2},    {8, 4, 11, 2},
      {10, 5, 12, 3}, {20, 10, 17, 3}, {31, 17, 24, 4}, {38, 18, 25, 4}, {70, 40, 25, 5},
      {21, 0, 0, 5},  {20, 0, 0, 4},  {11, 0, 0, 4},   {10, 0, 0, 3},   {5, 0, 0, 3}};
  for (const Case& c : sanctions) {
    v1::Assessment a = ExampleE();
    a.set_total_sanctions(c.total);
    a.set_violent_sanctions(c.violent);
    const v1::PredictorResult r = ScoreOvp(a);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << c.total << "/" << c.violent;
    EXPECT_EQ(Term(r, "violentSanctionsWeight"), c.violent_points) << c.violent;
    EXPECT_EQ(Term(r, "nonViolentSanctionsWeight"), c.non_violent_points) << c.total;
  }
  const std::vector<std::pair<int, int>> ages = {
      {18, 20}, {19, 20}, {20, 17}, {21, 17}, {22, 14}, {23, 14}, {24, 12}, {25, 12},
      {26, 10}, {30, 10}, {31, 8},  {35, 8},  {36, 6},  {40, 6},  {41, 4},  {45, 4},
      {46, 2},  {50, 2},  {51, 0},  {80, 0}};
  for (const auto& [age, points] : ages) {
    v1::Assessment a = ExampleE();
    *a.mutable_date_at_start_of_followup() = D(2000 + age, 10, 15);
    EXPECT_EQ(Term(ScoreOvp(a), "ageAtStartOfFollowUpWeight"), points) << age;
  }
  // Alcohol: ceil(2.5 x) -> 0, 3, 5, 8, 10; women score no gender points.
  const std::vector<int> alcohol = {0, 3, 5, 8, 10};
  for (int x = 0; x <= 4; ++x) {
    v1::Assessment a = ExampleE();
    a.mutable_answers()->set_current_alcohol_use(static_cast<v1::ProblemLevel>(std::min(x, 2) + 1));
    a.mutable_answers()->set_excessive_alcohol_use(
        static_cast<v1::ProblemLevel>(std::max(x - 2, 0) + 1));
    EXPECT_EQ(Term(ScoreOvp(a), "alcoholMisuseWeight"), alcohol[x]) << x;
  }
  v1::Assessment woman = ExampleE();
  woman.set_gender(v1::FEMALE);
  EXPECT_EQ(ScoreOvp(woman).point_score(), 77);
}

TEST(Ovp, Bands) {
  const std::vector<std::pair<int, v1::RiskBand>> bands = {
      {1, v1::LOW},   {29, v1::LOW},  {30, v1::MEDIUM},    {59, v1::MEDIUM},
      {60, v1::HIGH}, {79, v1::HIGH}, {80, v1::VERY_HIGH}, {99, v1::VERY_HIGH}};
  for (const auto& [p, band] : bands) EXPECT_EQ(OvpBand(p), band) << p;
}

TEST(Ovp, Errors) {
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> edit;
    std::vector<v1::ErrorType> types;
  };
  const std::vector<Case> cases = {
      {"missing answers", [](v1::Assessment& a) { a.mutable_answers()->clear_temper_control(); },
       {v1::MISSING_MANDATORY_INPUT}},
      {"no sanctions", [](v1::Assessment& a) {
         a.set_total_sanctions(0);
         a.set_violent_sanctions(0);
       }, {v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE}},
      {"violent above total", [](v1::Assessment& a) { a.set_violent_sanctions(32); },
       {v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS}},
      {"negative violent", [](v1::Assessment& a) { a.set_violent_sanctions(-1); },
       {v1::VALUE_OUT_OF_RANGE}},
      {"under 18 at follow-up", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(2018, 10, 14);
       }, {v1::AGE_OUT_OF_MODEL_RANGE}},
      {"follow-up before birth", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(1999, 1, 1);
       }, {v1::FOLLOW_UP_DATE_INVALID}},
  };
  for (const Case& c : cases) {
    v1::Assessment a = ExampleE();
    c.edit(a);
    const v1::PredictorResult r = ScoreOvp(a);
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
    EXPECT_EQ(Types(r), c.types) << c.name << r.DebugString();
  }
}

// ====================================================================== OSP

// Example C's sexual history under the old OSP/DC: 28 points, 1.54 %.
v1::Assessment OspCase() {
  v1::Assessment a;
  *a.mutable_assessment_date() = D(2025, 1, 1);
  *a.mutable_date_of_birth() = D(1980, 1, 1);
  *a.mutable_date_at_start_of_followup() = D(2027, 1, 1);
  *a.mutable_date_of_most_recent_sexual_offence() = D(1994, 1, 1);
  a.set_gender(v1::MALE);
  a.set_supervision_status(v1::COMMUNITY);
  a.set_has_ever_committed_sexual_offence(true);
  a.set_current_offence_sexually_motivated(true);
  a.set_total_sanctions(11);
  a.set_contact_adult_sexual_sanctions(1);
  a.set_contact_child_sexual_sanctions(2);
  a.set_non_contact_sexual_offences(3);
  a.set_indecent_image_sanctions(4);
  return a;
}

TEST(OspDc, ScoresLikeDcSrp) {
  const v1::PredictorResult r = ScoreOspDc(OspCase());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.predictor(), v1::OSP_DC);
  EXPECT_EQ(r.point_score(), 28);
  EXPECT_EQ(r.percentage(), 1.54);
  EXPECT_EQ(r.band(), v1::MEDIUM);
  EXPECT_FALSE(r.risk_band_reduction_applied());
}

TEST(OspDc, OldRules) {
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> edit;
    v1::ResultStatus status;
    std::vector<v1::ErrorType> types;
  };
  const std::vector<Case> cases = {
      {"female: not applicable", [](v1::Assessment& a) { a.set_gender(v1::FEMALE); },
       v1::RESULT_NOT_APPLICABLE, {}},
      {"no history and no counts: not applicable", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
         a.clear_indecent_image_sanctions();
         a.clear_contact_adult_sexual_sanctions();
         a.clear_contact_child_sexual_sanctions();
         a.clear_non_contact_sexual_offences();
       }, v1::RESULT_NOT_APPLICABLE, {}},
      {"no history with counts", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
       }, v1::RESULT_ERROR, {v1::SEXUAL_OFFENDING_INCONSISTENT_INPUT}},
      {"counts all zero", [](v1::Assessment& a) {
         a.set_indecent_image_sanctions(0);
         a.set_contact_adult_sexual_sanctions(0);
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);
       }, v1::RESULT_ERROR, {v1::SEXUAL_OFFENDING_MISSING_COUNTS}},
      {"a count missing", [](v1::Assessment& a) { a.clear_contact_child_sexual_sanctions(); },
       v1::RESULT_ERROR, {v1::SEXUAL_OFFENDING_MISSING_COUNTS}},
      {"sexual motivation missing", [](v1::Assessment& a) {
         a.clear_current_offence_sexually_motivated();
       }, v1::RESULT_ERROR, {v1::MISSING_MANDATORY_INPUT}},
      {"negative count", [](v1::Assessment& a) { a.set_non_contact_sexual_offences(-1); },
       v1::RESULT_ERROR, {v1::VALUE_OUT_OF_RANGE}},
      {"no sanctions", [](v1::Assessment& a) { a.set_total_sanctions(0); }, v1::RESULT_ERROR,
       {v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE}},
      {"last sexual offence at 9", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1989, 6, 1);
       }, v1::RESULT_ERROR, {v1::AGE_OUT_OF_MODEL_RANGE}},
      {"last sexual offence at 10 scores 0", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1990, 1, 1);
       }, v1::RESULT_SCORED, {}},
  };
  for (const Case& c : cases) {
    v1::Assessment a = OspCase();
    c.edit(a);
    const v1::PredictorResult r = ScoreOspDc(a);
    EXPECT_EQ(r.status(), c.status) << c.name << r.DebugString();
    EXPECT_EQ(Types(r), c.types) << c.name;
    if (c.status == v1::RESULT_NOT_APPLICABLE) {
      EXPECT_EQ(r.band(), v1::NOT_APPLICABLE);
      EXPECT_EQ(r.percentage(), 0.0);
    }
  }
}

TEST(OspIic, OldHierarchy) {
  struct Case {
    int images, adult, child, non_contact;
    double weight;
    double percentage;
    v1::RiskBand band;
  };
  const std::vector<Case> cases = {
      {2, 0, 0, 0, 0.10310, 10.31, v1::HIGH},  {1, 0, 0, 0, 0.03328, 3.33, v1::MEDIUM},
      {0, 0, 2, 0, 0.00926, 0.93, v1::LOW},    {0, 0, 1, 0, 0.00634, 0.63, v1::LOW},
      {0, 0, 0, 0, 0.00062, 0.06, v1::LOW},    {0, 1, 0, 0, 0.00281, 0.28, v1::LOW},
      {0, 0, 0, 1, 0.00281, 0.28, v1::LOW},    {0, 1, 0, 1, 0.00281, 0.28, v1::LOW}};
  for (const Case& c : cases) {
    v1::Assessment a = OspCase();
    a.set_indecent_image_sanctions(c.images);
    a.set_contact_adult_sexual_sanctions(c.adult);
    a.set_contact_child_sexual_sanctions(c.child);
    a.set_non_contact_sexual_offences(c.non_contact);
    const v1::PredictorResult r = ScoreOspIic(a);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
    EXPECT_EQ(r.probability(), c.weight);
    EXPECT_EQ(r.percentage(), c.percentage);
    EXPECT_EQ(r.band(), c.band);
  }
  v1::Assessment woman = OspCase();
  woman.set_gender(v1::FEMALE);
  EXPECT_EQ(ScoreOspIic(woman).band(), v1::NOT_APPLICABLE);  // the old IIC: not applicable
  v1::Assessment missing = OspCase();
  missing.clear_indecent_image_sanctions();
  EXPECT_EQ(Types(ScoreOspIic(missing)),
            std::vector<v1::ErrorType>{v1::SEXUAL_OFFENDING_MISSING_COUNTS});
}

// ====================================================================== SNSV

// Example A's criminal history: male, DOB 1980-01-01, assessment 2025-01-01,
// conviction 2020-01-01, follow-up 2040-01-01 (a = 60, m = 0), 02700
// (other offences), S = 21, first sanction at 40 (Y = 0), V = 1.
v1::Assessment SnsvCase() {
  v1::Assessment a;
  *a.mutable_assessment_date() = D(2025, 1, 1);
  *a.mutable_date_of_birth() = D(1980, 1, 1);
  *a.mutable_date_of_current_conviction() = D(2020, 1, 1);
  *a.mutable_date_at_start_of_followup() = D(2040, 1, 1);
  a.set_gender(v1::MALE);
  a.set_supervision_status(v1::COMMUNITY);
  a.set_current_offence_code("02700");
  a.set_total_sanctions(21);
  a.set_violent_sanctions(1);
  a.set_age_at_first_sanction(40);
  v1::OasysAnswers* s = a.mutable_answers();
  s->set_weapon_involved(false);
  s->set_accommodation_suitability(v1::NO_PROBLEMS);
  s->set_unemployed(false);
  s->set_partner_relationship(v1::NO_PROBLEMS);
  s->set_current_alcohol_use(v1::NO_PROBLEMS);
  s->set_excessive_alcohol_use(v1::NO_PROBLEMS);
  s->set_impulsivity(v1::NO_PROBLEMS);
  s->set_temper_control(v1::NO_PROBLEMS);
  s->set_pro_criminal_attitudes(v1::NO_PROBLEMS);
  s->set_domestic_abuse_evidence(true);
  s->set_domestic_abuse_against_partner(true);
  a.mutable_previous_convictions()->add_types(v1::WOUNDING_GBH);
  return a;
}

TEST(Snsv, StaticAndDynamic) {
  // Expected values from an independent evaluation of §12.5 (Python doubles,
  // decimal HALF_UP): static z = -4.865636941285099 -> 0.0076479754557216 ->
  // 0.76 %; dynamic z = -4.6934432543410844 -> 0.0090720528279298 -> 0.91 %.
  const OffenceTable& table = OffenceTable::BuiltIn();
  v1::PredictorResult r = ScoreSnsv(SnsvCase(), table);
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.type(), v1::DYNAMIC);
  EXPECT_NEAR(Term(r, "totalWeight"), -4.6934432543410844, 1e-12);
  EXPECT_EQ(r.probability(), 0.0090720528279298);
  EXPECT_EQ(r.percentage(), 0.91);
  EXPECT_EQ(r.band(), v1::RISK_BAND_UNSPECIFIED);
  EXPECT_THAT(r.errors(), IsEmpty());

  v1::Assessment fallback = SnsvCase();
  fallback.mutable_answers()->clear_partner_relationship();
  r = ScoreSnsv(fallback, table);
  ASSERT_EQ(r.status(), v1::RESULT_SCORED);
  EXPECT_EQ(r.type(), v1::STATIC);
  EXPECT_NEAR(Term(r, "totalWeight"), -4.865636941285099, 1e-12);
  EXPECT_EQ(r.probability(), 0.0076479754557216);
  EXPECT_EQ(r.percentage(), 0.76);
  EXPECT_EQ(Types(r), std::vector<v1::ErrorType>{v1::MISSING_DYNAMIC_INPUT});
  EXPECT_THAT(Fields(r.errors(0)), ElementsAre("answers.partner_relationship"));
}

TEST(Snsv, PreviousConvictionsCountPerEntry) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  v1::Assessment twice = SnsvCase();
  twice.mutable_previous_convictions()->add_types(v1::WOUNDING_GBH);
  const double once_z = Term(ScoreSnsv(SnsvCase(), table), "totalWeight");
  const double twice_z = Term(ScoreSnsv(twice, table), "totalWeight");
  EXPECT_NEAR(twice_z - once_z, 0.451029720739399, 1e-15);
}

TEST(Snsv, OffenceAndVatpWeights) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  struct Case {
    const char* code;
    double offence, vatp;  // dynamic
  };
  const std::vector<Case> cases = {
      {"02700", 0.123617390798186, 0.0},               // other offences
      {"00100", -0.006538498404, 0.204895023669854},   // ABH+
      {"14105", 0.0819545573517356, 0.0},              // drunkenness
      {"01900", -0.211172350332101, 0.0},              // sexual, not against a child
  };
  for (const Case& c : cases) {
    v1::Assessment a = SnsvCase();
    a.set_current_offence_code(c.code);
    const v1::PredictorResult r = ScoreSnsv(a, table);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << c.code << r.DebugString();
    EXPECT_EQ(Term(r, "offenceGroupWeight"), c.offence) << c.code;
    EXPECT_EQ(Term(r, "violenceAgainstThePersonWeight"), c.vatp) << c.code;
  }
}

TEST(Snsv, Errors) {
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> edit;
    std::vector<v1::ErrorType> types;
  };
  const std::vector<Case> cases = {
      {"violent above total", [](v1::Assessment& a) { a.set_violent_sanctions(22); },
       {v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS}},
      {"follow-up before conviction", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(2019, 1, 1);
       }, {v1::FOLLOW_UP_DATE_BEFORE_CONVICTION_DATE}},
      {"first sanction after conviction", [](v1::Assessment& a) { a.set_age_at_first_sanction(41); },
       {v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
      {"convicted at 9", [](v1::Assessment& a) {
         *a.mutable_date_of_current_conviction() = D(1989, 6, 1);
         a.set_age_at_first_sanction(9);
       }, {v1::AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN}},
      {"bad offence code", [](v1::Assessment& a) { a.set_current_offence_code("2700"); },
       {v1::OFFENCE_CODE_INCORRECT_FORMAT}},
      {"unknown offence code", [](v1::Assessment& a) { a.set_current_offence_code("00000"); },
       {v1::OFFENCE_CODE_MAPPING_NOT_FOUND}},
      // §12.5: a failed static validation carries the static errors alone.
      {"missing static field and dynamic field", [](v1::Assessment& a) {
         a.clear_violent_sanctions();
         a.mutable_answers()->clear_temper_control();
       }, {v1::MISSING_MANDATORY_INPUT}},
  };
  for (const Case& c : cases) {
    v1::Assessment a = SnsvCase();
    c.edit(a);
    const v1::PredictorResult r = ScoreSnsv(a, OffenceTable::BuiltIn());
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
    EXPECT_EQ(Types(r), c.types) << c.name << r.DebugString();
  }
}

// §12.5: when a static check fails the reference returned before looking at
// the dynamic inputs, so however many dynamic answers are missing (or
// unknown), the result carries the static errors alone; with the static
// inputs valid, missing dynamic answers are the static fallback's
// MISSING_DYNAMIC_INPUT.
TEST(Snsv, FailedStaticValidationCarriesTheStaticErrorsAlone) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  // Every dynamic input missing, and an unknown previous-conviction type.
  auto no_dynamic = [](v1::Assessment& a) {
    a.clear_answers();
    a.clear_previous_convictions();
  };
  auto unknown_dynamic = [](v1::Assessment& a) {
    a.mutable_answers()->clear_temper_control();
    a.mutable_previous_convictions()->add_types(static_cast<v1::PreviousConviction>(99));
  };
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> static_edit;
    std::vector<v1::ErrorType> types;
  };
  const std::vector<Case> cases = {
      {"violent above total", [](v1::Assessment& a) { a.set_violent_sanctions(22); },
       {v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS}},
      {"follow-up before conviction",
       [](v1::Assessment& a) { *a.mutable_date_at_start_of_followup() = D(2019, 1, 1); },
       {v1::FOLLOW_UP_DATE_BEFORE_CONVICTION_DATE}},
      {"first sanction after conviction", [](v1::Assessment& a) { a.set_age_at_first_sanction(41); },
       {v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
      {"bad offence code", [](v1::Assessment& a) { a.set_current_offence_code("2700"); },
       {v1::OFFENCE_CODE_INCORRECT_FORMAT}},
      {"missing static input", [](v1::Assessment& a) { a.clear_date_of_birth(); },
       {v1::MISSING_MANDATORY_INPUT}},
      {"two static failures",
       [](v1::Assessment& a) {
         a.set_violent_sanctions(22);
         a.set_current_offence_code("00000");
       },
       {v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS, v1::OFFENCE_CODE_MAPPING_NOT_FOUND}},
  };
  for (const Case& c : cases) {
    for (const auto& dynamic_edit : {std::function<void(v1::Assessment&)>(no_dynamic),
                                     std::function<void(v1::Assessment&)>(unknown_dynamic)}) {
      v1::Assessment a = SnsvCase();
      c.static_edit(a);
      dynamic_edit(a);
      const v1::PredictorResult r = ScoreSnsv(a, table);
      EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
      EXPECT_EQ(Types(r), c.types) << c.name << r.DebugString();
      for (const v1::ValidationError& e : r.errors()) {
        for (const std::string& field : e.fields()) {
          EXPECT_NE(field.substr(0, 8), "answers.") << c.name;
          EXPECT_NE(field.substr(0, 20), "previous_convictions") << c.name;
        }
      }
    }
  }

  // The static inputs valid: the same missing dynamic answers are the
  // static fallback, scored, with MISSING_DYNAMIC_INPUT.
  v1::Assessment fallback = SnsvCase();
  no_dynamic(fallback);
  const v1::PredictorResult r = ScoreSnsv(fallback, table);
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.type(), v1::STATIC);
  ASSERT_FALSE(r.errors().empty());
  for (const v1::ValidationError& e : r.errors()) EXPECT_EQ(e.type(), v1::MISSING_DYNAMIC_INPUT);
}

// ====================================================================== RSR

v1::PredictorResult Scored(double percentage, std::vector<v1::ErrorType> errors = {}) {
  v1::PredictorResult r;
  r.set_status(v1::RESULT_SCORED);
  r.set_percentage(percentage);
  for (v1::ErrorType t : errors) AddError(r.mutable_errors(), t, {"answers.temper_control"});
  return r;
}

TEST(Rsr, SumBandsAndComponents) {
  v1::Assessment a = OspCase();
  struct Case {
    double snsv, dc, iic;
    double score;
    v1::RiskBand band;
  };
  const std::vector<Case> cases = {
      {0.5, 1.54, 0.93, 2.97, v1::LOW},    {1.0, 1.0, 0.99, 2.99, v1::LOW},
      {1.0, 1.0, 1.0, 3.0, v1::MEDIUM},    {3.0, 2.0, 1.89, 6.89, v1::MEDIUM},
      {3.0, 2.0, 1.9, 6.9, v1::HIGH},      {90.0, 5.31, 10.31, 99.99, v1::HIGH}};
  for (const Case& c : cases) {
    const v1::PredictorResult r = ScoreRsr(a, Scored(c.snsv), Scored(c.dc), Scored(c.iic));
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
    EXPECT_EQ(r.type(), v1::COMBINED);
    EXPECT_EQ(r.percentage(), c.score);
    EXPECT_EQ(r.band(), c.band) << c.score;
  }
  v1::Assessment woman = OspCase();
  woman.set_gender(v1::FEMALE);
  EXPECT_EQ(ScoreRsr(woman, Scored(1.0), Scored(0.0), Scored(0.0)).percentage(), 1.38);

  // A static-only SNSV is acceptable; other component errors are not.
  EXPECT_EQ(ScoreRsr(a, Scored(1.0, {v1::MISSING_DYNAMIC_INPUT}), Scored(1), Scored(1)).status(),
            v1::RESULT_SCORED);
  v1::PredictorResult failed;
  failed.set_status(v1::RESULT_ERROR);
  const v1::PredictorResult r = ScoreRsr(a, Scored(1.0, {v1::VALUE_OUT_OF_RANGE}), failed, Scored(1));
  EXPECT_EQ(r.status(), v1::RESULT_ERROR);
  EXPECT_EQ(Types(r), std::vector<v1::ErrorType>{v1::COMPONENT_VALIDATION_ERROR});
  EXPECT_THAT(Fields(r.errors(0)), ElementsAre("osp_dc", "snsv"));

  // No score with the sexual section empty, or motivation with zero counts.
  v1::Assessment empty = OspCase();
  empty.clear_has_ever_committed_sexual_offence();
  EXPECT_EQ(Types(ScoreRsr(empty, Scored(1), Scored(1), Scored(1))),
            std::vector<v1::ErrorType>{v1::MISSING_MANDATORY_INPUT});
  v1::Assessment zero = OspCase();
  zero.set_indecent_image_sanctions(0);
  zero.set_contact_adult_sexual_sanctions(0);
  zero.set_contact_child_sexual_sanctions(0);
  zero.set_non_contact_sexual_offences(0);
  EXPECT_EQ(Types(ScoreRsr(zero, Scored(1), Scored(1), Scored(1))),
            std::vector<v1::ErrorType>{v1::SEXUAL_OFFENDING_MISSING_COUNTS});
}

// §12.6: a failed component stops RSR, so its errors are the
// COMPONENT_VALIDATION_ERROR alone, whatever RSR's own checks would say.
TEST(Rsr, FailedComponentCarriesComponentValidationErrorAlone) {
  v1::PredictorResult failed;
  failed.set_status(v1::RESULT_ERROR);
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> edit;
    std::vector<v1::ErrorType> own;  // RSR's own errors with clean components
  };
  const std::vector<Case> cases = {
      {"nothing else wrong", [](v1::Assessment&) {}, {}},
      {"sexual section empty",
       [](v1::Assessment& a) { a.clear_has_ever_committed_sexual_offence(); },
       {v1::MISSING_MANDATORY_INPUT}},
      {"motivation with all counts zero",
       [](v1::Assessment& a) {
         a.set_indecent_image_sanctions(0);
         a.set_contact_adult_sexual_sanctions(0);
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);
       },
       {v1::SEXUAL_OFFENDING_MISSING_COUNTS}},
      {"no gender", [](v1::Assessment& a) { a.clear_gender(); }, {v1::MISSING_MANDATORY_INPUT}},
      {"unknown gender",
       [](v1::Assessment& a) { a.set_gender(static_cast<v1::Gender>(9)); },
       {v1::VALUE_OUT_OF_RANGE}},
  };
  struct Components {
    const char* name;
    v1::PredictorResult snsv, dc, iic;
    std::vector<std::string> fields;
  };
  const std::vector<Components> components = {
      {"OSP/DC failed", Scored(1), failed, Scored(1), {"osp_dc"}},
      {"OSP/IIC with errors", Scored(1), Scored(1), Scored(1, {v1::SEXUAL_OFFENDING_MISSING_COUNTS}),
       {"osp_iic"}},
      {"SNSV failed", Scored(1, {v1::VALUE_OUT_OF_RANGE}), Scored(1), Scored(1), {"snsv"}},
      {"all three", failed, failed, failed, {"osp_dc", "osp_iic", "snsv"}},
  };
  for (const Case& c : cases) {
    v1::Assessment a = OspCase();
    c.edit(a);
    // With clean components (a static-only SNSV is clean), RSR's own checks.
    const v1::PredictorResult clean =
        ScoreRsr(a, Scored(1.0, {v1::MISSING_DYNAMIC_INPUT}), Scored(1), Scored(1));
    EXPECT_EQ(Types(clean), c.own) << c.name;
    EXPECT_EQ(clean.status(), c.own.empty() ? v1::RESULT_SCORED : v1::RESULT_ERROR) << c.name;
    for (const Components& k : components) {
      SCOPED_TRACE(std::string(c.name) + ", " + k.name);
      const v1::PredictorResult r = ScoreRsr(a, k.snsv, k.dc, k.iic);
      EXPECT_EQ(r.status(), v1::RESULT_ERROR);
      ASSERT_EQ(Types(r), std::vector<v1::ErrorType>{v1::COMPONENT_VALIDATION_ERROR})
          << r.DebugString();
      EXPECT_EQ(Fields(r.errors(0)), k.fields);
      EXPECT_THAT(r.explanation(), IsEmpty());
    }
  }
}

}  // namespace
}  // namespace assay::scoring
