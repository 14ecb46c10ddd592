#include "engine/io/progress.h"

#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace assay::io {
namespace {

TEST(ProgressTest, RenderWithKnownSize) {
  const std::string line = Progress::Render(50000, 500, 1000, 2.0);
  EXPECT_NE(line.find("[###############...............]"), std::string::npos) << line;
  EXPECT_NE(line.find(" 50%"), std::string::npos) << line;
  EXPECT_NE(line.find("50000 records"), std::string::npos);
  EXPECT_NE(line.find("25000 records/s"), std::string::npos);
  EXPECT_NE(line.find("0:02 remaining"), std::string::npos) << line;
}

TEST(ProgressTest, RenderWithUnknownSize) {
  const std::string line = Progress::Render(1000, 0, 0, 65.0);
  EXPECT_NE(line.find("1000 records"), std::string::npos);
  EXPECT_NE(line.find("1:05 elapsed"), std::string::npos) << line;
  EXPECT_EQ(line.find('['), std::string::npos);
}

TEST(ProgressTest, DrawsNothingWhenDisabled) {
  std::FILE* out = std::tmpfile();
  Progress progress(out, 100, /*enabled=*/false);
  progress.Update(10, 10);
  progress.Finish();
  EXPECT_EQ(std::ftell(out), 0L);
  std::fclose(out);
}

TEST(ProgressTest, NotATerminalMeansDisabled) {
  std::FILE* out = std::tmpfile();
  Progress progress(out, 100);
  EXPECT_FALSE(progress.enabled());
  std::fclose(out);
}

TEST(ProgressTest, DrawsAndErasesWhenEnabled) {
  std::FILE* out = std::tmpfile();
  Progress progress(out, 100, /*enabled=*/true);
  progress.Update(10, 50);
  progress.Finish();
  std::rewind(out);
  char buffer[512] = {};
  const size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, out);
  const std::string drawn(buffer, n);
  EXPECT_NE(drawn.find("10 records"), std::string::npos);
  EXPECT_EQ(drawn.substr(drawn.size() - 4), "\r\x1b[K");
  std::fclose(out);
}

}  // namespace
}  // namespace assay::io
