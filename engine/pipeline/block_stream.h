// The pipeline's threading: an input stream cut into blocks of framed
// records for workers (BlockFeeder), and the workers' outputs written back
// in input order (OrderedWriter). This is the only threading scheme in the
// product; engine/pipeline/pipeline.h drives it.
//
// Contract:
//   - BlockFeeder::Next hands out blocks in input order, numbered 0, 1, ...
//     Each holds up to `block_records` records (fewer at the end of a read
//     chunk or of the input), every record's bytes and byte offset, and a
//     reference that keeps those bytes alive while the block is held. It is
//     thread-safe: workers call it concurrently.
//   - Input is read in chunks (at most `chunk_bytes` plus one record) by the
//     worker that needs them, the next chunk ahead of time and outside the
//     feeder's lock, so reading overlaps with the other workers' scoring.
//     An input already in memory (io::ByteSource::InMemory) is framed in
//     place, without a copy.
//   - Framing (engine/io/framing.h, plus text lines): a stream that ends
//     inside a record, or whose framing is damaged (a TFRecord length whose
//     checksum fails, an impossible length), stops there: the block holding
//     the records before that point says so (`end`, `end_offset`), and no
//     later block exists. A TFRecord payload whose checksum fails is still a
//     record, flagged `checksum_ok = false`.
//   - Text lines: LF or CRLF; a last line without a newline is a record;
//     blank lines are skipped when `skip_blank_lines`; with `header_line`
//     the first line is not a record but header().
//   - OrderedWriter::Finish(index, out) takes block `index`'s output and
//     writes it, and every later block's output already waiting, to the sink
//     in block order; one thread writes at a time and the others continue.
//     The caller's buffer is swapped for an empty one whose capacity is
//     reused, so steady-state output allocates nothing.
//   - Errors: a read error or a sink error is sticky (status()); afterwards
//     Next returns false and Finish drops its buffer.
#ifndef ASSAY_ENGINE_PIPELINE_BLOCK_STREAM_H_
#define ASSAY_ENGINE_PIPELINE_BLOCK_STREAM_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "engine/io/byte_stream.h"
#include "engine/io/framing.h"
#include "schemas/flat/runtime.h"

namespace assay::pipeline {

enum class InputFraming { kLengthDelimited, kTfRecord, kLines };

struct RecordRef {
  std::string_view bytes;  // payload (binary framings) or line (text)
  uint64_t offset = 0;     // byte offset of the record's frame in the input
  uint64_t line = 0;       // 1-based line number (text), else 0
  bool checksum_ok = true;
};

// How the input ended after a block's records.
enum class StreamEnd {
  kNone,       // more blocks may follow, or the input ended cleanly
  kTruncated,  // the input ends inside a record at end_offset
  kDamaged,    // the framing cannot be trusted from end_offset on
  kReadError,  // reading failed at end_offset (see BlockFeeder::status())
};

struct Chunk;

struct InputBlock {
  uint64_t index = 0;
  uint64_t first_record = 0;  // stream index of records[0]
  std::vector<RecordRef> records;
  StreamEnd end = StreamEnd::kNone;
  uint64_t end_offset = 0;
  std::shared_ptr<const Chunk> chunk;  // keeps the bytes alive
};

struct FeederOptions {
  InputFraming framing = InputFraming::kLengthDelimited;
  size_t block_records = 256;
  size_t chunk_bytes = 4 << 20;
  bool skip_blank_lines = false;
  bool header_line = false;
};

class BlockFeeder {
 public:
  struct Pool;
  BlockFeeder(io::ByteSource* source, const FeederOptions& options);
  ~BlockFeeder();
  BlockFeeder(const BlockFeeder&) = delete;
  BlockFeeder& operator=(const BlockFeeder&) = delete;

  // The next block; false when the input is exhausted or the feeder stopped.
  bool Next(InputBlock* block);
  // No more blocks (a worker failed).
  void Stop();

  // Text input with header_line: the header, available once the first
  // Next() has returned (or the input ended); empty otherwise.
  std::string header() const;
  // Bytes consumed from the source so far (for progress).
  uint64_t bytes_read() const;
  // A read error, else OK.
  absl::Status status() const;

 private:
  // Frames records from the current chunk into *block. Requires mu_.
  void FrameLocked(InputBlock* block, std::unique_lock<std::mutex>& lock);
  // Reads the next chunk (called without mu_), `carry` bytes of the current
  // chunk's unframed tail go first.
  void ReadAhead();

  io::ByteSource* source_;
  const FeederOptions options_;
  std::shared_ptr<Pool> pool_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<Chunk> current_;  // being framed
  size_t pos_ = 0;                  // framing position in current_
  std::shared_ptr<Chunk> next_;     // read ahead, not yet framed
  bool reading_ = false;            // a worker is reading next_
  bool source_done_ = false;        // the source returned 0 (or failed)
  bool done_ = false;               // no more blocks
  bool header_done_ = false;
  std::string header_;
  uint64_t chunk_offset_ = 0;  // input offset of current_'s first byte
  uint64_t next_line_ = 1;
  uint64_t blocks_ = 0;
  uint64_t records_ = 0;
  uint64_t bytes_read_ = 0;
  absl::Status status_;
};

// An output buffer: bytes encoded by one worker for one block.
using OutputBuffer = flat::ByteSink;

class OrderedWriter {
 public:
  explicit OrderedWriter(io::ByteSink* sink);

  // Writes block `index`'s output in order (see the contract). *out is
  // replaced by an empty buffer.
  void Finish(uint64_t index, OutputBuffer* out);
  // Blocks written so far.
  uint64_t written() const;
  absl::Status status() const;

 private:
  io::ByteSink* sink_;
  mutable std::mutex mu_;
  std::map<uint64_t, OutputBuffer> waiting_;
  std::vector<OutputBuffer> spare_;
  uint64_t next_ = 0;
  bool writing_ = false;
  absl::Status status_;
};

}  // namespace assay::pipeline

#endif  // ASSAY_ENGINE_PIPELINE_BLOCK_STREAM_H_
