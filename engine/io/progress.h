// Progress: a one-line progress bar for long runs on a terminal.
//
// Contract:
//   - Draws on `out` only when `out` is a terminal (isatty); otherwise every
//     call is a no-op, so logs and pipes never receive control characters.
//   - Update(records, bytes) redraws at most every 100 ms: a bar over the
//     input bytes when the input size is known, records done, records per
//     second and the estimated time remaining.
//   - Finish() erases the bar; the caller then prints its one-line summary.
//   - Not thread-safe: call from the thread that drives the run.
#ifndef ASSAY_ENGINE_IO_PROGRESS_H_
#define ASSAY_ENGINE_IO_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace assay::io {

class Progress {
 public:
  // `total_bytes` 0 = unknown (a pipe): no bar, no time remaining.
  Progress(std::FILE* out, uint64_t total_bytes);
  // For tests: force drawing on or off.
  Progress(std::FILE* out, uint64_t total_bytes, bool enabled);

  void Update(uint64_t records, uint64_t bytes);
  void Finish();
  bool enabled() const { return enabled_; }

  // The line Update would draw (without control characters).
  static std::string Render(uint64_t records, uint64_t bytes, uint64_t total_bytes, double seconds);

 private:
  std::FILE* out_;
  uint64_t total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_PROGRESS_H_
