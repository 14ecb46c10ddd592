// The shared half of `assay score` and `assay explain`: read one Assessment
// in protobuf text format or JSON and evaluate it with explanations.
//
// Contract: the format is auto-detected (a JSON object starts with '{')
// unless --format says text or json. Parse errors name the file and, for
// text format, the line and column; they do not quote the record.
#ifndef ASSAY_ENGINE_CLI_SINGLE_RECORD_H_
#define ASSAY_ENGINE_CLI_SINGLE_RECORD_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "engine/cli/options.h"
#include "engine/review/policy.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"

namespace assay::cli {

struct SingleRecordFlags {
  std::string format;  // "", "text", "json"
  std::string model_set = "v4";
  std::string policy = "ns2011";
  std::string as_of;

  void Register(OptionParser* parser);
};

struct EvaluatedRecord {
  v1::Assessment assessment;
  v1::RecordResult result;
  std::string policy_version;
  absl::CivilDay as_of;
};

// Loads `path` ("-" = standard input) and evaluates it. InvalidArgument for
// bad flags or an unreadable record.
absl::StatusOr<EvaluatedRecord> LoadAndEvaluate(const std::string& path, const SingleRecordFlags& flags);

}  // namespace assay::cli

#endif  // ASSAY_ENGINE_CLI_SINGLE_RECORD_H_
