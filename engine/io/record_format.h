// The record-file families Assay reads and writes, and how a file's format
// is named.
//
//   binary    protobuf messages, length-delimited (schemas/batch.proto)
//   tfrecord  protobuf messages in TFRecord framing, with CRC32C checksums
//             (engine/io/framing.h): what TensorFlow's TFRecordDataset and
//             Apache Beam's ReadFromTFRecord read
//   jsonl     one message per line in protobuf's JSON mapping
//   csv       for input, the reference CSV layout (engine/io/reference_csv.h);
//             for results, one flat row per record (engine/io/result_writer.h)
#ifndef ASSAY_ENGINE_IO_RECORD_FORMAT_H_
#define ASSAY_ENGINE_IO_RECORD_FORMAT_H_

#include <optional>
#include <string_view>

#include "engine/io/framing.h"

namespace assay::io {

// How a record is encoded; binary records are then framed.
enum class RecordFormat { kBinary, kJsonLines, kCsv };

// A file's format: the record encoding and, for binary, its framing.
struct FileFormat {
  RecordFormat format = RecordFormat::kBinary;
  framing::Framing framing = framing::Framing::kLengthDelimited;
};

// "binary" (also "bin", "pb"), "tfrecord", "jsonl" (also "json"), "csv".
std::optional<FileFormat> ParseFileFormat(std::string_view name);
std::string_view FileFormatName(const FileFormat& format);
// From a file name's extension (.bin/.pb/.binpb/.delimited, .tfrecord,
// .jsonl/.json/.ndjson, .csv); nullopt when it says nothing.
std::optional<FileFormat> FileFormatFromPath(std::string_view path);

std::string_view RecordFormatName(RecordFormat format);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_RECORD_FORMAT_H_
