// The v1 schema: a complete record survives binary, text and JSON, presence
// is kept, and malformed bytes are rejected.
#include <string>

#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"

namespace assay::v1 {
namespace {

using ::google::protobuf::TextFormat;
using ::google::protobuf::util::MessageDifferencer;

constexpr char kCompleteRecord[] = R"pb(
  assessment_id: "A-0001"
  case_reference: "X123456"
  assessment_date { year: 2025 month: 10 day: 3 }
  date_of_birth { year: 1980 month: 2 day: 29 }
  date_of_current_conviction { year: 2020 month: 1 day: 1 }
  date_at_start_of_followup { year: 2021 month: 6 day: 30 }
  most_recent_offence_date { year: 2019 month: 12 day: 1 }
  date_of_most_recent_sexual_offence { year: 1999 month: 1 day: 1 }
  gender: MALE
  current_offence_code: "02700"
  supervision_status: COMMUNITY
  total_sanctions: 21
  violent_sanctions: 0
  age_at_first_sanction: 15
  contact_adult_sexual_sanctions: 1
  contact_child_sexual_sanctions: 0
  indecent_image_sanctions: 2
  non_contact_sexual_offences: 0
  previous_convictions { types: WOUNDING_GBH types: ARSON }
  has_ever_committed_sexual_offence: true
  current_offence_against_stranger: false
  answers {
    weapon_involved: false
    accommodation_suitability: NO_PROBLEMS
    unemployed: false
    partner_relationship: SOME_PROBLEMS
    domestic_abuse_evidence: true
    domestic_abuse_against_partner: true
    relationship_status: NOT_IN_RELATIONSHIP
    regular_offending_activities: SOME_PROBLEMS
    drug_misuse_motivation: FULL_MOTIVATION
    heroin: false
    current_alcohol_use: NO_PROBLEMS
    excessive_alcohol_use: NO_PROBLEMS
    impulsivity: SIGNIFICANT_PROBLEMS
    temper_control: NO_PROBLEMS
    pro_criminal_attitudes: NO_PROBLEMS
    awareness_of_consequences: SOMETIMES
  }
  maturity { peer_group_influences: true }
  opd { overall_risk_for_assessment: HIGH custodial_sentence: true }
  lds { qualifications: NO_QUALIFICATIONS }
  sara_risk_to_partner: MEDIUM
  rosh { public_community: HIGH children_custody: MEDIUM }
  case_context {
    supervision_type: LICENCE
    mappa { category: 1 level: 2 }
    events { type: CHANGE_OF_ADDRESS date { year: 2025 month: 11 day: 1 } }
    practitioner_decision {
      chosen_review_date { year: 2026 month: 1 day: 15 }
      reason: RISK_INDICATORS
      rationale: "Recent change of address with new associates."
      practitioner_id: "P-77"
      decided_at { seconds: 1760000000 }
    }
  }
)pb";

Assessment CompleteRecord() {
  Assessment record;
  EXPECT_TRUE(TextFormat::ParseFromString(kCompleteRecord, &record));
  return record;
}

TEST(SchemaTest, CompleteRecordRoundTripsThroughBinary) {
  const Assessment original = CompleteRecord();
  std::string bytes;
  ASSERT_TRUE(original.SerializeToString(&bytes));
  Assessment parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_TRUE(MessageDifferencer::Equals(original, parsed));
}

TEST(SchemaTest, CompleteRecordRoundTripsThroughTextFormat) {
  const Assessment original = CompleteRecord();
  std::string text;
  ASSERT_TRUE(TextFormat::PrintToString(original, &text));
  Assessment parsed;
  ASSERT_TRUE(TextFormat::ParseFromString(text, &parsed));
  EXPECT_TRUE(MessageDifferencer::Equals(original, parsed));
}

TEST(SchemaTest, CompleteRecordRoundTripsThroughJson) {
  const Assessment original = CompleteRecord();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &json).ok());
  // JSON uses the lowerCamelCase names of the protobuf JSON mapping.
  EXPECT_NE(json.find("\"totalSanctions\":21"), std::string::npos) << json;
  Assessment parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(original, parsed));
}

TEST(SchemaTest, AnsweredZeroAndFalseDifferFromNotAnswered) {
  Assessment record = CompleteRecord();
  // Explicit zero / false are present...
  EXPECT_TRUE(record.has_violent_sanctions());
  EXPECT_EQ(record.violent_sanctions(), 0);
  EXPECT_TRUE(record.answers().has_unemployed());
  EXPECT_FALSE(record.answers().unemployed());
  EXPECT_EQ(record.answers().accommodation_suitability(), NO_PROBLEMS);
  EXPECT_TRUE(record.has_previous_convictions());
  // ...and survive the wire, where proto3 would otherwise drop defaults.
  std::string bytes;
  ASSERT_TRUE(record.SerializeToString(&bytes));
  Assessment parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_TRUE(parsed.has_violent_sanctions());
  EXPECT_TRUE(parsed.answers().has_unemployed());
  EXPECT_EQ(parsed.answers().accommodation_suitability(), NO_PROBLEMS);

  // Never-set fields are absent, not zero.
  EXPECT_FALSE(parsed.answers().has_methadone());
  EXPECT_EQ(parsed.answers().hostile_orientation(), PROBLEM_LEVEL_UNSPECIFIED);
  // An answered empty list differs from no answer.
  record.mutable_previous_convictions()->clear_types();
  ASSERT_TRUE(record.SerializeToString(&bytes));
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_TRUE(parsed.has_previous_convictions());
  EXPECT_EQ(parsed.previous_convictions().types_size(), 0);
  record.clear_previous_convictions();
  ASSERT_TRUE(record.SerializeToString(&bytes));
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_FALSE(parsed.has_previous_convictions());
}

TEST(SchemaTest, MalformedBinaryIsRejected) {
  std::string bytes;
  ASSERT_TRUE(CompleteRecord().SerializeToString(&bytes));
  Assessment parsed;
  // Truncated in the middle of a length-delimited field.
  EXPECT_FALSE(parsed.ParseFromString(bytes.substr(0, bytes.size() / 2)));
  // A varint that never ends.
  EXPECT_FALSE(parsed.ParseFromString(std::string("\x60\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11)));
  // Wire type 7 does not exist.
  EXPECT_FALSE(parsed.ParseFromString(std::string("\x0f\x01", 2)));
}

TEST(SchemaTest, UnknownJsonFieldIsRejected) {
  Assessment parsed;
  const auto status = google::protobuf::util::JsonStringToMessage(
      R"({"assessmentId": "A-1", "favouriteColour": "blue"})", &parsed);
  EXPECT_FALSE(status.ok());
}

}  // namespace
}  // namespace assay::v1
