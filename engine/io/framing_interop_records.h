// Test support: the records both sides of the framing interop tests write
// and expect. Must stay in step with known_records() in framing_interop.py:
// sizes across the varint boundaries, and byte j of record i is
// (i * 131 + j * 7 + (j >> 8) * 13) mod 256.
#ifndef ASSAY_ENGINE_IO_FRAMING_INTEROP_RECORDS_H_
#define ASSAY_ENGINE_IO_FRAMING_INTEROP_RECORDS_H_

#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace assay::io::framing {

// The record whose data CRC framing_interop.py corrupts in its bad-CRC file.
inline constexpr size_t kInteropBadRecord = 3;

inline std::vector<std::string> InteropRecords() {
  const size_t sizes[] = {0,   1,    2,     7,     8,     9,     127, 128,   129,
                          255, 256, 1000, 16383, 16384, 16385, 70000, 5, 131075};
  std::vector<std::string> records;
  for (size_t i = 0; i < std::size(sizes); ++i) {
    std::string r(sizes[i], '\0');
    for (size_t j = 0; j < r.size(); ++j) r[j] = static_cast<char>((i * 131 + j * 7 + (j >> 8) * 13) & 0xFF);
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace assay::io::framing

#endif  // ASSAY_ENGINE_IO_FRAMING_INTEROP_RECORDS_H_
