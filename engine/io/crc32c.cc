// The portable CRC-32C (slicing-by-8) and the run-time choice between it and
// the SSE4.2 implementation in crc32c_sse42.cc.
#include "engine/io/crc32c.h"

#include <array>
#include <bit>
#include <cstring>

namespace assay::io {
namespace crc32c_internal {
namespace {

// The reflected Castagnoli polynomial.
constexpr uint32_t kPolynomial = 0x82F63B78u;

// kTables[0][b] is the CRC register after feeding byte b into a zero register;
// kTables[k][b] the same followed by k zero bytes. With them eight input
// bytes cost eight independent lookups instead of a chain of eight
// (slicing-by-8), and the 8 KiB of tables are built by the compiler.
using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables MakeTables() {
  Tables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (kPolynomial & (0u - (crc & 1u)));
    t[0][b] = crc;
  }
  for (size_t k = 1; k < t.size(); ++k) {
    for (uint32_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xFFu];
  }
  return t;
}

constexpr Tables kTables = MakeTables();

// Little-endian 64-bit load from any alignment (one mov on x86-64).
inline uint64_t LoadLittleEndian64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

using ExtendFn = uint32_t (*)(uint32_t, const char*, size_t);

ExtendFn ChooseImplementation() { return Sse42Available() ? &ExtendSse42 : &ExtendTable; }

}  // namespace

uint32_t ExtendTable(uint32_t crc, const char* data, size_t size) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  uint32_t c = ~crc;
  while (size >= 8) {
    const uint64_t word = LoadLittleEndian64(p) ^ c;
    c = kTables[7][word & 0xFF] ^ kTables[6][(word >> 8) & 0xFF] ^
        kTables[5][(word >> 16) & 0xFF] ^ kTables[4][(word >> 24) & 0xFF] ^
        kTables[3][(word >> 32) & 0xFF] ^ kTables[2][(word >> 40) & 0xFF] ^
        kTables[1][(word >> 48) & 0xFF] ^ kTables[0][word >> 56];
    p += 8;
    size -= 8;
  }
  while (size > 0) {
    c = (c >> 8) ^ kTables[0][(c ^ *p) & 0xFF];
    ++p;
    --size;
  }
  return ~c;
}

bool Sse42Available() {
#if defined(__x86_64__) || defined(__i386__)
  // __builtin_cpu_init is needed when this runs before libgcc's own
  // constructor (from another translation unit's static initialiser).
  static const bool available = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") != 0;
  }();
  return available;
#else
  return false;
#endif
}

std::string_view ImplementationName() { return Sse42Available() ? "sse4.2" : "table"; }

}  // namespace crc32c_internal

uint32_t ExtendCrc32c(uint32_t crc, std::string_view data) {
  // Chosen once; after that one predictable indirect call per buffer.
  static const crc32c_internal::ExtendFn extend = crc32c_internal::ChooseImplementation();
  return extend(crc, data.data(), data.size());
}

}  // namespace assay::io
