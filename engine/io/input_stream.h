// Sequential readers of a file (or standard input) that know where they are:
// every record they return carries its byte offset, so a corrupted or
// truncated stream is reported at an exact position.
//
// Contract:
//   - InputFile::Open(path) opens a regular file or a pipe; "-" is standard
//     input. size() is the file size when known (0 for pipes).
//   - FrameReader splits a length-delimited stream (varint32 length + bytes,
//     protobuf's writeDelimitedTo format) into frames. A length prefix that
//     ends early, a payload that ends early, or a length beyond
//     kMaxRecordBytes is a fatal stream error naming the byte offset of the
//     frame; no further frames are returned after it.
//   - LineReader splits text into lines (LF or CRLF; the last line need not
//     end with a newline). A line longer than kMaxRecordBytes is fatal.
//   - A returned payload or line stays valid until the next call.
// Memory: one buffer, as large as the largest record (at least 1 MiB).
#ifndef ASSAY_ENGINE_IO_INPUT_STREAM_H_
#define ASSAY_ENGINE_IO_INPUT_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace assay::io {

inline constexpr uint64_t kMaxRecordBytes = 64u << 20;

class InputFile {
 public:
  static absl::StatusOr<std::unique_ptr<InputFile>> Open(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Makes at least `want` unread bytes available unless the input ends first.
  // Returns the number of unread bytes available (less than `want` only at
  // the end of the input). Read errors are reported through error().
  size_t Ensure(size_t want);
  const char* data() const { return buffer_.data() + begin_; }
  void Consume(size_t n) {
    begin_ += n;
    offset_ += n;
  }
  // Byte offset of data()[0] in the input.
  uint64_t offset() const { return offset_; }
  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // A read error (not end of input), empty when none.
  const std::string& error() const { return error_; }

 private:
  InputFile(std::string path, int fd, bool owns_fd, uint64_t size);

  std::string path_;
  int fd_;
  bool owns_fd_;
  bool eof_ = false;
  uint64_t size_;
  uint64_t offset_ = 0;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  std::string error_;
};

enum class ReadResult { kRecord, kEnd, kFatal };

class FrameReader {
 public:
  explicit FrameReader(InputFile* input) : input_(input) {}

  // kRecord: *payload is the next frame's bytes. kEnd: clean end of input.
  // kFatal: fatal_error() says what is wrong and where.
  ReadResult Next(std::string_view* payload);
  // Byte offset of the frame last returned (or of the fatal error).
  uint64_t record_offset() const { return record_offset_; }
  const std::string& fatal_error() const { return fatal_error_; }

 private:
  InputFile* input_;
  uint64_t record_offset_ = 0;
  bool done_ = false;
  std::string fatal_error_;
};

class LineReader {
 public:
  explicit LineReader(InputFile* input) : input_(input) {}

  // kRecord: *line is the next line without its line ending.
  ReadResult Next(std::string_view* line);
  uint64_t record_offset() const { return record_offset_; }
  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  const std::string& fatal_error() const { return fatal_error_; }

 private:
  InputFile* input_;
  uint64_t record_offset_ = 0;
  uint64_t line_number_ = 0;
  size_t pending_consume_ = 0;
  bool done_ = false;
  std::string fatal_error_;
};

// Appends `value` as a base-128 varint.
void AppendVarint(uint64_t value, std::string* out);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_INPUT_STREAM_H_
