// The byte streams a pipeline reads from and writes to: files (or standard
// input/output) and memory.
//
// Contract:
//   - ByteSource::Read fills a caller's buffer and returns how many bytes it
//     read; 0 means the end of the input. A read error is a Status naming the
//     source, never its contents. A source whose whole input is already in
//     memory says so through InMemory(), so a reader can frame it in place
//     without copying.
//   - ByteSink::Write appends; Commit makes the output final. A file sink is
//     atomic (engine/io/atomic_file.h): the path holds the old file or the
//     complete new one, never a prefix. A sink that is destroyed without a
//     Commit discards its output (the file is removed; a string sink keeps
//     what was written, which its owner can clear).
//   - Not thread-safe: one reader per source and one writer per sink at a
//     time (the pipeline serialises its writes, engine/pipeline/).
//
// Example:
//   absl::StatusOr<std::unique_ptr<io::ByteSource>> in = io::OpenFileSource("caseload.bin");
//   std::string out;
//   std::unique_ptr<io::ByteSink> sink = io::StringSink(&out);
#ifndef ASSAY_ENGINE_IO_BYTE_STREAM_H_
#define ASSAY_ENGINE_IO_BYTE_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace assay::io {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes; 0 at the end of the input.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t size) = 0;
  // The whole input, when it is already in memory.
  virtual std::optional<std::string_view> InMemory() const { return std::nullopt; }
  // The input's size when known (a regular file, memory), else 0.
  virtual uint64_t size_hint() const { return 0; }
};

// Reads `bytes`, which must outlive the source.
std::unique_ptr<ByteSource> MemorySource(std::string_view bytes);

// Opens a file ("-" = standard input). NotFound when it cannot be opened,
// InvalidArgument for a directory.
absl::StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual absl::Status Write(std::string_view bytes) = 0;
  virtual absl::Status Commit() = 0;
  // Bytes written so far.
  virtual uint64_t size() const = 0;
};

// Appends to `*out` (which must outlive the sink); Commit does nothing.
std::unique_ptr<ByteSink> StringSink(std::string* out);

// An atomic output file ("-" = standard output, not atomic).
absl::StatusOr<std::unique_ptr<ByteSink>> CreateFileSink(const std::string& path);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_BYTE_STREAM_H_
