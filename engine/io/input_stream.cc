#include "engine/io/input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace assay::io {
namespace {

constexpr size_t kInitialBuffer = 1 << 20;

}  // namespace

absl::StatusOr<std::unique_ptr<InputFile>> InputFile::Open(const std::string& path) {
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
  return std::unique_ptr<InputFile>(new InputFile(path, fd, owns, size));
}

InputFile::InputFile(std::string path, int fd, bool owns_fd, uint64_t size)
    : path_(std::move(path)), fd_(fd), owns_fd_(owns_fd), size_(size), buffer_(kInitialBuffer) {}

InputFile::~InputFile() {
  if (owns_fd_) ::close(fd_);
}

size_t InputFile::Ensure(size_t want) {
  while (end_ - begin_ < want && !eof_) {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (buffer_.size() < want) buffer_.resize(want);
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = absl::StrCat("cannot read ", path_, ": ", strerror(errno));
      eof_ = true;
    } else if (n == 0) {
      eof_ = true;
    } else {
      end_ += static_cast<size_t>(n);
    }
  }
  return end_ - begin_;
}

ReadResult FrameReader::Next(std::string_view* payload) {
  if (done_) return fatal_error_.empty() ? ReadResult::kEnd : ReadResult::kFatal;
  record_offset_ = input_->offset();
  const size_t available = input_->Ensure(10);
  if (available == 0) {
    done_ = true;
    if (!input_->error().empty()) {
      fatal_error_ = absl::StrCat(input_->error(), " (at byte offset ", record_offset_, ")");
      return ReadResult::kFatal;
    }
    return ReadResult::kEnd;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(input_->data());
  uint64_t length = 0;
  size_t prefix = 0;
  bool complete = false;
  for (; prefix < available && prefix < 10; ++prefix) {
    length |= static_cast<uint64_t>(bytes[prefix] & 0x7f) << (7 * prefix);
    if ((bytes[prefix] & 0x80) == 0) {
      complete = true;
      ++prefix;
      break;
    }
  }
  done_ = true;  // until proven otherwise
  if (!complete) {
    fatal_error_ = available < 10
                       ? absl::StrCat("input truncated: the stream ends inside the length prefix of the record at byte offset ",
                                      record_offset_)
                       : absl::StrCat("input corrupted: invalid length prefix at byte offset ", record_offset_);
    if (!input_->error().empty()) fatal_error_ = absl::StrCat(input_->error(), " (at byte offset ", record_offset_, ")");
    return ReadResult::kFatal;
  }
  if (length > kMaxRecordBytes) {
    fatal_error_ = absl::StrCat("input corrupted: the record at byte offset ", record_offset_, " declares ", length,
                                " bytes, more than the ", kMaxRecordBytes >> 20, " MiB limit");
    return ReadResult::kFatal;
  }
  const size_t total = prefix + static_cast<size_t>(length);
  const size_t got = input_->Ensure(total);
  if (got < total) {
    fatal_error_ = !input_->error().empty()
                       ? absl::StrCat(input_->error(), " (at byte offset ", record_offset_, ")")
                       : absl::StrCat("input truncated: the record at byte offset ", record_offset_, " declares ",
                                      length, " bytes but only ", got - prefix, " remain");
    return ReadResult::kFatal;
  }
  done_ = false;
  *payload = std::string_view(input_->data() + prefix, static_cast<size_t>(length));
  input_->Consume(total);
  return ReadResult::kRecord;
}

ReadResult LineReader::Next(std::string_view* line) {
  if (pending_consume_ > 0) {
    input_->Consume(pending_consume_);
    pending_consume_ = 0;
  }
  if (done_) return fatal_error_.empty() ? ReadResult::kEnd : ReadResult::kFatal;
  record_offset_ = input_->offset();
  size_t scanned = 0;
  size_t available = input_->Ensure(1);
  while (true) {
    const char* data = input_->data();
    const void* newline = available > scanned ? std::memchr(data + scanned, '\n', available - scanned) : nullptr;
    if (newline != nullptr) {
      size_t length = static_cast<size_t>(static_cast<const char*>(newline) - data);
      pending_consume_ = length + 1;
      if (length > 0 && data[length - 1] == '\r') --length;
      *line = std::string_view(data, length);
      ++line_number_;
      return ReadResult::kRecord;
    }
    scanned = available;
    if (available > kMaxRecordBytes) {
      done_ = true;
      fatal_error_ = absl::StrCat("input corrupted: the line at byte offset ", record_offset_, " is longer than ",
                                  kMaxRecordBytes >> 20, " MiB");
      return ReadResult::kFatal;
    }
    const size_t grown = input_->Ensure(available + (64 << 10));
    if (grown == available) break;  // end of input
    available = grown;
  }
  done_ = true;
  if (!input_->error().empty()) {
    fatal_error_ = absl::StrCat(input_->error(), " (at byte offset ", record_offset_, ")");
    return ReadResult::kFatal;
  }
  if (available == 0) return ReadResult::kEnd;
  // The last line has no newline.
  pending_consume_ = available;
  size_t length = available;
  if (input_->data()[length - 1] == '\r') --length;
  *line = std::string_view(input_->data(), length);
  ++line_number_;
  return ReadResult::kRecord;
}

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

}  // namespace assay::io
