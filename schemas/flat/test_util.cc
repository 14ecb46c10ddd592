#include "schemas/flat/test_util.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "engine/demo/generator.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/field_comparator.h"
#include "google/protobuf/util/message_differencer.h"
#include "schemas/assessment.pb.h"

namespace assay::flat::testing {

namespace pb = google::protobuf;

namespace {
int32_t RandomInt32(Rng* rng) {
  static constexpr int32_t kSpecial[] = {0, 1, -1, 127, 128, 16383, 16384, INT32_MIN, INT32_MAX};
  if (rng->Chance(50)) return kSpecial[rng->Below(9)];
  return static_cast<int32_t>(rng->Next() >> rng->Below(32));
}

}  // namespace

double RandomDouble(Rng* rng) {
  static const double kSpecial[] = {0.0,
                                    -0.0,
                                    std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    1.7976931348623157e308,
                                    -1e300,
                                    5e-324,
                                    2.2250738585072014e-308,
                                    0.1,
                                    0.7999999999999999,
                                    1e15,
                                    1e16,
                                    123456789012345678.0,
                                    1e-5,
                                    99.99,
                                    12.34};
  const int pick = rng->Below(4);
  if (pick == 0) return kSpecial[rng->Below(sizeof kSpecial / sizeof kSpecial[0])];
  if (pick == 1) return static_cast<double>(rng->Next() % 1000000) / 100.0;
  if (pick == 2) return static_cast<double>(rng->Next() >> 11) / 9007199254740992.0;
  double d;
  uint64_t bits = rng->Next();
  std::memcpy(&d, &bits, sizeof d);
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
  return d;
}

namespace {

std::string RandomString(Rng* rng) {
  static const char* const kSpecial[] = {
      "", "a", "AS00001234", "R\xc3\xa9sum\xc3\xa9", "\xf0\x9f\x98\x80 emoji",
      "quote\" backslash\\ slash/", "<script>&amp;</script>", "tab\tnew\nline\r\x01\x1f\x7f",
      "\xc2\x80\xc2\x9f\xc2\xa0\xc2\xad", "\xe2\x80\xa8\xe2\x80\xa9\xef\xbb\xbf\xef\xbf\xbd",
      "\xd8\x80\xdb\x9d\xdc\x8f\xe1\x9e\xb4\xe2\x80\x8b\xe2\x81\xa0\xe2\x81\xaa",
      "\xf0\x9d\x85\xb3\xf3\xa0\x80\x81\xf3\xa0\x81\xbf\xf4\x8f\xbf\xbf",
      "a very long rationale that goes on and on well past one hundred and twenty-seven bytes "
      "so that its length needs two bytes on the wire, which the encoder must get right"};
  if (rng->Chance(70)) return kSpecial[rng->Below(sizeof kSpecial / sizeof kSpecial[0])];
  std::string s;
  const int n = rng->Below(40);
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(0x20 + rng->Below(0x5f)));
  return s;
}


void FillTimestamp(pb::Timestamp* t, Rng* rng) {
  constexpr int64_t kMin = -62135596800, kMax = 253402300799;
  switch (rng->Below(4)) {
    case 0: t->set_seconds(kMin); break;
    case 1: t->set_seconds(kMax); break;
    default:
      t->set_seconds(kMin + static_cast<int64_t>(rng->Next() % static_cast<uint64_t>(kMax - kMin)));
  }
  switch (rng->Below(5)) {
    case 0: t->set_nanos(0); break;
    case 1: t->set_nanos(rng->Below(1000) * 1000000); break;
    case 2: t->set_nanos(rng->Below(1000000) * 1000); break;
    case 3: t->set_nanos(999999999); break;
    default: t->set_nanos(rng->Below(1000000000)); break;
  }
}

void SetScalar(pb::Message* m, const pb::FieldDescriptor* f, Rng* rng) {
  const pb::Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      const int32_t v = RandomInt32(rng);
      rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v = static_cast<int64_t>(rng->Next());
      rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT32: {
      const uint32_t v = static_cast<uint32_t>(rng->Next());
      rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      static constexpr uint64_t kSpecial[] = {0, 1, 127, 128, uint64_t{1} << 63, ~uint64_t{0}};
      const uint64_t v = rng->Chance(50) ? kSpecial[rng->Below(6)] : rng->Next() >> rng->Below(64);
      rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = rng->Chance(50);
      rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = RandomDouble(rng);
      rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_FLOAT: {
      const float v = static_cast<float>(RandomDouble(rng));
      rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      int v;
      const pb::EnumDescriptor* e = f->enum_type();
      if (rng->Chance(80)) {
        v = e->value(rng->Below(e->value_count()))->number();
      } else {
        v = rng->Chance(50) ? 77 + rng->Below(1000) : -1 - rng->Below(5);  // unknown numbers
      }
      rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      std::string v = RandomString(rng);
      if (f->type() == pb::FieldDescriptor::TYPE_BYTES && rng->Chance(50)) {
        v.clear();
        for (int n = rng->Below(20); n > 0; --n) v.push_back(static_cast<char>(rng->Next()));
      }
      rep ? r->AddString(m, f, v) : r->SetString(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: break;
  }
}

void Fill(pb::Message* m, Rng* rng, int depth) {
  if (m->GetDescriptor()->full_name() == "google.protobuf.Timestamp") {
    FillTimestamp(static_cast<pb::Timestamp*>(m), rng);
    return;
  }
  const pb::Descriptor* d = m->GetDescriptor();
  const pb::Reflection* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) {
      const int n = rng->Below(4);  // 0..3
      for (int k = 0; k < n; ++k) {
        if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
          if (depth < 6) Fill(r->AddMessage(m, f), rng, depth + 1);
        } else {
          SetScalar(m, f, rng);
        }
      }
      continue;
    }
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (depth < 6 && rng->Chance(70)) Fill(r->MutableMessage(m, f), rng, depth + 1);
      continue;
    }
    // Implicit-presence fields: often left at the default; optional ones
    // often absent, sometimes present with a default value.
    if (rng->Chance(35)) continue;
    SetScalar(m, f, rng);
    if (f->has_presence() && rng->Chance(10)) {
      r->ClearField(m, f);
      // present with the zero value
      switch (f->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32: r->SetInt32(m, f, 0); break;
        case pb::FieldDescriptor::CPPTYPE_BOOL: r->SetBool(m, f, false); break;
        case pb::FieldDescriptor::CPPTYPE_DOUBLE: r->SetDouble(m, f, 0.0); break;
        default: break;
      }
    }
  }
}

}  // namespace

void NegativeZeroToZero(pb::Message* m) {
  const pb::Reflection* r = m->GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const pb::FieldDescriptor* f : fields) {
    const bool rep = f->is_repeated();
    const int n = rep ? r->FieldSize(*m, f) : 1;
    for (int i = 0; i < n; ++i) {
      switch (f->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_MESSAGE:
          NegativeZeroToZero(rep ? r->MutableRepeatedMessage(m, f, i) : r->MutableMessage(m, f));
          break;
        case pb::FieldDescriptor::CPPTYPE_DOUBLE: {
          const double v = rep ? r->GetRepeatedDouble(*m, f, i) : r->GetDouble(*m, f);
          if (v != 0.0 || !std::signbit(v)) break;
          if (rep) {
            r->SetRepeatedDouble(m, f, i, 0.0);
          } else if (f->has_presence()) {
            r->SetDouble(m, f, 0.0);
          } else {
            r->ClearField(m, f);
          }
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_FLOAT: {
          const float v = rep ? r->GetRepeatedFloat(*m, f, i) : r->GetFloat(*m, f);
          if (v != 0.0f || !std::signbit(v)) break;
          if (rep) {
            r->SetRepeatedFloat(m, f, i, 0.0f);
          } else if (f->has_presence()) {
            r->SetFloat(m, f, 0.0f);
          } else {
            r->ClearField(m, f);
          }
          break;
        }
        default:
          break;
      }
    }
  }
}

void FillRandom(pb::Message* m, Rng* rng) { Fill(m, rng, 0); }

std::vector<std::string> SerializedCaseload(uint64_t seed, int count, double invalid_share) {
  demo::CaseloadOptions options;
  options.seed = seed;
  options.invalid_share = invalid_share;
  demo::CaseloadGenerator generator(options);
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(count));
  v1::Assessment record;
  for (int i = 0; i < count; ++i) {
    generator.Generate(static_cast<uint64_t>(i), &record);
    out.push_back(record.SerializeAsString());
  }
  return out;
}

bool Equal(const google::protobuf::Message& a, const google::protobuf::Message& b,
           std::string* why) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  std::string report;
  bool equal;
  {
    // The reporter writes the report out when the differencer is destroyed.
    google::protobuf::util::MessageDifferencer differencer;
    differencer.set_field_comparator(&comparator);
    differencer.ReportDifferencesToString(&report);
    equal = differencer.Compare(a, b);
  }
  if (why != nullptr) *why = report;
  return equal;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (size_t i = 0; i < bytes.size() && i < 256; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(bytes[i]));
    out += buf;
    if (i + 1 < bytes.size()) out += ' ';
  }
  if (bytes.size() > 256) out += "...";
  return out;
}

}  // namespace assay::flat::testing
