#include "engine/io/progress.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace assay::io {
namespace {

std::string Duration(double seconds) {
  if (seconds < 0 || seconds > 359999) return "--:--";
  const int s = static_cast<int>(seconds + 0.5);
  if (s >= 3600) return absl::StrFormat("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  return absl::StrFormat("%d:%02d", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::FILE* out, uint64_t total_bytes)
    : Progress(out, total_bytes, out != nullptr && ::isatty(::fileno(out))) {}

Progress::Progress(std::FILE* out, uint64_t total_bytes, bool enabled)
    : out_(out),
      total_bytes_(total_bytes),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string Progress::Render(uint64_t records, uint64_t bytes, uint64_t total_bytes, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  std::string line;
  if (total_bytes > 0) {
    const double fraction = bytes >= total_bytes ? 1.0 : static_cast<double>(bytes) / static_cast<double>(total_bytes);
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    line = absl::StrCat("[", std::string(filled, '#'), std::string(kWidth - filled, '.'), "] ",
                        absl::StrFormat("%3d%%", static_cast<int>(fraction * 100)), "  ");
    const double remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : -1;
    absl::StrAppend(&line, records, " records  ", absl::StrFormat("%.0f", rate), " records/s  ",
                    fraction > 0.001 ? Duration(remaining) : "--:--", " remaining");
  } else {
    absl::StrAppend(&line, records, " records  ", absl::StrFormat("%.0f", rate), " records/s  ",
                    Duration(seconds), " elapsed");
  }
  return line;
}

void Progress::Update(uint64_t records, uint64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string line = Render(records, bytes, total_bytes_, seconds);
  // \r returns to the line start, \x1b[K clears what a longer line left.
  std::fprintf(out_, "\r%s\x1b[K", line.c_str());
  std::fflush(out_);
}

void Progress::Finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace assay::io
