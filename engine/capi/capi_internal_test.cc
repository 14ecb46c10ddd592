// The C ABI against the C++ API it wraps, in one process (linked statically,
// so both see the same engine): the ABI adds nothing and loses nothing.
//   - binary in: the ABI's bytes are Evaluator::EvaluateBytes's;
//   - JSON in (read as Evaluator reads it, then scored from binary): the
//     ABI's JSON out is EvaluateBytes(json=true)'s, for readable and
//     unreadable records alike;
//   - binary in, JSON out: the JSON Evaluator gives for the same record;
//   - a batch: Pipeline::Run's bytes, for each framing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "engine/capi/assay.h"
#include "engine/demo/generator.h"
#include "engine/evaluate.h"
#include "engine/io/framing.h"
#include "engine/pipeline/pipeline.h"
#include "engine/review/policy.h"
#include "google/protobuf/util/json_util.h"
#include "schemas/assessment.pb.h"

namespace assay {
namespace {

constexpr absl::CivilDay kAsOf(2025, 10, 6);
constexpr int kRecords = 400;

struct Records {
  std::vector<std::string> binary;
  std::vector<std::string> json;
};

const Records& TestRecords() {
  static const Records* records = [] {
    auto* r = new Records();
    demo::CaseloadOptions options;
    options.invalid_share = 0.05;
    demo::CaseloadGenerator generator(options);
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = true;
    for (int i = 0; i < kRecords; ++i) {
      v1::Assessment a;
      generator.Generate(static_cast<uint64_t>(i), &a);
      r->binary.push_back(a.SerializeAsString());
      std::string json;
      EXPECT_TRUE(google::protobuf::util::MessageToJsonString(a, &json, print).ok());
      r->json.push_back(json);
    }
    return r;
  }();
  return *records;
}

class CapiVsCpp : public ::testing::Test {
 protected:
  void SetUp() override {
    assay_engine_options options{};
    options.struct_size = sizeof options;
    options.as_of = 20251006;
    options.model_set = ASSAY_MODEL_SET_BOTH;
    ASSERT_EQ(assay_engine_create(&options, &engine_), ASSAY_OK) << assay_last_error();
    ASSERT_EQ(assay_result_create(&result_), ASSAY_OK);
    EvaluateOptions cpp;
    cpp.as_of = kAsOf;
    cpp.score.model_set = v1::BOTH;
    cpp.score.explain = false;
    absl::StatusOr<Evaluator> evaluator = Evaluator::Create(cpp);
    ASSERT_TRUE(evaluator.ok());
    evaluator_.emplace(*std::move(evaluator));
  }
  void TearDown() override {
    assay_result_destroy(result_);
    assay_engine_destroy(engine_);
  }

  std::string Abi(std::string_view record, int32_t in, int32_t out) {
    EXPECT_EQ(assay_evaluate(engine_, reinterpret_cast<const uint8_t*>(record.data()), record.size(), in, result_),
              ASSAY_OK)
        << assay_last_error();
    size_t size = 0;
    const int32_t status = assay_result_serialized(result_, out, nullptr, 0, &size);
    EXPECT_EQ(status, size == 0 ? ASSAY_OK : ASSAY_ERR_BUFFER_TOO_SMALL);
    std::string bytes(size, '\0');
    EXPECT_EQ(assay_result_serialized(result_, out, reinterpret_cast<uint8_t*>(bytes.data()), size, &size),
              ASSAY_OK);
    return bytes;
  }

  std::string Cpp(std::string_view record, bool json) {
    std::string out;
    EXPECT_TRUE(evaluator_->EvaluateBytes(record, json, &out).ok());
    return out;
  }

  assay_engine* engine_ = nullptr;
  assay_result* result_ = nullptr;
  std::optional<Evaluator> evaluator_;
};

TEST_F(CapiVsCpp, BinaryInBinaryOut) {
  for (const std::string& record : TestRecords().binary) {
    EXPECT_EQ(Abi(record, ASSAY_FORMAT_BINARY, ASSAY_FORMAT_BINARY), Cpp(record, false));
  }
}

TEST_F(CapiVsCpp, JsonInJsonOut) {
  for (const std::string& record : TestRecords().json) {
    EXPECT_EQ(Abi(record, ASSAY_FORMAT_JSON, ASSAY_FORMAT_JSON), Cpp(record, true));
  }
}

TEST_F(CapiVsCpp, BinaryInJsonOutAndJsonInBinaryOut) {
  const Records& records = TestRecords();
  for (int i = 0; i < kRecords; ++i) {
    EXPECT_EQ(Abi(records.binary[i], ASSAY_FORMAT_BINARY, ASSAY_FORMAT_JSON), Cpp(records.json[i], true));
    EXPECT_EQ(Abi(records.json[i], ASSAY_FORMAT_JSON, ASSAY_FORMAT_BINARY), Cpp(records.binary[i], false));
  }
}

TEST_F(CapiVsCpp, UnreadableRecordsAreTheSameErrorRecord) {
  const std::vector<std::string> json = {
      "{not json",
      "",
      "[]",
      "{\"assessment_id\": \"AS00000001\", \"case_reference\": \"CRN0000001\", \"unknown_field\": 3}",
      "{\"assessment_id\": \"AS00000002\", \"gender\": \"NOT_A_GENDER\"}",
      std::string("\xff\xfe\x00", 3),
  };
  for (const std::string& record : json) {
    EXPECT_EQ(Abi(record, ASSAY_FORMAT_JSON, ASSAY_FORMAT_JSON), Cpp(record, true)) << record;
    EXPECT_NE(Abi(record, ASSAY_FORMAT_JSON, ASSAY_FORMAT_JSON).find("MALFORMED_RECORD"), std::string::npos);
  }
  const std::string half = TestRecords().binary[3].substr(0, TestRecords().binary[3].size() / 2);
  for (const std::string& record : {std::string("\xff\xff\xff\x0f", 4), half}) {
    EXPECT_EQ(Abi(record, ASSAY_FORMAT_BINARY, ASSAY_FORMAT_BINARY), Cpp(record, false));
  }
}

TEST_F(CapiVsCpp, BatchesAreThePipelines) {
  std::string delimited, tfrecord, jsonl;
  for (int i = 0; i < kRecords; ++i) {
    io::framing::AppendFrame(io::framing::Framing::kLengthDelimited, TestRecords().binary[i], &delimited);
    io::framing::AppendFrame(io::framing::Framing::kTfRecord, TestRecords().binary[i], &tfrecord);
    jsonl += TestRecords().json[i] + "\n";
  }
  assay_batch* batch = nullptr;
  ASSERT_EQ(assay_batch_create(&batch), ASSAY_OK);
  struct Case {
    int32_t framing;
    const std::string* input;
    io::RecordFormat format;
    io::framing::Framing cpp_framing;
  };
  for (const Case& c : {Case{ASSAY_FRAMING_LENGTH_DELIMITED, &delimited, io::RecordFormat::kBinary,
                             io::framing::Framing::kLengthDelimited},
                        Case{ASSAY_FRAMING_TFRECORD, &tfrecord, io::RecordFormat::kBinary,
                             io::framing::Framing::kTfRecord},
                        Case{ASSAY_FRAMING_JSON_LINES, &jsonl, io::RecordFormat::kJsonLines,
                             io::framing::Framing::kLengthDelimited}}) {
    pipeline::PipelineOptions options;
    options.policy = *review::BuiltinPolicy("ns2011");
    options.as_of = kAsOf;
    options.model_set = v1::BOTH;
    options.input_format = options.output_format = c.format;
    options.input_framing = options.output_framing = c.cpp_framing;
    absl::StatusOr<pipeline::Pipeline> p = pipeline::Pipeline::Create(options);
    ASSERT_TRUE(p.ok());
    std::string expected;
    ASSERT_TRUE(p->Run(*c.input, &expected).ok());

    ASSERT_EQ(assay_score_batch(engine_, reinterpret_cast<const uint8_t*>(c.input->data()), c.input->size(),
                                c.framing, batch),
              ASSAY_OK)
        << assay_last_error();
    const uint8_t* data = nullptr;
    size_t size = 0;
    ASSERT_EQ(assay_batch_output(batch, &data, &size), ASSAY_OK);
    EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(data), size), expected) << c.framing;
  }
  assay_batch_destroy(batch);
}

}  // namespace
}  // namespace assay
