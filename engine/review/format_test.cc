// The human-readable renderings name the mode, the basis, every date and
// every error, and never the rationale text.
#include "engine/review/format.h"

#include <string>

#include "engine/review/decision.h"
#include "engine/review/tier.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::review {
namespace {

using ::assay::scoring::CivilDay;
using ::assay::scoring::ToProtoDate;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRationale[] = "Moved in with a relative who supports the plan.";

v1::Assessment Record() {
  v1::Assessment record;
  record.set_assessment_id("A-9");
  *record.mutable_assessment_date() = ToProtoDate(CivilDay(2025, 10, 3));
  record.mutable_rosh()->set_public_community(v1::HIGH);
  record.mutable_rosh()->set_children_custody(v1::HIGH);
  v1::CaseContext& context = *record.mutable_case_context();
  context.set_supervision_type(v1::LICENCE);
  v1::CaseEvent* event = context.add_events();
  event->set_type(v1::ROSH_ESCALATION);
  *event->mutable_date() = ToProtoDate(CivilDay(2025, 11, 1));
  v1::PractitionerDecision& decision = *context.mutable_practitioner_decision();
  *decision.mutable_chosen_review_date() = ToProtoDate(CivilDay(2026, 2, 1));
  decision.set_reason(v1::RISK_INDICATORS);
  decision.set_rationale(kRationale);
  decision.set_practitioner_id("P-5");
  decision.mutable_decided_at()->set_seconds(1760000000);
  return record;
}

TEST(FormatTest, ReviewDecision) {
  v1::ScoreSet scores;
  scores.mutable_arp()->set_model_version("1.0");
  const v1::ReviewDecision decision =
      DecideReview(Record(), scores, **BuiltinPolicy("ns2011"), CivilDay(2025, 12, 1));
  const std::string text = FormatReviewDecision(decision);
  EXPECT_THAT(text, HasSubstr("assessment: A-9\n"));
  EXPECT_THAT(text, HasSubstr("policy: ns2011/1  model: 1.0\n"));
  EXPECT_THAT(text, HasSubstr("as of: 2025-12-01\n"));
  EXPECT_THAT(text, HasSubstr("review: MANDATED\n"));
  EXPECT_THAT(text, HasSubstr("overall RoSH: HIGH (public_community, children_custody), mandates"));
  EXPECT_THAT(text, HasSubstr("interval: 16 weeks from RoSH HIGH -> 2026-01-23\n"));
  EXPECT_THAT(text, HasSubstr("event: ROSH_ESCALATION on 2025-11-01 -> due 2025-11-06 (sets the proposed date)"));
  EXPECT_THAT(text, HasSubstr("proposed due: 2025-11-06\n"));
  EXPECT_THAT(text, HasSubstr("practitioner date: 2026-02-01 rejected (differs from the proposal, reason RISK_INDICATORS) by P-5\n"));
  EXPECT_THAT(text, HasSubstr("error: PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL [case_context.practitioner_decision.chosen_review_date]"));
  EXPECT_THAT(text, HasSubstr("effective due: 2025-11-06\n"));
  EXPECT_THAT(text, HasSubstr("overdue: yes, 25 days\n"));
  EXPECT_THAT(text, HasSubstr("assessment out of date: no (currency limit 2026-10-23)\n"));
  EXPECT_THAT(text, Not(HasSubstr(kRationale)));
}

TEST(FormatTest, ReviewDecisionWithErrors) {
  v1::Assessment record = Record();
  record.clear_rosh();
  const v1::ReviewDecision decision =
      DecideReview(record, v1::ScoreSet(), **BuiltinPolicy("ns2011"), CivilDay(2025, 12, 1));
  const std::string text = FormatReviewDecision(decision);
  EXPECT_THAT(text, HasSubstr("review: no decision\n"));
  EXPECT_THAT(text, HasSubstr("error: ROSH_NOT_RATED [rosh]: No Risk of Serious Harm"));
  EXPECT_THAT(text, HasSubstr("model: -"));
}

TEST(FormatTest, Tier) {
  v1::Tier tier;
  tier.set_level(v1::TIER_C);
  tier.set_provisional(true);
  tier.add_reasons("ARP x CSRP (ARP 60.00, CSRP 3.10): C");
  tier.add_provisional_reasons("ARP is static");
  EXPECT_EQ(FormatTier(tier),
            "tier: C (provisional)\n"
            "  ARP x CSRP (ARP 60.00, CSRP 3.10): C\n"
            "  provisional: ARP is static\n");
  v1::Tier missing;
  missing.set_level(v1::TIER_MISSING);
  EXPECT_EQ(FormatTier(missing), "tier: MISSING\n");
}

}  // namespace
}  // namespace assay::review
