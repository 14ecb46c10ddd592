// Test helpers that write protobuf wire format by hand, for tests that
// build unusual encodings the generated serializer never produces.
#ifndef ASSAY_ENGINE_BATCH_WIRE_TEST_UTIL_H_
#define ASSAY_ENGINE_BATCH_WIRE_TEST_UTIL_H_

#include <cstdint>
#include <string>

namespace assay::batch::wire_test {

inline void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

inline void PutTag(int field, int wire_type, std::string* out) {
  PutVarint((static_cast<uint64_t>(field) << 3) | static_cast<uint64_t>(wire_type), out);
}

inline void PutLengthDelimited(int field, const std::string& body, std::string* out) {
  PutTag(field, 2, out);
  PutVarint(body.size(), out);
  out->append(body);
}

}  // namespace assay::batch::wire_test

#endif  // ASSAY_ENGINE_BATCH_WIRE_TEST_UTIL_H_
