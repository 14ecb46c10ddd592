#include "engine/batch/batch_scorer.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#include "engine/batch/dispatch.h"
#include "engine/batch/feature_batch.h"
#include "engine/batch/kernel_api.h"
#include "engine/batch/parallel.h"
#include "engine/batch/wire_decoder.h"
#include "engine/evaluate.h"
#include "engine/review/decision.h"
#include "engine/scorer.h"
#include "google/protobuf/arena.h"
#include "schemas/review.pb.h"
#include "scoring/errors.h"
#include "scoring/reoffending_models.h"

namespace assay::batch {
namespace {

constexpr Predictor kReoffending[] = {Predictor::kArp, Predictor::kVrp, Predictor::kSvrp};
constexpr v1::Predictor kProtoPredictor[] = {v1::ARP, v1::VRP, v1::SVRP};

// The lane's validation errors for predictor p, or nullptr. `cursor` walks
// batch.errors() (ordered by lane, then ARP, VRP, SVRP) alongside the lanes.
const google::protobuf::RepeatedPtrField<v1::ValidationError>* LaneErrorsFor(
    const std::vector<LaneErrors>& errors, size_t* cursor, size_t lane, Predictor p) {
  while (*cursor < errors.size() &&
         (errors[*cursor].lane < lane ||
          (errors[*cursor].lane == lane && errors[*cursor].predictor < p))) {
    ++*cursor;
  }
  if (*cursor < errors.size() && errors[*cursor].lane == lane && errors[*cursor].predictor == p) {
    return errors[*cursor].errors;
  }
  return nullptr;
}

// The PredictorResult the scalar scorer (scoring/reoffending.cc: StartResult,
// NoScore, Finish with explain = false) builds for this lane.
void FillPredictor(const ScoreColumns& cols, size_t lane, int index,
                   const google::protobuf::RepeatedPtrField<v1::ValidationError>* errors,
                   v1::PredictorResult* r) {
  const Predictor p = kReoffending[index];
  r->set_predictor(kProtoPredictor[index]);
  r->set_model_version(scoring::kReoffendingModelVersion);
  r->set_thresholds_version(scoring::kReoffendingThresholdsVersion);
  const ResultCode code = DecodeResult(cols.code(p)[lane]);
  if (code.mode != Mode::kNotScored && code.below_range) {
    // Reference quirk 9: ARP/VRP at 0.00 % have no band; Assay names it.
    *r->add_errors() = scoring::MakeError(v1::SCORE_BELOW_BAND_RANGE);
    r->set_status(v1::RESULT_ERROR);
    return;
  }
  if (errors != nullptr) *r->mutable_errors() = *errors;
  if (code.mode == Mode::kNotScored) {
    r->set_status(v1::RESULT_ERROR);
    return;
  }
  r->set_status(v1::RESULT_SCORED);
  r->set_type(code.mode == Mode::kDynamic ? v1::DYNAMIC : v1::STATIC);
  r->set_probability(cols.probability(p)[lane]);
  r->set_percentage(cols.percentage(p)[lane]);
  r->set_band(static_cast<v1::RiskBand>(code.band));
}

// The OGRS3 result scoring::ScoreOgrs3 (explain = false) builds for this lane.
void FillOgrs3(const ScoreColumns& cols, size_t lane,
               const google::protobuf::RepeatedPtrField<v1::ValidationError>* errors,
               v1::PredictorResult* r) {
  constexpr Predictor o = Predictor::kOgrs3;
  r->set_predictor(v1::OGRS3);
  r->set_model_version(scoring::kReoffendingModelVersion);
  r->set_thresholds_version(scoring::kReoffendingThresholdsVersion);
  if (errors != nullptr) *r->mutable_errors() = *errors;
  const ResultCode code = DecodeResult(cols.code(o)[lane]);
  if (code.mode == Mode::kNotScored) {
    r->set_status(v1::RESULT_ERROR);
    return;
  }
  r->set_status(v1::RESULT_SCORED);
  r->set_type(v1::STATIC);
  r->set_probability(cols.probability(o)[lane]);
  r->set_percentage(cols.percentage(o)[lane]);
  r->set_one_year_probability(cols.ogrs3_one_year_probability()[lane]);
  r->set_one_year_percentage(cols.ogrs3_one_year_percent()[lane]);
  r->set_band(static_cast<v1::RiskBand>(code.band));
}

bool HasV4Scope(v1::ModelSet set) { return set != v1::LEGACY; }

// The lane's ScoreSet as ScoreReoffending builds it (engine/scorer.h): ids,
// versions, ARP/VRP/SVRP unless the set is LEGACY, and OGRS3.
void FillScoreSet(const v1::Assessment& a, const FeatureBatch& batch, const ScoreColumns& cols,
                  size_t lane, size_t* cursor, const std::string& table_version,
                  v1::ModelSet model_set, v1::ScoreSet* out) {
  out->Clear();
  out->set_assessment_id(a.assessment_id());
  out->set_model_set(model_set);
  out->set_offence_table_version(table_version);
  if (HasV4Scope(model_set)) {
    v1::PredictorResult* results[] = {out->mutable_arp(), out->mutable_vrp(), out->mutable_svrp()};
    for (int i = 0; i < 3; ++i) {
      FillPredictor(cols, lane, i, LaneErrorsFor(batch.errors(), cursor, lane, kReoffending[i]),
                    results[i]);
    }
  }
  FillOgrs3(cols, lane, LaneErrorsFor(batch.errors(), cursor, lane, Predictor::kOgrs3),
            out->mutable_ogrs3());
}

// --- Protobuf wire encoding of RecordResult, written directly. Fields are
// emitted in field-number order with proto3's rules (scalars at their
// default value are omitted, set sub-messages always written), so the bytes
// equal what SerializeToString produces for the same message; the tests
// check that byte for byte.

// An append-only byte buffer: like std::string, but growth never
// zero-fills and appends are inline memcpy (the encoder's inner loop).
class Buf {
 public:
  Buf() = default;
  Buf(Buf&& other) noexcept { *this = std::move(other); }
  Buf& operator=(Buf&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  std::string_view view() const { return std::string_view(data_.get(), size_); }
  char* Reserve(size_t extra) {
    if (size_ + extra > capacity_) Grow(size_ + extra);
    return data_.get() + size_;
  }
  void Commit(size_t n) { size_ += n; }
  char* data() { return data_.get(); }
  void Truncate(size_t n) { size_ = n; }
  void append(const char* p, size_t n) {
    std::memcpy(Reserve(n), p, n);
    size_ += n;
  }
  void append(std::string_view v) { append(v.data(), v.size()); }

 private:
  void Grow(size_t need) {
    size_t capacity = std::max<size_t>({need, capacity_ * 2, 256});
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// The encoder's primitives are forced inline: with constant field numbers
// a tag folds to one byte store, and most values are one byte (GCC at -O2
// kept PutVarint out of line, 7% of an end-to-end run in calls).
#define ASSAY_ENCODER_INLINE [[gnu::always_inline]] inline
ASSAY_ENCODER_INLINE void PutVarint(Buf* s, uint64_t v) {
  char* p = s->Reserve(10);
  if (v < 0x80) {
    p[0] = static_cast<char>(v);
    s->Commit(1);
    return;
  }
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<char>(v);
  s->Commit(n);
}
ASSAY_ENCODER_INLINE void PutTag(Buf* s, int field, int wire_type) {
  PutVarint(s, (static_cast<uint64_t>(field) << 3) | static_cast<uint64_t>(wire_type));
}
ASSAY_ENCODER_INLINE void PutEnum(Buf* s, int field, int value) {
  if (value == 0) return;
  PutTag(s, field, 0);
  // Negative enum values are sign-extended to 10 bytes on the wire.
  PutVarint(s, static_cast<uint64_t>(static_cast<int64_t>(value)));
}
ASSAY_ENCODER_INLINE void PutUint64(Buf* s, int field, uint64_t value) {
  if (value == 0) return;
  PutTag(s, field, 0);
  PutVarint(s, value);
}
// Doubles go on the wire as little-endian fixed64: the host's own layout.
static_assert(std::endian::native == std::endian::little);
// An optional (explicit presence) double: written whatever its value.
ASSAY_ENCODER_INLINE void PutPresentDouble(Buf* s, int field, double value) {
  PutTag(s, field, 1);
  std::memcpy(s->Reserve(8), &value, 8);
  s->Commit(8);
}
ASSAY_ENCODER_INLINE void PutDouble(Buf* s, int field, double value) {
  uint64_t raw;
  std::memcpy(&raw, &value, sizeof raw);
  if (raw == 0) return;
  PutPresentDouble(s, field, value);
}
// Copies n bytes with at most two (overlapping) loads and stores of a
// fixed width: the ids and versions the encoder copies are short, and a
// call to memcpy with a run-time size cost more than the copy.
ASSAY_ENCODER_INLINE void CopyShort(char* d, const char* s, size_t n) {
  const auto copy = [&]<size_t kWidth>() {
    char head[kWidth], tail[kWidth];
    std::memcpy(head, s, kWidth);
    std::memcpy(tail, s + n - kWidth, kWidth);
    std::memcpy(d, head, kWidth);
    std::memcpy(d + n - kWidth, tail, kWidth);
  };
  if (n > 32) {
    std::memcpy(d, s, n);
  } else if (n >= 16) {
    copy.template operator()<16>();
  } else if (n >= 8) {
    copy.template operator()<8>();
  } else if (n >= 4) {
    copy.template operator()<4>();
  } else {
    for (size_t i = 0; i < n; ++i) d[i] = s[i];
  }
}
ASSAY_ENCODER_INLINE void PutBytes(Buf* s, int field, std::string_view bytes) {
  PutTag(s, field, 2);
  PutVarint(s, bytes.size());
  CopyShort(s->Reserve(bytes.size()), bytes.data(), bytes.size());
  s->Commit(bytes.size());
}
ASSAY_ENCODER_INLINE void PutString(Buf* s, int field, std::string_view text) {
  if (!text.empty()) PutBytes(s, field, text);
}

// A length-delimited field written in place: Open reserves `guess` bytes
// for the length, Close writes the length there, moving the body when its
// varint needs another number of bytes (rare: the guesses fit the usual
// sizes). Saves encoding each nested message into a scratch buffer and
// copying it into its parent.
size_t OpenLength(Buf* s, int guess) {
  const size_t at = s->size();
  s->Reserve(static_cast<size_t>(guess));
  s->Commit(static_cast<size_t>(guess));
  return at;
}
size_t OpenField(Buf* s, int field, int guess) {
  PutTag(s, field, 2);
  return OpenLength(s, guess);
}
ASSAY_ENCODER_INLINE void CloseLength(Buf* s, size_t at, int guess) {
  const size_t body = s->size() - at - static_cast<size_t>(guess);
  // The usual cases: the guess was right.
  if (guess == 1 && body < 0x80) {
    s->data()[at] = static_cast<char>(body);
    return;
  }
  if (guess == 2 && body >= 0x80 && body < 0x4000) {
    s->data()[at] = static_cast<char>(body | 0x80);
    s->data()[at + 1] = static_cast<char>(body >> 7);
    return;
  }
  char varint[10];
  size_t n = 0;
  for (uint64_t v = body; ; v >>= 7) {
    if (v < 0x80) {
      varint[n++] = static_cast<char>(v);
      break;
    }
    varint[n++] = static_cast<char>(v | 0x80);
  }
  if (n != static_cast<size_t>(guess)) {
    if (n > static_cast<size_t>(guess)) s->Reserve(n - static_cast<size_t>(guess));
    char* d = s->data();
    std::memmove(d + at + n, d + at + guess, body);
    s->Truncate(at + n + body);
  }
  std::memcpy(s->data() + at, varint, n);
}

void EncodeError(const v1::ValidationError& e, Buf* out) {
  PutEnum(out, 1, e.type());
  PutString(out, 2, e.message());
  for (const std::string& f : e.fields()) PutBytes(out, 3, f);
}

struct Scratch {
  Buf record, error;
};

void EncodePredictor(const ScoreColumns& cols, size_t lane, int index,
                     const google::protobuf::RepeatedPtrField<v1::ValidationError>* errors,
                     Scratch* s, Buf& out) {
  const Predictor p = kReoffending[index];
  const ResultCode code = DecodeResult(cols.code(p)[lane]);
  const bool scored = code.mode != Mode::kNotScored && !code.below_range;
  PutEnum(&out, 1, kProtoPredictor[index]);
  PutEnum(&out, 2, scored ? v1::RESULT_SCORED : v1::RESULT_ERROR);
  if (scored) {
    PutEnum(&out, 3, code.mode == Mode::kDynamic ? v1::DYNAMIC : v1::STATIC);
    PutDouble(&out, 4, cols.probability(p)[lane]);
    PutDouble(&out, 5, cols.percentage(p)[lane]);
    PutEnum(&out, 6, code.band);
  }
  PutString(&out, 11, scoring::kReoffendingModelVersion);
  PutString(&out, 12, scoring::kReoffendingThresholdsVersion);
  if (code.mode != Mode::kNotScored && code.below_range) {
    s->error.clear();
    EncodeError(scoring::MakeError(v1::SCORE_BELOW_BAND_RANGE), &s->error);
    PutBytes(&out, 13, s->error.view());
  } else if (errors != nullptr) {
    for (const v1::ValidationError& e : *errors) {
      s->error.clear();
      EncodeError(e, &s->error);
      PutBytes(&out, 13, s->error.view());
    }
  }
}

// FillOgrs3's message, encoded.
void EncodeOgrs3(const ScoreColumns& cols, size_t lane,
                 const google::protobuf::RepeatedPtrField<v1::ValidationError>* errors,
                 Scratch* s, Buf& out) {
  constexpr Predictor o = Predictor::kOgrs3;
  const ResultCode code = DecodeResult(cols.code(o)[lane]);
  const bool scored = code.mode != Mode::kNotScored;
  PutEnum(&out, 1, v1::OGRS3);
  PutEnum(&out, 2, scored ? v1::RESULT_SCORED : v1::RESULT_ERROR);
  if (scored) {
    PutEnum(&out, 3, v1::STATIC);
    PutDouble(&out, 4, cols.probability(o)[lane]);
    PutDouble(&out, 5, cols.percentage(o)[lane]);
    PutEnum(&out, 6, code.band);
    PutPresentDouble(&out, 8, cols.ogrs3_one_year_probability()[lane]);
    PutPresentDouble(&out, 9, cols.ogrs3_one_year_percent()[lane]);
  }
  PutString(&out, 11, scoring::kReoffendingModelVersion);
  PutString(&out, 12, scoring::kReoffendingThresholdsVersion);
  if (errors != nullptr) {
    for (const v1::ValidationError& e : *errors) {
      s->error.clear();
      EncodeError(e, &s->error);
      PutBytes(&out, 13, s->error.view());
    }
  }
}

void EncodeRecordError(uint64_t index, v1::ErrorType type, Scratch* s, Buf* out) {
  s->error.clear();
  PutEnum(&s->error, 1, type);
  PutString(&s->error, 2, scoring::ErrorMessage(type));
  s->record.clear();
  PutUint64(&s->record, 1, index);
  PutBytes(&s->record, 7, s->error.view());
  PutVarint(out, s->record.size());
  out->append(s->record.view());
}

// Per-thread state, reused block after block and call after call.
struct Workspace {
  // Parsed records live on an arena whose first block is owned here, so a
  // block's messages cost bump allocations and Reset() returns the memory
  // without touching malloc (a heap Assessment frees and reallocates its
  // sub-messages on every Clear()).
  static constexpr size_t kArenaBlock = 8 << 20;
  Workspace() : arena_memory(new char[kArenaBlock]), arena(Options(arena_memory.get())) {}
  static google::protobuf::ArenaOptions Options(char* memory) {
    google::protobuf::ArenaOptions o;
    o.initial_block = memory;
    o.initial_block_size = kArenaBlock;
    return o;
  }
  std::unique_ptr<char[]> arena_memory;
  google::protobuf::Arena arena;
  std::vector<v1::Assessment*> records;  // nullptr: read by the wire decoder
  std::vector<int32_t> lane_of;  // record -> lane, -1 when unreadable
  // Wire-decoded records: the decoder's scratch, and each record's
  // assessment id and case reference (views into the input).
  WireAssessment wire;
  std::vector<std::pair<std::string_view, std::string_view>> ids;
  FeatureBatch batch;
  ScoreColumns cols;
  Scratch scratch;
  v1::ScoreSet score_set;
  v1::ReviewDecision review;
  v1::RecordResult result;  // model-set scope
  std::string serialized;
  // The block being encoded (OrderedCommit takes it when it must wait).
  Buf out;
};

// Appends each block's output to the result in input order, as blocks
// finish: a block in order is appended at once, while it is still in the
// cache of the core that wrote it (rather than the whole output copied
// again from memory at the end, which two threads cannot speed up), and a
// block finished early waits in `pending` for the ones before it.
class OrderedCommit {
 public:
  OrderedCommit(std::vector<Buf> spare, std::string* result)
      : spare_(std::move(spare)), result_(result) {}

  // Block b is encoded in *out. *out is left empty (and possibly swapped
  // for a spare buffer) for the worker's next block.
  void Finish(size_t b, Buf* out) {
    std::lock_guard<std::mutex> lock(mu_);
    if (b != next_) {
      if (b >= pending_.size()) {
        pending_.resize(b + 1);
        ready_.resize(b + 1, 0);
      }
      pending_[b] = std::move(*out);
      ready_[b] = 1;
      if (!spare_.empty()) {
        *out = std::move(spare_.back());
        spare_.pop_back();
      }
      return;
    }
    result_->append(out->view());
    for (++next_; next_ < ready_.size() && ready_[next_] != 0; ++next_) {
      result_->append(pending_[next_].view());
      pending_[next_].clear();
      spare_.push_back(std::move(pending_[next_]));
    }
  }
  // Blocks appended so far (all of them once every block is finished).
  size_t written() const { return next_; }
  // The buffers to keep for the next call (pending ones included).
  std::vector<Buf> ReleaseBuffers() {
    for (Buf& b : pending_) {
      if (b.data() != nullptr) {
        b.clear();
        spare_.push_back(std::move(b));
      }
    }
    return std::move(spare_);
  }

 private:
  std::mutex mu_;
  size_t next_ = 0;
  std::vector<Buf> pending_;  // by block, while blocks before it are unfinished
  std::vector<uint8_t> ready_;
  std::vector<Buf> spare_;
  std::string* result_;
};

// A length prefix of a delimited stream.
bool ReadVarint(absl::string_view in, size_t* pos, uint64_t* value) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *pos < in.size(); shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(in[(*pos)++]);
    v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *value = v;
      return true;
    }
  }
  return false;
}

// Hands out the blocks of a delimited stream in input order, framing each
// as it is taken. Framing is sequential by nature (each length prefix says
// where the next one is); done block by block under a lock it overlaps
// with the other workers' scoring, instead of a scan of the whole stream
// that no thread can share before any scoring starts.
struct Block {
  size_t index;         // blocks are numbered in input order
  size_t first_record;  // the stream index of its first record
  size_t start;         // the byte offset of its first record's length
  size_t count;         // records
};
class BlockFramer {
 public:
  BlockFramer(absl::string_view input, size_t block) : input_(input), block_(block) {}

  // The next block; false when the stream is exhausted or stopped.
  bool Next(Block* next) {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return false;
    const size_t from = pos_;
    size_t n = 0;
    for (; n < block_ && pos_ < input_.size(); ++n) {
      // Each hop depends on the length just read: prefetching a few KiB
      // ahead turns a memory wait per record into sequential bandwidth.
      for (const size_t limit = std::min(input_.size(), pos_ + kPrefetchAhead);
           prefetched_ < limit; prefetched_ += 64) {
        __builtin_prefetch(input_.data() + prefetched_);
      }
      size_t p = pos_;
      uint64_t size = 0;
      if (!ReadVarint(input_, &p, &size) || size > input_.size() - p) {
        truncated_ = true;
        done_ = true;
        break;
      }
      pos_ = p + static_cast<size_t>(size);
    }
    if (pos_ >= input_.size()) done_ = true;
    if (n == 0) return false;
    *next = Block{.index = blocks_++, .first_record = records_, .start = from, .count = n};
    records_ += n;
    return true;
  }
  // True once the last block has been handed out.
  bool exhausted() {
    std::lock_guard<std::mutex> lock(mu_);
    return done_;
  }
  // No more blocks (after an engine error).
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  // After the last Next(): blocks and records handed out, and whether the
  // stream ended inside a record.
  size_t blocks() const { return blocks_; }
  size_t records() const { return records_; }
  bool truncated() const { return truncated_; }

 private:
  static constexpr size_t kPrefetchAhead = 8192;
  std::mutex mu_;
  const absl::string_view input_;
  const size_t block_;
  size_t pos_ = 0;
  size_t prefetched_ = 0;
  size_t blocks_ = 0;
  size_t records_ = 0;
  bool truncated_ = false;
  bool done_ = false;
};

}  // namespace

struct BatchScorer::WorkspacePool {
  std::mutex mu;
  std::vector<std::unique_ptr<Workspace>> free;
  // OrderedCommit's spare buffers of earlier calls, reused (their pages
  // are already mapped).
  std::vector<Buf> spare_buffers;

  std::vector<Buf> TakeSpareBuffers() {
    std::lock_guard<std::mutex> lock(mu);
    return std::move(spare_buffers);
  }
  void GiveSpareBuffers(std::vector<Buf> buffers) {
    std::lock_guard<std::mutex> lock(mu);
    for (Buf& b : buffers) spare_buffers.push_back(std::move(b));
  }

  // `n` workspaces for one call, reused when available.
  std::vector<std::unique_ptr<Workspace>> Take(size_t n) {
    std::vector<std::unique_ptr<Workspace>> out;
    {
      std::lock_guard<std::mutex> lock(mu);
      while (out.size() < n && !free.empty()) {
        out.push_back(std::move(free.back()));
        free.pop_back();
      }
    }
    while (out.size() < n) out.push_back(std::make_unique<Workspace>());
    return out;
  }
  void Give(std::vector<std::unique_ptr<Workspace>>* back) {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& w : *back) free.push_back(std::move(w));
    back->clear();
  }
};

BatchScorer::BatchScorer(const BatchOptions& options, Isa isa, int threads)
    : options_(options), isa_(isa), threads_(threads), pool_(std::make_shared<WorkspacePool>()) {}

absl::StatusOr<BatchScorer> BatchScorer::Create(const BatchOptions& options) {
  absl::StatusOr<Isa> isa = ResolveIsa(options.isa);
  if (!isa.ok()) return isa.status();
  int threads = options.threads;
  if (threads < 0) return absl::InvalidArgumentError("threads must be >= 0");
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (options.model_set != v1::MODEL_SET_UNSPECIFIED && options.model_set != v1::V4 &&
      options.model_set != v1::LEGACY && options.model_set != v1::BOTH) {
    return absl::InvalidArgumentError("model_set must be unspecified, V4, LEGACY or BOTH");
  }
  BatchOptions o = options;
  o.block_size = std::max<size_t>(kLanePadding, (o.block_size + kLanePadding - 1) / kLanePadding * kLanePadding);
  if (o.offence_table == nullptr) o.offence_table = &scoring::OffenceTable::BuiltIn();
  BatchCoefficients();  // initialise before the workers start
  return BatchScorer(o, *isa, threads);
}

absl::StatusOr<std::vector<v1::ScoreSet>> BatchScorer::Score(
    absl::Span<const v1::Assessment> assessments) const {
  std::vector<v1::ScoreSet> out(assessments.size());
  std::vector<const v1::Assessment*> in(assessments.size());
  std::vector<v1::ScoreSet*> out_pointers(assessments.size());
  for (size_t i = 0; i < assessments.size(); ++i) {
    in[i] = &assessments[i];
    out_pointers[i] = &out[i];
  }
  if (absl::Status status = Score(in, out_pointers); !status.ok()) return status;
  return out;
}

absl::Status BatchScorer::Score(absl::Span<const v1::Assessment* const> assessments,
                                absl::Span<v1::ScoreSet* const> out) const {
  if (assessments.size() != out.size()) {
    return absl::InvalidArgumentError("Score: one output message per assessment is required");
  }
  const size_t n = assessments.size();
  const size_t block = options_.block_size;
  const size_t blocks = (n + block - 1) / block;
  std::vector<absl::Status> status(blocks);
  std::vector<std::unique_ptr<Workspace>> workspaces =
      pool_->Take(std::min(static_cast<size_t>(threads_), std::max<size_t>(blocks, 1)));
  const scoring::OffenceTable& offences = *options_.offence_table;
  const v1::ModelSet model_set = options_.model_set;
  const ScoreOptions complete{.model_set = model_set, .offence_table = &offences, .explain = false};
  ParallelFor(blocks, threads_, [&](size_t b, int worker) {
    Workspace& ws = *workspaces[static_cast<size_t>(worker)];
    const size_t begin = b * block, end = std::min(n, begin + block);
    ws.batch.Clear();
    for (size_t i = begin; i < end; ++i) ws.batch.AppendAssessment(*assessments[i], offences);
    status[b] = ScoreFeatures(isa_, ws.batch, &ws.cols);
    if (!status[b].ok()) return;
    size_t cursor = 0;
    for (size_t i = begin; i < end; ++i) {
      FillScoreSet(*assessments[i], ws.batch, ws.cols, i - begin, &cursor, offences.version(),
                   model_set, out[i]);
      if (model_set != v1::MODEL_SET_UNSPECIFIED) {
        // Cannot fail: Create accepted the model set.
        status[b].Update(CompleteScoreSet(*assessments[i], complete, out[i]));
      }
    }
  });
  pool_->Give(&workspaces);
  for (const absl::Status& s : status) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> BatchScorer::ScoreDelimited(absl::string_view input) const {
  std::string out;
  absl::Status status = ScoreDelimited(input, &out);
  if (!status.ok()) return status;
  return out;
}

absl::Status BatchScorer::ScoreDelimited(absl::string_view input, std::string* result) const {
  const size_t block = options_.block_size;
  BlockFramer framer(input, block);
  result->clear();  // keeps its capacity: a reused string is not regrown
  OrderedCommit commit(pool_->TakeSpareBuffers(), result);
  // Every worker takes blocks from the framer until the input is done.
  std::vector<std::unique_ptr<Workspace>> workspaces = pool_->Take(static_cast<size_t>(threads_));
  std::vector<absl::Status> status(static_cast<size_t>(threads_));
  const scoring::OffenceTable& offences = *options_.offence_table;
  const v1::ModelSet model_set = options_.model_set;
  const ScoreOptions complete{.model_set = model_set, .offence_table = &offences, .explain = false};
  const bool wire_path = model_set == v1::MODEL_SET_UNSPECIFIED && options_.review_policy == nullptr;

  // One block. False on an engine error (in status[worker]).
  const auto score_block = [&](const Block& block_to_score, int worker) {
    const size_t b = block_to_score.index, begin = block_to_score.first_record;
    const size_t count = block_to_score.count;
    size_t pos = block_to_score.start;
    Workspace& ws = *workspaces[static_cast<size_t>(worker)];
    if (ws.records.size() < count) {
      ws.records.resize(block);
      ws.lane_of.resize(block);
      ws.ids.resize(block);
    }
    ws.arena.Reset();
    ws.batch.Clear();
    int32_t lanes = 0;
    for (size_t j = 0; j < count; ++j) {
      uint64_t size = 0;
      ReadVarint(input, &pos, &size);  // framed above: cannot fail
      const std::string_view bytes(input.data() + pos, static_cast<size_t>(size));
      pos += static_cast<size_t>(size);
      // Records with clean static inputs, in the reoffending scope: the
      // wire decoder fills the lane without building a message. Anything
      // else (the decoder's fallback, records needing the static
      // validation's errors, review and model sets, which read the whole
      // message) is parsed by protobuf.
      if (wire_path && DecodeAssessment(bytes, &ws.wire) && ws.batch.AppendWire(ws.wire, offences)) {
        ws.records[j] = nullptr;
        ws.ids[j] = {ws.wire.assessment_id(), ws.wire.case_reference()};
        ws.lane_of[j] = lanes++;
        continue;
      }
      ws.records[j] = google::protobuf::Arena::CreateMessage<v1::Assessment>(&ws.arena);
      const bool ok = ws.records[j]->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
      ws.lane_of[j] = ok ? lanes++ : -1;
      if (ok) {
        ws.batch.AppendAssessment(*ws.records[j], offences);
        ws.ids[j] = {ws.records[j]->assessment_id(), ws.records[j]->case_reference()};
      }
    }
    absl::Status& st = status[static_cast<size_t>(worker)];
    st = ScoreFeatures(isa_, ws.batch, &ws.cols);
    if (!st.ok()) return false;

    Buf& out = ws.out;
    out.clear();
    out.Reserve(count * 256);
    Scratch& sc = ws.scratch;
    size_t cursor = 0;
    for (size_t j = 0; j < count; ++j) {
      const uint64_t index = begin + j;
      if (ws.lane_of[j] < 0) {
        EncodeRecordError(index, v1::MALFORMED_RECORD, &sc, &out);
        continue;
      }
      const size_t lane = static_cast<size_t>(ws.lane_of[j]);
      if (model_set != v1::MODEL_SET_UNSPECIFIED) {
        const v1::Assessment& a = *ws.records[j];
        // The whole model set: Evaluate's message (engine/evaluate.h),
        // serialized by protobuf (the hand encoder covers the reoffending
        // scope only).
        v1::RecordResult& r = ws.result;
        r.Clear();
        r.set_index(index);
        r.set_assessment_id(a.assessment_id());
        r.set_case_reference(a.case_reference());
        FillScoreSet(a, ws.batch, ws.cols, lane, &cursor, offences.version(), model_set,
                     r.mutable_scores());
        st.Update(CompleteScoreSet(a, complete, r.mutable_scores()));
        if (options_.review_policy != nullptr) {
          AddReviewAndTier(a, r.scores(), *options_.review_policy, options_.as_of, &r);
        }
        ws.serialized.clear();
        r.SerializeToString(&ws.serialized);
        PutVarint(&out, ws.serialized.size());
        out.append(ws.serialized);
        continue;
      }
      // RecordResult { index, ids, ScoreSet { id, table version, ARP, VRP,
      // SVRP, OGRS3 }, review }, written straight into the block's output.
      const auto& [assessment_id, case_reference] = ws.ids[j];
      const size_t record_at = OpenLength(&out, 2);
      PutUint64(&out, 1, index);
      PutString(&out, 2, assessment_id);
      PutString(&out, 3, case_reference);
      const size_t scores_at = OpenField(&out, 4, 2);
      PutString(&out, 1, assessment_id);
      PutString(&out, 3, offences.version());
      size_t review_cursor = cursor;
      for (int i = 0; i < 3; ++i) {
        const size_t at = OpenField(&out, 10 + i, 1);
        EncodePredictor(ws.cols, lane, i,
                        LaneErrorsFor(ws.batch.errors(), &cursor, lane, kReoffending[i]), &sc, out);
        CloseLength(&out, at, 1);
      }
      const size_t ogrs3_at = OpenField(&out, 16, 1);
      EncodeOgrs3(ws.cols, lane, LaneErrorsFor(ws.batch.errors(), &cursor, lane, Predictor::kOgrs3),
                  &sc, out);
      CloseLength(&out, ogrs3_at, 1);
      CloseLength(&out, scores_at, 2);
      if (options_.review_policy != nullptr) {
        const v1::Assessment& a = *ws.records[j];
        FillScoreSet(a, ws.batch, ws.cols, lane, &review_cursor, offences.version(), model_set,
                     &ws.score_set);
        review::DecideReview(a, ws.score_set, a.case_context(),
                             a.case_context().has_practitioner_decision()
                                 ? &a.case_context().practitioner_decision()
                                 : nullptr,
                             *options_.review_policy, options_.as_of, &ws.review);
        ws.serialized.clear();
        ws.review.SerializeToString(&ws.serialized);
        PutBytes(&out, 5, ws.serialized);
      }
      CloseLength(&out, record_at, 2);
    }
    commit.Finish(b, &out);
    return st.ok();
  };
  // The first block is framed here: a stream of one block is scored on
  // the caller's thread, without starting any.
  Block first;
  if (framer.Next(&first)) {
    const int workers = framer.exhausted() ? 1 : threads_;
    ParallelFor(static_cast<size_t>(workers), workers, [&](size_t task, int worker) {
      if (task == 0 && !score_block(first, worker)) {
        framer.Stop();
        return;
      }
      Block next;
      while (framer.Next(&next)) {
        if (!score_block(next, worker)) {
          framer.Stop();
          return;
        }
      }
    });
  }
  pool_->Give(&workspaces);
  pool_->GiveSpareBuffers(commit.ReleaseBuffers());
  for (const absl::Status& s : status) {
    if (!s.ok()) {
      result->clear();
      return s;
    }
  }
  if (commit.written() != framer.blocks()) {
    result->clear();
    return absl::InternalError("ScoreDelimited: a block was not written");
  }
  if (framer.truncated()) {
    Scratch sc;
    Buf tail;
    EncodeRecordError(framer.records(), v1::TRUNCATED_STREAM, &sc, &tail);
    result->append(tail.view().data(), tail.size());
  }
  return absl::OkStatus();
}

}  // namespace assay::batch
