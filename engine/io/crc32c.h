// CRC-32C (Castagnoli), the checksum of iSCSI, ext4, LevelDB and TFRecord.
//
// Provides:
//   - Crc32c(data): the standard CRC-32C of `data` (reflected polynomial
//     0x82F63B78, initial value and final xor 0xFFFFFFFF).
//   - ExtendCrc32c(crc, data): the CRC of A followed by `data`, given
//     crc == Crc32c(A). ExtendCrc32c(0, data) == Crc32c(data), so a stream can
//     be checksummed chunk by chunk.
//   - MaskCrc32c / UnmaskCrc32c: TFRecord's (and LevelDB's) masking, a
//     rotation plus a constant, so that a CRC stored next to the data it
//     covers does not make the CRC of the whole trivially predictable.
//
// Guarantees:
//   - Results are identical on every machine. The SSE4.2 `crc32` instruction
//     is used when the processor has it (checked once, at the first call);
//     otherwise a portable slicing-by-8 table. Both are tested against each
//     other on every machine through the internal entry points below.
//   - No allocation, no locks, thread-safe; any alignment and length
//     (including empty input).
//
// Example:
//   uint32_t crc = assay::io::Crc32c("123456789");          // 0xE3069283
//   crc = assay::io::ExtendCrc32c(assay::io::Crc32c("1234"), "56789");
//                                                           // the same value
//   uint32_t stored = assay::io::MaskCrc32c(crc);  // as written in a TFRecord
#ifndef ASSAY_ENGINE_IO_CRC32C_H_
#define ASSAY_ENGINE_IO_CRC32C_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace assay::io {

namespace crc32c_internal {

// The three implementations behind ExtendCrc32c, exposed so that tests and
// benchmarks can run each one on any machine. All take and return a finished
// CRC (the pre- and post-conditioning is done inside).
uint32_t ExtendTable(uint32_t crc, const char* data, size_t size);
// Precondition: Sse42Available(). Defined in crc32c_sse42.cc, the only
// translation unit compiled with -msse4.2.
uint32_t ExtendSse42(uint32_t crc, const char* data, size_t size);
// Whether this processor (and OS) can run ExtendSse42.
bool Sse42Available();
// "sse4.2" or "table": what ExtendCrc32c uses on this machine.
std::string_view ImplementationName();

inline uint32_t Crc32cTable(std::string_view data) {
  return ExtendTable(0, data.data(), data.size());
}
inline uint32_t Crc32cSse42(std::string_view data) {
  return ExtendSse42(0, data.data(), data.size());
}

}  // namespace crc32c_internal

// The CRC-32C of A followed by `data`, where crc == Crc32c(A).
uint32_t ExtendCrc32c(uint32_t crc, std::string_view data);

inline uint32_t Crc32c(std::string_view data) { return ExtendCrc32c(0, data); }

// TFRecord's mask (tensorflow/core/lib/hash/crc32c.h): rotate right by 15
// bits and add a constant.
inline constexpr uint32_t kCrc32cMaskDelta = 0xa282ead8u;

constexpr uint32_t MaskCrc32c(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kCrc32cMaskDelta;
}

constexpr uint32_t UnmaskCrc32c(uint32_t masked) {
  const uint32_t rotated = masked - kCrc32cMaskDelta;
  return (rotated >> 17) | (rotated << 15);
}

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_CRC32C_H_
