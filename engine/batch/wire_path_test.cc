// ScoreDelimited's wire-decoder path end to end: streams whose records are
// encoded unusually (unknown fields, unpacked repeated enums, fields given
// twice, bad UTF-8 deep inside, a truncated body) produce exactly the bytes
// the protobuf path produces for the records protobuf parses from the same
// bytes, and MALFORMED_RECORD where protobuf refuses them. Every ISA, 1 and
// 2 threads, blocks smaller than the stream. Records whose dynamic items
// are unanswered or unknown (static fallback) take the wire path too, and
// score exactly as the scalar reference.
#include <string>
#include <vector>

#include "engine/batch/batch_scorer.h"
#include "engine/batch/feature_batch.h"
#include "engine/batch/wire_test_util.h"
#include "engine/batch/wire_decoder.h"
#include "engine/demo/generator.h"
#include "engine/scorer.h"
#include "gtest/gtest.h"
#include "schemas/batch.pb.h"

namespace assay::batch {
namespace {

using wire_test::PutLengthDelimited;
using wire_test::PutTag;
using wire_test::PutVarint;

// Record i's bytes, re-encoded in one of several unusual ways.
std::string Unusual(const std::vector<v1::Assessment>& records, size_t i) {
  std::string b = records[i].SerializeAsString();
  switch (i % 7) {
    case 0: {  // unknown fields of every wire type, front and back
      std::string u;
      PutTag(700, 0, &u);
      PutVarint(12345, &u);
      PutTag(701, 1, &u);
      u.append(8, 'x');
      PutTag(702, 5, &u);
      u.append(4, 'y');
      PutLengthDelimited(703, "unknown", &u);
      return u + b + u;
    }
    case 1: {  // previous convictions unpacked, appended to the packed ones
      std::string unpacked;
      for (int t : {2, 4}) {
        PutTag(1, 0, &unpacked);
        PutVarint(static_cast<uint64_t>(t), &unpacked);
      }
      PutLengthDelimited(19, unpacked, &b);
      return b;
    }
    case 2:  // the record merged with the next one (protobuf: last wins)
      return b + records[(i + 1) % records.size()].SerializeAsString();
    case 3: {  // invalid UTF-8 in an unread nested string: protobuf refuses
      std::string decision;
      PutLengthDelimited(3, std::string("\xc3\x28", 2), &decision);  // PractitionerDecision.rationale
      std::string context;
      const auto* cc = v1::Assessment::descriptor()->FindFieldByName("case_context");
      const auto* pd = cc->message_type()->FindFieldByName("practitioner_decision");
      if (pd == nullptr) return b;
      PutLengthDelimited(pd->number(), decision, &context);
      PutLengthDelimited(cc->number(), context, &b);
      return b;
    }
    case 4:  // a truncated body (as a whole record: malformed)
      return b.substr(0, b.size() / 2);
    default:
      return b;
  }
}

TEST(WirePathTest, UnusualEncodingsScoreAsTheProtobufPath) {
  demo::CaseloadOptions options;
  options.invalid_share = 0.1;
  demo::CaseloadGenerator generator(options);
  std::vector<v1::Assessment> records(700);
  for (size_t i = 0; i < records.size(); ++i) generator.Generate(i, &records[i]);

  std::string stream;
  std::vector<v1::Assessment> parsed;  // what protobuf reads, record by record
  std::vector<bool> readable;
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string body = Unusual(records, i);
    PutVarint(body.size(), &stream);
    stream += body;
    v1::Assessment a;
    readable.push_back(a.ParseFromString(body));
    parsed.push_back(readable.back() ? a : v1::Assessment());
  }
  int malformed = 0;
  for (bool r : readable) malformed += r ? 0 : 1;
  ASSERT_GT(malformed, 50);

  for (Isa isa : SupportedIsas()) {
    for (int threads : {1, 2}) {
      SCOPED_TRACE(std::string(IsaName(isa)) + " threads " + std::to_string(threads));
      BatchOptions o;
      o.isa = isa;
      o.threads = threads;
      o.block_size = 64;
      const BatchScorer scorer = *BatchScorer::Create(o);
      const std::string got = *scorer.ScoreDelimited(stream);
      // Expected: the protobuf path (Score) for readable records, the
      // record error otherwise, serialized by protobuf.
      const std::vector<v1::ScoreSet> sets = *scorer.Score(parsed);
      std::string want;
      for (size_t i = 0; i < records.size(); ++i) {
        v1::RecordResult r;
        r.set_index(i);
        // Unreadable records are checked by parsing the scorer's output
        // below (type and index), so their expected bytes stay empty.
        std::string bytes;
        if (readable[i]) {
          r.set_assessment_id(parsed[i].assessment_id());
          r.set_case_reference(parsed[i].case_reference());
          *r.mutable_scores() = sets[i];
          bytes = r.SerializeAsString();
        }
        PutVarint(bytes.size(), &want);
        want += bytes;
      }
      // Walk both streams record by record.
      size_t gp = 0, wp = 0;
      for (size_t i = 0; i < records.size(); ++i) {
        uint64_t gn = 0, wn = 0;
        for (int shift = 0;; shift += 7) {
          const uint8_t c = static_cast<uint8_t>(got[gp++]);
          gn |= static_cast<uint64_t>(c & 0x7F) << shift;
          if (c < 0x80) break;
        }
        for (int shift = 0;; shift += 7) {
          const uint8_t c = static_cast<uint8_t>(want[wp++]);
          wn |= static_cast<uint64_t>(c & 0x7F) << shift;
          if (c < 0x80) break;
        }
        const std::string g = got.substr(gp, gn), w = want.substr(wp, wn);
        gp += gn;
        wp += wn;
        if (readable[i]) {
          ASSERT_EQ(g, w) << "record " << i;
        } else {
          v1::RecordResult r;
          ASSERT_TRUE(r.ParseFromString(g));
          EXPECT_EQ(r.index(), i);
          EXPECT_EQ(r.error().type(), v1::MALFORMED_RECORD) << "record " << i;
        }
      }
      EXPECT_EQ(gp, got.size());
    }
  }
}

// Record i with one kind of gap in its dynamic items (static inputs are
// left as generated).
constexpr int kGapKinds = 14;
void AddDynamicGap(int kind, v1::Assessment* a) {
  v1::OasysAnswers* x = a->mutable_answers();
  switch (kind) {
    case 0: x->clear_accommodation_suitability(); break;
    case 1: x->set_accommodation_suitability(static_cast<v1::ProblemLevel>(17)); break;
    case 2: x->clear_unemployed(); break;
    case 3: x->clear_weapon_involved(); break;
    case 4:  // motivation unanswered with drugs used (ARP and VRP inconsistent)
      x->clear_drug_misuse_motivation();
      x->set_heroin(true);
      x->set_methadone(true);
      break;
    case 5: x->clear_drug_misuse_motivation(); break;  // VRP only
    case 6: x->set_drug_misuse_motivation(static_cast<v1::MotivationLevel>(9)); break;
    case 7: x->clear_relationship_status(); break;
    case 8: x->set_relationship_status(static_cast<v1::RelationshipStatus>(12)); break;
    case 9: a->clear_previous_convictions(); break;
    case 10: a->mutable_previous_convictions()->add_types(static_cast<v1::PreviousConviction>(77)); break;
    case 11:
      x->clear_impulsivity();
      x->clear_temper_control();
      x->set_pro_criminal_attitudes(static_cast<v1::ProblemLevel>(5));
      break;
    case 12: a->clear_answers(); break;
    default: break;  // untouched
  }
}

TEST(WirePathTest, DynamicGapsScoreAsTheScalarReference) {
  demo::CaseloadOptions options;
  options.invalid_share = 0;
  demo::CaseloadGenerator generator(options);
  const scoring::OffenceTable& offences = scoring::OffenceTable::BuiltIn();
  std::vector<v1::Assessment> records;
  std::string stream;
  int wire_lanes = 0, static_lanes = 0;
  for (size_t i = 0; records.size() < 40 * kGapKinds; ++i) {
    v1::Assessment a;
    generator.Generate(i, &a);
    // Only records the wire path takes as generated, so each gap is what
    // sends it to the dynamic validation.
    WireAssessment wire;
    FeatureBatch probe;
    if (!DecodeAssessment(a.SerializeAsString(), &wire) || !probe.AppendWire(wire, offences)) continue;
    AddDynamicGap(static_cast<int>(records.size() % kGapKinds), &a);
    const std::string body = a.SerializeAsString();
    probe.Clear();
    ASSERT_TRUE(DecodeAssessment(body, &wire));
    if (probe.AppendWire(wire, offences)) {
      ++wire_lanes;
      for (Predictor p : {Predictor::kArp, Predictor::kVrp, Predictor::kSvrp}) {
        static_lanes += probe.mode(0, p) == Mode::kStatic ? 1 : 0;
      }
    }
    PutVarint(body.size(), &stream);
    stream += body;
    records.push_back(a);
  }
  // The gaps keep the static inputs clean: all on the wire path, and most
  // fall back to a static model somewhere.
  EXPECT_EQ(wire_lanes, static_cast<int>(records.size()));
  EXPECT_GT(static_lanes, static_cast<int>(records.size()) / 2);

  const ScoreOptions scalar{.model_set = v1::V4, .explain = false};
  for (Isa isa : SupportedIsas()) {
    SCOPED_TRACE(std::string(IsaName(isa)));
    BatchOptions o;
    o.isa = isa;
    o.threads = 2;
    o.block_size = 64;
    const BatchScorer scorer = *BatchScorer::Create(o);
    const std::string got = *scorer.ScoreDelimited(stream);
    // Scalar lanes: the scalar reference's ScoreSet, byte for byte. Vector
    // ISAs: the protobuf path's (which every other test holds to the
    // scalar reference within the probability tolerance).
    const std::vector<v1::ScoreSet> batch_sets = *scorer.Score(records);
    std::string want;
    for (size_t i = 0; i < records.size(); ++i) {
      v1::RecordResult r;
      r.set_index(i);
      r.set_assessment_id(records[i].assessment_id());
      r.set_case_reference(records[i].case_reference());
      if (isa == Isa::kScalar) {
        ASSERT_TRUE(ScoreReoffending(records[i], scalar, r.mutable_scores()).ok());
        r.mutable_scores()->set_model_set(v1::MODEL_SET_UNSPECIFIED);  // the batch's scope
      } else {
        *r.mutable_scores() = batch_sets[i];
      }
      const std::string bytes = r.SerializeAsString();
      PutVarint(bytes.size(), &want);
      want += bytes;
    }
    ASSERT_EQ(got.size(), want.size());
    EXPECT_TRUE(got == want);
  }
}

}  // namespace
}  // namespace assay::batch
