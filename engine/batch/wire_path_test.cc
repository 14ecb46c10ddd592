// ScoreDelimited's wire-decoder path end to end: streams whose records are
// encoded unusually (unknown fields, unpacked repeated enums, fields given
// twice, bad UTF-8 deep inside, a truncated body) produce exactly the bytes
// the protobuf path produces for the records protobuf parses from the same
// bytes, and MALFORMED_RECORD where protobuf refuses them. Every ISA, 1 and
// 2 threads, blocks smaller than the stream.
#include <string>
#include <vector>

#include "engine/batch/batch_scorer.h"
#include "engine/demo/generator.h"
#include "gtest/gtest.h"
#include "schemas/batch.pb.h"

namespace assay::batch {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
void PutField(int field, int wire_type, std::string* out) {
  PutVarint((static_cast<uint64_t>(field) << 3) | static_cast<uint64_t>(wire_type), out);
}
void PutBody(int field, const std::string& body, std::string* out) {
  PutField(field, 2, out);
  PutVarint(body.size(), out);
  out->append(body);
}

// Record i's bytes, re-encoded in one of several unusual ways.
std::string Unusual(const std::vector<v1::Assessment>& records, size_t i) {
  std::string b = records[i].SerializeAsString();
  switch (i % 7) {
    case 0: {  // unknown fields of every wire type, front and back
      std::string u;
      PutField(700, 0, &u);
      PutVarint(12345, &u);
      PutField(701, 1, &u);
      u.append(8, 'x');
      PutField(702, 5, &u);
      u.append(4, 'y');
      PutBody(703, "unknown", &u);
      return u + b + u;
    }
    case 1: {  // previous convictions unpacked, appended to the packed ones
      std::string unpacked;
      for (int t : {2, 4}) {
        PutField(1, 0, &unpacked);
        PutVarint(static_cast<uint64_t>(t), &unpacked);
      }
      PutBody(19, unpacked, &b);
      return b;
    }
    case 2:  // the record merged with the next one (protobuf: last wins)
      return b + records[(i + 1) % records.size()].SerializeAsString();
    case 3: {  // invalid UTF-8 in an unread nested string: protobuf refuses
      std::string decision;
      PutBody(3, std::string("\xc3\x28", 2), &decision);  // PractitionerDecision.rationale
      std::string context;
      const auto* cc = v1::Assessment::descriptor()->FindFieldByName("case_context");
      const auto* pd = cc->message_type()->FindFieldByName("practitioner_decision");
      if (pd == nullptr) return b;
      PutBody(pd->number(), decision, &context);
      PutBody(cc->number(), context, &b);
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

}  // namespace
}  // namespace assay::batch
