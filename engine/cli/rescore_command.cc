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
  int64_t chunk = 65536;
  bool no_progress = false;
  std::string engine = "batch", isa_name = "scalar";
  OptionParser parser("rescore", "rescore [options] INPUT OUTPUT",
                      "Rescores every record of a caseload file and writes one result per record, in input\n"
                      "order: scores, review decision and tier, or an error record saying why the record\n"
                      "could not be read. INPUT and OUTPUT may be '-' (standard input / output). Formats\n"
                      "follow the file extensions (.bin, .jsonl, .csv) unless given. Exit status: 0 done,\n"
                      "1 failed or the input was truncated (every earlier result is written), 2 usage.");
  parser.String("in-format", &in_format, "binary | jsonl | csv (reference layout)");
  parser.String("out-format", &out_format, "binary | jsonl | csv");
  parser.String("model-set", &model_set, "v4 | legacy | both (default v4)");
  parser.String("policy", &policy_name, "review policy: ns2011 (default), ns2007 or a text-format file");
  parser.String("as-of", &as_of_text, "date reviews are judged at, YYYY-MM-DD (default today)");
  parser.Int("threads", &threads, "worker threads (default: all cores)");
  parser.String("report", &report, "also write the HTML report to this file");
  parser.String("assessment-date", &csv_date, "CSV input: assessment date of rows without one (default --as-of)");
  parser.Int("chunk", &chunk, "records per chunk held in memory (default 65536)");
  parser.Bool("no-progress", &no_progress, "never draw the progress bar");
  parser.String("isa", &isa_name,
                "batch engine lanes: scalar (default; results byte-identical everywhere), auto,\n"
                "sse4.2, avx2 or avx512 (probabilities within 1e-12 of the scalar ones)");
  parser.String("engine", &engine,
                "batch (default) | scalar: the reference scorer record by record, for checking");
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (positional.size() != 2) {
    PrintError("rescore", "expected INPUT and OUTPUT (see assay rescore --help)");
    return kExitUsage;
  }
  RescoreOptions options;
  options.input = positional[0];
  options.output = positional[1];
  absl::StatusOr<io::RecordFormat> in = ResolveFormat(in_format, options.input, io::RecordFormat::kBinary);
  absl::StatusOr<io::RecordFormat> out = ResolveFormat(out_format, options.output, io::RecordFormat::kBinary);
  if (!in.ok() || !out.ok()) {
    PrintError("rescore", !in.ok() ? in.status().message() : out.status().message());
    return kExitUsage;
  }
  options.in_format = *in;
  options.out_format = *out;
  const std::optional<v1::ModelSet> set = ParseModelSet(model_set);
  if (!set) {
    PrintError("rescore", "--model-set must be v4, legacy or both");
    return kExitUsage;
  }
  options.model_set = *set;
  options.as_of = Today();
  if (!as_of_text.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(as_of_text);
    if (!day) {
      PrintError("rescore", "--as-of must be a date YYYY-MM-DD");
      return kExitUsage;
    }
    options.as_of = *day;
  }
  options.csv_assessment_date = scoring::ToProtoDate(options.as_of);
  if (!csv_date.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(csv_date);
    if (!day) {
      PrintError("rescore", "--assessment-date must be a date YYYY-MM-DD");
      return kExitUsage;
    }
    options.csv_assessment_date = scoring::ToProtoDate(*day);
  }
  if (threads < 1 || threads > 1024 || chunk < 1 || chunk > (1 << 24)) {
    PrintError("rescore", "--threads must be 1..1024 and --chunk 1..16777216");
    return kExitUsage;
  }
  options.threads = static_cast<int>(threads);
  options.chunk_records = static_cast<size_t>(chunk);
  options.progress = !no_progress;
  if (engine != "batch" && engine != "scalar") {
    PrintError("rescore", "--engine must be batch or scalar");
    return kExitUsage;
  }
  options.engine = engine == "batch" ? RescoreOptions::Engine::kBatch : RescoreOptions::Engine::kScalar;
  const std::optional<batch::Isa> isa = batch::ParseIsa(isa_name);
  if (!isa) {
    PrintError("rescore", "--isa must be scalar, auto, sse4.2, avx2 or avx512");
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
  std::fprintf(stderr, "%s\n", line.c_str());
  return summary->stopped_early.empty() ? kExitOk : kExitFailed;
}

}  // namespace assay::cli
