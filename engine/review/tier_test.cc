// The HMPPS tier: every rule, every threshold at and just below its exact
// decimal value, and every provisional ground, each only when the other
// steps do not already reach the highest tier its input could give.
#include "engine/review/tier.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::review {
namespace {

using ::assay::scoring::CivilDay;
using ::assay::scoring::ToProtoDate;

constexpr CivilDay kAsOf(2026, 3, 1);

v1::Assessment Record() {
  v1::Assessment record;
  record.set_assessment_id("A-1");
  record.mutable_rosh()->set_public_community(v1::LOW);
  record.mutable_case_context()->set_supervision_type(v1::COMMUNITY_ORDER);
  return record;
}

void Scored(v1::PredictorResult* result, double percentage, v1::ModelType type = v1::DYNAMIC) {
  result->set_status(v1::RESULT_SCORED);
  result->set_percentage(percentage);
  result->set_type(type);
}

// ARP 10.00 and CSRP 0.20: tier G from rule 1, so any other rule shows.
v1::ScoreSet Scores(double arp = 10.0, double csrp = 0.2) {
  v1::ScoreSet scores;
  Scored(scores.mutable_arp(), arp);
  Scored(scores.mutable_svrp(), csrp);
  Scored(scores.mutable_csrp(), csrp, v1::COMBINED);
  return scores;
}

v1::Tier Tier(const v1::Assessment& record, const v1::ScoreSet& scores, CivilDay as_of = kAsOf) {
  return ComputeTier(record, scores, as_of);
}

TEST(TierTest, ArpByCsrpTableAtEveryThresholdAndJustBelow) {
  constexpr int kCsrp[] = {690, 300, 100, 50, 0};  // hundredths
  constexpr int kArp[] = {9000, 7500, 5000, 2500, 1500, 0};
  const char* const kTable[5] = {"AABBBB", "ABCCCC", "BCDEEE", "CDEEFF", "DDEFFG"};
  for (int row = 0; row < 5; ++row) {
    for (int column = 0; column < 6; ++column) {
      // At the threshold, as the scorer reports it (a 2-dp double).
      const double csrp = kCsrp[row] / 100.0;
      const double arp = kArp[column] / 100.0;
      SCOPED_TRACE(absl::StrCat("CSRP ", csrp, " ARP ", arp));
      const v1::Tier at = Tier(Record(), Scores(arp, csrp));
      EXPECT_EQ(TierName(at.level()), std::string(1, kTable[row][column]));
      EXPECT_FALSE(at.provisional());
      ASSERT_GE(at.reasons_size(), 1);
      EXPECT_EQ(at.reasons(0).substr(0, 10), "ARP x CSRP");
      // One hundredth below falls to the next row / column.
      if (row < 4) {
        const v1::Tier below = Tier(Record(), Scores(arp, (kCsrp[row] - 1) / 100.0));
        EXPECT_EQ(TierName(below.level()), std::string(1, kTable[row + 1][column]));
      }
      if (column < 5) {
        const v1::Tier below = Tier(Record(), Scores((kArp[column] - 1) / 100.0, csrp));
        EXPECT_EQ(TierName(below.level()), std::string(1, kTable[row][column + 1]));
      }
    }
  }
}

TEST(TierTest, ThresholdsAreExactNotFloatLiterals) {
  // 6.9 is not exactly representable; a value that sums to it in double
  // arithmetic must still count as 6.90.
  const double csrp = std::nextafter(6.9, 0.0);  // the double just below 6.9
  ASSERT_LT(csrp, 6.9);
  EXPECT_EQ(Tier(Record(), Scores(10.0, csrp)).level(), v1::TIER_B);
  EXPECT_EQ(Tier(Record(), Scores(10.0, 6.89)).level(), v1::TIER_C);
  EXPECT_EQ(Tier(Record(), Scores(0.1 + 0.2 + 89.7, 0.2)).level(), v1::TIER_D);  // ARP 90.00
  EXPECT_EQ(Tier(Record(), Scores(99.99, 99.99)).level(), v1::TIER_A);
}

TEST(TierTest, DcSrpRule) {
  struct Row {
    v1::RiskBand band;
    double score;
    v1::TierLevel level;  // G: no contribution
  };
  const Row rows[] = {
      {v1::VERY_HIGH, 12.5, v1::TIER_A}, {v1::HIGH, 5.0, v1::TIER_B},
      {v1::LOW, 0.3, v1::TIER_E},        {v1::MEDIUM, 3.36, v1::TIER_C},
      {v1::MEDIUM, 3.35, v1::TIER_D},    {v1::MEDIUM, 2.11, v1::TIER_D},
      {v1::MEDIUM, 2.10, v1::TIER_C},    {v1::MEDIUM, 1.12, v1::TIER_C},
      {v1::MEDIUM, 1.11, v1::TIER_D},    {v1::MEDIUM, 0.60, v1::TIER_D},
      {v1::MEDIUM, 0.59, v1::TIER_G},
      // Only when the score is above 0 and the band is not N/A.
      {v1::VERY_HIGH, 0.0, v1::TIER_G},  {v1::NOT_APPLICABLE, 5.0, v1::TIER_G},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat(v1::RiskBand_Name(row.band), " ", row.score));
    v1::ScoreSet scores = Scores();
    Scored(scores.mutable_dc_srp(), row.score, v1::STATIC);
    scores.mutable_dc_srp()->set_band(row.band);
    EXPECT_EQ(Tier(Record(), scores).level(), row.level);
  }
  // A DC-SRP that was not scored contributes nothing.
  v1::ScoreSet not_applicable = Scores();
  not_applicable.mutable_dc_srp()->set_status(v1::RESULT_NOT_APPLICABLE);
  not_applicable.mutable_dc_srp()->set_band(v1::VERY_HIGH);
  not_applicable.mutable_dc_srp()->set_percentage(9.0);
  EXPECT_EQ(Tier(Record(), not_applicable).level(), v1::TIER_G);
}

TEST(TierTest, MappaAndRoshRule) {
  struct Row {
    int category;
    v1::RiskBand rosh;
    v1::TierLevel level;
  };
  const Row rows[] = {
      {1, v1::VERY_HIGH, v1::TIER_A}, {2, v1::HIGH, v1::TIER_C},
      {3, v1::MEDIUM, v1::TIER_D},    {4, v1::LOW, v1::TIER_E},
      {1, v1::RISK_BAND_UNSPECIFIED, v1::TIER_E},
      {0, v1::VERY_HIGH, v1::TIER_C}, {0, v1::HIGH, v1::TIER_D},
      {0, v1::MEDIUM, v1::TIER_G},    {0, v1::LOW, v1::TIER_G},
      {0, v1::RISK_BAND_UNSPECIFIED, v1::TIER_G},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat("MAPPA ", row.category, " ", v1::RiskBand_Name(row.rosh)));
    v1::Assessment record = Record();
    record.mutable_rosh()->set_public_community(row.rosh);
    record.mutable_case_context()->mutable_mappa()->set_category(row.category);
    EXPECT_EQ(Tier(record, Scores()).level(), row.level);
  }
}

TEST(TierTest, RoshCountsCustodyCells) {
  v1::Assessment record = Record();
  record.mutable_rosh()->set_prisoners_custody(v1::VERY_HIGH);
  record.mutable_case_context()->mutable_mappa()->set_category(2);
  EXPECT_EQ(Tier(record, Scores()).level(), v1::TIER_A);
}

TEST(TierTest, LifeAndIppSentences) {
  struct Row {
    v1::SentenceKind kind;
    CivilDay released;  // CivilDay() = no release date
    v1::TierLevel level;
  };
  const Row rows[] = {
      {v1::LIFE, CivilDay(2025, 9, 1), v1::TIER_B},
      {v1::LIFE, CivilDay(2025, 3, 1), v1::TIER_B},   // exactly 1 year
      {v1::IPP, CivilDay(2025, 2, 28), v1::TIER_D},   // 1 year and a day
      {v1::IPP, CivilDay(2021, 3, 1), v1::TIER_D},    // exactly 5 years
      {v1::LIFE, CivilDay(2021, 2, 28), v1::TIER_E},  // 5 years and a day
      {v1::IPP, CivilDay(2010, 1, 1), v1::TIER_E},
      {v1::LIFE, kAsOf, v1::TIER_B},                  // released today
      {v1::LIFE, kAsOf + 1, v1::TIER_G},              // not yet released
      {v1::IPP, CivilDay(), v1::TIER_G},              // no release date
      {v1::DETERMINATE, CivilDay(2025, 9, 1), v1::TIER_G},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat(v1::SentenceKind_Name(row.kind), " ", absl::FormatCivilTime(row.released.ToAbsl())));
    v1::Assessment record = Record();
    record.mutable_case_context()->set_sentence_kind(row.kind);
    if (row.released != CivilDay()) {
      *record.mutable_case_context()->mutable_release_date() = ToProtoDate(row.released);
    }
    EXPECT_EQ(Tier(record, Scores()).level(), row.level);
  }
  // Leap day release: one calendar year later is 28 February.
  v1::Assessment leap = Record();
  leap.mutable_case_context()->set_sentence_kind(v1::LIFE);
  *leap.mutable_case_context()->mutable_release_date() = ToProtoDate(CivilDay(2024, 2, 29));
  EXPECT_EQ(Tier(leap, Scores(), CivilDay(2025, 2, 28)).level(), v1::TIER_B);
  EXPECT_EQ(Tier(leap, Scores(), CivilDay(2025, 3, 1)).level(), v1::TIER_D);
}

TEST(TierTest, RegistrationsAndSexualOffending) {
  struct Row {
    const char* name;
    std::function<void(v1::Assessment&)> set;
    v1::TierLevel level;
  };
  const Row rows[] = {
      {"domestic abuse",
       [](v1::Assessment& r) { r.mutable_case_context()->set_domestic_abuse_registration(true); },
       v1::TIER_E},
      {"stalking", [](v1::Assessment& r) { r.mutable_case_context()->set_stalking_registration(true); },
       v1::TIER_F},
      {"child protection",
       [](v1::Assessment& r) { r.mutable_case_context()->set_child_protection_registration(true); },
       v1::TIER_F},
      {"sexual offence ever", [](v1::Assessment& r) { r.set_has_ever_committed_sexual_offence(true); },
       v1::TIER_E},
      {"no sexual offence", [](v1::Assessment& r) { r.set_has_ever_committed_sexual_offence(false); },
       v1::TIER_G},
      {"stalking and domestic abuse",
       [](v1::Assessment& r) {
         r.mutable_case_context()->set_stalking_registration(true);
         r.mutable_case_context()->set_domestic_abuse_registration(true);
       },
       v1::TIER_E},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record();
    row.set(record);
    EXPECT_EQ(Tier(record, Scores()).level(), row.level);
  }
}

TEST(TierTest, TheHighestRuleWins) {
  v1::Assessment record = Record();
  record.mutable_rosh()->set_public_community(v1::HIGH);  // no MAPPA: D
  record.mutable_case_context()->set_stalking_registration(true);  // F
  const v1::Tier tier = Tier(record, Scores(60.0, 1.5));  // rule 1: D
  EXPECT_EQ(tier.level(), v1::TIER_D);
  EXPECT_EQ(tier.reasons_size(), 3);
  record.mutable_case_context()->set_sentence_kind(v1::LIFE);
  *record.mutable_case_context()->mutable_release_date() = ToProtoDate(CivilDay(2025, 12, 1));
  EXPECT_EQ(Tier(record, Scores(60.0, 1.5)).level(), v1::TIER_B);
}

TEST(TierTest, NotSupervisedAndMissing) {
  v1::Assessment unsupervised = Record();
  unsupervised.mutable_case_context()->set_supervision_type(v1::NOT_SUPERVISED);
  EXPECT_EQ(Tier(unsupervised, v1::ScoreSet()).level(), v1::TIER_NOT_SUPERVISED);

  v1::ScoreSet no_arp = Scores();
  no_arp.mutable_arp()->set_status(v1::RESULT_ERROR);
  const v1::Tier missing_arp = Tier(Record(), no_arp);
  EXPECT_EQ(missing_arp.level(), v1::TIER_MISSING);
  EXPECT_FALSE(missing_arp.provisional());
  v1::ScoreSet no_csrp = Scores();
  no_csrp.clear_csrp();
  EXPECT_EQ(Tier(Record(), no_csrp).level(), v1::TIER_MISSING);
  EXPECT_EQ(Tier(Record(), v1::ScoreSet()).level(), v1::TIER_MISSING);
}

TEST(TierTest, InvalidInputsAreErrorsNamingTheField) {
  struct Row {
    const char* name;
    std::function<void(v1::Assessment&)> set;
    v1::ErrorType type;
    const char* field;
  };
  const Row rows[] = {
      {"NOT_APPLICABLE RoSH cell",
       [](v1::Assessment& r) { r.mutable_rosh()->set_staff_custody(v1::NOT_APPLICABLE); },
       v1::VALUE_OUT_OF_RANGE, "rosh.staff_custody"},
      {"MAPPA category 5",
       [](v1::Assessment& r) { r.mutable_case_context()->mutable_mappa()->set_category(5); },
       v1::VALUE_OUT_OF_RANGE, "case_context.mappa.category"},
      {"impossible release date",
       [](v1::Assessment& r) {
         v1::Date* date = r.mutable_case_context()->mutable_release_date();
         date->set_year(2025);
         date->set_month(2);
         date->set_day(29);
       },
       v1::INVALID_DATE, "case_context.release_date"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record();
    row.set(record);
    const v1::Tier tier = Tier(record, Scores());
    EXPECT_EQ(tier.level(), v1::TIER_UNSPECIFIED);
    ASSERT_EQ(tier.errors_size(), 1);
    EXPECT_EQ(tier.errors(0).type(), row.type);
    EXPECT_EQ(tier.errors(0).fields(0), row.field);
  }
}

TEST(TierTest, EveryProvisionalGround) {
  struct Row {
    const char* name;
    std::function<void(v1::Assessment&, v1::ScoreSet&)> set;
    std::vector<std::string> reasons;
  };
  const Row rows[] = {
      {"all dynamic, RoSH rated", [](v1::Assessment&, v1::ScoreSet&) {}, {}},
      {"static ARP", [](v1::Assessment&, v1::ScoreSet& s) { s.mutable_arp()->set_type(v1::STATIC); },
       {"ARP is static"}},
      {"static SVRP under CSRP",
       [](v1::Assessment&, v1::ScoreSet& s) { s.mutable_svrp()->set_type(v1::STATIC); },
       {"CSRP rests on a static SVRP"}},
      {"static CSRP", [](v1::Assessment&, v1::ScoreSet& s) { s.mutable_csrp()->set_type(v1::STATIC); },
       {"CSRP rests on a static SVRP"}},
      {"RoSH not rated", [](v1::Assessment& r, v1::ScoreSet&) { r.clear_rosh(); },
       {"RoSH not rated"}},
      {"everything",
       [](v1::Assessment& r, v1::ScoreSet& s) {
         r.clear_rosh();
         s.mutable_arp()->set_type(v1::STATIC);
         s.mutable_svrp()->set_type(v1::STATIC);
       },
       {"ARP is static", "CSRP rests on a static SVRP", "RoSH not rated"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record();
    v1::ScoreSet scores = Scores();
    row.set(record, scores);
    const v1::Tier tier = Tier(record, scores);
    EXPECT_NE(tier.level(), v1::TIER_UNSPECIFIED);
    EXPECT_TRUE(tier.errors().empty());
    EXPECT_EQ(tier.provisional(), !row.reasons.empty());
    EXPECT_EQ(std::vector<std::string>(tier.provisional_reasons().begin(),
                                       tier.provisional_reasons().end()),
              row.reasons);
  }
}

// ---------------------------------------------------------------------------
// The provisional rule (review-policy.md, Tiering): provisional only when an
// uncertain input (a static ARP, a static CSRP, a missing RoSH) could still
// raise the tier, that is when the other steps do not already reach the
// highest tier that input could give.

constexpr char kArpStatic[] = "ARP is static";
constexpr char kCsrpStatic[] = "CSRP rests on a static SVRP";
constexpr char kNoRosh[] = "RoSH not rated";

// The spec's table, CSRP rows 6.9 / 3.0 / 1.0 / 0.5 / 0 by ARP columns
// 90 / 75 / 50 / 25 / 15 / 0, and a score at each threshold.
constexpr const char* kSpecTable[5] = {"AABBBB", "ABCCCC", "BCDEEE", "CDEEFF", "DDEFFG"};
constexpr double kCsrpAt[5] = {6.90, 3.00, 1.00, 0.50, 0.00};
constexpr double kArpAt[6] = {90.00, 75.00, 50.00, 25.00, 15.00, 0.00};

v1::TierLevel Letter(char c) { return static_cast<v1::TierLevel>(v1::TIER_A + (c - 'A')); }

// Makes the steps other than the ARP x CSRP table reach `level` (G: no
// contribution), through steps that are neither the table nor MAPPA/RoSH:
// DC-SRP for A..E, a stalking registration for F.
void OthersAt(v1::TierLevel level, v1::Assessment& record, v1::ScoreSet& scores) {
  struct Dc {
    v1::RiskBand band;
    double score;
  };
  const Dc dc[] = {{v1::VERY_HIGH, 12.5}, {v1::HIGH, 5.0}, {v1::MEDIUM, 3.36},
                   {v1::MEDIUM, 2.11},    {v1::LOW, 0.3}};
  if (level >= v1::TIER_A && level <= v1::TIER_E) {
    Scored(scores.mutable_dc_srp(), dc[level - v1::TIER_A].score, v1::STATIC);
    scores.mutable_dc_srp()->set_band(dc[level - v1::TIER_A].band);
  } else if (level == v1::TIER_F) {
    record.mutable_case_context()->set_stalking_registration(true);
  }
}

void MakeStatic(bool arp, bool csrp, v1::ScoreSet& scores) {
  if (arp) scores.mutable_arp()->set_type(v1::STATIC);
  if (csrp) scores.mutable_svrp()->set_type(v1::STATIC);  // CSRP's type is SVRP's
}

std::vector<std::string> ProvisionalReasons(const v1::Tier& tier) {
  return {tier.provisional_reasons().begin(), tier.provisional_reasons().end()};
}

using Reasons = std::vector<std::string>;

TEST(TierProvisionalTest, SpecWorkedExample) {
  // ARP 92.10 and CSRP 0.75, both dynamic, no RoSH and no MAPPA: the table
  // already gives C, the most a RoSH rating could give without MAPPA.
  v1::Assessment record = Record();
  record.clear_rosh();
  const v1::Tier tier = Tier(record, Scores(92.10, 0.75));
  EXPECT_EQ(tier.level(), v1::TIER_C);
  EXPECT_FALSE(tier.provisional());
  EXPECT_TRUE(tier.provisional_reasons().empty());
  // With CSRP 0.49 (one hundredth below the 0.5 row) the table gives D,
  // below C: a RoSH rating (VERY_HIGH without MAPPA: C) could still raise it.
  const v1::Tier lower = Tier(record, Scores(92.10, 0.49));
  EXPECT_EQ(lower.level(), v1::TIER_D);
  EXPECT_EQ(ProvisionalReasons(lower), Reasons{kNoRosh});
}

TEST(TierProvisionalTest, EveryStaticDynamicAndRoshCombination) {
  // ARP 60.00 and CSRP 1.50: table D. Dynamic ARP could give at most B on
  // this CSRP row; dynamic CSRP at most B in this ARP column; both, A.
  struct Row {
    bool arp_static, csrp_static, rosh_rated;
    Reasons nothing_else;  // no other step contributes (others G)
    Reasons others_at_b;   // the other steps reach B (DC-SRP HIGH)
  };
  const Row rows[] = {
      {false, false, true, {}, {}},
      {false, false, false, {kNoRosh}, {}},
      {true, false, true, {kArpStatic}, {}},
      {true, false, false, {kArpStatic, kNoRosh}, {}},
      {false, true, true, {kCsrpStatic}, {}},
      {false, true, false, {kCsrpStatic, kNoRosh}, {}},
      {true, true, true, {kArpStatic, kCsrpStatic}, {kArpStatic, kCsrpStatic}},
      {true, true, false, {kArpStatic, kCsrpStatic, kNoRosh}, {kArpStatic, kCsrpStatic}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat("ARP ", row.arp_static ? "static" : "dynamic", ", CSRP ",
                              row.csrp_static ? "static" : "dynamic", ", RoSH ",
                              row.rosh_rated ? "rated" : "missing"));
    for (const v1::TierLevel others : {v1::TIER_G, v1::TIER_B}) {
      v1::Assessment record = Record();
      if (!row.rosh_rated) record.clear_rosh();
      v1::ScoreSet scores = Scores(60.0, 1.5);
      MakeStatic(row.arp_static, row.csrp_static, scores);
      OthersAt(others, record, scores);
      const v1::Tier tier = Tier(record, scores);
      EXPECT_EQ(tier.level(), others == v1::TIER_G ? v1::TIER_D : v1::TIER_B);
      const Reasons& want = others == v1::TIER_G ? row.nothing_else : row.others_at_b;
      EXPECT_EQ(ProvisionalReasons(tier), want) << "others " << TierName(others);
      EXPECT_EQ(tier.provisional(), !want.empty());
    }
  }
}

TEST(TierProvisionalTest, ArpStaticOnlyAtTheCapAndOneBelow) {
  // The cap is the case's CSRP row in the ARP >= 90 column: A, A, B, C, D.
  // The other steps exactly at the cap: final; one tier below: provisional.
  const v1::TierLevel caps[5] = {v1::TIER_A, v1::TIER_A, v1::TIER_B, v1::TIER_C, v1::TIER_D};
  for (int row = 0; row < 5; ++row) {
    SCOPED_TRACE(absl::StrCat("CSRP ", kCsrpAt[row]));
    for (const bool below : {false, true}) {
      v1::Assessment record = Record();
      v1::ScoreSet scores = Scores(10.0, kCsrpAt[row]);
      MakeStatic(true, false, scores);
      OthersAt(static_cast<v1::TierLevel>(caps[row] + (below ? 1 : 0)), record, scores);
      EXPECT_EQ(ProvisionalReasons(Tier(record, scores)), (below ? Reasons{kArpStatic} : Reasons{}))
          << (below ? "one below the cap" : "at the cap");
    }
  }
}

TEST(TierProvisionalTest, CsrpStaticOnlyAtTheCapAndOneBelow) {
  // The cap is the case's ARP column in the CSRP >= 6.9 row: A, A, B, B, B, B.
  const v1::TierLevel caps[6] = {v1::TIER_A, v1::TIER_A, v1::TIER_B,
                                 v1::TIER_B, v1::TIER_B, v1::TIER_B};
  for (int column = 0; column < 6; ++column) {
    SCOPED_TRACE(absl::StrCat("ARP ", kArpAt[column]));
    for (const bool below : {false, true}) {
      v1::Assessment record = Record();
      v1::ScoreSet scores = Scores(kArpAt[column], 0.2);
      MakeStatic(false, true, scores);
      OthersAt(static_cast<v1::TierLevel>(caps[column] + (below ? 1 : 0)), record, scores);
      EXPECT_EQ(ProvisionalReasons(Tier(record, scores)),
                (below ? Reasons{kCsrpStatic} : Reasons{}))
          << (below ? "one below the cap" : "at the cap");
    }
  }
  // A CSRP marked static itself (its SVRP dynamic) is static too.
  v1::ScoreSet scores = Scores(60.0, 1.5);
  scores.mutable_csrp()->set_type(v1::STATIC);
  EXPECT_EQ(ProvisionalReasons(Tier(Record(), scores)), Reasons{kCsrpStatic});
}

TEST(TierProvisionalTest, BothStaticUnlessTheOthersReachA) {
  for (const v1::TierLevel others : {v1::TIER_A, v1::TIER_B, v1::TIER_G}) {
    SCOPED_TRACE(TierName(others));
    v1::Assessment record = Record();
    v1::ScoreSet scores = Scores(60.0, 1.5);
    MakeStatic(true, true, scores);
    OthersAt(others, record, scores);
    EXPECT_EQ(ProvisionalReasons(Tier(record, scores)),
              (others == v1::TIER_A ? Reasons{} : Reasons{kArpStatic, kCsrpStatic}));
  }
  // Reaching A through MAPPA and a VERY_HIGH RoSH counts as much as DC-SRP.
  v1::Assessment mappa = Record();
  mappa.mutable_rosh()->set_public_community(v1::VERY_HIGH);
  mappa.mutable_case_context()->mutable_mappa()->set_category(2);
  v1::ScoreSet scores = Scores(60.0, 1.5);
  MakeStatic(true, true, scores);
  const v1::Tier tier = Tier(mappa, scores);
  EXPECT_EQ(tier.level(), v1::TIER_A);
  EXPECT_FALSE(tier.provisional());
}

TEST(TierProvisionalTest, MissingRoshWithAndWithoutMappa) {
  struct Row {
    const char* name;
    int mappa_category;
    double arp, csrp;         // both dynamic unless arp_static
    bool arp_static;
    v1::TierLevel others;     // the other non-RoSH steps
    v1::TierLevel level;
    Reasons reasons;
  };
  const Row rows[] = {
      // Without MAPPA a RoSH rating gives at most C.
      {"no MAPPA, table C", 0, 92.10, 0.75, false, v1::TIER_G, v1::TIER_C, {}},
      {"no MAPPA, table B", 0, 80.0, 3.5, false, v1::TIER_G, v1::TIER_B, {}},
      {"no MAPPA, table D", 0, 60.0, 1.5, false, v1::TIER_G, v1::TIER_D, {kNoRosh}},
      {"no MAPPA, table D, others C", 0, 60.0, 1.5, false, v1::TIER_C, v1::TIER_C, {}},
      {"no MAPPA, table D, others D", 0, 60.0, 1.5, false, v1::TIER_D, v1::TIER_D, {kNoRosh}},
      // With a MAPPA category a RoSH rating could give A; the MAPPA/RoSH
      // step itself (E, RoSH not rated) does not count.
      {"MAPPA, table A", 3, 95.0, 7.0, false, v1::TIER_G, v1::TIER_A, {}},
      {"MAPPA, table B", 3, 80.0, 3.5, false, v1::TIER_G, v1::TIER_B, {kNoRosh}},
      {"MAPPA, table C", 1, 92.10, 0.75, false, v1::TIER_G, v1::TIER_C, {kNoRosh}},
      {"MAPPA, others A", 1, 10.0, 0.2, false, v1::TIER_A, v1::TIER_A, {}},
      {"MAPPA, others B", 1, 10.0, 0.2, false, v1::TIER_B, v1::TIER_B, {kNoRosh}},
      {"MAPPA, nothing else", 4, 10.0, 0.2, false, v1::TIER_G, v1::TIER_E, {kNoRosh}},
      // The table counts only when ARP and CSRP are both dynamic: a static
      // ARP's table A cannot vouch for the tier.
      {"no MAPPA, static ARP, table A", 0, 95.0, 7.0, true, v1::TIER_G, v1::TIER_A,
       {kArpStatic, kNoRosh}},
      {"no MAPPA, static ARP, others C", 0, 95.0, 7.0, true, v1::TIER_C, v1::TIER_A,
       {kArpStatic}},
      {"MAPPA, static ARP, others A", 2, 10.0, 0.2, true, v1::TIER_A, v1::TIER_A, {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record();
    record.clear_rosh();
    record.mutable_case_context()->mutable_mappa()->set_category(row.mappa_category);
    v1::ScoreSet scores = Scores(row.arp, row.csrp);
    MakeStatic(row.arp_static, false, scores);
    OthersAt(row.others, record, scores);
    const v1::Tier tier = Tier(record, scores);
    EXPECT_EQ(tier.level(), row.level);
    EXPECT_EQ(ProvisionalReasons(tier), row.reasons);
    EXPECT_EQ(tier.provisional(), !row.reasons.empty());
  }
  // A MAPPA level without a category is not "a case with a MAPPA category".
  v1::Assessment level_only = Record();
  level_only.clear_rosh();
  level_only.mutable_case_context()->mutable_mappa()->set_level(2);
  EXPECT_FALSE(Tier(level_only, Scores(92.10, 0.75)).provisional());
}

TEST(TierProvisionalTest, StaticRulesCountTheMappaRoshStep) {
  // ARP static, CSRP 0.20 (cap D): MAPPA with RoSH HIGH gives C, which
  // reaches the cap; MAPPA with RoSH LOW gives E, which does not.
  v1::ScoreSet scores = Scores(10.0, 0.2);
  MakeStatic(true, false, scores);
  v1::Assessment record = Record();
  record.mutable_case_context()->mutable_mappa()->set_category(1);
  record.mutable_rosh()->set_public_community(v1::HIGH);
  EXPECT_FALSE(Tier(record, scores).provisional());
  record.mutable_rosh()->set_public_community(v1::LOW);
  EXPECT_EQ(ProvisionalReasons(Tier(record, scores)), Reasons{kArpStatic});
}

// The whole grid: every table cell, every level of the other steps, every
// static/dynamic combination, RoSH rated (LOW) or missing, with and without
// a MAPPA category, against the spec's rules stated once more here.
TEST(TierProvisionalTest, WholeGridAgainstTheSpecRules) {
  int provisional = 0, total = 0;
  for (int row = 0; row < 5; ++row) {
    for (int column = 0; column < 6; ++column) {
      const v1::TierLevel table = Letter(kSpecTable[row][column]);
      for (int o = v1::TIER_A; o <= v1::TIER_G; ++o) {
        const auto others_level = static_cast<v1::TierLevel>(o);
        for (int mask = 0; mask < 16; ++mask) {
          const bool arp_static = mask & 1, csrp_static = mask & 2, rosh_rated = mask & 4,
                     mappa = mask & 8;
          v1::Assessment record = Record();
          if (!rosh_rated) record.clear_rosh();
          if (mappa) record.mutable_case_context()->mutable_mappa()->set_category(1);
          v1::ScoreSet scores = Scores(kArpAt[column], kCsrpAt[row]);
          MakeStatic(arp_static, csrp_static, scores);
          OthersAt(others_level, record, scores);

          // MAPPA with RoSH LOW or not rated gives E; without MAPPA, nothing.
          const v1::TierLevel rosh_step = mappa ? v1::TIER_E : v1::TIER_G;
          const v1::TierLevel others = std::min(others_level, rosh_step);
          Reasons want;
          v1::TierLevel cap = v1::TIER_UNSPECIFIED;
          if (arp_static && csrp_static) {
            cap = v1::TIER_A;
          } else if (arp_static) {
            cap = Letter(kSpecTable[row][0]);
          } else if (csrp_static) {
            cap = Letter(kSpecTable[0][column]);
          }
          if (cap != v1::TIER_UNSPECIFIED && others > cap) {
            if (arp_static) want.push_back(kArpStatic);
            if (csrp_static) want.push_back(kCsrpStatic);
          }
          if (!rosh_rated) {
            const v1::TierLevel others_prime =
                !arp_static && !csrp_static ? std::min(others_level, table) : others_level;
            if (others_prime > (mappa ? v1::TIER_A : v1::TIER_C)) want.push_back(kNoRosh);
          }

          SCOPED_TRACE(absl::StrCat("cell ", row, ",", column, " others ", TierName(others_level),
                                    " mask ", mask));
          const v1::Tier tier = Tier(record, scores);
          ASSERT_EQ(tier.level(), std::min(table, others));
          ASSERT_EQ(ProvisionalReasons(tier), want);
          ASSERT_EQ(tier.provisional(), !want.empty());
          provisional += tier.provisional();
          ++total;
        }
      }
    }
  }
  EXPECT_EQ(total, 5 * 6 * 7 * 16);
  EXPECT_GT(provisional, 0);
  EXPECT_LT(provisional, total);
}

}  // namespace
}  // namespace assay::review
