// The runtime of the flat message mirrors (schemas/flat/assay.flat.h, made
// by tools/flatgen): an arena, repeated fields over it, and a byte sink.
//
// Contract:
//   - Arena: a bump allocator over blocks of at least 64 KiB. Allocate never
//     returns null (it throws std::bad_alloc like operator new when the
//     system is out of memory). Reset() rewinds to the first block and keeps
//     every block, so a loop that resets one arena per block of records
//     stops calling malloc once the arena has grown to the loop's high-water
//     mark. Memory is released only by the destructor. Not thread-safe: one
//     arena per thread. Everything allocated on an arena (and every flat
//     message using it) is invalid after Reset() or destruction; a message
//     object kept across a Reset must be constructed afresh
//     (`m = Assessment(&arena);`), not just cleared, since Clear() keeps
//     its repeated fields' (now reclaimed) storage.
//   - Repeated<T> (T a scalar, an int32 enum slot or a flat message) and
//     RepeatedString: contiguous storage on the arena, grown by doubling; the
//     old storage is abandoned in the arena (reclaimed by Reset). Pointers to
//     elements are invalidated by the next Add (unlike protobuf's
//     RepeatedPtrField). Clear() keeps the capacity. Trivially copyable: a
//     copy shares the storage of the original (a shallow view); adding to
//     both the copy and the original overwrites each other's elements.
//   - ByteSink: an append-only byte buffer on the heap. Growth does not
//     zero-fill; clear() keeps the capacity. Reserve(n) returns a pointer to
//     n writable bytes past the end, Commit(n) makes them part of the
//     contents.
//
// Example:
//   assay::flat::Arena arena;
//   for (const Block& block : blocks) {
//     arena.Reset();  // no malloc once warm
//     assay::flat::Assessment record(&arena);  // after the Reset
//     for (std::string_view bytes : block.records) {
//       if (!assay::flat::Decode(bytes, &record)) continue;
//       ...
//     }
//   }
#ifndef ASSAY_SCHEMAS_FLAT_RUNTIME_H_
#define ASSAY_SCHEMAS_FLAT_RUNTIME_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

namespace assay::flat {

class Arena {
 public:
  static constexpr size_t kMinBlockSize = 64 << 10;

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  // `align` must be a power of two no larger than alignof(std::max_align_t).
  void* Allocate(size_t bytes, size_t align) {
    const uintptr_t p = (reinterpret_cast<uintptr_t>(ptr_) + (align - 1)) & ~(align - 1);
    if (p + bytes <= reinterpret_cast<uintptr_t>(end_) && ptr_ != nullptr) {
      ptr_ = reinterpret_cast<char*>(p + bytes);
      return reinterpret_cast<void*>(p);
    }
    return AllocateSlow(bytes, align);
  }

  template <typename T>
  T* AllocateArray(size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    return static_cast<T*>(Allocate(n * sizeof(T), alignof(T)));
  }

  std::string_view Copy(std::string_view text) {
    if (text.empty()) return std::string_view();
    char* d = static_cast<char*>(Allocate(text.size(), 1));
    std::memcpy(d, text.data(), text.size());
    return std::string_view(d, text.size());
  }

  // Rewinds to the first block; keeps all blocks for reuse.
  void Reset();

  // Bytes of blocks owned (for tests and capacity planning).
  size_t BytesReserved() const;

 private:
  struct Block {
    char* data;
    size_t size;
  };
  void* AllocateSlow(size_t bytes, size_t align);

  char* ptr_ = nullptr;
  char* end_ = nullptr;
  std::vector<Block> blocks_;
  size_t current_ = 0;  // index of the block ptr_ points into
};

namespace internal {
// Capacity for a repeated field that must hold `need` elements.
inline int GrownCapacity(int capacity, int need, size_t element_size) {
  int grown = capacity == 0 ? static_cast<int>(element_size >= 64 ? 2 : 64 / element_size) : capacity * 2;
  return grown < need ? need : grown;
}
}  // namespace internal

template <typename T>
class Repeated {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  explicit Repeated(Arena* arena) : arena_(arena) {}

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](int i) const { return data_[i]; }
  T& operator[](int i) { return data_[i]; }
  const T& Get(int i) const { return data_[i]; }
  T* Mutable(int i) { return &data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* data() const { return data_; }
  Arena* arena() const { return arena_; }

  // Scalars (and int32 enum slots).
  void Add(T value)
    requires(std::is_arithmetic_v<T>)
  {
    if (size_ == capacity_) Grow(size_ + 1);
    data_[size_++] = value;
  }
  // Messages: a new, empty element on the arena.
  T* Add()
    requires(std::is_constructible_v<T, Arena*>)
  {
    if (size_ == capacity_) Grow(size_ + 1);
    return ::new (static_cast<void*>(data_ + size_++)) T(arena_);
  }
  // One more element, not initialised: the caller assigns it at once.
  T* AddRaw() {
    if (size_ == capacity_) Grow(size_ + 1);
    return data_ + size_++;
  }
  // Drops elements past n (n <= size()).
  void Truncate(int n) { size_ = n; }
  void Reserve(int n) {
    if (n > capacity_) Grow(n);
  }
  void Clear() { size_ = 0; }

 private:
  void Grow(int need) {
    const int capacity = internal::GrownCapacity(capacity_, need, sizeof(T));
    T* bigger = arena_->AllocateArray<T>(static_cast<size_t>(capacity));
    if (size_ > 0) std::memcpy(static_cast<void*>(bigger), data_, sizeof(T) * static_cast<size_t>(size_));
    data_ = bigger;
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  int size_ = 0;
  int capacity_ = 0;
  Arena* arena_;
};

// Repeated string/bytes: views into the arena (Add copies) or into memory
// the caller keeps alive (AddAlias, used by Decode over its input).
class RepeatedString {
 public:
  explicit RepeatedString(Arena* arena) : items_(arena) {}

  int size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  std::string_view operator[](int i) const { return items_[i]; }
  std::string_view Get(int i) const { return items_[i]; }
  std::string_view* Mutable(int i) { return items_.Mutable(i); }
  const std::string_view* begin() const { return items_.begin(); }
  const std::string_view* end() const { return items_.end(); }
  Arena* arena() const { return items_.arena(); }

  void Add(std::string_view text) { *items_.AddRaw() = items_.arena()->Copy(text); }
  void AddAlias(std::string_view text) { *items_.AddRaw() = text; }
  void Reserve(int n) { items_.Reserve(n); }
  void Clear() { items_.Clear(); }

 private:
  Repeated<std::string_view> items_;
};

class ByteSink {
 public:
  ByteSink() = default;
  ByteSink(const ByteSink&) = delete;
  ByteSink& operator=(const ByteSink&) = delete;
  ByteSink(ByteSink&& other) noexcept;
  ByteSink& operator=(ByteSink&& other) noexcept;
  ~ByteSink();

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  char* data() { return data_; }
  const char* data() const { return data_; }
  std::string_view view() const { return std::string_view(data_, size_); }
  void clear() { size_ = 0; }

  // Room for `extra` more bytes; the pointer is valid until the next call
  // that may grow the sink.
  char* Reserve(size_t extra) {
    if (extra > capacity_ - size_) Grow(size_ + extra);
    return data_ + size_;
  }
  void Commit(size_t n) { size_ += n; }
  // Ends the contents at p, a pointer into the last Reserve's room.
  void CommitTo(const char* p) { size_ = static_cast<size_t>(p - data_); }
  void Truncate(size_t n) { size_ = n; }
  // Grows (the new bytes are not initialised) or shrinks to n bytes; for
  // writers that reserve a header and fill it in later (engine/io/framing.h).
  void resize(size_t n) {
    if (n > size_) Reserve(n - size_);
    size_ = n;
  }
  void push_back(char c) {
    *Reserve(1) = c;
    ++size_;
  }
  void append(const char* p, size_t n) {
    if (n == 0) return;
    std::memcpy(Reserve(n), p, n);
    size_ += n;
  }
  void append(std::string_view v) { append(v.data(), v.size()); }

 private:
  void Grow(size_t need);

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace assay::flat

#endif  // ASSAY_SCHEMAS_FLAT_RUNTIME_H_
