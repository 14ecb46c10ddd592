// Review decisions: mode, intervals, events, professional judgement, the
// currency limit and overdue arithmetic, under both built-in policies, plus
// property tests over generated cases.
#include "engine/review/decision.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/review/rosh.h"
#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::review {
namespace {

using ::assay::scoring::CivilDay;
using ::assay::scoring::ToCivilDay;
using ::assay::scoring::ToProtoDate;

const Policy& Ns2011() { return **BuiltinPolicy("ns2011"); }
const Policy& Ns2007() { return **BuiltinPolicy("ns2007"); }

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

CivilDay Day(const v1::Date& date) {
  const std::optional<CivilDay> day = ToCivilDay(date);
  EXPECT_TRUE(day.has_value()) << date.DebugString();
  return day.value_or(CivilDay());
}

// Assessment 2025-10-03 (a Friday): +16 weeks 2026-01-23, +26 2026-04-03,
// +39 2026-07-03, +52 2026-10-02, currency limit (+55) 2026-10-23.
constexpr CivilDay kAssessed(2025, 10, 3);
constexpr CivilDay kPlus16(2026, 1, 23);
constexpr CivilDay kPlus26(2026, 4, 3);
constexpr CivilDay kPlus39(2026, 7, 3);
constexpr CivilDay kPlus52(2026, 10, 2);
constexpr CivilDay kCurrency(2026, 10, 23);
constexpr CivilDay kAsOf(2025, 12, 1);

v1::Assessment Record(v1::RiskBand public_community = v1::MEDIUM) {
  v1::Assessment record;
  record.set_assessment_id("A-1");
  record.set_case_reference("X1");
  *record.mutable_assessment_date() = ToProtoDate(kAssessed);
  record.mutable_rosh()->set_public_community(public_community);
  record.mutable_case_context()->set_supervision_type(v1::COMMUNITY_ORDER);
  return record;
}

void SetResult(v1::PredictorResult* result, v1::RiskBand band) {
  if (band == v1::RISK_BAND_UNSPECIFIED) {
    result->set_status(v1::RESULT_ERROR);
  } else {
    result->set_status(v1::RESULT_SCORED);
    result->set_band(band);
  }
  result->set_model_version("1.0");
}

v1::ScoreSet Scores(v1::RiskBand arp, v1::RiskBand vrp = v1::LOW, v1::RiskBand svrp = v1::LOW,
                    v1::RiskBand csrp = v1::LOW) {
  v1::ScoreSet scores;
  scores.set_assessment_id("A-1");
  SetResult(scores.mutable_arp(), arp);
  SetResult(scores.mutable_vrp(), vrp);
  SetResult(scores.mutable_svrp(), svrp);
  SetResult(scores.mutable_csrp(), csrp);
  return scores;
}

v1::ReviewDecision Decide(const v1::Assessment& record, const v1::ScoreSet& scores,
                          const Policy& policy = Ns2011(), CivilDay as_of = kAsOf) {
  return DecideReview(record, scores, policy, as_of);
}

std::vector<std::pair<v1::ErrorType, std::string>> ErrorsOf(
    const google::protobuf::RepeatedPtrField<v1::ValidationError>& errors) {
  std::vector<std::pair<v1::ErrorType, std::string>> out;
  for (const v1::ValidationError& error : errors) {
    out.emplace_back(error.type(), error.fields_size() > 0 ? error.fields(0) : "");
  }
  return out;
}

using ErrorPairs = std::vector<std::pair<v1::ErrorType, std::string>>;

Policy Modified(const Policy& base, const std::function<void(v1::ReviewPolicy&)>& mutate) {
  v1::ReviewPolicy proto = base.proto();
  mutate(proto);
  absl::StatusOr<Policy> policy = Policy::Create(proto);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

// ---------------------------------------------------------------------------
// Mode: RoSH level x MAPPA level.

TEST(DecisionModeTest, EachRoshLevelAndEachMappaLevel) {
  for (v1::RiskBand rosh : {v1::LOW, v1::MEDIUM, v1::HIGH, v1::VERY_HIGH}) {
    for (int mappa_level = 0; mappa_level <= 3; ++mappa_level) {
      SCOPED_TRACE(absl::StrCat(v1::RiskBand_Name(rosh), " MAPPA ", mappa_level));
      v1::Assessment record = Record(rosh);
      if (mappa_level > 0) {
        record.mutable_case_context()->mutable_mappa()->set_category(1);
        record.mutable_case_context()->mutable_mappa()->set_level(mappa_level);
      }
      const v1::ReviewDecision decision = Decide(record, Scores(v1::MEDIUM));
      ASSERT_TRUE(decision.errors().empty());
      const bool rosh_mandates = rosh == v1::HIGH || rosh == v1::VERY_HIGH;
      const bool mappa_mandates = mappa_level >= 2;
      EXPECT_EQ(decision.basis().overall_rosh(), rosh);
      EXPECT_EQ(decision.basis().rosh_cells_size(), 1);
      EXPECT_EQ(decision.basis().rosh_cells(0), "public_community");
      EXPECT_EQ(decision.basis().rosh_mandated(), rosh_mandates);
      EXPECT_EQ(decision.basis().mappa_level(), mappa_mandates ? mappa_level : 0);
      EXPECT_FALSE(decision.basis().all_community_cases_mandated());
      if (rosh_mandates || mappa_mandates) {
        EXPECT_EQ(decision.mode(), v1::MANDATED);
        EXPECT_EQ(Day(decision.interval_due()), kPlus16);
        EXPECT_EQ(decision.basis().interval_weeks(), 16);
        EXPECT_EQ(decision.basis().interval_source(),
                  rosh_mandates ? absl::StrCat("RoSH ", v1::RiskBand_Name(rosh))
                                : absl::StrCat("MAPPA level ", mappa_level));
      } else {
        EXPECT_EQ(decision.mode(), v1::DISCRETIONARY);
        EXPECT_EQ(Day(decision.interval_due()), kPlus39);
        EXPECT_EQ(decision.basis().interval_source(), "ARP MEDIUM");
      }
      EXPECT_EQ(Day(decision.proposed_due()), Day(decision.interval_due()));
      EXPECT_EQ(Day(decision.effective_due()), Day(decision.proposed_due()));
      EXPECT_FALSE(decision.has_practitioner());
      EXPECT_EQ(decision.policy_version(), "ns2011/1");
      EXPECT_EQ(decision.model_version(), "1.0");
      EXPECT_EQ(decision.assessment_id(), "A-1");
      EXPECT_EQ(Day(decision.assessment_date()), kAssessed);
      EXPECT_EQ(Day(decision.as_of()), kAsOf);
      EXPECT_EQ(Day(decision.currency_limit_date()), kCurrency);
    }
  }
}

TEST(DecisionModeTest, CustodyCellsCountOnlyWhenThePolicySaysSo) {
  const Policy community_only =
      Modified(Ns2011(), [](v1::ReviewPolicy& p) { p.set_include_custody_cells(false); });
  v1::Assessment record = Record(v1::MEDIUM);
  record.mutable_rosh()->set_staff_custody(v1::VERY_HIGH);
  const v1::ReviewDecision counted = Decide(record, Scores(v1::LOW));
  EXPECT_EQ(counted.mode(), v1::MANDATED);
  EXPECT_EQ(counted.basis().overall_rosh(), v1::VERY_HIGH);
  ASSERT_EQ(counted.basis().rosh_cells_size(), 1);
  EXPECT_EQ(counted.basis().rosh_cells(0), "staff_custody");
  const v1::ReviewDecision excluded = Decide(record, Scores(v1::LOW), community_only);
  EXPECT_EQ(excluded.mode(), v1::DISCRETIONARY);
  EXPECT_EQ(excluded.basis().overall_rosh(), v1::MEDIUM);

  // Only custody cells rated, custody excluded: no overall RoSH.
  v1::Assessment custody_only = Record(v1::RISK_BAND_UNSPECIFIED);
  custody_only.mutable_rosh()->set_public_custody(v1::HIGH);
  const v1::ReviewDecision none = Decide(custody_only, Scores(v1::LOW), community_only);
  EXPECT_EQ(none.mode(), v1::REVIEW_MODE_UNSPECIFIED);
  EXPECT_EQ(ErrorsOf(none.errors()), (ErrorPairs{{v1::ROSH_NOT_RATED, "rosh"}}));
}

TEST(DecisionModeTest, MappaMandatesEvenWithLowRoshAndTakesTheEarlierInterval) {
  const Policy mappa_8_weeks = Modified(Ns2011(), [](v1::ReviewPolicy& p) {
    p.mutable_mappa_interval()->set_weeks(8);
  });
  v1::Assessment record = Record(v1::HIGH);
  record.mutable_case_context()->mutable_mappa()->set_category(2);
  record.mutable_case_context()->mutable_mappa()->set_level(3);
  const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), mappa_8_weeks);
  EXPECT_EQ(decision.mode(), v1::MANDATED);
  EXPECT_TRUE(decision.basis().rosh_mandated());
  EXPECT_EQ(decision.basis().mappa_level(), 3);
  EXPECT_EQ(decision.basis().interval_source(), "MAPPA level 3");
  EXPECT_EQ(Day(decision.interval_due()), kAssessed + 56);
}

// ---------------------------------------------------------------------------
// Discretionary proposal from the predictor bands.

TEST(DiscretionaryTest, BandTable) {
  constexpr auto U = v1::RISK_BAND_UNSPECIFIED;
  constexpr auto L = v1::LOW, M = v1::MEDIUM, H = v1::HIGH, V = v1::VERY_HIGH;
  struct Row {
    v1::RiskBand arp, vrp, svrp, csrp;
    CivilDay due;
    const char* source;
    int weeks;
  };
  const Row rows[] = {
      {L, L, L, L, kPlus52, "ARP LOW", 52},
      {M, L, L, L, kPlus39, "ARP MEDIUM", 39},
      {H, L, L, L, kPlus26, "ARP HIGH", 26},
      {V, L, L, L, kPlus16, "ARP VERY_HIGH", 16},
      {L, H, L, L, kPlus26, "VRP HIGH", 26},
      {M, L, V, L, kPlus16, "SVRP VERY_HIGH", 16},
      {L, M, L, H, kPlus26, "CSRP HIGH", 26},
      {L, M, M, L, kPlus39, "VRP MEDIUM", 39},
      // A lower (or equal) band never lengthens or re-labels ARP's interval.
      {H, M, L, M, kPlus26, "ARP HIGH", 26},
      {H, H, H, H, kPlus26, "ARP HIGH", 26},
      // No ARP band: the highest of the others.
      {U, M, H, L, kPlus26, "SVRP HIGH", 26},
      {U, L, U, U, kPlus52, "VRP LOW", 52},
      // No band at all: the currency limit.
      {U, U, U, U, kCurrency, "no predictor band", 55},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.source);
    const v1::ReviewDecision decision =
        Decide(Record(v1::LOW), Scores(row.arp, row.vrp, row.svrp, row.csrp));
    ASSERT_EQ(decision.mode(), v1::DISCRETIONARY);
    EXPECT_EQ(Day(decision.interval_due()), row.due);
    EXPECT_EQ(decision.basis().interval_source(), row.source);
    EXPECT_EQ(decision.basis().interval_weeks(), row.weeks);
    EXPECT_FALSE(decision.basis().capped_at_currency_limit());
  }
}

TEST(DiscretionaryTest, OnlyScoredResultsWithARealBandCount) {
  v1::ScoreSet scores = Scores(v1::LOW, v1::LOW, v1::LOW, v1::LOW);
  scores.mutable_vrp()->set_status(v1::RESULT_ERROR);
  scores.mutable_vrp()->set_band(v1::VERY_HIGH);  // stale band on an error: ignored
  scores.mutable_csrp()->set_band(v1::NOT_APPLICABLE);
  const v1::ReviewDecision decision = Decide(Record(v1::LOW), scores);
  EXPECT_EQ(decision.basis().interval_source(), "ARP LOW");
  EXPECT_EQ(Day(decision.interval_due()), kPlus52);
}

TEST(CurrencyLimitTest, IntervalsLongerThanTheLimitAreCutBack) {
  const Policy long_intervals = Modified(Ns2011(), [](v1::ReviewPolicy& p) {
    p.mutable_discretionary_intervals(3)->set_weeks(60);  // LOW
    p.mutable_mandated_intervals(0)->set_months(14);      // HIGH
  });
  const v1::ReviewDecision low = Decide(Record(v1::LOW), Scores(v1::LOW), long_intervals);
  EXPECT_EQ(Day(low.interval_due()), kCurrency);
  EXPECT_TRUE(low.basis().capped_at_currency_limit());
  EXPECT_EQ(low.basis().interval_weeks(), 60);
  const v1::ReviewDecision high = Decide(Record(v1::HIGH), Scores(v1::LOW), long_intervals);
  EXPECT_EQ(high.mode(), v1::MANDATED);
  EXPECT_EQ(Day(high.interval_due()), kCurrency);
  EXPECT_TRUE(high.basis().capped_at_currency_limit());
  EXPECT_EQ(high.basis().interval_months(), 14);
}

TEST(CurrencyLimitTest, OutOfDateOnlyAfterTheLimitDate) {
  struct Row {
    CivilDay as_of;
    bool out_of_date;
  };
  for (const Row& row : {Row{kCurrency - 1, false}, Row{kCurrency, false},
                         Row{kCurrency + 1, true}, Row{kAssessed, false},
                         Row{kAssessed - 10, false}, Row{CivilDay(2030, 1, 1), true}}) {
    const v1::ReviewDecision decision = Decide(Record(), Scores(v1::LOW), Ns2011(), row.as_of);
    EXPECT_EQ(decision.assessment_out_of_date(), row.out_of_date) << row.as_of;
  }
}

// ---------------------------------------------------------------------------
// Events.

TEST(EventTest, EachEventTypeForMandatedAndDiscretionaryCases) {
  struct Row {
    v1::CaseEventType type;
    bool mandated_only;
    int days;  // -1: due on the event date
  };
  const Row rows[] = {
      {v1::SIGNIFICANT_CHANGE, false, 10}, {v1::NEW_OFFENCE, false, 10},
      {v1::RECALL_TO_CUSTODY, false, 10},  {v1::RELEASE_FROM_CUSTODY, false, -1},
      {v1::TRANSFER_IN, false, 10},        {v1::TRANSFER_OUT, false, 10},
      {v1::BREACH_PROCEEDINGS, true, 10},  {v1::CHANGE_OF_ADDRESS, true, 10},
      {v1::SUPERVISION_ENDING, false, -1}, {v1::ROSH_ESCALATION, false, 5},
  };
  const CivilDay event_day(2025, 11, 25);
  for (const Row& row : rows) {
    for (bool mandated : {true, false}) {
      SCOPED_TRACE(absl::StrCat(v1::CaseEventType_Name(row.type), mandated ? " mandated" : " discretionary"));
      v1::Assessment record = Record(mandated ? v1::VERY_HIGH : v1::LOW);
      v1::CaseEvent* event = record.mutable_case_context()->add_events();
      event->set_type(row.type);
      *event->mutable_date() = ToProtoDate(event_day);
      const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW));
      ASSERT_TRUE(decision.errors().empty());
      ASSERT_EQ(decision.mode(), mandated ? v1::MANDATED : v1::DISCRETIONARY);
      const CivilDay interval = mandated ? kPlus16 : kPlus52;
      EXPECT_EQ(Day(decision.interval_due()), interval);
      if (row.mandated_only && !mandated) {
        EXPECT_EQ(decision.basis().events_size(), 0);
        EXPECT_EQ(Day(decision.proposed_due()), interval);
        continue;
      }
      const CivilDay due = row.days < 0 ? event_day : event_day + row.days;
      ASSERT_EQ(decision.basis().events_size(), 1);
      EXPECT_EQ(decision.basis().events(0).event(), row.type);
      EXPECT_EQ(Day(decision.basis().events(0).event_date()), event_day);
      EXPECT_EQ(Day(decision.basis().events(0).due()), due);
      EXPECT_TRUE(decision.basis().events(0).sets_proposed_due());
      EXPECT_EQ(Day(decision.proposed_due()), due);
      EXPECT_EQ(Day(decision.effective_due()), due);
    }
  }
}

TEST(EventTest, EarliestDueWinsAndLaterEventsAreListedButDoNotSetTheDate) {
  v1::Assessment record = Record(v1::HIGH);
  auto add = [&](v1::CaseEventType type, CivilDay day) {
    v1::CaseEvent* event = record.mutable_case_context()->add_events();
    event->set_type(type);
    *event->mutable_date() = ToProtoDate(day);
  };
  add(v1::SUPERVISION_ENDING, CivilDay(2026, 6, 30));  // after the interval
  add(v1::TRANSFER_IN, CivilDay(2025, 12, 1));         // due 12-11
  add(v1::ROSH_ESCALATION, CivilDay(2025, 12, 4));     // due 12-09
  add(v1::NEW_OFFENCE, CivilDay(2025, 9, 1));          // before the assessment: not applied
  const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW));
  ASSERT_EQ(decision.basis().events_size(), 3);
  EXPECT_FALSE(decision.basis().events(0).sets_proposed_due());
  EXPECT_FALSE(decision.basis().events(1).sets_proposed_due());
  EXPECT_TRUE(decision.basis().events(2).sets_proposed_due());
  EXPECT_EQ(Day(decision.proposed_due()), CivilDay(2025, 12, 9));
  EXPECT_EQ(Day(decision.interval_due()), kPlus16);
}

TEST(EventTest, EventOnTheAssessmentDateApplies) {
  v1::Assessment record = Record(v1::LOW);
  v1::CaseEvent* event = record.mutable_case_context()->add_events();
  event->set_type(v1::SIGNIFICANT_CHANGE);
  *event->mutable_date() = ToProtoDate(kAssessed);
  EXPECT_EQ(Day(Decide(record, Scores(v1::LOW)).proposed_due()), kAssessed + 10);
}

// ---------------------------------------------------------------------------
// Invalid records.

TEST(InvalidRecordTest, EachProblemIsNamedAndNoDateIsSet) {
  struct Row {
    const char* name;
    std::function<void(v1::Assessment&)> mutate;
    ErrorPairs errors;
  };
  const Row rows[] = {
      {"no assessment date", [](v1::Assessment& r) { r.clear_assessment_date(); },
       {{v1::MISSING_MANDATORY_INPUT, "assessment_date"}}},
      {"impossible assessment date",
       [](v1::Assessment& r) { *r.mutable_assessment_date() = D(2025, 2, 29); },
       {{v1::INVALID_DATE, "assessment_date"}}},
      {"no RoSH", [](v1::Assessment& r) { r.clear_rosh(); }, {{v1::ROSH_NOT_RATED, "rosh"}}},
      {"NOT_APPLICABLE cell",
       [](v1::Assessment& r) { r.mutable_rosh()->set_children_custody(v1::NOT_APPLICABLE); },
       {{v1::VALUE_OUT_OF_RANGE, "rosh.children_custody"}}},
      {"MAPPA level 4",
       [](v1::Assessment& r) { r.mutable_case_context()->mutable_mappa()->set_level(4); },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.mappa.level"}}},
      {"MAPPA level -1",
       [](v1::Assessment& r) { r.mutable_case_context()->mutable_mappa()->set_level(-1); },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.mappa.level"}}},
      {"MAPPA category 5",
       [](v1::Assessment& r) { r.mutable_case_context()->mutable_mappa()->set_category(5); },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.mappa.category"}}},
      {"unknown supervision type",
       [](v1::Assessment& r) {
         r.mutable_case_context()->set_supervision_type(static_cast<v1::SupervisionType>(42));
       },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.supervision_type"}}},
      {"event without type",
       [](v1::Assessment& r) {
         *r.mutable_case_context()->add_events()->mutable_date() = D(2025, 11, 1);
       },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.events[0].type"}}},
      {"event of unknown type",
       [](v1::Assessment& r) {
         v1::CaseEvent* e = r.mutable_case_context()->add_events();
         e->set_type(static_cast<v1::CaseEventType>(77));
         *e->mutable_date() = D(2025, 11, 1);
       },
       {{v1::VALUE_OUT_OF_RANGE, "case_context.events[0].type"}}},
      {"event without date",
       [](v1::Assessment& r) {
         r.mutable_case_context()->add_events()->set_type(v1::NEW_OFFENCE);
       },
       {{v1::MISSING_MANDATORY_INPUT, "case_context.events[0].date"}}},
      {"event with impossible date",
       [](v1::Assessment& r) {
         v1::CaseEvent* e = r.mutable_case_context()->add_events();
         e->set_type(v1::NEW_OFFENCE);
         *e->mutable_date() = D(2025, 13, 1);
       },
       {{v1::INVALID_DATE, "case_context.events[0].date"}}},
      {"everything at once",
       [](v1::Assessment& r) {
         r.clear_assessment_date();
         r.clear_rosh();
         r.mutable_case_context()->mutable_mappa()->set_level(9);
       },
       {{v1::MISSING_MANDATORY_INPUT, "assessment_date"},
        {v1::ROSH_NOT_RATED, "rosh"},
        {v1::VALUE_OUT_OF_RANGE, "case_context.mappa.level"}}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record(v1::HIGH);
    row.mutate(record);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW));
    EXPECT_EQ(ErrorsOf(decision.errors()), row.errors);
    EXPECT_EQ(decision.mode(), v1::REVIEW_MODE_UNSPECIFIED);
    EXPECT_FALSE(decision.has_proposed_due());
    EXPECT_FALSE(decision.has_effective_due());
    EXPECT_FALSE(decision.has_practitioner());
    EXPECT_EQ(decision.assessment_id(), "A-1");
    EXPECT_EQ(decision.policy_version(), "ns2011/1");
  }
}

// ---------------------------------------------------------------------------
// Professional judgement.

constexpr char kRationale[] = "Stable accommodation and full engagement since the order began.";

v1::PractitionerDecision Practitioner(CivilDay chosen) {
  v1::PractitionerDecision decision;
  *decision.mutable_chosen_review_date() = ToProtoDate(chosen);
  decision.set_reason(v1::EVIDENCE_OF_PROGRESS);
  decision.set_rationale(kRationale);
  decision.set_practitioner_id("P-77");
  decision.mutable_decided_at()->set_seconds(1760000000);
  return decision;
}

struct OverrideRow {
  const char* name;
  v1::RiskBand rosh;  // HIGH: mandated (proposed kPlus16); LOW: discretionary (kPlus52)
  std::function<void(v1::PractitionerDecision&)> edit;
  bool accepted;
  bool differs;
  ErrorPairs errors;
};

constexpr char kChosen[] = "case_context.practitioner_decision.chosen_review_date";
constexpr char kReason[] = "case_context.practitioner_decision.reason";
constexpr char kText[] = "case_context.practitioner_decision.rationale";
constexpr char kId[] = "case_context.practitioner_decision.practitioner_id";
constexpr char kAt[] = "case_context.practitioner_decision.decided_at";

void Choose(v1::PractitionerDecision& d, CivilDay day) {
  *d.mutable_chosen_review_date() = ToProtoDate(day);
}

std::vector<OverrideRow> OverrideRows() {
  using PD = v1::PractitionerDecision;
  const std::string nineteen(19, 'x');
  const std::string twenty(20, 'x');
  std::string accented19, accented20;
  for (int i = 0; i < 19; ++i) accented19 += "\xc3\xa9";  // U+00E9, 2 bytes each
  accented20 = accented19 + "\xc3\xa9";
  return {
      // Mandated.
      {"mandated: same date, nothing else needed", v1::HIGH,
       [](PD& d) { d = PD(); Choose(d, kPlus16); }, true, false, {}},
      {"mandated: earlier date with rationale", v1::HIGH, [](PD& d) { Choose(d, kPlus16 - 30); },
       true, true, {}},
      {"mandated: later date rejected", v1::HIGH, [](PD& d) { Choose(d, kPlus16 + 1); }, false,
       true, {{v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL, kChosen}}},
      {"mandated: much later date rejected", v1::HIGH, [](PD& d) { Choose(d, kPlus52); }, false,
       true, {{v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL, kChosen}}},
      {"mandated: before the assessment", v1::HIGH, [](PD& d) { Choose(d, kAssessed - 1); },
       false, true, {{v1::PRACTITIONER_DATE_BEFORE_ASSESSMENT, kChosen}}},
      {"mandated: on the assessment date", v1::HIGH, [](PD& d) { Choose(d, kAssessed); }, true,
       true, {}},
      {"mandated: earlier without rationale", v1::HIGH,
       [](PD& d) { Choose(d, kPlus16 - 1); d.clear_rationale(); }, false, true,
       {{v1::RATIONALE_REQUIRED, kText}}},
      // Discretionary.
      {"discretionary: same date", v1::LOW, [](PD& d) { d = PD(); Choose(d, kPlus52); }, true,
       false, {}},
      {"discretionary: later, up to the currency limit", v1::LOW,
       [](PD& d) { Choose(d, kCurrency); }, true, true, {}},
      {"discretionary: past the currency limit", v1::LOW,
       [](PD& d) { Choose(d, kCurrency + 1); }, false, true,
       {{v1::PRACTITIONER_DATE_AFTER_CURRENCY_LIMIT, kChosen}}},
      {"discretionary: earlier", v1::LOW, [](PD& d) { Choose(d, kAssessed + 7); }, true, true, {}},
      {"discretionary: on the assessment date", v1::LOW, [](PD& d) { Choose(d, kAssessed); },
       true, true, {}},
      {"discretionary: before the assessment", v1::LOW,
       [](PD& d) { Choose(d, kAssessed - 1); }, false, true,
       {{v1::PRACTITIONER_DATE_BEFORE_ASSESSMENT, kChosen}}},
      // The rationale, for a date that differs.
      {"no reason code", v1::LOW, [](PD& d) { Choose(d, kPlus26); d.clear_reason(); }, false, true,
       {{v1::RATIONALE_REASON_REQUIRED, kReason}}},
      {"unknown reason code", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_reason(static_cast<v1::RationaleReason>(40)); },
       false, true, {{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason}}},
      {"no rationale", v1::LOW, [](PD& d) { Choose(d, kPlus26); d.clear_rationale(); }, false,
       true, {{v1::RATIONALE_REQUIRED, kText}}},
      {"blank rationale", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_rationale("   \t\n                    "); }, false,
       true, {{v1::RATIONALE_REQUIRED, kText}}},
      {"19 characters", v1::LOW, [=](PD& d) { Choose(d, kPlus26); d.set_rationale(nineteen); },
       false, true, {{v1::RATIONALE_TOO_SHORT, kText}}},
      {"20 characters", v1::LOW, [=](PD& d) { Choose(d, kPlus26); d.set_rationale(twenty); },
       true, true, {}},
      {"19 characters padded with blanks", v1::LOW,
       [=](PD& d) { Choose(d, kPlus26); d.set_rationale("  " + nineteen + "  "); }, false, true,
       {{v1::RATIONALE_TOO_SHORT, kText}}},
      {"19 two-byte characters", v1::LOW,
       [=](PD& d) { Choose(d, kPlus26); d.set_rationale(accented19); }, false, true,
       {{v1::RATIONALE_TOO_SHORT, kText}}},
      {"20 two-byte characters", v1::LOW,
       [=](PD& d) { Choose(d, kPlus26); d.set_rationale(accented20); }, true, true, {}},
      // Blanks are exactly space, tab, newline, carriage return, form feed
      // and vertical tab, trimmed at both ends only (review-policy.md).
      {"rationale of every kind of blank", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_rationale(std::string(" \t\n\r\f\v", 6) + "\r\f\v"); },
       false, true, {{v1::RATIONALE_REQUIRED, kText}}},
      {"empty rationale", v1::LOW, [](PD& d) { Choose(d, kPlus26); d.set_rationale(""); }, false,
       true, {{v1::RATIONALE_REQUIRED, kText}}},
      {"19 characters padded with every kind of blank", v1::LOW,
       [=](PD& d) {
         Choose(d, kPlus26);
         d.set_rationale(" \t\n\r\f\v" + nineteen + "\v\f\r\n\t ");
       },
       false, true, {{v1::RATIONALE_TOO_SHORT, kText}}},
      {"20 characters padded with blanks", v1::LOW,
       [=](PD& d) { Choose(d, kPlus26); d.set_rationale("\r\n " + twenty + "\t\v"); }, true,
       true, {}},
      {"inner blanks count", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_rationale("x" + std::string(18, ' ') + "x"); }, true,
       true, {}},
      {"inner blanks count, 19 in all", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_rationale("x" + std::string(17, '\t') + "x"); },
       false, true, {{v1::RATIONALE_TOO_SHORT, kText}}},
      {"a no-break space is not a blank", v1::LOW,
       [=](PD& d) { Choose(d, kPlus26); d.set_rationale("\xc2\xa0" + nineteen); }, true, true,
       {}},
      {"no practitioner id", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.clear_practitioner_id(); }, false, true,
       {{v1::PRACTITIONER_ID_REQUIRED, kId}}},
      {"blank practitioner id", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_practitioner_id("  "); }, false, true,
       {{v1::PRACTITIONER_ID_REQUIRED, kId}}},
      {"practitioner id of every kind of blank", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_practitioner_id(" \t\n\r\f\v"); }, false, true,
       {{v1::PRACTITIONER_ID_REQUIRED, kId}}},
      {"practitioner id padded with blanks", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.set_practitioner_id("\t P-77 \n"); }, true, true, {}},
      {"no timestamp", v1::LOW, [](PD& d) { Choose(d, kPlus26); d.clear_decided_at(); }, false,
       true, {{v1::DECISION_TIMESTAMP_REQUIRED, kAt}}},
      {"impossible timestamp", v1::LOW,
       [](PD& d) { Choose(d, kPlus26); d.mutable_decided_at()->set_nanos(-1); }, false, true,
       {{v1::VALUE_OUT_OF_RANGE, kAt}}},
      {"nothing but a different date", v1::LOW,
       [](PD& d) { d = PD(); Choose(d, kPlus26); }, false, true,
       {{v1::RATIONALE_REASON_REQUIRED, kReason},
        {v1::RATIONALE_REQUIRED, kText},
        {v1::PRACTITIONER_ID_REQUIRED, kId},
        {v1::DECISION_TIMESTAMP_REQUIRED, kAt}}},
      {"later than the mandated interval and no rationale", v1::HIGH,
       [](PD& d) { Choose(d, kPlus26); d.clear_rationale(); }, false, true,
       {{v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL, kChosen},
        {v1::RATIONALE_REQUIRED, kText}}},
      // The same date needs nothing, but a reason given must be known.
      {"same date, unknown reason", v1::LOW,
       [](PD& d) { Choose(d, kPlus52); d.set_reason(static_cast<v1::RationaleReason>(40)); },
       false, false, {{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason}}},
      // The date itself.
      {"no date", v1::LOW, [](PD& d) { d.clear_chosen_review_date(); }, false, false,
       {{v1::MISSING_MANDATORY_INPUT, kChosen}}},
      {"impossible date", v1::LOW,
       [](PD& d) { *d.mutable_chosen_review_date() = D(2026, 2, 30); }, false, false,
       {{v1::INVALID_DATE, kChosen}}},
  };
}

TEST(PractitionerTest, EveryBranchOfTheOverride) {
  for (const OverrideRow& row : OverrideRows()) {
    SCOPED_TRACE(row.name);
    v1::Assessment record = Record(row.rosh);
    v1::PractitionerDecision* given = record.mutable_case_context()->mutable_practitioner_decision();
    *given = Practitioner(kPlus26);
    row.edit(*given);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW));
    ASSERT_TRUE(decision.errors().empty());
    const CivilDay proposed = row.rosh == v1::HIGH ? kPlus16 : kPlus52;
    ASSERT_EQ(Day(decision.proposed_due()), proposed);
    ASSERT_TRUE(decision.has_practitioner());
    const v1::PractitionerOutcome& outcome = decision.practitioner();
    EXPECT_EQ(outcome.accepted(), row.accepted);
    EXPECT_EQ(outcome.differs_from_proposal(), row.differs);
    EXPECT_EQ(ErrorsOf(outcome.errors()), row.errors);
    EXPECT_EQ(outcome.reason(), given->reason());
    EXPECT_EQ(outcome.practitioner_id(), given->practitioner_id());
    if (row.accepted) {
      EXPECT_EQ(Day(decision.effective_due()), Day(given->chosen_review_date()));
    } else {
      EXPECT_EQ(Day(decision.effective_due()), proposed);
    }
    // The free text never leaves the input.
    std::string serialized;
    ASSERT_TRUE(decision.SerializeToString(&serialized));
    if (given->rationale().size() >= 20) {
      EXPECT_EQ(serialized.find(given->rationale()), std::string::npos);
    }
  }
}

TEST(PractitionerTest, MandatedDateMayBeAfterAnEventDueButNotAfterTheFixedInterval) {
  v1::Assessment record = Record(v1::VERY_HIGH);
  v1::CaseEvent* event = record.mutable_case_context()->add_events();
  event->set_type(v1::CHANGE_OF_ADDRESS);
  *event->mutable_date() = D(2025, 11, 10);
  *record.mutable_case_context()->mutable_practitioner_decision() = Practitioner(kPlus16);
  const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW));
  EXPECT_EQ(Day(decision.proposed_due()), CivilDay(2025, 11, 20));
  EXPECT_TRUE(decision.practitioner().accepted());
  EXPECT_TRUE(decision.practitioner().differs_from_proposal());
  EXPECT_EQ(Day(decision.effective_due()), kPlus16);
}

TEST(PractitionerTest, ReasonCodesComeFromThePolicy) {
  const Policy strict = Modified(Ns2011(), [](v1::ReviewPolicy& p) {
    p.clear_rationale_reasons();
    p.add_rationale_reasons(v1::RISK_INDICATORS);
    p.set_min_rationale_length(100);
  });
  v1::Assessment record = Record(v1::LOW);
  *record.mutable_case_context()->mutable_practitioner_decision() = Practitioner(kPlus26);
  const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), strict);
  EXPECT_EQ(ErrorsOf(decision.practitioner().errors()),
            (ErrorPairs{{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason},
                        {v1::RATIONALE_TOO_SHORT, kText}}));
}

// A reason code, whenever one is given, must be in the policy's list, even
// when the chosen date equals the proposal and no rationale is required.
TEST(PractitionerTest, AGivenReasonIsCheckedEvenWhenTheDateEqualsTheProposal) {
  const Policy strict = Modified(Ns2011(), [](v1::ReviewPolicy& p) {
    p.clear_rationale_reasons();
    p.add_rationale_reasons(v1::RISK_INDICATORS);
  });
  struct Row {
    const char* name;
    v1::RiskBand rosh;  // HIGH: mandated (proposed kPlus16); LOW: discretionary (kPlus52)
    v1::RationaleReason reason;
    ErrorPairs errors;
  };
  const Row rows[] = {
      {"discretionary, code known to the schema but not the policy", v1::LOW,
       v1::EVIDENCE_OF_PROGRESS, {{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason}}},
      {"mandated, code known to the schema but not the policy", v1::HIGH, v1::OTHER,
       {{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason}}},
      {"mandated, code unknown to the schema", v1::HIGH, static_cast<v1::RationaleReason>(40),
       {{v1::RATIONALE_REASON_NOT_IN_POLICY, kReason}}},
      {"discretionary, code in the policy", v1::LOW, v1::RISK_INDICATORS, {}},
      {"discretionary, no code", v1::LOW, v1::RATIONALE_REASON_UNSPECIFIED, {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const CivilDay proposed = row.rosh == v1::HIGH ? kPlus16 : kPlus52;
    v1::Assessment record = Record(row.rosh);
    // The same date as the proposal, and nothing else but the reason.
    v1::PractitionerDecision& given = *record.mutable_case_context()->mutable_practitioner_decision();
    Choose(given, proposed);
    given.set_reason(row.reason);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), strict);
    ASSERT_TRUE(decision.errors().empty());
    ASSERT_EQ(Day(decision.proposed_due()), proposed);
    EXPECT_FALSE(decision.practitioner().differs_from_proposal());
    EXPECT_EQ(ErrorsOf(decision.practitioner().errors()), row.errors);
    EXPECT_EQ(decision.practitioner().accepted(), row.errors.empty());
    EXPECT_EQ(Day(decision.effective_due()), proposed);
  }
}

TEST(PractitionerTest, InPlaceOverloadClearsItsOutput) {
  v1::Assessment record = Record(v1::LOW);
  v1::CaseContext* context = record.mutable_case_context();
  context->set_supervision_type(v1::LICENCE);
  context->mutable_mappa()->set_category(1);
  context->mutable_mappa()->set_level(2);
  *context->mutable_practitioner_decision() = Practitioner(kPlus16 - 1);
  v1::ReviewDecision decision;
  DecideReview(record, Scores(v1::LOW), Ns2011(), kAsOf, &decision);
  EXPECT_EQ(decision.mode(), v1::MANDATED);
  EXPECT_EQ(decision.basis().mappa_level(), 2);
  EXPECT_TRUE(decision.practitioner().accepted());
  context->clear_practitioner_decision();
  DecideReview(record, Scores(v1::LOW), Ns2011(), kAsOf, &decision);
  EXPECT_FALSE(decision.has_practitioner());  // the output was cleared first
  EXPECT_EQ(Day(decision.effective_due()), kPlus16);
}

// ---------------------------------------------------------------------------
// Overdue arithmetic, across month ends and leap years.

TEST(OverdueTest, DaysPastTheEffectiveDueDate) {
  struct Row {
    CivilDay assessed;
    CivilDay due;  // +16 weeks, mandated
    CivilDay as_of;
    int days;
  };
  const Row rows[] = {
      // 2023-11-10 + 112 days crosses February 2024 (29 days).
      {CivilDay(2023, 11, 10), CivilDay(2024, 3, 1), CivilDay(2024, 2, 29), 0},
      {CivilDay(2023, 11, 10), CivilDay(2024, 3, 1), CivilDay(2024, 3, 1), 0},
      {CivilDay(2023, 11, 10), CivilDay(2024, 3, 1), CivilDay(2024, 3, 2), 1},
      {CivilDay(2023, 11, 10), CivilDay(2024, 3, 1), CivilDay(2025, 3, 1), 365},
      {CivilDay(2023, 11, 10), CivilDay(2024, 3, 1), CivilDay(2025, 3, 2), 366},
      // 2024-11-08 + 112 days crosses February 2025 (28 days).
      {CivilDay(2024, 11, 8), CivilDay(2025, 2, 28), CivilDay(2025, 3, 1), 1},
      {CivilDay(2024, 11, 8), CivilDay(2025, 2, 28), CivilDay(2025, 3, 31), 31},
      // Month and year ends.
      {CivilDay(2025, 9, 9), CivilDay(2025, 12, 30), CivilDay(2026, 1, 1), 2},
      {CivilDay(2025, 10, 3), CivilDay(2026, 1, 23), CivilDay(2026, 2, 1), 9},
      {CivilDay(2025, 10, 3), CivilDay(2026, 1, 23), CivilDay(2025, 10, 1), 0},
      // A leap day due date: 2023-11-09 + 112 days.
      {CivilDay(2023, 11, 9), CivilDay(2024, 2, 29), CivilDay(2024, 3, 1), 1},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::FormatCivilTime(row.as_of.ToAbsl()));
    v1::Assessment record = Record(v1::HIGH);
    *record.mutable_assessment_date() = ToProtoDate(row.assessed);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), Ns2011(), row.as_of);
    ASSERT_EQ(Day(decision.effective_due()), row.due);
    EXPECT_EQ(decision.overdue_days(), row.days);
    EXPECT_EQ(decision.overdue(), row.days > 0);
  }
}

TEST(OverdueTest, CountsFromThePractitionersAcceptedDate) {
  v1::Assessment record = Record(v1::LOW);
  *record.mutable_case_context()->mutable_practitioner_decision() =
      Practitioner(CivilDay(2025, 12, 31));
  const v1::ReviewDecision decision =
      Decide(record, Scores(v1::LOW), Ns2011(), CivilDay(2026, 3, 1));
  ASSERT_TRUE(decision.practitioner().accepted());
  EXPECT_EQ(decision.overdue_days(), 31 + 28 + 1);
}

// ---------------------------------------------------------------------------
// ns2007: every community case mandated every 4 calendar months.

TEST(Ns2007Test, CommunityCasesAreMandatedEveryFourCalendarMonths) {
  struct Row {
    v1::SupervisionType type;
    v1::SupervisionStatus status;
    v1::RiskBand rosh;
    v1::ReviewMode mode;
    bool all_community;
  };
  const Row rows[] = {
      {v1::COMMUNITY_ORDER, v1::SUPERVISION_STATUS_UNSPECIFIED, v1::LOW, v1::MANDATED, true},
      {v1::SUSPENDED_SENTENCE_ORDER, v1::SUPERVISION_STATUS_UNSPECIFIED, v1::MEDIUM, v1::MANDATED, true},
      {v1::LICENCE, v1::CUSTODY, v1::LOW, v1::MANDATED, true},
      {v1::CUSTODY_SENTENCE, v1::COMMUNITY, v1::LOW, v1::DISCRETIONARY, false},
      {v1::REMAND_IN_CUSTODY, v1::SUPERVISION_STATUS_UNSPECIFIED, v1::MEDIUM, v1::DISCRETIONARY, false},
      {v1::CUSTODY_SENTENCE, v1::CUSTODY, v1::HIGH, v1::MANDATED, false},
      // Without a supervision type, the assessment's custody indicator.
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::COMMUNITY, v1::LOW, v1::MANDATED, true},
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::CUSTODY, v1::LOW, v1::DISCRETIONARY, false},
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::REMAND, v1::LOW, v1::DISCRETIONARY, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat(v1::SupervisionType_Name(row.type), " ",
                              v1::SupervisionStatus_Name(row.status)));
    v1::Assessment record = Record(row.rosh);
    record.mutable_case_context()->set_supervision_type(row.type);
    record.set_supervision_status(row.status);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), Ns2007());
    ASSERT_TRUE(decision.errors().empty());
    EXPECT_EQ(decision.mode(), row.mode);
    EXPECT_EQ(decision.basis().all_community_cases_mandated(), row.all_community);
    EXPECT_EQ(decision.policy_version(), "ns2007/1");
    if (row.mode == v1::MANDATED) {
      EXPECT_EQ(Day(decision.interval_due()), CivilDay(2026, 2, 3));
      EXPECT_EQ(decision.basis().interval_months(), 4);
      EXPECT_EQ(decision.basis().interval_weeks(), 0);
    } else {
      EXPECT_EQ(Day(decision.interval_due()), kPlus52);
    }
  }
}

TEST(Ns2007Test, CalendarMonthsClampAtMonthEndsAndLeapYears) {
  struct Row {
    CivilDay assessed;
    CivilDay due;
  };
  for (const Row& row : {Row{CivilDay(2023, 10, 31), CivilDay(2024, 2, 29)},
                         Row{CivilDay(2024, 10, 31), CivilDay(2025, 2, 28)},
                         Row{CivilDay(2024, 10, 29), CivilDay(2025, 2, 28)},
                         Row{CivilDay(2024, 10, 28), CivilDay(2025, 2, 28)},
                         Row{CivilDay(2025, 9, 30), CivilDay(2026, 1, 30)},
                         Row{CivilDay(2025, 8, 31), CivilDay(2025, 12, 31)}}) {
    v1::Assessment record = Record(v1::LOW);
    *record.mutable_assessment_date() = ToProtoDate(row.assessed);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), Ns2007());
    EXPECT_EQ(Day(decision.interval_due()), row.due) << row.assessed;
  }
}

TEST(Ns2007Test, UnknownSupervisionIsAnErrorOnlyWhereThePolicyNeedsIt) {
  v1::Assessment record = Record(v1::LOW);
  record.mutable_case_context()->clear_supervision_type();
  const v1::ReviewDecision ns2007 = Decide(record, Scores(v1::LOW), Ns2007());
  EXPECT_EQ(ErrorsOf(ns2007.errors()),
            (ErrorPairs{{v1::MISSING_MANDATORY_INPUT, "case_context.supervision_type"}}));
  EXPECT_TRUE(Decide(record, Scores(v1::LOW), Ns2011()).errors().empty());
}

// A community case without a supervision type: the assessment's supervision
// status answers; with neither, a policy that mandates every community case
// cannot decide, and says so alongside every other input error.
TEST(Ns2007Test, CommunityCaseFallsBackToTheSupervisionStatus) {
  struct Row {
    v1::SupervisionType type;
    v1::SupervisionStatus status;
    bool community;
  };
  const Row rows[] = {
      // The supervision type, when given, decides; NOT_SUPERVISED is not a
      // community case whatever the assessment says.
      {v1::NOT_SUPERVISED, v1::COMMUNITY, false},
      {v1::LICENCE, v1::REMAND, true},
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::COMMUNITY, true},
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::CUSTODY, false},
      {v1::SUPERVISION_TYPE_UNSPECIFIED, v1::REMAND, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(absl::StrCat(v1::SupervisionType_Name(row.type), " ",
                              v1::SupervisionStatus_Name(row.status)));
    v1::Assessment record = Record(v1::LOW);
    record.mutable_case_context()->set_supervision_type(row.type);
    record.set_supervision_status(row.status);
    const v1::ReviewDecision decision = Decide(record, Scores(v1::LOW), Ns2007());
    ASSERT_TRUE(decision.errors().empty());
    EXPECT_EQ(decision.mode(), row.community ? v1::MANDATED : v1::DISCRETIONARY);
    EXPECT_EQ(decision.basis().all_community_cases_mandated(), row.community);
  }

  // Neither: MISSING_MANDATORY_INPUT on case_context.supervision_type, with
  // the record's other input errors, and no decision.
  v1::Assessment neither = Record(v1::LOW);
  neither.mutable_case_context()->clear_supervision_type();
  neither.clear_supervision_status();
  neither.clear_rosh();
  neither.mutable_case_context()->mutable_mappa()->set_level(4);
  const v1::ReviewDecision decision = Decide(neither, Scores(v1::LOW), Ns2007());
  EXPECT_EQ(ErrorsOf(decision.errors()),
            (ErrorPairs{{v1::ROSH_NOT_RATED, "rosh"},
                        {v1::VALUE_OUT_OF_RANGE, "case_context.mappa.level"},
                        {v1::MISSING_MANDATORY_INPUT, "case_context.supervision_type"}}));
  EXPECT_EQ(decision.mode(), v1::REVIEW_MODE_UNSPECIFIED);
  EXPECT_FALSE(decision.has_proposed_due());
  // A policy that does not mandate community cases does not need the answer.
  neither.mutable_rosh()->set_public_community(v1::LOW);
  neither.mutable_case_context()->mutable_mappa()->set_level(0);
  EXPECT_TRUE(Decide(neither, Scores(v1::LOW), Ns2011()).errors().empty());
  EXPECT_EQ(ErrorsOf(Decide(neither, Scores(v1::LOW), Ns2007()).errors()),
            (ErrorPairs{{v1::MISSING_MANDATORY_INPUT, "case_context.supervision_type"}}));
}

// ---------------------------------------------------------------------------
// Properties over generated cases.

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) {  // inclusive; portable (no distribution objects)
    return lo + static_cast<int>(rng_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Coin(int percent) { return Uniform(1, 100) <= percent; }
  v1::RiskBand Band(int unrated_percent) {
    if (Coin(unrated_percent)) return v1::RISK_BAND_UNSPECIFIED;
    return static_cast<v1::RiskBand>(Uniform(1, 4));
  }

  v1::CaseEvent Event(CivilDay assessed) {
    v1::CaseEvent event;
    event.set_type(static_cast<v1::CaseEventType>(Uniform(1, 10)));
    *event.mutable_date() = ToProtoDate(assessed + Uniform(-30, 450));
    return event;
  }

  v1::Assessment Case() {
    v1::Assessment record;
    record.set_assessment_id("G");
    const CivilDay assessed = CivilDay(2000, 1, 1) + Uniform(0, 365 * 30);
    *record.mutable_assessment_date() = ToProtoDate(assessed);
    v1::RoshRatings& rosh = *record.mutable_rosh();
    rosh.set_public_community(Band(10));  // almost always rated
    for (int i = 0; i < kRoshCellCount; ++i) {
      if (i == 1) continue;
      const v1::RiskBand band = Band(60);
      if (band == v1::RISK_BAND_UNSPECIFIED) continue;
      rosh.GetReflection()->SetEnumValue(
          &rosh, rosh.GetDescriptor()->FindFieldByName(std::string(kRoshCells[i].name)), band);
    }
    v1::CaseContext& context = *record.mutable_case_context();
    context.set_supervision_type(static_cast<v1::SupervisionType>(Uniform(1, 5)));
    if (Coin(30)) {
      context.mutable_mappa()->set_category(Uniform(1, 4));
      context.mutable_mappa()->set_level(Uniform(1, 3));
    }
    const int events = Uniform(0, 4);
    for (int i = 0; i < events; ++i) *context.add_events() = Event(assessed);
    if (Coin(40)) {
      v1::PractitionerDecision& decision = *context.mutable_practitioner_decision();
      *decision.mutable_chosen_review_date() = ToProtoDate(assessed + Uniform(-5, 420));
      decision.set_reason(static_cast<v1::RationaleReason>(Uniform(0, 5)));
      if (Coin(80)) decision.set_rationale(std::string(Uniform(0, 40), 'r'));
      if (Coin(90)) decision.set_practitioner_id("P-1");
      if (Coin(90)) decision.mutable_decided_at()->set_seconds(1700000000);
    }
    return record;
  }

  v1::ScoreSet Scores() {
    v1::ScoreSet scores;
    for (v1::PredictorResult* result :
         {scores.mutable_arp(), scores.mutable_vrp(), scores.mutable_svrp(), scores.mutable_csrp()}) {
      const v1::RiskBand band = Band(15);
      SetResult(result, band);
    }
    return scores;
  }

 private:
  std::mt19937_64 rng_;
};

std::vector<const Policy*> PropertyPolicies() {
  static const Policy* community_only = new Policy(
      Modified(Ns2011(), [](v1::ReviewPolicy& p) { p.set_include_custody_cells(false); }));
  return {&Ns2011(), &Ns2007(), community_only};
}

// The latest fixed interval date the case's mandate allows.
CivilDay FixedIntervalLimit(const v1::Assessment& record, const v1::ReviewDecision& decision,
                            const Policy& policy) {
  const CivilDay assessed = Day(record.assessment_date());
  std::optional<CivilDay> limit;
  auto take = [&](const IntervalLength& length) {
    const CivilDay due = length.AddTo(assessed);
    if (!limit || due < *limit) limit = due;
  };
  if (decision.basis().rosh_mandated()) take(policy.MandatedInterval(decision.basis().overall_rosh()));
  if (decision.basis().mappa_level() > 0) take(policy.MappaInterval());
  if (decision.basis().all_community_cases_mandated()) take(policy.CommunityInterval());
  EXPECT_TRUE(limit.has_value());
  return limit.value_or(assessed);
}

constexpr int kCases = 4000;

TEST(DecisionPropertyTest, MandatedDueIsNeverLaterThanTheFixedInterval) {
  Generator gen(20251003);
  int mandated = 0;
  for (int n = 0; n < kCases; ++n) {
    const v1::Assessment record = gen.Case();
    const v1::ScoreSet scores = gen.Scores();
    for (const Policy* policy : PropertyPolicies()) {
      const v1::ReviewDecision decision = DecideReview(record, scores, *policy, kAsOf);
      if (decision.mode() != v1::MANDATED) continue;
      ++mandated;
      const CivilDay limit = FixedIntervalLimit(record, decision, *policy);
      ASSERT_LE(Day(decision.interval_due()), limit) << record.DebugString();
      ASSERT_LE(Day(decision.proposed_due()), limit) << record.DebugString();
      ASSERT_LE(Day(decision.effective_due()), limit) << record.DebugString();
    }
  }
  EXPECT_GT(mandated, kCases / 2);  // the generator exercises the property
}

TEST(DecisionPropertyTest, AddingAnEventNeverMakesAReviewDueLater) {
  Generator gen(7);
  int compared = 0;
  for (int n = 0; n < kCases; ++n) {
    v1::Assessment record = gen.Case();
    record.mutable_case_context()->clear_practitioner_decision();
    const v1::ScoreSet scores = gen.Scores();
    const v1::CaseEvent extra = gen.Event(Day(record.assessment_date()));
    for (const Policy* policy : PropertyPolicies()) {
      const v1::ReviewDecision before = DecideReview(record, scores, *policy, kAsOf);
      if (before.mode() == v1::REVIEW_MODE_UNSPECIFIED) continue;
      v1::Assessment more = record;
      *more.mutable_case_context()->add_events() = extra;
      const v1::ReviewDecision after = DecideReview(more, scores, *policy, kAsOf);
      ASSERT_EQ(after.mode(), before.mode());
      ASSERT_LE(Day(after.proposed_due()), Day(before.proposed_due())) << more.DebugString();
      ++compared;
    }
  }
  EXPECT_GT(compared, kCases * 2);
}

TEST(DecisionPropertyTest, RaisingAnyRoshCellNeverTurnsAMandatedCaseDiscretionary) {
  Generator gen(42);
  int raised = 0;
  for (int n = 0; n < kCases; ++n) {
    const v1::Assessment record = gen.Case();
    const v1::ScoreSet scores = gen.Scores();
    for (const Policy* policy : PropertyPolicies()) {
      if (DecideReview(record, scores, *policy, kAsOf).mode() != v1::MANDATED) continue;
      for (int cell = 0; cell < kRoshCellCount; ++cell) {
        const int from = RoshRank(RoshCellRating(record.rosh(), cell));
        for (int to = from + 1; to <= 4; ++to) {
          v1::Assessment higher = record;
          v1::RoshRatings& rosh = *higher.mutable_rosh();
          rosh.GetReflection()->SetEnumValue(
              &rosh, rosh.GetDescriptor()->FindFieldByName(std::string(kRoshCells[cell].name)), to);
          ASSERT_EQ(DecideReview(higher, scores, *policy, kAsOf).mode(), v1::MANDATED)
              << higher.DebugString();
          ++raised;
        }
      }
    }
  }
  EXPECT_GT(raised, kCases);
}

TEST(DecisionPropertyTest, EveryGeneratedCaseGetsExactlyOneWellFormedOutcome) {
  Generator gen(99);
  for (int n = 0; n < kCases; ++n) {
    const v1::Assessment record = gen.Case();
    const v1::ReviewDecision decision = DecideReview(record, gen.Scores(), Ns2011(), kAsOf);
    if (decision.mode() == v1::REVIEW_MODE_UNSPECIFIED) {
      ASSERT_FALSE(decision.errors().empty());
      continue;
    }
    ASSERT_TRUE(decision.errors().empty());
    const CivilDay assessed = Day(record.assessment_date());
    ASSERT_LE(Day(decision.proposed_due()), Day(decision.interval_due()));
    ASSERT_LE(Day(decision.interval_due()), assessed + 7 * 55);
    ASSERT_GE(Day(decision.effective_due()), assessed);
    ASSERT_GE(decision.overdue_days(), 0);
    if (decision.has_practitioner() && decision.practitioner().accepted()) {
      ASSERT_EQ(decision.effective_due().DebugString(),
                decision.practitioner().chosen_review_date().DebugString());
    }
  }
}

}  // namespace
}  // namespace assay::review
