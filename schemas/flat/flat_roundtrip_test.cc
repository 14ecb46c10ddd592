// Real data through the flat mirrors: generated caseloads (several seeds,
// some with deliberate validation errors) serialized by protobuf, then
// Decode, Encode, ToProto, FromProto and AppendJson compared with protobuf.
#include <string>
#include <vector>

#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/flat/test_util.h"

namespace assay::flat {
namespace {

using testing::Equal;
using testing::Hex;
using testing::SerializedCaseload;

struct Case {
  uint64_t seed;
  int count;
  double invalid_share;
};

class RoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(RoundTrip, DecodeEncodeConvertJson) {
  const Case c = GetParam();
  const std::vector<std::string> caseload = SerializedCaseload(c.seed, c.count, c.invalid_share);
  Arena arena;
  ByteSink sink;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  int json_identical = 0;
  for (size_t i = 0; i < caseload.size(); ++i) {
    if (i % 64 == 0) arena.Reset();
    const std::string& bytes = caseload[i];
    v1::Assessment original;
    ASSERT_TRUE(original.ParseFromString(bytes));

    Assessment flat(&arena);
    ASSERT_TRUE(Decode(bytes, &flat)) << "record " << i << ": " << Hex(bytes);

    sink.clear();
    Encode(flat, &sink);
    ASSERT_EQ(sink.view(), bytes) << "record " << i;

    v1::Assessment back;
    ToProto(flat, &back);
    std::string why;
    ASSERT_TRUE(Equal(back, original, &why)) << "record " << i << ": " << why;

    Assessment copied(&arena);
    FromProto(original, &copied);
    sink.clear();
    Encode(copied, &sink);
    ASSERT_EQ(sink.view(), bytes) << "record " << i << " (FromProto)";

    sink.clear();
    AppendJson(flat, &sink);
    v1::Assessment parsed;
    const auto status = google::protobuf::util::JsonStringToMessage(std::string(sink.view()), &parsed);
    ASSERT_TRUE(status.ok()) << status.ToString() << "\n" << sink.view();
    ASSERT_TRUE(Equal(parsed, original, &why)) << "record " << i << ": " << why;
    std::string expected;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &expected, print).ok());
    if (sink.view() == expected) {
      ++json_identical;
    } else if (i - static_cast<size_t>(json_identical) <= 3) {
      ADD_FAILURE() << "record " << i << ": JSON differs from MessageToJsonString\n"
                    << sink.view().substr(0, 3000) << "\n" << expected.substr(0, 3000);
    }
  }
  EXPECT_EQ(json_identical, c.count);
}

INSTANTIATE_TEST_SUITE_P(Caseloads, RoundTrip,
                         ::testing::Values(Case{20110405, 1500, 0.0}, Case{1, 1000, 0.05},
                                           Case{2, 1000, 0.2}, Case{3, 500, 1.0}));

// A decoded record's strings point into the input (aliasing), FromProto's
// into the arena; a copy of a message is shallow.
TEST(FlatApi, AliasingCopyAndClear) {
  const std::vector<std::string> caseload = SerializedCaseload(7, 1, 0.0);
  Arena arena;
  Assessment a(&arena);
  ASSERT_TRUE(Decode(caseload[0], &a));
  const char* begin = caseload[0].data();
  const char* end = begin + caseload[0].size();
  ASSERT_FALSE(a.assessment_id().empty());
  EXPECT_GE(a.assessment_id().data(), begin);
  EXPECT_LT(a.assessment_id().data(), end);

  v1::Assessment proto;
  ASSERT_TRUE(proto.ParseFromString(caseload[0]));
  Assessment b(&arena);
  FromProto(proto, &b);
  EXPECT_EQ(b.assessment_id(), proto.assessment_id());
  EXPECT_NE(b.assessment_id().data(), proto.assessment_id().data());

  Assessment shallow = a;  // trivially copyable
  EXPECT_EQ(shallow.assessment_id().data(), a.assessment_id().data());
  EXPECT_EQ(shallow.arena(), &arena);

  a.Clear();
  EXPECT_TRUE(a.assessment_id().empty());
  EXPECT_FALSE(a.has_answers());
  EXPECT_FALSE(a.has_total_sanctions());
  EXPECT_EQ(a.previous_convictions().types_size(), 0);
  ByteSink sink;
  Encode(a, &sink);
  EXPECT_EQ(sink.size(), 0u);
  AppendJson(a, &sink);
  EXPECT_EQ(sink.view(), "{}");
}

// The accessors behave like protobuf's: presence, clear, repeated.
TEST(FlatApi, AccessorsMatchProtobuf) {
  Arena arena;
  Assessment a(&arena);
  v1::Assessment p;
  auto fill = [](auto* m) {
    m->set_assessment_id("AS00000001");
    m->set_gender(v1::FEMALE);
    m->set_total_sanctions(0);  // optional: present although zero
    m->mutable_assessment_date()->set_year(2025);
    m->mutable_previous_convictions()->add_types(v1::ROBBERY);
    m->mutable_previous_convictions()->add_types(static_cast<v1::PreviousConviction>(-2));
    m->mutable_case_context()->add_events()->set_type(v1::NEW_OFFENCE);
    m->mutable_case_context()->mutable_practitioner_decision()->mutable_decided_at()->set_seconds(
        1742823840);
    m->mutable_maturity();  // present, empty
  };
  fill(&a);
  fill(&p);
  EXPECT_TRUE(a.has_total_sanctions());
  EXPECT_EQ(a.previous_convictions().types(1), static_cast<v1::PreviousConviction>(-2));
  ByteSink sink;
  Encode(a, &sink);
  EXPECT_EQ(sink.view(), p.SerializeAsString());
  a.clear_total_sanctions();
  p.clear_total_sanctions();
  a.clear_maturity();
  p.clear_maturity();
  a.mutable_case_context()->clear_events();
  p.mutable_case_context()->clear_events();
  sink.clear();
  Encode(a, &sink);
  EXPECT_EQ(sink.view(), p.SerializeAsString());
  EXPECT_FALSE(a.has_total_sanctions());
}

// Once warm, resetting the arena per block allocates no new blocks.
TEST(FlatApi, ArenaReuseStopsGrowing) {
  const std::vector<std::string> caseload = SerializedCaseload(11, 2048, 0.0);
  Arena arena;
  size_t reserved_after_warmup = 0;
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < caseload.size(); ++i) {
      if (i % 256 == 0) arena.Reset();
      Assessment a(&arena);
      ASSERT_TRUE(Decode(caseload[i], &a));
      v1::Assessment p;
      FromProto(v1::Assessment(), &a);
    }
    if (round == 0) reserved_after_warmup = arena.BytesReserved();
  }
  EXPECT_GT(reserved_after_warmup, 0u);
  EXPECT_EQ(arena.BytesReserved(), reserved_after_warmup);
}

// Big allocations get their own blocks, which later rounds reuse.
TEST(FlatApi, ArenaLargeAllocations) {
  Arena arena;
  for (int round = 0; round < 3; ++round) {
    arena.Reset();
    for (size_t size : {size_t{10}, size_t{200000}, size_t{70000}, size_t{5}, size_t{1} << 20}) {
      char* p = static_cast<char*>(arena.Allocate(size, 8));
      ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % 8, 0u);
      p[0] = 1;
      p[size - 1] = 2;
    }
  }
  const size_t reserved = arena.BytesReserved();
  arena.Reset();
  for (size_t size : {size_t{10}, size_t{200000}, size_t{70000}, size_t{5}, size_t{1} << 20}) {
    arena.Allocate(size, 8);
  }
  EXPECT_EQ(arena.BytesReserved(), reserved);
}

}  // namespace
}  // namespace assay::flat
