#include "scoring/sexual.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "scoring/errors.h"
#include "scoring/rounding.h"

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

// §15 example C: male, DOB 1980-01-01, follow-up 2027-01-01 (age 47), counts
// adult 1, child 2, non-contact 3, images 4, 11 sanctions, last sexual
// offence 1994-01-01 (age 14): 28 points, 1.54 %, MEDIUM.
v1::Assessment ExampleC() {
  v1::Assessment a;
  a.set_assessment_id("example-c");
  *a.mutable_assessment_date() = D(2025, 1, 1);
  *a.mutable_date_of_birth() = D(1980, 1, 1);
  *a.mutable_date_at_start_of_followup() = D(2027, 1, 1);
  *a.mutable_date_of_most_recent_sexual_offence() = D(1994, 1, 1);
  a.set_gender(v1::MALE);
  a.set_supervision_status(v1::COMMUNITY);
  a.set_has_ever_committed_sexual_offence(true);
  a.set_total_sanctions(11);
  a.set_contact_adult_sexual_sanctions(1);
  a.set_contact_child_sexual_sanctions(2);
  a.set_non_contact_sexual_offences(3);
  a.set_indecent_image_sanctions(4);
  return a;
}

// §15 example A's sexual history: counts 5/5/5/5, 21 sanctions, follow-up
// 2040-01-01 (age 60), last sexual offence 1994-01-01, COMMUNITY.
v1::Assessment ExampleA() {
  v1::Assessment a = ExampleC();
  a.set_assessment_id("example-a");
  *a.mutable_date_at_start_of_followup() = D(2040, 1, 1);
  a.set_total_sanctions(21);
  a.set_contact_adult_sexual_sanctions(5);
  a.set_contact_child_sexual_sanctions(5);
  a.set_non_contact_sexual_offences(5);
  a.set_indecent_image_sanctions(5);
  return a;
}

std::vector<v1::ErrorType> Types(const v1::PredictorResult& r) {
  std::vector<v1::ErrorType> types;
  for (const auto& e : r.errors()) types.push_back(e.type());
  return types;
}

std::vector<std::string> Fields(const v1::ValidationError& e) {
  return {e.fields().begin(), e.fields().end()};
}

double TermValue(const v1::PredictorResult& r, const std::string& name) {
  for (const auto& t : r.explanation()) {
    if (t.name() == name) return t.value();
  }
  ADD_FAILURE() << "no term " << name;
  return NAN;
}

// ---------------------------------------------------------------- DC-SRP

TEST(DcSrp, WorkedExampleC) {
  const v1::PredictorResult r = ScoreDcSrp(ExampleC());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.predictor(), v1::DC_SRP);
  EXPECT_EQ(r.type(), v1::STATIC);
  EXPECT_EQ(r.point_score(), 28);
  EXPECT_EQ(r.percentage(), 1.54);
  EXPECT_EQ(r.band(), v1::MEDIUM);
  EXPECT_FALSE(r.risk_band_reduction_applied());
  EXPECT_FALSE(r.female_version());
  EXPECT_TRUE(r.has_sexual_offence_history());
  EXPECT_EQ(r.model_version(), "1.0");
  EXPECT_EQ(r.thresholds_version(), "1.0");
  EXPECT_THAT(r.errors(), IsEmpty());
  ASSERT_EQ(r.explanation_size(), 8);
  EXPECT_EQ(TermValue(r, "totalContactAdultSexualSanctionsWeight"), 5);
  EXPECT_EQ(TermValue(r, "totalContactChildSexualSanctionsWeight"), 6);
  EXPECT_EQ(TermValue(r, "totalNonContactSexualOffencesWeight"), 6);
  EXPECT_EQ(TermValue(r, "ageAtStartOfFollowUpWeight"), 5);
  EXPECT_EQ(TermValue(r, "ageAtLastSanctionForSexualOffenceWeight"), 0);
  EXPECT_EQ(TermValue(r, "totalNumberOfSanctionsForAllOffencesWeight"), 6);
  EXPECT_EQ(TermValue(r, "currentOffenceAgainstVictimStrangerWeight"), 0);
  EXPECT_EQ(r.explanation(7).name(), "totalWeight");
  EXPECT_EQ(r.explanation(7).value(), 28);
}

TEST(DcSrp, WorkedExampleA) {
  const v1::PredictorResult r = ScoreDcSrp(ExampleA());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.point_score(), 36);
  EXPECT_NEAR(r.probability(), 0.053141, 5e-7);
  EXPECT_EQ(r.percentage(), 5.31);
  EXPECT_EQ(r.band(), v1::VERY_HIGH);
  // Follow-up date in the future: no reduction.
  ASSERT_TRUE(r.has_risk_band_reduction_applied());
  EXPECT_FALSE(r.risk_band_reduction_applied());
}

struct PointCase {
  const char* name;
  std::function<void(v1::Assessment&)> edit;
  int points;  // total, starting from example C's 28
};

TEST(DcSrp, PointTable) {
  // Each row changes one item of example C (28 = 5 + 6 + 6 + 5 + 0 + 6 + 0).
  const std::vector<PointCase> cases = {
      {"adult 0", [](v1::Assessment& a) { a.set_contact_adult_sexual_sanctions(0); }, 23},
      {"adult 2", [](v1::Assessment& a) { a.set_contact_adult_sexual_sanctions(2); }, 33},
      {"adult 3", [](v1::Assessment& a) {
         a.set_contact_adult_sexual_sanctions(3);
         a.set_total_sanctions(30);
       }, 38},
      {"adult 9", [](v1::Assessment& a) {
         a.set_contact_adult_sexual_sanctions(9);
         a.set_total_sanctions(30);
       }, 38},
      {"child 0", [](v1::Assessment& a) { a.set_contact_child_sexual_sanctions(0); }, 22},
      {"child 1", [](v1::Assessment& a) { a.set_contact_child_sexual_sanctions(1); }, 25},
      {"child 3", [](v1::Assessment& a) { a.set_contact_child_sexual_sanctions(3); }, 31},
      {"non-contact 0", [](v1::Assessment& a) { a.set_non_contact_sexual_offences(0); }, 22},
      {"non-contact 1", [](v1::Assessment& a) { a.set_non_contact_sexual_offences(1); }, 24},
      {"non-contact 2", [](v1::Assessment& a) { a.set_non_contact_sexual_offences(2); }, 26},
      {"images do not score", [](v1::Assessment& a) { a.set_indecent_image_sanctions(0); }, 28},
      {"total equal to the sexual counts", [](v1::Assessment& a) { a.set_total_sanctions(10); },
       28},
      {"stranger victim", [](v1::Assessment& a) { a.set_current_offence_against_stranger(true); },
       32},
      {"stranger false", [](v1::Assessment& a) { a.set_current_offence_against_stranger(false); },
       28},
      {"last sexual offence at 15", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1995, 12, 31);
       }, 28},
      {"last sexual offence at 16", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1996, 1, 1);
       }, 33},
      {"last sexual offence at 17", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1997, 12, 31);
       }, 33},
      {"last sexual offence at 18", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1998, 1, 1);
       }, 38},
  };
  for (const PointCase& c : cases) {
    v1::Assessment a = ExampleC();
    c.edit(a);
    const v1::PredictorResult r = ScoreDcSrp(a);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << c.name << r.DebugString();
    EXPECT_EQ(r.point_score(), c.points) << c.name;
  }
  // Total sanctions 1 scores 0 (instead of 6); a single sexual count keeps
  // the sum within the total.
  v1::Assessment one = ExampleC();
  one.set_total_sanctions(1);
  one.set_contact_adult_sexual_sanctions(1);
  one.set_contact_child_sexual_sanctions(0);
  one.set_non_contact_sexual_offences(0);
  one.set_indecent_image_sanctions(0);
  EXPECT_EQ(ScoreDcSrp(one).point_score(), 5 + 5);
}

TEST(DcSrp, AgeAtFollowupPoints) {
  const std::vector<std::pair<int, int>> table = {
      {10, 14}, {18, 14}, {20, 14}, {21, 13}, {23, 13}, {24, 12}, {26, 12}, {27, 11},
      {29, 11}, {30, 10}, {32, 10}, {33, 9},  {35, 9},  {36, 8},  {38, 8},  {39, 7},
      {41, 7},  {42, 6},  {44, 6},  {45, 5},  {47, 5},  {48, 4},  {50, 4},  {51, 3},
      {53, 3},  {54, 2},  {56, 2},  {57, 1},  {59, 1},  {60, 0},  {61, 0},  {109, 0}};
  for (const auto& [age, points] : table) {
    EXPECT_EQ(DcSrpAgeAtFollowupPoints(age), points) << "age " << age;
  }
  // Through the scorer, with a birthday on the follow-up date counting as
  // completed (age 21 exactly -> 13).
  v1::Assessment a = ExampleC();
  *a.mutable_date_at_start_of_followup() = D(2001, 1, 1);
  EXPECT_EQ(TermValue(ScoreDcSrp(a), "ageAtStartOfFollowUpWeight"), 13);
  *a.mutable_date_at_start_of_followup() = D(2000, 12, 31);
  EXPECT_EQ(TermValue(ScoreDcSrp(a), "ageAtStartOfFollowUpWeight"), 14);
}

TEST(DcSrp, BandEdgesByPoints) {
  const std::vector<std::pair<int, v1::RiskBand>> table = {
      {0, v1::LOW},     {21, v1::LOW},        {22, v1::MEDIUM},    {29, v1::MEDIUM},
      {30, v1::HIGH},   {35, v1::HIGH},       {36, v1::VERY_HIGH}, {64, v1::VERY_HIGH},
      {65, v1::RISK_BAND_UNSPECIFIED}, {-1, v1::RISK_BAND_UNSPECIFIED}};
  for (const auto& [points, band] : table) {
    EXPECT_EQ(DcSrpBandForPoints(points), band) << points;
  }
}

TEST(DcSrp, ProbabilityCurve) {
  EXPECT_EQ(DcSrpProbability(0), 0.0);
  EXPECT_DOUBLE_EQ(DcSrpProbability(28), std::exp(-8.633 + 0.1598 * 28) /
                                             (1 + std::exp(-8.633 + 0.1598 * 28)));
  // Double evaluation is safe for every reachable total: none lies near a
  // 2 dp tie, where double and the reference's decimals could round apart.
  for (int points = 1; points <= 64; ++points) {
    EXPECT_FALSE(NearHalfUpBoundary(DcSrpProbability(points) * 100, 2)) << points;
    EXPECT_GT(DcSrpProbability(points), DcSrpProbability(points - 1));
  }
}

TEST(DcSrp, ZeroPointsIsLowWithoutReduction) {
  // Age 60+ at follow-up, one sanction, only an image count, last sexual
  // offence at 15: every item scores 0.
  v1::Assessment a = ExampleC();
  *a.mutable_date_at_start_of_followup() = D(2040, 1, 1);
  *a.mutable_date_of_most_recent_sexual_offence() = D(1995, 6, 1);
  a.set_total_sanctions(1);
  a.set_contact_adult_sexual_sanctions(0);
  a.set_contact_child_sexual_sanctions(0);
  a.set_non_contact_sexual_offences(0);
  a.set_indecent_image_sanctions(1);
  const v1::PredictorResult r = ScoreDcSrp(a);
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.point_score(), 0);
  EXPECT_EQ(r.probability(), 0.0);
  EXPECT_EQ(r.percentage(), 0.0);
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_FALSE(r.has_risk_band_reduction_applied());
}

// A case that qualifies for the reduction: example C with dates well in
// the past and the assessment in 2025.
v1::Assessment ReducibleCase() {
  v1::Assessment a = ExampleC();
  *a.mutable_date_at_start_of_followup() = D(2015, 1, 1);  // age 35 -> 9
  *a.mutable_most_recent_offence_date() = D(2014, 6, 1);
  return a;  // 5 + 6 + 6 + 9 + 0 + 6 = 32 points, HIGH
}

struct ReductionCase {
  const char* name;
  std::function<void(v1::Assessment&)> edit;
  bool reduced;
  v1::RiskBand band;
};

TEST(DcSrp, RiskReductionRules) {
  const std::vector<ReductionCase> cases = {
      {"all conditions hold", [](v1::Assessment&) {}, true, v1::MEDIUM},
      {"custody", [](v1::Assessment& a) { a.set_supervision_status(v1::CUSTODY); }, false,
       v1::HIGH},
      {"remand qualifies", [](v1::Assessment& a) { a.set_supervision_status(v1::REMAND); }, true,
       v1::MEDIUM},
      {"follow-up exactly 5 years before", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(2020, 1, 1);  // age 40 -> 7: 30 points
       }, true, v1::MEDIUM},
      {"follow-up 5 years less a day", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(2020, 1, 2);
       }, false, v1::HIGH},
      {"most recent offence within 5 years", [](v1::Assessment& a) {
         *a.mutable_most_recent_offence_date() = D(2021, 1, 1);
       }, false, v1::HIGH},
      {"most recent offence absent", [](v1::Assessment& a) { a.clear_most_recent_offence_date(); },
       true, v1::MEDIUM},
      {"last sexual offence within 5 years", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(2020, 6, 1);  // age 40 -> 10
       }, false, v1::VERY_HIGH},
      {"very high steps to high", [](v1::Assessment& a) {
         a.set_current_offence_against_stranger(true);  // 36 points
       }, true, v1::HIGH},
      {"medium steps to low", [](v1::Assessment& a) {
         a.set_contact_child_sexual_sanctions(0);  // 26 points
       }, true, v1::LOW},
      {"low is not reduced", [](v1::Assessment& a) {
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);  // 20 points
       }, false, v1::LOW},
  };
  for (const ReductionCase& c : cases) {
    v1::Assessment a = ReducibleCase();
    c.edit(a);
    const v1::PredictorResult r = ScoreDcSrp(a);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << c.name << r.DebugString();
    EXPECT_EQ(r.risk_band_reduction_applied(), c.reduced) << c.name;
    EXPECT_EQ(r.band(), c.band) << c.name;
  }
  EXPECT_EQ(OneBandDown(v1::VERY_HIGH), v1::HIGH);
  EXPECT_EQ(OneBandDown(v1::HIGH), v1::MEDIUM);
  EXPECT_EQ(OneBandDown(v1::MEDIUM), v1::LOW);
  EXPECT_EQ(OneBandDown(v1::LOW), v1::LOW);
}

TEST(DcSrp, NotApplicable) {
  struct Case {
    const char* name;
    std::function<void(v1::Assessment&)> edit;
    bool female;
  };
  const std::vector<Case> cases = {
      {"female", [](v1::Assessment& a) { a.set_gender(v1::FEMALE); }, true},
      {"female without counts", [](v1::Assessment& a) {
         a.set_gender(v1::FEMALE);
         a.clear_contact_adult_sexual_sanctions();
         a.clear_date_of_most_recent_sexual_offence();
       }, true},
      {"no sexual history", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
         a.clear_contact_adult_sexual_sanctions();
         a.clear_contact_child_sexual_sanctions();
         a.clear_non_contact_sexual_offences();
         a.clear_indecent_image_sanctions();
       }, false},
      {"no sexual history, zero counts", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
         a.set_contact_adult_sexual_sanctions(0);
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);
         a.set_indecent_image_sanctions(0);
       }, false},
  };
  for (const Case& c : cases) {
    v1::Assessment a = ExampleC();
    c.edit(a);
    const v1::PredictorResult r = ScoreDcSrp(a);
    EXPECT_EQ(r.status(), v1::RESULT_NOT_APPLICABLE) << c.name << r.DebugString();
    EXPECT_EQ(r.band(), v1::NOT_APPLICABLE) << c.name;
    EXPECT_EQ(r.percentage(), 0.0) << c.name;
    EXPECT_FALSE(r.has_point_score()) << c.name;
    EXPECT_FALSE(r.has_risk_band_reduction_applied()) << c.name;
    EXPECT_EQ(r.female_version(), c.female) << c.name;
    EXPECT_EQ(r.has_sexual_offence_history(), a.has_ever_committed_sexual_offence()) << c.name;
    EXPECT_THAT(r.errors(), IsEmpty()) << c.name;
    EXPECT_THAT(r.explanation(), IsEmpty()) << c.name;
  }
}

struct ErrorCase {
  const char* name;
  std::function<void(v1::Assessment&)> edit;
  std::vector<v1::ErrorType> types;
  std::vector<std::string> first_fields;  // fields of the first error
};

TEST(DcSrp, ValidationErrors) {
  const std::vector<ErrorCase> cases = {
      {"every mandatory field missing", [](v1::Assessment& a) {
         a.clear_gender();
         a.clear_supervision_status();
         a.clear_has_ever_committed_sexual_offence();
         a.clear_date_of_birth();
         a.clear_date_at_start_of_followup();
         a.clear_total_sanctions();
         a.clear_assessment_date();
       },
       // gender/has_ever null: the secondary-field, count and inconsistency
       // checks still run (nothing exempts the record).
       {v1::MISSING_MANDATORY_INPUT},
       {"gender", "supervision_status", "has_ever_committed_sexual_offence", "date_of_birth",
        "date_at_start_of_followup", "total_sanctions", "assessment_date"}},
      // Reference quirk 12: required for a woman too.
      {"female without supervision status", [](v1::Assessment& a) {
         a.set_gender(v1::FEMALE);
         a.clear_supervision_status();
       }, {v1::MISSING_MANDATORY_INPUT}, {"supervision_status"}},
      {"no sexual history without follow-up date", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
         a.clear_contact_adult_sexual_sanctions();
         a.clear_contact_child_sexual_sanctions();
         a.clear_non_contact_sexual_offences();
         a.clear_indecent_image_sanctions();
         a.clear_date_at_start_of_followup();
       }, {v1::MISSING_MANDATORY_INPUT}, {"date_at_start_of_followup"}},
      {"secondary counts missing", [](v1::Assessment& a) {
         a.clear_indecent_image_sanctions();
         a.clear_non_contact_sexual_offences();
       }, {v1::MISSING_MANDATORY_INPUT},
       {"indecent_image_sanctions", "non_contact_sexual_offences"}},
      {"total sanctions 0", [](v1::Assessment& a) {
         a.set_total_sanctions(0);
       }, {v1::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, v1::TOTAL_NUMBER_OF_SEXUAL_SANCTIONS_OUT_OF_RANGE},
       {"total_sanctions"}},
      {"total sanctions 1000", [](v1::Assessment& a) { a.set_total_sanctions(1000); },
       {v1::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE}, {"total_sanctions"}},
      {"all counts zero", [](v1::Assessment& a) {
         a.set_contact_adult_sexual_sanctions(0);
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);
         a.set_indecent_image_sanctions(0);
       }, {v1::SEXUAL_REOFFENDING_PREDICTOR_NO_SANCTIONS},
       {"indecent_image_sanctions", "contact_adult_sexual_sanctions",
        "contact_child_sexual_sanctions", "non_contact_sexual_offences"}},
      {"sexual counts above total", [](v1::Assessment& a) {
         a.set_total_sanctions(9);  // 4 + 1 + 2 + 3 = 10
       }, {v1::TOTAL_NUMBER_OF_SEXUAL_SANCTIONS_OUT_OF_RANGE},
       {"indecent_image_sanctions", "contact_adult_sexual_sanctions",
        "contact_child_sexual_sanctions", "non_contact_sexual_offences", "total_sanctions"}},
      {"last sexual offence date missing", [](v1::Assessment& a) {
         a.clear_date_of_most_recent_sexual_offence();
       }, {v1::MISSING_MANDATORY_INPUT}, {"date_of_most_recent_sexual_offence"}},
      {"last sexual offence on the birth date", [](v1::Assessment& a) {
         *a.mutable_date_of_most_recent_sexual_offence() = D(1980, 1, 1);
       }, {v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_BEFORE_DATE_OF_BIRTH},
       {"date_of_most_recent_sexual_offence"}},
      {"last sexual offence at 110", [](v1::Assessment& a) {
         *a.mutable_date_of_birth() = D(1900, 1, 1);
         *a.mutable_date_at_start_of_followup() = D(1990, 1, 1);
         *a.mutable_date_of_most_recent_sexual_offence() = D(2010, 1, 1);
       }, {v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_OUT_OF_RANGE},
       {"date_of_most_recent_sexual_offence"}},
      {"follow-up at age 110", [](v1::Assessment& a) {
         *a.mutable_date_of_birth() = D(1900, 1, 1);
         *a.mutable_date_of_most_recent_sexual_offence() = D(1950, 1, 1);
         *a.mutable_date_at_start_of_followup() = D(2010, 1, 1);
       }, {v1::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE}, {"date_at_start_of_followup"}},
      {"follow-up on the birth date (reference crashes)", [](v1::Assessment& a) {
         *a.mutable_date_at_start_of_followup() = D(1980, 1, 1);
       }, {v1::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH}, {"date_at_start_of_followup"}},
      {"counts without sexual history", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
         a.set_indecent_image_sanctions(0);
       }, {v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT},
       {"has_ever_committed_sexual_offence", "contact_adult_sexual_sanctions",
        "contact_child_sexual_sanctions", "non_contact_sexual_offences"}},
      {"counts with sexual history unanswered", [](v1::Assessment& a) {
         a.clear_has_ever_committed_sexual_offence();
       }, {v1::MISSING_MANDATORY_INPUT, v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT},
       {"has_ever_committed_sexual_offence"}},
      {"impossible date", [](v1::Assessment& a) {
         *a.mutable_date_of_birth() = D(1980, 2, 30);
       }, {v1::INVALID_DATE}, {"date_of_birth"}},
      {"unknown gender number", [](v1::Assessment& a) {
         a.set_gender(static_cast<v1::Gender>(7));
       }, {v1::VALUE_OUT_OF_RANGE}, {"gender"}},
  };
  for (const ErrorCase& c : cases) {
    v1::Assessment a = ExampleC();
    c.edit(a);
    const v1::PredictorResult r = ScoreDcSrp(a);
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name << r.DebugString();
    EXPECT_EQ(r.band(), v1::RISK_BAND_UNSPECIFIED) << c.name;
    EXPECT_FALSE(r.has_point_score()) << c.name;
    if (c.name == std::string("every mandatory field missing")) {
      ASSERT_FALSE(r.errors().empty());
      EXPECT_EQ(r.errors(0).type(), v1::MISSING_MANDATORY_INPUT);
      EXPECT_EQ(Fields(r.errors(0)), c.first_fields);
      continue;
    }
    EXPECT_EQ(Types(r), c.types) << c.name << r.DebugString();
    ASSERT_FALSE(r.errors().empty()) << c.name;
    EXPECT_EQ(Fields(r.errors(0)), c.first_fields) << c.name;
    EXPECT_EQ(r.errors(0).message(), ErrorMessage(c.types[0])) << c.name;
  }
}

// ---------------------------------------------------------------- IIC-SRP

TEST(IicSrp, Hierarchy) {
  struct Case {
    int images, adult, child, non_contact;
    double probability;
    double percentage;
    v1::RiskBand band;
  };
  const std::vector<Case> cases = {
      {5, 5, 5, 5, 0.10310, 10.31, v1::HIGH},  // example A
      {2, 0, 0, 0, 0.10310, 10.31, v1::HIGH},
      {1, 3, 3, 3, 0.03328, 3.33, v1::MEDIUM},
      {0, 0, 2, 0, 0.00926, 0.93, v1::LOW},
      {0, 4, 7, 4, 0.00926, 0.93, v1::LOW},
      {0, 0, 1, 0, 0.00634, 0.63, v1::LOW},
      {0, 1, 0, 1, 0.00281, 0.28, v1::LOW},
      // Reference quirk 13: one of the two alone scores 0.
      {0, 1, 0, 0, 0.0, 0.0, v1::LOW},
      {0, 0, 0, 1, 0.0, 0.0, v1::LOW},
  };
  for (const Case& c : cases) {
    v1::Assessment a = ExampleA();
    a.set_indecent_image_sanctions(c.images);
    a.set_contact_adult_sexual_sanctions(c.adult);
    a.set_contact_child_sexual_sanctions(c.child);
    a.set_non_contact_sexual_offences(c.non_contact);
    const v1::PredictorResult r = ScoreIicSrp(a);
    const std::string label = std::to_string(c.images) + "/" + std::to_string(c.adult) + "/" +
                              std::to_string(c.child) + "/" + std::to_string(c.non_contact);
    ASSERT_EQ(r.status(), v1::RESULT_SCORED) << label << r.DebugString();
    EXPECT_EQ(r.type(), v1::STATIC);
    EXPECT_EQ(r.probability(), c.probability) << label;
    EXPECT_EQ(r.percentage(), c.percentage) << label;
    EXPECT_EQ(r.band(), c.band) << label;
    EXPECT_EQ(TermValue(r, "imagesAndIndirectContactWeight"), c.probability) << label;
    EXPECT_FALSE(r.female_version());
    EXPECT_TRUE(r.has_sexual_offence_history());
  }
}

TEST(IicSrp, FemaleWithHistoryIsLowNotApplicableOtherwise) {
  // Reference quirk 14.
  v1::Assessment woman = ExampleA();
  woman.set_gender(v1::FEMALE);
  v1::PredictorResult r = ScoreIicSrp(woman);
  EXPECT_EQ(r.status(), v1::RESULT_SCORED);
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_EQ(r.percentage(), 0.0);
  EXPECT_TRUE(r.female_version());
  // DC-SRP for the same woman is not applicable.
  EXPECT_EQ(ScoreDcSrp(woman).band(), v1::NOT_APPLICABLE);

  for (v1::Gender gender : {v1::MALE, v1::FEMALE}) {
    v1::Assessment a = ExampleA();
    a.set_gender(gender);
    a.set_has_ever_committed_sexual_offence(false);
    a.clear_indecent_image_sanctions();
    a.clear_contact_adult_sexual_sanctions();
    a.clear_contact_child_sexual_sanctions();
    a.clear_non_contact_sexual_offences();
    r = ScoreIicSrp(a);
    EXPECT_EQ(r.status(), v1::RESULT_NOT_APPLICABLE);
    EXPECT_EQ(r.band(), v1::NOT_APPLICABLE);
    EXPECT_EQ(r.percentage(), 0.0);
    EXPECT_EQ(r.female_version(), gender == v1::FEMALE);
    EXPECT_FALSE(r.has_sexual_offence_history());
    EXPECT_THAT(r.errors(), IsEmpty());
  }
}

TEST(IicSrp, ValidationErrors) {
  const std::vector<ErrorCase> cases = {
      {"gender and history missing", [](v1::Assessment& a) {
         a.clear_gender();
         a.clear_has_ever_committed_sexual_offence();
       }, {v1::MISSING_MANDATORY_INPUT, v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT},
       {"gender", "has_ever_committed_sexual_offence"}},
      {"secondary counts missing", [](v1::Assessment& a) { a.clear_contact_child_sexual_sanctions(); },
       {v1::MISSING_MANDATORY_INPUT}, {"contact_child_sexual_sanctions"}},
      {"all counts zero", [](v1::Assessment& a) {
         a.set_contact_adult_sexual_sanctions(0);
         a.set_contact_child_sexual_sanctions(0);
         a.set_non_contact_sexual_offences(0);
         a.set_indecent_image_sanctions(0);
       }, {v1::SEXUAL_REOFFENDING_PREDICTOR_NO_SANCTIONS},
       {"indecent_image_sanctions", "contact_adult_sexual_sanctions",
        "contact_child_sexual_sanctions", "non_contact_sexual_offences"}},
      {"counts above total", [](v1::Assessment& a) { a.set_total_sanctions(19); },
       {v1::TOTAL_NUMBER_OF_SEXUAL_SANCTIONS_OUT_OF_RANGE},
       {"indecent_image_sanctions", "contact_adult_sexual_sanctions",
        "contact_child_sexual_sanctions", "non_contact_sexual_offences", "total_sanctions"}},
      {"counts without history", [](v1::Assessment& a) {
         a.set_has_ever_committed_sexual_offence(false);
       }, {v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT},
       {"has_ever_committed_sexual_offence", "indecent_image_sanctions",
        "contact_adult_sexual_sanctions", "contact_child_sexual_sanctions",
        "non_contact_sexual_offences"}},
  };
  for (const ErrorCase& c : cases) {
    v1::Assessment a = ExampleA();
    c.edit(a);
    const v1::PredictorResult r = ScoreIicSrp(a);
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
    EXPECT_EQ(Types(r), c.types) << c.name << r.DebugString();
    ASSERT_FALSE(r.errors().empty()) << c.name;
    EXPECT_EQ(Fields(r.errors(0)), c.first_fields) << c.name;
  }
  // IIC-SRP needs neither dates nor supervision status.
  v1::Assessment a = ExampleA();
  a.clear_date_of_birth();
  a.clear_supervision_status();
  a.clear_total_sanctions();
  EXPECT_EQ(ScoreIicSrp(a).status(), v1::RESULT_SCORED);
}

// ---------------------------------------------------------------- CSRP

v1::PredictorResult Svrp(double percentage, std::vector<v1::ErrorType> errors = {}) {
  v1::PredictorResult r;
  r.set_predictor(v1::SVRP);
  r.set_status(v1::RESULT_SCORED);
  r.set_type(errors.empty() ? v1::DYNAMIC : v1::STATIC);
  r.set_percentage(percentage);
  for (v1::ErrorType t : errors) AddError(r.mutable_errors(), t, {"answers.temper_control"});
  return r;
}

TEST(Csrp, WorkedExampleA) {
  const v1::Assessment a = ExampleA();
  const v1::PredictorResult r = ScoreCsrp(a, Svrp(1.08), ScoreDcSrp(a), ScoreIicSrp(a));
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.predictor(), v1::CSRP);
  EXPECT_EQ(r.type(), v1::COMBINED);
  EXPECT_EQ(r.percentage(), 16.70);
  EXPECT_EQ(r.band(), v1::VERY_HIGH);
  EXPECT_FALSE(r.female_version());
  EXPECT_TRUE(r.has_sexual_offence_history());
  EXPECT_EQ(r.model_version(), "1.0");
}

TEST(Csrp, FemaleSexualOffenderTerm) {
  v1::Assessment a = ExampleA();
  a.set_gender(v1::FEMALE);
  v1::PredictorResult r = ScoreCsrp(a, Svrp(0.50), ScoreDcSrp(a), ScoreIicSrp(a));
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.percentage(), 0.88);  // 0.50 + 0 (DC n/a) + 0 (IIC female) + 0.38
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_TRUE(r.female_version());
  EXPECT_EQ(TermValue(r, "femaleSexualOffenderScore"), 0.38);

  a.set_has_ever_committed_sexual_offence(false);
  a.clear_indecent_image_sanctions();
  a.clear_contact_adult_sexual_sanctions();
  a.clear_contact_child_sexual_sanctions();
  a.clear_non_contact_sexual_offences();
  r = ScoreCsrp(a, Svrp(0.50), ScoreDcSrp(a), ScoreIicSrp(a));
  EXPECT_EQ(r.percentage(), 0.50);
  EXPECT_FALSE(r.has_sexual_offence_history());
}

TEST(Csrp, BandEdgesSitExactlyAtOneThreeAndSixPointNine) {
  const std::vector<std::pair<double, v1::RiskBand>> table = {
      {0.0, v1::LOW},     {0.99, v1::LOW},   {1.0, v1::MEDIUM}, {2.99, v1::MEDIUM},
      {3.0, v1::HIGH},    {6.89, v1::HIGH},  {6.9, v1::VERY_HIGH}, {99.99, v1::VERY_HIGH},
      {-0.01, v1::NOT_APPLICABLE}};
  for (const auto& [score, band] : table) EXPECT_EQ(CsrpBand(score), band) << score;
  // Through the scorer: a man with no sexual history scores SVRP alone.
  v1::Assessment a = ExampleA();
  a.set_has_ever_committed_sexual_offence(false);
  a.clear_indecent_image_sanctions();
  a.clear_contact_adult_sexual_sanctions();
  a.clear_contact_child_sexual_sanctions();
  a.clear_non_contact_sexual_offences();
  const v1::PredictorResult dc = ScoreDcSrp(a);
  const v1::PredictorResult iic = ScoreIicSrp(a);
  for (const auto& [score, band] : table) {
    if (score < 0) continue;
    const v1::PredictorResult r = ScoreCsrp(a, Svrp(score), dc, iic);
    EXPECT_EQ(r.percentage(), score);
    EXPECT_EQ(r.band(), band) << score;
  }
}

TEST(Csrp, ClampsAtNinetyNinePointNineNine) {
  const v1::Assessment a = ExampleA();  // DC 5.31 + IIC 10.31
  const v1::PredictorResult r = ScoreCsrp(a, Svrp(99.0), ScoreDcSrp(a), ScoreIicSrp(a));
  EXPECT_EQ(r.percentage(), 99.99);
  EXPECT_EQ(r.band(), v1::VERY_HIGH);
}

TEST(Csrp, ComponentErrors) {
  const v1::Assessment a = ExampleA();
  const v1::PredictorResult dc = ScoreDcSrp(a);
  const v1::PredictorResult iic = ScoreIicSrp(a);
  v1::Assessment broken = a;
  broken.clear_indecent_image_sanctions();
  const v1::PredictorResult dc_err = ScoreDcSrp(broken);
  const v1::PredictorResult iic_err = ScoreIicSrp(broken);
  ASSERT_EQ(dc_err.status(), v1::RESULT_ERROR);
  ASSERT_EQ(iic_err.status(), v1::RESULT_ERROR);
  v1::PredictorResult svrp_err;
  svrp_err.set_status(v1::RESULT_ERROR);
  AddError(svrp_err.mutable_errors(), v1::VIOLENT_SANCTION_OUT_OF_RANGE, {"violent_sanctions"});

  struct Case {
    const char* name;
    v1::PredictorResult svrp, dc, iic;
    std::vector<std::string> components;  // empty with scored = true
    bool scored;
  };
  const std::vector<Case> cases = {
      {"all clean", Svrp(1.08), dc, iic, {}, true},
      {"static-only SVRP is acceptable", Svrp(1.08, {v1::MISSING_DYNAMIC_INPUT}), dc, iic, {},
       true},
      {"SVRP with another error", Svrp(1.08, {v1::MISSING_DYNAMIC_INPUT, v1::INVALID_DATE}), dc,
       iic, {"svrp"}, false},
      {"SVRP failed", svrp_err, dc, iic, {"svrp"}, false},
      {"SVRP not produced", v1::PredictorResult(), dc, iic, {"svrp"}, false},
      {"DC-SRP failed", Svrp(1.08), dc_err, iic, {"dc_srp"}, false},
      {"IIC-SRP failed", Svrp(1.08), dc, iic_err, {"iic_srp"}, false},
      {"all failed", svrp_err, dc_err, iic_err, {"dc_srp", "iic_srp", "svrp"}, false},
  };
  for (const Case& c : cases) {
    const v1::PredictorResult r = ScoreCsrp(a, c.svrp, c.dc, c.iic);
    if (c.scored) {
      EXPECT_EQ(r.status(), v1::RESULT_SCORED) << c.name << r.DebugString();
      EXPECT_THAT(r.errors(), IsEmpty()) << c.name;
      continue;
    }
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
    EXPECT_EQ(r.band(), v1::RISK_BAND_UNSPECIFIED) << c.name;
    EXPECT_EQ(r.percentage(), 0.0) << c.name;
    EXPECT_EQ(Types(r), std::vector<v1::ErrorType>{v1::COMPONENT_VALIDATION_ERROR}) << c.name;
    EXPECT_EQ(Fields(r.errors(0)), c.components) << c.name;
  }
}

TEST(Csrp, OwnFieldsMissingStillLeadWithComponentError) {
  // Reference quirk 15. DC-SRP and IIC-SRP taken from a complete record, so
  // only CSRP's own inputs are missing.
  const v1::Assessment complete = ExampleA();
  v1::Assessment a = complete;
  a.clear_has_ever_committed_sexual_offence();
  const v1::PredictorResult r =
      ScoreCsrp(a, Svrp(1.08), ScoreDcSrp(complete), ScoreIicSrp(complete));
  EXPECT_EQ(r.status(), v1::RESULT_ERROR);
  EXPECT_EQ(Types(r), (std::vector<v1::ErrorType>{v1::COMPONENT_VALIDATION_ERROR,
                                                  v1::MISSING_MANDATORY_INPUT}));
  EXPECT_THAT(r.errors(0).fields(), IsEmpty());
  EXPECT_THAT(Fields(r.errors(1)), ElementsAre("has_ever_committed_sexual_offence"));
}

// CSRP is the 2 dp sum of its components. Generated cases (fixed seed): the
// components are scored from random sexual histories, SVRP percentages are
// random 2 dp values, and the sum is checked in whole hundredths, where it is
// exact.
TEST(Csrp, EqualsTheSumOfItsComponentsOnASweep) {
  std::mt19937_64 rng(20260804);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  int scored = 0;
  for (int i = 0; i < 20000; ++i) {
    v1::Assessment a;
    *a.mutable_assessment_date() = D(2025, 10, 3);
    *a.mutable_date_of_birth() = D(1950 + pick(50), 1 + pick(12), 1 + pick(28));
    *a.mutable_date_at_start_of_followup() = D(1990 + pick(45), 1 + pick(12), 1 + pick(28));
    *a.mutable_date_of_most_recent_sexual_offence() =
        D(1975 + pick(50), 1 + pick(12), 1 + pick(28));
    if (pick(2)) *a.mutable_most_recent_offence_date() = D(2000 + pick(26), 1 + pick(12), 1);
    a.set_gender(pick(5) == 0 ? v1::FEMALE : v1::MALE);
    a.set_supervision_status(static_cast<v1::SupervisionStatus>(1 + pick(3)));
    const bool history = pick(3) != 0;
    a.set_has_ever_committed_sexual_offence(history);
    a.set_total_sanctions(1 + pick(40));
    if (history) {
      a.set_indecent_image_sanctions(pick(3) == 0 ? pick(4) : 0);
      a.set_contact_adult_sexual_sanctions(pick(4));
      a.set_contact_child_sexual_sanctions(pick(2) ? pick(4) : 0);
      a.set_non_contact_sexual_offences(pick(4));
      a.set_contact_adult_sexual_sanctions(a.contact_adult_sexual_sanctions() + 1);
    }
    a.set_current_offence_against_stranger(pick(2));
    const int svrp_hundredths = pick(6000);
    const v1::PredictorResult svrp = Svrp(svrp_hundredths / 100.0);
    const v1::PredictorResult dc = ScoreDcSrp(a);
    const v1::PredictorResult iic = ScoreIicSrp(a);
    const v1::PredictorResult r = ScoreCsrp(a, svrp, dc, iic);
    const bool components_ok = dc.status() != v1::RESULT_ERROR && iic.status() != v1::RESULT_ERROR;
    ASSERT_EQ(r.status() == v1::RESULT_SCORED, components_ok) << a.DebugString();
    if (!components_ok) continue;
    ++scored;
    const long fem = a.gender() == v1::FEMALE && history ? 38 : 0;
    const long expected = svrp_hundredths + std::lround(dc.percentage() * 100) +
                          std::lround(iic.percentage() * 100) + fem;
    const long clamped = std::min(expected, 9999L);
    EXPECT_EQ(std::lround(r.percentage() * 100), clamped) << a.DebugString();
    EXPECT_EQ(r.percentage(), clamped / 100.0);
    EXPECT_EQ(r.band(), CsrpBand(clamped / 100.0));
  }
  EXPECT_GT(scored, 10000);
}

}  // namespace
}  // namespace assay::scoring
