// Files written by the independent Python implementation
// (framing_interop.py, run by a genrule) read with NextFrame.
//   framing_interop_test PY_TFRECORD PY_DELIMITED PY_BAD_CRC_TFRECORD
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/framing.h"
#include "engine/io/framing_interop_records.h"
#include "gtest/gtest.h"

namespace assay::io::framing {
namespace {

std::vector<std::string> g_paths;  // from the command line (Bazel's args)

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << "cannot open " << path;
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

struct Read {
  std::vector<std::string> payloads;
  std::vector<bool> checksum_ok;
  FrameStatus final_status;
};

Read ReadAll(Framing framing, std::string_view bytes) {
  Read read;
  Frame frame;
  for (;;) {
    read.final_status = NextFrame(framing, bytes, /*end_of_input=*/true, &frame);
    if (read.final_status != FrameStatus::kRecord) return read;
    read.payloads.emplace_back(frame.payload);
    read.checksum_ok.push_back(frame.payload_checksum_ok);
    bytes.remove_prefix(frame.size);
  }
}

std::string WriteAll(Framing framing) {
  std::string out;
  for (const std::string& r : InteropRecords()) AppendFrame(framing, r, &out);
  return out;
}

void ExpectKnownRecords(Framing framing, const std::string& path) {
  SCOPED_TRACE(path);
  const std::string bytes = ReadFile(path);
  const Read read = ReadAll(framing, bytes);
  EXPECT_EQ(read.final_status, FrameStatus::kEnd);
  const std::vector<std::string> want = InteropRecords();
  ASSERT_EQ(read.payloads.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(read.payloads[i], want[i]) << "record " << i;
    EXPECT_TRUE(read.checksum_ok[i]) << "record " << i;
  }
  // Two independent writers, the same bytes.
  EXPECT_TRUE(bytes == WriteAll(framing)) << "the C++ writer's bytes differ from Python's";
}

TEST(FramingInteropTest, ReadsPythonTfRecord) {
  ExpectKnownRecords(Framing::kTfRecord, g_paths.at(0));
}

TEST(FramingInteropTest, ReadsPythonDelimited) {
  ExpectKnownRecords(Framing::kLengthDelimited, g_paths.at(1));
}

TEST(FramingInteropTest, FindsThePythonFilesBadDataCrc) {
  const std::string bytes = ReadFile(g_paths.at(2));
  const Read read = ReadAll(Framing::kTfRecord, bytes);
  EXPECT_EQ(read.final_status, FrameStatus::kEnd);
  const std::vector<std::string> want = InteropRecords();
  ASSERT_EQ(read.payloads.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(read.payloads[i], want[i]) << "record " << i;
    EXPECT_EQ(read.checksum_ok[i], i != kInteropBadRecord) << "record " << i;
  }
}

}  // namespace
}  // namespace assay::io::framing

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) assay::io::framing::g_paths.emplace_back(argv[i]);
  if (assay::io::framing::g_paths.size() != 3) {
    std::fprintf(stderr, "usage: %s PY_TFRECORD PY_DELIMITED PY_BAD_CRC_TFRECORD\n", argv[0]);
    return 2;
  }
  return RUN_ALL_TESTS();
}
