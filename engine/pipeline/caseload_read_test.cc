// Caseload files: every format (and framing) written by AssessmentEncoder
// reads back through the pipeline's first stages (BlockFeeder framing,
// AssessmentDecoder decoding), malformed records are reported with their
// ids, and a truncated stream stops at the right byte offset.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/io/assessment_writer.h"
#include "engine/io/byte_stream.h"
#include "engine/io/record_decoder.h"
#include "engine/pipeline/block_stream.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "schemas/flat/assay.flat.h"

namespace assay::pipeline {
namespace {

using io::AssessmentDecoder;
using io::AssessmentEncoder;
using io::RecordFormat;
using io::RecordFormatName;
using io::RecordIssue;
namespace framing = io::framing;

std::string WriteTemp(const std::string& name, const std::string& contents) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::vector<v1::Assessment> Caseload(int n) {
  const demo::CaseloadGenerator generator(demo::CaseloadOptions{});
  std::vector<v1::Assessment> records(n);
  for (int i = 0; i < n; ++i) generator.Generate(static_cast<uint64_t>(i), &records[i]);
  return records;
}

struct Read {
  std::vector<v1::Assessment> records;
  std::vector<RecordIssue> issues;
  std::vector<uint64_t> issue_lines;
  StreamEnd end = StreamEnd::kNone;
  uint64_t end_offset = 0;
  absl::Status status;  // opening the decoder (a CSV header)
};

FeederOptions FeederFor(RecordFormat format, framing::Framing f, size_t block) {
  FeederOptions options;
  options.block_records = block;
  options.chunk_bytes = 4096;
  if (format == RecordFormat::kBinary) {
    options.framing = f == framing::Framing::kTfRecord ? InputFraming::kTfRecord
                                                        : InputFraming::kLengthDelimited;
  } else {
    options.framing = InputFraming::kLines;
    options.skip_blank_lines = format == RecordFormat::kJsonLines;
    options.header_line = format == RecordFormat::kCsv;
  }
  return options;
}

Read ReadAll(const std::string& path, RecordFormat format, size_t block = 7,
             framing::Framing f = framing::Framing::kLengthDelimited) {
  Read out;
  auto source = io::OpenFileSource(path);
  EXPECT_TRUE(source.ok()) << source.status();
  if (!source.ok()) return out;
  BlockFeeder feeder(source->get(), FeederFor(format, f, block));
  std::unique_ptr<AssessmentDecoder> decoder;
  flat::Arena arena;
  v1::Assessment scratch;
  InputBlock input;
  while (feeder.Next(&input)) {
    if (decoder == nullptr) {
      auto created = AssessmentDecoder::Create(format, feeder.header(), v1::Date());
      if (!created.ok()) {
        out.status = created.status();
        return out;
      }
      decoder = *std::move(created);
    }
    for (const RecordRef& r : input.records) {
      arena.Reset();
      flat::Assessment record(&arena);
      RecordIssue issue;
      if (decoder->Decode(r.bytes, r.offset, r.line, &scratch, &record, &issue)) {
        v1::Assessment message;
        flat::ToProto(record, &message);
        out.records.push_back(message);
      } else {
        out.issues.push_back(issue);
        out.issue_lines.push_back(r.line);
      }
    }
    out.end = input.end;
    out.end_offset = input.end_offset;
  }
  if (decoder == nullptr && format == RecordFormat::kCsv) {
    out.status = absl::InvalidArgumentError("a CSV caseload needs a header line");
  }
  return out;
}

std::string Encode(RecordFormat format, const std::vector<v1::Assessment>& records, int malformed_every = 0,
                   framing::Framing f = framing::Framing::kLengthDelimited) {
  auto encoder = AssessmentEncoder::Create(format, f);
  std::string bytes = encoder->Header();
  for (size_t i = 0; i < records.size(); ++i) {
    if (malformed_every > 0 && i % malformed_every == 3) {
      encoder->AppendMalformed(records[i], &bytes);
    } else {
      encoder->Append(records[i], &bytes);
    }
  }
  return bytes;
}

TEST(AssessmentStreamTest, TfRecordRoundTripsExactly) {
  const auto records = Caseload(50);
  const Read read =
      ReadAll(WriteTemp("round.tfrecord", Encode(RecordFormat::kBinary, records, 0, framing::Framing::kTfRecord)),
              RecordFormat::kBinary, 7, framing::Framing::kTfRecord);
  EXPECT_EQ(read.end, StreamEnd::kNone);
  ASSERT_EQ(read.records.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read.records[i], records[i])) << i;
  }
}

TEST(AssessmentStreamTest, BinaryAndJsonLinesRoundTripExactly) {
  const auto records = Caseload(50);
  for (RecordFormat format : {RecordFormat::kBinary, RecordFormat::kJsonLines}) {
    const Read read = ReadAll(WriteTemp("round.trip", Encode(format, records)), format);
    EXPECT_EQ(read.end, StreamEnd::kNone);
    ASSERT_EQ(read.records.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read.records[i], records[i]))
          << RecordFormatName(format) << " record " << i;
    }
  }
}

TEST(AssessmentStreamTest, CsvKeepsWhatTheReferenceLayoutHolds) {
  const auto records = Caseload(200);
  const Read read = ReadAll(WriteTemp("round.csv", Encode(RecordFormat::kCsv, records)), RecordFormat::kCsv);
  EXPECT_EQ(read.end, StreamEnd::kNone);
  ASSERT_EQ(read.records.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::Assessment& in = records[i];
    const v1::Assessment& out = read.records[i];
    EXPECT_EQ(out.assessment_id(), in.assessment_id());
    EXPECT_EQ(out.case_reference(), in.case_reference());
    EXPECT_EQ(out.assessment_date().SerializeAsString(), in.assessment_date().SerializeAsString());
    EXPECT_EQ(out.date_of_birth().SerializeAsString(), in.date_of_birth().SerializeAsString());
    EXPECT_EQ(out.gender(), in.gender());
    EXPECT_EQ(out.current_offence_code(), in.current_offence_code());
    EXPECT_EQ(out.total_sanctions(), in.total_sanctions());
    EXPECT_EQ(out.violent_sanctions(), in.violent_sanctions());
    EXPECT_EQ(out.age_at_first_sanction(), in.age_at_first_sanction()) << i;
    EXPECT_EQ(out.date_of_current_conviction().SerializeAsString(),
              in.date_of_current_conviction().SerializeAsString());
    EXPECT_EQ(out.date_at_start_of_followup().SerializeAsString(), in.date_at_start_of_followup().SerializeAsString());
    const v1::OasysAnswers& a = in.answers();
    const v1::OasysAnswers& b = out.answers();
    EXPECT_EQ(b.has_unemployed(), a.has_unemployed()) << i;
    EXPECT_EQ(b.unemployed(), a.unemployed());
    EXPECT_EQ(b.accommodation_suitability(), a.accommodation_suitability());
    EXPECT_EQ(b.impulsivity(), a.impulsivity());
    EXPECT_EQ(b.drug_misuse_motivation(), a.drug_misuse_motivation()) << i;
    EXPECT_EQ(b.heroin(), a.heroin());
    EXPECT_EQ(b.relationship_status(), a.relationship_status());
    EXPECT_EQ(out.previous_convictions().types_size(), in.previous_convictions().types_size()) << i;
  }
}

TEST(AssessmentStreamTest, MalformedRecordsAreReportedWithTheirIds) {
  const auto records = Caseload(40);
  for (RecordFormat format : {RecordFormat::kBinary, RecordFormat::kJsonLines, RecordFormat::kCsv}) {
    const Read read = ReadAll(WriteTemp("malformed.x", Encode(format, records, 10)), format);
    EXPECT_EQ(read.end, StreamEnd::kNone) << RecordFormatName(format);
    EXPECT_EQ(read.records.size(), 36u) << RecordFormatName(format);
    ASSERT_EQ(read.issues.size(), 4u) << RecordFormatName(format);
    for (size_t k = 0; k < read.issues.size(); ++k) {
      const RecordIssue& issue = read.issues[k];
      EXPECT_EQ(issue.type, v1::MALFORMED_RECORD);
      EXPECT_EQ(issue.assessment_id, records[10 * k + 3].assessment_id()) << RecordFormatName(format);
      EXPECT_FALSE(issue.message.empty());
      // Never a value from the record.
      EXPECT_EQ(issue.message.find(records[10 * k + 3].current_offence_code()), std::string::npos) << issue.message;
    }
  }
}

TEST(AssessmentStreamTest, TruncatedBinaryStopsAfterTheLastWholeRecord) {
  const auto records = Caseload(10);
  std::string bytes = Encode(RecordFormat::kBinary, records);
  std::string first_nine = Encode(RecordFormat::kBinary, std::vector<v1::Assessment>(records.begin(), records.end() - 1));
  bytes.resize(bytes.size() - 5);
  const Read read = ReadAll(WriteTemp("truncated.bin", bytes), RecordFormat::kBinary, 4);
  EXPECT_EQ(read.end, StreamEnd::kTruncated);
  EXPECT_EQ(read.records.size(), 9u);
  EXPECT_EQ(read.end_offset, first_nine.size());
}

TEST(AssessmentStreamTest, CsvWithoutTheReferenceHeaderIsRejected) {
  EXPECT_FALSE(ReadAll(WriteTemp("bad.csv", "a,b,c\n1,2,3\n"), RecordFormat::kCsv).status.ok());
  EXPECT_FALSE(ReadAll(WriteTemp("empty.csv", ""), RecordFormat::kCsv).status.ok());
}

TEST(AssessmentStreamTest, JsonLinesSkipsBlankLines) {
  const auto records = Caseload(3);
  std::string bytes = Encode(RecordFormat::kJsonLines, records);
  bytes = "\n" + bytes + "\n   \n";
  const Read read = ReadAll(WriteTemp("blank.jsonl", bytes), RecordFormat::kJsonLines);
  EXPECT_EQ(read.records.size(), 3u);
  EXPECT_TRUE(read.issues.empty());
}

}  // namespace
}  // namespace assay::pipeline
