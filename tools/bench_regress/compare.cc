#include "tools/bench_regress/compare.h"

#include <algorithm>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace assay::tools {

absl::StatusOr<std::map<std::string, double>> ExtractSpeeds(const Value& doc) {
  const Value* list = doc.Find("benchmarks");
  if (list == nullptr || list->kind != Value::Kind::kArray) {
    return absl::InvalidArgumentError("no \"benchmarks\" array: not Google Benchmark JSON output");
  }
  std::map<std::string, std::vector<double>> iterations;
  std::map<std::string, double> medians;
  for (const Value& b : list->array) {
    const Value* name = b.Find("run_name");
    if (name == nullptr) name = b.Find("name");
    if (name == nullptr || name->kind != Value::Kind::kString) continue;
    if (const Value* error = b.Find("error_occurred"); error != nullptr && error->boolean) continue;
    double speed = 0;
    if (const Value* items = b.Find("items_per_second"); items != nullptr && items->number > 0) {
      speed = items->number;
    } else if (const Value* t = b.Find("real_time"); t != nullptr && t->number > 0) {
      speed = 1.0 / t->number;
    } else {
      continue;
    }
    const Value* type = b.Find("run_type");
    if (type != nullptr && type->string == "aggregate") {
      const Value* agg = b.Find("aggregate_name");
      if (agg != nullptr && agg->string == "median") medians[name->string] = speed;
    } else {
      iterations[name->string].push_back(speed);
    }
  }
  std::map<std::string, double> out;
  for (auto& [name, speeds] : iterations) {
    std::sort(speeds.begin(), speeds.end());
    out[name] = speeds[speeds.size() / 2];
  }
  for (const auto& [name, speed] : medians) out[name] = speed;
  return out;
}

std::optional<std::string> ReferenceName(const std::string& name) {
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string_view segment(name.data() + start, end - start);
    if (segment.substr(0, 4) == "isa:") {
      if (segment == "isa:scalar") return std::nullopt;
      return name.substr(0, start) + "isa:scalar" + name.substr(end);
    }
    start = end + 1;
  }
  return std::nullopt;
}

namespace {

std::optional<double> Relative(const std::map<std::string, double>& run, const std::string& name) {
  auto ref = ReferenceName(name);
  if (!ref) return std::nullopt;
  auto it = run.find(name);
  auto rt = run.find(*ref);
  if (it == run.end() || rt == run.end() || rt->second <= 0) return std::nullopt;
  return it->second / rt->second;
}

std::string Speed(double items_per_second) {
  if (items_per_second >= 1e9) return absl::StrFormat("%.2fG/s", items_per_second / 1e9);
  if (items_per_second >= 1e6) return absl::StrFormat("%.2fM/s", items_per_second / 1e6);
  if (items_per_second >= 1e3) return absl::StrFormat("%.2fk/s", items_per_second / 1e3);
  return absl::StrFormat("%.2f/s", items_per_second);
}

}  // namespace

Report Compare(const std::map<std::string, double>& now, const std::map<std::string, double>& base,
               const Thresholds& thresholds) {
  Report report;
  for (const auto& [name, speed] : now) {
    Row row;
    row.name = name;
    row.now = speed;
    row.rel_now = Relative(now, name);
    if (auto it = base.find(name); it != base.end()) {
      row.base = it->second;
      row.rel_base = Relative(base, name);
    }
    std::vector<std::string> why;
    if (!row.base) {
      row.verdict = "new";
    } else {
      if (row.rel_now && row.rel_base && *row.rel_now < *row.rel_base * (1 - thresholds.rel)) {
        why.push_back("speed-up vs scalar dropped");
      }
      if (row.now < *row.base * (1 - thresholds.abs)) why.push_back("absolute speed dropped");
      row.regressed = !why.empty();
      row.verdict = row.regressed ? "REGRESSION: " + why[0] + (why.size() > 1 ? ", " + why[1] : "") : "ok";
    }
    if (row.regressed) ++report.regressions;
    report.rows.push_back(row);
  }
  for (const auto& [name, speed] : base) {
    if (now.find(name) == now.end()) report.not_run.push_back(name);
  }
  return report;
}

std::string FormatReport(const Report& report, const Thresholds& thresholds) {
  size_t width = 9;
  for (const Row& row : report.rows) width = std::max(width, row.name.size());
  std::string out = absl::StrFormat("%-*s %12s %12s %8s %10s %10s  %s\n", width, "benchmark", "now",
                                    "baseline", "ratio", "xscalar", "xscalar@b", "verdict");
  for (const Row& row : report.rows) {
    auto times = [](const std::optional<double>& v) {
      return v ? absl::StrFormat("%.2fx", *v) : std::string("-");
    };
    std::string ratio = row.base ? absl::StrFormat("%.2f", row.now / *row.base) : "-";
    out += absl::StrFormat("%-*s %12s %12s %8s %10s %10s  %s\n", width, row.name, Speed(row.now),
                           row.base ? Speed(*row.base) : "-", ratio, times(row.rel_now),
                           times(row.rel_base), row.verdict);
  }
  for (const std::string& name : report.not_run) {
    out += absl::StrFormat("%-*s %12s  not run (in the baseline only)\n", width, name, "-");
  }
  out += absl::StrFormat(
      "%d regression(s) among %d benchmark(s). Thresholds: speed-up over the same-run scalar "
      "reference may drop by %.0f%%, absolute speed by %.0f%%.\n",
      report.regressions, static_cast<int>(report.rows.size()), thresholds.rel * 100,
      thresholds.abs * 100);
  return out;
}

}  // namespace assay::tools
