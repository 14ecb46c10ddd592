#include "engine/cli/options.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/io/reference_csv.h"
#include "scoring/dates.h"

namespace assay::cli {

OptionParser::OptionParser(std::string_view command, std::string_view usage, std::string_view description)
    : command_(command), usage_(usage), description_(description) {}

void OptionParser::String(std::string_view name, std::string* value, std::string_view help) {
  options_.push_back({std::string(name), Kind::kString, value, std::string(help)});
}
void OptionParser::Int(std::string_view name, int64_t* value, std::string_view help) {
  options_.push_back({std::string(name), Kind::kInt, value, std::string(help)});
}
void OptionParser::Double(std::string_view name, double* value, std::string_view help) {
  options_.push_back({std::string(name), Kind::kDouble, value, std::string(help)});
}
void OptionParser::Bool(std::string_view name, bool* value, std::string_view help) {
  options_.push_back({std::string(name), Kind::kBool, value, std::string(help)});
}

void OptionParser::PrintUsage(std::FILE* out) const {
  std::fprintf(out, "usage: assay %s\n\n%s\n", usage_.c_str(), description_.c_str());
  if (options_.empty()) return;
  std::fprintf(out, "\noptions:\n");
  for (const Option& option : options_) {
    const char* arg = option.kind == Kind::kBool     ? ""
                      : option.kind == Kind::kString ? " VALUE"
                                                     : " N";
    std::string left = "--" + option.name + arg;
    std::fprintf(out, "  %-24s %s\n", left.c_str(), option.help.c_str());
  }
}

bool OptionParser::Set(const Option& option, std::string_view text) {
  const absl::string_view t(text.data(), text.size());
  switch (option.kind) {
    case Kind::kString:
      *static_cast<std::string*>(option.value) = std::string(text);
      return true;
    case Kind::kInt:
      return absl::SimpleAtoi(t, static_cast<int64_t*>(option.value));
    case Kind::kDouble:
      return absl::SimpleAtod(t, static_cast<double*>(option.value));
    case Kind::kBool:
      if (text == "true" || text == "1") {
        *static_cast<bool*>(option.value) = true;
        return true;
      }
      if (text == "false" || text == "0") {
        *static_cast<bool*>(option.value) = false;
        return true;
      }
      return false;
  }
  return false;
}

std::optional<int> OptionParser::ParseOrExit(CommandArgs args, std::vector<std::string>* positional) {
  switch (Parse(args, positional)) {
    case Outcome::kHelp:
      return kExitOk;
    case Outcome::kError:
      return kExitUsage;
    case Outcome::kOk:
      break;
  }
  return std::nullopt;
}

OptionParser::Outcome OptionParser::Parse(CommandArgs args, std::vector<std::string>* positional) {
  bool options_done = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (options_done || arg.size() < 2 || arg.substr(0, 2) != "--" || arg == "-") {
      if (!options_done && arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
        std::fprintf(stderr, "assay %s: unknown option '%s' (options start with --)\n\n", command_.c_str(),
                     std::string(arg).c_str());
        PrintUsage(stderr);
        return Outcome::kError;
      }
      positional->emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "--help") {
      PrintUsage(stdout);
      return Outcome::kHelp;
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> inline_value;
    if (const size_t eq = name.find('='); eq != std::string_view::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Option* option = nullptr;
    for (const Option& o : options_) {
      if (o.name == name) option = &o;
    }
    if (option == nullptr) {
      std::fprintf(stderr, "assay %s: unknown option --%s\n\n", command_.c_str(), std::string(name).c_str());
      PrintUsage(stderr);
      return Outcome::kError;
    }
    std::string_view value;
    if (inline_value) {
      value = *inline_value;
    } else if (option->kind == Kind::kBool) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      std::fprintf(stderr, "assay %s: --%s needs a value\n", command_.c_str(), option->name.c_str());
      return Outcome::kError;
    }
    if (!Set(*option, value)) {
      std::fprintf(stderr, "assay %s: --%s: invalid value\n", command_.c_str(), option->name.c_str());
      return Outcome::kError;
    }
  }
  return Outcome::kOk;
}

std::optional<v1::ModelSet> ParseModelSet(std::string_view name) {
  if (name == "v4") return v1::V4;
  if (name == "legacy") return v1::LEGACY;
  if (name == "both") return v1::BOTH;
  return std::nullopt;
}

std::optional<absl::CivilDay> ParseCivilDay(std::string_view text) {
  const std::optional<v1::Date> date = io::ParseIsoDate(text);
  if (!date) return std::nullopt;
  const std::optional<scoring::CivilDay> day = scoring::ToCivilDay(*date);
  if (!day) return std::nullopt;
  return day->ToAbsl();
}

std::string FormatCivilDay(absl::CivilDay day) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", static_cast<int>(day.year()), day.month(), day.day());
  return buffer;
}

absl::CivilDay Today() { return absl::ToCivilDay(absl::Now(), absl::LocalTimeZone()); }

absl::StatusOr<io::FileFormat> ResolveFormat(std::string_view explicit_name, std::string_view path,
                                             io::FileFormat fallback) {
  if (!explicit_name.empty()) {
    if (const auto format = io::ParseFileFormat(explicit_name)) return *format;
    return absl::InvalidArgumentError("unknown format '" + std::string(explicit_name) +
                                      "' (binary, tfrecord, jsonl or csv)");
  }
  if (const auto format = io::FileFormatFromPath(path)) return *format;
  return fallback;
}

void PrintError(std::string_view command, absl::string_view message) {
  std::fprintf(stderr, "assay %.*s: %.*s\n", static_cast<int>(command.size()), command.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace assay::cli
