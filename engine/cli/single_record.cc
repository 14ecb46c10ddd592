#include "engine/cli/single_record.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "engine/evaluate.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace assay::cli {
namespace {

// Collects the first text-format error's position; the parser's own text
// can quote the input, so only the position is kept.
class PositionCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string&) override {
    if (line_ < 0) {
      line_ = line;
      column_ = column;
    }
  }
  int line_ = -1;
  int column_ = -1;
};

}  // namespace

void SingleRecordFlags::Register(OptionParser* parser) {
  parser->String("format", &format, "text | json (default: detected)");
  parser->String("model-set", &model_set, "v4 | legacy | both (default v4)");
  parser->String("policy", &policy, "review policy: ns2011 (default), ns2007 or a text-format file");
  parser->String("as-of", &as_of, "date the review is judged at, YYYY-MM-DD (default today)");
}

absl::StatusOr<EvaluatedRecord> LoadAndEvaluate(const std::string& path, const SingleRecordFlags& flags) {
  std::string contents;
  if (path == "-") {
    contents.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
    std::stringstream buffer;
    buffer << in.rdbuf();
    contents = buffer.str();
  }
  std::string format = flags.format;
  if (format.empty()) {
    const size_t first = contents.find_first_not_of(" \t\r\n");
    format = first != std::string::npos && contents[first] == '{' ? "json" : "text";
  }
  EvaluatedRecord out;
  if (format == "json") {
    if (!google::protobuf::util::JsonStringToMessage(contents, &out.assessment).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " is not an assay.v1.Assessment in protobuf's JSON mapping"));
    }
  } else if (format == "text") {
    google::protobuf::TextFormat::Parser parser;
    PositionCollector errors;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(contents, &out.assessment)) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", errors.line_ + 1, ":", errors.column_ + 1,
                                                     ": not an assay.v1.Assessment in protobuf text format"));
    }
  } else {
    return absl::InvalidArgumentError("--format must be text or json");
  }
  const std::optional<v1::ModelSet> set = ParseModelSet(flags.model_set);
  if (!set) return absl::InvalidArgumentError("--model-set must be v4, legacy or both");
  out.as_of = Today();
  if (!flags.as_of.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(flags.as_of);
    if (!day) return absl::InvalidArgumentError("--as-of must be a date YYYY-MM-DD");
    out.as_of = *day;
  }
  absl::StatusOr<review::Policy> policy = review::LoadPolicy(flags.policy);
  if (!policy.ok()) return policy.status();
  out.policy_version = policy->version();
  EvaluateOptions options;
  options.score.model_set = *set;
  options.score.explain = true;
  options.policy = &*policy;
  options.as_of = out.as_of;
  absl::StatusOr<v1::RecordResult> result = Evaluate(out.assessment, options);
  if (!result.ok()) return result.status();
  out.result = *std::move(result);
  return out;
}

}  // namespace assay::cli
