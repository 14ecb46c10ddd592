// The command table. Each command lives in its own file; add one line here.
#include "engine/cli/command.h"

namespace assay::cli {

int RunVersion(CommandArgs args);

std::span<const Command> Commands() {
  static constexpr Command kCommands[] = {
      {"version", "print the engine, schema and model versions", RunVersion},
  };
  return kCommands;
}

}  // namespace assay::cli
