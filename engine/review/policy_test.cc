// Review policies: the built-ins, loading, and every validation rule naming
// its field.
#include "engine/review/policy.h"

#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace assay::review {
namespace {

using ::google::protobuf::util::MessageDifferencer;

const Policy& Builtin(std::string_view name) {
  absl::StatusOr<const Policy*> policy = BuiltinPolicy(name);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return **policy;
}

TEST(BuiltinPolicyTest, NamesDefaultFirst) {
  const std::vector<std::string_view> names = BuiltinPolicyNames();
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], kDefaultPolicyName);
  EXPECT_EQ(names[1], "ns2007");
}

TEST(BuiltinPolicyTest, Ns2011HoldsTheSpecDefaults) {
  const Policy& policy = Builtin("ns2011");
  EXPECT_EQ(policy.name(), "ns2011");
  EXPECT_EQ(policy.version(), "ns2011/1");
  EXPECT_TRUE(policy.include_custody_cells());
  EXPECT_FALSE(policy.mandates_all_community_cases());
  EXPECT_FALSE(policy.MandatesRosh(v1::LOW));
  EXPECT_FALSE(policy.MandatesRosh(v1::MEDIUM));
  EXPECT_TRUE(policy.MandatesRosh(v1::HIGH));
  EXPECT_TRUE(policy.MandatesRosh(v1::VERY_HIGH));
  EXPECT_FALSE(policy.MandatesRosh(v1::NOT_APPLICABLE));
  EXPECT_FALSE(policy.MandatesRosh(v1::RISK_BAND_UNSPECIFIED));
  EXPECT_EQ(policy.MandatedInterval(v1::HIGH).weeks, 16);
  EXPECT_EQ(policy.MandatedInterval(v1::VERY_HIGH).weeks, 16);
  EXPECT_FALSE(policy.MandatesMappaLevel(0));
  EXPECT_FALSE(policy.MandatesMappaLevel(1));
  EXPECT_TRUE(policy.MandatesMappaLevel(2));
  EXPECT_TRUE(policy.MandatesMappaLevel(3));
  EXPECT_FALSE(policy.MandatesMappaLevel(4));
  EXPECT_EQ(policy.MappaInterval().weeks, 16);
  EXPECT_EQ(policy.DiscretionaryInterval(v1::VERY_HIGH).weeks, 16);
  EXPECT_EQ(policy.DiscretionaryInterval(v1::HIGH).weeks, 26);
  EXPECT_EQ(policy.DiscretionaryInterval(v1::MEDIUM).weeks, 39);
  EXPECT_EQ(policy.DiscretionaryInterval(v1::LOW).weeks, 52);
  EXPECT_EQ(policy.currency_limit_weeks(), 55);
  EXPECT_EQ(policy.min_rationale_length(), 20);
  for (v1::RationaleReason reason : {v1::EVIDENCE_OF_PROGRESS, v1::CHANGE_IN_CIRCUMSTANCES,
                                     v1::ENGAGEMENT_CONCERNS, v1::RISK_INDICATORS, v1::OTHER}) {
    EXPECT_TRUE(policy.AcceptsReason(reason)) << reason;
  }
  EXPECT_FALSE(policy.AcceptsReason(v1::RATIONALE_REASON_UNSPECIFIED));

  struct Expected {
    v1::CaseEventType event;
    bool mandated_only;
    bool by_date;
    int days;
  };
  const Expected table[] = {
      {v1::SIGNIFICANT_CHANGE, false, false, 10},  {v1::NEW_OFFENCE, false, false, 10},
      {v1::RECALL_TO_CUSTODY, false, false, 10},   {v1::RELEASE_FROM_CUSTODY, false, true, 0},
      {v1::TRANSFER_IN, false, false, 10},         {v1::TRANSFER_OUT, false, false, 10},
      {v1::BREACH_PROCEEDINGS, true, false, 10},   {v1::CHANGE_OF_ADDRESS, true, false, 10},
      {v1::SUPERVISION_ENDING, false, true, 0},    {v1::ROSH_ESCALATION, false, false, 5},
  };
  for (const Expected& row : table) {
    const EventRuleView& rule = policy.RuleFor(row.event);
    EXPECT_EQ(rule.mandated_only, row.mandated_only) << v1::CaseEventType_Name(row.event);
    EXPECT_EQ(rule.due_by_event_date, row.by_date) << v1::CaseEventType_Name(row.event);
    EXPECT_EQ(rule.due_within_days, row.days) << v1::CaseEventType_Name(row.event);
  }
}

TEST(BuiltinPolicyTest, Ns2007MandatesEveryCommunityCaseEveryFourMonths) {
  const Policy& policy = Builtin("ns2007");
  EXPECT_EQ(policy.version(), "ns2007/1");
  EXPECT_TRUE(policy.mandates_all_community_cases());
  EXPECT_EQ(policy.CommunityInterval().months, 4);
  EXPECT_EQ(policy.CommunityInterval().weeks, 0);
  EXPECT_EQ(policy.MandatedInterval(v1::HIGH).months, 4);
  EXPECT_EQ(policy.MappaInterval().months, 4);
  EXPECT_EQ(policy.currency_limit_weeks(), 55);
}

TEST(BuiltinPolicyTest, UnknownNameIsNotFound) {
  const absl::StatusOr<const Policy*> policy = BuiltinPolicy("ns2099");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(policy.status().message().find("POLICY_UNKNOWN_NAME"), std::string::npos);
}

TEST(IntervalLengthTest, WeeksAreSevenDaysMonthsAreCalendarMonths) {
  EXPECT_EQ((IntervalLength{16, 0}.AddTo(absl::CivilDay(2025, 10, 3))),
            absl::CivilDay(2026, 1, 23));
  // Month arithmetic clamps to the month's end, leap years included.
  EXPECT_EQ((IntervalLength{0, 4}.AddTo(absl::CivilDay(2023, 10, 31))),
            absl::CivilDay(2024, 2, 29));
  EXPECT_EQ((IntervalLength{0, 4}.AddTo(absl::CivilDay(2024, 10, 31))),
            absl::CivilDay(2025, 2, 28));
  EXPECT_EQ((IntervalLength{0, 4}.AddTo(absl::CivilDay(2025, 1, 15))),
            absl::CivilDay(2025, 5, 15));
}

TEST(LoadPolicyTest, ShippedFilesLoadAndEqualTheBuiltins) {
  for (std::string_view name : BuiltinPolicyNames()) {
    const std::string path = absl::StrCat("engine/review/policies/", std::string(name), ".textproto");
    absl::StatusOr<Policy> loaded = LoadPolicyFile(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_TRUE(MessageDifferencer::Equals(loaded->proto(), Builtin(name).proto())) << name;
    // A path goes through LoadPolicy too.
    absl::StatusOr<Policy> by_path = LoadPolicy(path);
    ASSERT_TRUE(by_path.ok()) << by_path.status();
    EXPECT_EQ(by_path->version(), Builtin(name).version());
  }
}

TEST(LoadPolicyTest, LoadsBuiltinsByName) {
  absl::StatusOr<Policy> policy = LoadPolicy("ns2007");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->name(), "ns2007");
}

TEST(LoadPolicyTest, MissingFileIsNotFound) {
  const absl::StatusOr<Policy> policy = LoadPolicyFile("engine/review/policies/nope.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kNotFound);
}

TEST(LoadPolicyTest, TextFormatErrorsNameTheLine) {
  const absl::StatusOr<Policy> unknown_field = ParsePolicyText("name: \"x\"\nfavourite_colour: 3\n");
  ASSERT_FALSE(unknown_field.ok());
  EXPECT_EQ(unknown_field.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown_field.status().message().find("POLICY_PARSE_ERROR"), std::string::npos);
  EXPECT_NE(unknown_field.status().message().find("line 2"), std::string::npos)
      << unknown_field.status();
  const absl::StatusOr<Policy> bad_enum = ParsePolicyText("mandated_rosh_levels: EXTREME\n");
  ASSERT_FALSE(bad_enum.ok());
  EXPECT_NE(bad_enum.status().message().find("POLICY_PARSE_ERROR"), std::string::npos);
}

TEST(LoadPolicyTest, ValidTextRoundTrips) {
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(Builtin("ns2011").proto(), &text));
  absl::StatusOr<Policy> parsed = ParsePolicyText(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(MessageDifferencer::Equals(parsed->proto(), Builtin("ns2011").proto()));
}

// One mistake per row, applied to a valid policy; the validation must report
// exactly that error type on exactly that field.
struct InvalidCase {
  const char* name;
  std::function<void(v1::ReviewPolicy&)> mutate;
  v1::ErrorType type;
  const char* field;
};

std::vector<InvalidCase> InvalidCases() {
  using P = v1::ReviewPolicy;
  return {
      {"no name", [](P& p) { p.clear_name(); }, v1::POLICY_MISSING_FIELD, "name"},
      {"no version", [](P& p) { p.clear_version(); }, v1::POLICY_MISSING_FIELD, "version"},
      {"empty mandated set", [](P& p) { p.clear_mandated_rosh_levels(); p.clear_mandated_intervals(); },
       v1::POLICY_EMPTY_MANDATED_SET, "mandated_rosh_levels"},
      {"no_rosh_mandate with levels", [](P& p) { p.set_no_rosh_mandate(true); },
       v1::POLICY_CONFLICTING_FIELDS, "no_rosh_mandate"},
      {"MEDIUM mandated", [](P& p) { p.add_mandated_rosh_levels(v1::MEDIUM); },
       v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_rosh_levels[2]"},
      {"NOT_APPLICABLE mandated", [](P& p) { p.add_mandated_rosh_levels(v1::NOT_APPLICABLE); },
       v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_rosh_levels[2]"},
      {"unspecified mandated", [](P& p) { p.add_mandated_rosh_levels(v1::RISK_BAND_UNSPECIFIED); },
       v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_rosh_levels[2]"},
      {"HIGH without VERY_HIGH",
       [](P& p) {
         p.mutable_mandated_rosh_levels()->RemoveLast();
         p.mutable_mandated_intervals()->RemoveLast();
       },
       v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_rosh_levels"},
      {"duplicate mandated level", [](P& p) { p.add_mandated_rosh_levels(v1::HIGH); },
       v1::POLICY_DUPLICATE_ENTRY, "mandated_rosh_levels[2]"},
      {"mandated level without interval", [](P& p) { p.mutable_mandated_intervals()->RemoveLast(); },
       v1::POLICY_MISSING_FIELD, "mandated_intervals[band=VERY_HIGH]"},
      {"negative mandated weeks", [](P& p) { p.mutable_mandated_intervals(0)->set_weeks(-16); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_intervals[0].weeks"},
      {"zero mandated weeks", [](P& p) { p.mutable_mandated_intervals(1)->set_weeks(0); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_intervals[1].weeks"},
      {"negative mandated months", [](P& p) { p.mutable_mandated_intervals(0)->set_months(-4); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_intervals[0].months"},
      {"huge mandated months", [](P& p) { p.mutable_mandated_intervals(0)->set_months(241); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_intervals[0].months"},
      {"mandated interval without length",
       [](P& p) { p.mutable_mandated_intervals(0)->clear_length(); }, v1::POLICY_MISSING_FIELD,
       "mandated_intervals[0].weeks"},
      {"mandated interval for MEDIUM",
       [](P& p) {
         auto* i = p.add_mandated_intervals();
         i->set_band(v1::MEDIUM);
         i->set_weeks(20);
       },
       v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_intervals[2].band"},
      {"duplicate mandated interval",
       [](P& p) { *p.add_mandated_intervals() = p.mandated_intervals(0); },
       v1::POLICY_DUPLICATE_ENTRY, "mandated_intervals[2].band"},
      {"MAPPA level 4", [](P& p) { p.add_mandated_mappa_levels(4); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_mappa_levels[2]"},
      {"MAPPA level 0", [](P& p) { p.set_mandated_mappa_levels(0, 0); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_mappa_levels[0]"},
      {"MAPPA level -1", [](P& p) { p.set_mandated_mappa_levels(1, -1); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mandated_mappa_levels[1]"},
      {"duplicate MAPPA level", [](P& p) { p.add_mandated_mappa_levels(3); },
       v1::POLICY_DUPLICATE_ENTRY, "mandated_mappa_levels[2]"},
      {"MAPPA levels without interval", [](P& p) { p.clear_mappa_interval(); },
       v1::POLICY_MISSING_FIELD, "mappa_interval"},
      {"negative MAPPA interval", [](P& p) { p.mutable_mappa_interval()->set_weeks(-1); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "mappa_interval.weeks"},
      {"MAPPA interval without levels", [](P& p) { p.clear_mandated_mappa_levels(); },
       v1::POLICY_CONFLICTING_FIELDS, "mappa_interval"},
      {"all community cases without interval", [](P& p) { p.set_mandate_all_community_cases(true); },
       v1::POLICY_MISSING_FIELD, "community_interval"},
      {"community interval unused", [](P& p) { p.mutable_community_interval()->set_months(4); },
       v1::POLICY_CONFLICTING_FIELDS, "community_interval"},
      {"missing discretionary band",
       [](P& p) { p.mutable_discretionary_intervals()->DeleteSubrange(2, 1); },
       v1::POLICY_MISSING_FIELD, "discretionary_intervals[band=MEDIUM]"},
      {"negative discretionary weeks",
       [](P& p) { p.mutable_discretionary_intervals(3)->set_weeks(-52); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "discretionary_intervals[3].weeks"},
      {"NOT_APPLICABLE discretionary band",
       [](P& p) {
         auto* i = p.add_discretionary_intervals();
         i->set_band(v1::NOT_APPLICABLE);
         i->set_weeks(10);
       },
       v1::POLICY_VALUE_OUT_OF_RANGE, "discretionary_intervals[4].band"},
      {"duplicate discretionary band",
       [](P& p) { *p.add_discretionary_intervals() = p.discretionary_intervals(0); },
       v1::POLICY_DUPLICATE_ENTRY, "discretionary_intervals[4].band"},
      {"no currency limit", [](P& p) { p.clear_currency_limit_weeks(); }, v1::POLICY_MISSING_FIELD,
       "currency_limit_weeks"},
      {"negative currency limit", [](P& p) { p.set_currency_limit_weeks(-55); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "currency_limit_weeks"},
      {"unspecified event type",
       [](P& p) {
         auto* rule = p.add_event_rules();
         rule->set_applies_to(v1::EventRule::ALL_CASES);
       },
       v1::POLICY_UNKNOWN_EVENT_TYPE, "event_rules[10].event"},
      {"unknown event type",
       [](P& p) {
         auto* rule = p.add_event_rules();
         rule->set_event(static_cast<v1::CaseEventType>(99));
         rule->set_applies_to(v1::EventRule::ALL_CASES);
       },
       v1::POLICY_UNKNOWN_EVENT_TYPE, "event_rules[10].event"},
      {"duplicate event rule", [](P& p) { *p.add_event_rules() = p.event_rules(3); },
       v1::POLICY_DUPLICATE_ENTRY, "event_rules[10].event"},
      {"event without rule", [](P& p) { p.mutable_event_rules()->DeleteSubrange(6, 1); },
       v1::POLICY_MISSING_FIELD, "event_rules[event=BREACH_PROCEEDINGS]"},
      {"negative event days", [](P& p) { p.mutable_event_rules(1)->set_due_within_days(-10); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "event_rules[1].due_within_days"},
      {"event applies to nobody",
       [](P& p) { p.mutable_event_rules(2)->set_applies_to(v1::EventRule::APPLIES_TO_UNSPECIFIED); },
       v1::POLICY_MISSING_FIELD, "event_rules[2].applies_to"},
      {"event applies to an unknown set",
       [](P& p) {
         p.mutable_event_rules(2)->set_applies_to(static_cast<v1::EventRule::AppliesTo>(7));
       },
       v1::POLICY_VALUE_OUT_OF_RANGE, "event_rules[2].applies_to"},
      {"event due by date and after days",
       [](P& p) { p.mutable_event_rules(3)->set_due_within_days(3); },
       v1::POLICY_CONFLICTING_FIELDS, "event_rules[3].due_within_days"},
      {"no reason codes", [](P& p) { p.clear_rationale_reasons(); }, v1::POLICY_MISSING_FIELD,
       "rationale_reasons"},
      {"unspecified reason code",
       [](P& p) { p.add_rationale_reasons(v1::RATIONALE_REASON_UNSPECIFIED); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "rationale_reasons[5]"},
      {"duplicate reason code", [](P& p) { p.add_rationale_reasons(v1::OTHER); },
       v1::POLICY_DUPLICATE_ENTRY, "rationale_reasons[5]"},
      {"negative rationale length", [](P& p) { p.set_min_rationale_length(-1); },
       v1::POLICY_VALUE_OUT_OF_RANGE, "min_rationale_length"},
  };
}

TEST(ValidatePolicyTest, BuiltinsAreValid) {
  for (std::string_view name : BuiltinPolicyNames()) {
    EXPECT_TRUE(ValidatePolicy(Builtin(name).proto()).empty()) << name;
  }
}

TEST(ValidatePolicyTest, EachMistakeGivesItsDocumentedErrorOnItsField) {
  for (const InvalidCase& row : InvalidCases()) {
    SCOPED_TRACE(row.name);
    v1::ReviewPolicy proto = Builtin("ns2011").proto();
    row.mutate(proto);
    const std::vector<v1::ValidationError> errors = ValidatePolicy(proto);
    ASSERT_EQ(errors.size(), 1u) << proto.DebugString();
    EXPECT_EQ(errors[0].type(), row.type) << v1::ErrorType_Name(errors[0].type());
    ASSERT_EQ(errors[0].fields_size(), 1);
    EXPECT_EQ(errors[0].fields(0), row.field);
    EXPECT_FALSE(errors[0].message().empty());

    // Create and the text loader refuse it, naming the field and type.
    const absl::StatusOr<Policy> created = Policy::Create(proto);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(created.status().message().find(row.field), std::string::npos) << created.status();
    EXPECT_NE(created.status().message().find(v1::ErrorType_Name(row.type)), std::string::npos);
    std::string text;
    ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(proto, &text));
    const absl::StatusOr<Policy> parsed = ParsePolicyText(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.status().message().find(row.field), std::string::npos) << parsed.status();
  }
}

TEST(ValidatePolicyTest, NoRoshMandateMakesAnEmptySetValid) {
  v1::ReviewPolicy proto = Builtin("ns2011").proto();
  proto.clear_mandated_rosh_levels();
  proto.clear_mandated_intervals();
  proto.set_no_rosh_mandate(true);
  EXPECT_TRUE(ValidatePolicy(proto).empty());
  absl::StatusOr<Policy> policy = Policy::Create(proto);
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_FALSE(policy->MandatesRosh(v1::VERY_HIGH));
}

TEST(ValidatePolicyTest, VeryHighAloneIsAValidMandatedSet) {
  v1::ReviewPolicy proto = Builtin("ns2011").proto();
  proto.mutable_mandated_rosh_levels()->erase(proto.mutable_mandated_rosh_levels()->begin());
  proto.mutable_mandated_intervals()->DeleteSubrange(0, 1);
  EXPECT_TRUE(ValidatePolicy(proto).empty());
}

TEST(ValidatePolicyTest, ReportsEveryProblemNotJustTheFirst) {
  v1::ReviewPolicy proto;
  const std::vector<v1::ValidationError> errors = ValidatePolicy(proto);
  // name, version, empty mandated set, 4 discretionary bands, currency
  // limit, 10 event rules, reason codes.
  EXPECT_EQ(errors.size(), 2u + 1u + 4u + 1u + 10u + 1u);
}

}  // namespace
}  // namespace assay::review
