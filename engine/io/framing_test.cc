#include "engine/io/framing.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/crc32c.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/delimited_message_util.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"

namespace assay::io::framing {


void PrintTo(FrameStatus status, std::ostream* os) { *os << FrameStatusName(status); }

namespace {

constexpr Framing kBothFramings[] = {Framing::kLengthDelimited, Framing::kTfRecord};

std::string RandomPayload(std::mt19937& rng, size_t size) {
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

// What a whole-buffer read of `bytes` yields.
struct ReadResult {
  std::vector<std::string> payloads;
  std::vector<bool> checksum_ok;
  std::vector<size_t> offsets;
  FrameStatus final_status = FrameStatus::kEnd;
  size_t final_offset = 0;
};

ReadResult ReadAll(Framing framing, std::string_view bytes, bool end_of_input = true) {
  ReadResult r;
  Frame frame;
  size_t offset = 0;
  for (;;) {
    const FrameStatus status = NextFrame(framing, bytes.substr(offset), end_of_input, &frame);
    if (status != FrameStatus::kRecord) {
      r.final_status = status;
      r.final_offset = offset;
      return r;
    }
    EXPECT_GT(frame.size, 0u);
    EXPECT_LE(frame.size, bytes.size() - offset);
    EXPECT_GE(frame.payload.data(), bytes.data() + offset);
    EXPECT_LE(frame.payload.data() + frame.payload.size(), bytes.data() + offset + frame.size);
    r.payloads.emplace_back(frame.payload);
    r.checksum_ok.push_back(frame.payload_checksum_ok);
    r.offsets.push_back(offset);
    offset += frame.size;
  }
}

std::string AppendAll(Framing framing, const std::vector<std::string>& payloads) {
  std::string out;
  for (const std::string& p : payloads) AppendFrame(framing, p, &out);
  return out;
}

// In place: the "encoder" appends the payload between BeginFrame and EndFrame.
std::string InPlaceAll(Framing framing, const std::vector<std::string>& payloads) {
  std::string out;
  for (const std::string& p : payloads) {
    const size_t begin = BeginFrame(framing, &out);
    out.append(p);
    EndFrame(framing, &out, begin);
  }
  return out;
}

TEST(FramingTest, Names) {
  EXPECT_EQ(FramingName(Framing::kLengthDelimited), "delimited");
  EXPECT_EQ(FramingName(Framing::kTfRecord), "tfrecord");
  for (const Framing f : kBothFramings) EXPECT_EQ(ParseFraming(FramingName(f)), f);
  EXPECT_EQ(ParseFraming(""), std::nullopt);
  EXPECT_EQ(ParseFraming("TFRecord"), std::nullopt);
  EXPECT_EQ(ParseFraming("delimited "), std::nullopt);
  EXPECT_EQ(FrameStatusName(FrameStatus::kDamaged), "damaged");
}

TEST(FramingTest, FramedSize) {
  EXPECT_EQ(FramedSize(Framing::kTfRecord, 0), 16u);
  EXPECT_EQ(FramedSize(Framing::kTfRecord, 100), 116u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, 0), 1u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, 127), 128u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, 128), 130u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, 16383), 16385u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, 16384), 16387u);
  EXPECT_EQ(FramedSize(Framing::kLengthDelimited, kMaxRecordBytes), kMaxRecordBytes + 4);
}

// Random sizes 0..70000 (weighted towards the small ones that dominate
// real streams, and the varint boundaries), both writers, byte for byte.
TEST(FramingTest, RoundTripRandomSizes) {
  std::mt19937 rng(11);
  std::vector<std::string> payloads;
  for (const size_t size : {0, 1, 127, 128, 129, 16383, 16384, 16385, 70000}) {
    payloads.push_back(RandomPayload(rng, size));
  }
  for (int i = 0; i < 300; ++i) {
    const size_t limit = (i % 3 == 0) ? 70001 : (i % 3 == 1) ? 2000 : 130;
    payloads.push_back(RandomPayload(rng, rng() % limit));
  }
  for (const Framing framing : kBothFramings) {
    SCOPED_TRACE(FramingName(framing));
    const std::string appended = AppendAll(framing, payloads);
    const std::string in_place = InPlaceAll(framing, payloads);
    ASSERT_TRUE(appended == in_place) << "AppendFrame and BeginFrame/EndFrame differ";
    size_t expected_size = 0;
    for (const std::string& p : payloads) expected_size += FramedSize(framing, p.size());
    EXPECT_EQ(appended.size(), expected_size);
    const ReadResult r = ReadAll(framing, appended);
    EXPECT_EQ(r.final_status, FrameStatus::kEnd);
    EXPECT_EQ(r.final_offset, appended.size());
    ASSERT_EQ(r.payloads.size(), payloads.size());
    for (size_t i = 0; i < payloads.size(); ++i) {
      ASSERT_TRUE(r.payloads[i] == payloads[i]) << "record " << i;
      ASSERT_TRUE(r.checksum_ok[i]) << "record " << i;
    }
  }
}

// The in-place writer after other bytes already in the buffer, for each
// varint size class (the payload moves left, stays, or moves right).
TEST(FramingTest, InPlaceWriterAtAnOffset) {
  std::mt19937 rng(12);
  for (const size_t size : {0, 1, 127, 128, 16383, 16384, 2097151, 2097152}) {
    const std::string payload = RandomPayload(rng, size);
    for (const Framing framing : kBothFramings) {
      std::string out = "prefix";
      const size_t begin = BeginFrame(framing, &out);
      EXPECT_EQ(begin, 6u);
      out.append(payload);
      EndFrame(framing, &out, begin);
      out.append("suffix");
      std::string expected = "prefix";
      AppendFrame(framing, payload, &expected);
      expected.append("suffix");
      ASSERT_TRUE(out == expected) << FramingName(framing) << " size " << size;
    }
  }
}

// The canonical encoding: what protobuf itself writes with
// SerializeDelimitedToOstream, and reads back with
// ParseDelimitedFromZeroCopyStream.
TEST(FramingTest, DelimitedMatchesProtobuf) {
  std::mt19937 rng(13);
  std::vector<std::string> payloads;
  std::ostringstream protobuf_bytes;
  // BytesValue serializes as 0x0A, varint length, bytes: a payload of
  // size - 2 or - 3 bytes crosses every varint boundary in total size.
  for (const size_t size : {0, 1, 100, 125, 126, 127, 200, 16380, 16381, 16382, 16383, 20000,
                            2097148, 2097149, 2097150, 2097152}) {
    google::protobuf::BytesValue message;
    message.set_value(RandomPayload(rng, size));
    ASSERT_TRUE(google::protobuf::util::SerializeDelimitedToOstream(message, &protobuf_bytes));
    payloads.push_back(message.SerializeAsString());
  }
  const std::string ours = InPlaceAll(Framing::kLengthDelimited, payloads);
  ASSERT_TRUE(ours == protobuf_bytes.str());

  google::protobuf::io::ArrayInputStream input(ours.data(), static_cast<int>(ours.size()));
  for (const std::string& p : payloads) {
    google::protobuf::BytesValue message;
    bool clean_eof = false;
    ASSERT_TRUE(
        google::protobuf::util::ParseDelimitedFromZeroCopyStream(&message, &input, &clean_eof));
    EXPECT_EQ(message.SerializeAsString(), p);
  }
}

// A stream cut at every byte: the first part with more to come, then the
// whole stream. Until a record is whole the reader says kNeedMore (never a
// partial record, never damage), and the records come out the same. Also
// every prefix on its own with end_of_input: kEnd at a record boundary,
// kTruncated (at the cut record's offset) inside one.
TEST(FramingTest, EverySplitPoint) {
  std::mt19937 rng(14);
  std::vector<std::string> payloads;
  for (const size_t size : {0, 3, 127, 128, 300, 0, 1}) payloads.push_back(RandomPayload(rng, size));
  for (const Framing framing : kBothFramings) {
    SCOPED_TRACE(FramingName(framing));
    const std::string stream = AppendAll(framing, payloads);
    std::vector<size_t> boundaries = {0};
    for (const std::string& p : payloads) {
      boundaries.push_back(boundaries.back() + FramedSize(framing, p.size()));
    }
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
      // Partial input, more to come.
      const ReadResult partial = ReadAll(framing, std::string_view(stream).substr(0, cut),
                                         /*end_of_input=*/false);
      ASSERT_EQ(partial.final_status, FrameStatus::kNeedMore) << "cut " << cut;
      const size_t whole = partial.payloads.size();
      ASSERT_EQ(partial.final_offset, boundaries[whole]) << "cut " << cut;
      ASSERT_LE(boundaries[whole], cut);
      if (whole < payloads.size()) {
        ASSERT_LT(cut, boundaries[whole + 1]) << "cut " << cut;
      }
      // What the reader asked for: the record's true end once its header is
      // complete, and never less than one more byte.
      Frame frame;
      NextFrame(framing, std::string_view(stream).substr(boundaries[whole], cut - boundaries[whole]),
                false, &frame);
      ASSERT_GT(boundaries[whole] + frame.size, cut) << "cut " << cut;
      if (whole < payloads.size()) {
        ASSERT_LE(boundaries[whole] + frame.size, boundaries[whole + 1]) << "cut " << cut;
      }
      // Then resume from the incomplete record with the rest of the stream.
      const ReadResult rest =
          ReadAll(framing, std::string_view(stream).substr(partial.final_offset));
      ASSERT_EQ(rest.final_status, FrameStatus::kEnd);
      std::vector<std::string> all = partial.payloads;
      all.insert(all.end(), rest.payloads.begin(), rest.payloads.end());
      ASSERT_EQ(all, payloads) << "cut " << cut;

      // The prefix as the whole input.
      const ReadResult ended = ReadAll(framing, std::string_view(stream).substr(0, cut));
      ASSERT_EQ(ended.payloads.size(), whole);
      ASSERT_EQ(ended.final_offset, boundaries[whole]);
      ASSERT_EQ(ended.final_status,
                cut == boundaries[whole] ? FrameStatus::kEnd : FrameStatus::kTruncated)
          << "cut " << cut;
    }
  }
}

// A chunked reader that grows its buffer one byte at a time and keeps the
// unconsumed tail, as a file reader would.
TEST(FramingTest, ByteAtATimeReader) {
  std::mt19937 rng(15);
  std::vector<std::string> payloads;
  for (int i = 0; i < 40; ++i) payloads.push_back(RandomPayload(rng, rng() % 400));
  for (const Framing framing : kBothFramings) {
    const std::string stream = InPlaceAll(framing, payloads);
    std::string buffer;
    std::vector<std::string> got;
    size_t fed = 0;
    Frame frame;
    for (;;) {
      const bool end = fed == stream.size();
      const FrameStatus status = NextFrame(framing, buffer, end, &frame);
      if (status == FrameStatus::kRecord) {
        got.emplace_back(frame.payload);
        buffer.erase(0, frame.size);
      } else if (status == FrameStatus::kNeedMore) {
        ASSERT_LT(fed, stream.size());
        buffer.push_back(stream[fed++]);
      } else {
        EXPECT_EQ(status, FrameStatus::kEnd);
        break;
      }
    }
    EXPECT_EQ(got, payloads) << FramingName(framing);
  }
}

// The inline fast path and the general path agree on every prefix of a
// stream of one- and two-byte lengths (and a few longer).
TEST(FramingTest, DelimitedFastPathMatchesGeneralPath) {
  std::mt19937 rng(16);
  std::vector<std::string> payloads;
  for (int i = 0; i < 60; ++i) payloads.push_back(RandomPayload(rng, rng() % (i % 10 ? 300 : 20000)));
  const std::string stream = AppendAll(Framing::kLengthDelimited, payloads);
  for (size_t start = 0; start < 2000; ++start) {
    for (const bool end : {false, true}) {
      for (const size_t len : {size_t{0}, size_t{1}, size_t{2}, size_t{3}, size_t{130},
                               stream.size() - start}) {
        const std::string_view bytes = std::string_view(stream).substr(start, len);
        Frame fast;
        const FrameStatus a = NextFrame(Framing::kLengthDelimited, bytes, end, &fast);
        const framing_internal::SlowResult general =
            framing_internal::NextFrameSlow(Framing::kLengthDelimited, bytes, end);
        const Frame& slow = general.frame;
        ASSERT_EQ(a, general.status) << start << " " << len;
        ASSERT_EQ(fast.size, slow.size);
        ASSERT_EQ(fast.payload.data(), slow.payload.data());
        ASSERT_EQ(fast.payload.size(), slow.payload.size());
      }
    }
  }
}

FrameStatus Frame1(Framing framing, std::string_view bytes, bool end, Frame* frame) {
  return NextFrame(framing, bytes, end, frame);
}

TEST(FramingTest, EmptyInput) {
  for (const Framing framing : kBothFramings) {
    Frame frame;
    EXPECT_EQ(Frame1(framing, "", true, &frame), FrameStatus::kEnd);
    EXPECT_EQ(frame.size, 0u);
    EXPECT_EQ(Frame1(framing, "", false, &frame), FrameStatus::kNeedMore);
    EXPECT_GE(frame.size, 1u);
  }
}

TEST(FramingTest, DelimitedDamage) {
  using std::string_literals::operator""s;
  const Framing d = Framing::kLengthDelimited;
  Frame frame;
  // Varints longer than 5 bytes, even when the value is small (protobuf's
  // ReadSize rejects them) and even before the 6th byte has arrived.
  EXPECT_EQ(Frame1(d, "\x80\x80\x80\x80\x80\x00"s, true, &frame), FrameStatus::kDamaged);
  EXPECT_EQ(Frame1(d, "\x81\x80\x80\x80\x80\x00xx"s, false, &frame), FrameStatus::kDamaged);
  EXPECT_EQ(Frame1(d, "\x81\x80\x80\x80\x80"s, false, &frame), FrameStatus::kDamaged);
  EXPECT_EQ(Frame1(d, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"s, false, &frame),
            FrameStatus::kDamaged);
  // 5-byte lengths with a 5th byte >= 8: 2 GiB or more.
  for (int fifth = 8; fifth < 0x80; ++fifth) {
    std::string header = "\x80\x80\x80\x80"s;
    header.push_back(static_cast<char>(fifth));
    ASSERT_EQ(Frame1(d, header + "payload", false, &frame), FrameStatus::kDamaged) << fifth;
  }
  // 5-byte lengths below 2 GiB but above kMaxRecordBytes.
  EXPECT_EQ(Frame1(d, "\x80\x80\x80\x80\x07"s, false, &frame), FrameStatus::kDamaged);
  EXPECT_EQ(Frame1(d, "\x80\x80\x80\x80\x01"s, false, &frame), FrameStatus::kDamaged);
  // Exactly at the limit is a record still arriving (nothing allocated);
  // one byte over is damage.
  unsigned char varint[10];
  const std::string at_limit(reinterpret_cast<const char*>(varint),
                             framing_internal::EncodeVarint(kMaxRecordBytes, varint));
  ASSERT_EQ(at_limit, "\x80\x80\x80\x20"s);
  EXPECT_EQ(Frame1(d, at_limit, false, &frame), FrameStatus::kNeedMore);
  EXPECT_EQ(frame.size, kMaxRecordBytes + at_limit.size());
  EXPECT_EQ(Frame1(d, at_limit, true, &frame), FrameStatus::kTruncated);
  EXPECT_EQ(Frame1(d, "\x81\x80\x80\x20"s, false, &frame), FrameStatus::kDamaged);
  EXPECT_EQ(frame.size, 0u);
  // A non-minimal 5-byte encoding of a small length is accepted, as
  // protobuf accepts it.
  const std::string non_minimal = "\x83\x80\x80\x80\x00xyz"s;  // outlives frame.payload
  EXPECT_EQ(Frame1(d, non_minimal, true, &frame), FrameStatus::kRecord);
  EXPECT_EQ(frame.payload, "xyz");
  EXPECT_EQ(frame.size, 8u);
  const std::string non_minimal_zero = "\x80\x00"s;
  EXPECT_EQ(Frame1(d, non_minimal_zero, true, &frame), FrameStatus::kRecord);
  EXPECT_EQ(frame.payload, "");
}

TEST(FramingTest, DelimitedTruncationAndNeedMore) {
  using std::string_literals::operator""s;
  const Framing d = Framing::kLengthDelimited;
  Frame frame;
  // Inside the header.
  for (const std::string& header : {"\x80"s, "\xac"s, "\x80\x80"s, "\xff\xff\xff\xff"s}) {
    EXPECT_EQ(Frame1(d, header, true, &frame), FrameStatus::kTruncated);
    EXPECT_EQ(Frame1(d, header, false, &frame), FrameStatus::kNeedMore);
    EXPECT_EQ(frame.size, header.size() + 1);
  }
  // Inside the payload: the size needed is known.
  EXPECT_EQ(Frame1(d, "\x05" "abc", true, &frame), FrameStatus::kTruncated);
  EXPECT_EQ(Frame1(d, "\x05" "abc", false, &frame), FrameStatus::kNeedMore);
  EXPECT_EQ(frame.size, 6u);
  EXPECT_EQ(frame.payload, "");
  EXPECT_EQ(Frame1(d, "\xac\x02" "abc", false, &frame), FrameStatus::kNeedMore);
  EXPECT_EQ(frame.size, 302u);
  EXPECT_EQ(Frame1(d, "\x05", false, &frame), FrameStatus::kNeedMore);
  EXPECT_EQ(frame.size, 6u);
  // A complete record needs no more input even when more may follow.
  EXPECT_EQ(Frame1(d, "\x03" "abc", false, &frame), FrameStatus::kRecord);
  EXPECT_EQ(frame.payload, "abc");
  const std::string empty_record = "\x00"s;
  EXPECT_EQ(Frame1(d, empty_record, false, &frame), FrameStatus::kRecord);
  EXPECT_EQ(frame.size, 1u);
  // Good records, then a damaged length: kDamaged at that record's offset.
  std::string stream;
  AppendFrame(d, "first", &stream);
  AppendFrame(d, std::string(200, 'x'), &stream);
  const size_t bad = stream.size();
  stream += "\x80\x80\x80\x80\x40 rest of the stream"s;
  const ReadResult r = ReadAll(d, stream);
  EXPECT_EQ(r.payloads.size(), 2u);
  EXPECT_EQ(r.final_status, FrameStatus::kDamaged);
  EXPECT_EQ(r.final_offset, bad);
}

TEST(FramingTest, TfRecordHeaderEdges) {
  const Framing t = Framing::kTfRecord;
  Frame frame;
  std::string record;
  AppendFrame(t, "hello", &record);
  ASSERT_EQ(record.size(), 21u);
  // The exact layout: length, masked CRC of the length, data, masked CRC.
  EXPECT_EQ(record.substr(0, 8), std::string("\x05\0\0\0\0\0\0\0", 8));
  const uint32_t length_crc = MaskCrc32c(Crc32c(record.substr(0, 8)));
  const uint32_t data_crc = MaskCrc32c(Crc32c("hello"));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(static_cast<unsigned char>(record[8 + i]), (length_crc >> (8 * i)) & 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(record[17 + i]), (data_crc >> (8 * i)) & 0xFF);
  }
  EXPECT_EQ(record.substr(12, 5), "hello");
  // Incomplete headers wait for all 12 bytes; incomplete records for all of
  // the record, whose size is known once the length is verified.
  for (size_t cut = 1; cut < 12; ++cut) {
    EXPECT_EQ(Frame1(t, record.substr(0, cut), false, &frame), FrameStatus::kNeedMore);
    EXPECT_EQ(frame.size, 12u);
    EXPECT_EQ(Frame1(t, record.substr(0, cut), true, &frame), FrameStatus::kTruncated);
  }
  for (size_t cut = 12; cut < record.size(); ++cut) {
    EXPECT_EQ(Frame1(t, record.substr(0, cut), false, &frame), FrameStatus::kNeedMore);
    EXPECT_EQ(frame.size, 21u);
  }
  // A bad length CRC is damage as soon as the 12 header bytes are there.
  std::string bad = record.substr(0, 12);
  bad[9] ^= 1;
  EXPECT_EQ(Frame1(t, bad, false, &frame), FrameStatus::kDamaged);
  // A length with a good CRC but above kMaxRecordBytes is damage too, never
  // a wait for gigabytes.
  std::string huge(12, '\0');
  framing_internal::WriteTfRecordHeader(kMaxRecordBytes + 1,
                                        reinterpret_cast<unsigned char*>(huge.data()));
  EXPECT_EQ(Frame1(t, huge, false, &frame), FrameStatus::kDamaged);
  framing_internal::WriteTfRecordHeader(kMaxRecordBytes,
                                        reinterpret_cast<unsigned char*>(huge.data()));
  EXPECT_EQ(Frame1(t, huge, false, &frame), FrameStatus::kNeedMore);
  EXPECT_EQ(frame.size, kMaxRecordBytes + 16);
  framing_internal::WriteTfRecordHeader(~uint64_t{0},
                                        reinterpret_cast<unsigned char*>(huge.data()));
  EXPECT_EQ(Frame1(t, huge, false, &frame), FrameStatus::kDamaged);
}

// Every single-bit flip in a small 5-record TFRecord file is detected, and
// located: in a length or its CRC, kDamaged at that record's offset (the
// records before it intact); in a payload or its CRC, only that record has
// payload_checksum_ok == false and the following records frame normally.
TEST(FramingTest, TfRecordEveryBitFlip) {
  const Framing t = Framing::kTfRecord;
  std::mt19937 rng(17);
  std::vector<std::string> payloads;
  for (const size_t size : {5, 0, 1, 40, 9}) payloads.push_back(RandomPayload(rng, size));
  const std::string file = InPlaceAll(t, payloads);
  std::vector<size_t> offsets;
  size_t offset = 0;
  for (const std::string& p : payloads) {
    offsets.push_back(offset);
    offset += FramedSize(t, p.size());
  }
  ASSERT_EQ(offset, file.size());
  for (size_t byte = 0; byte < file.size(); ++byte) {
    const size_t record =
        static_cast<size_t>(std::upper_bound(offsets.begin(), offsets.end(), byte) -
                            offsets.begin()) - 1;
    const bool in_header = byte - offsets[record] < kTfRecordHeaderBytes;
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = file;
      damaged[byte] = static_cast<char>(damaged[byte] ^ (1 << bit));
      const ReadResult r = ReadAll(t, damaged);
      SCOPED_TRACE(testing::Message() << "byte " << byte << " bit " << bit << " record " << record);
      if (in_header) {
        ASSERT_EQ(r.final_status, FrameStatus::kDamaged);
        ASSERT_EQ(r.final_offset, offsets[record]);
        ASSERT_EQ(r.payloads.size(), record);
        for (size_t i = 0; i < record; ++i) {
          ASSERT_TRUE(r.checksum_ok[i]);
          ASSERT_EQ(r.payloads[i], payloads[i]);
        }
      } else {
        ASSERT_EQ(r.final_status, FrameStatus::kEnd);
        ASSERT_EQ(r.payloads.size(), payloads.size());
        ASSERT_EQ(r.offsets, offsets);
        for (size_t i = 0; i < payloads.size(); ++i) {
          ASSERT_EQ(r.checksum_ok[i], i != record) << "record " << i;
          if (i != record) {
            ASSERT_EQ(r.payloads[i], payloads[i]);
          }
        }
      }
    }
  }
}

// Random garbage never makes the reader read out of bounds (checked by the
// sanitizer configurations) or return a frame larger than its input.
TEST(FramingTest, RandomGarbageIsBounded) {
  std::mt19937 rng(18);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::string bytes = RandomPayload(rng, rng() % 64);
    for (const Framing framing : kBothFramings) {
      for (const bool end : {false, true}) {
        const ReadResult r = ReadAll(framing, bytes, end);
        EXPECT_LE(r.final_offset, bytes.size());
        EXPECT_NE(r.final_status, FrameStatus::kRecord);
      }
    }
  }
}

// The writers as templates: any byte buffer with size/resize/data.
struct UninitializedBuffer {
  std::unique_ptr<unsigned char[]> bytes;
  size_t length = 0;
  size_t capacity = 0;
  size_t size() const { return length; }
  unsigned char* data() { return bytes.get(); }
  void resize(size_t n) {
    if (n > capacity) {
      auto grown = std::make_unique_for_overwrite<unsigned char[]>(n * 2);
      if (length != 0) std::memcpy(grown.get(), bytes.get(), length);
      bytes = std::move(grown);
      capacity = n * 2;
    }
    length = n;
  }
};

TEST(FramingTest, WritersAcceptOtherBuffers) {
  std::mt19937 rng(19);
  std::vector<std::string> payloads;
  for (const size_t size : {0, 1, 127, 128, 16384, 300}) payloads.push_back(RandomPayload(rng, size));
  for (const Framing framing : kBothFramings) {
    const std::string expected = AppendAll(framing, payloads);
    std::vector<char> chars;
    std::vector<std::byte> bytes;
    UninitializedBuffer custom;
    for (const std::string& p : payloads) {
      AppendFrame(framing, p, &chars);
      const size_t begin = BeginFrame(framing, &bytes);
      bytes.resize(bytes.size() + p.size());
      std::memcpy(bytes.data() + bytes.size() - p.size(), p.data(), p.size());
      EndFrame(framing, &bytes, begin);
      const size_t custom_begin = BeginFrame(framing, &custom);
      custom.resize(custom.size() + p.size());
      if (!p.empty()) std::memcpy(custom.data() + custom.size() - p.size(), p.data(), p.size());
      EndFrame(framing, &custom, custom_begin);
    }
    EXPECT_EQ(std::string(chars.begin(), chars.end()), expected);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), expected);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(custom.data()), custom.size()), expected);
  }
}

}  // namespace
}  // namespace assay::io::framing
