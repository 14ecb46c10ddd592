// Wire-format primitives for the generated flat codecs (assay.flat.cc).
// Internal: generated code calls these; nothing else should.
//
// Contract:
//   - The readers accept exactly what protobuf 3.21.12's parser
//     (google/protobuf/parse_context.h) accepts, with bounds made explicit:
//     each takes the end of the enclosing message (or packed field, or
//     group's message) and returns the position after what it read, or
//     nullptr when protobuf's parser would fail. Reading never goes past
//     `end`, so a field that straddles the end of its message fails, as it
//     does in protobuf (which notices later, at its limit check).
//       ReadTag      varint of at most 5 bytes, value truncated to 32 bits
//                    (ReadTag/ReadTagFallback).
//       ReadVarint64 at most 10 bytes, bits past 64 dropped (VarintParse);
//                    callers keep the low 32 bits for int32/uint32/enum.
//       ReadSize     at most 5 bytes, the 5th < 8, value <= INT_MAX - 16
//                    (ReadSize/ReadSizeFallback); callers check it fits.
//       SkipField    an unknown field of any wire type, as UnknownFieldParse
//                    does: field number 0, wire types 4 (outside a group),
//                    6 and 7 fail; groups must close with their own number
//                    and count against the recursion budget.
//   - `depth` is protobuf's recursion budget (ParseContext::depth_): 100 at
//     the top level; a sub-message or group needs depth >= 1 and gets
//     depth - 1.
//   - The writers append protobuf's canonical encoding (minimal varints,
//     negative int32 sign-extended to 10 bytes).
//
// Example (generated code):
//   p = internal::ReadVarint64(p, end, &v);
//   if (p == nullptr) return nullptr;
#ifndef ASSAY_SCHEMAS_FLAT_WIRE_H_
#define ASSAY_SCHEMAS_FLAT_WIRE_H_

#include <bit>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "schemas/flat/runtime.h"

namespace assay::flat::internal {

static_assert(std::endian::native == std::endian::little,
              "fixed32/fixed64 are read and written in the host's layout");

inline constexpr int kDefaultRecursionLimit = 100;  // CodedInputStream's

#define ASSAY_FLAT_INLINE [[gnu::always_inline]] inline

const char* ReadVarint64Slow(const char* p, const char* end, uint64_t* out);
const char* ReadTagSlow(const char* p, const char* end, uint32_t* out);
const char* ReadSizeSlow(const char* p, const char* end, uint32_t* out);
const char* SkipField(uint32_t tag, const char* p, const char* end, int depth);
// Out of line: protobuf's IsStructurallyValidUTF8 for non-ASCII text.
bool ValidUtf8Slow(const char* p, size_t n);

ASSAY_FLAT_INLINE const char* ReadVarint64(const char* p, const char* end, uint64_t* out) {
  if (p < end && static_cast<signed char>(*p) >= 0) [[likely]] {
    *out = static_cast<unsigned char>(*p);
    return p + 1;
  }
  // Two bytes (years, sanction counts) stay inline too.
  if (end - p >= 2 && static_cast<signed char>(p[1]) >= 0) {
    *out = (static_cast<unsigned char>(p[0]) & 0x7fu) | (static_cast<uint64_t>(static_cast<unsigned char>(p[1])) << 7);
    return p + 2;
  }
  return ReadVarint64Slow(p, end, out);
}

ASSAY_FLAT_INLINE const char* ReadTag(const char* p, const char* end, uint32_t* out) {
  // The caller's loop guarantees p < end.
  const auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) [[likely]] {
    *out = b0;
    return p + 1;
  }
  if (end - p >= 2) {
    const auto b1 = static_cast<unsigned char>(p[1]);
    if (b1 < 0x80) {
      *out = (b0 & 0x7fu) | (static_cast<uint32_t>(b1) << 7);
      return p + 2;
    }
  }
  return ReadTagSlow(p, end, out);
}

ASSAY_FLAT_INLINE const char* ReadSize(const char* p, const char* end, uint32_t* out) {
  if (p < end && static_cast<signed char>(*p) >= 0) [[likely]] {
    *out = static_cast<unsigned char>(*p);
    return p + 1;
  }
  return ReadSizeSlow(p, end, out);
}

// A length-delimited payload: the size, checked against the end of the
// enclosing message. Returns the start of the payload and sets *payload_end.
ASSAY_FLAT_INLINE const char* ReadLengthDelimited(const char* p, const char* end,
                                                  const char** payload_end) {
  uint32_t size;
  p = ReadSize(p, end, &size);
  if (p == nullptr || size > static_cast<size_t>(end - p)) return nullptr;
  *payload_end = p + size;
  return p;
}

ASSAY_FLAT_INLINE bool ValidUtf8(const char* p, size_t n) {
  // Most text is ASCII: eight bytes at a time, then protobuf's own checker
  // for the rest (so acceptance is protobuf's exactly).
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) return ValidUtf8Slow(p + i, n - i);
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return ValidUtf8Slow(p + i, n - i);
  }
  return true;
}

ASSAY_FLAT_INLINE const char* ReadFixed64(const char* p, const char* end, uint64_t* out) {
  if (end - p < 8) return nullptr;
  std::memcpy(out, p, 8);
  return p + 8;
}

ASSAY_FLAT_INLINE const char* ReadFixed32(const char* p, const char* end, uint32_t* out) {
  if (end - p < 4) return nullptr;
  std::memcpy(out, p, 4);
  return p + 4;
}

// Packed varints: the payload must be exactly a run of varints
// (EpsCopyInputStream::ReadPackedVarint). `convert` maps the 64-bit value to
// the element (truncation for 32-bit fields, != 0 for bool).
template <typename T, typename Convert>
inline const char* ReadPackedVarint(const char* p, const char* end, Repeated<T>* out,
                                    Convert convert) {
  const char* payload_end;
  p = ReadLengthDelimited(p, end, &payload_end);
  if (p == nullptr) return nullptr;
  while (p < payload_end) {
    uint64_t v;
    p = ReadVarint64(p, payload_end, &v);
    if (p == nullptr) return nullptr;
    out->Add(convert(v));
  }
  return p;
}

// Packed fixed-width values: the payload length must be a multiple of the
// element size (EpsCopyInputStream::ReadPackedFixed).
template <typename T>
inline const char* ReadPackedFixed(const char* p, const char* end, Repeated<T>* out) {
  const char* payload_end;
  p = ReadLengthDelimited(p, end, &payload_end);
  if (p == nullptr) return nullptr;
  const size_t bytes = static_cast<size_t>(payload_end - p);
  if (bytes % sizeof(T) != 0) return nullptr;
  const int n = static_cast<int>(bytes / sizeof(T));
  out->Reserve(out->size() + n);
  for (int i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, p + i * sizeof(T), sizeof(T));
    out->Add(v);
  }
  return payload_end;
}

// Two bytes as a little-endian integer (tag comparisons).
ASSAY_FLAT_INLINE uint16_t Load16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

// ---- writing ------------------------------------------------------------

// Raw-pointer writers: the caller has reserved room (ByteSink::Reserve) and
// commits the end (ByteSink::CommitTo). They return the new end.
ASSAY_FLAT_INLINE char* WriteVarint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

ASSAY_FLAT_INLINE char* WriteFixed64(char* p, uint64_t v) {
  std::memcpy(p, &v, 8);
  return p + 8;
}

ASSAY_FLAT_INLINE char* WriteFixed32(char* p, uint32_t v) {
  std::memcpy(p, &v, 4);
  return p + 4;
}

// The encoder's primitives are forced inline: with constant field numbers
// a tag folds to one or two byte stores, and most values are one byte.
ASSAY_FLAT_INLINE void PutVarint(ByteSink* s, uint64_t v) {
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

ASSAY_FLAT_INLINE size_t VarintSize(uint64_t v) {
  // 1 + floor(bit_width(v | 1) - 1) / 7
  return static_cast<size_t>((std::bit_width(v | 1) * 9 + 64) / 64);
}

// int32/enum values: negative ones are sign-extended to 10 bytes.
ASSAY_FLAT_INLINE uint64_t Int32Wire(int32_t v) {
  return static_cast<uint64_t>(static_cast<int64_t>(v));
}

// Copies n bytes with at most two (overlapping) loads and stores of a fixed
// width: most strings are short ids, where a memcpy call with a run-time
// size costs more than the copy.
ASSAY_FLAT_INLINE void CopyShort(char* d, const char* s, size_t n) {
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

// Length and bytes of a string/bytes field (the tag is already written);
// room for 5 + bytes.size() bytes is reserved.
ASSAY_FLAT_INLINE char* WriteLengthAndBytes(char* p, std::string_view bytes) {
  p = WriteVarint(p, bytes.size());
  CopyShort(p, bytes.data(), bytes.size());
  return p + bytes.size();
}

// A length-delimited field written in place: OpenLength reserves `guess`
// bytes for the length, CloseLength writes it there, moving the body when
// its varint needs another number of bytes (rare when the guesses fit the
// usual sizes). This saves protobuf's separate ByteSize pass, and encoding
// each nested message into a scratch buffer.
ASSAY_FLAT_INLINE size_t OpenLength(ByteSink* s, int guess) {
  const size_t at = s->size();
  s->Reserve(static_cast<size_t>(guess));
  s->Commit(static_cast<size_t>(guess));
  return at;
}

void CloseLengthSlow(ByteSink* s, size_t at, int guess, size_t body);

ASSAY_FLAT_INLINE void CloseLength(ByteSink* s, size_t at, int guess) {
  const size_t body = s->size() - at - static_cast<size_t>(guess);
  if (guess == 1 && body < 0x80) {
    s->data()[at] = static_cast<char>(body);
    return;
  }
  if (guess == 2 && body >= 0x80 && body < 0x4000) {
    s->data()[at] = static_cast<char>(body | 0x80);
    s->data()[at + 1] = static_cast<char>(body >> 7);
    return;
  }
  CloseLengthSlow(s, at, guess, body);
}

}  // namespace assay::flat::internal

#endif  // ASSAY_SCHEMAS_FLAT_WIRE_H_
