// BatchScorer against the scalar reference (engine/scorer.h ScoreAssessment,
// explain = false) on every instruction set this machine supports, each run
// explicitly: every reference row (tests/testdata/reference_rows.csv, static
// and dynamic requests) and a seeded synthetic caseload with 10 % invalid
// records. Bands, percentages, statuses, types and errors must be identical;
// probabilities within 1e-12 relative (kernels_test.cc explains why). With a
// model set, whole ScoreSets must equal ScoreAssessment's (the same
// tolerance on the kernels' probabilities only), and on the scalar ISA
// their bytes must be identical.
#include "engine/batch/batch_scorer.h"

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/evaluate.h"
#include "engine/io/reference_csv.h"
#include "engine/review/decision.h"
#include "engine/review/policy.h"
#include "engine/scorer.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/delimited_message_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace assay::batch {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr double kRelativeTolerance = 1e-12;

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

std::vector<v1::Assessment> Caseload(size_t n, double invalid_share, uint64_t seed = 6) {
  demo::CaseloadOptions options;
  options.seed = seed;
  options.invalid_share = invalid_share;
  demo::CaseloadGenerator generator(options);
  std::vector<v1::Assessment> out(n);
  for (size_t i = 0; i < n; ++i) generator.Generate(i, &out[i]);
  return out;
}

// Compares one predictor: probability within tolerance, everything else
// (status, type, band, percentage, errors, versions) exactly.
void ExpectSame(const v1::PredictorResult& want, const v1::PredictorResult& got, const std::string& where) {
  const double wp = want.probability(), gp = got.probability();
  EXPECT_LE(std::fabs(gp - wp), kRelativeTolerance * std::fabs(wp)) << where;
  const double w1 = want.one_year_probability(), g1 = got.one_year_probability();
  EXPECT_LE(std::fabs(g1 - w1), kRelativeTolerance * std::fabs(w1)) << where;
  v1::PredictorResult w = want, g = got;
  w.clear_probability();
  g.clear_probability();
  // Presence is compared; the value within the tolerance above.
  if (w.has_one_year_probability()) w.set_one_year_probability(0);
  if (g.has_one_year_probability()) g.set_one_year_probability(0);
  std::string diff;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(w, g)) << where << ": " << diff;
}

// Runs `records` through BatchScorer::Score with `isa` and compares with
// the scalar reference; returns the number of scored predictor results.
int CompareWithScalar(Isa isa, const std::vector<v1::Assessment>& records, int threads = 1) {
  BatchOptions options;
  options.isa = isa;
  options.threads = threads;
  options.block_size = 256;  // several blocks even for small inputs
  absl::StatusOr<BatchScorer> scorer = BatchScorer::Create(options);
  EXPECT_TRUE(scorer.ok()) << scorer.status();
  if (!scorer.ok()) return 0;
  EXPECT_EQ(scorer->isa(), isa);
  absl::StatusOr<std::vector<v1::ScoreSet>> got = scorer->Score(records);
  EXPECT_TRUE(got.ok()) << got.status();
  if (!got.ok()) return 0;
  EXPECT_EQ(got->size(), records.size());
  ScoreOptions scalar_options;
  scalar_options.explain = false;
  int scored = 0;
  for (size_t i = 0; i < records.size() && i < got->size(); ++i) {
    absl::StatusOr<v1::ScoreSet> want = ScoreAssessment(records[i], scalar_options);
    EXPECT_TRUE(want.ok());
    const v1::ScoreSet& g = (*got)[i];
    const std::string where = std::string(IsaName(isa)) + " record " + std::to_string(i);
    EXPECT_EQ(g.assessment_id(), want->assessment_id()) << where;
    EXPECT_EQ(g.offence_table_version(), want->offence_table_version()) << where;
    ExpectSame(want->arp(), g.arp(), where + " ARP");
    ExpectSame(want->vrp(), g.vrp(), where + " VRP");
    ExpectSame(want->svrp(), g.svrp(), where + " SVRP");
    ExpectSame(want->ogrs3(), g.ogrs3(), where + " OGRS3");
    EXPECT_EQ(g.model_set(), v1::MODEL_SET_UNSPECIFIED) << where;
    EXPECT_FALSE(g.has_csrp()) << where;
    scored += (g.arp().status() == v1::RESULT_SCORED) + (g.vrp().status() == v1::RESULT_SCORED) +
              (g.svrp().status() == v1::RESULT_SCORED) + (g.ogrs3().status() == v1::RESULT_SCORED);
  }
  return scored;
}

TEST(BatchScorerTest, EveryReferenceRowOnEveryIsa) {
  const std::vector<v1::Assessment> requests = ReferenceRequests();
  ASSERT_GT(requests.size(), 2000u);
  for (Isa isa : SupportedIsas()) {
    SCOPED_TRACE(std::string(IsaName(isa)));
    const int scored = CompareWithScalar(isa, requests);
    EXPECT_GT(scored, static_cast<int>(2 * requests.size()));  // most rows score
  }
}

TEST(BatchScorerTest, SyntheticCaseloadWithInvalidRecordsOnEveryIsa) {
  const std::vector<v1::Assessment> records = Caseload(6000, 0.10);
  for (Isa isa : SupportedIsas()) {
    SCOPED_TRACE(std::string(IsaName(isa)));
    CompareWithScalar(isa, records);
  }
}

TEST(BatchScorerTest, EdgeBatchSizes) {
  const std::vector<v1::Assessment> all = Caseload(40, 0.25, 11);
  for (size_t n : {0, 1, 3, 4, 5, 7, 8, 9, 17}) {
    const std::vector<v1::Assessment> records(all.begin(), all.begin() + static_cast<long>(n));
    for (Isa isa : SupportedIsas()) {
      SCOPED_TRACE(std::string(IsaName(isa)) + " n=" + std::to_string(n));
      CompareWithScalar(isa, records);
    }
  }
}

std::string Delimited(const std::vector<v1::Assessment>& records) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  for (const v1::Assessment& a : records) {
    EXPECT_TRUE(google::protobuf::util::SerializeDelimitedToZeroCopyStream(a, &stream));
  }
  return out;
}

std::vector<v1::RecordResult> ParseResults(const std::string& bytes) {
  std::vector<v1::RecordResult> out;
  google::protobuf::io::ArrayInputStream stream(bytes.data(), static_cast<int>(bytes.size()));
  while (true) {
    v1::RecordResult r;
    bool clean_eof = false;
    if (!google::protobuf::util::ParseDelimitedFromZeroCopyStream(&r, &stream, &clean_eof)) {
      EXPECT_TRUE(clean_eof) << "unparseable result stream";
      break;
    }
    out.push_back(r);
  }
  return out;
}

TEST(BatchScorerTest, DelimitedStreamEqualsScoreAndProtobufSerialization) {
  const std::vector<v1::Assessment> records = Caseload(3000, 0.10, 21);
  for (Isa isa : SupportedIsas()) {
    SCOPED_TRACE(std::string(IsaName(isa)));
    BatchOptions options;
    options.isa = isa;
    options.threads = 1;
    options.block_size = 512;
    BatchScorer scorer = *BatchScorer::Create(options);
    absl::StatusOr<std::string> bytes = scorer.ScoreDelimited(Delimited(records));
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    std::vector<v1::ScoreSet> sets = *scorer.Score(records);
    // The hand-written encoder must produce exactly protobuf's bytes.
    std::string expected;
    google::protobuf::io::StringOutputStream stream(&expected);
    for (size_t i = 0; i < records.size(); ++i) {
      v1::RecordResult r;
      r.set_index(i);
      r.set_assessment_id(records[i].assessment_id());
      r.set_case_reference(records[i].case_reference());
      *r.mutable_scores() = sets[i];
      ASSERT_TRUE(google::protobuf::util::SerializeDelimitedToZeroCopyStream(r, &stream));
    }
    EXPECT_EQ(*bytes, expected);
  }
}

// Batch ScoreSets with a model set against ScoreAssessment's: whole
// messages, with the kernels' probabilities (ARP, VRP, SVRP, OGRS3) within
// the tolerance and everything else (CSRP, PNI, OGP, RSR, ...) identical;
// byte-identical on the scalar ISA.
void CompareModelSet(Isa isa, v1::ModelSet set, const std::vector<v1::Assessment>& records) {
  BatchOptions options;
  options.isa = isa;
  options.threads = 2;
  options.block_size = 256;
  options.model_set = set;
  absl::StatusOr<BatchScorer> scorer = BatchScorer::Create(options);
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  absl::StatusOr<std::vector<v1::ScoreSet>> got = scorer->Score(records);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), records.size());
  const ScoreOptions scalar_options{.model_set = set, .explain = false};
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string where = std::string(IsaName(isa)) + " set " + v1::ModelSet_Name(set) +
                              " record " + std::to_string(i);
    absl::StatusOr<v1::ScoreSet> want = ScoreAssessment(records[i], scalar_options);
    ASSERT_TRUE(want.ok());
    if (isa == Isa::kScalar) {
      ASSERT_EQ((*got)[i].SerializeAsString(), want->SerializeAsString()) << where;
      continue;
    }
    v1::ScoreSet w = *want, g = (*got)[i];
    for (auto [wr, gr] : {std::pair{w.mutable_arp(), g.mutable_arp()},
                          std::pair{w.mutable_vrp(), g.mutable_vrp()},
                          std::pair{w.mutable_svrp(), g.mutable_svrp()},
                          std::pair{w.mutable_ogrs3(), g.mutable_ogrs3()}}) {
      ExpectSame(*wr, *gr, where);
      wr->clear_probability();
      gr->clear_probability();
      wr->clear_one_year_probability();
      gr->clear_one_year_probability();
    }
    std::string diff;
    MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&diff);
    ASSERT_TRUE(differencer.Compare(w, g)) << where << ": " << diff;
  }
}

TEST(BatchScorerTest, WholeModelSetsEqualScoreAssessmentOnEveryIsa) {
  const std::vector<v1::Assessment> generated = Caseload(3000, 0.10, 61);
  const std::vector<v1::Assessment> reference = ReferenceRequests();
  for (Isa isa : SupportedIsas()) {
    for (v1::ModelSet set : {v1::V4, v1::LEGACY, v1::BOTH}) {
      SCOPED_TRACE(std::string(IsaName(isa)) + " " + v1::ModelSet_Name(set));
      CompareModelSet(isa, set, generated);
      CompareModelSet(isa, set, reference);
    }
  }
}

TEST(BatchScorerTest, DelimitedWithAModelSetIsEvaluatesOutput) {
  const std::vector<v1::Assessment> records = Caseload(1500, 0.10, 71);
  absl::StatusOr<const review::Policy*> policy = review::BuiltinPolicy("ns2011");
  ASSERT_TRUE(policy.ok()) << policy.status();
  for (v1::ModelSet set : {v1::V4, v1::LEGACY, v1::BOTH}) {
    BatchOptions options;
    options.isa = Isa::kScalar;
    options.threads = 2;
    options.block_size = 128;
    options.model_set = set;
    options.review_policy = *policy;
    BatchScorer scorer = *BatchScorer::Create(options);
    const std::string bytes = *scorer.ScoreDelimited(Delimited(records));
    std::string expected;
    google::protobuf::io::StringOutputStream stream(&expected);
    EvaluateOptions evaluate;
    evaluate.score = ScoreOptions{.model_set = set, .explain = false};
    evaluate.policy = *policy;
    evaluate.as_of = options.as_of;
    for (size_t i = 0; i < records.size(); ++i) {
      absl::StatusOr<v1::RecordResult> r = Evaluate(records[i], evaluate);
      ASSERT_TRUE(r.ok());
      r->set_index(i);
      ASSERT_TRUE(google::protobuf::util::SerializeDelimitedToZeroCopyStream(*r, &stream));
    }
    EXPECT_EQ(bytes, expected) << v1::ModelSet_Name(set);
    // The review decision saw the whole set: CSRP is there for V4 and BOTH.
    const std::vector<v1::RecordResult> results = ParseResults(bytes);
    ASSERT_EQ(results.size(), records.size());
    EXPECT_EQ(results[0].scores().has_csrp(), set != v1::LEGACY);
    EXPECT_TRUE(results[0].has_tier());
  }
}

TEST(BatchScorerTest, RefusesAnUnknownModelSet) {
  BatchOptions options;
  options.model_set = static_cast<v1::ModelSet>(9);
  EXPECT_EQ(BatchScorer::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(BatchScorerTest, ResultsIdenticalWhateverTheThreadCount) {
  const std::string input = Delimited(Caseload(5000, 0.05, 31));
  std::string first;
  for (int threads : {1, 2, 3, 8}) {
    BatchOptions options;
    options.threads = threads;
    options.block_size = 64;
    BatchScorer scorer = *BatchScorer::Create(options);
    EXPECT_EQ(scorer.threads(), threads);
    const std::string out = *scorer.ScoreDelimited(input);
    if (threads == 1) {
      first = out;
      EXPECT_EQ(ParseResults(out).size(), 5000u);
    } else {
      EXPECT_EQ(out, first) << threads << " threads";
    }
  }
}

TEST(BatchScorerTest, MalformedRecordAndTruncatedStream) {
  const std::vector<v1::Assessment> records = Caseload(3, 0.0, 41);
  std::string input = Delimited({records[0]});
  input += std::string("\x03\xff\xff\xff", 4);  // a 3-byte record that does not parse
  input += Delimited({records[1], records[2]});
  input += std::string("\x40\x01\x02", 3);  // announces 64 bytes, has 2
  BatchScorer scorer = *BatchScorer::Create(BatchOptions{});
  const std::vector<v1::RecordResult> results = ParseResults(*scorer.ScoreDelimited(input));
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].assessment_id(), records[0].assessment_id());
  EXPECT_EQ(results[1].index(), 1u);
  EXPECT_EQ(results[1].error().type(), v1::MALFORMED_RECORD);
  EXPECT_FALSE(results[1].has_scores());
  EXPECT_EQ(results[2].index(), 2u);
  EXPECT_EQ(results[2].assessment_id(), records[1].assessment_id());
  EXPECT_EQ(results[3].assessment_id(), records[2].assessment_id());
  EXPECT_EQ(results[4].index(), 4u);
  EXPECT_EQ(results[4].error().type(), v1::TRUNCATED_STREAM);
  EXPECT_TRUE(scorer.ScoreDelimited("")->empty());
}

// A stream cut inside its last record, many blocks long: every earlier
// record is scored, then one TRUNCATED_STREAM, whatever the thread count.
TEST(BatchScorerTest, TruncatedLongStreamWhateverTheThreadCount) {
  const std::string whole = Delimited(Caseload(1000, 0.05, 43));
  const std::string input = whole.substr(0, whole.size() - 10);
  std::string first;
  for (int threads : {1, 2, 8}) {
    BatchOptions options;
    options.threads = threads;
    options.block_size = 24;
    const BatchScorer scorer = *BatchScorer::Create(options);
    const std::string out = *scorer.ScoreDelimited(input);
    if (threads == 1) {
      first = out;
      const std::vector<v1::RecordResult> results = ParseResults(out);
      ASSERT_EQ(results.size(), 1000u);
      EXPECT_EQ(results[998].index(), 998u);
      EXPECT_TRUE(results[998].has_scores());
      EXPECT_EQ(results[999].index(), 999u);
      EXPECT_EQ(results[999].error().type(), v1::TRUNCATED_STREAM);
    } else {
      EXPECT_EQ(out, first) << threads << " threads";
    }
  }
}

// One scorer and one output string across calls of different sizes (its
// buffers and the string's capacity are reused): each call's output is a
// fresh scorer's.
TEST(BatchScorerTest, ReusedScorerAndOutputAcrossCalls) {
  BatchOptions options;
  options.threads = 2;
  options.block_size = 40;
  const BatchScorer reused = *BatchScorer::Create(options);
  std::string out;
  for (const auto& [n, seed] : {std::pair{700, 1}, {3, 2}, {0, 3}, {401, 4}, {1200, 5}}) {
    const std::string input = Delimited(Caseload(static_cast<size_t>(n), 0.05, seed));
    ASSERT_TRUE(reused.ScoreDelimited(input, &out).ok());
    const BatchScorer fresh = *BatchScorer::Create(options);
    EXPECT_EQ(out, *fresh.ScoreDelimited(input)) << n << " records";
    EXPECT_EQ(ParseResults(out).size(), static_cast<size_t>(n));
  }
}

TEST(BatchScorerTest, ReviewDecisionWhenAPolicyIsGiven) {
  const std::vector<v1::Assessment> records = Caseload(500, 0.05, 51);
  absl::StatusOr<const review::Policy*> policy = review::BuiltinPolicy("ns2011");
  ASSERT_TRUE(policy.ok()) << policy.status();
  BatchOptions options;
  options.review_policy = *policy;
  BatchScorer scorer = *BatchScorer::Create(options);
  const std::vector<v1::RecordResult> results =
      ParseResults(*scorer.ScoreDelimited(Delimited(records)));
  ASSERT_EQ(results.size(), records.size());
  int with_mode = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::ReviewDecision want =
        review::DecideReview(records[i], results[i].scores(), **policy, options.as_of);
    EXPECT_TRUE(MessageDifferencer::Equals(results[i].review(), want)) << i;
    with_mode += results[i].review().mode() != v1::REVIEW_MODE_UNSPECIFIED;
  }
  EXPECT_GT(with_mode, 400);
}

TEST(BatchScorerTest, ForcingAnUnsupportedIsaFails) {
  for (Isa isa : {Isa::kSse42, Isa::kAvx2, Isa::kAvx512}) {
    BatchOptions options;
    options.isa = isa;
    EXPECT_EQ(BatchScorer::Create(options).ok(), IsaSupported(isa));
  }
  BatchOptions bad;
  bad.threads = -1;
  EXPECT_FALSE(BatchScorer::Create(bad).ok());
}

}  // namespace
}  // namespace assay::batch
