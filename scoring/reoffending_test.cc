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

std::vector<v1::ErrorType> Types(const v1::PredictorResult& r) {
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


// §15 B: rows 0, 1 and 3 of the reference model's historical file, scored at
// 2025-10-03 as the harness does (STATIC request = history only, so every
// model falls back to static; DYNAMIC request = history + needs).
struct RowB {
  const char* name;
  v1::Date dob, conviction, followup;
  const char* code;
  int s, v, afs;
  // 2.2, 3.4, 4.2(0/2), 6.4, 6.7, 6.8, 7.2, 8.8, 9.1, 9.2, 11.2, 11.4, 12.1
  int answers[13];
  bool crack, powder;
  double z[6];        // ARP S, ARP D, VRP S, VRP D, SVRP S, SVRP D
  double percent[6];
};

v1::Assessment History(const RowB& row) {
  v1::Assessment a;
  *a.mutable_assessment_date() = D(2025, 10, 3);
  *a.mutable_date_of_birth() = row.dob;
  *a.mutable_date_of_current_conviction() = row.conviction;
  *a.mutable_date_at_start_of_followup() = row.followup;
  a.set_gender(v1::MALE);
  a.set_current_offence_code(row.code);
  a.set_total_sanctions(row.s);
  a.set_violent_sanctions(row.v);
  a.set_age_at_first_sanction(row.afs);
  return a;
}

v1::ProblemLevel Level(int score) { return static_cast<v1::ProblemLevel>(score + 1); }

v1::Assessment WithNeeds(const RowB& row) {
  v1::Assessment a = History(row);
  v1::OasysAnswers* x = a.mutable_answers();
  const int* n = row.answers;
  x->set_weapon_involved(n[0] == 1);
  x->set_accommodation_suitability(Level(n[1]));
  x->set_unemployed(n[2] == 2);
  x->set_partner_relationship(Level(n[3]));
  x->set_domestic_abuse_evidence(n[4] == 1);
  x->set_relationship_status(static_cast<v1::RelationshipStatus>(n[5]));
  x->set_regular_offending_activities(Level(n[6]));
  x->set_drug_misuse_motivation(static_cast<v1::MotivationLevel>(n[7] + 1));
  x->set_current_alcohol_use(Level(n[8]));
  x->set_excessive_alcohol_use(Level(n[9]));
  x->set_impulsivity(Level(n[10]));
  x->set_temper_control(Level(n[11]));
  x->set_pro_criminal_attitudes(Level(n[12]));
  x->set_crack_cocaine(row.crack);
  x->set_powder_cocaine(row.powder);
  a.mutable_previous_convictions();  // answered: none
  return a;
}

TEST(WorkedExampleB, ReferenceModelRows) {
  const RowB rows[] = {
      {"row 0", D(1970, 6, 7), D(1997, 6, 7), D(1998, 5, 18), "07111", 2, 2, 18,
       {1, 1, 0, 2, 1, 2, 0, 2, 0, 0, 1, 2, 0}, false, false,
       {-2.868418809566013, -2.289200565105506, -4.651485485476866, -4.052220489766926,
        -6.437627909899041, -6.337552737793214},
       {5.37, 9.20, 0.95, 1.71, 0.16, 0.18}},
      {"row 1", D(1973, 9, 6), D(1999, 9, 6), D(2000, 4, 20), "10900", 3, 0, 18,
       {1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0}, false, false,
       {-2.589588922057123, -2.501717050009530, -3.859299785748149, -3.587865682968770,
        -6.232227856972564, -6.123916234404765},
       {6.98, 7.57, 2.06, 2.69, 0.20, 0.22}},
      {"row 3", D(1975, 12, 23), D(2000, 12, 23), D(2001, 7, 15), "14105", 2, 2, 20,
       {1, 0, 0, 0, 0, 3, 1, 0, 1, 0, 0, 1, 0}, true, true,
       {-2.092541408586209, -1.603821583467463, -2.468726614011486, -2.062949039031438,
        -5.746701143670919, -5.590576981034402},
       {10.98, 16.74, 7.81, 11.28, 0.32, 0.37}},
  };
  for (const RowB& row : rows) {
    const v1::Assessment history = History(row);
    const v1::Assessment needs = WithNeeds(row);
    const v1::PredictorResult results[6] = {
        ScoreArp(history, Table()),  ScoreArp(needs, Table()),  ScoreVrp(history, Table()),
        ScoreVrp(needs, Table()),    ScoreSvrp(history, Table()), ScoreSvrp(needs, Table()),
    };
    for (int i = 0; i < 6; ++i) {
      const v1::PredictorResult& r = results[i];
      ASSERT_EQ(r.status(), v1::RESULT_SCORED) << row.name << " " << i << r.DebugString();
      EXPECT_EQ(r.type(), i % 2 == 0 ? v1::STATIC : v1::DYNAMIC) << row.name << " " << i;
      EXPECT_NEAR(Term(r, "totalWeight"), row.z[i], 2e-14) << row.name << " " << i;
      EXPECT_EQ(r.percentage(), row.percent[i]) << row.name << " " << i;
    }
  }
  // Reference probabilities quoted in §15 B, matched to ~12 significant digits.
  const auto near = [](double actual, double expected) {
    EXPECT_NEAR(actual, expected, expected * 1e-10);
  };
  near(ScoreArp(History(rows[0]), Table()).probability(), 0.05373699777470424);
  near(ScoreArp(WithNeeds(rows[0]), Table()).probability(), 0.09202132365304101);
  near(ScoreSvrp(History(rows[1]), Table()).probability(), 0.0019612152000191584);
  near(ScoreVrp(WithNeeds(rows[2]), Table()).probability(), 0.1127504775908557);
}

// The linear predictor is one template: the double and binary128
// instantiations agree to rounding error and name the same terms.
TEST(LinearPredictorTest, DoubleAndQuadAgree) {
  ReoffendingFeatures f;
  ASSERT_TRUE(DeriveReoffendingFeatures(ExampleA(), OffenceCategory::kOtherOffences, &f));
  for (ModelVariant variant : {ModelVariant::kStatic, ModelVariant::kDynamic}) {
    std::array<double, kArpTermCount> terms;
    std::array<Quad, kArpTermCount> quad_terms;
    const double z = ArpLinearPredictor(f, ArpModel<double>(variant), terms.data());
    const Quad zq = ArpLinearPredictor(f, ArpModel<Quad>(variant), quad_terms.data());
    EXPECT_NEAR(z, static_cast<double>(zq), 1e-14);
    for (int i = 0; i < kArpTermCount; ++i) {
      EXPECT_NEAR(terms[i], static_cast<double>(quad_terms[i]), 1e-15) << kArpTermNames[i];
    }
    EXPECT_NEAR(VrpLinearPredictor<double>(f, VrpModel<double>(variant), nullptr),
                static_cast<double>(VrpLinearPredictor<Quad>(f, VrpModel<Quad>(variant), nullptr)),
                1e-14);
    EXPECT_NEAR(
        SvrpLinearPredictor<double>(f, SvrpModel<double>(variant), nullptr),
        static_cast<double>(SvrpLinearPredictor<Quad>(f, SvrpModel<Quad>(variant), nullptr)),
        1e-14);
  }
  // A static coefficient set evaluates every dynamic term to 0.
  std::array<double, kArpTermCount> terms;
  ArpLinearPredictor(f, ArpModel<double>(ModelVariant::kStatic), terms.data());
  for (int i = kArpStaticTermCount; i < kArpTermCount; ++i) EXPECT_EQ(terms[i], 0.0);
}

// Issue item 6: a double result that lands on the wrong side of a tie is
// corrected by the binary128 evaluation.
TEST(RoundPercentageTest, PrecisePathFixesAWrongLastDigit) {
  for (const char* tie : {"0.12345", "0.00005", "0.98765", "0.62625"}) {
    const Quad p_tie = QuadFromDecimal(tie);
    const Quad z_tie = QuadLog(p_tie / (Quad(1) - p_tie));
    for (int side : {+1, -1}) {
      // The exact model value lies a hair above (below) the tie...
      const Quad z_exact = z_tie + Quad(side) * QuadFromDecimal("1e-24");
      // ...while the double evaluation lands on the other side of it.
      double z_double = static_cast<double>(z_exact);
      const auto scaled = [](double z) { return static_cast<Quad>(Logistic(z)) * Quad(10000); };
      const Quad tie_scaled = p_tie * Quad(10000);
      int steps = 0;
      while (side > 0 ? scaled(z_double) >= tie_scaled : scaled(z_double) < tie_scaled) {
        z_double = std::nextafter(z_double, side > 0 ? -INFINITY : INFINITY);
        ASSERT_LT(++steps, 10000) << tie;
      }
      const double naive =
          ClampPercent(RoundHalfUp(static_cast<Quad>(Logistic(z_double)) * Quad(100), 2));
      const RoundedPercentage precise = RoundPercentage(z_double, [&] { return z_exact; });
      const double correct = ClampPercent(RoundHalfUp(Logistic(z_exact) * Quad(100), 2));
      EXPECT_TRUE(precise.precise) << tie;
      EXPECT_EQ(precise.percentage, correct) << tie << " side " << side;
      EXPECT_NE(naive, correct) << tie << " side " << side;
      EXPECT_NEAR(std::fabs(naive - correct), 0.01, 1e-12) << tie;
    }
  }
  // Away from a tie the double path decides and the evaluator is not called.
  bool called = false;
  const RoundedPercentage plain = RoundPercentage(0.51609988669997, [&] {
    called = true;
    return Quad(0);
  });
  EXPECT_FALSE(called);
  EXPECT_FALSE(plain.precise);
  EXPECT_EQ(plain.percentage, 62.62);
}

TEST(RoundPercentageTest, ClampsAsTheReference) {
  const auto none = [] { return Quad(0); };
  EXPECT_EQ(RoundPercentage(-30.0, none).percentage, 0.0);   // p < 0.00005
  EXPECT_EQ(RoundPercentage(30.0, none).percentage, 99.99);  // 100.00 -> 99.99
  EXPECT_EQ(RoundPercentage(800.0, none).percentage, 99.99);  // beyond exp's range
  EXPECT_EQ(RoundPercentage(800.0, none).probability, 1.0);
}

// ---------------------------------------------------------------------------
// Validation (§4): every error type ARP, VRP and SVRP can raise, the
// per-predictor check order and the static/dynamic fallback.

using ET = v1::ErrorType;
constexpr v1::ModelType kNoScore = v1::MODEL_TYPE_UNSPECIFIED;

struct Outcome {
  v1::ModelType type;  // kNoScore: RESULT_ERROR
  std::vector<ET> errors;
};

struct ValidationCase {
  const char* name;
  void (*mutate)(v1::Assessment*);
  Outcome arp, vrp, svrp;
};

void Check(const char* name, const char* predictor, const v1::PredictorResult& r,
           const Outcome& expected) {
  EXPECT_EQ(r.status(), expected.type == kNoScore ? v1::RESULT_ERROR : v1::RESULT_SCORED)
      << name << " " << predictor << "\n" << r.DebugString();
  EXPECT_EQ(r.type(), expected.type) << name << " " << predictor;
  EXPECT_EQ(Types(r), expected.errors) << name << " " << predictor << "\n" << r.DebugString();
  for (const v1::ValidationError& e : r.errors()) {
    EXPECT_FALSE(e.message().empty()) << name;
    if (e.type() != v1::SCORE_BELOW_BAND_RANGE) {
      EXPECT_FALSE(e.fields().empty()) << name;
    }
  }
}

TEST(ValidationTest, EveryErrorTypeAndTheFallback) {
  const Outcome dynamic{v1::DYNAMIC, {}};
  const std::vector<ValidationCase> cases = {
      {"valid", [](v1::Assessment*) {}, dynamic, dynamic, dynamic},
      {"no dates",
       [](v1::Assessment* a) {
         a->clear_date_of_current_conviction();
         a->clear_date_at_start_of_followup();
       },
       {kNoScore, {ET::MISSING_MANDATORY_INPUT, ET::DATE_OF_START_OF_FOLLOWUP_REQUIRED}},
       {kNoScore, {ET::MISSING_MANDATORY_INPUT, ET::DATE_OF_START_OF_FOLLOWUP_REQUIRED}},
       {kNoScore, {ET::MISSING_MANDATORY_INPUT}}},
      {"no violent count", [](v1::Assessment* a) { a->clear_violent_sanctions(); }, dynamic,
       {kNoScore, {ET::MISSING_MANDATORY_INPUT}}, {kNoScore, {ET::MISSING_MANDATORY_INPUT}}},
      {"impulsivity unanswered",
       [](v1::Assessment* a) { a->mutable_answers()->clear_impulsivity(); },
       {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}}, {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}},
       dynamic},
      {"no needs at all", [](v1::Assessment* a) {
         a->clear_answers();
         a->clear_previous_convictions();
       },
       {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}}, {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}},
       {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}}},
      // Reference quirk 7: motivation is optional for ARP, required for VRP.
      {"motivation unanswered",
       [](v1::Assessment* a) { a->mutable_answers()->clear_drug_misuse_motivation(); }, dynamic,
       {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}}, dynamic},
      {"heroin without motivation",
       [](v1::Assessment* a) {
         a->mutable_answers()->clear_drug_misuse_motivation();
         a->mutable_answers()->set_heroin(true);
       },
       {v1::STATIC, {ET::MOTIVATION_TO_TACKLE_DRUG_MISUSE_INCONSISTENT}},
       {v1::STATIC, {ET::MISSING_DYNAMIC_INPUT}}, dynamic},
      {"methadone without motivation",
       [](v1::Assessment* a) {
         a->mutable_answers()->clear_drug_misuse_motivation();
         a->mutable_answers()->set_methadone(true);
       },
       dynamic,
       {v1::STATIC,
        {ET::MISSING_DYNAMIC_INPUT, ET::MOTIVATION_TO_TACKLE_DRUG_MISUSE_INCONSISTENT}},
       dynamic},
      {"conviction on the birth date",
       [](v1::Assessment* a) { *a->mutable_date_of_current_conviction() = D(1980, 1, 1); },
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH}},
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH}},
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH}}},
      {"first sanction after conviction", [](v1::Assessment* a) { a->set_age_at_first_sanction(41); },
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}}},
      {"conviction 3 months + 1 day after assessment",
       [](v1::Assessment* a) { *a->mutable_date_of_current_conviction() = D(2025, 4, 2); },
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE}},
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE}},
       {kNoScore, {ET::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE}}},
      {"conviction exactly 3 months after assessment",
       [](v1::Assessment* a) { *a->mutable_date_of_current_conviction() = D(2025, 4, 1); },
       dynamic, dynamic, dynamic},
      // The check order differs per predictor (§5.1, §6.1, §7.1).
      {"age at first sanction 110", [](v1::Assessment* a) { a->set_age_at_first_sanction(110); },
       {kNoScore,
        {ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION,
         ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE}},
       {kNoScore,
        {ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE,
         ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}},
       {kNoScore,
        {ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE,
         ET::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION}}},
      {"age at first sanction -1", [](v1::Assessment* a) { a->set_age_at_first_sanction(-1); },
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE}},
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE}},
       {kNoScore, {ET::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE}}},
      {"offence code format", [](v1::Assessment* a) { a->set_current_offence_code("2700"); },
       {kNoScore, {ET::OFFENCE_CODE_INCORRECT_FORMAT}},
       {kNoScore, {ET::OFFENCE_CODE_INCORRECT_FORMAT}},
       {kNoScore, {ET::OFFENCE_CODE_INCORRECT_FORMAT}}},
      {"offence code not in the table",
       [](v1::Assessment* a) { a->set_current_offence_code("99999"); },
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}},
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}},
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}}},
      {"offence code UNKNOWN", [](v1::Assessment* a) { a->set_current_offence_code("00000"); },
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}},
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}},
       {kNoScore, {ET::OFFENCE_CODE_MAPPING_NOT_FOUND}}},
      {"no sanctions", [](v1::Assessment* a) { a->set_total_sanctions(0); },
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, ET::VIOLENT_SANCTION_OUT_OF_RANGE}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, ET::VIOLENT_SANCTION_OUT_OF_RANGE}}},
      {"1000 sanctions", [](v1::Assessment* a) { a->set_total_sanctions(1000); },
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE}}},
      {"more violent than total", [](v1::Assessment* a) { a->set_violent_sanctions(22); },
       dynamic, {kNoScore, {ET::VIOLENT_SANCTION_OUT_OF_RANGE}},
       {kNoScore, {ET::VIOLENT_SANCTION_OUT_OF_RANGE}}},
      {"negative violent", [](v1::Assessment* a) { a->set_violent_sanctions(-1); }, dynamic,
       {kNoScore, {ET::VIOLENT_SANCTION_OUT_OF_RANGE}},
       {kNoScore, {ET::VIOLENT_SANCTION_OUT_OF_RANGE}}},
      // Reference quirk 11: SVRP has no follow-up checks; the reference
      // crashes, Assay reports FOLLOW_UP_DATE_INVALID.
      {"follow-up on the birth date",
       [](v1::Assessment* a) { *a->mutable_date_at_start_of_followup() = D(1980, 1, 1); },
       {kNoScore, {ET::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH}},
       {kNoScore, {ET::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH}},
       {kNoScore, {ET::FOLLOW_UP_DATE_INVALID}}},
      {"follow-up at age 110",
       [](v1::Assessment* a) { *a->mutable_date_at_start_of_followup() = D(2090, 1, 1); },
       {kNoScore, {ET::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE}},
       {kNoScore, {ET::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE}},
       {kNoScore, {ET::FOLLOW_UP_DATE_INVALID}}},
      {"impossible date of birth",
       [](v1::Assessment* a) { *a->mutable_date_of_birth() = D(1980, 2, 30); },
       {kNoScore, {ET::INVALID_DATE}}, {kNoScore, {ET::INVALID_DATE}},
       {kNoScore, {ET::INVALID_DATE}}},
      {"unknown gender", [](v1::Assessment* a) { a->set_gender(static_cast<v1::Gender>(7)); },
       {kNoScore, {ET::VALUE_OUT_OF_RANGE}}, {kNoScore, {ET::VALUE_OUT_OF_RANGE}},
       {kNoScore, {ET::VALUE_OUT_OF_RANGE}}},
      {"unknown answer value",
       [](v1::Assessment* a) {
         a->mutable_answers()->set_impulsivity(static_cast<v1::ProblemLevel>(9));
       },
       {v1::STATIC, {ET::VALUE_OUT_OF_RANGE}}, {v1::STATIC, {ET::VALUE_OUT_OF_RANGE}}, dynamic},
      {"unknown previous conviction",
       [](v1::Assessment* a) { a->mutable_previous_convictions()->add_types(
                                   v1::PREVIOUS_CONVICTION_UNSPECIFIED); },
       dynamic, dynamic, {v1::STATIC, {ET::VALUE_OUT_OF_RANGE}}},
      // Static errors: no score, errors = static + dynamic (§4.1 step 3).
      {"static and dynamic errors together",
       [](v1::Assessment* a) {
         a->set_total_sanctions(0);
         a->set_violent_sanctions(0);
         a->mutable_answers()->clear_unemployed();
       },
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, ET::MISSING_DYNAMIC_INPUT}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, ET::MISSING_DYNAMIC_INPUT}},
       {kNoScore, {ET::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE, ET::MISSING_DYNAMIC_INPUT}}},
  };
  for (const ValidationCase& c : cases) {
    v1::Assessment a = ExampleA();
    c.mutate(&a);
    Check(c.name, "ARP", ScoreArp(a, Table()), c.arp);
    Check(c.name, "VRP", ScoreVrp(a, Table()), c.vrp);
    Check(c.name, "SVRP", ScoreSvrp(a, Table()), c.svrp);
  }
}

std::vector<std::string> Fields(const v1::ValidationError& e) {
  return std::vector<std::string>(e.fields().begin(), e.fields().end());
}

TEST(ValidationTest, MissingFieldsAreListedInOneError) {
  const v1::PredictorResult arp = ScoreArp(v1::Assessment(), Table());
  ASSERT_GE(arp.errors_size(), 1);
  EXPECT_EQ(Fields(arp.errors(0)),
            (std::vector<std::string>{"assessment_date", "date_of_birth",
                                      "date_of_current_conviction", "age_at_first_sanction",
                                      "gender", "current_offence_code", "total_sanctions"}));
  const v1::PredictorResult vrp = ScoreVrp(v1::Assessment(), Table());
  EXPECT_EQ(Fields(vrp.errors(0)).back(), "violent_sanctions");

  v1::Assessment a = ExampleA();
  a.mutable_answers()->clear_unemployed();
  a.mutable_answers()->clear_temper_control();
  a.clear_previous_convictions();
  const v1::PredictorResult svrp = ScoreSvrp(a, Table());
  ASSERT_EQ(svrp.errors_size(), 1);
  EXPECT_EQ(Fields(svrp.errors(0)),
            (std::vector<std::string>{"answers.unemployed", "answers.temper_control",
                                      "previous_convictions"}));
  // The static model, with the fallback reason and the static terms only.
  EXPECT_EQ(svrp.type(), v1::STATIC);
  EXPECT_EQ(svrp.explanation_size(), kSvrpStaticTermCount + 1);
}

TEST(ValidationTest, DrugInconsistencyNamesTheDrugsUsed) {
  v1::Assessment a = ExampleA();
  a.mutable_answers()->clear_drug_misuse_motivation();
  a.mutable_answers()->set_spice(true);
  a.mutable_answers()->set_heroin(true);
  a.mutable_answers()->set_methadone(true);
  const v1::PredictorResult arp = ScoreArp(a, Table());
  ASSERT_EQ(arp.errors_size(), 1);
  EXPECT_EQ(Fields(arp.errors(0)),
            (std::vector<std::string>{"answers.heroin", "answers.spice"}));
  const v1::PredictorResult vrp = ScoreVrp(a, Table());
  ASSERT_EQ(vrp.errors_size(), 2);
  EXPECT_EQ(Fields(vrp.errors(1)),
            (std::vector<std::string>{"answers.spice", "answers.methadone"}));
}

TEST(ValidationTest, ErrorsNeverEchoValues) {
  v1::Assessment a = ExampleA();
  a.set_current_offence_code("12a45");
  const v1::PredictorResult r = ScoreArp(a, Table());
  ASSERT_EQ(r.errors_size(), 1);
  EXPECT_EQ(r.errors(0).message().find("12a45"), std::string::npos);
  EXPECT_EQ(Fields(r.errors(0)), (std::vector<std::string>{"current_offence_code"}));
}

// Reference quirk 9: at a clamped 0.00 % ARP and VRP throw in the reference;
// Assay returns SCORE_BELOW_BAND_RANGE. SVRP bands 0.00 as LOW.
TEST(ValidationTest, ZeroPercentScores) {
  v1::Assessment a;
  *a.mutable_assessment_date() = D(2025, 10, 3);
  *a.mutable_date_of_birth() = D(1916, 1, 1);
  *a.mutable_date_of_current_conviction() = D(2025, 6, 1);  // age 109
  a.set_gender(v1::MALE);
  a.set_current_offence_code("05333");  // WELFARE_FRAUD
  a.set_total_sanctions(1);
  a.set_violent_sanctions(0);
  a.set_age_at_first_sanction(109);
  const v1::PredictorResult arp = ScoreArp(a, Table());
  EXPECT_EQ(arp.status(), v1::RESULT_ERROR) << arp.DebugString();
  EXPECT_EQ(Types(arp), std::vector<ET>{ET::SCORE_BELOW_BAND_RANGE});
  EXPECT_EQ(arp.band(), v1::RISK_BAND_UNSPECIFIED);
  const v1::PredictorResult vrp = ScoreVrp(a, Table());
  EXPECT_EQ(Types(vrp), std::vector<ET>{ET::SCORE_BELOW_BAND_RANGE});
  const v1::PredictorResult svrp = ScoreSvrp(a, Table());
  ASSERT_EQ(svrp.status(), v1::RESULT_SCORED) << svrp.DebugString();
  EXPECT_EQ(svrp.percentage(), 0.0);
  EXPECT_EQ(svrp.band(), v1::LOW);
  EXPECT_EQ(svrp.type(), v1::STATIC);
}

// ---------------------------------------------------------------------------
// Date arithmetic through the predictors (§2.3).

ReoffendingFeatures Features(const v1::Assessment& a) {
  ReoffendingFeatures f;
  EXPECT_TRUE(DeriveReoffendingFeatures(a, OffenceCategory::kOtherOffences, &f));
  return f;
}

v1::Assessment DatesCase(v1::Date dob, v1::Date conviction, v1::Date followup, v1::Date assessed) {
  v1::Assessment a = ExampleA();
  *a.mutable_date_of_birth() = dob;
  *a.mutable_date_of_current_conviction() = conviction;
  *a.mutable_date_at_start_of_followup() = followup;
  *a.mutable_assessment_date() = assessed;
  a.set_age_at_first_sanction(15);
  return a;
}

double ArpAgeTerm(int age) {
  const ArpCoefficients<double>& k = ArpModel<double>(ModelVariant::kDynamic);
  const double a = age;
  return k.age_male[0] * a + k.age_male[1] * (a * a) + k.age_male[2] * (a * a * a) +
         k.age_male[3] * (a * a * a * a);
}

TEST(DatesThroughPredictorsTest, LeapDayBirth) {
  const v1::Date dob = D(2000, 2, 29);
  // Born 29 February: 21 on 1 March in a non-leap year, not on 28 February.
  const v1::Assessment before = DatesCase(dob, D(2021, 2, 1), D(2021, 2, 28), D(2025, 10, 3));
  const v1::Assessment on = DatesCase(dob, D(2021, 2, 1), D(2021, 3, 1), D(2025, 10, 3));
  EXPECT_EQ(Features(before).age_at_followup, 20);
  EXPECT_EQ(Features(on).age_at_followup, 21);
  const v1::PredictorResult r_before = ScoreArp(before, Table());
  const v1::PredictorResult r_on = ScoreArp(on, Table());
  EXPECT_NEAR(Term(r_before, "ageGenderPolynomialWeight"), ArpAgeTerm(20), 1e-15);
  EXPECT_NEAR(Term(r_on, "ageGenderPolynomialWeight"), ArpAgeTerm(21), 1e-15);
  // In a leap year the birthday is the 29th itself.
  EXPECT_EQ(Features(DatesCase(dob, D(2024, 2, 1), D(2024, 2, 29), D(2025, 10, 3))).age_at_followup,
            24);
  EXPECT_EQ(Features(DatesCase(dob, D(2024, 2, 1), D(2024, 2, 28), D(2025, 10, 3))).age_at_followup,
            23);
}

TEST(DatesThroughPredictorsTest, BirthdayOnTheDayCounts) {
  // Birthday on the follow-up (and assessment) day: completed.
  const v1::Assessment a = DatesCase(D(1990, 10, 3), D(2025, 10, 3), D(2025, 10, 3), D(2025, 10, 3));
  const ReoffendingFeatures f = Features(a);
  EXPECT_EQ(f.age_at_followup, 35);
  EXPECT_EQ(f.age_at_conviction, 35);
  EXPECT_EQ(f.years_since_first, 20);
  EXPECT_EQ(f.offence_free_months, 0);
  EXPECT_EQ(ScoreVrp(a, Table()).status(), v1::RESULT_SCORED);
  // The day before the birthday: still 34 (and Y from integer ages, quirk 23).
  const ReoffendingFeatures g =
      Features(DatesCase(D(1990, 10, 3), D(2025, 10, 2), D(2025, 10, 2), D(2025, 10, 3)));
  EXPECT_EQ(g.age_at_followup, 34);
  EXPECT_EQ(g.years_since_first, 19);
}

TEST(DatesThroughPredictorsTest, MonthEndsAndTheCap) {
  const v1::Date dob = D(1990, 5, 5);
  // 31 January -> 28 February is 0 whole months; -> 1 March is 1.
  EXPECT_EQ(Features(DatesCase(dob, D(2025, 1, 31), D(2025, 1, 31), D(2025, 2, 28)))
                .offence_free_months,
            0);
  EXPECT_EQ(Features(DatesCase(dob, D(2025, 1, 31), D(2025, 1, 31), D(2025, 3, 1)))
                .offence_free_months,
            1);
  // 30 November + 3 months = 28 February: the conviction check uses it.
  v1::Assessment edge = DatesCase(dob, D(2026, 2, 28), D(2026, 2, 28), D(2025, 11, 30));
  EXPECT_EQ(ScoreArp(edge, Table()).status(), v1::RESULT_SCORED);
  *edge.mutable_date_of_current_conviction() = D(2026, 3, 1);
  EXPECT_EQ(Types(ScoreArp(edge, Table())),
            std::vector<ET>{ET::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE});
  // Capped at 36 months.
  const v1::Assessment old = DatesCase(dob, D(2010, 1, 1), D(2012, 6, 30), D(2025, 10, 3));
  EXPECT_EQ(Features(old).offence_free_months, 36);
  const ArpCoefficients<double>& k = ArpModel<double>(ModelVariant::kDynamic);
  EXPECT_NEAR(Term(ScoreArp(old, Table()), "offenceFreeMonthsWeight"),
              k.offence_free_months[0] * 36 + k.offence_free_months[1] * 1296, 1e-15);
}

TEST(DatesThroughPredictorsTest, AssessmentBeforeFollowUpGivesNoOffenceFreeTime) {
  const v1::Assessment custody = DatesCase(D(1990, 5, 5), D(2025, 1, 1), D(2027, 6, 1), D(2025, 10, 3));
  EXPECT_EQ(Features(custody).offence_free_months, 0);
  EXPECT_EQ(Features(custody).age_at_followup, 37);
  for (const v1::PredictorResult& r :
       {ScoreArp(custody, Table()), ScoreVrp(custody, Table()), ScoreSvrp(custody, Table())}) {
    ASSERT_EQ(r.status(), v1::RESULT_SCORED);
    EXPECT_EQ(Term(r, "offenceFreeMonthsWeight"), 0.0);
  }
  // Follow-up date absent: the conviction date stands in (§2.3).
  v1::Assessment fallback = custody;
  fallback.clear_date_at_start_of_followup();
  const ReoffendingFeatures f = Features(fallback);
  EXPECT_EQ(f.age_at_followup, 34);
  EXPECT_EQ(f.offence_free_months, 9);
  EXPECT_EQ(f.answered & kAnsweredFollowUpDate, 0u);
}

}  // namespace
}  // namespace assay::scoring
