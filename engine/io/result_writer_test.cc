#include "engine/io/result_writer.h"

#include <string>
#include <vector>

#include "engine/io/framing.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "schemas/flat/assay.flat.h"

namespace assay::io {
namespace {

v1::RecordResult Scored() {
  v1::RecordResult r;
  r.set_index(7);
  r.set_assessment_id("A00000007");
  r.set_case_reference("X123,456");  // a comma: must be quoted in CSV
  v1::PredictorResult* arp = r.mutable_scores()->mutable_arp();
  arp->set_predictor(v1::ARP);
  arp->set_status(v1::RESULT_SCORED);
  arp->set_type(v1::DYNAMIC);
  arp->set_percentage(12.345000000000001);  // already rounded upstream; printed as 2 dp
  arp->set_band(v1::MEDIUM);
  v1::PredictorResult* vrp = r.mutable_scores()->mutable_vrp();
  vrp->set_status(v1::RESULT_ERROR);
  *vrp->add_errors()->mutable_message() = "x";
  vrp->mutable_errors(0)->set_type(v1::MISSING_MANDATORY_INPUT);
  v1::ReviewDecision* d = r.mutable_review();
  d->set_mode(v1::MANDATED);
  d->mutable_basis()->set_overall_rosh(v1::HIGH);
  d->mutable_basis()->set_interval_source("RoSH HIGH");
  d->mutable_proposed_due()->set_year(2025);
  d->mutable_proposed_due()->set_month(11);
  d->mutable_proposed_due()->set_day(3);
  *d->mutable_effective_due() = d->proposed_due();
  d->set_overdue_days(4);
  r.mutable_tier()->set_level(v1::TIER_C);
  r.mutable_tier()->set_provisional(true);
  return r;
}

// The encoders read flat results; the tests build protobuf messages (the
// readable way) and convert them.
std::string Encode(const ResultEncoder& encoder, const v1::RecordResult& result) {
  flat::Arena arena;
  flat::RecordResult r(&arena);
  flat::FromProto(result, &r);
  flat::ByteSink out;
  encoder.Append(r, &out);
  return std::string(out.view());
}

std::vector<std::string> Cells(const std::string& line) {
  // Good enough for these rows: the only quoted cell holds one comma.
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\n') {
      cell.push_back(c);
    }
  }
  cells.push_back(cell);
  return cells;
}

TEST(ResultWriterTest, CsvRowsHaveTheHeaderColumns) {
  for (v1::ModelSet set : {v1::V4, v1::LEGACY, v1::BOTH}) {
    const ResultEncoder encoder(RecordFormat::kCsv, framing::Framing::kLengthDelimited, set);
    const std::vector<std::string> header = Cells(encoder.Header());
    const std::string scored = Encode(encoder, Scored());
    v1::RecordResult error;
    error.set_index(8);
    error.mutable_error()->set_type(v1::MALFORMED_RECORD);
    error.mutable_error()->add_fields("answers");
    const std::string failed = Encode(encoder, error);
    // The template's protobuf instantiation writes the same row.
    std::string reference;
    AppendCsvRow(Scored(), set, &reference);
    EXPECT_EQ(reference, scored);
    EXPECT_EQ(Cells(scored).size(), header.size()) << scored;
    EXPECT_EQ(Cells(failed).size(), header.size()) << failed;
    EXPECT_EQ(Cells(failed)[4], "MALFORMED_RECORD");
  }
}

TEST(ResultWriterTest, CsvValues) {
  const ResultEncoder encoder(RecordFormat::kCsv, framing::Framing::kLengthDelimited, v1::V4);
  const std::vector<std::string> header = Cells(encoder.Header());
  const std::vector<std::string> cells = Cells(Encode(encoder, Scored()));
  auto at = [&](const std::string& column) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == column) return cells[i];
    }
    ADD_FAILURE() << "no column " << column;
    return std::string();
  };
  EXPECT_EQ(at("index"), "7");
  EXPECT_EQ(at("case_reference"), "X123,456");
  EXPECT_EQ(at("record_status"), "SCORED");
  EXPECT_EQ(at("arp_status"), "SCORED");
  EXPECT_EQ(at("arp_type"), "DYNAMIC");
  EXPECT_EQ(at("arp_percentage"), "12.35");
  EXPECT_EQ(at("arp_band"), "MEDIUM");
  EXPECT_EQ(at("vrp_status"), "ERROR");
  EXPECT_EQ(at("vrp_percentage"), "");
  EXPECT_EQ(at("vrp_errors"), "MISSING_MANDATORY_INPUT");
  EXPECT_EQ(at("svrp_status"), "");
  EXPECT_EQ(at("overall_rosh"), "HIGH");
  EXPECT_EQ(at("review_mode"), "MANDATED");
  EXPECT_EQ(at("interval_source"), "RoSH HIGH");
  EXPECT_EQ(at("proposed_due"), "2025-11-03");
  EXPECT_EQ(at("overdue_days"), "4");
  EXPECT_EQ(at("tier"), "C");
  EXPECT_EQ(at("tier_provisional"), "true");
}

TEST(ResultWriterTest, BinaryIsLengthDelimited) {
  const ResultEncoder encoder(RecordFormat::kBinary, framing::Framing::kLengthDelimited, v1::V4);
  const std::string out = Encode(encoder, Scored()) + Encode(encoder, Scored());
  const std::string one = Scored().SerializeAsString();
  ASSERT_LT(one.size(), 128u);
  ASSERT_EQ(out.size(), 2 * (one.size() + 1));
  EXPECT_EQ(static_cast<size_t>(out[0]), one.size());
  v1::RecordResult parsed;
  ASSERT_TRUE(parsed.ParseFromString(out.substr(1, one.size())));
  EXPECT_EQ(parsed.scores().arp().band(), v1::MEDIUM);
}

TEST(ResultWriterTest, BinaryTfRecordFramesProtobufBytes) {
  const ResultEncoder encoder(RecordFormat::kBinary, framing::Framing::kTfRecord, v1::V4);
  const std::string out = Encode(encoder, Scored());
  framing::Frame frame;
  ASSERT_EQ(framing::NextFrame(framing::Framing::kTfRecord, out, true, &frame),
            framing::FrameStatus::kRecord);
  EXPECT_TRUE(frame.payload_checksum_ok);
  EXPECT_EQ(frame.size, out.size());
  EXPECT_EQ(frame.payload, Scored().SerializeAsString());
}

TEST(ResultWriterTest, JsonLinesRoundTrip) {
  const ResultEncoder encoder(RecordFormat::kJsonLines, framing::Framing::kLengthDelimited, v1::V4);
  const std::string out = Encode(encoder, Scored());
  ASSERT_EQ(out.back(), '\n');
  ASSERT_EQ(out.find('\n'), out.size() - 1);
  EXPECT_NE(out.find("\"assessment_id\":\"A00000007\""), std::string::npos) << out;
  v1::RecordResult parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &parsed).ok());
  EXPECT_EQ(parsed.SerializeAsString(), Scored().SerializeAsString());
}

TEST(ResultWriterTest, PredictorsOfModelSets) {
  auto names = [](v1::ModelSet set) {
    std::string joined;
    for (const PredictorField& p : PredictorsOf(set)) joined += std::string(p.column) + " ";
    return joined;
  };
  EXPECT_EQ(names(v1::V4), "arp vrp svrp dc_srp iic_srp csrp ogrs3 ");
  EXPECT_EQ(names(v1::LEGACY), "ogrs3 ogp ovp osp_dc osp_iic snsv rsr ");
  EXPECT_EQ(names(v1::BOTH), "arp vrp svrp dc_srp iic_srp csrp ogrs3 ogp ovp osp_dc osp_iic snsv rsr ");
}

}  // namespace
}  // namespace assay::io
