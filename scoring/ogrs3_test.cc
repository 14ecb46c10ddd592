#include "scoring/ogrs3.h"

#include <string>
#include <vector>

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

// §15 D: the reference's old OGRS3 fixture.
v1::Assessment ExampleD() {
  v1::Assessment a;
  a.set_gender(v1::MALE);
  *a.mutable_date_of_birth() = D(1991, 7, 17);
  *a.mutable_date_of_current_conviction() = D(2021, 8, 5);
  *a.mutable_date_at_start_of_followup() = D(2021, 12, 12);
  a.set_total_sanctions(2);
  a.set_age_at_first_sanction(21);
  a.set_current_offence_code("11618");
  return a;
}

double Term(const v1::PredictorResult& r, std::string_view name) {
  for (const v1::Term& t : r.explanation()) {
    if (t.name() == name) return t.value();
  }
  ADD_FAILURE() << "no term " << name;
  return 0;
}

TEST(Ogrs3Test, WorkedExampleD) {
  const v1::PredictorResult r = ScoreOgrs3(ExampleD(), OffenceTable::BuiltIn());
  ASSERT_EQ(r.status(), v1::RESULT_SCORED) << r.DebugString();
  EXPECT_EQ(r.predictor(), v1::OGRS3);
  EXPECT_EQ(r.type(), v1::STATIC);
  EXPECT_EQ(r.one_year_percentage(), 9);
  EXPECT_EQ(r.percentage(), 17);
  EXPECT_EQ(r.band(), v1::LOW);
  EXPECT_FALSE(r.has_point_score());
  EXPECT_EQ(Term(r, "ageGenderScore"), -1.326);
  EXPECT_EQ(Term(r, "convictionStatusScore"), 0.46306);
  EXPECT_NEAR(Term(r, "copasScore"), -2.8166361950725585, 1e-15);
  EXPECT_EQ(Term(r, "offenceGroupParameter"), -0.0607);
  ASSERT_EQ(r.explanation_size(), 4);
  // total = -3.7402761950725587; p = e^(total + c) / (1 + e^(total + c)).
  EXPECT_NEAR(r.one_year_probability(), 0.08804712010288249, 1e-15);
  EXPECT_NEAR(r.probability(), 0.16540132390345696, 1e-15);
}

TEST(Ogrs3Test, AgeGenderTable) {
  EXPECT_EQ(Ogrs3AgeGenderParameter(10, false), 0.0);
  EXPECT_EQ(Ogrs3AgeGenderParameter(11, true), 0.785);
  EXPECT_EQ(Ogrs3AgeGenderParameter(17, false), -0.0616);
  EXPECT_EQ(Ogrs3AgeGenderParameter(18, true), -0.8975);
  EXPECT_EQ(Ogrs3AgeGenderParameter(24, false), -1.0515);
  EXPECT_EQ(Ogrs3AgeGenderParameter(30, false), -1.326);
  EXPECT_EQ(Ogrs3AgeGenderParameter(49, true), -1.5247);
  EXPECT_EQ(Ogrs3AgeGenderParameter(50, true), -2.4498);
  EXPECT_EQ(Ogrs3AgeGenderParameter(99, false), -2.0253);
}

TEST(Ogrs3Test, FirstTimeOffenderAndBands) {
  v1::Assessment a = ExampleD();
  a.set_total_sanctions(1);
  a.set_age_at_first_sanction(30);
  const v1::PredictorResult first = ScoreOgrs3(a, OffenceTable::BuiltIn());
  ASSERT_EQ(first.status(), v1::RESULT_SCORED);
  EXPECT_EQ(Term(first, "convictionStatusScore"), 0.12614);

  // A young prolific man (age 17 at follow-up, 40 sanctions in 2 years,
  // theft): a high 2-year score.
  v1::Assessment prolific = ExampleD();
  *prolific.mutable_date_of_birth() = D(2004, 1, 1);
  prolific.set_total_sanctions(40);
  prolific.set_age_at_first_sanction(15);
  *prolific.mutable_date_of_current_conviction() = D(2021, 8, 5);
  prolific.set_current_offence_code("04100");
  const v1::PredictorResult high = ScoreOgrs3(prolific, OffenceTable::BuiltIn());
  ASSERT_EQ(high.status(), v1::RESULT_SCORED) << high.DebugString();
  EXPECT_EQ(high.percentage(), 99);  // clamped to 99
  EXPECT_EQ(high.band(), v1::VERY_HIGH);
}

struct ErrorCase {
  const char* name;
  void (*mutate)(v1::Assessment*);
  std::vector<v1::ErrorType> expected;
};

TEST(Ogrs3Test, ValidationErrors) {
  const std::vector<ErrorCase> cases = {
      {"missing all", [](v1::Assessment* a) { a->Clear(); }, {v1::MISSING_MANDATORY_INPUT}},
      {"missing follow-up", [](v1::Assessment* a) { a->clear_date_at_start_of_followup(); },
       {v1::MISSING_MANDATORY_INPUT}},
      {"invalid date", [](v1::Assessment* a) { *a->mutable_date_of_birth() = D(1991, 2, 30); },
       {v1::INVALID_DATE}},
      {"unknown gender", [](v1::Assessment* a) { a->set_gender(static_cast<v1::Gender>(9)); },
       {v1::VALUE_OUT_OF_RANGE}},
      {"no sanctions", [](v1::Assessment* a) { a->set_total_sanctions(0); },
       {v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE}},
      {"code length", [](v1::Assessment* a) { a->set_current_offence_code("1161"); },
       {v1::OFFENCE_CODE_INCORRECT_FORMAT}},
      {"young at conviction",
       [](v1::Assessment* a) {
         *a->mutable_date_of_current_conviction() = D(2000, 1, 1);
         a->set_age_at_first_sanction(8);
       },
       {v1::AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN}},
      {"first after current", [](v1::Assessment* a) { a->set_age_at_first_sanction(31); },
       {v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
      {"follow-up before birth",
       [](v1::Assessment* a) { *a->mutable_date_at_start_of_followup() = D(1991, 7, 17); },
       {v1::FOLLOW_UP_DATE_INVALID}},
      {"follow-up under 10",
       [](v1::Assessment* a) { *a->mutable_date_at_start_of_followup() = D(2001, 7, 16); },
       {v1::AGE_OUT_OF_MODEL_RANGE}},
      {"need details 08800", [](v1::Assessment* a) { a->set_current_offence_code("08800"); },
       {v1::NEED_DETAILS_OF_EXACT_OFFENCE}},
      {"need details 11100", [](v1::Assessment* a) { a->set_current_offence_code("11100"); },
       {v1::NEED_DETAILS_OF_EXACT_OFFENCE}},
      {"need details 14100", [](v1::Assessment* a) { a->set_current_offence_code("14100"); },
       {v1::NEED_DETAILS_OF_EXACT_OFFENCE}},
      {"no parameter 95000", [](v1::Assessment* a) { a->set_current_offence_code("95000"); },
       {v1::OFFENCE_CODE_MAPPING_NOT_FOUND}},
      {"unknown code", [](v1::Assessment* a) { a->set_current_offence_code("99999"); },
       {v1::OFFENCE_CODE_MAPPING_NOT_FOUND}},
      {"non-digit code", [](v1::Assessment* a) { a->set_current_offence_code("1161x"); },
       {v1::OFFENCE_CODE_MAPPING_NOT_FOUND}},
      {"several at once",
       [](v1::Assessment* a) {
         a->set_total_sanctions(0);
         a->set_current_offence_code("08800");
         a->set_age_at_first_sanction(31);
       },
       {v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE,
        v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION,
        v1::NEED_DETAILS_OF_EXACT_OFFENCE}},
  };
  for (const ErrorCase& c : cases) {
    v1::Assessment a = ExampleD();
    c.mutate(&a);
    const v1::PredictorResult r = ScoreOgrs3(a, OffenceTable::BuiltIn());
    EXPECT_EQ(r.status(), v1::RESULT_ERROR) << c.name;
    std::vector<v1::ErrorType> types;
    for (const v1::ValidationError& e : r.errors()) {
      types.push_back(e.type());
      EXPECT_FALSE(e.message().empty());
      EXPECT_FALSE(e.fields().empty()) << c.name;
    }
    EXPECT_EQ(types, c.expected) << c.name;
  }
}

TEST(Ogrs3Test, MissingFieldsListedTogether) {
  v1::Assessment a;
  const v1::PredictorResult r = ScoreOgrs3(a, OffenceTable::BuiltIn());
  ASSERT_EQ(r.errors_size(), 1);
  const std::vector<std::string> fields(r.errors(0).fields().begin(), r.errors(0).fields().end());
  EXPECT_EQ(fields, (std::vector<std::string>{"gender", "date_of_birth",
                                              "date_of_current_conviction",
                                              "date_at_start_of_followup", "total_sanctions",
                                              "age_at_first_sanction", "current_offence_code"}));
}

}  // namespace
}  // namespace assay::scoring
