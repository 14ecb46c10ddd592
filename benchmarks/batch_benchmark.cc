// Batch scoring benchmarks (Google Benchmark). Build with --config=opt:
//
//   ./bazelw run --config=opt //benchmarks:batch_benchmark
//   tools/bench_regress/run          (JSON run compared with the baseline)
//
// Names: <what>/isa:<isa>/[threads:<t>/]<size>. Every benchmark of a vector
// ISA has an isa:scalar twin measured in the same run, so speed-ups are
// same-run ratios. items/s = assessments per second; bytes/s = input bytes
// (feature columns for the kernels, serialized Assessments end to end).
//
//   Kernels/...        the six ARP/VRP/SVRP scores (static and dynamic per
//                      lane, logistic, 2-dp percentage, band, precise-lane
//                      finishing) from a filled feature batch; isa:scalar is
//                      the scalar reference (scoring/reoffending_linear.h +
//                      RoundPercentage + BandFor) on the same lanes.
//   Parse/...          protobuf's parser vs the wire decoder, same records.
//   Fill/...           validation and derivation: Assessment -> feature batch.
//   E2E/...            serialized Assessment stream in -> serialized
//                      RecordResult (ScoreSet, no explanations) stream out:
//                      parse, validate, derive, score, serialize.
//   E2EReview/...      the same plus the ns2011 review decision per record.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/batch/batch_scorer.h"
#include "engine/batch/dispatch.h"
#include "engine/batch/feature_batch.h"
#include "engine/batch/isa.h"
#include "engine/batch/wire_decoder.h"
#include "google/protobuf/arena.h"
#include "engine/demo/generator.h"
#include "engine/review/policy.h"
#include "scoring/offence_table.h"

namespace assay::batch {
namespace {

// Distinct synthetic records; larger inputs repeat them (ids repeat, which
// the scorer does not care about). 2 % invalid records, as a real extract.
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

const std::string& Serialized(size_t n) {
  static std::vector<std::pair<size_t, std::string>>* cache =
      new std::vector<std::pair<size_t, std::string>>();
  for (const auto& [size, bytes] : *cache) {
    if (size == n) return bytes;
  }
  // Length-delimited framing (schemas/batch.proto).
  const auto append = [](const v1::Assessment& a, std::string* out) {
    const std::string body = a.SerializeAsString();
    for (uint64_t v = body.size(); ; v >>= 7) {
      if (v < 0x80) {
        out->push_back(static_cast<char>(v));
        break;
      }
      out->push_back(static_cast<char>(v | 0x80));
    }
    out->append(body);
  };
  std::string one;
  for (const v1::Assessment& a : Records()) append(a, &one);
  // Whole copies of the distinct records, then a prefix of them.
  std::string bytes;
  bytes.reserve(one.size() * (n / kDistinct + 1));
  size_t done = 0;
  while (n - done >= kDistinct) {
    bytes += one;
    done += kDistinct;
  }
  for (size_t i = 0; done < n; ++i, ++done) append(Records()[i], &bytes);
  cache->emplace_back(n, std::move(bytes));
  return cache->back().second;
}

// A feature batch of n lanes from the synthetic records.
FeatureBatch* Features(size_t n) {
  static std::vector<std::pair<size_t, FeatureBatch*>>* cache =
      new std::vector<std::pair<size_t, FeatureBatch*>>();
  for (const auto& [size, batch] : *cache) {
    if (size == n) return batch;
  }
  auto* batch = new FeatureBatch();
  batch->Reserve(n);
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  for (size_t i = 0; i < n; ++i) batch->AppendAssessment(Records()[i % kDistinct], table);
  cache->emplace_back(n, batch);
  return batch;
}

// Bytes a kernel reads per lane: 8 double columns, category, answers word.
constexpr int64_t kFeatureBytesPerLane = 10 * 8;

// Models::kArpVrpSvrp: the six ARP/VRP/SVRP scores (issue 6's kernel
// target); Models::kOgrs3: OGRS3's two horizons alone.
void BM_Kernels(benchmark::State& state, Isa isa, size_t lanes, Models models = Models::kArpVrpSvrp) {
  FeatureBatch* batch = Features(lanes);
  ScoreColumns cols;
  for (auto _ : state) {
    absl::Status s = ScoreFeatures(isa, *batch, &cols, models);
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(cols.code(Predictor::kArp));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lanes));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(lanes) * kFeatureBytesPerLane);
}

void BM_Fill(benchmark::State& state, size_t records) {
  FeatureBatch batch;
  const scoring::OffenceTable& table = scoring::OffenceTable::BuiltIn();
  for (auto _ : state) {
    batch.Clear();
    for (size_t i = 0; i < records; ++i) batch.AppendAssessment(Records()[i % kDistinct], table);
    benchmark::DoNotOptimize(batch.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
}

// Parsing alone: protobuf's parser (into an arena, as the E2E fallback)
// against the wire decoder (wire_decoder.h), over the same records.
void BM_Parse(benchmark::State& state, bool wire) {
  std::vector<std::string> bytes;
  size_t total = 0;
  for (size_t i = 0; i < 4096; ++i) {
    bytes.push_back(Records()[i].SerializeAsString());
    total += bytes.back().size();
  }
  google::protobuf::Arena arena;
  WireAssessment decoded;
  for (auto _ : state) {
    arena.Reset();
    size_t ok = 0;
    for (const std::string& b : bytes) {
      if (wire) {
        ok += DecodeAssessment(b, &decoded) ? 1 : 0;
      } else {
        ok += google::protobuf::Arena::CreateMessage<v1::Assessment>(&arena)->ParseFromString(b) ? 1 : 0;
      }
    }
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(total));
}

void BM_E2E(benchmark::State& state, Isa isa, int threads, size_t records, bool review) {
  BatchOptions options;
  options.isa = isa;
  options.threads = threads;
  if (review) options.review_policy = *review::BuiltinPolicy("ns2011");
  absl::StatusOr<BatchScorer> scorer = BatchScorer::Create(options);
  if (!scorer.ok()) {
    state.SkipWithError(std::string(scorer.status().message()).c_str());
    return;
  }
  const std::string& input = Serialized(records);
  // One output string kept across batches, as a streaming service would.
  std::string out;
  // Warm-up (untimed): grows the per-thread buffers and the output string.
  // Twice: per-block output buffers rotate between the call's blocks and
  // the workers (batch_scorer.cc), and only the second call starts with
  // every buffer grown. Without it a 1-iteration run (1M records) measures
  // a partly cold call: 2 threads read 1.5x one thread instead of 1.87x.
  for (int i = 0; i < 2; ++i) {
    if (!scorer->ScoreDelimited(input, &out).ok()) state.SkipWithError("warm-up failed");
  }
  for (auto _ : state) {
    absl::Status s = scorer->ScoreDelimited(input, &out);
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(out.data());
  }
  const size_t out_bytes = out.size();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
  state.counters["out_bytes_per_record"] = static_cast<double>(out_bytes) / static_cast<double>(records);
}

std::string Name(const std::string& what, Isa isa, const std::string& rest) {
  return what + "/isa:" + std::string(IsaName(isa)) + "/" + rest;
}

void Register() {
  const std::vector<Isa> isas = SupportedIsas();  // scalar first
  const Isa best = BestIsa();
  // Kernels: every ISA at an in-cache size; the best ISA (and scalar) over
  // batch sizes.
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(Name("Kernels", isa, "lanes:4096").c_str(),
                                 [isa](benchmark::State& s) { BM_Kernels(s, isa, 4096); })
        ->UseRealTime();
  }
  for (size_t lanes : {size_t{256}, size_t{65536}, size_t{1} << 20}) {
    for (Isa isa : {Isa::kScalar, best}) {
      benchmark::RegisterBenchmark(Name("Kernels", isa, "lanes:" + std::to_string(lanes)).c_str(),
                                   [isa, lanes](benchmark::State& s) { BM_Kernels(s, isa, lanes); })
          ->UseRealTime();
    }
  }
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(Name("KernelsOgrs3", isa, "lanes:4096").c_str(),
                                 [isa](benchmark::State& s) { BM_Kernels(s, isa, 4096, Models::kOgrs3); })
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("Parse/protobuf/records:4096",
                               [](benchmark::State& s) { BM_Parse(s, false); })
      ->UseRealTime();
  benchmark::RegisterBenchmark("Parse/wire_decoder/records:4096",
                               [](benchmark::State& s) { BM_Parse(s, true); })
      ->UseRealTime();
  benchmark::RegisterBenchmark("Fill/records:4096", [](benchmark::State& s) { BM_Fill(s, 4096); })
      ->UseRealTime();
  // End to end, single thread, every ISA.
  for (Isa isa : isas) {
    benchmark::RegisterBenchmark(
        Name("E2E", isa, "threads:1/records:65536").c_str(),
        [isa](benchmark::State& s) { BM_E2E(s, isa, 1, 65536, false); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  // Batch-size and thread scaling (1 vs 2 threads on 1M records).
  for (size_t records : {size_t{1024}, size_t{1} << 20}) {
    for (int threads : {1, 2}) {
      auto* b = benchmark::RegisterBenchmark(
          Name("E2E", best, "threads:" + std::to_string(threads) + "/records:" + std::to_string(records)).c_str(),
          [best, threads, records](benchmark::State& s) { BM_E2E(s, best, threads, records, false); });
      b->UseRealTime()->Unit(benchmark::kMillisecond);
      // A 1M-record call takes ~1 s: several iterations, not one.
      if (records > 100000) b->MinTime(4.0);
    }
  }
  for (Isa isa : {Isa::kScalar, best}) {
    benchmark::RegisterBenchmark(
        Name("E2EReview", isa, "threads:1/records:65536").c_str(),
        [isa](benchmark::State& s) { BM_E2E(s, isa, 1, 65536, true); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace
}  // namespace assay::batch

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  assay::batch::Register();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
