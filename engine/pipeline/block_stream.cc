#include "engine/pipeline/block_stream.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace assay::pipeline {

// A piece of the input: bytes [begin, end) of `storage`, or an external view
// for input that was already in memory. Reads land after `kHeadroom` free
// bytes so that the unframed tail of the previous chunk (usually part of
// one record) can be copied in front of them instead of moving the chunk.
struct Chunk {
  static constexpr size_t kHeadroom = 64 << 10;
  std::unique_ptr<char[]> storage;
  size_t capacity = 0;
  size_t begin = 0;
  size_t end = 0;
  std::string_view external;
  std::string_view data() const {
    return storage ? std::string_view(storage.get() + begin, end - begin) : external;
  }
};

// Recycles chunk storage: in steady state a run reuses a few buffers.
struct BlockFeeder::Pool {
  std::mutex mu;
  size_t buffer_bytes;
  std::vector<std::unique_ptr<char[]>> free;

  explicit Pool(size_t bytes) : buffer_bytes(bytes) {}
  std::unique_ptr<char[]> Take() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!free.empty()) {
        std::unique_ptr<char[]> b = std::move(free.back());
        free.pop_back();
        return b;
      }
    }
    return std::unique_ptr<char[]>(new char[buffer_bytes]);
  }
  void Give(std::unique_ptr<char[]> b) {
    std::lock_guard<std::mutex> lock(mu);
    if (free.size() < 8) free.push_back(std::move(b));
  }
};

namespace {

// A shared_ptr to a chunk whose standard-size storage goes back to the pool.
// The deleter holds the pool, so a block may outlive the feeder.
std::shared_ptr<Chunk> PooledChunk(std::shared_ptr<BlockFeeder::Pool> pool,
                                   std::unique_ptr<char[]> storage, size_t capacity) {
  auto* chunk = new Chunk;
  chunk->storage = std::move(storage);
  chunk->capacity = capacity;
  const size_t standard = pool->buffer_bytes;
  return std::shared_ptr<Chunk>(chunk, [pool = std::move(pool), standard](Chunk* c) {
    if (c->capacity == standard && c->storage) pool->Give(std::move(c->storage));
    delete c;
  });
}

enum class LineStatus { kLine, kNeedMore, kEnd };

// The line at the start of `bytes` (without its LF or CRLF); `*size` is the
// bytes consumed including the line ending.
LineStatus NextLine(std::string_view bytes, bool end_of_input, std::string_view* line, size_t* size) {
  if (bytes.empty()) return end_of_input ? LineStatus::kEnd : LineStatus::kNeedMore;
  const void* nl = std::memchr(bytes.data(), '\n', bytes.size());
  size_t length;
  if (nl == nullptr) {
    if (!end_of_input) return LineStatus::kNeedMore;
    length = bytes.size();
    *size = length;
  } else {
    length = static_cast<size_t>(static_cast<const char*>(nl) - bytes.data());
    *size = length + 1;
  }
  if (length > 0 && bytes[length - 1] == '\r') --length;
  *line = bytes.substr(0, length);
  return LineStatus::kLine;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

BlockFeeder::BlockFeeder(io::ByteSource* source, const FeederOptions& options)
    : source_(source), options_(options) {
  const size_t buffer = Chunk::kHeadroom + std::max<size_t>(options_.chunk_bytes, 4096);
  pool_ = std::make_shared<Pool>(buffer);
  if (const std::optional<std::string_view> all = source_->InMemory()) {
    current_ = std::make_shared<Chunk>();
    current_->external = *all;
    source_done_ = true;
    bytes_read_ = all->size();
  }
}

BlockFeeder::~BlockFeeder() {
  // A worker may still be reading ahead into this feeder.
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return !reading_; });
}

std::string BlockFeeder::header() const {
  std::lock_guard<std::mutex> lock(mu_);
  return header_;
}

uint64_t BlockFeeder::bytes_read() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_read_;
}

absl::Status BlockFeeder::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void BlockFeeder::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
}

void BlockFeeder::ReadAhead() {
  // Only the worker that set reading_ gets here, without the lock.
  std::unique_ptr<char[]> storage = pool_->Take();
  const size_t capacity = pool_->buffer_bytes;
  absl::StatusOr<size_t> n = source_->Read(storage.get() + Chunk::kHeadroom, capacity - Chunk::kHeadroom);
  std::lock_guard<std::mutex> lock(mu_);
  reading_ = false;
  if (!n.ok()) {
    status_ = n.status();
    source_done_ = true;
  } else if (*n == 0) {
    source_done_ = true;
    pool_->Give(std::move(storage));
  } else {
    next_ = PooledChunk(pool_, std::move(storage), capacity);
    next_->begin = Chunk::kHeadroom;
    next_->end = Chunk::kHeadroom + *n;
    bytes_read_ += *n;
  }
  cv_.notify_all();
}

bool BlockFeeder::Next(InputBlock* block) {
  block->records.clear();
  block->end = StreamEnd::kNone;
  block->end_offset = 0;
  block->chunk.reset();
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (done_) return false;
    FrameLocked(block, lock);
    if (!block->records.empty() || block->end != StreamEnd::kNone) break;
    if (done_) return false;
  }
  block->index = blocks_++;
  block->first_record = records_;
  records_ += block->records.size();
  // Read the next chunk ahead of need, outside the lock, so the other
  // workers keep framing and scoring meanwhile.
  const size_t remaining = current_ ? current_->data().size() - pos_ : 0;
  if (!source_done_ && !next_ && !reading_ && remaining < options_.chunk_bytes / 2) {
    reading_ = true;
    lock.unlock();
    ReadAhead();
  }
  return true;
}

void BlockFeeder::FrameLocked(InputBlock* block, std::unique_lock<std::mutex>& lock) {
  while (true) {
    // Another worker may have ended the stream while this one waited for a
    // read.
    if (done_) return;
    const std::string_view data = current_ ? current_->data() : std::string_view();
    const bool end_of_input = source_done_ && !next_;
    bool need_more = false;
    while (block->records.size() < options_.block_records) {
      const std::string_view rest = data.substr(pos_);
      const uint64_t offset = chunk_offset_ + pos_;
      if (options_.framing == InputFraming::kLines) {
        std::string_view line;
        size_t size = 0;
        const LineStatus s = NextLine(rest, end_of_input, &line, &size);
        if (s == LineStatus::kNeedMore) {
          need_more = true;
          break;
        }
        if (s == LineStatus::kEnd) {
          done_ = true;
          if (!status_.ok()) {
            block->end = StreamEnd::kReadError;
            block->end_offset = offset;
          }
          break;
        }
        pos_ += size;
        const uint64_t number = next_line_++;
        if (options_.header_line && !header_done_) {
          header_done_ = true;
          header_ = std::string(line);
          continue;
        }
        if (options_.skip_blank_lines && IsBlank(line)) continue;
        block->records.push_back(RecordRef{line, offset, number, true});
        continue;
      }
      io::framing::Frame frame;
      const io::framing::Framing framing = options_.framing == InputFraming::kTfRecord
                                      ? io::framing::Framing::kTfRecord
                                      : io::framing::Framing::kLengthDelimited;
      const io::framing::FrameStatus s = io::framing::NextFrame(framing, rest, end_of_input, &frame);
      if (s == io::framing::FrameStatus::kRecord) {
        pos_ += frame.size;
        block->records.push_back(RecordRef{frame.payload, offset, 0, frame.payload_checksum_ok});
        continue;
      }
      if (s == io::framing::FrameStatus::kNeedMore) {
        need_more = true;
        break;
      }
      done_ = true;
      if (s == io::framing::FrameStatus::kEnd) {
        if (!status_.ok()) {
          block->end = StreamEnd::kReadError;
          block->end_offset = offset;
        }
      } else {
        block->end = !status_.ok() ? StreamEnd::kReadError
                     : s == io::framing::FrameStatus::kDamaged ? StreamEnd::kDamaged
                                                       : StreamEnd::kTruncated;
        block->end_offset = offset;
      }
      break;
    }
    if (!block->records.empty() || block->end != StreamEnd::kNone || done_) {
      if (current_) block->chunk = current_;
      return;
    }
    if (!need_more) return;
    // This chunk holds no complete record from pos_ on: join its tail to the
    // next chunk, reading it now unless another worker already is.
    if (!next_) {
      if (reading_) {
        cv_.wait(lock, [this] { return !reading_; });
        continue;
      }
      if (source_done_) continue;  // end_of_input now holds: frame the tail as final
      reading_ = true;
      lock.unlock();
      ReadAhead();
      lock.lock();
      continue;
    }
    const std::string_view carry = data.substr(pos_);
    std::shared_ptr<Chunk> joined = std::move(next_);
    if (carry.size() <= joined->begin) {
      joined->begin -= carry.size();
      if (!carry.empty()) std::memcpy(joined->storage.get() + joined->begin, carry.data(), carry.size());
    } else {
      // A record longer than the headroom: one buffer for both parts.
      const std::string_view tail = joined->data();
      auto big = std::make_shared<Chunk>();
      big->capacity = carry.size() + tail.size();
      big->storage.reset(new char[big->capacity]);
      std::memcpy(big->storage.get(), carry.data(), carry.size());
      std::memcpy(big->storage.get() + carry.size(), tail.data(), tail.size());
      big->end = big->capacity;
      joined = std::move(big);
    }
    chunk_offset_ += pos_;
    current_ = std::move(joined);
    pos_ = 0;
  }
}

OrderedWriter::OrderedWriter(io::ByteSink* sink) : sink_(sink) {}

uint64_t OrderedWriter::written() const {
  std::lock_guard<std::mutex> lock(mu_);
  return next_;
}

absl::Status OrderedWriter::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void OrderedWriter::Finish(uint64_t index, OutputBuffer* out) {
  std::unique_lock<std::mutex> lock(mu_);
  OutputBuffer empty;
  if (!spare_.empty()) {
    empty = std::move(spare_.back());
    spare_.pop_back();
  }
  if (!status_.ok()) {
    out->clear();
    return;
  }
  waiting_.emplace(index, std::move(*out));
  *out = std::move(empty);
  if (writing_ || waiting_.begin()->first != next_) return;
  // This thread writes every block that is ready, in order; the lock is
  // released while writing so other workers can hand in theirs.
  writing_ = true;
  while (!waiting_.empty() && waiting_.begin()->first == next_) {
    OutputBuffer bytes = std::move(waiting_.begin()->second);
    waiting_.erase(waiting_.begin());
    lock.unlock();
    absl::Status status = sink_->Write(bytes.view());
    lock.lock();
    ++next_;
    bytes.clear();
    spare_.push_back(std::move(bytes));
    if (!status.ok()) {
      status_ = std::move(status);
      waiting_.clear();
      break;
    }
  }
  writing_ = false;
}

}  // namespace assay::pipeline
