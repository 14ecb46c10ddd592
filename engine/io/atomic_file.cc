#include "engine/io/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

#include "absl/strings/str_cat.h"

namespace assay::io {
namespace {

constexpr size_t kBufferBytes = 1 << 20;

absl::Status SystemError(const char* what, const std::string& path, int error) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", strerror(error)));
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

absl::Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return SystemError("cannot write", path, errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

// The permissions a plain open(2) would have given: 0666 minus the umask.
// Read once, before any worker thread exists (umask has no read-only query).
mode_t DefaultFileMode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("output path is empty");
  if (path == "-") {
    return std::unique_ptr<AtomicFile>(new AtomicFile(path, "", STDOUT_FILENO, true));
  }
  DefaultFileMode();
  // mkstemp in the target's directory: the rename in Commit() stays on one
  // file system and so is atomic. (rfind == npos gives substr(0): the name.)
  std::string temp = absl::StrCat(DirectoryOf(path), "/.", path.substr(path.rfind('/') + 1),
                                  ".tmp.XXXXXX");
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return SystemError("cannot create a temporary file for", path, errno);
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), fd, false));
}

AtomicFile::AtomicFile(std::string path, std::string temp_path, int fd, bool is_stdout)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd), is_stdout_(is_stdout) {
  buffer_.reserve(kBufferBytes);
}

AtomicFile::~AtomicFile() {
  if (!committed_) Discard();
}

void AtomicFile::Discard() {
  if (is_stdout_) return;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temp_path_.c_str());
}

absl::Status AtomicFile::Append(std::string_view bytes) {
  if (committed_) return absl::FailedPreconditionError(absl::StrCat(path_, " is already committed"));
  size_ += bytes.size();
  if (buffer_.size() + bytes.size() > kBufferBytes) {
    if (absl::Status status = Flush(); !status.ok()) return status;
    if (bytes.size() >= kBufferBytes) return WriteAll(fd_, bytes.data(), bytes.size(), path_);
  }
  buffer_.append(bytes.data(), bytes.size());
  return absl::OkStatus();
}

absl::Status AtomicFile::Flush() {
  absl::Status status = WriteAll(fd_, buffer_.data(), buffer_.size(), is_stdout_ ? path_ : temp_path_);
  buffer_.clear();
  return status;
}

absl::Status AtomicFile::Commit() {
  if (committed_) return absl::OkStatus();
  if (absl::Status status = Flush(); !status.ok()) return status;
  if (is_stdout_) {
    committed_ = true;
    return absl::OkStatus();
  }
  if (::fchmod(fd_, DefaultFileMode()) != 0) return SystemError("cannot set permissions of", path_, errno);
  if (::fsync(fd_) != 0) return SystemError("cannot sync", path_, errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return SystemError("cannot close", path_, errno);
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return SystemError("cannot rename onto", path_, errno);
  committed_ = true;
  // The rename is durable only once the directory entry is on disk.
  const int dir = ::open(DirectoryOf(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  if (absl::Status status = (*file)->Append(contents); !status.ok()) return status;
  return (*file)->Commit();
}

}  // namespace assay::io
