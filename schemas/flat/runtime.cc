#include "schemas/flat/runtime.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <utility>

#include "google/protobuf/stubs/common.h"
#include "schemas/flat/wire.h"

namespace assay::flat {

// ---- Arena --------------------------------------------------------------

Arena::~Arena() {
  for (const Block& b : blocks_) std::free(b.data);
}

void Arena::Reset() {
  if (blocks_.empty()) return;
  current_ = 0;
  ptr_ = blocks_[0].data;
  end_ = ptr_ + blocks_[0].size;
}

size_t Arena::BytesReserved() const {
  size_t total = 0;
  for (const Block& b : blocks_) total += b.size;
  return total;
}

void* Arena::AllocateSlow(size_t bytes, size_t align) {
  const size_t need = bytes + align;  // room for the worst-case alignment
  // Reuse a kept block that fits: the next ones after a Reset. A block too
  // small for this request stays in the list for later, smaller requests.
  const size_t first = blocks_.empty() ? 0 : current_ + 1;
  for (size_t i = first; i < blocks_.size(); ++i) {
    if (blocks_[i].size >= need) {
      std::swap(blocks_[i], blocks_[first]);
      current_ = first;
      ptr_ = blocks_[first].data;
      end_ = ptr_ + blocks_[first].size;
      return Allocate(bytes, align);
    }
  }
  const size_t size = std::max(kMinBlockSize, need);
  char* data = static_cast<char*>(std::malloc(size));
  if (data == nullptr) throw std::bad_alloc();
  blocks_.push_back(Block{data, size});
  std::swap(blocks_.back(), blocks_[first]);
  current_ = first;
  ptr_ = data;
  end_ = data + size;
  return Allocate(bytes, align);
}

// ---- ByteSink -----------------------------------------------------------

ByteSink::ByteSink(ByteSink&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

ByteSink& ByteSink::operator=(ByteSink&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

ByteSink::~ByteSink() { std::free(data_); }

void ByteSink::Grow(size_t need) {
  const size_t capacity = std::max({need, capacity_ * 2, size_t{256}});
  // realloc copies only the live bytes' pages when it must move; no zero fill.
  char* bigger = static_cast<char*>(std::realloc(data_, capacity));
  if (bigger == nullptr) throw std::bad_alloc();
  data_ = bigger;
  capacity_ = capacity;
}

// ---- wire ---------------------------------------------------------------

namespace internal {

const char* ReadVarint64Slow(const char* p, const char* end, uint64_t* out) {
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    if (p + i >= end) return nullptr;
    const uint64_t b = static_cast<unsigned char>(p[i]);
    // At i = 9 only the lowest bit lands inside 64 bits; protobuf drops the
    // rest too (VarintParseSlow64).
    value |= (b & 0x7f) << (7 * i);
    if (b < 0x80) {
      *out = value;
      return p + i + 1;
    }
  }
  return nullptr;  // a 10th byte with its continuation bit set
}

const char* ReadTagSlow(const char* p, const char* end, uint32_t* out) {
  uint32_t value = 0;
  for (int i = 0; i < 5; ++i) {
    if (p + i >= end) return nullptr;
    const uint32_t b = static_cast<unsigned char>(p[i]);
    // The 5th byte's high bits fall off the 32-bit tag (ReadTagFallback).
    value |= (b & 0x7f) << (7 * i);
    if (b < 0x80) {
      *out = value;
      return p + i + 1;
    }
  }
  return nullptr;
}

const char* ReadSizeSlow(const char* p, const char* end, uint32_t* out) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    if (p + i >= end) return nullptr;
    const uint32_t b = static_cast<unsigned char>(p[i]);
    value |= (b & 0x7f) << (7 * i);
    if (b < 0x80) {
      *out = value;
      return p + i + 1;
    }
  }
  if (p + 4 >= end) return nullptr;
  const uint32_t b = static_cast<unsigned char>(p[4]);
  if (b >= 8) return nullptr;  // >= 2 GiB, or a 6th byte
  value |= b << 28;
  // ReadSizeFallback rejects sizes close to INT_MAX (kSlopBytes = 16).
  if (value > static_cast<uint32_t>(INT_MAX - 16)) return nullptr;
  *out = value;
  return p + 5;
}

namespace {

// An unknown group (UnknownFieldParserHelper::ParseGroup + WireFormatParser):
// fields until the END_GROUP tag of the same number.
const char* SkipGroup(uint32_t number, const char* p, const char* end, int depth) {
  if (depth < 1) return nullptr;  // ParseGroup: --depth_ < 0
  --depth;
  while (true) {
    if (p >= end) return nullptr;  // ended at a limit: ConsumeEndGroup fails
    uint32_t tag;
    p = ReadTag(p, end, &tag);
    if (p == nullptr || tag == 0) return nullptr;
    if ((tag & 7) == 4) return tag == ((number << 3) | 4) ? p : nullptr;
    p = SkipField(tag, p, end, depth);
    if (p == nullptr) return nullptr;
  }
}

}  // namespace

const char* SkipField(uint32_t tag, const char* p, const char* end, int depth) {
  const uint32_t number = tag >> 3;
  if (number == 0) return nullptr;
  switch (tag & 7) {
    case 0: {
      uint64_t v;
      return ReadVarint64(p, end, &v);
    }
    case 1:
      return end - p >= 8 ? p + 8 : nullptr;
    case 2: {
      const char* payload_end;
      p = ReadLengthDelimited(p, end, &payload_end);
      return p == nullptr ? nullptr : payload_end;
    }
    case 3:
      return SkipGroup(number, p, end, depth);
    case 5:
      return end - p >= 4 ? p + 4 : nullptr;
    default:  // 4: END_GROUP with no open group ends the message: an error; 6, 7
      return nullptr;
  }
}

bool ValidUtf8Slow(const char* p, size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) return false;
  return google::protobuf::internal::IsStructurallyValidUTF8(p, static_cast<int>(n));
}

void CloseLengthSlow(ByteSink* s, size_t at, int guess, size_t body) {
  char varint[10];
  size_t n = 0;
  for (uint64_t v = body;; v >>= 7) {
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

}  // namespace internal
}  // namespace assay::flat
