// The three record-file families Assay reads and writes.
//
//   binary  length-delimited protobuf messages (schemas/batch.proto)
//   jsonl   one message per line in protobuf's JSON mapping
//   csv     for input, the reference CSV layout (engine/io/reference_csv.h);
//           for results, one flat row per record (engine/io/result_writer.h)
#ifndef ASSAY_ENGINE_IO_RECORD_FORMAT_H_
#define ASSAY_ENGINE_IO_RECORD_FORMAT_H_

#include <optional>
#include <string_view>

namespace assay::io {

enum class RecordFormat { kBinary, kJsonLines, kCsv };

// "binary", "jsonl" (also "json"), "csv".
std::optional<RecordFormat> ParseRecordFormat(std::string_view name);
std::string_view RecordFormatName(RecordFormat format);
// From a file name's extension (.bin/.pb/.binpb, .jsonl/.json, .csv);
// nullopt when it says nothing.
std::optional<RecordFormat> RecordFormatFromPath(std::string_view path);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_RECORD_FORMAT_H_
