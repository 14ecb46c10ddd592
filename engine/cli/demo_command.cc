// assay demo: the README's main command. Generates the demo caseload,
// rescores it under both model sets and writes the HTML report; works with
// no arguments and says where everything is.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/cli/command.h"
#include "engine/cli/options.h"
#include "engine/cli/rescore_pipeline.h"
#include "engine/demo/generator.h"
#include "engine/io/record_format.h"
#include "engine/review/policy.h"
#include "scoring/dates.h"

namespace assay::cli {

int DefaultThreads();
absl::Status WriteCaseload(const demo::CaseloadGenerator& generator, uint64_t count, io::FileFormat format,
                           double malformed_share, int threads, const std::string& path);

namespace {

// Creates `dir` and its parents.
absl::Status MakeDirectories(const std::string& dir) {
  for (size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    const std::string prefix = dir.substr(0, slash);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
      return absl::InternalError(absl::StrCat("cannot create directory ", prefix, ": ", std::strerror(errno)));
    }
    if (slash == std::string::npos) return absl::OkStatus();
  }
}

// `bazel run` starts the tool in its runfiles tree; a relative path means
// the directory the user ran it from.
std::string UserPath(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (cwd != nullptr && *cwd != '\0') return absl::StrCat(cwd, "/", path);
  char buffer[4096];
  if (::getcwd(buffer, sizeof(buffer)) != nullptr) return absl::StrCat(buffer, "/", path);
  return path;
}

std::string Thousands(uint64_t n) {
  std::string digits = absl::StrCat(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

int RunDemoCommand(CommandArgs args) {
  int64_t count = static_cast<int64_t>(demo::kDefaultCaseloadSize);
  int64_t seed = static_cast<int64_t>(demo::kDefaultSeed);
  int64_t threads = DefaultThreads();
  std::string out_dir = "assay-demo", policy_name = "ns2011", model_set = "both", as_of_text;
  OptionParser parser("demo", "demo [options]",
                      "Generates a synthetic trust caseload (20,000 cases by default; seeded and\n"
                      "reproducible), rescores it under the OASys v4 and legacy models with the review\n"
                      "policy, and writes an HTML report. Prints where the report is.");
  parser.Int("count", &count, "number of cases (default 20000)");
  parser.Int("seed", &seed, "random seed (default 20110405); the same seed gives the same report");
  parser.String("out-dir", &out_dir, "directory for caseload, results and report (default ./assay-demo)");
  parser.String("policy", &policy_name, "review policy: ns2011 (default), ns2007 or a text-format file");
  parser.String("model-set", &model_set, "v4 | legacy | both (default both)");
  parser.String("as-of", &as_of_text, "date reviews are judged at (default 2025-10-06, fixed for reproducibility)");
  parser.Int("threads", &threads, "worker threads (default: all cores)");
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (!positional.empty()) {
    PrintError("demo", "takes no positional arguments (see assay demo --help)");
    return kExitUsage;
  }
  const std::optional<v1::ModelSet> set = ParseModelSet(model_set);
  if (!set || count < 0 || threads < 1 || threads > 1024) {
    PrintError("demo", "--model-set must be v4, legacy or both; --count >= 0; --threads 1..1024");
    return kExitUsage;
  }
  demo::CaseloadOptions caseload;
  caseload.seed = static_cast<uint64_t>(seed);
  if (!as_of_text.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(as_of_text);
    if (!day) {
      PrintError("demo", "--as-of must be a date YYYY-MM-DD");
      return kExitUsage;
    }
    caseload.as_of = *day;
  }
  absl::StatusOr<review::Policy> policy = review::LoadPolicy(policy_name);
  if (!policy.ok()) {
    PrintError("demo", policy.status().message());
    return kExitFailed;
  }

  const std::string dir = UserPath(out_dir);
  if (absl::Status status = MakeDirectories(dir); !status.ok()) {
    PrintError("demo", status.message());
    return kExitFailed;
  }
  const std::string caseload_path = dir + "/caseload.bin";
  const std::string results_path = dir + "/results.csv";
  const std::string report_path = dir + "/report.html";

  const demo::CaseloadGenerator generator(caseload);
  if (absl::Status status = WriteCaseload(generator, static_cast<uint64_t>(count), io::FileFormat{}, 0,
                                          static_cast<int>(threads), caseload_path);
      !status.ok()) {
    PrintError("demo", status.message());
    return kExitFailed;
  }

  RescoreOptions options;
  options.input = caseload_path;
  options.output = results_path;
  options.out_format = io::RecordFormat::kCsv;
  options.report = report_path;
  options.report_source = absl::StrCat("the synthetic demo caseload (seed ", seed, ")");
  options.model_set = *set;
  options.policy = &*policy;
  options.as_of = caseload.as_of;
  options.csv_assessment_date = caseload.as_of;
  options.threads = static_cast<int>(threads);
  absl::StatusOr<RescoreSummary> summary = cli::RunRescore(options);
  if (!summary.ok()) {
    PrintError("demo", summary.status().message());
    return kExitFailed;
  }
  const report::CaseloadStats& stats = summary->run.stats;
  std::printf("Assay demo: %s synthetic cases (seed %lld), as of %s, review policy %s.\n",
              Thousands(stats.records()).c_str(), static_cast<long long>(seed),
              FormatCivilDay(caseload.as_of).c_str(), policy->version().c_str());
  std::printf("  %s scored, %s errors; %s mandated reviews, %s discretionary, %s overdue.\n",
              Thousands(stats.scored()).c_str(), Thousands(stats.errors()).c_str(),
              Thousands(stats.mandated()).c_str(), Thousands(stats.discretionary()).c_str(),
              Thousands(stats.overdue()).c_str());
  std::printf("  caseload: %s\n  results:  %s\n  report:   %s\n", caseload_path.c_str(), results_path.c_str(),
              report_path.c_str());
  std::printf("Open the report in a browser: file://%s\n", report_path.c_str());
  std::fprintf(stderr, "assay demo: %s\n", summary->OneLine().c_str());
  return kExitOk;
}

}  // namespace assay::cli
