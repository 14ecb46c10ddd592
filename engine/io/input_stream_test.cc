#include "engine/io/input_stream.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assay::io {
namespace {

std::string WriteTemp(const std::string& name, const std::string& contents) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::string Frame(const std::string& payload) {
  std::string out;
  AppendVarint(payload.size(), &out);
  return out + payload;
}

TEST(AppendVarintTest, EncodesLikeProtobuf) {
  std::string out;
  AppendVarint(1, &out);
  AppendVarint(300, &out);
  EXPECT_EQ(out, std::string("\x01\xac\x02", 3));
}

TEST(FrameReaderTest, ReadsFramesWithTheirOffsets) {
  const std::string big(3 << 20, 'b');  // larger than the initial buffer
  const std::string path = WriteTemp("frames.bin", Frame("one") + Frame("") + Frame(big) + Frame("four"));
  auto input = InputFile::Open(path);
  ASSERT_TRUE(input.ok());
  FrameReader reader(input->get());
  std::string_view payload;
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  EXPECT_EQ(payload, "one");
  EXPECT_EQ(reader.record_offset(), 0u);
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  EXPECT_EQ(payload, "");
  EXPECT_EQ(reader.record_offset(), 4u);
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  EXPECT_EQ(payload.size(), big.size());
  EXPECT_EQ(reader.record_offset(), 5u);
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  EXPECT_EQ(payload, "four");
  EXPECT_EQ(reader.Next(&payload), ReadResult::kEnd);
  EXPECT_EQ(reader.Next(&payload), ReadResult::kEnd);
}

TEST(FrameReaderTest, TruncatedPayloadNamesTheOffset) {
  std::string bytes = Frame("first") + Frame("second record");
  bytes.resize(bytes.size() - 4);
  auto input = InputFile::Open(WriteTemp("truncated.bin", bytes));
  ASSERT_TRUE(input.ok());
  FrameReader reader(input->get());
  std::string_view payload;
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  ASSERT_EQ(reader.Next(&payload), ReadResult::kFatal);
  EXPECT_EQ(reader.record_offset(), 6u);
  EXPECT_NE(reader.fatal_error().find("truncated"), std::string::npos);
  EXPECT_NE(reader.fatal_error().find("byte offset 6"), std::string::npos) << reader.fatal_error();
  EXPECT_EQ(reader.Next(&payload), ReadResult::kFatal);
}

TEST(FrameReaderTest, TruncatedLengthPrefix) {
  auto input = InputFile::Open(WriteTemp("prefix.bin", Frame("ok") + std::string("\xff\xff", 2)));
  ASSERT_TRUE(input.ok());
  FrameReader reader(input->get());
  std::string_view payload;
  ASSERT_EQ(reader.Next(&payload), ReadResult::kRecord);
  ASSERT_EQ(reader.Next(&payload), ReadResult::kFatal);
  EXPECT_NE(reader.fatal_error().find("length prefix of the record at byte offset 3"), std::string::npos)
      << reader.fatal_error();
}

TEST(FrameReaderTest, ImpossibleLengthIsCorruption) {
  std::string bytes;
  AppendVarint(uint64_t{1} << 40, &bytes);
  bytes += "junk";
  auto input = InputFile::Open(WriteTemp("huge.bin", bytes));
  ASSERT_TRUE(input.ok());
  FrameReader reader(input->get());
  std::string_view payload;
  ASSERT_EQ(reader.Next(&payload), ReadResult::kFatal);
  EXPECT_NE(reader.fatal_error().find("corrupted"), std::string::npos);
  EXPECT_NE(reader.fatal_error().find("byte offset 0"), std::string::npos);
}

TEST(LineReaderTest, LinesWithAndWithoutFinalNewline) {
  auto input = InputFile::Open(WriteTemp("lines.txt", "a,b\r\n\nlast"));
  ASSERT_TRUE(input.ok());
  LineReader reader(input->get());
  std::string_view line;
  ASSERT_EQ(reader.Next(&line), ReadResult::kRecord);
  EXPECT_EQ(line, "a,b");
  EXPECT_EQ(reader.line_number(), 1u);
  ASSERT_EQ(reader.Next(&line), ReadResult::kRecord);
  EXPECT_EQ(line, "");
  EXPECT_EQ(reader.record_offset(), 5u);
  ASSERT_EQ(reader.Next(&line), ReadResult::kRecord);
  EXPECT_EQ(line, "last");
  EXPECT_EQ(reader.line_number(), 3u);
  EXPECT_EQ(reader.Next(&line), ReadResult::kEnd);
}

TEST(LineReaderTest, LongLinesAcrossBufferRefills) {
  const std::string a(1500000, 'a');
  const std::string b(2500000, 'b');
  auto input = InputFile::Open(WriteTemp("long.txt", a + "\n" + b + "\n"));
  ASSERT_TRUE(input.ok());
  LineReader reader(input->get());
  std::string_view line;
  ASSERT_EQ(reader.Next(&line), ReadResult::kRecord);
  EXPECT_EQ(line, a);
  ASSERT_EQ(reader.Next(&line), ReadResult::kRecord);
  EXPECT_EQ(line, b);
  EXPECT_EQ(reader.record_offset(), a.size() + 1);
  EXPECT_EQ(reader.Next(&line), ReadResult::kEnd);
}

TEST(InputFileTest, MissingFileIsNotFound) {
  EXPECT_FALSE(InputFile::Open("/nonexistent/assay/input.bin").ok());
}

}  // namespace
}  // namespace assay::io
