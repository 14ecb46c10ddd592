#include "engine/io/crc32c.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace assay::io {
namespace {

using crc32c_internal::Crc32cSse42;
using crc32c_internal::Crc32cTable;
using crc32c_internal::ExtendSse42;
using crc32c_internal::ExtendTable;
using crc32c_internal::Sse42Available;

// The bit-at-a-time definition, independent of both implementations' tables.
uint32_t ReferenceCrc32c(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1u) ? 0x82F63B78u : 0u);
  }
  return ~crc;
}

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

// Runs `check` with each implementation this machine can run, by name.
template <typename Check>
void ForEachImplementation(Check check) {
  check("table", [](std::string_view d) { return Crc32cTable(d); });
  if (Sse42Available()) check("sse4.2", [](std::string_view d) { return Crc32cSse42(d); });
  check("dispatched", [](std::string_view d) { return Crc32c(d); });
}

struct Vector {
  const char* name;
  std::string data;
  uint32_t crc;
};

std::vector<Vector> KnownVectors() {
  std::string ascending(32, '\0');
  std::string descending(32, '\0');
  for (int i = 0; i < 32; ++i) {
    ascending[i] = static_cast<char>(i);
    descending[i] = static_cast<char>(31 - i);
  }
  return {
      {"check value", "123456789", 0xE3069283u},
      {"empty", "", 0x00000000u},
      // RFC 3720 (iSCSI), appendix B.4.
      {"32 zeros", std::string(32, '\0'), 0x8A9136AAu},
      {"32 0xFF", std::string(32, '\xFF'), 0x62A8AB43u},
      {"0..31", ascending, 0x46DD794Eu},
      {"31..0", descending, 0x113FDB5Cu},
      // RFC 3720 B.4's iSCSI SCSI Read (10) command PDU.
      {"iSCSI read PDU",
       std::string("\x01\xc0\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                   "\x14\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x14\x00\x00\x00\x18"
                   "\x28\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00",
                   48),
       0xD9963A56u},
  };
}

TEST(Crc32cTest, KnownVectors) {
  for (const Vector& v : KnownVectors()) {
    EXPECT_EQ(ReferenceCrc32c(v.data), v.crc) << v.name << " (bitwise reference)";
    ForEachImplementation([&](const char* impl, auto crc) {
      EXPECT_EQ(crc(v.data), v.crc) << v.name << " with " << impl;
    });
  }
}

TEST(Crc32cTest, ImplementationNameMatchesMachine) {
  EXPECT_EQ(crc32c_internal::ImplementationName(), Sse42Available() ? "sse4.2" : "table");
#if defined(__x86_64__)
  // The project's machines all have SSE4.2 (toolchain notes); if this fails
  // the fast path is silently not being used.
  EXPECT_TRUE(Sse42Available());
#endif
}

// Every length up to 300 at every misalignment 0..15, random data: both
// implementations agree with the bitwise reference. Lengths cross the 8-byte
// word loop, the 4/2/1-byte tails and the 3 x 64-byte interleaved blocks.
TEST(Crc32cTest, AllLengthsAndAlignmentsAgree) {
  if (!Sse42Available()) GTEST_SKIP() << "no SSE4.2 on this machine; table only";
  const std::string buffer = RandomBytes(300 + 16, 1);
  for (size_t offset = 0; offset < 16; ++offset) {
    for (size_t length = 0; length <= 300; ++length) {
      const std::string_view data(buffer.data() + offset, length);
      const uint32_t expected = ReferenceCrc32c(data);
      ASSERT_EQ(Crc32cTable(data), expected) << "offset " << offset << " length " << length;
      ASSERT_EQ(Crc32cSse42(data), expected) << "offset " << offset << " length " << length;
    }
  }
}

TEST(Crc32cTest, TableAllLengthsAndAlignments) {
  const std::string buffer = RandomBytes(300 + 16, 2);
  for (size_t offset = 0; offset < 16; ++offset) {
    for (size_t length = 0; length <= 300; ++length) {
      const std::string_view data(buffer.data() + offset, length);
      ASSERT_EQ(Crc32cTable(data), ReferenceCrc32c(data))
          << "offset " << offset << " length " << length;
    }
  }
}

// Longer inputs take the interleaved 3 x 8 KiB, 3 x 256 and 3 x 64-byte
// paths in turn; sizes straddle each tier's threshold.
TEST(Crc32cTest, LongInputsAgree) {
  if (!Sse42Available()) GTEST_SKIP() << "no SSE4.2 on this machine";
  const std::string buffer = RandomBytes(200000 + 16, 3);
  for (const size_t length :
       {191, 192, 193, 383, 384, 767, 768, 769, 768 + 192 + 5, 1000, 3 * 256 * 2 + 7, 24575,
        24576, 24577, 24576 + 768 + 192 + 9, 50000, 3 * 24576 + 3 * 256 + 13, 200000}) {
    for (const size_t offset : {0, 1, 7}) {
      const std::string_view data(buffer.data() + offset, length);
      const uint32_t expected = ReferenceCrc32c(data);
      EXPECT_EQ(Crc32cTable(data), expected) << "offset " << offset << " length " << length;
      EXPECT_EQ(Crc32cSse42(data), expected) << "offset " << offset << " length " << length;
    }
  }
}

// ExtendCrc32c over any split equals the one-shot CRC, for each
// implementation's own Extend and the dispatched one, mixing them too.
TEST(Crc32cTest, ExtendChainsLikeOneShot) {
  const std::string data = RandomBytes(30000, 4);
  const uint32_t whole = ReferenceCrc32c(data);
  std::mt19937 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    // Cut into up to 5 pieces at random points (some empty).
    std::vector<size_t> cuts = {0, data.size()};
    for (int i = 0; i < 4; ++i) cuts.push_back(rng() % (data.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    uint32_t dispatched = 0;
    uint32_t table = 0;
    uint32_t sse = 0;
    uint32_t mixed = 0;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
      const std::string_view piece(data.data() + cuts[i], cuts[i + 1] - cuts[i]);
      dispatched = ExtendCrc32c(dispatched, piece);
      table = ExtendTable(table, piece.data(), piece.size());
      if (Sse42Available()) {
        sse = ExtendSse42(sse, piece.data(), piece.size());
        mixed = (i % 2 == 0) ? ExtendSse42(mixed, piece.data(), piece.size())
                             : ExtendTable(mixed, piece.data(), piece.size());
      }
    }
    ASSERT_EQ(dispatched, whole) << "trial " << trial;
    ASSERT_EQ(table, whole) << "trial " << trial;
    if (Sse42Available()) {
      ASSERT_EQ(sse, whole) << "trial " << trial;
      ASSERT_EQ(mixed, whole) << "trial " << trial;
    }
  }
  EXPECT_EQ(ExtendCrc32c(Crc32c("1234"), "56789"), 0xE3069283u);
  EXPECT_EQ(ExtendCrc32c(Crc32c("123456789"), ""), 0xE3069283u);
  EXPECT_EQ(ExtendCrc32c(0, ""), 0u);
}

TEST(Crc32cTest, MaskRoundTripsAndMatchesTfRecord) {
  // The formula from TensorFlow's crc32c.h, written out independently.
  for (const uint32_t crc : {0u, 1u, 0xE3069283u, 0xFFFFFFFFu, 0x80000000u, 0x12345678u}) {
    const uint32_t masked = ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    EXPECT_EQ(MaskCrc32c(crc), masked);
    EXPECT_EQ(UnmaskCrc32c(masked), crc);
    EXPECT_NE(MaskCrc32c(crc), crc);
  }
  std::mt19937 rng(6);
  for (int i = 0; i < 10000; ++i) {
    const uint32_t crc = static_cast<uint32_t>(rng());
    ASSERT_EQ(UnmaskCrc32c(MaskCrc32c(crc)), crc);
    ASSERT_EQ(MaskCrc32c(UnmaskCrc32c(crc)), crc);
  }
  static_assert(MaskCrc32c(0) == 0xa282ead8u);
  static_assert(UnmaskCrc32c(MaskCrc32c(0xE3069283u)) == 0xE3069283u);
}

}  // namespace
}  // namespace assay::io
