#include "engine/pipeline/block_stream.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/io/byte_stream.h"
#include "engine/io/framing.h"
#include "gtest/gtest.h"

namespace assay::pipeline {
namespace {

namespace framing = io::framing;

// A source that hides that its bytes are in memory and returns short reads
// of varying size, as a pipe would: the feeder must read in chunks and join
// records across them.
class TrickleSource final : public io::ByteSource {
 public:
  TrickleSource(std::string bytes, uint32_t seed) : bytes_(std::move(bytes)), rng_(seed) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    const size_t want = std::min<size_t>(size, 1 + rng_() % 5000);
    const size_t n = std::min(want, bytes_.size() - pos_);
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
  std::mt19937 rng_;
};

struct Stream {
  std::string bytes;
  std::vector<std::string> payloads;
  std::vector<uint64_t> offsets;
};

Stream MakeStream(framing::Framing f, int records, uint32_t seed, size_t max_size = 3000) {
  std::mt19937 rng(seed);
  Stream s;
  for (int i = 0; i < records; ++i) {
    std::string payload(rng() % max_size, '\0');
    for (char& c : payload) c = static_cast<char>(rng());
    s.offsets.push_back(s.bytes.size());
    framing::AppendFrame(f, payload, &s.bytes);
    s.payloads.push_back(std::move(payload));
  }
  return s;
}

struct Collected {
  std::vector<InputBlock> blocks;  // by index
  std::vector<std::string> payloads;
  std::vector<uint64_t> offsets;
  std::vector<bool> checksum_ok;
  StreamEnd end = StreamEnd::kNone;
  uint64_t end_offset = 0;
};

// Takes every block with `threads` workers, then orders them by index.
Collected Drain(BlockFeeder& feeder, int threads) {
  std::mutex mu;
  std::vector<InputBlock> blocks;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      InputBlock block;
      while (feeder.Next(&block)) {
        std::lock_guard<std::mutex> lock(mu);
        blocks.push_back(block);
      }
    });
  }
  for (std::thread& t : pool) t.join();
  std::sort(blocks.begin(), blocks.end(),
            [](const InputBlock& a, const InputBlock& b) { return a.index < b.index; });
  Collected c;
  uint64_t next_record = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    EXPECT_EQ(blocks[i].index, i);
    EXPECT_EQ(blocks[i].first_record, next_record);
    next_record += blocks[i].records.size();
    for (const RecordRef& r : blocks[i].records) {
      c.payloads.emplace_back(r.bytes);
      c.offsets.push_back(r.offset);
      c.checksum_ok.push_back(r.checksum_ok);
    }
    if (blocks[i].end != StreamEnd::kNone) {
      EXPECT_EQ(i + 1, blocks.size()) << "no block follows a broken stream";
      c.end = blocks[i].end;
      c.end_offset = blocks[i].end_offset;
    }
  }
  c.blocks = std::move(blocks);
  return c;
}

TEST(BlockFeederTest, InMemoryStreamComesOutWholeAndInOrder) {
  for (framing::Framing f : {framing::Framing::kLengthDelimited, framing::Framing::kTfRecord}) {
    const Stream s = MakeStream(f, 1000, 1);
    std::unique_ptr<io::ByteSource> source = io::MemorySource(s.bytes);
    FeederOptions options;
    options.framing = f == framing::Framing::kTfRecord ? InputFraming::kTfRecord
                                                        : InputFraming::kLengthDelimited;
    options.block_records = 7;
    BlockFeeder feeder(source.get(), options);
    const Collected c = Drain(feeder, 3);
    EXPECT_EQ(c.payloads, s.payloads);
    EXPECT_EQ(c.offsets, s.offsets);
    EXPECT_EQ(c.end, StreamEnd::kNone);
    EXPECT_TRUE(feeder.status().ok());
  }
}

TEST(BlockFeederTest, ChunkedReadsJoinRecordsAcrossChunks) {
  // Small chunks force records across chunk boundaries; some records are
  // larger than a chunk plus its headroom.
  for (framing::Framing f : {framing::Framing::kLengthDelimited, framing::Framing::kTfRecord}) {
    Stream s = MakeStream(f, 300, 2);
    std::string big(200000, 'x');
    s.offsets.push_back(s.bytes.size());
    framing::AppendFrame(f, big, &s.bytes);
    s.payloads.push_back(big);
    const Stream tail = MakeStream(f, 50, 3);
    for (size_t i = 0; i < tail.payloads.size(); ++i) {
      s.offsets.push_back(s.bytes.size() + tail.offsets[i]);
      s.payloads.push_back(tail.payloads[i]);
    }
    s.bytes += tail.bytes;
    for (int threads : {1, 2, 4}) {
      TrickleSource source(s.bytes, 7);
      FeederOptions options;
      options.framing = f == framing::Framing::kTfRecord ? InputFraming::kTfRecord
                                                          : InputFraming::kLengthDelimited;
      options.block_records = 5;
      options.chunk_bytes = 4096;
      BlockFeeder feeder(&source, options);
      const Collected c = Drain(feeder, threads);
      EXPECT_EQ(c.payloads, s.payloads) << threads;
      EXPECT_EQ(c.offsets, s.offsets) << threads;
      EXPECT_EQ(c.end, StreamEnd::kNone);
      EXPECT_EQ(feeder.bytes_read(), s.bytes.size());
    }
  }
}

TEST(BlockFeederTest, TruncatedStreamEndsAfterTheLastWholeRecord) {
  const Stream s = MakeStream(framing::Framing::kLengthDelimited, 40, 4);
  const std::string cut = s.bytes.substr(0, s.offsets[39] + 3);
  for (bool chunked : {false, true}) {
    TrickleSource trickle(cut, 9);
    std::unique_ptr<io::ByteSource> memory = io::MemorySource(cut);
    FeederOptions options;
    options.block_records = 16;
    options.chunk_bytes = 4096;
    BlockFeeder feeder(chunked ? static_cast<io::ByteSource*>(&trickle) : memory.get(), options);
    const Collected c = Drain(feeder, 2);
    ASSERT_EQ(c.payloads.size(), 39u);
    EXPECT_EQ(c.end, StreamEnd::kTruncated);
    EXPECT_EQ(c.end_offset, s.offsets[39]);
  }
}

TEST(BlockFeederTest, TfRecordDamageStopsAndBadPayloadIsFlagged) {
  Stream s = MakeStream(framing::Framing::kTfRecord, 20, 5);
  std::string damaged = s.bytes;
  damaged[s.offsets[12] + 9] ^= 0x04;  // the CRC of record 12's length
  std::string bad_payload = s.bytes;
  bad_payload[s.offsets[5] + 12] ^= 0x01;  // record 5's first payload byte
  FeederOptions options;
  options.framing = InputFraming::kTfRecord;
  options.block_records = 4;
  {
    std::unique_ptr<io::ByteSource> source = io::MemorySource(damaged);
    BlockFeeder feeder(source.get(), options);
    const Collected c = Drain(feeder, 2);
    EXPECT_EQ(c.payloads.size(), 12u);
    EXPECT_EQ(c.end, StreamEnd::kDamaged);
    EXPECT_EQ(c.end_offset, s.offsets[12]);
  }
  {
    std::unique_ptr<io::ByteSource> source = io::MemorySource(bad_payload);
    BlockFeeder feeder(source.get(), options);
    const Collected c = Drain(feeder, 2);
    ASSERT_EQ(c.payloads.size(), 20u);
    for (size_t i = 0; i < 20; ++i) EXPECT_EQ(c.checksum_ok[i], i != 5) << i;
    EXPECT_EQ(c.end, StreamEnd::kNone);
  }
}

TEST(BlockFeederTest, TextLinesWithHeaderBlanksAndCrlf) {
  const std::string text = "id,score\r\nA,1\r\n\r\nB,2\n   \nC,3";
  for (bool chunked : {false, true}) {
    TrickleSource trickle(text, 3);
    std::unique_ptr<io::ByteSource> memory = io::MemorySource(text);
    FeederOptions options;
    options.framing = InputFraming::kLines;
    options.header_line = true;
    options.skip_blank_lines = true;
    options.block_records = 2;
    BlockFeeder feeder(chunked ? static_cast<io::ByteSource*>(&trickle) : memory.get(), options);
    const Collected c = Drain(feeder, 1);
    EXPECT_EQ(feeder.header(), "id,score");
    EXPECT_EQ(c.payloads, (std::vector<std::string>{"A,1", "B,2", "C,3"}));
    std::vector<uint64_t> lines;
    for (const InputBlock& b : c.blocks) {
      for (const RecordRef& r : b.records) lines.push_back(r.line);
    }
    EXPECT_EQ(lines, (std::vector<uint64_t>{2, 4, 6}));
  }
}

TEST(BlockFeederTest, EmptyInputHasNoBlocks) {
  std::unique_ptr<io::ByteSource> source = io::MemorySource("");
  BlockFeeder feeder(source.get(), FeederOptions{});
  InputBlock block;
  EXPECT_FALSE(feeder.Next(&block));
  TrickleSource trickle("", 1);
  BlockFeeder chunked(&trickle, FeederOptions{});
  EXPECT_FALSE(chunked.Next(&block));
}

TEST(OrderedWriterTest, WritesInBlockOrderWhateverTheFinishingOrder) {
  std::string out;
  std::unique_ptr<io::ByteSink> sink = io::StringSink(&out);
  OrderedWriter writer(sink.get());
  constexpr int kBlocks = 2000;
  std::vector<std::thread> pool;
  std::atomic<int> next{0};
  for (int t = 0; t < 4; ++t) {
    pool.emplace_back([&, t] {
      std::mt19937 rng(t);
      OutputBuffer buffer;
      for (int b = next.fetch_add(1); b < kBlocks; b = next.fetch_add(1)) {
        if (rng() % 3 == 0) std::this_thread::yield();
        buffer.append(std::to_string(b));
        buffer.push_back(';');
        writer.Finish(static_cast<uint64_t>(b), &buffer);
        EXPECT_TRUE(buffer.empty());
      }
    });
  }
  for (std::thread& t : pool) t.join();
  std::string expected;
  for (int b = 0; b < kBlocks; ++b) expected += std::to_string(b) + ";";
  EXPECT_EQ(out, expected);
  EXPECT_EQ(writer.written(), static_cast<uint64_t>(kBlocks));
}

}  // namespace
}  // namespace assay::pipeline
