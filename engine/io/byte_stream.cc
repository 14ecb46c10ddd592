#include "engine/io/byte_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/io/atomic_file.h"

namespace assay::io {
namespace {

class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view bytes) : bytes_(bytes) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    const size_t n = std::min(size, bytes_.size() - pos_);
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  std::optional<std::string_view> InMemory() const override { return bytes_; }
  uint64_t size_hint() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

class FileByteSource final : public ByteSource {
 public:
  FileByteSource(std::string path, int fd, bool owns, uint64_t size)
      : path_(std::move(path)), fd_(fd), owns_(owns), size_(size) {}
  ~FileByteSource() override {
    if (owns_) ::close(fd_);
  }
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    // Fill the buffer as far as the input allows: callers treat a short read
    // as a smaller chunk, and fewer, larger reads cost fewer system calls.
    size_t total = 0;
    while (total < size) {
      const ssize_t n = ::read(fd_, buffer + total, size - total);
      if (n < 0) {
        if (errno == EINTR) continue;
        return absl::DataLossError(absl::StrCat("cannot read ", path_, ": ", strerror(errno)));
      }
      if (n == 0) break;
      total += static_cast<size_t>(n);
    }
    return total;
  }
  uint64_t size_hint() const override { return size_; }

 private:
  std::string path_;
  int fd_;
  bool owns_;
  uint64_t size_;
};

class StringByteSink final : public ByteSink {
 public:
  explicit StringByteSink(std::string* out) : out_(out) {}
  absl::Status Write(std::string_view bytes) override {
    out_->append(bytes.data(), bytes.size());
    size_ += bytes.size();
    return absl::OkStatus();
  }
  absl::Status Commit() override { return absl::OkStatus(); }
  uint64_t size() const override { return size_; }

 private:
  std::string* out_;
  uint64_t size_ = 0;
};

class FileByteSink final : public ByteSink {
 public:
  explicit FileByteSink(std::unique_ptr<AtomicFile> file) : file_(std::move(file)) {}
  absl::Status Write(std::string_view bytes) override { return file_->Append(bytes); }
  absl::Status Commit() override { return file_->Commit(); }
  uint64_t size() const override { return file_->size(); }

 private:
  std::unique_ptr<AtomicFile> file_;
};

}  // namespace

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes) {
  return std::make_unique<MemoryByteSource>(bytes);
}

absl::StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd = STDIN_FILENO;
  bool owns = false;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", strerror(errno)));
    owns = true;
  }
  struct stat st;
  uint64_t size = 0;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (owns) ::close(fd);
      return absl::InvalidArgumentError(absl::StrCat(path, " is a directory"));
    }
    if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  }
  // Sequential reading: ask the kernel for a larger read-ahead.
  if (owns) ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(new FileByteSource(path, fd, owns, size));
}

std::unique_ptr<ByteSink> StringSink(std::string* out) {
  return std::make_unique<StringByteSink>(out);
}

absl::StatusOr<std::unique_ptr<ByteSink>> CreateFileSink(const std::string& path) {
  absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<ByteSink>(new FileByteSink(*std::move(file)));
}

}  // namespace assay::io
