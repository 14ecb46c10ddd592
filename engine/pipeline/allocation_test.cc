// No heap allocation per record on the pipeline's path once its buffers have
// grown (engine/pipeline/record_engine.h, pipeline.h).
//
// This binary replaces malloc and its relatives with counting versions that
// forward to glibc's allocator (operator new, std::string, absl and protobuf
// all end in malloc), and counts while a test has counting switched on.
//   - Stages: decode -> score -> encode over every block of a caseload, with
//     one worker's state as the pipeline keeps it. After one warm-up pass the
//     same caseload again allocates nothing at all: valid records, records
//     with data errors (their error lists), static fallbacks, every format.
//   - A whole Pipeline::Run: the allocations of a run do not grow with its
//     number of records (per block, at most the few a block hand-over costs).
#include <malloc.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/io/byte_stream.h"
#include "engine/io/framing.h"
#include "engine/io/record_decoder.h"
#include "engine/io/record_format.h"
#include "engine/io/result_writer.h"
#include "engine/kernels/isa.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/record_engine.h"
#include "engine/review/policy.h"
#include "gtest/gtest.h"
#include "schemas/flat/assay.flat.h"
#include "scoring/offence_table.h"

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t n, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t align, size_t size);
void __libc_free(void* p);
}

namespace {
std::atomic<bool> counting{false};
std::atomic<uint64_t> allocations{0};
void Count() {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" {
void* malloc(size_t size) {
  Count();
  return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) {
  Count();
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t size) {
  Count();
  return __libc_realloc(p, size);
}
void* memalign(size_t align, size_t size) {
  Count();
  return __libc_memalign(align, size);
}
void* aligned_alloc(size_t align, size_t size) {
  Count();
  return __libc_memalign(align, size);
}
int posix_memalign(void** out, size_t align, size_t size) {
  Count();
  void* p = __libc_memalign(align, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}
void free(void* p) { __libc_free(p); }
}

namespace assay::pipeline {
namespace {

constexpr absl::CivilDay kAsOf(2025, 10, 6);

// Counts the allocations made while it is alive.
class AllocationCounter {
 public:
  AllocationCounter() {
    allocations.store(0);
    counting.store(true);
  }
  ~AllocationCounter() { counting.store(false); }
  uint64_t count() const { return allocations.load(); }
};

// The counter itself: without this, a broken interposition would make
// every test below pass.
TEST(AllocationCounterTest, SeesOperatorNewAndStrings) {
  AllocationCounter counter;
  auto numbers = std::make_unique<std::vector<int>>(1000);
  std::string text(100, 'x');
  text += text;
  EXPECT_GE(counter.count(), 3u);
}

// A caseload with some records carrying data errors (error lists, records
// that fall back to static models or are not scored).
std::vector<std::string> Payloads(size_t n, double invalid_share) {
  demo::CaseloadOptions options;
  options.invalid_share = invalid_share;
  const demo::CaseloadGenerator generator(options);
  std::vector<std::string> out(n);
  v1::Assessment record;
  for (size_t i = 0; i < n; ++i) {
    generator.Generate(i, &record);
    out[i] = record.SerializeAsString();
  }
  return out;
}

std::string Framed(const std::vector<std::string>& payloads) {
  std::string out;
  for (const std::string& p : payloads) {
    io::framing::AppendFrame(io::framing::Framing::kLengthDelimited, p, &out);
  }
  return out;
}

// One worker of the pipeline, as engine/pipeline/pipeline.cc keeps it.
struct Stages {
  Stages(const EngineConfig& config, io::RecordFormat output)
      : engine(config),
        scratch(engine.NewScratch()),
        decoder(*io::AssessmentDecoder::Create(io::RecordFormat::kBinary, "", v1::Date())),
        encoder(output, io::framing::Framing::kLengthDelimited, config.model_set) {}

  // Decodes, scores and encodes one block; returns the results written.
  size_t Block(const std::vector<std::string>& payloads, size_t first, size_t n) {
    arena.Reset();
    records.clear();
    records.reserve(n);
    pointers.assign(n, nullptr);
    out.clear();
    for (size_t i = 0; i < n; ++i) {
      records.emplace_back(&arena);
      issue.message.clear();
      if (decoder->Decode(payloads[first + i], 0, 0, &message, &records[i], &issue)) {
        pointers[i] = &records[i];
      }
    }
    size_t written = 0;
    engine.Score(pointers, first, scratch.get(), [&](size_t, const flat::RecordResult& result) {
      encoder.Append(result, &out);
      ++written;
    });
    return written;
  }

  size_t Pass(const std::vector<std::string>& payloads, size_t block_records) {
    size_t written = 0;
    for (size_t first = 0; first < payloads.size(); first += block_records) {
      written += Block(payloads, first, std::min(block_records, payloads.size() - first));
    }
    return written;
  }

  RecordEngine engine;
  std::unique_ptr<RecordEngine::Scratch, void (*)(RecordEngine::Scratch*)> scratch;
  std::unique_ptr<io::AssessmentDecoder> decoder;
  io::ResultEncoder encoder;
  flat::Arena arena;
  std::vector<flat::Assessment> records;
  std::vector<const flat::Assessment*> pointers;
  v1::Assessment message;
  io::RecordIssue issue;
  flat::ByteSink out;
};

struct StagesCase {
  v1::ModelSet model_set;
  io::RecordFormat output;
  bool explain;
};

class StagesTest : public testing::TestWithParam<StagesCase> {};

TEST_P(StagesTest, NoAllocationOnceBuffersHaveGrown) {
  const std::vector<std::string> payloads = Payloads(3000, 0.08);
  const review::Policy* policy = *review::BuiltinPolicy("ns2011");
  EngineConfig config;
  config.model_set = GetParam().model_set;
  config.offences = &scoring::OffenceTable::BuiltIn();
  config.policy = policy;
  config.as_of = kAsOf;
  config.explain = GetParam().explain;
  config.isa = *kernels::ResolveIsa(kernels::Isa::kAuto);
  Stages stages(config, GetParam().output);
  ASSERT_EQ(stages.Pass(payloads, 256), payloads.size());  // buffers grow

  AllocationCounter counter;
  const size_t written = stages.Pass(payloads, 256);
  const uint64_t count = counter.count();
  EXPECT_EQ(written, payloads.size());
  EXPECT_EQ(count, 0u) << "allocations over " << payloads.size() << " records";
}

INSTANTIATE_TEST_SUITE_P(
    Formats, StagesTest,
    testing::Values(StagesCase{v1::V4, io::RecordFormat::kBinary, false},
                    StagesCase{v1::V4, io::RecordFormat::kJsonLines, false},
                    StagesCase{v1::V4, io::RecordFormat::kCsv, false},
                    StagesCase{v1::BOTH, io::RecordFormat::kBinary, false},
                    StagesCase{v1::V4, io::RecordFormat::kBinary, true}),
    [](const testing::TestParamInfo<StagesCase>& info) {
      std::string name = info.param.model_set == v1::V4 ? "v4_" : "both_";
      name += std::string(io::RecordFormatName(info.param.output));
      if (info.param.explain) name += "_explain";
      return name;
    });

// A sink that keeps only the byte count: the run's output must not be what
// grows.
class CountingSink : public io::ByteSink {
 public:
  absl::Status Write(std::string_view bytes) override {
    size_ += bytes.size();
    return absl::OkStatus();
  }
  absl::Status Commit() override { return absl::OkStatus(); }
  uint64_t size() const override { return size_; }

 private:
  uint64_t size_ = 0;
};

uint64_t RunAllocations(const std::string& input, int threads) {
  PipelineOptions options;
  options.policy = *review::BuiltinPolicy("ns2011");
  options.as_of = kAsOf;
  options.threads = threads;
  const absl::StatusOr<Pipeline> pipeline = Pipeline::Create(options);
  EXPECT_TRUE(pipeline.ok()) << pipeline.status();
  std::unique_ptr<io::ByteSource> source = io::MemorySource(input);
  CountingSink sink;
  AllocationCounter counter;
  const absl::StatusOr<RunSummary> summary = pipeline->Run(*source, sink);
  const uint64_t count = counter.count();
  EXPECT_TRUE(summary.ok()) << summary.status();
  return count;
}

TEST(PipelineRunTest, AllocationsDoNotGrowWithTheRecords) {
  const std::vector<std::string> payloads = Payloads(25600, 0.05);
  const std::string all = Framed(payloads);
  const std::string tenth =
      Framed(std::vector<std::string>(payloads.begin(), payloads.begin() + 2560));
  for (const int threads : {1, 2}) {
    const uint64_t small = RunAllocations(tenth, threads);
    const uint64_t large = RunAllocations(all, threads);
    // 90 more blocks of 256 records (23,040 more records). A run's set-up
    // allocates (workers, their first buffers); after that a block may cost
    // one allocation handing it between stages (measured: 1), never one per
    // record.
    const uint64_t extra_blocks = (25600 - 2560) / 256;
    std::cout << threads << " thread(s): " << small << " allocations for 2,560 records, " << large
              << " for 25,600\n";
    EXPECT_LE(large, small + 2 * extra_blocks)
        << threads << " thread(s): " << small << " allocations for 2,560 records, " << large
        << " for 25,600";
  }
}

}  // namespace
}  // namespace assay::pipeline
