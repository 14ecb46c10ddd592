#include "schemas/flat/json.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace assay::flat::internal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// ASCII bytes protobuf escapes (json_escaping.cc kCommonEscapes): the C0
// controls, '"', '\\', '<', '>' (for HTML) and DEL. 1 = \u00XX form,
// 2 = a short escape.
constexpr std::array<unsigned char, 128> kAsciiEscape = [] {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['\b'] = t['\t'] = t['\n'] = t['\f'] = t['\r'] = 2;
  t['"'] = t['\\'] = 2;
  t['<'] = t['>'] = 1;
  t[0x7f] = 1;
  return t;
}();

// Non-ASCII code points protobuf escapes: C1 controls, soft hyphen and the
// invisible format characters (measured against MessageToJsonString over
// every code point; see json_test.cc).
bool NeedsEscape(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0xad || (cp >= 0x600 && cp <= 0x603) ||
         cp == 0x6dd || cp == 0x70f || cp == 0x17b4 || cp == 0x17b5 ||
         (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0x1d173 && cp <= 0x1d17a) || cp == 0xe0001 ||
         (cp >= 0xe0020 && cp <= 0xe007f);
}

void PutU16Escape(ByteSink* out, uint32_t unit) {
  char* p = out->Reserve(6);
  p[0] = '\\';
  p[1] = 'u';
  p[2] = kHex[(unit >> 12) & 15];
  p[3] = kHex[(unit >> 8) & 15];
  p[4] = kHex[(unit >> 4) & 15];
  p[5] = kHex[unit & 15];
  out->Commit(6);
}

// Length of the UTF-8 sequence starting with `lead` and its code point, or
// 0 when the bytes are not a well-formed sequence.
size_t DecodeUtf8(const unsigned char* p, size_t n, uint32_t* cp) {
  const unsigned char lead = p[0];
  size_t len;
  uint32_t value;
  if (lead >= 0xc2 && lead <= 0xdf) {
    len = 2;
    value = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    len = 3;
    value = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    len = 4;
    value = lead & 0x07;
  } else {
    return 0;
  }
  if (len > n) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    value = (value << 6) | (p[i] & 0x3f);
  }
  *cp = value;
  return len;
}

void PutTwoDigits(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

void JsonString(ByteSink* out, std::string_view text) {
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t run = 0;  // start of the pending run of bytes copied as they are
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      const unsigned char kind = kAsciiEscape[c];
      if (kind == 0) {
        ++i;
        continue;
      }
      out->append(text.data() + run, i - run);
      if (kind == 2) {
        char e;
        switch (c) {
          case '\b': e = 'b'; break;
          case '\t': e = 't'; break;
          case '\n': e = 'n'; break;
          case '\f': e = 'f'; break;
          case '\r': e = 'r'; break;
          default: e = static_cast<char>(c); break;  // '"' and '\\'
        }
        char* d = out->Reserve(2);
        d[0] = '\\';
        d[1] = e;
        out->Commit(2);
      } else {
        PutU16Escape(out, c);
      }
      run = ++i;
      continue;
    }
    uint32_t cp;
    const size_t len = DecodeUtf8(p + i, n - i, &cp);
    if (len == 0) {  // not UTF-8: copied as is (see the contract)
      ++i;
      continue;
    }
    if (NeedsEscape(cp)) {
      out->append(text.data() + run, i - run);
      if (cp >= 0x10000) {
        const uint32_t v = cp - 0x10000;
        PutU16Escape(out, 0xd800 + (v >> 10));
        PutU16Escape(out, 0xdc00 + (v & 0x3ff));
      } else {
        PutU16Escape(out, cp);
      }
      i += len;
      run = i;
      continue;
    }
    i += len;
  }
  out->append(text.data() + run, n - run);
  out->push_back('"');
}

void JsonBytes(ByteSink* out, std::string_view bytes) {
  static constexpr char kB64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  char* d = out->Reserve((n + 2) / 3 * 4 + 2);
  char* const start = d;
  *d++ = '"';
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t v = (uint32_t{s[i]} << 16) | (uint32_t{s[i + 1]} << 8) | s[i + 2];
    *d++ = kB64[v >> 18];
    *d++ = kB64[(v >> 12) & 63];
    *d++ = kB64[(v >> 6) & 63];
    *d++ = kB64[v & 63];
  }
  if (n - i == 1) {
    const uint32_t v = uint32_t{s[i]} << 16;
    *d++ = kB64[v >> 18];
    *d++ = kB64[(v >> 12) & 63];
    *d++ = '=';
    *d++ = '=';
  } else if (n - i == 2) {
    const uint32_t v = (uint32_t{s[i]} << 16) | (uint32_t{s[i + 1]} << 8);
    *d++ = kB64[v >> 18];
    *d++ = kB64[(v >> 12) & 63];
    *d++ = kB64[(v >> 6) & 63];
    *d++ = '=';
  }
  *d++ = '"';
  out->Commit(static_cast<size_t>(d - start));
}

namespace {

void JsonNonFinite(ByteSink* out, bool nan, bool negative) {
  if (nan) {
    out->append("\"NaN\"", 5);
  } else if (negative) {
    out->append("\"-Infinity\"", 11);
  } else {
    out->append("\"Infinity\"", 10);
  }
}

// Significant digits of the shortest round-trip form.
template <typename T>
int ShortestDigits(T value) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  int digits = 0;
  for (const char* p = buf; p < r.ptr && *p != 'e'; ++p) digits += (*p >= '0' && *p <= '9');
  return digits;
}

}  // namespace

void JsonDouble(ByteSink* out, double value) {
  if (!std::isfinite(value)) {
    JsonNonFinite(out, std::isnan(value), value < 0);
    return;
  }
  // SimpleDtoa prints "%.15g" and keeps it when strtod gives the value back,
  // else "%.17g". "%.15g" round-trips exactly when the shortest round-trip
  // form has at most 15 digits (DBL_DIG; for subnormals the 15-digit
  // rounding is nearer than half a unit, so it round-trips too).
  const int precision = ShortestDigits(value) <= 15 ? 15 : 17;
  char* p = out->Reserve(32);
  const auto r = std::to_chars(p, p + 32, value, std::chars_format::general, precision);
  out->Commit(static_cast<size_t>(r.ptr - p));
}

void JsonFloat(ByteSink* out, float value) {
  if (!std::isfinite(value)) {
    JsonNonFinite(out, std::isnan(value), value < 0);
    return;
  }
  // SimpleFtoa: "%.6g" (FLT_DIG) when safe_strtof reads it back to the
  // value, else "%.9g". safe_strtof fails on subnormal results (ERANGE), so
  // subnormals always get 9 digits.
  const int precision =
      std::fpclassify(value) != FP_SUBNORMAL && ShortestDigits(value) <= 6 ? 6 : 9;
  char* p = out->Reserve(32);
  const auto r = std::to_chars(p, p + 32, value, std::chars_format::general, precision);
  out->Commit(static_cast<size_t>(r.ptr - p));
}

void JsonInt32(ByteSink* out, int32_t value) {
  char* p = out->Reserve(12);
  const auto r = std::to_chars(p, p + 12, value);
  out->Commit(static_cast<size_t>(r.ptr - p));
}

void JsonUint32(ByteSink* out, uint32_t value) {
  char* p = out->Reserve(12);
  const auto r = std::to_chars(p, p + 12, value);
  out->Commit(static_cast<size_t>(r.ptr - p));
}

void JsonInt64(ByteSink* out, int64_t value) {
  char* p = out->Reserve(24);
  p[0] = '"';
  const auto r = std::to_chars(p + 1, p + 23, value);
  *r.ptr = '"';
  out->Commit(static_cast<size_t>(r.ptr + 1 - p));
}

void JsonUint64(ByteSink* out, uint64_t value) {
  char* p = out->Reserve(24);
  p[0] = '"';
  const auto r = std::to_chars(p + 1, p + 23, value);
  *r.ptr = '"';
  out->Commit(static_cast<size_t>(r.ptr + 1 - p));
}

void JsonTimestamp(ByteSink* out, int64_t seconds, int32_t nanos) {
  // google::protobuf::util::TimeUtil's valid range.
  constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  if (seconds < kMinSeconds || seconds > kMaxSeconds || nanos < 0 || nanos > 999999999) {
    out->append("\"INVALID_TIMESTAMP(", 19);
    char* p = out->Reserve(24);
    out->Commit(static_cast<size_t>(std::to_chars(p, p + 24, seconds).ptr - p));
    out->push_back(',');
    p = out->Reserve(24);
    out->Commit(static_cast<size_t>(std::to_chars(p, p + 24, nanos).ptr - p));
    out->append(")\"", 2);
    return;
  }
  int64_t days = seconds / 86400;
  int64_t sod = seconds % 86400;
  if (sod < 0) {
    sod += 86400;
    --days;
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2));

  char* p = out->Reserve(32);
  char* d = p;
  *d++ = '"';
  PutTwoDigits(d, year / 100);
  PutTwoDigits(d + 2, year % 100);
  d[4] = '-';
  PutTwoDigits(d + 5, month);
  d[7] = '-';
  PutTwoDigits(d + 8, day);
  d[10] = 'T';
  PutTwoDigits(d + 11, static_cast<int>(sod / 3600));
  d[13] = ':';
  PutTwoDigits(d + 14, static_cast<int>(sod / 60 % 60));
  d[16] = ':';
  PutTwoDigits(d + 17, static_cast<int>(sod % 60));
  d += 19;
  if (nanos != 0) {
    // FormatNanos: 3 digits for whole milliseconds, 6 for microseconds, else 9.
    int digits = 9;
    int32_t v = nanos;
    if (nanos % 1000000 == 0) {
      digits = 3;
      v = nanos / 1000000;
    } else if (nanos % 1000 == 0) {
      digits = 6;
      v = nanos / 1000;
    }
    *d++ = '.';
    for (int i = digits - 1; i >= 0; --i) {
      d[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    d += digits;
  }
  *d++ = 'Z';
  *d++ = '"';
  out->Commit(static_cast<size_t>(d - p));
}

}  // namespace assay::flat::internal
