// Benchmarks of the product path (Google Benchmark). Build optimised:
//
//   ./bazelw run --config=opt //benchmarks:pipeline_benchmark
//   tools/bench_regress/run          (JSON run compared with the baseline)
//
// Names: <what>/isa:<isa>/... Every benchmark of a vector ISA has an
// isa:scalar twin measured in the same run, so speed-ups are same-run
// ratios. items/s = assessments per second.
//
//   Pipeline/...   exactly what `assay rescore` runs (pipeline::Pipeline::Run,
//                  the CLI's defaults: model set v4, review and tier under
//                  ns2011, binary length-delimited in and out), from bytes in
//                  memory to bytes in memory; format:jsonl / format:csv change
//                  only the output encoding; threads:2 vs threads:1 is the
//                  thread scaling. The caseload is the demo generator's with
//                  2% invalid records, as a real extract.
//   Evaluate/...   one record, what a case management system calls:
//                  Evaluator::Evaluate (protobuf message in and out) and
//                  Evaluator::EvaluateBytes (serialized bytes in and out, as
//                  the C ABI); time per record.
//   Kernels/...    the six ARP/VRP/SVRP scores (static and dynamic) from a
//                  filled feature batch: the SIMD kernels alone, against the
//                  scalar reference's arithmetic on the same lanes.
//   KernelsOgrs3/  OGRS3's two horizons.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/evaluate.h"
#include "engine/io/framing.h"
#include "engine/kernels/dispatch.h"
#include "engine/kernels/feature_batch.h"
#include "engine/kernels/isa.h"
#include "engine/pipeline/pipeline.h"
#include "engine/review/policy.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"
#include "scoring/ogrs3.h"
#include "scoring/reoffending.h"

namespace assay {
namespace {

using kernels::Isa;
constexpr absl::CivilDay kAsOf(2025, 10, 6);
// Distinct synthetic records; larger inputs repeat them.
constexpr size_t kDistinct = 1 << 16;

const std::vector<v1::Assessment>& Records() {
  static const std::vector<v1::Assessment>* records = [] {
    demo::CaseloadOptions options;
    options.invalid_share = 0.02;
    demo::CaseloadGenerator generator(options);
    auto* out = new std::vector<v1::Assessment>(kDistinct);
    for (size_t i = 0; i < kDistinct; ++i) generator.Generate(i, &(*out)[i]);
    return out;
  }();
  return *records;
}

// n records, length-delimited.
const std::string& Caseload(size_t n) {
  static auto* cache = new std::vector<std::pair<size_t, std::string>>();
  for (const auto& [size, bytes] : *cache) {
    if (size == n) return bytes;
  }
  std::string bytes;
  for (size_t i = 0; i < n; ++i) {
    io::framing::AppendFrame(io::framing::Framing::kLengthDelimited,
                             Records()[i % kDistinct].SerializeAsString(), &bytes);
  }
  cache->emplace_back(n, std::move(bytes));
  return cache->back().second;
}

void BM_Pipeline(benchmark::State& state, Isa isa, io::RecordFormat out_format, int threads,
                 size_t records) {
  pipeline::PipelineOptions options;  // the CLI's defaults
  options.policy = *review::BuiltinPolicy("ns2011");
  options.as_of = kAsOf;
  options.isa = isa;
  options.threads = threads;
  options.output_format = out_format;
  absl::StatusOr<pipeline::Pipeline> p = pipeline::Pipeline::Create(options);
  if (!p.ok()) {
    state.SkipWithError(std::string(p.status().message()).c_str());
    return;
  }
  const std::string& input = Caseload(records);
  std::string out;
  out.reserve(input.size() * 3);
  if (!p->Run(input, &out).ok()) state.SkipWithError("warm-up failed");  // untimed
  for (auto _ : state) {
    out.clear();
    absl::StatusOr<pipeline::RunSummary> summary = p->Run(input, &out);
    if (!summary.ok()) state.SkipWithError(std::string(summary.status().message()).c_str());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
  state.counters["out_bytes_per_record"] = static_cast<double>(out.size()) / static_cast<double>(records);
}

void BM_Evaluate(benchmark::State& state, bool bytes) {
  EvaluateOptions options;
  options.as_of = kAsOf;
  options.score.explain = false;
  absl::StatusOr<Evaluator> evaluator = Evaluator::Create(options);
  if (!evaluator.ok()) {
    state.SkipWithError(std::string(evaluator.status().message()).c_str());
    return;
  }
  std::vector<std::string> serialized;
  for (size_t i = 0; i < 1024; ++i) serialized.push_back(Records()[i].SerializeAsString());
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    if (bytes) {
      out.clear();
      if (!evaluator->EvaluateBytes(serialized[i], /*json=*/false, &out).ok()) state.SkipWithError("failed");
      benchmark::DoNotOptimize(out.data());
    } else {
      absl::StatusOr<v1::RecordResult> r = evaluator->Evaluate(Records()[i]);
      benchmark::DoNotOptimize(r);
    }
    i = (i + 1) % serialized.size();
  }
  state.SetItemsProcessed(state.iterations());
}

// A feature batch of n lanes, validated and derived by the reference's own
// code (as the pipeline does).
kernels::FeatureBatch* Features(size_t n) {
  static auto* cache = new std::vector<std::pair<size_t, kernels::FeatureBatch*>>();
  for (const auto& [size, batch] : *cache) {
    if (size == n) return batch;
  }
  auto* batch = new kernels::FeatureBatch();
  batch->Reserve(n);
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  const auto mode = [](scoring::ValidationOutcome o) {
    return o == scoring::ValidationOutcome::kDynamic  ? kernels::Mode::kDynamic
           : o == scoring::ValidationOutcome::kStatic ? kernels::Mode::kStatic
                                                      : kernels::Mode::kNotScored;
  };
  for (size_t i = 0; i < n; ++i) {
    const v1::Assessment& a = Records()[i % kDistinct];
    v1::PredictorResult errors;
    const scoring::ValidationResult arp = scoring::ValidateArp(a, table, errors.mutable_errors());
    const scoring::ValidationResult vrp = scoring::ValidateVrp(a, table, errors.mutable_errors());
    const scoring::ValidationResult svrp = scoring::ValidateSvrp(a, table, errors.mutable_errors());
    scoring::ReoffendingFeatures f;
    kernels::Mode modes[3] = {mode(arp.outcome), mode(vrp.outcome), mode(svrp.outcome)};
    if (!scoring::DeriveReoffendingFeatures(a, arp.category, &f)) {
      f = scoring::ReoffendingFeatures{};
      modes[0] = modes[1] = modes[2] = kernels::Mode::kNotScored;
    }
    const std::optional<scoring::Ogrs3Inputs> ogrs3 =
        scoring::ValidateOgrs3(a, table, errors.mutable_errors());
    batch->AppendFeatures(f, modes[0], modes[1], modes[2], ogrs3 ? &*ogrs3 : nullptr);
  }
  cache->emplace_back(n, batch);
  return batch;
}

void BM_Kernels(benchmark::State& state, Isa isa, size_t lanes, kernels::Models models) {
  kernels::FeatureBatch* batch = Features(lanes);
  kernels::ScoreColumns cols;
  for (auto _ : state) {
    absl::Status s = kernels::ScoreFeatures(isa, *batch, &cols, models);
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(cols.code(kernels::Predictor::kArp));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lanes));
}

std::string Name(const std::string& what, Isa isa, const std::string& rest) {
  return what + "/isa:" + std::string(kernels::IsaName(isa)) + "/" + rest;
}

void Register() {
  const std::vector<Isa> isas = kernels::SupportedIsas();  // scalar first
  const Isa best = kernels::BestIsa();
  constexpr size_t kRecords = 65536;
  // The product path on every ISA (one thread, binary), its output formats,
  // and its thread scaling.
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(Name("Pipeline", isa, "format:binary/threads:1/records:65536").c_str(),
                                 [isa](benchmark::State& s) {
                                   BM_Pipeline(s, isa, io::RecordFormat::kBinary, 1, kRecords);
                                 })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (const auto& [format, name] : {std::pair{io::RecordFormat::kJsonLines, "jsonl"},
                                     std::pair{io::RecordFormat::kCsv, "csv"}}) {
    const io::RecordFormat f = format;
    benchmark::RegisterBenchmark(
        Name("Pipeline", best, std::string("format:") + name + "/threads:1/records:65536").c_str(),
        [best, f](benchmark::State& s) { BM_Pipeline(s, best, f, 1, kRecords); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (int threads : {1, 2}) {
    benchmark::RegisterBenchmark(
        Name("Pipeline", best, "format:binary/threads:" + std::to_string(threads) + "/records:262144").c_str(),
        [best, threads](benchmark::State& s) {
          BM_Pipeline(s, best, io::RecordFormat::kBinary, threads, 262144);
        })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond)
        ->MinTime(2.0);
  }
  benchmark::RegisterBenchmark("Evaluate/isa:auto/message", [](benchmark::State& s) { BM_Evaluate(s, false); })
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("Evaluate/isa:auto/bytes", [](benchmark::State& s) { BM_Evaluate(s, true); })
      ->Unit(benchmark::kMicrosecond);
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(Name("Kernels", isa, "lanes:4096").c_str(), [isa](benchmark::State& s) {
      BM_Kernels(s, isa, 4096, kernels::Models::kArpVrpSvrp);
    })->UseRealTime();
  }
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(Name("KernelsOgrs3", isa, "lanes:4096").c_str(), [isa](benchmark::State& s) {
      BM_Kernels(s, isa, 4096, kernels::Models::kOgrs3);
    })->UseRealTime();
  }
}

}  // namespace
}  // namespace assay

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  assay::Register();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
