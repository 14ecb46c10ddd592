#include "engine/io/record_format.h"

#include "absl/strings/match.h"

namespace assay::io {

std::optional<RecordFormat> ParseRecordFormat(std::string_view name) {
  if (name == "binary" || name == "bin" || name == "pb") return RecordFormat::kBinary;
  if (name == "jsonl" || name == "json") return RecordFormat::kJsonLines;
  if (name == "csv") return RecordFormat::kCsv;
  return std::nullopt;
}

std::string_view RecordFormatName(RecordFormat format) {
  switch (format) {
    case RecordFormat::kBinary:
      return "binary";
    case RecordFormat::kJsonLines:
      return "jsonl";
    case RecordFormat::kCsv:
      return "csv";
  }
  return "binary";
}

std::optional<RecordFormat> RecordFormatFromPath(std::string_view path) {
  const absl::string_view p(path.data(), path.size());
  for (absl::string_view ext : {".bin", ".pb", ".binpb", ".delimited"}) {
    if (absl::EndsWithIgnoreCase(p, ext)) return RecordFormat::kBinary;
  }
  if (absl::EndsWithIgnoreCase(p, ".jsonl") || absl::EndsWithIgnoreCase(p, ".json") ||
      absl::EndsWithIgnoreCase(p, ".ndjson")) {
    return RecordFormat::kJsonLines;
  }
  if (absl::EndsWithIgnoreCase(p, ".csv")) return RecordFormat::kCsv;
  return std::nullopt;
}

}  // namespace assay::io
