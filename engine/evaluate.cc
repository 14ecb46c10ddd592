#include "engine/evaluate.h"

#include <utility>

#include "absl/status/status.h"
#include "engine/kernels/isa.h"
#include "engine/io/record_decoder.h"
#include "engine/pipeline/record_engine.h"
#include "schemas/flat/assay.flat.h"
#include "scoring/offence_table.h"

namespace assay {

struct Evaluator::State {
  explicit State(const pipeline::EngineConfig& config)
      : engine(config), scratch(engine.NewScratch()) {}
  pipeline::RecordEngine engine;
  std::unique_ptr<pipeline::RecordEngine::Scratch, void (*)(pipeline::RecordEngine::Scratch*)> scratch;
  flat::Arena arena;       // the decoded record
  v1::Assessment message;  // JSON input's scratch
  std::unique_ptr<io::AssessmentDecoder> json;
  flat::ByteSink bytes;
};

Evaluator::Evaluator(std::unique_ptr<State> state) : state_(std::move(state)) {}
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;
Evaluator::~Evaluator() = default;

absl::StatusOr<Evaluator> Evaluator::Create(const EvaluateOptions& options) {
  if (!options.as_of) return absl::InvalidArgumentError("EvaluateOptions.as_of is required");
  const v1::ModelSet set = options.score.model_set;
  if (set != v1::V4 && set != v1::LEGACY && set != v1::BOTH) {
    return absl::InvalidArgumentError("model_set must be V4, LEGACY or BOTH");
  }
  const review::Policy* policy = options.policy;
  if (policy == nullptr) {
    absl::StatusOr<const review::Policy*> builtin = review::BuiltinPolicy(review::kDefaultPolicyName);
    if (!builtin.ok()) return builtin.status();
    policy = *builtin;
  }
  absl::StatusOr<kernels::Isa> isa = kernels::ResolveIsa(kernels::Isa::kAuto);
  if (!isa.ok()) return isa.status();
  pipeline::EngineConfig config;
  config.model_set = set;
  config.offences = options.score.offence_table != nullptr ? options.score.offence_table
                                                          : &scoring::OffenceTable::BuiltIn();
  config.policy = policy;
  config.as_of = *options.as_of;
  config.explain = options.score.explain;
  config.isa = *isa;
  auto state = std::make_unique<State>(config);
  absl::StatusOr<std::unique_ptr<io::AssessmentDecoder>> json =
      io::AssessmentDecoder::Create(io::RecordFormat::kJsonLines, "", v1::Date());
  if (!json.ok()) return json.status();
  state->json = *std::move(json);
  return Evaluator(std::move(state));
}

absl::StatusOr<v1::RecordResult> Evaluator::Evaluate(const v1::Assessment& assessment) {
  State& s = *state_;
  s.arena.Reset();
  flat::Assessment record(&s.arena);
  flat::FromProto(assessment, &record);
  const flat::Assessment* records[] = {&record};
  v1::RecordResult out;
  s.engine.Score(records, 0, s.scratch.get(),
                 [&out](size_t, const flat::RecordResult& result) { flat::ToProto(result, &out); });
  return out;
}

absl::Status Evaluator::EvaluateBytes(std::string_view assessment, bool json, std::string* out) {
  State& s = *state_;
  s.arena.Reset();
  flat::Assessment record(&s.arena);
  io::RecordIssue issue;
  const bool readable = json ? s.json->Decode(assessment, 0, 1, &s.message, &record, &issue)
                             : flat::Decode(assessment, &record);
  s.bytes.clear();
  const auto encode = [&](const flat::RecordResult& result) {
    if (json) {
      flat::AppendJson(result, &s.bytes);
    } else {
      flat::Encode(result, &s.bytes);
    }
  };
  if (readable) {
    const flat::Assessment* records[] = {&record};
    s.engine.Score(records, 0, s.scratch.get(),
                   [&](size_t, const flat::RecordResult& result) { encode(result); });
  } else {
    flat::RecordResult error(&s.arena);
    if (!json) io::RecoverIdsFromWire(assessment, &issue.assessment_id, &issue.case_reference);
    error.set_assessment_id(issue.assessment_id);
    error.set_case_reference(issue.case_reference);
    error.mutable_error()->set_type(v1::MALFORMED_RECORD);
    error.mutable_error()->set_message(json ? std::string_view(issue.message)
                                            : std::string_view("the record does not parse as an assay.v1.Assessment"));
    encode(error);
  }
  out->append(s.bytes.data(), s.bytes.size());
  return absl::OkStatus();
}

absl::StatusOr<v1::RecordResult> Evaluate(const v1::Assessment& assessment,
                                          const EvaluateOptions& options) {
  absl::StatusOr<Evaluator> evaluator = Evaluator::Create(options);
  if (!evaluator.ok()) return evaluator.status();
  return evaluator->Evaluate(assessment);
}

}  // namespace assay
