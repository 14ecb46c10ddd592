// A minimal JSON reader for Google Benchmark's --benchmark_format=json output.
//
// Contract: Parse() accepts any RFC 8259 document (objects, arrays, strings
// with escapes, numbers, true/false/null) and returns a tree of Value, or an
// error naming the byte offset. \u escapes outside ASCII are kept as '?': the
// benchmark output only needs names and numbers.
#ifndef ASSAY_TOOLS_BENCH_REGRESS_JSON_H_
#define ASSAY_TOOLS_BENCH_REGRESS_JSON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace assay::tools {

struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> array;
  std::map<std::string, Value> object;

  // nullptr when this is not an object or has no such member.
  const Value* Find(const std::string& key) const;
};

absl::StatusOr<Value> ParseJson(std::string_view text);

}  // namespace assay::tools

#endif  // ASSAY_TOOLS_BENCH_REGRESS_JSON_H_
