// The command table. Each command lives in its own file; add one line here.
#include "engine/cli/command.h"

namespace assay::cli {

int RunVersion(CommandArgs args);
int RunReferenceCsvCommand(CommandArgs args);
int RunDemoCommand(CommandArgs args);
int RunRescoreCommand(CommandArgs args);
int RunGenerateCommand(CommandArgs args);
int RunScoreCommand(CommandArgs args);
int RunExplainCommand(CommandArgs args);

std::span<const Command> Commands() {
  static constexpr Command kCommands[] = {
      {"demo", "generate the demo caseload, rescore it and write the HTML report", RunDemoCommand},
      {"rescore", "rescore a caseload file: one result per record, optional HTML report", RunRescoreCommand},
      {"generate", "write a synthetic caseload of any size (binary, jsonl or csv)", RunGenerateCommand},
      {"score", "score one record (text or JSON) and print its full result", RunScoreCommand},
      {"explain", "explain one record's scores, review decision and tier in plain text", RunExplainCommand},
      {"reference-csv", "score a CSV in the reference's regression layout (ARP, VRP, SVRP)", RunReferenceCsvCommand},
      {"version", "print the engine, schema and model versions", RunVersion},
  };
  return kCommands;
}

}  // namespace assay::cli
