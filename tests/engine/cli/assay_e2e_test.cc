// End-to-end tests of the `assay` binary: every input and output format,
// malformed records, a truncated stream, thread-count independence, the
// demo's determinism, and the single-record commands. Each test runs the
// built binary as a user would.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "schemas/batch.pb.h"

namespace {

namespace v1 = assay::v1;

std::string Assay() {
  return absl::StrCat(std::getenv("TEST_SRCDIR"), "/", std::getenv("TEST_WORKSPACE"), "/engine/cli/assay");
}

std::string Tmp(const std::string& name) { return absl::StrCat(std::getenv("TEST_TMPDIR"), "/", name); }

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `assay <args>`; stdout and stderr are captured through files.
Outcome Assay(const std::string& args) {
  static int n = 0;
  const std::string out = Tmp(absl::StrCat("stdout.", n)), err = Tmp(absl::StrCat("stderr.", n));
  ++n;
  const int status = std::system(absl::StrCat(Assay(), " ", args, " >", out, " 2>", err).c_str());
  Outcome run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream o(out), e(err);
  std::stringstream so, se;
  so << o.rdbuf();
  se << e.rdbuf();
  run.out = so.str();
  run.err = se.str();
  return run;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Exists(const std::string& path) { return std::ifstream(path).good(); }

constexpr char kFixed[] = "--as-of 2025-10-06 --no-progress";

std::vector<v1::RecordResult> ReadBinaryResults(const std::string& path) {
  const std::string bytes = Read(path);
  std::vector<v1::RecordResult> results;
  size_t pos = 0;
  while (pos < bytes.size()) {
    uint64_t length = 0;
    int shift = 0;
    while (true) {
      const auto b = static_cast<unsigned char>(bytes[pos++]);
      length |= static_cast<uint64_t>(b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) == 0) break;
    }
    v1::RecordResult r;
    EXPECT_TRUE(r.ParseFromArray(bytes.data() + pos, static_cast<int>(length)));
    results.push_back(r);
    pos += length;
  }
  return results;
}

std::vector<v1::RecordResult> ReadJsonResults(const std::string& path) {
  std::vector<v1::RecordResult> results;
  for (absl::string_view line : absl::StrSplit(Read(path), '\n', absl::SkipEmpty())) {
    v1::RecordResult r;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(line.data(), line.size()), &r)
                    .ok());
    results.push_back(r);
  }
  return results;
}

// CSV rows as column name -> cell (ids and enum names hold no commas here).
std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  std::vector<std::string> lines = absl::StrSplit(Read(path), '\n', absl::SkipEmpty());
  std::vector<std::map<std::string, std::string>> rows;
  if (lines.empty()) return rows;
  const std::vector<std::string> header = absl::StrSplit(lines[0], ',');
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = absl::StrSplit(lines[i], ',');
    EXPECT_EQ(cells.size(), header.size()) << "line " << i + 1;
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
    rows.push_back(row);
  }
  return rows;
}

TEST(AssayE2eTest, EveryInputFormatGivesTheSameScores) {
  for (const char* format : {"bin", "jsonl", "csv"}) {
    ASSERT_EQ(Assay(absl::StrCat("generate --count 300 --seed 11 --threads 2 ", Tmp(absl::StrCat("in.", format))))
                  .exit_code,
              0);
    const Outcome run = Assay(absl::StrCat("rescore --threads 1 ", kFixed, " ", Tmp(absl::StrCat("in.", format)), " ",
                                       Tmp(absl::StrCat("out_", format, ".csv"))));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.err.find("read 300 records: 300 scored, 0 errors"), std::string::npos) << run.err;
  }
  // Binary and JSON Lines carry the whole record: identical results.
  EXPECT_EQ(Read(Tmp("out_bin.csv")), Read(Tmp("out_jsonl.csv")));
  // The reference CSV layout carries what ARP, VRP, SVRP and OGRS3 use.
  const auto binary = ReadCsv(Tmp("out_bin.csv"));
  const auto csv = ReadCsv(Tmp("out_csv.csv"));
  ASSERT_EQ(binary.size(), 300u);
  ASSERT_EQ(csv.size(), 300u);
  for (size_t i = 0; i < binary.size(); ++i) {
    EXPECT_EQ(csv[i].at("assessment_id"), binary[i].at("assessment_id"));
    for (const char* p : {"arp", "vrp", "svrp", "ogrs3"}) {
      for (const char* column : {"_status", "_type", "_percentage", "_band"}) {
        const std::string name = absl::StrCat(p, column);
        EXPECT_EQ(csv[i].at(name), binary[i].at(name)) << "record " << i << " " << name;
      }
    }
  }
}

TEST(AssayE2eTest, EveryOutputFormatHoldsTheSameResults) {
  ASSERT_EQ(Assay(absl::StrCat("generate --count 200 --seed 12 ", Tmp("out_formats.bin"))).exit_code, 0);
  for (const char* format : {"bin", "jsonl", "csv"}) {
    const Outcome run = Assay(absl::StrCat("rescore --model-set both --threads 2 ", kFixed, " ", Tmp("out_formats.bin"),
                                       " ", Tmp(absl::StrCat("results.", format))));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  const auto binary = ReadBinaryResults(Tmp("results.bin"));
  const auto json = ReadJsonResults(Tmp("results.jsonl"));
  const auto csv = ReadCsv(Tmp("results.csv"));
  ASSERT_EQ(binary.size(), 200u);
  ASSERT_EQ(json.size(), 200u);
  ASSERT_EQ(csv.size(), 200u);
  for (size_t i = 0; i < binary.size(); ++i) {
    EXPECT_EQ(binary[i].index(), i);
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(binary[i], json[i])) << i;
    EXPECT_TRUE(binary[i].scores().has_arp() && binary[i].scores().has_rsr()) << "both model sets";
    EXPECT_EQ(csv[i].at("assessment_id"), binary[i].assessment_id());
    EXPECT_EQ(csv[i].at("arp_band"), v1::RiskBand_Name(binary[i].scores().arp().band()));
    EXPECT_EQ(csv[i].at("review_mode"), v1::ReviewMode_Name(binary[i].review().mode()));
  }
}

TEST(AssayE2eTest, MalformedRecordsAreReportedAndEveryRecordIsAccountedFor) {
  for (const char* format : {"bin", "jsonl", "csv"}) {
    const std::string in = Tmp(absl::StrCat("mixed.", format));
    ASSERT_EQ(Assay(absl::StrCat("generate --count 500 --seed 13 --malformed-share 0.05 --invalid-share 0.05 ", in))
                  .exit_code,
              0);
    const std::string out = Tmp(absl::StrCat("mixed_", format, ".bin"));
    const Outcome run = Assay(absl::StrCat("rescore --threads 2 ", kFixed, " ", in, " ", out));
    // Records that do not decode: the input may be damaged (exit 3), and
    // every record still has its result.
    ASSERT_EQ(run.exit_code, 3) << run.err;
    EXPECT_NE(run.err.find("DAMAGED INPUT"), std::string::npos) << run.err;
    const auto results = ReadBinaryResults(out);
    ASSERT_EQ(results.size(), 500u) << format;
    std::set<std::string> ids;
    int scored = 0, malformed = 0;
    for (size_t i = 0; i < results.size(); ++i) {
      EXPECT_EQ(results[i].index(), i);
      ids.insert(results[i].assessment_id());
      if (results[i].has_error()) {
        EXPECT_EQ(results[i].error().type(), v1::MALFORMED_RECORD) << format;
        EXPECT_FALSE(results[i].has_scores());
        ++malformed;
      } else {
        ++scored;
      }
    }
    // Every record's id is there, the unreadable ones' too.
    EXPECT_EQ(ids.size(), 500u) << format;
    EXPECT_TRUE(ids.count("AS00000001") && ids.count("AS00000500")) << format;
    EXPECT_GT(malformed, 5) << format;
    EXPECT_LT(malformed, 50) << format;
    EXPECT_NE(run.err.find(absl::StrCat("read 500 records: ", scored, " scored, ", malformed, " errors")),
              std::string::npos)
        << run.err;
  }
}

TEST(AssayE2eTest, TruncatedStreamStopsWithTheByteOffsetAfterWritingEverythingBefore) {
  const std::string in = Tmp("truncated.bin");
  ASSERT_EQ(Assay(absl::StrCat("generate --count 120 --seed 14 ", in)).exit_code, 0);
  std::string bytes = Read(in);
  // The offset where record 119 (the last) starts.
  size_t pos = 0, last = 0;
  for (int i = 0; i < 120; ++i) {
    last = pos;
    uint64_t length = 0;
    int shift = 0;
    while (true) {
      const auto b = static_cast<unsigned char>(bytes[pos++]);
      length |= static_cast<uint64_t>(b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) == 0) break;
    }
    pos += length;
  }
  ASSERT_EQ(pos, bytes.size());
  bytes.resize(bytes.size() - 9);
  std::ofstream(in, std::ios::binary | std::ios::trunc) << bytes;
  const std::string out = Tmp("truncated_out.bin");
  const Outcome run = Assay(absl::StrCat("rescore --threads 2 ", kFixed, " ", in, " ", out));
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find(absl::StrCat("byte offset ", last)), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("read 120 records: 119 scored, 1 error"), std::string::npos) << run.err;
  const auto results = ReadBinaryResults(out);
  ASSERT_EQ(results.size(), 120u);
  for (int i = 0; i < 119; ++i) EXPECT_FALSE(results[i].has_error()) << i;
  EXPECT_EQ(results[119].error().type(), v1::TRUNCATED_STREAM);
  EXPECT_EQ(results[119].index(), 119u);
}

TEST(AssayE2eTest, OneAndTwoThreadsWriteIdenticalBytes) {
  const std::string in = Tmp("threads.jsonl");
  ASSERT_EQ(Assay(absl::StrCat("generate --count 2500 --seed 15 --malformed-share 0.01 ", in)).exit_code, 0);
  for (const char* format : {"bin", "csv"}) {
    std::string outputs[2];
    for (int threads = 1; threads <= 2; ++threads) {
      const std::string out = Tmp(absl::StrCat("threads", threads, ".", format));
      const Outcome run = Assay(absl::StrCat("rescore --model-set both --threads ", threads, " ", kFixed,
                                         " ", in, " ", out));
      ASSERT_EQ(run.exit_code, 3) << run.err;  // 1% malformed records
      outputs[threads - 1] = Read(out);
    }
    EXPECT_FALSE(outputs[0].empty());
    EXPECT_TRUE(outputs[0] == outputs[1]) << format << ": outputs differ between 1 and 2 threads";
  }
}

// The kernels' instruction set does not change a byte of the output: every
// ISA this machine has, for every model set and two formats.
TEST(AssayE2eTest, EveryInstructionSetWritesIdenticalBytes) {
  const std::string in = Tmp("isas.bin");
  ASSERT_EQ(Assay(absl::StrCat("generate --count 3000 --seed 16 --invalid-share 0.05 ", in)).exit_code, 0);
  for (const char* set : {"v4", "legacy", "both"}) {
    for (const char* format : {"bin", "jsonl"}) {
      const std::string scalar = Tmp(absl::StrCat("isa_scalar_", set, ".", format));
      const Outcome want = Assay(absl::StrCat("rescore --isa scalar --threads 1 --model-set ", set, " ", kFixed, " ",
                                              in, " ", scalar));
      ASSERT_EQ(want.exit_code, 0) << want.err;
      for (const char* isa : {"auto", "sse4.2", "avx2", "avx512"}) {
        const std::string out = Tmp(absl::StrCat("isa_", isa, "_", set, ".", format));
        const Outcome got = Assay(absl::StrCat("rescore --isa ", isa, " --threads 2 --model-set ", set, " ", kFixed,
                                               " ", in, " ", out));
        if (got.exit_code == 1 && got.err.find("not supported by this CPU") != std::string::npos) continue;
        ASSERT_EQ(got.exit_code, 0) << got.err;
        EXPECT_TRUE(Read(out) == Read(scalar)) << set << " " << format << " " << isa;
      }
    }
  }
  EXPECT_EQ(Assay(absl::StrCat("rescore --isa=mmx ", kFixed, " ", in, " ", Tmp("x.bin"))).exit_code, 2);
}

TEST(AssayE2eTest, DemoIsDeterministicForASeed) {
  const Outcome a = Assay(absl::StrCat("demo --count 400 --seed 7 --threads 2 --out-dir ", Tmp("demo_a")));
  const Outcome b = Assay(absl::StrCat("demo --count 400 --seed 7 --threads 1 --out-dir ", Tmp("demo_b")));
  const Outcome c = Assay(absl::StrCat("demo --count 400 --seed 8 --out-dir ", Tmp("demo_c")));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(a.out.find(Tmp("demo_a/report.html")), std::string::npos) << a.out;
  for (const char* file : {"caseload.bin", "results.csv", "report.html"}) {
    const std::string x = Read(Tmp(absl::StrCat("demo_a/", file)));
    EXPECT_FALSE(x.empty()) << file;
    EXPECT_TRUE(x == Read(Tmp(absl::StrCat("demo_b/", file)))) << file << " differs for the same seed";
    EXPECT_FALSE(x == Read(Tmp(absl::StrCat("demo_c/", file)))) << file << " is the same for another seed";
  }
}

TEST(AssayE2eTest, ScoreAndExplainOneRecord) {
  ASSERT_EQ(Assay(absl::StrCat("generate --count 1 --seed 16 ", Tmp("one.jsonl"))).exit_code, 0);
  const Outcome json = Assay(absl::StrCat("score --as-of 2025-10-06 --output json ", Tmp("one.jsonl")));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::RecordResult result;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &result).ok()) << json.out;
  EXPECT_EQ(result.assessment_id(), "AS00000001");
  EXPECT_EQ(result.scores().arp().status(), v1::RESULT_SCORED);
  EXPECT_GT(result.scores().arp().explanation_size(), 3);
  EXPECT_NE(result.review().mode(), v1::REVIEW_MODE_UNSPECIFIED);
  EXPECT_NE(result.tier().level(), v1::TIER_UNSPECIFIED);

  // The same record in text format, through the text path.
  const Outcome text = Assay(absl::StrCat("score --as-of 2025-10-06 ", Tmp("one.jsonl")));
  ASSERT_EQ(text.exit_code, 0);
  std::ofstream(Tmp("one.textproto")) << "assessment_id: \"T1\"\n";
  const Outcome minimal = Assay(absl::StrCat("score --as-of 2025-10-06 ", Tmp("one.textproto")));
  EXPECT_EQ(minimal.exit_code, 0) << minimal.err;
  EXPECT_NE(minimal.out.find("MISSING_MANDATORY_INPUT"), std::string::npos);

  const Outcome explain = Assay(absl::StrCat("explain --as-of 2025-10-06 --model-set both ", Tmp("one.jsonl")));
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  for (const char* part : {"Assessment AS00000001", "== Predictors ==", "ARP - All Reoffending Predictor",
                           "explanation", "RSR - Risk of Serious Recidivism", "== Screening tools ==",
                           "== Review decision ==", "review: ", "== Tier ==", "tier: "}) {
    EXPECT_NE(explain.out.find(part), std::string::npos) << part << "\n" << explain.out;
  }

  std::ofstream(Tmp("broken.textproto")) << "assessment_id: \"T1\"\nno_such_field: 3\n";
  const Outcome broken = Assay(absl::StrCat("explain ", Tmp("broken.textproto")));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("broken.textproto:2:"), std::string::npos) << broken.err;
}

TEST(AssayE2eTest, FailuresLeaveNoOutputAndUsageErrorsExitTwo) {
  EXPECT_EQ(Assay("rescore --no-such-option a b").exit_code, 2);
  // No implicit "today": the as-of date is required.
  const Outcome no_date = Assay(absl::StrCat("rescore ", Tmp("x.bin"), " ", Tmp("y.bin")));
  EXPECT_EQ(no_date.exit_code, 2);
  EXPECT_NE(no_date.err.find("--as-of is required"), std::string::npos) << no_date.err;
  EXPECT_EQ(Assay("rescore onlyone").exit_code, 2);
  EXPECT_EQ(Assay("rescore --model-set v5 a b").exit_code, 2);
  EXPECT_EQ(Assay("nosuchcommand").exit_code, 2);
  EXPECT_EQ(Assay("rescore --help").exit_code, 0);
  const Outcome missing = Assay(absl::StrCat("rescore ", kFixed, " ", Tmp("does-not-exist.bin"), " ", Tmp("never.bin")));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_FALSE(Exists(Tmp("never.bin")));
  const Outcome policy = Assay(absl::StrCat("rescore --policy ", Tmp("no-policy.textproto"), " ", kFixed, " x y"));
  EXPECT_EQ(policy.exit_code, 1);
}

TEST(AssayE2eTest, ReportFlagWritesASelfContainedPage) {
  ASSERT_EQ(Assay(absl::StrCat("generate --count 300 --seed 17 ", Tmp("report_in.bin"))).exit_code, 0);
  const Outcome run = Assay(absl::StrCat("rescore --model-set both --report ", Tmp("report.html"), " ", kFixed, " ",
                                     Tmp("report_in.bin"), " ", Tmp("report_out.csv")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = Read(Tmp("report.html"));
  for (const char* id : {"summary", "bands", "rosh", "reviews", "due", "tiers", "transitions"}) {
    EXPECT_NE(html.find(absl::StrCat("<section id=\"", id, "\"")), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("AS000"), std::string::npos) << "no record ids in the report";
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
