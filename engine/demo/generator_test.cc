#include "engine/demo/generator.h"

#include <cstdint>
#include <map>
#include <string>

#include "engine/demo/prng.h"
#include "gtest/gtest.h"
#include "scoring/dates.h"
#include "scoring/offence_table.h"

namespace assay::demo {
namespace {

TEST(RngTest, SplitMix64KnownValues) {
  // Reference values of splitmix64 from state 0 (Vigna's splitmix64.c).
  uint64_t state = 0;
  EXPECT_EQ(SplitMix64(&state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64(&state), 0x6e789e6aa1b965f4ULL);
}

TEST(RngTest, DrawsStayInRange) {
  Rng rng(1, 2);
  for (int i = 0; i < 10000; ++i) {
    const int v = rng.Between(-3, 5);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 5);
    const double u = rng.Unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    EXPECT_LT(rng.Pick({1, 0, 3}), 3);
    EXPECT_NE(rng.Pick({1, 0, 3}), 1);  // zero weight never drawn
  }
}

TEST(GeneratorTest, SameSeedSameBytesInAnyOrder) {
  const CaseloadGenerator a(CaseloadOptions{});
  const CaseloadGenerator b(CaseloadOptions{});
  v1::Assessment x, y;
  for (uint64_t i : {0, 1, 2, 999, 12345}) {
    a.Generate(i, &x);
    b.Generate(12345 - i, &y);  // interleaved, different order
    b.Generate(i, &y);
    EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString()) << i;
  }
}

TEST(GeneratorTest, DifferentSeedsDiffer) {
  CaseloadOptions other;
  other.seed = 7;
  const CaseloadGenerator a(CaseloadOptions{});
  const CaseloadGenerator b(other);
  v1::Assessment x, y;
  a.Generate(0, &x);
  b.Generate(0, &y);
  EXPECT_EQ(x.assessment_id(), y.assessment_id());
  EXPECT_NE(x.SerializeAsString(), y.SerializeAsString());
}

// The generated caseload is valid input and its shares are those documented
// in generator.h.
TEST(GeneratorTest, RecordsAreConsistentAndDistributionsPlausible) {
  const CaseloadGenerator generator(CaseloadOptions{});
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  constexpr int kCount = 20000;
  int male = 0, sexual = 0, high_rosh = 0, mappa = 0, decisions = 0, static_only = 0, out_of_date = 0;
  std::map<int, int> categories;
  v1::Assessment r;
  for (int i = 0; i < kCount; ++i) {
    generator.Generate(static_cast<uint64_t>(i), &r);
    ASSERT_FALSE(r.assessment_id().empty());
    const auto dob = scoring::ToCivilDay(r.date_of_birth());
    const auto assessed = scoring::ToCivilDay(r.assessment_date());
    const auto convicted = scoring::ToCivilDay(r.date_of_current_conviction());
    const auto followup = scoring::ToCivilDay(r.date_at_start_of_followup());
    ASSERT_TRUE(dob && assessed && convicted && followup) << i;
    const int age = scoring::AgeAt(*dob, *assessed);
    EXPECT_GE(age, 18) << i;
    EXPECT_LE(age, 81) << i;
    EXPECT_LT(*dob, *convicted);
    EXPECT_LE(*convicted, *assessed);
    EXPECT_LE(*assessed, kDefaultAsOf);
    EXPECT_GE(r.total_sanctions(), 1);
    EXPECT_LE(r.violent_sanctions(), r.total_sanctions());
    EXPECT_LE(r.age_at_first_sanction(), scoring::AgeAt(*dob, *convicted)) << i;
    const scoring::OffenceInfo* info = table.Find(r.current_offence_code());
    ASSERT_NE(info, nullptr) << r.current_offence_code();
    EXPECT_NE(info->category, scoring::OffenceCategory::kUnknown);
    categories[static_cast<int>(info->category)]++;
    if (r.has_ever_committed_sexual_offence()) {
      ++sexual;
      const int sum = r.contact_adult_sexual_sanctions() + r.contact_child_sexual_sanctions() +
                      r.indecent_image_sanctions() + r.non_contact_sexual_offences();
      EXPECT_GE(sum, 1);
      EXPECT_LE(sum, r.total_sanctions());
      EXPECT_TRUE(r.has_date_of_most_recent_sexual_offence());
    } else {
      EXPECT_FALSE(r.has_contact_adult_sexual_sanctions());
    }
    if (r.answers().has_domestic_abuse_against_partner()) {
      EXPECT_TRUE(r.answers().domestic_abuse_evidence());
    }
    bool any_drug = r.answers().heroin() || r.answers().cannabis() || r.answers().crack_cocaine();
    if (any_drug) {
      EXPECT_NE(r.answers().drug_misuse_motivation(), v1::MOTIVATION_LEVEL_UNSPECIFIED);
    }
    male += r.gender() == v1::MALE;
    const v1::RoshRatings& rosh = r.rosh();
    const int top = std::max({rosh.public_community(), rosh.known_adult_community(), rosh.children_community(),
                              rosh.staff_community()});
    EXPECT_GE(top, v1::LOW);
    high_rosh += top >= v1::HIGH;
    mappa += r.case_context().mappa().category() > 0;
    decisions += r.case_context().has_practitioner_decision();
    static_only += !r.has_answers();
    out_of_date += (kDefaultAsOf - *assessed) > 385;
    if (r.case_context().has_practitioner_decision()) {
      EXPECT_GE(r.case_context().practitioner_decision().rationale().size(), 20u);
    }
  }
  auto share = [](int n) { return static_cast<double>(n) / kCount; };
  EXPECT_NEAR(share(male), 0.86, 0.015);
  EXPECT_NEAR(share(static_only), 0.03, 0.01);
  EXPECT_NEAR(share(decisions), 0.12, 0.015);
  EXPECT_GT(share(high_rosh), 0.10);
  EXPECT_LT(share(high_rosh), 0.30);
  EXPECT_GT(share(sexual), 0.03);
  EXPECT_LT(share(sexual), 0.10);
  EXPECT_GT(share(mappa), 0.04);
  EXPECT_LT(share(mappa), 0.15);
  EXPECT_GT(share(out_of_date), 0.05);
  EXPECT_LT(share(out_of_date), 0.20);
  EXPECT_GE(categories.size(), 20u);  // nearly every category appears
}

TEST(GeneratorTest, InvalidShareMakesSomeRecordsInvalid) {
  CaseloadOptions options;
  options.invalid_share = 0.2;
  const CaseloadGenerator generator(options);
  int invalid = 0;
  v1::Assessment r;
  for (int i = 0; i < 2000; ++i) {
    generator.Generate(static_cast<uint64_t>(i), &r);
    const bool bad = r.total_sanctions() == 0 || !r.has_date_of_birth() ||
                     !scoring::ToCivilDay(r.date_of_birth()) || r.current_offence_code() == "12A45" ||
                     r.age_at_first_sanction() == 120 || r.violent_sanctions() > r.total_sanctions() ||
                     !r.has_rosh() ||
                     *scoring::ToCivilDay(r.date_of_birth()) > *scoring::ToCivilDay(r.date_of_current_conviction());
    invalid += bad;
  }
  EXPECT_NEAR(invalid / 2000.0, 0.2, 0.03);
}

}  // namespace
}  // namespace assay::demo
