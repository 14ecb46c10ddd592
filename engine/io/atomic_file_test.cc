#include "engine/io/atomic_file.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assay::io {
namespace {

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string base = dir != nullptr ? dir : "/tmp";
  std::string path = base + "/atomic_XXXXXX";
  EXPECT_NE(::mkdtemp(path.data()), nullptr);
  return path;
}

std::vector<std::string> List(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  return names;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFileTest, NothingVisibleUntilCommit) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.bin";
  auto file = AtomicFile::Create(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Append("hello ").ok());
  ASSERT_TRUE((*file)->Append(std::string(3 << 20, 'x')).ok());  // larger than the buffer
  ASSERT_TRUE((*file)->Append("world").ok());
  struct stat st;
  EXPECT_NE(::stat(path.c_str(), &st), 0) << "the final name must not exist before Commit";
  ASSERT_EQ(List(dir).size(), 1u);  // only the temporary file
  ASSERT_TRUE((*file)->Commit().ok());
  const std::string contents = Read(path);
  EXPECT_EQ(contents.size(), 6u + (3u << 20) + 5u);
  EXPECT_EQ(contents.substr(0, 6), "hello ");
  EXPECT_EQ(contents.substr(contents.size() - 5), "world");
  EXPECT_EQ((*file)->size(), contents.size());
  EXPECT_EQ(List(dir), std::vector<std::string>{"out.bin"});
}

TEST(AtomicFileTest, AbandonedFileLeavesNothingAndKeepsTheOldFile) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.csv";
  ASSERT_TRUE(WriteFileAtomically(path, "old complete file\n").ok());
  {
    auto file = AtomicFile::Create(path);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("half of a new fi").ok());
    // Destroyed without Commit, as after an error.
  }
  EXPECT_EQ(Read(path), "old complete file\n");
  EXPECT_EQ(List(dir), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFileTest, MissingDirectoryIsAnErrorNamingThePath) {
  auto file = AtomicFile::Create("/nonexistent-dir-for-assay/out.bin");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("/nonexistent-dir-for-assay/out.bin"), std::string::npos);
}

TEST(AtomicFileTest, RelativePathInWorkingDirectory) {
  const std::string dir = TempDir();
  ASSERT_EQ(::chdir(dir.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomically("plain.txt", "x").ok());
  EXPECT_EQ(Read(dir + "/plain.txt"), "x");
}

}  // namespace
}  // namespace assay::io
