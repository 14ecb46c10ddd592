// The `assay` command-line tool: one function per subcommand.
//
// Each subcommand receives its own arguments (argv[0] is the subcommand's
// name) and returns the process exit code: 0 success, 1 the job failed (a
// message has been written to stderr), 2 usage error, 3 the input is damaged
// or may be misframed (every readable result was written; the summary says
// where). Commands never throw.
#ifndef ASSAY_ENGINE_CLI_COMMAND_H_
#define ASSAY_ENGINE_CLI_COMMAND_H_

#include <span>
#include <string_view>

namespace assay::cli {

using CommandArgs = std::span<char* const>;

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `assay help`
  int (*run)(CommandArgs args);
};

// The registered commands, in the order `assay help` lists them.
std::span<const Command> Commands();

}  // namespace assay::cli

#endif  // ASSAY_ENGINE_CLI_COMMAND_H_
