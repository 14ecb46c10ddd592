// Benchmark regression check: a run's results against a stored baseline.
//
// Contract:
//   - Inputs are Google Benchmark JSON documents (--benchmark_format=json).
//     Each benchmark's speed is its items_per_second (1 / real_time when it
//     reports no items). With repetitions, the "median" aggregate is used;
//     otherwise the median of the iteration entries of that name.
//   - Same-run reference: a benchmark whose name has a segment "isa:<x>" is
//     compared with the benchmark of the same name with "isa:scalar", from
//     the SAME run. This relative speed cancels machine load and clock
//     changes, so it is the primary regression signal.
//   - A benchmark regresses when (a) its same-run speed-up over the scalar
//     reference fell below (1 - rel_threshold) x the baseline's, or (b) its
//     absolute speed fell below (1 - abs_threshold) x the baseline's. (b) is
//     deliberately generous: shared machines vary by tens of percent.
//   - Benchmarks absent from the baseline are reported as "new"; baseline
//     entries absent from the run (filtered out, or an ISA this machine
//     lacks) are listed as "not run". Neither fails the check.
#ifndef ASSAY_TOOLS_BENCH_REGRESS_COMPARE_H_
#define ASSAY_TOOLS_BENCH_REGRESS_COMPARE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/bench_regress/json.h"

namespace assay::tools {

struct Thresholds {
  double rel = 0.20;  // same-run speed-up may drop by at most 20 %
  double abs = 0.50;  // absolute speed may drop by at most 50 %
};

// Speed per benchmark name, from one JSON document.
absl::StatusOr<std::map<std::string, double>> ExtractSpeeds(const Value& doc);

// The same-run reference name ("isa:avx512" -> "isa:scalar"); nullopt when
// the name has no isa segment or already is the scalar reference.
std::optional<std::string> ReferenceName(const std::string& name);

struct Row {
  std::string name;
  double now = 0;
  std::optional<double> base;
  std::optional<double> rel_now;   // speed-up over the same-run scalar reference
  std::optional<double> rel_base;  // the same, in the baseline
  bool regressed = false;
  std::string verdict;
};

struct Report {
  std::vector<Row> rows;
  std::vector<std::string> not_run;
  int regressions = 0;
};

Report Compare(const std::map<std::string, double>& now, const std::map<std::string, double>& base,
               const Thresholds& thresholds);

// The table as text, one benchmark per line.
std::string FormatReport(const Report& report, const Thresholds& thresholds);

}  // namespace assay::tools

#endif  // ASSAY_TOOLS_BENCH_REGRESS_COMPARE_H_
