// Flat Decode/Encode/AppendJson against protobuf's ParseFromArray,
// SerializeToString and MessageToJsonString, in the same run, items/s:
//   ./bazelw run -c opt //schemas/flat:flat_benchmark
// Inputs: a generated caseload of Assessments (engine/demo), and
// RecordResults shaped like the scalar engine's for them (see Results()).
// Both sides reuse their arena, resetting it every kBlock records, as the
// bulk path would. Encode and JSON cycle over one block of kBlock decoded
// messages: in the pipeline a record is encoded while it is still in cache
// (flat messages are larger than protobuf's, which share default instances
// for absent sub-messages, so a caseload-sized working set would measure
// cache misses instead).
#include <cmath>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/util/json_util.h"
#include "schemas/assessment.pb.h"
#include "schemas/batch.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/flat/test_util.h"

namespace assay::flat {
namespace {

constexpr int kRecords = 8192;
constexpr int kBlock = 256;

const std::vector<std::string>& Assessments() {
  static const auto* data =
      new std::vector<std::string>(testing::SerializedCaseload(20110405, kRecords, 0.02));
  return *data;
}

// RecordResults shaped like the scalar engine's v4 output (engine/scorer.h,
// explain = false): ids, seven predictor results with 17-digit
// probabilities, 2-dp percentages, bands and versions, the screening
// results, and validation errors on the records the generator made invalid.
// Built here rather than by //engine:scorer so that this package does not
// depend on the scoring engine.
void FillPredictor(v1::Predictor predictor, uint64_t h, bool error, v1::PredictorResult* p) {
  p->set_predictor(predictor);
  p->set_model_version("4.2");
  p->set_thresholds_version("4.2");
  if (error) {
    p->set_status(v1::RESULT_ERROR);
    auto* e = p->add_errors();
    e->set_type(v1::MISSING_MANDATORY_INPUT);
    e->set_message("Date of birth is required.");
    e->add_fields("date_of_birth");
    return;
  }
  p->set_status(v1::RESULT_SCORED);
  p->set_type(h & 1 ? v1::DYNAMIC : v1::STATIC);
  const double probability = static_cast<double>(h % 999983) / 1000003.0;
  p->set_probability(probability);
  p->set_percentage(static_cast<double>(static_cast<int64_t>(probability * 10000)) / 100);
  p->set_band(static_cast<v1::RiskBand>(1 + h % 4));
}

const std::vector<std::string>& Results() {
  static const auto* data = [] {
    auto* out = new std::vector<std::string>();
    uint64_t index = 0;
    for (const std::string& bytes : Assessments()) {
      v1::Assessment a;
      a.ParseFromString(bytes);
      const uint64_t h = (index + 1) * 0x9e3779b97f4a7c15ull;
      const bool error = !a.has_date_of_birth() || a.total_sanctions() == 0;
      v1::RecordResult r;
      r.set_index(index++);
      r.set_assessment_id(a.assessment_id());
      r.set_case_reference(a.case_reference());
      v1::ScoreSet* s = r.mutable_scores();
      s->set_assessment_id(a.assessment_id());
      s->set_model_set(v1::V4);
      s->set_offence_table_version("2024-06");
      FillPredictor(v1::ARP, h >> 3, error, s->mutable_arp());
      FillPredictor(v1::VRP, h >> 7, error, s->mutable_vrp());
      FillPredictor(v1::SVRP, h >> 11, error, s->mutable_svrp());
      FillPredictor(v1::DC_SRP, h >> 13, error, s->mutable_dc_srp());
      FillPredictor(v1::IIC_SRP, h >> 17, error, s->mutable_iic_srp());
      FillPredictor(v1::CSRP, h >> 19, error, s->mutable_csrp());
      FillPredictor(v1::OGRS3, h >> 23, error, s->mutable_ogrs3());
      if (!error) {
        s->mutable_ogrs3()->set_one_year_probability(s->ogrs3().probability() * 0.6);
        s->mutable_ogrs3()->set_one_year_percentage(std::round(s->ogrs3().percentage() * 60) / 100);
      }
      s->mutable_mst()->set_applicable(a.has_maturity());
      s->mutable_opd()->set_opd_check(h & 2);
      s->mutable_opd()->set_outcome(h & 2 ? v1::SCREEN_IN : v1::SCREEN_OUT);
      s->mutable_pni()->set_pathway(static_cast<v1::PniPathway>(1 + (h >> 29) % 4));
      s->mutable_lds()->set_lds_score(static_cast<int32_t>((h >> 31) % 9));
      out->push_back(r.SerializeAsString());
    }
    return out;
  }();
  return *data;
}

size_t TotalBytes(const std::vector<std::string>& v) {
  size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

std::vector<std::string> Block(const std::vector<std::string>& input) {
  return std::vector<std::string>(input.begin(), input.begin() + kBlock);
}

template <typename Proto>
void ProtobufParse(benchmark::State& state, const std::vector<std::string>& input) {
  google::protobuf::Arena arena;
  size_t i = 0;
  for (auto _ : state) {
    if (i % kBlock == 0) arena.Reset();
    Proto* m = google::protobuf::Arena::CreateMessage<Proto>(&arena);
    const std::string& s = input[i % input.size()];
    bool ok = m->ParseFromArray(s.data(), static_cast<int>(s.size()));
    benchmark::DoNotOptimize(ok);
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(input) / input.size()));
}

template <typename Flat>
void FlatDecode(benchmark::State& state, const std::vector<std::string>& input) {
  Arena arena;
  Flat m(&arena);
  size_t i = 0;
  for (auto _ : state) {
    if (i % kBlock == 0) {
      arena.Reset();
      m = Flat(&arena);  // its repeated fields' storage was in the arena
    }
    bool ok = Decode(input[i % input.size()], &m);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(m);
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(input) / input.size()));
}

template <typename Proto>
void ProtobufSerialize(benchmark::State& state, const std::vector<std::string>& input) {
  google::protobuf::Arena arena;
  std::vector<Proto*> messages;
  for (const auto& s : Block(input)) {
    messages.push_back(google::protobuf::Arena::CreateMessage<Proto>(&arena));
    messages.back()->ParseFromString(s);
  }
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    messages[i % messages.size()]->SerializeToString(&out);
    benchmark::DoNotOptimize(out.data());
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

template <typename Flat>
void FlatEncode(benchmark::State& state, const std::vector<std::string>& input) {
  Arena arena;
  std::vector<Flat> messages;
  for (const auto& s : Block(input)) {
    messages.emplace_back(&arena);
    Decode(s, &messages.back());
  }
  ByteSink out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    Encode(messages[i % messages.size()], &out);
    benchmark::DoNotOptimize(out.data());
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

template <typename Proto>
void ProtobufJson(benchmark::State& state, const std::vector<std::string>& input) {
  const std::vector<std::string> block = Block(input);
  std::vector<Proto> messages(block.size());
  for (size_t k = 0; k < block.size(); ++k) messages[k].ParseFromString(block[k]);
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    auto status = google::protobuf::util::MessageToJsonString(messages[i % messages.size()], &out, print);
    benchmark::DoNotOptimize(status);
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

template <typename Flat>
void FlatJson(benchmark::State& state, const std::vector<std::string>& input) {
  Arena arena;
  std::vector<Flat> messages;
  for (const auto& s : Block(input)) {
    messages.emplace_back(&arena);
    Decode(s, &messages.back());
  }
  ByteSink out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    AppendJson(messages[i % messages.size()], &out);
    benchmark::DoNotOptimize(out.data());
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_Assessment_Decode_Protobuf(benchmark::State& s) { ProtobufParse<v1::Assessment>(s, Assessments()); }
void BM_Assessment_Decode_Flat(benchmark::State& s) { FlatDecode<Assessment>(s, Assessments()); }
void BM_Assessment_Encode_Protobuf(benchmark::State& s) { ProtobufSerialize<v1::Assessment>(s, Assessments()); }
void BM_Assessment_Encode_Flat(benchmark::State& s) { FlatEncode<Assessment>(s, Assessments()); }
void BM_Assessment_Json_Protobuf(benchmark::State& s) { ProtobufJson<v1::Assessment>(s, Assessments()); }
void BM_Assessment_Json_Flat(benchmark::State& s) { FlatJson<Assessment>(s, Assessments()); }
void BM_RecordResult_Decode_Protobuf(benchmark::State& s) { ProtobufParse<v1::RecordResult>(s, Results()); }
void BM_RecordResult_Decode_Flat(benchmark::State& s) { FlatDecode<RecordResult>(s, Results()); }
void BM_RecordResult_Encode_Protobuf(benchmark::State& s) { ProtobufSerialize<v1::RecordResult>(s, Results()); }
void BM_RecordResult_Encode_Flat(benchmark::State& s) { FlatEncode<RecordResult>(s, Results()); }
void BM_RecordResult_Json_Protobuf(benchmark::State& s) { ProtobufJson<v1::RecordResult>(s, Results()); }
void BM_RecordResult_Json_Flat(benchmark::State& s) { FlatJson<RecordResult>(s, Results()); }

BENCHMARK(BM_Assessment_Decode_Protobuf);
BENCHMARK(BM_Assessment_Decode_Flat);
BENCHMARK(BM_Assessment_Encode_Protobuf);
BENCHMARK(BM_Assessment_Encode_Flat);
BENCHMARK(BM_Assessment_Json_Protobuf);
BENCHMARK(BM_Assessment_Json_Flat);
BENCHMARK(BM_RecordResult_Decode_Protobuf);
BENCHMARK(BM_RecordResult_Decode_Flat);
BENCHMARK(BM_RecordResult_Encode_Protobuf);
BENCHMARK(BM_RecordResult_Encode_Flat);
BENCHMARK(BM_RecordResult_Json_Protobuf);
BENCHMARK(BM_RecordResult_Json_Flat);

}  // namespace
}  // namespace assay::flat

BENCHMARK_MAIN();
