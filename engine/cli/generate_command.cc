// assay generate: write a synthetic caseload (engine/demo/generator.h) of
// any size in any supported format, for benchmarks and tests.
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/cli/command.h"
#include "engine/cli/options.h"
#include "engine/demo/generator.h"
#include "engine/demo/prng.h"
#include "engine/io/assessment_writer.h"
#include "engine/io/atomic_file.h"

namespace assay::cli {

int DefaultThreads();

absl::Status WriteCaseload(const demo::CaseloadGenerator& generator, uint64_t count, io::FileFormat format,
                           double malformed_share, int threads, const std::string& path) {
  absl::StatusOr<std::unique_ptr<io::AtomicFile>> file = io::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  const std::unique_ptr<io::AssessmentEncoder> encoder =
      io::AssessmentEncoder::Create(format.format, format.framing);
  if (absl::Status status = (*file)->Append(encoder->Header()); !status.ok()) return status;
  // Records are generated in blocks, each block split over the threads; a
  // record's bytes depend only on its index, so the file does not depend on
  // the thread count.
  constexpr uint64_t kBlock = 1 << 16;
  std::vector<std::string> buffers(static_cast<size_t>(threads));
  for (uint64_t begin = 0; begin < count; begin += kBlock) {
    const uint64_t end = std::min(count, begin + kBlock);
    const uint64_t per = (end - begin + threads - 1) / threads;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        std::string& out = buffers[t];
        out.clear();
        v1::Assessment record;
        const uint64_t from = std::min(end, begin + per * t);
        const uint64_t to = std::min(end, from + per);
        for (uint64_t i = from; i < to; ++i) {
          generator.Generate(i, &record);
          // A separate stream decides which records are broken, so the
          // healthy records are the same with or without breakage.
          demo::Rng breakage(generator.options().seed ^ 0x6d616c666f726dULL, i);
          if (malformed_share > 0 && breakage.Chance(malformed_share)) {
            encoder->AppendMalformed(record, &out);
          } else {
            encoder->Append(record, &out);
          }
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
    for (const std::string& out : buffers) {
      if (absl::Status status = (*file)->Append(out); !status.ok()) return status;
    }
  }
  return (*file)->Commit();
}

int RunGenerateCommand(CommandArgs args) {
  int64_t count = 1000;
  int64_t seed = static_cast<int64_t>(demo::kDefaultSeed);
  int64_t threads = DefaultThreads();
  std::string format_name, as_of_text;
  double invalid_share = 0, malformed_share = 0;
  OptionParser parser("generate", "generate [options] OUT",
                      "Writes a synthetic, reproducible caseload (the demo's distributions, see\n"
                      "engine/demo/generator.h) for benchmarks and tests. The same seed gives the same file.");
  parser.Int("count", &count, "number of records (default 1000)");
  parser.String("format", &format_name,
                "binary | tfrecord | jsonl | csv (default: from OUT's extension, else binary)");
  parser.Int("seed", &seed, "random seed (default 20110405)");
  parser.String("as-of", &as_of_text, "date the caseload is current at, YYYY-MM-DD (default 2025-10-06)");
  parser.Double("invalid-share", &invalid_share, "share of records with a deliberate data error (default 0)");
  parser.Double("malformed-share", &malformed_share, "share of unreadable records (default 0)");
  parser.Int("threads", &threads, "generator threads (default: all cores)");
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (positional.size() != 1) {
    PrintError("generate", "expected one output file (see assay generate --help)");
    return kExitUsage;
  }
  absl::StatusOr<io::FileFormat> format = ResolveFormat(format_name, positional[0], io::FileFormat{});
  if (!format.ok()) {
    PrintError("generate", format.status().message());
    return kExitUsage;
  }
  if (count < 0 || invalid_share < 0 || invalid_share > 1 || malformed_share < 0 || malformed_share > 1 ||
      threads < 1 || threads > 1024) {
    PrintError("generate", "--count must be >= 0, shares in 0..1, --threads 1..1024");
    return kExitUsage;
  }
  demo::CaseloadOptions options;
  options.seed = static_cast<uint64_t>(seed);
  options.invalid_share = invalid_share;
  if (!as_of_text.empty()) {
    const std::optional<absl::CivilDay> day = ParseCivilDay(as_of_text);
    if (!day) {
      PrintError("generate", "--as-of must be a date YYYY-MM-DD");
      return kExitUsage;
    }
    options.as_of = *day;
  }
  const demo::CaseloadGenerator generator(options);
  if (absl::Status status = WriteCaseload(generator, static_cast<uint64_t>(count), *format, malformed_share,
                                          static_cast<int>(threads), positional[0]);
      !status.ok()) {
    PrintError("generate", status.message());
    return kExitFailed;
  }
  std::fprintf(stderr, "assay generate: wrote %lld records (%s, seed %lld) to %s\n", static_cast<long long>(count),
               std::string(io::FileFormatName(*format)).c_str(), static_cast<long long>(seed),
               positional[0].c_str());
  return kExitOk;
}

}  // namespace assay::cli
