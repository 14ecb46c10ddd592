// The pipeline against the scalar reference (engine/pipeline/reference.h:
// the same scorers, review and tier instantiated for protobuf messages,
// record by record, serialized by protobuf). On every instruction set this
// machine supports, each forced explicitly, and for 1 and several threads:
// every reference row and a synthetic caseload with invalid and malformed
// records must give byte-identical output, record by record; JSON Lines must
// parse back to the same messages; CSV rows must equal the template's rows
// for the reference messages.
#include "engine/pipeline/pipeline.h"

#include <fstream>
#include <string>
#include <vector>

#include "engine/kernels/isa.h"
#include "engine/demo/generator.h"
#include "engine/io/framing.h"
#include "engine/io/reference_csv.h"
#include "engine/io/result_writer.h"
#include "engine/pipeline/reference.h"
#include "engine/review/policy.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace assay::pipeline {
namespace {

namespace framing = io::framing;
constexpr absl::CivilDay kAsOf(2025, 10, 6);

std::vector<v1::Assessment> ReferenceRequests() {
  std::vector<v1::Assessment> out;
  std::ifstream in("tests/testdata/reference_rows.csv");
  EXPECT_TRUE(in.good()) << "tests/testdata/reference_rows.csv not found";
  std::string line;
  std::getline(in, line);
  EXPECT_TRUE(io::CheckReferenceHeader(line).ok());
  v1::Date date;
  date.set_year(2025);
  date.set_month(10);
  date.set_day(3);
  uint64_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    absl::StatusOr<io::ReferenceRow> row = io::ParseReferenceRow(line, number, date);
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok()) continue;
    out.push_back(row->static_request);
    out.push_back(row->dynamic_request);
  }
  return out;
}

std::vector<v1::Assessment> Caseload(size_t n, double invalid_share, uint64_t seed) {
  demo::CaseloadOptions options;
  options.seed = seed;
  options.invalid_share = invalid_share;
  demo::CaseloadGenerator generator(options);
  std::vector<v1::Assessment> out(n);
  for (size_t i = 0; i < n; ++i) generator.Generate(i, &out[i]);
  return out;
}

// A caseload as bytes: every record framed, and every 97th replaced by
// bytes that do not parse (a record cut short).
struct Input {
  std::string bytes;
  std::vector<bool> malformed;
};
Input Frame(const std::vector<v1::Assessment>& records, framing::Framing f, bool with_malformed) {
  Input in;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string payload = records[i].SerializeAsString();
    const bool bad = with_malformed && i % 97 == 41;
    if (bad) {
      payload.resize(payload.size() / 2);
      payload.push_back('\xff');
    }
    in.malformed.push_back(bad);
    framing::AppendFrame(f, payload, &in.bytes);
  }
  return in;
}

std::vector<std::string> Unframe(std::string_view bytes, framing::Framing f) {
  std::vector<std::string> out;
  framing::Frame frame;
  while (framing::NextFrame(f, bytes, true, &frame) == framing::FrameStatus::kRecord) {
    out.emplace_back(frame.payload);
    bytes.remove_prefix(frame.size);
  }
  EXPECT_TRUE(bytes.empty());
  return out;
}

const review::Policy& Policy(std::string_view name) { return **review::BuiltinPolicy(name); }

EngineConfig ConfigOf(const PipelineOptions& o) {
  EngineConfig c;
  c.model_set = o.model_set;
  c.offences = &scoring::OffenceTable::BuiltIn();
  c.policy = o.policy;
  c.as_of = *o.as_of;
  c.explain = o.explain;
  return c;
}

// Runs `records` through a pipeline and checks every output record against
// the reference's bytes.
void ExpectReferenceBytes(const std::vector<v1::Assessment>& records, const PipelineOptions& options,
                          bool with_malformed) {
  absl::StatusOr<Pipeline> pipeline = Pipeline::Create(options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status();
  const Input in = Frame(records, options.input_framing, with_malformed);
  std::string out;
  absl::StatusOr<RunSummary> summary = pipeline->Run(in.bytes, &out);
  ASSERT_TRUE(summary.ok()) << summary.status();
  const std::vector<std::string> results = Unframe(out, options.output_framing);
  ASSERT_EQ(results.size(), records.size());
  const EngineConfig config = ConfigOf(options);
  size_t malformed = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (in.malformed[i]) {
      ++malformed;
      v1::RecordResult r;
      ASSERT_TRUE(r.ParseFromString(results[i]));
      EXPECT_EQ(r.index(), i);
      EXPECT_EQ(r.error().type(), v1::MALFORMED_RECORD) << i;
      EXPECT_EQ(r.assessment_id(), records[i].assessment_id()) << i;
      continue;
    }
    const std::string expected = ReferenceResult(records[i], i, config).SerializeAsString();
    if (results[i] != expected) {
      v1::RecordResult got, want;
      got.ParseFromString(results[i]);
      want.ParseFromString(expected);
      std::string diff;
      google::protobuf::util::MessageDifferencer differ;
      differ.ReportDifferencesToString(&diff);
      differ.Compare(want, got);
      ADD_FAILURE() << "record " << i << " (" << records[i].assessment_id() << ", isa "
                    << kernels::IsaName(options.isa) << ", " << options.threads << " threads)\n"
                    << diff;
      return;
    }
  }
  EXPECT_EQ(summary->records, records.size());
  EXPECT_EQ(summary->malformed, malformed);
  EXPECT_EQ(summary->scored, records.size() - malformed);
}

TEST(PipelineTest, EveryIsaAndThreadCountGivesTheReferenceBytes) {
  const std::vector<v1::Assessment> caseload = Caseload(3000, 0.1, 7);
  for (kernels::Isa isa : kernels::SupportedIsas()) {
    for (int threads : {1, 3}) {
      PipelineOptions o;
      o.policy = &Policy("ns2011");
      o.as_of = kAsOf;
      o.isa = isa;
      o.threads = threads;
      o.block_records = 64;
      ExpectReferenceBytes(caseload, o, /*with_malformed=*/true);
    }
  }
}

TEST(PipelineTest, ReferenceRowsGiveTheReferenceBytes) {
  const std::vector<v1::Assessment> rows = ReferenceRequests();
  ASSERT_GT(rows.size(), 2000u);
  for (kernels::Isa isa : kernels::SupportedIsas()) {
    PipelineOptions o;
    o.policy = &Policy("ns2011");
    o.as_of = kAsOf;
    o.isa = isa;
    ExpectReferenceBytes(rows, o, /*with_malformed=*/false);
  }
}

TEST(PipelineTest, ModelSetsPoliciesAndExplanations) {
  const std::vector<v1::Assessment> caseload = Caseload(600, 0.1, 11);
  for (v1::ModelSet set : {v1::V4, v1::LEGACY, v1::BOTH}) {
    for (std::string_view policy : {"ns2011", "ns2007"}) {
      for (bool explain : {false, true}) {
        PipelineOptions o;
        o.policy = &Policy(policy);
        o.as_of = kAsOf;
        o.model_set = set;
        o.explain = explain;
        o.block_records = 100;
        SCOPED_TRACE(testing::Message() << v1::ModelSet_Name(set) << " " << policy << " " << explain);
        ExpectReferenceBytes(caseload, o, /*with_malformed=*/true);
      }
    }
  }
}

TEST(PipelineTest, BatchEdges) {
  const std::vector<v1::Assessment> caseload = Caseload(300, 0.2, 3);
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{63}, size_t{64},
                   size_t{65}, size_t{129}}) {
    for (size_t block : {size_t{1}, size_t{8}, size_t{64}}) {
      PipelineOptions o;
      o.policy = &Policy("ns2011");
      o.as_of = kAsOf;
      o.block_records = block;
      o.threads = 2;
      SCOPED_TRACE(testing::Message() << n << " records, blocks of " << block);
      ExpectReferenceBytes(std::vector<v1::Assessment>(caseload.begin(), caseload.begin() + n), o,
                           /*with_malformed=*/true);
    }
  }
}

TEST(PipelineTest, TfRecordInAndOut) {
  const std::vector<v1::Assessment> caseload = Caseload(500, 0.1, 5);
  PipelineOptions o;
  o.policy = &Policy("ns2011");
  o.as_of = kAsOf;
  o.input_framing = framing::Framing::kTfRecord;
  o.output_framing = framing::Framing::kTfRecord;
  o.threads = 2;
  ExpectReferenceBytes(caseload, o, /*with_malformed=*/true);
}

TEST(PipelineTest, JsonLinesParseBackToTheReference) {
  const std::vector<v1::Assessment> caseload = Caseload(400, 0.1, 9);
  PipelineOptions o;
  o.policy = &Policy("ns2011");
  o.as_of = kAsOf;
  o.output_format = io::RecordFormat::kJsonLines;
  o.threads = 2;
  absl::StatusOr<Pipeline> pipeline = Pipeline::Create(o);
  ASSERT_TRUE(pipeline.ok());
  const Input in = Frame(caseload, framing::Framing::kLengthDelimited, false);
  std::string out;
  ASSERT_TRUE(pipeline->Run(in.bytes, &out).ok());
  const EngineConfig config = ConfigOf(pipeline->options());
  size_t i = 0;
  std::string_view rest = out;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    ASSERT_NE(nl, std::string_view::npos);
    v1::RecordResult parsed;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(rest.substr(0, nl)), &parsed).ok());
    ASSERT_LT(i, caseload.size());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, ReferenceResult(caseload[i], i, config)))
        << i;
    rest.remove_prefix(nl + 1);
    ++i;
  }
  EXPECT_EQ(i, caseload.size());
}

TEST(PipelineTest, CsvRowsEqualTheReferenceRows) {
  const std::vector<v1::Assessment> caseload = Caseload(400, 0.1, 13);
  for (v1::ModelSet set : {v1::V4, v1::BOTH}) {
    PipelineOptions o;
    o.policy = &Policy("ns2011");
    o.as_of = kAsOf;
    o.model_set = set;
    o.output_format = io::RecordFormat::kCsv;
    absl::StatusOr<Pipeline> pipeline = Pipeline::Create(o);
    ASSERT_TRUE(pipeline.ok());
    std::string out;
    ASSERT_TRUE(pipeline->Run(Frame(caseload, framing::Framing::kLengthDelimited, false).bytes, &out).ok());
    std::string expected = io::CsvHeader(set);
    const EngineConfig config = ConfigOf(pipeline->options());
    for (size_t i = 0; i < caseload.size(); ++i) {
      io::AppendCsvRow(ReferenceResult(caseload[i], i, config), set, &expected);
    }
    EXPECT_EQ(out, expected);
  }
}

TEST(PipelineTest, TruncatedStreamEndsWithAnErrorRecordAtTheOffset) {
  const std::vector<v1::Assessment> caseload = Caseload(50, 0.0, 1);
  const Input in = Frame(caseload, framing::Framing::kLengthDelimited, false);
  const std::string cut = in.bytes.substr(0, in.bytes.size() - 10);
  PipelineOptions o;
  o.policy = &Policy("ns2011");
  o.as_of = kAsOf;
  absl::StatusOr<Pipeline> pipeline = Pipeline::Create(o);
  ASSERT_TRUE(pipeline.ok());
  std::string out;
  absl::StatusOr<RunSummary> summary = pipeline->Run(cut, &out);
  ASSERT_TRUE(summary.ok());
  const std::vector<std::string> results = Unframe(out, framing::Framing::kLengthDelimited);
  ASSERT_EQ(results.size(), 50u);  // 49 whole records and the error record
  v1::RecordResult last;
  ASSERT_TRUE(last.ParseFromString(results.back()));
  EXPECT_EQ(last.index(), 49u);
  EXPECT_EQ(last.error().type(), v1::TRUNCATED_STREAM);
  EXPECT_EQ(summary->records, 50u);
  EXPECT_EQ(summary->scored, 49u);
  EXPECT_EQ(summary->end, StreamEnd::kTruncated);
  EXPECT_TRUE(summary->input_damaged());
  EXPECT_NE(last.error().message().find(std::to_string(summary->end_offset)), std::string::npos);
}

TEST(PipelineTest, OptionsAreChecked) {
  PipelineOptions o;
  EXPECT_FALSE(Pipeline::Create(o).ok());  // no policy
  o.policy = &Policy("ns2011");
  EXPECT_FALSE(Pipeline::Create(o).ok());  // no as-of date
  o.as_of = kAsOf;
  EXPECT_TRUE(Pipeline::Create(o).ok());
  o.threads = 0;
  EXPECT_FALSE(Pipeline::Create(o).ok());
  o.threads = 1;
  o.model_set = v1::MODEL_SET_UNSPECIFIED;
  EXPECT_FALSE(Pipeline::Create(o).ok());
}

}  // namespace
}  // namespace assay::pipeline
