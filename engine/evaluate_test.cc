// One call from an assessment to scores, review decision and tier.
#include "engine/evaluate.h"

#include "engine/review.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace assay {
namespace {

using ::google::protobuf::util::MessageDifferencer;

constexpr char kRecord[] = R"pb(
  assessment_id: "A-0001"
  case_reference: "X123456"
  assessment_date { year: 2025 month: 10 day: 3 }
  date_of_birth { year: 1980 month: 2 day: 29 }
  date_of_current_conviction { year: 2025 month: 6 day: 1 }
  date_at_start_of_followup { year: 2025 month: 7 day: 1 }
  gender: MALE
  current_offence_code: "02700"
  supervision_status: COMMUNITY
  total_sanctions: 12
  violent_sanctions: 3
  age_at_first_sanction: 15
  has_ever_committed_sexual_offence: false
  rosh { public_community: MEDIUM known_adult_custody: MEDIUM }
  case_context {
    supervision_type: COMMUNITY_ORDER
    events { type: TRANSFER_IN date { year: 2025 month: 11 day: 1 } }
    practitioner_decision {
      chosen_review_date { year: 2026 month: 2 day: 1 }
      reason: ENGAGEMENT_CONCERNS
      rationale: "Missed two appointments since the transfer."
      practitioner_id: "P-77"
      decided_at { seconds: 1760000000 }
    }
  }
)pb";

v1::Assessment Record() {
  v1::Assessment record;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(kRecord, &record));
  return record;
}

constexpr absl::CivilDay kAsOf(2026, 1, 15);

TEST(EvaluateTest, ScoresReviewAndTierInOneCall) {
  EvaluateOptions options;
  options.as_of = kAsOf;
  const v1::Assessment record = Record();
  const absl::StatusOr<v1::RecordResult> result = Evaluate(record, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->assessment_id(), "A-0001");
  EXPECT_EQ(result->case_reference(), "X123456");
  EXPECT_EQ(result->scores().assessment_id(), "A-0001");
  EXPECT_EQ(result->scores().arp().status(), v1::RESULT_SCORED);

  const review::Policy& ns2011 = **review::BuiltinPolicy("ns2011");
  const v1::ReviewDecision expected = review::DecideReview(record, result->scores(), ns2011, kAsOf);
  EXPECT_TRUE(MessageDifferencer::Equals(result->review(), expected))
      << result->review().DebugString() << expected.DebugString();
  EXPECT_EQ(result->review().mode(), v1::DISCRETIONARY);
  EXPECT_EQ(result->review().policy_version(), "ns2011/1");
  EXPECT_TRUE(result->review().practitioner().accepted());
  EXPECT_EQ(result->review().effective_due().month(), 2);

  v1::Tier tier;
  review::ComputeTier(record, result->scores(), kAsOf, &tier);
  EXPECT_TRUE(MessageDifferencer::Equals(result->tier(), tier));
  EXPECT_NE(result->tier().level(), v1::TIER_UNSPECIFIED);
}

TEST(EvaluateTest, PolicyFromAFile) {
  const absl::StatusOr<review::Policy> policy =
      review::LoadPolicy("engine/review/policies/ns2007.textproto");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EvaluateOptions options;
  options.as_of = kAsOf;
  options.policy = &*policy;
  const absl::StatusOr<v1::RecordResult> result = Evaluate(Record(), options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->review().policy_version(), "ns2007/1");
  EXPECT_EQ(result->review().mode(), v1::MANDATED);
  EXPECT_TRUE(result->review().basis().all_community_cases_mandated());
  // The practitioner's 2026-02-01 is before the fixed 4-month interval
  // (2026-02-03): an earlier date is accepted.
  EXPECT_TRUE(result->review().practitioner().accepted());
}

TEST(EvaluateTest, RecordProblemsStayInsideTheResult) {
  v1::Assessment record = Record();
  record.clear_rosh();
  EvaluateOptions options;
  options.as_of = kAsOf;
  const absl::StatusOr<v1::RecordResult> result = Evaluate(record, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->review().errors_size(), 1);
  EXPECT_EQ(result->review().errors(0).type(), v1::ROSH_NOT_RATED);
  // An unrated RoSH is not a tier error (it can only make the tier
  // provisional).
  EXPECT_EQ(result->tier().errors_size(), 0);
  EXPECT_NE(result->tier().level(), v1::TIER_UNSPECIFIED);
}

TEST(EvaluateTest, CallerMisuseIsAStatus) {
  EvaluateOptions no_date;
  EXPECT_EQ(Evaluate(Record(), no_date).status().code(), absl::StatusCode::kInvalidArgument);
  EvaluateOptions bad_model_set;
  bad_model_set.as_of = kAsOf;
  bad_model_set.score.model_set = v1::MODEL_SET_UNSPECIFIED;
  EXPECT_EQ(Evaluate(Record(), bad_model_set).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace assay
