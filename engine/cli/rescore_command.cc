// assay rescore: rescore a caseload file (engine/cli/rescore_pipeline.h).
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/cli/command.h"
#include "engine/cli/options.h"
#include "engine/cli/rescore_pipeline.h"
#include "engine/review/policy.h"
#include "scoring/dates.h"

namespace assay::cli {

int DefaultThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int RunRescoreCommand(CommandArgs args) {
  std::string in_format, out_format, model_set = "v4", policy_name = "ns2011", as_of_text, report, csv_date;
  int64_t threads = DefaultThreads();
  bool no_progress = false;
  std::string isa_name = "auto";
  OptionParser parser("rescore", "rescore [options] --as-of YYYY-MM-DD INPUT OUTPUT",
                      "Rescores every record of a caseload file and writes one result per record, in input\n"
                      "order: scores, review decision and tier, or an error record saying why the record\n"
                      "could not be read. INPUT and OUTPUT may be '-' (standard input / output). Formats\n"
                      "follow the file extensions (.bin, .tfrecord, .jsonl, .csv) unless given.\n"
                      "Exit status: 0 every record read and the framing intact (records with validation\n"
                      "errors are data: still 0); 3 the input is damaged or may be misframed (every\n"
                      "readable result is written; the summary says where); 1 failed; 2 usage.");
  parser.String("in-format", &in_format, "binary | tfrecord | jsonl | csv (reference layout)");
  parser.String("out-format", &out_format, "binary | tfrecord | jsonl | csv");
  parser.String("model-set", &model_set, "v4 | legacy | both (default v4)");
  parser.String("policy", &policy_name, "review policy: ns2011 (default), ns2007 or a text-format file");
  parser.String("as-of", &as_of_text, "date reviews are judged at, YYYY-MM-DD (required)");
  parser.Int("threads", &threads, "worker threads (default: all cores)");
  parser.String("report", &report, "also write the HTML report to this file");
  parser.String("assessment-date", &csv_date, "CSV input: assessment date of rows without one (default --as-of)");
  parser.Bool("no-progress", &no_progress, "never draw the progress bar");
  parser.String("isa", &isa_name,
                "instruction set of the kernels: auto (default, the widest the CPU has), scalar,\n"
                "sse4.2, avx2 or avx512; the output bytes are the same whichever runs");
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (positional.size() != 2) {
    PrintError("rescore", "expected INPUT and OUTPUT (see assay rescore --help)");
    return kExitUsage;
  }
  RescoreOptions options;
  options.input = positional[0];
  options.output = positional[1];
  absl::StatusOr<io::FileFormat> in = ResolveFormat(in_format, options.input, io::FileFormat{});
  absl::StatusOr<io::FileFormat> out = ResolveFormat(out_format, options.output, io::FileFormat{});
  if (!in.ok() || !out.ok()) {
    PrintError("rescore", !in.ok() ? in.status().message() : out.status().message());
    return kExitUsage;
  }
  options.in_format = in->format;
  options.in_framing = in->framing;
  options.out_format = out->format;
  options.out_framing = out->framing;
  const std::optional<v1::ModelSet> set = ParseModelSet(model_set);
  if (!set) {
    PrintError("rescore", "--model-set must be v4, legacy or both");
    return kExitUsage;
  }
  options.model_set = *set;
  // No implicit "today": a rescored caseload must not depend on the day it ran.
  const std::optional<absl::CivilDay> as_of = ParseCivilDay(as_of_text);
  if (!as_of) {
    PrintError("rescore", as_of_text.empty() ? "--as-of is required (the date reviews are judged at)"
                                             : "--as-of must be a date YYYY-MM-DD");
    return kExitUsage;
  }
  options.as_of = *as_of;
  options.csv_assessment_date = *as_of;
  if (!csv_date.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(csv_date);
    if (!day) {
      PrintError("rescore", "--assessment-date must be a date YYYY-MM-DD");
      return kExitUsage;
    }
    options.csv_assessment_date = *day;
  }
  if (threads < 1 || threads > 1024) {
    PrintError("rescore", "--threads must be 1..1024");
    return kExitUsage;
  }
  options.threads = static_cast<int>(threads);
  options.progress = !no_progress;
  const std::optional<kernels::Isa> isa = kernels::ParseIsa(isa_name);
  if (!isa) {
    PrintError("rescore", "--isa must be auto, scalar, sse4.2, avx2 or avx512");
    return kExitUsage;
  }
  options.isa = *isa;
  options.report = report;
  absl::StatusOr<review::Policy> policy = review::LoadPolicy(policy_name);
  if (!policy.ok()) {
    PrintError("rescore", policy.status().message());
    return kExitFailed;
  }
  options.policy = &*policy;

  absl::StatusOr<RescoreSummary> summary = cli::RunRescore(options);
  if (!summary.ok()) {
    PrintError("rescore", summary.status().message());
    return kExitFailed;
  }
  std::string line = absl::StrCat("assay rescore: ", summary->OneLine(), "; results in ", options.output);
  if (!report.empty()) absl::StrAppend(&line, ", report in ", report);
  const std::string damage = summary->Damage();
  if (!damage.empty()) absl::StrAppend(&line, "\nassay rescore: DAMAGED INPUT: ", damage);
  std::fprintf(stderr, "%s\n", line.c_str());
  return damage.empty() ? kExitOk : kExitDamagedInput;
}

}  // namespace assay::cli
