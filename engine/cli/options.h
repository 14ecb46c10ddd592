// Command-line options for the `assay` subcommands: a small parser (each
// subcommand has its own options, so process-global flag registries do not
// fit) and the option values shared by several commands.
//
// Contract: "--name value" and "--name=value"; booleans as "--name" (and
// "--name=true|false"); "--" ends options; "--help" prints the usage. Parse
// errors name the option, never echo other input.
#ifndef ASSAY_ENGINE_CLI_OPTIONS_H_
#define ASSAY_ENGINE_CLI_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "engine/cli/command.h"
#include "engine/io/record_format.h"
#include "schemas/score.pb.h"

namespace assay::cli {

class OptionParser {
 public:
  // `usage`: the synopsis line(s) after "usage: assay ".
  OptionParser(std::string_view command, std::string_view usage, std::string_view description);

  void String(std::string_view name, std::string* value, std::string_view help);
  void Int(std::string_view name, int64_t* value, std::string_view help);
  void Double(std::string_view name, double* value, std::string_view help);
  void Bool(std::string_view name, bool* value, std::string_view help);

  enum class Outcome { kOk, kHelp, kError };
  // On kError a message and the usage went to stderr; on kHelp the usage
  // went to stdout.
  Outcome Parse(CommandArgs args, std::vector<std::string>* positional);
  // Parse, for a command's run function: std::nullopt to go on, otherwise
  // the exit code to return at once (kExitOk after --help, kExitUsage).
  std::optional<int> ParseOrExit(CommandArgs args, std::vector<std::string>* positional);

  void PrintUsage(std::FILE* out) const;

 private:
  enum class Kind { kString, kInt, kDouble, kBool };
  struct Option {
    std::string name;
    Kind kind;
    void* value;
    std::string help;
  };
  bool Set(const Option& option, std::string_view text);

  std::string command_;
  std::string usage_;
  std::string description_;
  std::vector<Option> options_;
};

// Exit codes (engine/cli/command.h).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
// The input is damaged or may be misframed: every readable result was
// written, but the run cannot vouch that nothing was lost or misread.
inline constexpr int kExitDamagedInput = 3;

// "v4", "legacy", "both".
std::optional<v1::ModelSet> ParseModelSet(std::string_view name);
// "YYYY-MM-DD", a real calendar day.
std::optional<absl::CivilDay> ParseCivilDay(std::string_view text);
// "2025-10-06".
std::string FormatCivilDay(absl::CivilDay day);
// Today in the local time zone.
absl::CivilDay Today();
// Format from an explicit name, else from the path's extension, else
// `fallback`.
absl::StatusOr<io::FileFormat> ResolveFormat(std::string_view explicit_name, std::string_view path,
                                             io::FileFormat fallback);
// Prints "assay <command>: <message>" to stderr.
void PrintError(std::string_view command, absl::string_view message);

}  // namespace assay::cli

#endif  // ASSAY_ENGINE_CLI_OPTIONS_H_
