// assay: the command-line entry point. Dispatches to the subcommands listed
// in commands.cc.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "engine/cli/command.h"

namespace {

void PrintUsage(std::FILE* out) {
  std::fprintf(out, "usage: assay <command> [options]\n\ncommands:\n");
  for (const assay::cli::Command& command : assay::cli::Commands()) {
    std::fprintf(out, "  %-16.*s %.*s\n", static_cast<int>(command.name.size()), command.name.data(),
                 static_cast<int>(command.summary.size()), command.summary.data());
  }
  std::fprintf(out, "\n`assay <command> --help` describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    PrintUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string_view name = argv[1];
  for (const assay::cli::Command& command : assay::cli::Commands()) {
    if (command.name == name) return command.run(assay::cli::CommandArgs(argv + 1, argc - 1));
  }
  std::fprintf(stderr, "assay: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 2;
}
