// The wire decoder against protobuf's parser: whenever the decoder accepts
// bytes, protobuf accepts them too and every extracted field has protobuf's
// value; on clean records the decoder accepts. Generated records, unknown
// fields of every wire type, packed and unpacked repeated enums, repeated
// (merged) fields, every truncation, random corruption, bad UTF-8, groups.
#include "engine/batch/wire_decoder.h"

#include <random>
#include <string>
#include <vector>

#include "engine/batch/fast_path.h"
#include "engine/batch/wire_test_util.h"
#include "engine/demo/generator.h"
#include "gtest/gtest.h"
#include "scoring/offence_table.h"

namespace assay::batch {
namespace {

using wire_test::PutLengthDelimited;
using wire_test::PutTag;
using wire_test::PutVarint;

template <typename D1, typename D2>
void ExpectSameDate(bool has1, const D1& d1, bool has2, const D2& d2, const char* what) {
  EXPECT_EQ(has1, has2) << what;
  EXPECT_EQ(d1.year(), d2.year()) << what;
  EXPECT_EQ(d1.month(), d2.month()) << what;
  EXPECT_EQ(d1.day(), d2.day()) << what;
}

// Every value the decoder extracts equals protobuf's.
void ExpectSame(const WireAssessment& w, const v1::Assessment& a) {
  EXPECT_EQ(w.assessment_id(), a.assessment_id());
  EXPECT_EQ(w.case_reference(), a.case_reference());
  EXPECT_EQ(w.current_offence_code(), a.current_offence_code());
  ExpectSameDate(w.has_assessment_date(), w.assessment_date(), a.has_assessment_date(),
                 a.assessment_date(), "assessment_date");
  ExpectSameDate(w.has_date_of_birth(), w.date_of_birth(), a.has_date_of_birth(), a.date_of_birth(),
                 "date_of_birth");
  ExpectSameDate(w.has_date_of_current_conviction(), w.date_of_current_conviction(),
                 a.has_date_of_current_conviction(), a.date_of_current_conviction(), "conviction");
  ExpectSameDate(w.has_date_at_start_of_followup(), w.date_at_start_of_followup(),
                 a.has_date_at_start_of_followup(), a.date_at_start_of_followup(), "followup");
  EXPECT_EQ(w.gender(), a.gender());
  EXPECT_EQ(w.has_total_sanctions(), a.has_total_sanctions());
  EXPECT_EQ(w.has_violent_sanctions(), a.has_violent_sanctions());
  EXPECT_EQ(w.has_age_at_first_sanction(), a.has_age_at_first_sanction());
  EXPECT_EQ(w.total_sanctions(), a.total_sanctions());
  EXPECT_EQ(w.violent_sanctions(), a.violent_sanctions());
  EXPECT_EQ(w.age_at_first_sanction(), a.age_at_first_sanction());
  EXPECT_EQ(w.has_previous_convictions(), a.has_previous_convictions());
  const auto types = w.previous_convictions().types();
  ASSERT_EQ(types.size(), static_cast<size_t>(a.previous_convictions().types_size()));
  for (size_t i = 0; i < types.size(); ++i) {
    EXPECT_EQ(types[i], a.previous_convictions().types(static_cast<int>(i)));
  }
  const auto x = w.answers();
  const v1::OasysAnswers& y = a.answers();
  EXPECT_EQ(x.has_weapon_involved(), y.has_weapon_involved());
  EXPECT_EQ(x.has_unemployed(), y.has_unemployed());
  EXPECT_EQ(x.has_domestic_abuse_evidence(), y.has_domestic_abuse_evidence());
  EXPECT_EQ(x.weapon_involved(), y.weapon_involved());
  EXPECT_EQ(x.unemployed(), y.unemployed());
  EXPECT_EQ(x.domestic_abuse_evidence(), y.domestic_abuse_evidence());
  EXPECT_EQ(x.accommodation_suitability(), y.accommodation_suitability());
  EXPECT_EQ(x.partner_relationship(), y.partner_relationship());
  EXPECT_EQ(x.regular_offending_activities(), y.regular_offending_activities());
  EXPECT_EQ(x.current_alcohol_use(), y.current_alcohol_use());
  EXPECT_EQ(x.excessive_alcohol_use(), y.excessive_alcohol_use());
  EXPECT_EQ(x.impulsivity(), y.impulsivity());
  EXPECT_EQ(x.temper_control(), y.temper_control());
  EXPECT_EQ(x.pro_criminal_attitudes(), y.pro_criminal_attitudes());
  EXPECT_EQ(x.drug_misuse_motivation(), y.drug_misuse_motivation());
  EXPECT_EQ(x.relationship_status(), y.relationship_status());
  EXPECT_EQ(x.heroin(), y.heroin());
  EXPECT_EQ(x.methadone(), y.methadone());
  EXPECT_EQ(x.other_opiate(), y.other_opiate());
  EXPECT_EQ(x.crack_cocaine(), y.crack_cocaine());
  EXPECT_EQ(x.powder_cocaine(), y.powder_cocaine());
  EXPECT_EQ(x.misused_prescription_drug(), y.misused_prescription_drug());
  EXPECT_EQ(x.benzodiazepines(), y.benzodiazepines());
  EXPECT_EQ(x.cannabis(), y.cannabis());
  EXPECT_EQ(x.steroids(), y.steroids());
  EXPECT_EQ(x.other_drugs(), y.other_drugs());
  EXPECT_EQ(x.ketamine(), y.ketamine());
  EXPECT_EQ(x.spice(), y.spice());
  EXPECT_EQ(x.hallucinogens(), y.hallucinogens());
  EXPECT_EQ(x.solvents(), y.solvents());

  // And the fast path decides and derives the same from either.
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  scoring::ReoffendingFeatures fw, fa;
  const bool cw = FastDeriveClean(w, table, &fw);
  const bool ca = FastDeriveClean(a, table, &fa);
  ASSERT_EQ(cw, ca);
  if (cw) {
    EXPECT_EQ(fw.age_at_followup, fa.age_at_followup);
    EXPECT_EQ(fw.offence_free_months, fa.offence_free_months);
    EXPECT_EQ(fw.category, fa.category);
    EXPECT_EQ(fw.drugs, fa.drugs);
    EXPECT_EQ(fw.previous_convictions, fa.previous_convictions);
    EXPECT_EQ(fw.answered, fa.answered);
    EXPECT_EQ(fw.copas_general_rate, fa.copas_general_rate);
    EXPECT_EQ(fw.violent_rate, fa.violent_rate);
  }
}

// The decoder's promise on arbitrary bytes: accepted => protobuf accepts
// and agrees. Returns whether the decoder accepted.
bool CheckBytes(const std::string& bytes) {
  WireAssessment w;
  const bool decoded = DecodeAssessment(bytes, &w);
  if (decoded) {
    v1::Assessment a;
    EXPECT_TRUE(a.ParseFromString(bytes)) << "decoder accepted what protobuf rejects";
    ExpectSame(w, a);
  }
  return decoded;
}

std::vector<v1::Assessment> Generated(int n, double invalid_share) {
  demo::CaseloadOptions options;
  options.invalid_share = invalid_share;
  demo::CaseloadGenerator generator(options);
  std::vector<v1::Assessment> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) generator.Generate(static_cast<uint64_t>(i), &out[static_cast<size_t>(i)]);
  return out;
}

TEST(WireDecoder, GeneratedRecordsDecodeAsProtobufParses) {
  int clean = 0;
  for (const v1::Assessment& a : Generated(3000, 0.2)) {
    const std::string bytes = a.SerializeAsString();
    ASSERT_TRUE(CheckBytes(bytes)) << a.assessment_id();
    scoring::ReoffendingFeatures f;
    WireAssessment w;
    ASSERT_TRUE(DecodeAssessment(bytes, &w));
    clean += FastDeriveClean(w, scoring::OffenceTable::BuiltIn(), &f) ? 1 : 0;
  }
  // The fast path must actually be exercised (and not everything accepted).
  EXPECT_GT(clean, 1500);
  EXPECT_LT(clean, 3000);
}

TEST(WireDecoder, EmptyMessage) {
  WireAssessment w;
  ASSERT_TRUE(DecodeAssessment("", &w));
  ExpectSame(w, v1::Assessment());
}

TEST(WireDecoder, UnknownFieldsOfEveryWireTypeAreSkipped) {
  const v1::Assessment a = Generated(1, 0.0)[0];
  std::string unknown;
  PutTag(900, 0, &unknown);
  PutVarint(~uint64_t{0}, &unknown);  // 10-byte varint
  PutTag(901, 1, &unknown);
  unknown.append(8, '\x7f');
  PutTag(902, 5, &unknown);
  unknown.append(4, '\x01');
  PutLengthDelimited(903, std::string("\xff\xfe not utf-8 but unknown bytes", 30), &unknown);
  // Unknown fields in the front, the back, and inside the answers message.
  std::string answers_unknown = a.answers().SerializeAsString() + unknown;
  std::string bytes = unknown + a.SerializeAsString() + unknown;
  PutLengthDelimited(23, answers_unknown, &bytes);
  ASSERT_TRUE(CheckBytes(bytes));
  v1::Assessment parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(parsed.assessment_id(), a.assessment_id());
}

TEST(WireDecoder, PackedAndUnpackedPreviousConvictions) {
  v1::Assessment a = Generated(1, 0.0)[0];
  a.clear_previous_convictions();
  const std::string base = a.SerializeAsString();
  // Unpacked: one tag per value.
  std::string unpacked;
  for (int t : {1, 3, 9, 3}) {
    PutTag(1, 0, &unpacked);
    PutVarint(static_cast<uint64_t>(t), &unpacked);
  }
  // Packed, and a negative (out of range) enum value, 10 bytes on the wire.
  std::string packed_body;
  for (int64_t t : {int64_t{2}, int64_t{5}, int64_t{-1}}) PutVarint(static_cast<uint64_t>(t), &packed_body);
  std::string packed;
  PutLengthDelimited(1, packed_body, &packed);
  for (const std::string& body : {unpacked, packed, unpacked + packed, std::string()}) {
    std::string bytes = base;
    PutLengthDelimited(19, body, &bytes);
    ASSERT_TRUE(CheckBytes(bytes));
  }
}

TEST(WireDecoder, RepeatedFieldsMergeAsProtobufDoes) {
  const std::vector<v1::Assessment> records = Generated(50, 0.2);
  for (size_t i = 0; i + 1 < records.size(); ++i) {
    // Concatenation = protobuf merge: last scalar wins, sub-messages merge.
    ASSERT_TRUE(CheckBytes(records[i].SerializeAsString() + records[i + 1].SerializeAsString()));
  }
  // A date given twice, the second time with only the day (explicit zero
  // month on the wire overwrites, as protobuf's parser does).
  std::string date;
  PutTag(3, 0, &date);
  PutVarint(7, &date);
  PutTag(2, 0, &date);
  PutVarint(0, &date);
  std::string bytes = records[0].SerializeAsString();
  PutLengthDelimited(3, date, &bytes);
  ASSERT_TRUE(CheckBytes(bytes));
}

TEST(WireDecoder, EveryTruncationIsRejectedOrAgrees) {
  for (const v1::Assessment& a : Generated(20, 0.2)) {
    const std::string bytes = a.SerializeAsString();
    int accepted = 0;
    for (size_t n = 0; n < bytes.size(); ++n) accepted += CheckBytes(bytes.substr(0, n)) ? 1 : 0;
    // Cutting inside a field is rejected; only cuts at top-level field
    // boundaries may be accepted (and then agree with protobuf).
    EXPECT_LT(accepted, 40);
  }
}

TEST(WireDecoder, RandomCorruptionNeverDisagrees) {
  std::mt19937_64 rng(42);
  const std::vector<v1::Assessment> records = Generated(200, 0.2);
  int rejected = 0;
  for (int round = 0; round < 20; ++round) {
    for (const v1::Assessment& a : records) {
      std::string bytes = a.SerializeAsString();
      const int flips = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < flips; ++k) {
        bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xFF);
      }
      rejected += CheckBytes(bytes) ? 0 : 1;
    }
  }
  EXPECT_GT(rejected, 0);
}

// Field numbers leading from `d` through at least one sub-message to a
// string field.
bool FindNestedString(const google::protobuf::Descriptor* d, int depth, std::vector<int>* path) {
  if (depth > 4) return false;
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    if (depth > 0 && f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      path->push_back(f->number());
      return true;
    }
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    if (f->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE || f->is_map()) continue;
    path->push_back(f->number());
    if (FindNestedString(f->message_type(), depth + 1, path)) return true;
    path->pop_back();
  }
  return false;
}

TEST(WireDecoder, InvalidUtf8InAnyProto3StringFallsBack) {
  const v1::Assessment a = Generated(1, 0.0)[0];
  const std::string bad("\xc3\x28", 2);
  v1::Assessment b = a;
  // Top-level string.
  std::string bytes = b.SerializeAsString();
  PutLengthDelimited(1, bad, &bytes);
  v1::Assessment parsed;
  EXPECT_FALSE(parsed.ParseFromString(bytes));
  WireAssessment w;
  EXPECT_FALSE(DecodeAssessment(bytes, &w));
  // A string inside a sub-message the fast path does not read: protobuf
  // still rejects the record, so the decoder must too. The first nested
  // string field in the schema is found from the descriptors.
  std::vector<int> path;
  ASSERT_TRUE(FindNestedString(v1::Assessment::descriptor(), 0, &path));
  std::string inner = bad;
  for (size_t i = path.size(); i-- > 0;) {
    std::string wrapped;
    PutLengthDelimited(path[i], inner, &wrapped);
    inner = wrapped;
  }
  bytes = a.SerializeAsString() + inner;
  EXPECT_FALSE(parsed.ParseFromString(bytes));
  EXPECT_FALSE(DecodeAssessment(bytes, &w));
  // Valid multi-byte UTF-8 is accepted.
  bytes = a.SerializeAsString();
  PutLengthDelimited(2, "caf\xc3\xa9", &bytes);
  EXPECT_TRUE(CheckBytes(bytes));
}

TEST(WireDecoder, UnusualInputTakesTheFallback) {
  const std::string base = Generated(1, 0.0)[0].SerializeAsString();
  WireAssessment w;
  // A group (start/end), even for an unknown field number.
  std::string group = base;
  PutTag(950, 3, &group);
  PutTag(950, 4, &group);
  EXPECT_FALSE(DecodeAssessment(group, &w));
  // A known field with an unexpected wire type (protobuf would keep it as an
  // unknown field; the decoder does not try).
  std::string wrong = base;
  PutTag(12, 5, &wrong);
  wrong.append(4, '\0');
  EXPECT_FALSE(DecodeAssessment(wrong, &w));
  // Tag 0.
  EXPECT_FALSE(DecodeAssessment(base + std::string(1, '\0'), &w));
  // Too many previous convictions for the fixed buffer.
  std::string many;
  for (int i = 0; i <= kMaxPreviousConvictions; ++i) {
    PutTag(1, 0, &many);
    PutVarint(1, &many);
  }
  std::string bytes = base;
  PutLengthDelimited(19, many, &bytes);
  EXPECT_FALSE(DecodeAssessment(bytes, &w));
  v1::Assessment parsed;
  EXPECT_TRUE(parsed.ParseFromString(bytes));  // protobuf's path still takes it
}

}  // namespace
}  // namespace assay::batch
