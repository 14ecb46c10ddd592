#include "engine/io/record_format.h"

#include "absl/strings/match.h"

namespace assay::io {

std::optional<FileFormat> ParseFileFormat(std::string_view name) {
  if (name == "binary" || name == "bin" || name == "pb") return FileFormat{};
  if (name == "tfrecord") return FileFormat{RecordFormat::kBinary, framing::Framing::kTfRecord};
  if (name == "jsonl" || name == "json") return FileFormat{RecordFormat::kJsonLines};
  if (name == "csv") return FileFormat{RecordFormat::kCsv};
  return std::nullopt;
}

std::string_view FileFormatName(const FileFormat& format) {
  if (format.format == RecordFormat::kBinary && format.framing == framing::Framing::kTfRecord) {
    return "tfrecord";
  }
  return RecordFormatName(format.format);
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

std::optional<FileFormat> FileFormatFromPath(std::string_view path) {
  const absl::string_view p(path.data(), path.size());
  for (absl::string_view ext : {".bin", ".pb", ".binpb", ".delimited"}) {
    if (absl::EndsWithIgnoreCase(p, ext)) return FileFormat{};
  }
  if (absl::EndsWithIgnoreCase(p, ".tfrecord")) {
    return FileFormat{RecordFormat::kBinary, framing::Framing::kTfRecord};
  }
  if (absl::EndsWithIgnoreCase(p, ".jsonl") || absl::EndsWithIgnoreCase(p, ".json") ||
      absl::EndsWithIgnoreCase(p, ".ndjson")) {
    return FileFormat{RecordFormat::kJsonLines};
  }
  if (absl::EndsWithIgnoreCase(p, ".csv")) return FileFormat{RecordFormat::kCsv};
  return std::nullopt;
}

}  // namespace assay::io
