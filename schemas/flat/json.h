// JSON value writers for the generated AppendJson functions
// (assay.flat.cc). Internal: generated code calls these.
//
// Contract: each writer appends the JSON text protobuf 3.21.12's
// MessageToJsonString (util/internal/json_objectwriter.cc,
// json_escaping.cc, time_util.cc) prints for the same value:
//   - JsonString: quoted, escaping '"', '\\', '<', '>', U+0000..U+001F
//     (\b \t \n \f \r or \u00XX), U+007F..U+009F, U+00AD and the other
//     invisible/format characters protobuf escapes, lower-case hex, code
//     points above U+FFFF as surrogate pairs. Input must be valid UTF-8
//     (Decode guarantees it); invalid bytes are copied as they are.
//   - JsonDouble: like "%.15g" when that round-trips, else "%.17g" (protobuf's
//     SimpleDtoa), computed with std::to_chars; NaN, Infinity and -Infinity
//     as quoted strings. JsonFloat: "%.6g" / "%.9g" (SimpleFtoa; "%.9g" for
//     every subnormal, whose "%.6g" protobuf's strtof check rejects).
//   - JsonInt64/JsonUint64: quoted decimal. JsonInt32/JsonUint32: bare.
//   - JsonBytes: standard base64 with padding, quoted.
//   - JsonTimestamp: RFC 3339 in UTC, "YYYY-MM-DDThh:mm:ss[.fff|.ffffff|
//     .fffffffff]Z" (3, 6 or 9 fraction digits, none for whole seconds).
//     Protobuf refuses to print a Timestamp outside 0001-01-01T00:00:00Z ..
//     9999-12-31T23:59:59.999999999Z or with nanos outside [0, 1e9); this
//     writes such a value as a string "INVALID_TIMESTAMP(seconds,nanos)",
//     which JsonStringToMessage rejects in turn.
//
// Example: internal::JsonDouble(out, 0.1) appends 0.1.
#ifndef ASSAY_SCHEMAS_FLAT_JSON_H_
#define ASSAY_SCHEMAS_FLAT_JSON_H_

#include <cstdint>
#include <string_view>

#include "schemas/flat/runtime.h"

namespace assay::flat::internal {

void JsonString(ByteSink* out, std::string_view text);
void JsonBytes(ByteSink* out, std::string_view bytes);
void JsonDouble(ByteSink* out, double value);
void JsonFloat(ByteSink* out, float value);
void JsonInt32(ByteSink* out, int32_t value);
void JsonUint32(ByteSink* out, uint32_t value);
void JsonInt64(ByteSink* out, int64_t value);
void JsonUint64(ByteSink* out, uint64_t value);
void JsonTimestamp(ByteSink* out, int64_t seconds, int32_t nanos);

inline void JsonBool(ByteSink* out, bool value) {
  if (value) {
    out->append("true", 4);
  } else {
    out->append("false", 5);
  }
}

// An enum: its name, or the number when the value has none.
inline void JsonEnum(ByteSink* out, std::string_view name, int32_t value) {
  if (name.empty()) {
    JsonInt32(out, value);
    return;
  }
  char* p = out->Reserve(name.size() + 2);
  p[0] = '"';
  std::memcpy(p + 1, name.data(), name.size());
  p[name.size() + 1] = '"';
  out->Commit(name.size() + 2);
}

}  // namespace assay::flat::internal

#endif  // ASSAY_SCHEMAS_FLAT_JSON_H_
