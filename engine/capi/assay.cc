// The C ABI (assay.h) over the C++ engine: Evaluator for one record,
// Pipeline for a batch. Everything here is glue; the contract is in assay.h.
//
// Why it is shaped this way:
//   - Every entry point runs its body inside Guard, which catches every
//     exception: nothing may unwind into a C, JVM or .NET caller.
//   - The last error is a fixed thread_local char array (trivially
//     destructible, so a library unloaded with dlclose leaves no thread-exit
//     destructor behind), written without allocating, so reporting
//     std::bad_alloc cannot itself throw.
//   - An engine is shared by threads but Evaluator is not thread-safe, so
//     the engine lends evaluators: one lock-free spare slot (the common case
//     of one calling thread costs two atomic exchanges) and a mutex-guarded
//     pool behind it that grows to the number of concurrently calling
//     threads.
//   - A result always holds the binary RecordResult; JSON and the plain
//     accessors are derived from it on demand (decoded once into a flat
//     message), so a caller that only wants the bytes pays for nothing else.
#include "engine/capi/assay.h"

#include <algorithm>
#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "engine/evaluate.h"
#include "engine/io/framing.h"
#include "engine/io/record_decoder.h"
#include "engine/io/record_format.h"
#include "engine/kernels/isa.h"
#include "engine/pipeline/pipeline.h"
#include "engine/review/policy.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/score.pb.h"

namespace {

using assay::Evaluator;
namespace flat = assay::flat;
namespace io = assay::io;
namespace v1 = assay::v1;

constexpr const char kVersion[] = "1.0.0";

// ---- Errors ----------------------------------------------------------------

constexpr size_t kMessageCapacity = 4096;
thread_local char t_last_error[kMessageCapacity];

void ClearError() {
  if (t_last_error[0] != '\0') t_last_error[0] = '\0';
}

// Appends `text` at `*used`, cutting at a UTF-8 character boundary when full.
void AppendError(std::string_view text, size_t* used) {
  size_t n = std::min(text.size(), kMessageCapacity - 1 - *used);
  if (n < text.size()) {
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  if (n > 0) std::memcpy(t_last_error + *used, text.data(), n);  // an empty view's data() may be null
  *used += n;
  t_last_error[*used] = '\0';
}

// Sets the message from parts, without allocating.
int32_t Fail(int32_t status, std::string_view a, std::string_view b = {}, std::string_view c = {}) noexcept {
  size_t used = 0;
  AppendError(a, &used);
  AppendError(b, &used);
  AppendError(c, &used);
  return status;
}

__attribute__((format(printf, 2, 3))) int32_t Failf(int32_t status, const char* format, ...) noexcept {
  va_list args;
  va_start(args, format);
  std::vsnprintf(t_last_error, kMessageCapacity, format, args);
  va_end(args);
  return status;
}

int32_t Ok() noexcept {
  ClearError();
  return ASSAY_OK;
}

int32_t FromStatus(const absl::Status& status, std::string_view context,
                   int32_t invalid_argument = ASSAY_ERR_INVALID_ARGUMENT) noexcept {
  int32_t code = ASSAY_ERR_INTERNAL;
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return Ok();
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      code = invalid_argument;
      break;
    case absl::StatusCode::kNotFound:
      code = ASSAY_ERR_NOT_FOUND;
      break;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kUnimplemented:
      code = ASSAY_ERR_UNSUPPORTED;
      break;
    case absl::StatusCode::kResourceExhausted:
      code = ASSAY_ERR_OUT_OF_MEMORY;
      break;
    default:
      break;
  }
  const absl::string_view message = status.message();
  return Fail(code, context, ": ", std::string_view(message.data(), message.size()));
}

// Runs `body`, turning every exception into a status.
template <typename Body>
int32_t Guard(const char* function, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(ASSAY_ERR_OUT_OF_MEMORY, function, ": out of memory");
  } catch (const std::exception& e) {
    return Fail(ASSAY_ERR_INTERNAL, function, ": internal error: ", e.what());
  } catch (...) {
    return Fail(ASSAY_ERR_INTERNAL, function, ": internal error (unknown exception)");
  }
}

// ---- Structs that carry their size ---------------------------------------

// A caller's input struct: at least the version-1 size; a larger one (a newer
// header) must have an all-zero tail, since this library would ignore it.
template <typename T>
int32_t ReadStruct(const char* function, const T* in, T* out) {
  if (in == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, function, ": options is NULL");
  const uint32_t size = in->struct_size;
  if (size < sizeof(T)) {
    return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: struct_size %u is smaller than the version-1 size %zu", function,
                 size, sizeof(T));
  }
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(in);
  for (size_t i = sizeof(T); i < size; ++i) {
    if (bytes[i] != 0) {
      return Failf(ASSAY_ERR_UNSUPPORTED,
                   "%s: byte %zu of the struct is set, a field this library (ABI %d) does not know", function, i,
                   ASSAY_ABI_VERSION);
    }
  }
  std::memcpy(static_cast<void*>(out), in, sizeof(T));
  return ASSAY_OK;
}

// A caller's output struct: checks its struct_size (at least version 1).
template <typename T>
int32_t CheckOutStruct(const char* function, const T* out) {
  if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, function, ": info is NULL");
  if (out->struct_size < sizeof(T)) {
    return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: struct_size %u is smaller than the version-1 size %zu", function,
                 out->struct_size, sizeof(T));
  }
  return ASSAY_OK;
}

// Writes `value` into the caller's struct, keeping its struct_size and
// zeroing a newer caller's fields this library does not know.
template <typename T>
int32_t WriteStruct(const T& value, T* out) {
  const uint32_t size = out->struct_size;
  unsigned char* bytes = reinterpret_cast<unsigned char*>(out);
  std::memcpy(bytes + sizeof(uint32_t), reinterpret_cast<const unsigned char*>(&value) + sizeof(uint32_t),
              sizeof(T) - sizeof(uint32_t));
  if (size > sizeof(T)) std::memset(bytes + sizeof(T), 0, size - sizeof(T));
  return Ok();
}

// The version-1 layouts the header documents: any change here is an ABI
// break.
static_assert(sizeof(assay_engine_options) == 40);
static_assert(offsetof(assay_engine_options, isa) == 20);
static_assert(offsetof(assay_engine_options, policy_name) == 24);
static_assert(offsetof(assay_engine_options, policy) == 32);
static_assert(sizeof(assay_predictor_info) == 40);
static_assert(offsetof(assay_predictor_info, probability) == 16);
static_assert(offsetof(assay_predictor_info, first_error_type) == 36);
static_assert(sizeof(assay_review_info) == 72);
static_assert(offsetof(assay_review_info, first_error_type) == 68);
static_assert(sizeof(assay_tier_info) == 20);
static_assert(sizeof(assay_batch_summary) == 64);
static_assert(offsetof(assay_batch_summary, records) == 8);
static_assert(offsetof(assay_batch_summary, output_size) == 56);

// ---- Caller buffers --------------------------------------------------------

int32_t CopyOut(const char* function, std::string_view bytes, void* buffer, size_t capacity, size_t* size) {
  if (size == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, function, ": size is NULL");
  if (buffer == nullptr && capacity > 0) {
    return Fail(ASSAY_ERR_INVALID_ARGUMENT, function, ": buffer is NULL but capacity is not 0");
  }
  *size = bytes.size();
  if (capacity < bytes.size()) {
    return Failf(ASSAY_ERR_BUFFER_TOO_SMALL, "%s: needs %zu bytes, the buffer has %zu", function, bytes.size(),
                 capacity);
  }
  if (!bytes.empty()) std::memcpy(buffer, bytes.data(), bytes.size());
  return Ok();
}

// ---- Dates -----------------------------------------------------------------

int32_t Yyyymmdd(const flat::Date& d) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return 0;
  return d.year() * 10000 + d.month() * 100 + d.day();
}

// YYYYMMDD within the calendar Assay supports.
std::optional<absl::CivilDay> ParseYyyymmdd(int32_t value) {
  const int32_t year = value / 10000, month = value / 100 % 100, day = value % 100;
  if (year < 1800 || year > 2200) return std::nullopt;
  const absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) return std::nullopt;
  return civil;
}

}  // namespace

// ---- Handles ---------------------------------------------------------------

struct assay_policy {
  explicit assay_policy(assay::review::Policy p) : policy(std::move(p)) {}
  assay::review::Policy policy;
};

struct assay_engine {
  std::optional<assay::review::Policy> policy;  // the engine's own copy
  assay::EvaluateOptions evaluate;
  // By ASSAY_FRAMING_* - 1.
  std::optional<assay::pipeline::Pipeline> pipelines[3];
  // The JSON reader Evaluator uses (const and thread-safe).
  std::unique_ptr<io::AssessmentDecoder> json;

  std::atomic<Evaluator*> spare{nullptr};
  std::mutex mu;
  std::vector<std::unique_ptr<Evaluator>> idle;  // guarded by mu

  ~assay_engine() { delete spare.load(); }

  std::unique_ptr<Evaluator> Borrow() {
    if (Evaluator* e = spare.exchange(nullptr, std::memory_order_acquire)) return std::unique_ptr<Evaluator>(e);
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!idle.empty()) {
        std::unique_ptr<Evaluator> e = std::move(idle.back());
        idle.pop_back();
        return e;
      }
    }
    absl::StatusOr<Evaluator> created = Evaluator::Create(evaluate);
    // The options were accepted when the engine was created.
    if (!created.ok()) return nullptr;
    return std::make_unique<Evaluator>(*std::move(created));
  }

  void Return(std::unique_ptr<Evaluator> e) {
    Evaluator* expected = nullptr;
    if (spare.compare_exchange_strong(expected, e.get(), std::memory_order_release, std::memory_order_relaxed)) {
      e.release();
      return;
    }
    std::lock_guard<std::mutex> lock(mu);
    idle.push_back(std::move(e));
  }
};

struct assay_result {
  std::string binary;  // the RecordResult, protobuf binary encoding
  bool has_value = false;

  // The flat view of `binary` (strings alias it), decoded on first use.
  flat::Arena arena;
  flat::RecordResult view{&arena};
  bool decoded = false;
  flat::ByteSink json;
  bool json_ready = false;

  // JSON input: the decoded record and its binary encoding.
  v1::Assessment message;
  flat::Arena input_arena;
  flat::ByteSink input;

  void Clear() {
    binary.clear();
    has_value = decoded = json_ready = false;
  }

  // The flat view; false when the bytes do not decode (a bug).
  bool Decode() {
    if (decoded) return true;
    arena.Reset();
    view = flat::RecordResult(&arena);
    decoded = flat::Decode(binary, &view);
    return decoded;
  }
};

struct assay_batch {
  std::string output;
  bool has_value = false;
  assay_batch_summary summary{};
};

namespace {

// The result's flat view, or a failure status.
int32_t ResultView(const char* function, assay_result* result, const flat::RecordResult** view) {
  if (result == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, function, ": result is NULL");
  if (!result->has_value) return Fail(ASSAY_ERR_NO_RESULT, function, ": the result holds no result yet");
  if (!result->Decode()) return Fail(ASSAY_ERR_INTERNAL, function, ": the result does not decode");
  *view = &result->view;
  return ASSAY_OK;
}

void FirstError(const flat::Repeated<flat::ValidationError>& errors, int32_t* count, int32_t* first) {
  *count = errors.size();
  *first = errors.empty() ? 0 : static_cast<int32_t>(errors[0].type());
}

// A predictor's slot in the score set: nullptr for an unknown code.
const flat::PredictorResult* Predictor(const flat::ScoreSet& s, int32_t code, bool* present) {
  switch (code) {
#define ASSAY_CASE(CODE, FIELD)   \
  case CODE:                      \
    *present = s.has_##FIELD();   \
    return &s.FIELD();
    ASSAY_CASE(ASSAY_PREDICTOR_ARP, arp)
    ASSAY_CASE(ASSAY_PREDICTOR_VRP, vrp)
    ASSAY_CASE(ASSAY_PREDICTOR_SVRP, svrp)
    ASSAY_CASE(ASSAY_PREDICTOR_DC_SRP, dc_srp)
    ASSAY_CASE(ASSAY_PREDICTOR_IIC_SRP, iic_srp)
    ASSAY_CASE(ASSAY_PREDICTOR_CSRP, csrp)
    ASSAY_CASE(ASSAY_PREDICTOR_OGRS3, ogrs3)
    ASSAY_CASE(ASSAY_PREDICTOR_OGP, ogp)
    ASSAY_CASE(ASSAY_PREDICTOR_OVP, ovp)
    ASSAY_CASE(ASSAY_PREDICTOR_OSP_DC, osp_dc)
    ASSAY_CASE(ASSAY_PREDICTOR_OSP_IIC, osp_iic)
    ASSAY_CASE(ASSAY_PREDICTOR_SNSV, snsv)
    ASSAY_CASE(ASSAY_PREDICTOR_RSR, rsr)
#undef ASSAY_CASE
    default:
      return nullptr;
  }
}

}  // namespace

// ---- Version and errors ------------------------------------------------------

extern "C" {

const char* assay_version(void) noexcept { return kVersion; }

uint32_t assay_abi_version(void) noexcept { return ASSAY_ABI_VERSION; }

const char* assay_last_error(void) noexcept { return t_last_error; }

const char* assay_status_name(int32_t status) noexcept {
  switch (status) {
    case ASSAY_OK:
      return "ASSAY_OK";
    case ASSAY_ERR_INVALID_ARGUMENT:
      return "ASSAY_ERR_INVALID_ARGUMENT";
    case ASSAY_ERR_BUFFER_TOO_SMALL:
      return "ASSAY_ERR_BUFFER_TOO_SMALL";
    case ASSAY_ERR_NOT_FOUND:
      return "ASSAY_ERR_NOT_FOUND";
    case ASSAY_ERR_INVALID_POLICY:
      return "ASSAY_ERR_INVALID_POLICY";
    case ASSAY_ERR_UNSUPPORTED:
      return "ASSAY_ERR_UNSUPPORTED";
    case ASSAY_ERR_NO_RESULT:
      return "ASSAY_ERR_NO_RESULT";
    case ASSAY_ERR_OUT_OF_MEMORY:
      return "ASSAY_ERR_OUT_OF_MEMORY";
    case ASSAY_ERR_INTERNAL:
      return "ASSAY_ERR_INTERNAL";
    default:
      return "ASSAY_ERR_UNKNOWN";
  }
}

const char* assay_error_type_name(int32_t error_type) noexcept {
  // The generated names are static strings; unknown numbers are "". Only
  // valid numbers are looked up (protobuf's _Name would otherwise build a
  // string for an unknown one).
  if (!v1::ErrorType_IsValid(error_type)) return "";
  try {
    return v1::ErrorType_Name(static_cast<v1::ErrorType>(error_type)).c_str();
  } catch (...) {
    return "";
  }
}

// ---- Policies ----------------------------------------------------------------

int32_t assay_policy_builtin(const char* name, assay_policy** out) noexcept {
  return Guard("assay_policy_builtin", [&]() -> int32_t {
    if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_builtin: out is NULL");
    *out = nullptr;
    if (name == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_builtin: name is NULL");
    absl::StatusOr<const assay::review::Policy*> policy = assay::review::BuiltinPolicy(name);
    if (!policy.ok()) return FromStatus(policy.status(), "assay_policy_builtin");
    *out = new assay_policy(**policy);
    return Ok();
  });
}

int32_t assay_policy_from_text(const char* text, size_t text_size, assay_policy** out) noexcept {
  return Guard("assay_policy_from_text", [&]() -> int32_t {
    if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_from_text: out is NULL");
    *out = nullptr;
    if (text == nullptr && text_size > 0) {
      return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_from_text: text is NULL but text_size is not 0");
    }
    absl::StatusOr<assay::review::Policy> policy =
        assay::review::ParsePolicyText(std::string_view(text == nullptr ? "" : text, text_size));
    if (!policy.ok()) return FromStatus(policy.status(), "assay_policy_from_text", ASSAY_ERR_INVALID_POLICY);
    *out = new assay_policy(*std::move(policy));
    return Ok();
  });
}

void assay_policy_destroy(assay_policy* policy) noexcept { delete policy; }

int32_t assay_policy_name(const assay_policy* policy, char* buffer, size_t capacity, size_t* size) noexcept {
  return Guard("assay_policy_name", [&]() -> int32_t {
    if (policy == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_name: policy is NULL");
    return CopyOut("assay_policy_name", policy->policy.name(), buffer, capacity, size);
  });
}

int32_t assay_policy_version(const assay_policy* policy, char* buffer, size_t capacity, size_t* size) noexcept {
  return Guard("assay_policy_version", [&]() -> int32_t {
    if (policy == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_policy_version: policy is NULL");
    return CopyOut("assay_policy_version", policy->policy.version(), buffer, capacity, size);
  });
}

// ---- Engines -----------------------------------------------------------------

int32_t assay_engine_create(const assay_engine_options* options_in, assay_engine** out) noexcept {
  return Guard("assay_engine_create", [&]() -> int32_t {
    constexpr const char* kFn = "assay_engine_create";
    if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": out is NULL");
    *out = nullptr;
    assay_engine_options options;
    if (int32_t status = ReadStruct(kFn, options_in, &options); status != ASSAY_OK) return status;

    const std::optional<absl::CivilDay> as_of = ParseYyyymmdd(options.as_of);
    if (!as_of) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT,
                   "%s: as_of %d is not a date YYYYMMDD in 1800..2200 (it is required: there is no implicit today)",
                   kFn, options.as_of);
    }
    const int32_t model_set = options.model_set == 0 ? ASSAY_MODEL_SET_V4 : options.model_set;
    if (model_set < ASSAY_MODEL_SET_V4 || model_set > ASSAY_MODEL_SET_BOTH) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: model_set %d is not ASSAY_MODEL_SET_V4, _LEGACY or _BOTH", kFn,
                   options.model_set);
    }
    const int32_t threads = options.threads == 0 ? 1 : options.threads;
    if (threads < 1 || threads > 1024) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: threads %d is not 1..1024 (or 0 for 1)", kFn, options.threads);
    }
    if (options.explain != 0 && options.explain != 1) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: explain %d is not 0 or 1", kFn, options.explain);
    }
    if (options.isa < ASSAY_ISA_AUTO || options.isa > ASSAY_ISA_AVX512) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: isa %d is not an ASSAY_ISA_* code", kFn, options.isa);
    }
    // ASSAY_ISA_* are kernels::Isa's values.
    static_assert(static_cast<int>(assay::kernels::Isa::kAvx512) == ASSAY_ISA_AVX512);
    const auto isa = static_cast<assay::kernels::Isa>(options.isa);
    if (options.policy_name != nullptr && options.policy != nullptr) {
      return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": set policy_name or policy, not both");
    }

    auto engine = std::make_unique<assay_engine>();
    if (options.policy != nullptr) {
      engine->policy.emplace(options.policy->policy);
    } else {
      absl::StatusOr<const assay::review::Policy*> builtin = assay::review::BuiltinPolicy(
          options.policy_name != nullptr ? std::string_view(options.policy_name) : assay::review::kDefaultPolicyName);
      if (!builtin.ok()) return FromStatus(builtin.status(), kFn);
      engine->policy.emplace(**builtin);
    }

    engine->evaluate.as_of = *as_of;
    engine->evaluate.policy = &*engine->policy;
    engine->evaluate.score.model_set = static_cast<v1::ModelSet>(model_set);
    engine->evaluate.score.explain = options.explain == 1;
    absl::StatusOr<Evaluator> first = Evaluator::Create(engine->evaluate);
    if (!first.ok()) return FromStatus(first.status(), kFn);
    engine->spare.store(new Evaluator(*std::move(first)));

    absl::StatusOr<std::unique_ptr<io::AssessmentDecoder>> json =
        io::AssessmentDecoder::Create(io::RecordFormat::kJsonLines, "", v1::Date());
    if (!json.ok()) return FromStatus(json.status(), kFn);
    engine->json = *std::move(json);

    for (int32_t framing = ASSAY_FRAMING_LENGTH_DELIMITED; framing <= ASSAY_FRAMING_JSON_LINES; ++framing) {
      assay::pipeline::PipelineOptions p;
      p.model_set = static_cast<v1::ModelSet>(model_set);
      p.policy = &*engine->policy;
      p.as_of = *as_of;
      p.explain = options.explain == 1;
      p.isa = isa;
      p.threads = threads;
      const bool json_lines = framing == ASSAY_FRAMING_JSON_LINES;
      p.input_format = p.output_format = json_lines ? io::RecordFormat::kJsonLines : io::RecordFormat::kBinary;
      p.input_framing = p.output_framing = framing == ASSAY_FRAMING_TFRECORD
                                               ? io::framing::Framing::kTfRecord
                                               : io::framing::Framing::kLengthDelimited;
      absl::StatusOr<assay::pipeline::Pipeline> pipeline = assay::pipeline::Pipeline::Create(p);
      if (!pipeline.ok()) return FromStatus(pipeline.status(), kFn);
      engine->pipelines[framing - 1].emplace(*std::move(pipeline));
    }
    *out = engine.release();
    return Ok();
  });
}

void assay_engine_destroy(assay_engine* engine) noexcept { delete engine; }

// ---- One record --------------------------------------------------------------

int32_t assay_result_create(assay_result** out) noexcept {
  return Guard("assay_result_create", [&]() -> int32_t {
    if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_result_create: out is NULL");
    *out = new assay_result();
    return Ok();
  });
}

void assay_result_destroy(assay_result* result) noexcept { delete result; }

int32_t assay_evaluate(assay_engine* engine, const uint8_t* record, size_t record_size, int32_t format,
                       assay_result* result) noexcept {
  return Guard("assay_evaluate", [&]() -> int32_t {
    constexpr const char* kFn = "assay_evaluate";
    if (result == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": result is NULL");
    result->Clear();
    if (engine == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": engine is NULL");
    if (record == nullptr && record_size > 0) {
      return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": record is NULL but record_size is not 0");
    }
    if (format != ASSAY_FORMAT_BINARY && format != ASSAY_FORMAT_JSON) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: format %d is not ASSAY_FORMAT_BINARY or _JSON", kFn, format);
    }
    // The batch readers' limit: anything larger is damage, not a record.
    if (record_size > io::framing::kMaxRecordBytes) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: a record of %zu bytes is over the limit of %llu", kFn,
                   record_size, static_cast<unsigned long long>(io::framing::kMaxRecordBytes));
    }
    // An empty record is an empty Assessment, as protobuf parses it; the flat
    // decoder refuses a null data pointer even with size 0, so none is passed.
    static constexpr char kEmpty[1] = {};
    std::string_view bytes = record == nullptr ? std::string_view(kEmpty, 0)
                                               : std::string_view(reinterpret_cast<const char*>(record), record_size);

    if (format == ASSAY_FORMAT_JSON) {
      // JSON is read as Evaluator reads it (the same decoder, the same error
      // record), then scored from its binary encoding, so the result holds
      // binary whatever came in (and JSON out is the same bytes: see
      // capi_internal_test).
      result->input_arena.Reset();
      flat::Assessment assessment(&result->input_arena);
      io::RecordIssue issue;
      result->input.clear();
      if (engine->json->Decode(bytes, 0, 1, &result->message, &assessment, &issue)) {
        flat::Encode(assessment, &result->input);
        bytes = result->input.view();
      } else {
        flat::RecordResult error(&result->input_arena);
        error.set_assessment_id(issue.assessment_id);
        error.set_case_reference(issue.case_reference);
        error.mutable_error()->set_type(v1::MALFORMED_RECORD);
        error.mutable_error()->set_message(issue.message);
        flat::Encode(error, &result->input);
        result->binary.assign(result->input.data(), result->input.size());
        result->has_value = true;
        return Ok();
      }
    }

    std::unique_ptr<Evaluator> evaluator = engine->Borrow();
    if (evaluator == nullptr) return Fail(ASSAY_ERR_INTERNAL, kFn, ": could not create an evaluator");
    const absl::Status status = evaluator->EvaluateBytes(bytes, /*json=*/false, &result->binary);
    // Returned only after a normal exit: one that threw may be half-way
    // through its scratch state, so it is dropped with the exception.
    engine->Return(std::move(evaluator));
    if (!status.ok()) {
      result->Clear();
      return FromStatus(status, kFn);
    }
    result->has_value = true;
    return Ok();
  });
}

int32_t assay_result_serialized(assay_result* result, int32_t format, uint8_t* buffer, size_t capacity,
                                size_t* size) noexcept {
  return Guard("assay_result_serialized", [&]() -> int32_t {
    constexpr const char* kFn = "assay_result_serialized";
    if (size == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": size is NULL");
    *size = 0;
    if (result == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": result is NULL");
    if (!result->has_value) return Fail(ASSAY_ERR_NO_RESULT, kFn, ": the result holds no result yet");
    if (format == ASSAY_FORMAT_BINARY) return CopyOut(kFn, result->binary, buffer, capacity, size);
    if (format != ASSAY_FORMAT_JSON) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: format %d is not ASSAY_FORMAT_BINARY or _JSON", kFn, format);
    }
    if (!result->json_ready) {
      const flat::RecordResult* view = nullptr;
      if (int32_t status = ResultView(kFn, result, &view); status != ASSAY_OK) return status;
      result->json.clear();
      flat::AppendJson(*view, &result->json);
      result->json_ready = true;
    }
    return CopyOut(kFn, result->json.view(), buffer, capacity, size);
  });
}

int32_t assay_result_error(assay_result* result, int32_t* error_type) noexcept {
  return Guard("assay_result_error", [&]() -> int32_t {
    if (error_type == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_result_error: error_type is NULL");
    *error_type = 0;
    const flat::RecordResult* view = nullptr;
    if (int32_t status = ResultView("assay_result_error", result, &view); status != ASSAY_OK) return status;
    *error_type = view->has_error() ? static_cast<int32_t>(view->error().type()) : 0;
    return Ok();
  });
}

int32_t assay_result_string(assay_result* result, int32_t which, char* buffer, size_t capacity,
                            size_t* size) noexcept {
  return Guard("assay_result_string", [&]() -> int32_t {
    constexpr const char* kFn = "assay_result_string";
    if (size == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": size is NULL");
    *size = 0;
    const flat::RecordResult* view = nullptr;
    if (int32_t status = ResultView(kFn, result, &view); status != ASSAY_OK) return status;
    std::string_view text;
    switch (which) {
      case ASSAY_STRING_ASSESSMENT_ID:
        text = view->assessment_id();
        break;
      case ASSAY_STRING_CASE_REFERENCE:
        text = view->case_reference();
        break;
      case ASSAY_STRING_ERROR_MESSAGE:
        text = view->error().message();
        break;
      case ASSAY_STRING_POLICY_VERSION:
        text = view->review().policy_version();
        break;
      case ASSAY_STRING_INTERVAL_SOURCE:
        text = view->review().basis().interval_source();
        break;
      default:
        return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: %d is not an ASSAY_STRING_* code", kFn, which);
    }
    return CopyOut(kFn, text, buffer, capacity, size);
  });
}

int32_t assay_result_predictor(assay_result* result, int32_t predictor, assay_predictor_info* info) noexcept {
  return Guard("assay_result_predictor", [&]() -> int32_t {
    constexpr const char* kFn = "assay_result_predictor";
    if (int32_t status = CheckOutStruct(kFn, info); status != ASSAY_OK) return status;
    const flat::RecordResult* view = nullptr;
    if (int32_t status = ResultView(kFn, result, &view); status != ASSAY_OK) return status;
    bool present = false;
    const flat::PredictorResult* p = Predictor(view->scores(), predictor, &present);
    if (p == nullptr) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: %d is not an ASSAY_PREDICTOR_* code", kFn, predictor);
    }
    assay_predictor_info value{};
    if (present && view->has_scores()) {
      value.status = static_cast<int32_t>(p->status());
      value.band = static_cast<int32_t>(p->band());
      value.model_type = static_cast<int32_t>(p->type());
      value.probability = p->probability();
      value.percentage = p->percentage();
      FirstError(p->errors(), &value.error_count, &value.first_error_type);
    }
    return WriteStruct(value, info);
  });
}

int32_t assay_result_review(assay_result* result, assay_review_info* info) noexcept {
  return Guard("assay_result_review", [&]() -> int32_t {
    constexpr const char* kFn = "assay_result_review";
    if (int32_t status = CheckOutStruct(kFn, info); status != ASSAY_OK) return status;
    const flat::RecordResult* view = nullptr;
    if (int32_t status = ResultView(kFn, result, &view); status != ASSAY_OK) return status;
    assay_review_info value{};
    if (view->has_review()) {
      const flat::ReviewDecision& r = view->review();
      value.mode = static_cast<int32_t>(r.mode());
      value.overall_rosh = static_cast<int32_t>(r.basis().overall_rosh());
      value.rosh_mandated = r.basis().rosh_mandated() ? 1 : 0;
      value.mappa_level = r.basis().mappa_level();
      value.assessment_date = Yyyymmdd(r.assessment_date());
      value.interval_due = Yyyymmdd(r.interval_due());
      value.proposed_due = Yyyymmdd(r.proposed_due());
      value.effective_due = Yyyymmdd(r.effective_due());
      value.currency_limit_date = Yyyymmdd(r.currency_limit_date());
      value.as_of = Yyyymmdd(r.as_of());
      value.overdue = r.overdue() ? 1 : 0;
      value.overdue_days = r.overdue_days();
      value.assessment_out_of_date = r.assessment_out_of_date() ? 1 : 0;
      if (r.has_practitioner()) {
        value.practitioner = r.practitioner().accepted() ? ASSAY_PRACTITIONER_ACCEPTED : ASSAY_PRACTITIONER_REJECTED;
        value.practitioner_date = Yyyymmdd(r.practitioner().chosen_review_date());
      }
      FirstError(r.errors(), &value.error_count, &value.first_error_type);
    }
    return WriteStruct(value, info);
  });
}

int32_t assay_result_tier(assay_result* result, assay_tier_info* info) noexcept {
  return Guard("assay_result_tier", [&]() -> int32_t {
    constexpr const char* kFn = "assay_result_tier";
    if (int32_t status = CheckOutStruct(kFn, info); status != ASSAY_OK) return status;
    const flat::RecordResult* view = nullptr;
    if (int32_t status = ResultView(kFn, result, &view); status != ASSAY_OK) return status;
    assay_tier_info value{};
    if (view->has_tier()) {
      value.level = static_cast<int32_t>(view->tier().level());
      value.provisional = view->tier().provisional() ? 1 : 0;
      FirstError(view->tier().errors(), &value.error_count, &value.first_error_type);
    }
    return WriteStruct(value, info);
  });
}

// ---- Batches -----------------------------------------------------------------

int32_t assay_batch_create(assay_batch** out) noexcept {
  return Guard("assay_batch_create", [&]() -> int32_t {
    if (out == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, "assay_batch_create: out is NULL");
    *out = new assay_batch();
    return Ok();
  });
}

void assay_batch_destroy(assay_batch* batch) noexcept { delete batch; }

int32_t assay_score_batch(assay_engine* engine, const uint8_t* input, size_t input_size, int32_t framing,
                          assay_batch* batch) noexcept {
  return Guard("assay_score_batch", [&]() -> int32_t {
    constexpr const char* kFn = "assay_score_batch";
    if (batch == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": batch is NULL");
    batch->output.clear();  // keeps the capacity: a warm batch does not allocate
    batch->has_value = false;
    batch->summary = assay_batch_summary{};
    if (engine == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": engine is NULL");
    if (input == nullptr && input_size > 0) {
      return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": input is NULL but input_size is not 0");
    }
    if (framing < ASSAY_FRAMING_LENGTH_DELIMITED || framing > ASSAY_FRAMING_JSON_LINES) {
      return Failf(ASSAY_ERR_INVALID_ARGUMENT, "%s: framing %d is not an ASSAY_FRAMING_* code", kFn, framing);
    }
    static constexpr char kEmpty[1] = {};
    const std::string_view in = input == nullptr ? std::string_view(kEmpty, 0)
                                                 : std::string_view(reinterpret_cast<const char*>(input), input_size);
    absl::StatusOr<assay::pipeline::RunSummary> run = engine->pipelines[framing - 1]->Run(in, &batch->output);
    if (!run.ok()) {
      batch->output.clear();
      return FromStatus(run.status(), kFn);
    }
    assay_batch_summary& s = batch->summary;
    switch (run->end) {
      case assay::pipeline::StreamEnd::kNone:
        s.end = 0;
        break;
      case assay::pipeline::StreamEnd::kTruncated:
        s.end = 1;
        break;
      case assay::pipeline::StreamEnd::kDamaged:
        s.end = 2;
        break;
      case assay::pipeline::StreamEnd::kReadError:  // memory cannot fail to read
        batch->output.clear();
        return Fail(ASSAY_ERR_INTERNAL, kFn, ": reading the input buffer failed");
    }
    s.records = run->records;
    s.scored = run->scored;
    s.malformed = run->malformed;
    s.checksum_failures = run->checksum_failures;
    s.end_offset = run->end_offset;
    s.first_malformed_offset =
        run->first_malformed_offset ? static_cast<int64_t>(*run->first_malformed_offset) : int64_t{-1};
    s.output_size = batch->output.size();
    batch->has_value = true;
    return Ok();
  });
}

int32_t assay_batch_output(const assay_batch* batch, const uint8_t** data, size_t* size) noexcept {
  return Guard("assay_batch_output", [&]() -> int32_t {
    constexpr const char* kFn = "assay_batch_output";
    if (data == nullptr || size == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": data or size is NULL");
    *data = nullptr;
    *size = 0;
    if (batch == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": batch is NULL");
    if (!batch->has_value) return Fail(ASSAY_ERR_NO_RESULT, kFn, ": the batch holds no output yet");
    *data = batch->output.empty() ? nullptr : reinterpret_cast<const uint8_t*>(batch->output.data());
    *size = batch->output.size();
    return Ok();
  });
}

int32_t assay_batch_summary_get(const assay_batch* batch, assay_batch_summary* summary) noexcept {
  return Guard("assay_batch_summary_get", [&]() -> int32_t {
    constexpr const char* kFn = "assay_batch_summary_get";
    if (int32_t status = CheckOutStruct(kFn, summary); status != ASSAY_OK) return status;
    if (batch == nullptr) return Fail(ASSAY_ERR_INVALID_ARGUMENT, kFn, ": batch is NULL");
    if (!batch->has_value) return Fail(ASSAY_ERR_NO_RESULT, kFn, ": the batch holds no output yet");
    return WriteStruct(batch->summary, summary);
  });
}

}  // extern "C"
