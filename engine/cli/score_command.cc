// assay score: one record's full result (every predictor's ScoreSet entry
// with its explanation terms, the review decision and the tier) as protobuf
// text format or JSON: the machine-readable view. `assay explain` is the
// human-readable one.
#include <cstdio>
#include <string>
#include <vector>

#include "engine/cli/command.h"
#include "engine/cli/options.h"
#include "engine/cli/single_record.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace assay::cli {

int RunScoreCommand(CommandArgs args) {
  SingleRecordFlags flags;
  std::string output = "text";
  OptionParser parser("score", "score [options] FILE",
                      "Scores one assessment given in protobuf text format or JSON (FILE may be '-') and\n"
                      "prints its RecordResult: the ScoreSet with every predictor and its explanation, the\n"
                      "review decision and the tier.");
  flags.Register(&parser);
  parser.String("output", &output, "text | json (default text)");
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (positional.size() != 1 || (output != "text" && output != "json")) {
    PrintError("score", "expected one FILE and --output text|json (see assay score --help)");
    return kExitUsage;
  }
  absl::StatusOr<EvaluatedRecord> record = LoadAndEvaluate(positional[0], flags);
  if (!record.ok()) {
    PrintError("score", record.status().message());
    return kExitFailed;
  }
  std::string printed;
  if (output == "json") {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(record->result, &printed, options).ok()) {
      PrintError("score", "cannot print the result as JSON");
      return kExitFailed;
    }
  } else if (!google::protobuf::TextFormat::PrintToString(record->result, &printed)) {
    PrintError("score", "cannot print the result as text");
    return kExitFailed;
  }
  std::fwrite(printed.data(), 1, printed.size(), stdout);
  if (!printed.empty() && printed.back() != '\n') std::fputc('\n', stdout);
  return kExitOk;
}

}  // namespace assay::cli
