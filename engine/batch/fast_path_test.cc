// The fast path claims a record only when the scalar validation reports no
// error for ARP, VRP and SVRP (all dynamic), and then derives exactly the
// scalar features. Checked on every reference row, a synthetic caseload with
// invalid records, and records mutated at every validation boundary.
#include "engine/batch/fast_path.h"

#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/io/reference_csv.h"
#include "gtest/gtest.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"
#include "scoring/reoffending.h"

namespace assay::batch {
namespace {

using scoring::ReoffendingFeatures;

void ExpectSameFeatures(const ReoffendingFeatures& a, const ReoffendingFeatures& b, int id) {
  EXPECT_EQ(a.female, b.female) << id;
  EXPECT_EQ(a.age_at_followup, b.age_at_followup) << id;
  EXPECT_EQ(a.age_at_conviction, b.age_at_conviction) << id;
  EXPECT_EQ(a.years_since_first, b.years_since_first) << id;
  EXPECT_EQ(a.offence_free_months, b.offence_free_months) << id;
  EXPECT_EQ(a.total_sanctions, b.total_sanctions) << id;
  EXPECT_EQ(a.violent_sanctions, b.violent_sanctions) << id;
  EXPECT_EQ(a.category, b.category) << id;
  EXPECT_EQ(a.weapon, b.weapon) << id;
  EXPECT_EQ(a.accommodation, b.accommodation) << id;
  EXPECT_EQ(a.unemployed, b.unemployed) << id;
  EXPECT_EQ(a.partner_relationship, b.partner_relationship) << id;
  EXPECT_EQ(a.domestic_abuse, b.domestic_abuse) << id;
  EXPECT_EQ(a.living_with_partner, b.living_with_partner) << id;
  EXPECT_EQ(a.regular_activities, b.regular_activities) << id;
  EXPECT_EQ(a.drug_motivation, b.drug_motivation) << id;
  EXPECT_EQ(a.current_alcohol, b.current_alcohol) << id;
  EXPECT_EQ(a.excessive_alcohol, b.excessive_alcohol) << id;
  EXPECT_EQ(a.impulsivity, b.impulsivity) << id;
  EXPECT_EQ(a.temper, b.temper) << id;
  EXPECT_EQ(a.pro_criminal, b.pro_criminal) << id;
  EXPECT_EQ(a.drugs, b.drugs) << id;
  EXPECT_EQ(a.previous_convictions, b.previous_convictions) << id;
  EXPECT_EQ(a.answered, b.answered) << id;
  EXPECT_EQ(a.age_powers, b.age_powers) << id;
  EXPECT_EQ(a.ofm_powers, b.ofm_powers) << id;
  EXPECT_EQ(a.copas_general_rate, b.copas_general_rate) << id;
  EXPECT_EQ(a.copas_violent_general_rate, b.copas_violent_general_rate) << id;
  EXPECT_EQ(a.violent_rate, b.violent_rate) << id;
}

struct Tally {
  int fast = 0;
  int slow = 0;
};

// Checks one record; returns whether the fast path took it.
bool Check(const v1::Assessment& a, int id) {
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  google::protobuf::RepeatedPtrField<v1::ValidationError> errors;
  const scoring::ValidationResult arp = scoring::ValidateArp(a, table, &errors);
  const scoring::ValidationResult vrp = scoring::ValidateVrp(a, table, &errors);
  const scoring::ValidationResult svrp = scoring::ValidateSvrp(a, table, &errors);
  const bool clean = errors.empty() && arp.outcome == scoring::ValidationOutcome::kDynamic &&
                     vrp.outcome == scoring::ValidationOutcome::kDynamic &&
                     svrp.outcome == scoring::ValidationOutcome::kDynamic;
  ReoffendingFeatures fast;
  const bool took = FastDeriveClean(a, table, &fast);
  if (took) {
    EXPECT_TRUE(clean) << "record " << id << " taken by the fast path but the scalar validation "
                       << "reports errors or a static fallback";
    ReoffendingFeatures want;
    EXPECT_TRUE(scoring::DeriveReoffendingFeatures(a, arp.category, &want)) << id;
    ExpectSameFeatures(fast, want, id);
  } else {
    // Not required for correctness, but the fast path should claim every
    // clean record, or the engine silently loses its speed.
    EXPECT_FALSE(clean) << "clean record " << id << " missed by the fast path";
  }
  return took;
}

std::vector<v1::Assessment> Caseload(size_t n, double invalid_share) {
  demo::CaseloadOptions options;
  options.seed = 77;
  options.invalid_share = invalid_share;
  demo::CaseloadGenerator generator(options);
  std::vector<v1::Assessment> out(n);
  for (size_t i = 0; i < n; ++i) generator.Generate(i, &out[i]);
  return out;
}

TEST(FastPathTest, ReferenceRows) {
  std::ifstream in("tests/testdata/reference_rows.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);
  v1::Date date;
  date.set_year(2025);
  date.set_month(10);
  date.set_day(3);
  Tally t;
  uint64_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    absl::StatusOr<io::ReferenceRow> row = io::ParseReferenceRow(line, number, date);
    ASSERT_TRUE(row.ok());
    for (const v1::Assessment* a : {&row->static_request, &row->dynamic_request}) {
      (Check(*a, static_cast<int>(number)) ? t.fast : t.slow)++;
    }
  }
  EXPECT_GT(t.fast, 500);
  EXPECT_GT(t.slow, 1000);  // every static request, and the unmapped codes
}

TEST(FastPathTest, SyntheticCaseloadWithInvalidRecords) {
  Tally t;
  const std::vector<v1::Assessment> records = Caseload(20000, 0.15);
  for (size_t i = 0; i < records.size(); ++i) (Check(records[i], static_cast<int>(i)) ? t.fast : t.slow)++;
  EXPECT_GT(t.fast, 12000);
  EXPECT_GT(t.slow, 3000);
}

void SetDate(v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

TEST(FastPathTest, MutationsAtEveryValidationBoundary) {
  const std::vector<v1::Assessment> base = Caseload(400, 0.0);
  using Mutation = std::function<void(v1::Assessment*, std::mt19937_64&)>;
  const std::vector<Mutation> mutations = {
      [](v1::Assessment* a, auto&) { a->clear_assessment_date(); },
      [](v1::Assessment* a, auto&) { a->clear_date_of_birth(); },
      [](v1::Assessment* a, auto&) { a->clear_date_of_current_conviction(); },
      [](v1::Assessment* a, auto&) { a->clear_date_at_start_of_followup(); },
      [](v1::Assessment* a, auto&) { a->clear_age_at_first_sanction(); },
      [](v1::Assessment* a, auto&) { a->clear_total_sanctions(); },
      [](v1::Assessment* a, auto&) { a->clear_violent_sanctions(); },
      [](v1::Assessment* a, auto&) { a->clear_gender(); },
      [](v1::Assessment* a, auto&) { a->set_gender(static_cast<v1::Gender>(3)); },
      [](v1::Assessment* a, auto&) { a->set_current_offence_code(""); },
      [](v1::Assessment* a, auto&) { a->set_current_offence_code("0270"); },
      [](v1::Assessment* a, auto&) { a->set_current_offence_code("99999"); },
      [](v1::Assessment* a, auto& r) { a->set_total_sanctions(static_cast<int>(r() % 3) - 1); },
      [](v1::Assessment* a, auto& r) { a->set_total_sanctions(998 + static_cast<int>(r() % 3)); },
      [](v1::Assessment* a, auto& r) {
        a->set_violent_sanctions(a->total_sanctions() + static_cast<int>(r() % 3) - 1);
      },
      [](v1::Assessment* a, auto&) { a->set_violent_sanctions(-1); },
      [](v1::Assessment* a, auto& r) { a->set_age_at_first_sanction(108 + static_cast<int>(r() % 3)); },
      [](v1::Assessment* a, auto&) { a->set_age_at_first_sanction(-1); },
      // First sanction at, just above and just below the age at conviction.
      [](v1::Assessment* a, auto& r) {
        const auto& dob = a->date_of_birth();
        const auto& c = a->date_of_current_conviction();
        int age = c.year() - dob.year() - ((c.month() < dob.month() || (c.month() == dob.month() && c.day() < dob.day())) ? 1 : 0);
        a->set_age_at_first_sanction(age + static_cast<int>(r() % 3) - 1);
      },
      // Conviction around assessment + 3 months (month-end clamping).
      [](v1::Assessment* a, auto& r) {
        const int d = 28 + static_cast<int>(r() % 4);
        SetDate(a->mutable_assessment_date(), 2025, 11, d > 30 ? 30 : d);
        SetDate(a->mutable_date_of_current_conviction(), 2026, 2, 27 + static_cast<int>(r() % 3));
      },
      [](v1::Assessment* a, auto&) { SetDate(a->mutable_date_of_current_conviction(), 2026, 1, 3); },
      // Conviction or follow-up on or near the date of birth.
      [](v1::Assessment* a, auto&) { *a->mutable_date_of_current_conviction() = a->date_of_birth(); },
      [](v1::Assessment* a, auto&) { *a->mutable_date_at_start_of_followup() = a->date_of_birth(); },
      // Ages around 110 at follow-up; leap-day births.
      [](v1::Assessment* a, auto& r) {
        SetDate(a->mutable_date_of_birth(), 1915, 10, 1 + static_cast<int>(r() % 10));
        SetDate(a->mutable_date_of_current_conviction(), 2025, 1, 1);
        SetDate(a->mutable_date_at_start_of_followup(), 2025, 10, 5);
        a->set_age_at_first_sanction(20);
      },
      [](v1::Assessment* a, auto& r) {
        SetDate(a->mutable_date_of_birth(), 2000, 2, 29);
        SetDate(a->mutable_date_of_current_conviction(), 2025, 2, 28 - static_cast<int>(r() % 2));
        SetDate(a->mutable_date_at_start_of_followup(), 2025, 3, 1 - static_cast<int>(r() % 2) * 0);
        a->set_age_at_first_sanction(12);
      },
      // Impossible dates.
      [](v1::Assessment* a, auto&) { SetDate(a->mutable_date_at_start_of_followup(), 2025, 2, 29); },
      [](v1::Assessment* a, auto&) { SetDate(a->mutable_date_of_birth(), 1799, 12, 31); },
      [](v1::Assessment* a, auto&) { SetDate(a->mutable_assessment_date(), 2025, 13, 1); },
      // Assessment before follow-up (no offence-free months) and long after.
      [](v1::Assessment* a, auto& r) {
        SetDate(a->mutable_assessment_date(), 2024 + static_cast<int>(r() % 4), 1 + static_cast<int>(r() % 12), 1 + static_cast<int>(r() % 28));
      },
      // Dynamic answers: unanswered or unknown values.
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_weapon_involved(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_unemployed(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_domestic_abuse_evidence(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->set_impulsivity(static_cast<v1::ProblemLevel>(4)); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_temper_control(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_pro_criminal_attitudes(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_drug_misuse_motivation(); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->set_drug_misuse_motivation(static_cast<v1::MotivationLevel>(9)); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->set_relationship_status(static_cast<v1::RelationshipStatus>(4)); },
      [](v1::Assessment* a, auto&) { a->mutable_answers()->clear_relationship_status(); },
      [](v1::Assessment* a, auto&) { a->clear_previous_convictions(); },
      [](v1::Assessment* a, auto&) { a->mutable_previous_convictions()->add_types(static_cast<v1::PreviousConviction>(10)); },
      [](v1::Assessment* a, auto&) { a->mutable_previous_convictions()->add_types(v1::ARSON); a->mutable_previous_convictions()->add_types(v1::ARSON); },
      [](v1::Assessment* a, auto&) { a->clear_answers(); },
  };
  std::mt19937_64 rng(5);
  Tally t;
  int id = 0;
  for (const v1::Assessment& record : base) {
    for (const Mutation& m : mutations) {
      v1::Assessment a = record;
      m(&a, rng);
      (Check(a, id++) ? t.fast : t.slow)++;
    }
  }
  EXPECT_GT(t.fast, 1000);
  EXPECT_GT(t.slow, 5000);
}

}  // namespace
}  // namespace assay::batch
