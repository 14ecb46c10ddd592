// Strict decoding, differentially: for every mutated input, flat Decode
// accepts exactly when protobuf 3.21's ParseFromArray does, and then
// ToProto(flat) equals the parsed message without unknown fields.
#include <string>
#include <vector>

#include "google/protobuf/stubs/logging.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/flat/mutate.h"
#include "schemas/flat/test_util.h"

namespace assay::flat {
namespace {

using testing::Equal;
using testing::Hex;
using testing::Mutant;
using testing::Mutants;
using testing::SerializedCaseload;
using testing::WireMessage;
using testing::WireNode;

struct Tally {
  int accepted = 0;
  int rejected = 0;
};

// Checks one input; returns false (after reporting) on a disagreement.
template <typename Flat, typename Proto>
bool Agree(const std::string& bytes, const std::string& what, Arena* arena, Tally* tally) {
  Proto proto;
  const bool proto_ok = proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  Flat flat(arena);
  const bool flat_ok = Decode(bytes, &flat);
  if (proto_ok != flat_ok) {
    ADD_FAILURE() << what << ": protobuf " << (proto_ok ? "accepts" : "rejects") << ", flat "
                  << (flat_ok ? "accepts" : "rejects") << "\n" << Hex(bytes);
    return false;
  }
  (proto_ok ? tally->accepted : tally->rejected)++;
  if (!proto_ok) return true;
  proto.DiscardUnknownFields();
  Proto back;
  ToProto(flat, &back);
  std::string why;
  if (!Equal(back, proto, &why)) {
    ADD_FAILURE() << what << ": decoded messages differ: " << why << "\n" << Hex(bytes);
    return false;
  }
  // Canonical re-encoding agrees too (covers -0.0 and NaN bits).
  ByteSink sink;
  Encode(flat, &sink);
  if (sink.view() != proto.SerializeAsString()) {
    ADD_FAILURE() << what << ": re-encodings differ\n" << Hex(bytes);
    return false;
  }
  return true;
}

class DecodeDiff : public ::testing::Test {
 protected:
  // protobuf logs every invalid UTF-8 string it rejects.
  google::protobuf::LogSilencer silence_;
};

TEST_F(DecodeDiff, MutatedAssessments) {
  // Valid records and records with validation errors (the wire is valid).
  std::vector<std::string> corpus = SerializedCaseload(5, 60, 0.0);
  for (std::string& s : SerializedCaseload(6, 20, 0.5)) corpus.push_back(std::move(s));
  Arena arena;
  Tally tally;
  int failures = 0;
  for (size_t i = 0; i < corpus.size() && failures < 10; ++i) {
    arena.Reset();
    testing::MutantOptions options;
    options.truncations = i < 25;  // every length of 25 records
    for (const Mutant& m : Mutants(corpus[i], v1::Assessment::descriptor(), 1000 + i, options)) {
      if (!Agree<Assessment, v1::Assessment>(m.bytes, "record " + std::to_string(i) + ", " + m.what,
                                             &arena, &tally)) {
        if (++failures >= 10) break;
      }
    }
  }
  // The corpus must exercise both outcomes heavily.
  EXPECT_GT(tally.accepted, 5000);
  EXPECT_GT(tally.rejected, 5000);
  std::printf("mutated Assessments: %d accepted, %d rejected\n", tally.accepted, tally.rejected);
}

TEST_F(DecodeDiff, MutatedRecordResults) {
  // RecordResults built from the assessments' ids and a few nested parts.
  Arena arena;
  Tally tally;
  int failures = 0;
  for (int i = 0; i < 40 && failures < 10; ++i) {
    v1::RecordResult r;
    r.set_index(static_cast<uint64_t>(i) * 977);
    r.set_assessment_id("AS" + std::to_string(10000000 + i));
    auto* arp = r.mutable_scores()->mutable_arp();
    arp->set_predictor(v1::ARP);
    arp->set_probability(0.1 * i - 1.0);
    arp->set_percentage(-0.0);
    arp->set_one_year_probability(0.5);
    auto* term = arp->add_explanation();
    term->set_name("age");
    term->set_value(1e-300);
    auto* e = arp->add_errors();
    e->set_type(v1::INVALID_DATE);
    e->add_fields("date_of_birth");
    e->add_fields("");
    r.mutable_review()->mutable_practitioner()->mutable_decided_at()->set_seconds(-5 + i);
    r.mutable_review()->mutable_basis()->add_events()->mutable_due()->set_day(i);
    r.mutable_tier()->add_reasons("R\xc3\xa9");
    r.mutable_error()->set_type(static_cast<v1::ErrorType>(-i));
    arena.Reset();
    for (const Mutant& m :
         Mutants(r.SerializeAsString(), v1::RecordResult::descriptor(), 50 + i, {})) {
      if (!Agree<RecordResult, v1::RecordResult>(m.bytes, "result " + std::to_string(i) + ", " + m.what,
                                                 &arena, &tally)) {
        if (++failures >= 10) break;
      }
    }
  }
  EXPECT_GT(tally.accepted, 1000);
  EXPECT_GT(tally.rejected, 1000);
}

// Hand-made inputs for the rules the random mutations may miss.
TEST_F(DecodeDiff, Handmade) {
  Arena arena;
  Tally tally;
  auto check = [&](const std::string& bytes, const std::string& what) {
    Agree<Assessment, v1::Assessment>(bytes, what, &arena, &tally);
  };
  using testing::EncodeVarint;
  check("", "empty");
  check(std::string("\x00", 1), "tag 0");
  check(std::string("\x0c"), "END_GROUP of field 1 at top level");
  // previous_convictions (19) with types (1) packed, unpacked, mixed, empty.
  const std::string types_packed = "\x0a\x03\x01\x05\x09";
  const std::string types_unpacked = "\x08\x01\x08\x05\x08\x09";
  auto pc = [](const std::string& body) {
    return std::string("\x9a\x01", 2) + EncodeVarint(body.size()) + body;
  };
  check(pc(types_packed), "packed types");
  check(pc(types_unpacked), "unpacked types");
  check(pc(types_packed + types_unpacked + types_packed), "mixed types");
  check(pc(std::string("\x0a\x00", 2)), "empty packed");
  check(pc(types_packed) + pc(types_unpacked), "previous_convictions twice (merge)");
  check(pc("\x0a\x0b" + EncodeVarint(~uint64_t{0})), "packed negative (10 bytes)");
  check(pc("\x0a\x0b" + EncodeVarint(~uint64_t{0}).substr(0, 9) + "\x7f"), "packed, 10th byte 0x7f");
  // Dates merge: assessment_date (3) twice with different fields.
  check("\x1a\x02\x08\x07\x1a\x02\x10\x03", "assessment_date merged");
  check("\x0a\x01" "a" "\x0a\x01" "b", "assessment_id twice (last wins)");
  // Nested groups inside answers (23) at the recursion boundary.
  for (int levels : {98, 99, 100, 101}) {
    WireMessage m;
    WireNode answers;
    answers.number = 23;
    answers.wire_type = 2;
    answers.is_message = true;
    WireNode g;
    g.number = 500;
    g.wire_type = 0;
    g.varint = 1;
    for (int i = 0; i < levels; ++i) {
      WireNode outer;
      outer.number = 600;
      outer.wire_type = 3;
      outer.children.push_back(g);
      g = outer;
    }
    answers.children.push_back(g);
    m.push_back(answers);
    check(testing::SerializeWire(m), std::to_string(levels) + " groups in answers");
    check(testing::SerializeWire({g}), std::to_string(levels) + " groups at top level");
  }
  // Sizes and tags at their limits.
  check("\x0a\xff\xff\xff\xff\x07", "length 2^31-1");
  check("\x0a\x80\x80\x80\x80\x08", "length 2^31");
  check("\x0a\x80\x80\x80\x80\x00", "length 0 in 5 bytes");
  check("\x0a\x80\x80\x80\x80\x80\x00", "length 0 in 6 bytes");
  check("\x88\x80\x80\x80\x00\x01", "5-byte tag");
  check("\x88\x80\x80\x80\x10\x01", "5-byte tag, bits past 32");
  check("\x88\x80\x80\x80\x80\x00\x01", "6-byte tag");
  check("\xa0\x01\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", "gender, 11-byte varint");
  check("\xa0\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", "gender = -1");
  check("\xa0\x01\x80\x80\x80\x80\x10", "gender = 2^32 (low bits 0)");
  check("\xa0\x02\x80\x80\x80\x80\x10", "has_ever_committed_sexual_offence = 2^32 (bool true)");
  for (int wt = 0; wt < 8; ++wt) {
    check(EncodeVarint((9u << 3) | static_cast<unsigned>(wt)) + std::string(9, '\x01'),
          "gender with wire type " + std::to_string(wt));
    check(EncodeVarint((999u << 3) | static_cast<unsigned>(wt)) + std::string(9, '\x01'),
          "unknown 999 with wire type " + std::to_string(wt));
  }
  EXPECT_GT(tally.accepted, 10);
  EXPECT_GT(tally.rejected, 10);
}

// The mutator's tree round-trips canonical bytes, so every mutant differs
// from its base only by the mutation it names.
TEST_F(DecodeDiff, SerializeWireIsTheIdentityOnCanonicalBytes) {
  for (const std::string& bytes : SerializedCaseload(9, 50, 0.1)) {
    WireMessage tree;
    ASSERT_TRUE(testing::ParseWire(bytes, v1::Assessment::descriptor(), &tree));
    EXPECT_EQ(testing::SerializeWire(tree), bytes);
  }
}

}  // namespace
}  // namespace assay::flat
