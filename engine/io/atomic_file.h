// AtomicFile: an output file that appears complete or not at all.
//
// Contract:
//   - Create(path) opens a temporary file in the same directory as `path`
//     (so the final rename never crosses a file system). Bytes are buffered
//     and written with write(2).
//   - Commit() flushes, fsyncs the file, renames it over `path` and fsyncs
//     the directory, so after a crash `path` holds either its old contents or
//     the complete new file, never a prefix that looks complete.
//   - Destroying an AtomicFile that was not committed (an error, an early
//     return) removes the temporary file.
//   - The path "-" means standard output: bytes are written through, Commit()
//     only flushes. There is nothing to rename, so no atomicity either.
//   - Errors name the path and the system error; never the contents.
// Not thread-safe: one writer per file.
#ifndef ASSAY_ENGINE_IO_ATOMIC_FILE_H_
#define ASSAY_ENGINE_IO_ATOMIC_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace assay::io {

class AtomicFile {
 public:
  static absl::StatusOr<std::unique_ptr<AtomicFile>> Create(const std::string& path);

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  absl::Status Append(std::string_view bytes);
  absl::Status Commit();

  const std::string& path() const { return path_; }
  // Bytes appended so far.
  uint64_t size() const { return size_; }

 private:
  AtomicFile(std::string path, std::string temp_path, int fd, bool is_stdout);
  absl::Status Flush();
  void Discard();

  std::string path_;
  std::string temp_path_;
  int fd_;
  bool is_stdout_;
  bool committed_ = false;
  uint64_t size_ = 0;
  std::string buffer_;
};

// Writes `contents` to `path` atomically (Create + Append + Commit).
absl::Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_ATOMIC_FILE_H_
