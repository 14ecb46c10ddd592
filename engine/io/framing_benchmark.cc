// CRC-32C and record framing throughput.
//   ./bazelw run --config=opt //engine/io:framing_benchmark
//   Crc32c/impl:<table|sse4.2|dispatched>/bytes:N     bytes/s
//   PlainVarintLoop/small:S, NextFrame/framing:<f>/small:S
//                                                      records/s over 4096 records of
//     typical sizes (small:0: 20..2000 bytes, mostly two-byte lengths; a 4 MiB
//     stream, so memory-bound) or small ones (small:1: 20..120 bytes, one-byte
//     lengths, in cache). The plain loop, which checks nothing, is the floor
//     the delimited reader is held to.
//   AppendFrame, InPlaceFrame/framing:<f>              records/s written
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/io/crc32c.h"
#include "engine/io/framing.h"

namespace assay::io::framing {
namespace {

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

void BM_Crc32c(benchmark::State& state) {
  const std::string data = RandomBytes(static_cast<size_t>(state.range(1)), 1);
  const int impl = static_cast<int>(state.range(0));
  if (impl == 1 && !crc32c_internal::Sse42Available()) {
    state.SkipWithError("no SSE4.2");
    return;
  }
  uint32_t crc = 0;
  for (auto _ : state) {
    switch (impl) {
      case 0:
        crc = crc32c_internal::ExtendTable(crc, data.data(), data.size());
        break;
      case 1:
        crc = crc32c_internal::ExtendSse42(crc, data.data(), data.size());
        break;
      default:
        crc = ExtendCrc32c(crc, data);
    }
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(1));
  static const char* const kNames[] = {"table", "sse4.2", "dispatched"};
  state.SetLabel(kNames[impl]);
}
BENCHMARK(BM_Crc32c)
    ->ArgNames({"impl", "bytes"})
    ->ArgsProduct({{0, 1, 2}, {8, 64, 512, 4096, 65536, 1 << 20}});

std::vector<std::string> TypicalPayloads(size_t count, bool small = false) {
  std::mt19937 rng(2);
  std::vector<std::string> payloads;
  for (size_t i = 0; i < count; ++i) {
    // Mostly two-byte lengths (128..2000), a fifth one-byte; or all small.
    const size_t size = (small || i % 5 == 0) ? 20 + rng() % 100 : 128 + rng() % 1872;
    payloads.push_back(RandomBytes(size, static_cast<uint32_t>(i)));
  }
  return payloads;
}

std::string Stream(Framing framing, size_t count, bool small) {
  std::string out;
  for (const std::string& p : TypicalPayloads(count, small)) AppendFrame(framing, p, &out);
  return out;
}

constexpr size_t kRecords = 4096;

// The floor: decode each varint length and skip the payload, no checks.
void BM_PlainVarintLoop(benchmark::State& state) {
  const std::string stream = Stream(Framing::kLengthDelimited, kRecords, state.range(0) != 0);
  for (auto _ : state) {
    const auto* p = reinterpret_cast<const unsigned char*>(stream.data());
    const auto* end = p + stream.size();
    size_t total = 0;
    while (p < end) {
      uint32_t length = 0;
      int shift = 0;
      unsigned char byte;
      do {
        byte = *p++;
        length |= uint32_t{byte & 0x7Fu} << shift;
        shift += 7;
      } while (byte & 0x80);
      total += length;
      benchmark::DoNotOptimize(p);
      p += length;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRecords));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * stream.size()));
}
BENCHMARK(BM_PlainVarintLoop)->ArgName("small")->Arg(0)->Arg(1);

void BM_NextFrame(benchmark::State& state) {
  const auto framing = static_cast<Framing>(state.range(0));
  const std::string stream = Stream(framing, kRecords, state.range(1) != 0);
  for (auto _ : state) {
    std::string_view rest = stream;
    Frame frame;
    size_t total = 0;
    while (NextFrame(framing, rest, true, &frame) == FrameStatus::kRecord) {
      total += frame.payload.size() + frame.payload_checksum_ok;
      benchmark::DoNotOptimize(frame.payload.data());
      rest.remove_prefix(frame.size);
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRecords));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * stream.size()));
  state.SetLabel(std::string(FramingName(framing)));
}
BENCHMARK(BM_NextFrame)->ArgNames({"framing", "small"})->ArgsProduct({{0, 1}, {0, 1}});

void BM_AppendFrame(benchmark::State& state) {
  const auto framing = static_cast<Framing>(state.range(0));
  const std::vector<std::string> payloads = TypicalPayloads(kRecords);
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const std::string& p : payloads) AppendFrame(framing, p, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRecords));
  state.SetLabel(std::string(FramingName(framing)));
}
BENCHMARK(BM_AppendFrame)->ArgName("framing")->Arg(0)->Arg(1);

void BM_InPlaceFrame(benchmark::State& state) {
  const auto framing = static_cast<Framing>(state.range(0));
  const std::vector<std::string> payloads = TypicalPayloads(kRecords);
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const std::string& p : payloads) {
      const size_t begin = BeginFrame(framing, &out);
      out.append(p);  // stands in for an encoder serializing in place
      EndFrame(framing, &out, begin);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRecords));
  state.SetLabel(std::string(FramingName(framing)));
}
BENCHMARK(BM_InPlaceFrame)->ArgName("framing")->Arg(0)->Arg(1);

}  // namespace
}  // namespace assay::io::framing

BENCHMARK_MAIN();
