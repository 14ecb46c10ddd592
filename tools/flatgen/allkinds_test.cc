// Every field kind the generator supports (testdata/allkinds.proto: all
// scalar types singular, optional and repeated, enums with aliases and
// nested enums, bytes, nested and repeated messages, Timestamp, the largest
// field number), generated and compared with protobuf: wire bytes, decoding
// (also of mutated inputs), conversions and JSON.
#include <string>

#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "schemas/flat/mutate.h"
#include "schemas/flat/test_util.h"
#include "tools/flatgen/allkinds.flat.h"
#include "tools/flatgen/testdata/allkinds.pb.h"

namespace flatgen_test::flat {
namespace {

using assay::flat::Arena;
using assay::flat::ByteSink;
using assay::flat::testing::Equal;
using assay::flat::testing::Hex;
namespace ft = assay::flat::testing;

TEST(AllKinds, RandomMessages) {
  ft::Rng rng(42);
  Arena arena;
  ByteSink sink;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  int json_identical = 0;
  constexpr int kMessages = 2000;
  for (int i = 0; i < kMessages; ++i) {
    if (i % 100 == 0) arena.Reset();
    ::flatgen::test::AllKinds original;
    ft::FillRandom(&original, &rng);
    const std::string bytes = original.SerializeAsString();

    AllKinds flat(&arena);
    FromProto(original, &flat);
    sink.clear();
    Encode(flat, &sink);
    ASSERT_EQ(Hex(sink.view()), Hex(bytes)) << "message " << i;

    AllKinds decoded(&arena);
    ASSERT_TRUE(Decode(bytes, &decoded)) << "message " << i;
    ::flatgen::test::AllKinds back;
    ToProto(decoded, &back);
    std::string why;
    ASSERT_TRUE(Equal(back, original, &why)) << "message " << i << ": " << why;
    ASSERT_EQ(back.SerializeAsString(), bytes);

    sink.clear();
    AppendJson(flat, &sink);
    const std::string json(sink.view());
    ::flatgen::test::AllKinds parsed;
    const auto status = google::protobuf::util::JsonStringToMessage(json, &parsed);
    ASSERT_TRUE(status.ok()) << "message " << i << ": " << status.ToString() << "\n" << json;
    ::flatgen::test::AllKinds normalized = original;
    ft::NegativeZeroToZero(&normalized);
    ASSERT_TRUE(Equal(parsed, normalized, &why)) << "message " << i << ": " << why << "\n" << json;
    std::string expected;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &expected, print).ok());
    if (json == expected) {
      ++json_identical;
    } else if (i - json_identical < 3) {
      ADD_FAILURE() << "message " << i << " JSON differs:\nflat:     " << json.substr(0, 2000)
                    << "\nprotobuf: " << expected.substr(0, 2000);
    }
  }
  EXPECT_EQ(json_identical, kMessages);
}

TEST(AllKinds, MutatedInputsDecodeLikeProtobuf) {
  google::protobuf::LogSilencer silence;
  ft::Rng rng(43);
  Arena arena;
  int accepted = 0, rejected = 0, failures = 0;
  for (int i = 0; i < 60 && failures < 10; ++i) {
    ::flatgen::test::AllKinds original;
    ft::FillRandom(&original, &rng);
    arena.Reset();
    for (const ft::Mutant& m : ft::Mutants(original.SerializeAsString(),
                                           ::flatgen::test::AllKinds::descriptor(), 100 + i, {})) {
      ::flatgen::test::AllKinds proto;
      const bool proto_ok = proto.ParseFromString(m.bytes);
      AllKinds flat(&arena);
      const bool flat_ok = Decode(m.bytes, &flat);
      if (proto_ok != flat_ok) {
        ADD_FAILURE() << m.what << ": protobuf " << proto_ok << ", flat " << flat_ok << "\n"
                      << Hex(m.bytes);
        ++failures;
        continue;
      }
      (proto_ok ? accepted : rejected)++;
      if (!proto_ok) continue;
      proto.DiscardUnknownFields();
      ::flatgen::test::AllKinds back;
      ToProto(flat, &back);
      if (back.SerializeAsString() != proto.SerializeAsString()) {
        ADD_FAILURE() << m.what << ": decoded messages differ\n" << Hex(m.bytes);
        ++failures;
      }
    }
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(rejected, 1000);
}

TEST(AllKinds, Api) {
  Arena arena;
  AllKinds m(&arena);
  m.set_o_s("");  // optional string: present although empty
  m.set_color(::flatgen::test::VERDE);
  m.add_r_by(std::string_view("\0\1", 2));
  m.mutable_nested()->set_kind(AllKinds::Nested::BIG);
  AllKinds::Nested* n = m.add_r_nested();
  n->add_leaves()->set_name("leaf");
  m.set_highest(-1);
  ::flatgen::test::AllKinds p;
  p.set_o_s("");
  p.set_color(::flatgen::test::GREEN);
  p.add_r_by(std::string("\0\1", 2));
  p.mutable_nested()->set_kind(::flatgen::test::AllKinds::Nested::BIG);
  p.add_r_nested()->add_leaves()->set_name("leaf");
  p.set_highest(-1);
  EXPECT_TRUE(m.has_o_s());
  ByteSink sink;
  Encode(m, &sink);
  EXPECT_EQ(Hex(sink.view()), Hex(p.SerializeAsString()));
  EXPECT_EQ(EnumName(::flatgen::test::GREEN), "GREEN");  // the first name of an alias
  EXPECT_EQ(EnumName(static_cast<::flatgen::test::Color>(9)), "");
}

}  // namespace
}  // namespace flatgen_test::flat
