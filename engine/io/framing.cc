// NextFrame's general path: every delimited case the inline fast path does
// not take, and TFRecord.
#include "engine/io/framing.h"

namespace assay::io::framing {
namespace {

uint64_t LoadLittleEndian(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

FrameStatus Record(std::string_view bytes, size_t header, size_t length, size_t total,
                   bool checksum_ok, Frame* frame) {
  frame->payload = bytes.substr(header, length);
  frame->size = total;
  frame->payload_checksum_ok = checksum_ok;
  return FrameStatus::kRecord;
}

// `bytes` ends before the `needed` bytes this record takes (or a lower bound
// while its header is incomplete).
FrameStatus Incomplete(bool end_of_input, size_t needed, Frame* frame) {
  *frame = Frame{};
  frame->size = needed;
  return end_of_input ? FrameStatus::kTruncated : FrameStatus::kNeedMore;
}

FrameStatus Damaged(Frame* frame) {
  *frame = Frame{};
  return FrameStatus::kDamaged;
}

FrameStatus NextDelimited(std::string_view bytes, bool end_of_input, Frame* frame) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  // The varint, by protobuf's ReadSize rules: at most 5 bytes, and the 5th
  // below 8 (the value below 2 GiB). Non-minimal encodings (0x80 0x00 for 0)
  // are accepted, as protobuf accepts them.
  uint64_t length = 0;
  size_t header = 0;
  for (;;) {
    if (header == bytes.size()) return Incomplete(end_of_input, header + 1, frame);
    const unsigned char byte = p[header];
    if (header == kMaxDelimitedHeaderBytes - 1) {
      // Covers both a 6th byte to come (continuation bit) and >= 2^31.
      if (byte >= 8) return Damaged(frame);
      length |= uint64_t{byte} << 28;
      ++header;
      break;
    }
    length |= uint64_t{byte & 0x7Fu} << (7 * header);
    ++header;
    if (byte < 0x80) break;
  }
  if (length > kMaxRecordBytes) return Damaged(frame);
  const size_t total = header + static_cast<size_t>(length);
  if (bytes.size() < total) return Incomplete(end_of_input, total, frame);
  return Record(bytes, header, static_cast<size_t>(length), total, true, frame);
}

FrameStatus NextTfRecord(std::string_view bytes, bool end_of_input, Frame* frame) {
  if (bytes.size() < kTfRecordHeaderBytes) {
    return Incomplete(end_of_input, kTfRecordHeaderBytes, frame);
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  // The length is only trusted once its own CRC matches: a flipped bit in it
  // would otherwise send the reader to a wrong offset, or make it wait for
  // gigabytes.
  const auto stored_length_crc = static_cast<uint32_t>(LoadLittleEndian(p + 8, 4));
  if (MaskCrc32c(Crc32c(bytes.substr(0, 8))) != stored_length_crc) return Damaged(frame);
  const uint64_t length = LoadLittleEndian(p, 8);
  if (length > kMaxRecordBytes) return Damaged(frame);
  const size_t total =
      kTfRecordHeaderBytes + static_cast<size_t>(length) + kTfRecordTrailerBytes;
  if (bytes.size() < total) return Incomplete(end_of_input, total, frame);
  const std::string_view payload = bytes.substr(kTfRecordHeaderBytes, length);
  const auto stored_data_crc = static_cast<uint32_t>(
      LoadLittleEndian(p + kTfRecordHeaderBytes + length, 4));
  return Record(bytes, kTfRecordHeaderBytes, static_cast<size_t>(length), total,
                MaskCrc32c(Crc32c(payload)) == stored_data_crc, frame);
}

}  // namespace

namespace framing_internal {

SlowResult NextFrameSlow(Framing framing, std::string_view bytes, bool end_of_input) {
  SlowResult result;
  if (bytes.empty()) {
    result.status = end_of_input ? FrameStatus::kEnd
                                 : Incomplete(false,
                                              framing == Framing::kTfRecord ? kTfRecordHeaderBytes
                                                                            : 1,
                                              &result.frame);
    return result;
  }
  result.status = framing == Framing::kTfRecord
                      ? NextTfRecord(bytes, end_of_input, &result.frame)
                      : NextDelimited(bytes, end_of_input, &result.frame);
  return result;
}

}  // namespace framing_internal

std::string_view FramingName(Framing framing) {
  switch (framing) {
    case Framing::kLengthDelimited:
      return "delimited";
    case Framing::kTfRecord:
      return "tfrecord";
  }
  return "unknown";
}

std::optional<Framing> ParseFraming(std::string_view name) {
  for (const Framing framing : {Framing::kLengthDelimited, Framing::kTfRecord}) {
    if (name == FramingName(framing)) return framing;
  }
  return std::nullopt;
}

std::string_view FrameStatusName(FrameStatus status) {
  switch (status) {
    case FrameStatus::kRecord:
      return "record";
    case FrameStatus::kNeedMore:
      return "need-more";
    case FrameStatus::kEnd:
      return "end";
    case FrameStatus::kDamaged:
      return "damaged";
    case FrameStatus::kTruncated:
      return "truncated";
  }
  return "unknown";
}

}  // namespace assay::io::framing
