// bench_compare: compares a Google Benchmark JSON run with a baseline.
//
//   bench_compare --current=run.json --baseline=benchmarks/baseline.json
//                 [--rel_threshold=0.20] [--abs_threshold=0.50]
//
// Prints one row per benchmark (speed now, baseline, ratio, speed-up over
// the same-run scalar reference now and in the baseline) and exits 1 when any
// benchmark regressed beyond the thresholds, 2 on unreadable input.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "tools/bench_regress/compare.h"
#include "tools/bench_regress/json.h"

ABSL_FLAG(std::string, current, "", "JSON output of the benchmark run to check");
ABSL_FLAG(std::string, baseline, "", "JSON baseline (benchmarks/baseline.json)");
ABSL_FLAG(double, rel_threshold, 0.20,
          "allowed drop of the speed-up over the same-run scalar reference (fraction)");
ABSL_FLAG(double, abs_threshold, 0.50, "allowed drop of absolute speed (fraction)");

namespace {

bool Load(const std::string& path, std::map<std::string, double>* speeds) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench_compare: cannot read %s\n", path.c_str());
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto doc = assay::tools::ParseJson(buffer.str());
  if (!doc.ok()) {
    std::fprintf(stderr, "bench_compare: %s: %s\n", path.c_str(), std::string(doc.status().message()).c_str());
    return false;
  }
  auto extracted = assay::tools::ExtractSpeeds(*doc);
  if (!extracted.ok()) {
    std::fprintf(stderr, "bench_compare: %s: %s\n", path.c_str(),
                 std::string(extracted.status().message()).c_str());
    return false;
  }
  *speeds = std::move(*extracted);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::map<std::string, double> now, base;
  if (!Load(absl::GetFlag(FLAGS_current), &now) || !Load(absl::GetFlag(FLAGS_baseline), &base)) return 2;
  assay::tools::Thresholds thresholds{absl::GetFlag(FLAGS_rel_threshold), absl::GetFlag(FLAGS_abs_threshold)};
  assay::tools::Report report = assay::tools::Compare(now, base, thresholds);
  std::fputs(assay::tools::FormatReport(report, thresholds).c_str(), stdout);
  return report.regressions > 0 ? 1 : 0;
}
