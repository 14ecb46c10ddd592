// Output messages: random RecordResults (every field, awkward values) through
// FromProto, Encode and AppendJson, compared with protobuf's bytes and with
// protobuf's JSON parser (and printer).
//
// JSON exclusions, both protobuf's own limits (its printer refuses or loses
// the same values):
//   - NaN is generated only as the canonical quiet NaN: JSON's "NaN" parses
//     back to that one, so other payloads cannot survive any JSON printer.
//   - -0.0 is printed "-0" (byte-identical to protobuf's printer) but
//     protobuf's JSON parser reads it back as +0.0 (an implicit-presence
//     field then disappears), so the parse-back is compared with the message
//     whose -0.0s are made +0.0. The wire comparisons are exact.
//   - Timestamps stay inside 0001-01-01..9999-12-31 with nanos in [0, 1e9):
//     MessageToJsonString fails outside it (JsonTimestampOutOfRange checks
//     that AppendJson then writes something JsonStringToMessage rejects).
//   Unknown enum numbers (negative too) are printed as numbers and parse
//   back, so they are included.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "schemas/batch.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/flat/json.h"
#include "schemas/flat/test_util.h"

namespace assay::flat {
namespace {

namespace pb = google::protobuf;
using testing::Equal;
using testing::FillRandom;
using testing::NegativeZeroToZero;
using testing::Rng;
using testing::RandomDouble;

// Where two texts first differ, with a little context (failure messages
// stay short even for long inputs).
std::string FirstDifference(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const size_t from = i < 40 ? 0 : i - 40;
  return "at byte " + std::to_string(i) + ":\n  flat:     " + std::string(a.substr(from, 100)) +
         "\n  protobuf: " + std::string(b.substr(from, 100));
}

TEST(Output, RandomRecordResults) {
  Rng rng(20250324);
  Arena arena;
  ByteSink sink;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  int json_identical = 0, compared = 0;
  constexpr int kMessages = 3000;
  for (int i = 0; i < kMessages; ++i) {
    if (i % 100 == 0) arena.Reset();
    v1::RecordResult original;
    FillRandom(&original, &rng);
    const std::string bytes = original.SerializeAsString();

    RecordResult flat(&arena);
    FromProto(original, &flat);
    sink.clear();
    Encode(flat, &sink);
    ASSERT_EQ(sink.view(), bytes) << "message " << i;

    RecordResult decoded(&arena);
    ASSERT_TRUE(Decode(bytes, &decoded)) << "message " << i;
    v1::RecordResult back;
    ToProto(decoded, &back);
    std::string why;
    ASSERT_TRUE(Equal(back, original, &why)) << "message " << i << ": " << why;
    ASSERT_EQ(back.SerializeAsString(), bytes) << "message " << i;

    sink.clear();
    AppendJson(flat, &sink);
    const std::string json(sink.view());
    v1::RecordResult parsed;
    const auto status = google::protobuf::util::JsonStringToMessage(json, &parsed);
    ASSERT_TRUE(status.ok()) << "message " << i << ": " << status.ToString() << "\n"
                             << json.substr(0, 2000);
    // protobuf's JSON parser reads "-0" as +0.0 (its own printer writes -0.0
    // as "-0" too): compare with the message whose -0.0s are +0.0.
    v1::RecordResult normalized = original;
    NegativeZeroToZero(&normalized);
    ASSERT_TRUE(Equal(parsed, normalized, &why)) << "message " << i << ": " << why;
    ASSERT_EQ(parsed.SerializeAsString(), normalized.SerializeAsString()) << "message " << i;

    std::string expected;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &expected, print).ok());
    ++compared;
    if (json == expected) {
      ++json_identical;
    } else if (compared - json_identical <= 5) {
      ADD_FAILURE() << "message " << i << " JSON differs from protobuf's "
                    << FirstDifference(json, expected);
    }
  }
  EXPECT_EQ(json_identical, compared);
}

// Doubles: protobuf's "%.15g, else %.17g" formatting, on many values.
TEST(Output, JsonDoublesMatchProtobuf) {
  Rng rng(7);
  ByteSink sink;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  for (int i = 0; i < 20000; ++i) {
    const double v = RandomDouble(&rng);
    v1::Term t;
    t.set_value(v);
    std::string expected;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(t, &expected, print).ok());
    Arena arena;
    Term flat(&arena);
    FromProto(t, &flat);
    sink.clear();
    AppendJson(flat, &sink);
    ASSERT_EQ(sink.view(), expected) << v;
  }
}

// Strings: every code point (in chunks) escaped as protobuf escapes it.
TEST(Output, JsonEscapingMatchesProtobufForEveryCodePoint) {
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  ByteSink sink;
  std::string text;
  auto flush = [&]() -> bool {
    v1::Term t;
    t.set_name(text);
    std::string expected;
    if (!google::protobuf::util::MessageToJsonString(t, &expected, print).ok()) {
      ADD_FAILURE() << "protobuf cannot print the text";
      return false;
    }
    Arena arena;
    Term flat(&arena);
    FromProto(t, &flat);
    sink.clear();
    AppendJson(flat, &sink);
    text.clear();
    if (sink.view() == expected) return true;
    ADD_FAILURE() << FirstDifference(sink.view(), expected);
    return false;
  };
  for (uint32_t cp = 0; cp <= 0x10ffff; ++cp) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    if (cp < 0x80) {
      text.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      text.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      text.push_back(static_cast<char>(0x80 | (cp & 63)));
    } else if (cp < 0x10000) {
      text.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 6) & 63)));
      text.push_back(static_cast<char>(0x80 | (cp & 63)));
    } else {
      text.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 12) & 63)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 6) & 63)));
      text.push_back(static_cast<char>(0x80 | (cp & 63)));
    }
    if (text.size() > 60000 && !flush()) return;
  }
  flush();
}

// Outside protobuf's Timestamp range neither printer gives parseable JSON.
TEST(Output, JsonTimestampOutOfRange) {
  google::protobuf::util::JsonPrintOptions print;
  for (auto [seconds, nanos] : {std::pair<int64_t, int32_t>{-62135596801, 0},
                                {253402300800, 0},
                                {0, -1},
                                {0, 1000000000}}) {
    v1::RecordResult r;
    r.mutable_review()->mutable_practitioner()->mutable_decided_at()->set_seconds(seconds);
    r.mutable_review()->mutable_practitioner()->mutable_decided_at()->set_nanos(nanos);
    std::string unused;
    {
      google::protobuf::LogSilencer silence;
      EXPECT_FALSE(google::protobuf::util::MessageToJsonString(r, &unused, print).ok());
    }
    Arena arena;
    RecordResult flat(&arena);
    FromProto(r, &flat);
    ByteSink sink;
    AppendJson(flat, &sink);
    v1::RecordResult parsed;
    EXPECT_FALSE(google::protobuf::util::JsonStringToMessage(std::string(sink.view()), &parsed).ok())
        << sink.view();
  }
}

}  // namespace
}  // namespace assay::flat
