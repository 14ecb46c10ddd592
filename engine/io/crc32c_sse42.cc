// CRC-32C with the SSE4.2 `crc32` instruction. This is the only translation
// unit compiled with -msse4.2; crc32c.cc calls it only after checking the
// processor, so nothing here may be reachable otherwise. To keep the linker
// from picking an SSE4.2-compiled copy of some inline function for the rest
// of the program, everything defined here has internal linkage except
// ExtendSse42 itself.
#include <cstring>

#include "engine/io/crc32c.h"

#if defined(__SSE4_2__)
#include <nmmintrin.h>
#endif

namespace assay::io::crc32c_internal {

#if defined(__SSE4_2__)
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78u;

// The `crc32` instruction has a latency of three cycles and a throughput of
// one per cycle, so one dependency chain uses a third of the unit. Inputs are
// cut into three equal blocks checksummed in parallel, then combined:
//   CRC(A B C) = shift_2n(CRC(A)) ^ shift_n(CRC(B)) ^ CRC(C)
// for blocks of n bytes (B and C started from a zero register), where
// shift_n, moving a CRC register past n zero bytes, is a linear map over
// GF(2) (Mark Adler's crc32c.c). The maps are tabulated per byte of the
// register, by the compiler; the two lookups of a combine are independent.
// The small tiers let records of a few hundred bytes, the common case here,
// be interleaved too (measured: 1.3-1.5x at 200-2000 bytes over 8 KiB and
// 256-byte blocks alone, with sequential combines).
constexpr size_t kBlockSizes[] = {8192, 256, 64};

// A 32x32 matrix over GF(2); column i is the image of bit i.
struct Matrix {
  uint32_t column[32];
};

constexpr uint32_t Apply(const Matrix& m, uint32_t v) {
  uint32_t sum = 0;
  for (int i = 0; v != 0; ++i, v >>= 1) {
    if (v & 1u) sum ^= m.column[i];
  }
  return sum;
}

constexpr Matrix Square(const Matrix& m) {
  Matrix r{};
  for (int i = 0; i < 32; ++i) r.column[i] = Apply(m, m.column[i]);
  return r;
}

// The register after `bytes` zero bytes (a power of two).
constexpr Matrix ZeroBytesOperator(size_t bytes) {
  Matrix m{};  // one zero bit: a reflected shift right, folding bit 0 back in
  m.column[0] = kPolynomial;
  for (int i = 1; i < 32; ++i) m.column[i] = 1u << (i - 1);
  for (size_t bits = 1; bits < 8 * bytes; bits *= 2) m = Square(m);
  return m;
}

struct ShiftTable {
  uint32_t byte[4][256];
};

constexpr ShiftTable MakeShiftTable(size_t bytes) {
  const Matrix op = ZeroBytesOperator(bytes);
  ShiftTable t{};
  for (uint32_t n = 0; n < 256; ++n) {
    for (int k = 0; k < 4; ++k) t.byte[k][n] = Apply(op, n << (8 * k));
  }
  return t;
}

struct Tier {
  size_t block;
  ShiftTable one_block;   // shift_n
  ShiftTable two_blocks;  // shift_2n
};

constexpr Tier MakeTier(size_t block) {
  return Tier{block, MakeShiftTable(block), MakeShiftTable(2 * block)};
}

constexpr Tier kTiers[] = {MakeTier(kBlockSizes[0]), MakeTier(kBlockSizes[1]),
                           MakeTier(kBlockSizes[2])};

inline uint64_t Shift(const ShiftTable& t, uint64_t crc) {
  return t.byte[0][crc & 0xFF] ^ t.byte[1][(crc >> 8) & 0xFF] ^ t.byte[2][(crc >> 16) & 0xFF] ^
         t.byte[3][(crc >> 24) & 0xFF];
}

inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Three interleaved chains over consecutive blocks, while at least three
// blocks of this tier remain.
inline void ThreeWay(const Tier& tier, uint64_t& crc0, const unsigned char*& p, size_t& size) {
  const size_t block = tier.block;
  while (size >= 3 * block) {
    uint64_t crc1 = 0;
    uint64_t crc2 = 0;
    const unsigned char* const end = p + block;
    do {
      crc0 = _mm_crc32_u64(crc0, Load64(p));
      crc1 = _mm_crc32_u64(crc1, Load64(p + block));
      crc2 = _mm_crc32_u64(crc2, Load64(p + 2 * block));
      p += 8;
    } while (p < end);
    crc0 = Shift(tier.two_blocks, crc0) ^ Shift(tier.one_block, crc1) ^ crc2;
    p += 2 * block;
    size -= 3 * block;
  }
}

}  // namespace

uint32_t ExtendSse42(uint32_t crc, const char* data, size_t size) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  uint64_t c = static_cast<uint32_t>(~crc);
  for (const Tier& tier : kTiers) ThreeWay(tier, c, p, size);
  while (size >= 8) {
    c = _mm_crc32_u64(c, Load64(p));
    p += 8;
    size -= 8;
  }
  auto c32 = static_cast<uint32_t>(c);
  if (size & 4) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    c32 = _mm_crc32_u32(c32, v);
    p += 4;
  }
  if (size & 2) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    c32 = _mm_crc32_u16(c32, v);
    p += 2;
  }
  if (size & 1) c32 = _mm_crc32_u8(c32, *p);
  return ~c32;
}

#else  // !__SSE4_2__: Sse42Available() is false, so this is never called.

uint32_t ExtendSse42(uint32_t, const char*, size_t) { __builtin_trap(); }

#endif

}  // namespace assay::io::crc32c_internal
