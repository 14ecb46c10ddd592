#include "engine/batch/wire_decoder.h"

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/stubs/common.h"

namespace assay::batch {

// Writes into WireAssessment's private state for the decoder below.
class WireDecoderAccess {
 public:
  static void SetValue(WireAssessment* a, int slot, uint64_t v) {
    a->values_[slot] = static_cast<int64_t>(v);
    a->present_[slot] = 1;
  }
  static void SetPresent(WireAssessment* a, int slot) { a->present_[slot] = 1; }
  static int64_t* values(WireAssessment* a) { return a->values_; }
  static uint8_t* present(WireAssessment* a) { return a->present_; }
  static void SetString(WireAssessment* a, int slot, std::string_view s) { a->strings_[slot] = s; }
  static bool AppendType(WireAssessment* a, uint64_t v) {
    if (a->type_count_ >= kMaxPreviousConvictions) return false;
    a->types_[a->type_count_++] = static_cast<int32_t>(static_cast<uint32_t>(v));
    return true;
  }
};

namespace {

namespace pb = google::protobuf;
using Access = WireDecoderAccess;

enum class Kind : uint8_t { kVarint, kFixed64, kFixed32, kString, kBytes, kMessage };

// What the decoder does with one field number of one message type.
struct FieldInfo {
  bool known = false;
  Kind kind = Kind::kVarint;
  bool repeated = false;
  bool append_type = false;  // PreviousConvictions.types
  int16_t slot = -1;         // varint slot (relative to the message's base) or string slot
  int16_t child = -1;        // message table index
  int16_t child_base = -1;   // sub-message slot base, relative; -1: not extracted
};

// What a varint field with a one- or two-byte tag and a one-byte value does,
// by field number (0..2047): the common case on the wire, decoded without
// the general switch.
inline constexpr int8_t kFastFallback = -2;  // field 0, or not wire type 0 of a varint field
inline constexpr int8_t kFastAppend = -1;    // PreviousConvictions.types
inline constexpr int8_t kFastSkip = wire::kSkipSlot;  // unknown, or not extracted
struct Table {
  std::vector<FieldInfo> fields;  // by field number
  // By whole tag (field number << 3 | wire type), for the tags of the
  // first kFastFields field numbers: what a one-byte varint value does.
  // `extract` when the message's values are wanted (>= 0: slot, relative),
  // `validate` when it is only checked (no slots, no appends).
  std::vector<int8_t> extract, validate;
};
inline constexpr size_t kFastFields = 2048;  // tags of at most two bytes

struct Tables {
  bool usable = false;
  std::vector<Table> tables;  // [0] = Assessment
};

int TableFor(const pb::Descriptor* d, std::unordered_map<const pb::Descriptor*, int>* index,
             Tables* t) {
  if (auto it = index->find(d); it != index->end()) return it->second;
  const int id = static_cast<int>(t->tables.size());
  (*index)[d] = id;
  t->tables.emplace_back();
  int max = 0;
  for (int i = 0; i < d->field_count(); ++i) max = std::max(max, d->field(i)->number());
  std::vector<FieldInfo> fields(static_cast<size_t>(max) + 1);
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    FieldInfo info;
    info.known = true;
    info.repeated = f->is_repeated();
    switch (f->type()) {
      case pb::FieldDescriptor::TYPE_DOUBLE:
      case pb::FieldDescriptor::TYPE_FIXED64:
      case pb::FieldDescriptor::TYPE_SFIXED64: info.kind = Kind::kFixed64; break;
      case pb::FieldDescriptor::TYPE_FLOAT:
      case pb::FieldDescriptor::TYPE_FIXED32:
      case pb::FieldDescriptor::TYPE_SFIXED32: info.kind = Kind::kFixed32; break;
      case pb::FieldDescriptor::TYPE_STRING:
        // proto3 strings are verified as UTF-8 by the parser; proto2's are not.
        info.kind = f->file()->syntax() == pb::FileDescriptor::SYNTAX_PROTO3 ? Kind::kString
                                                                            : Kind::kBytes;
        break;
      case pb::FieldDescriptor::TYPE_BYTES: info.kind = Kind::kBytes; break;
      case pb::FieldDescriptor::TYPE_MESSAGE:
        info.kind = Kind::kMessage;
        info.child = static_cast<int16_t>(TableFor(f->message_type(), index, t));
        break;
      case pb::FieldDescriptor::TYPE_GROUP:
        info.known = false;  // never accepted: groups take the fallback
        break;
      default: info.kind = Kind::kVarint; break;
    }
    // Map entries and groups would need protobuf's own parser.
    if (f->is_map()) info.known = false;
    // (fields may reallocate in the recursion above; index again)
    fields[static_cast<size_t>(f->number())] = info;
  }
  t->tables[static_cast<size_t>(id)].fields = std::move(fields);
  return id;
}

// Marks `name` of message table `table` for extraction. False if the
// schema lacks it or its type is not the expected one.
bool Mark(Tables* t, int table, const pb::Descriptor* d, const char* name, Kind kind, int slot,
          int child_base = -1) {
  const pb::FieldDescriptor* f = d->FindFieldByName(name);
  if (f == nullptr) return false;
  FieldInfo& info = t->tables[static_cast<size_t>(table)].fields[static_cast<size_t>(f->number())];
  if (!info.known || info.kind != kind) return false;
  if (kind == Kind::kMessage) {
    info.child_base = static_cast<int16_t>(child_base);
  } else {
    info.slot = static_cast<int16_t>(slot);
  }
  return true;
}

Tables Build() {
  Tables t;
  std::unordered_map<const pb::Descriptor*, int> index;
  const pb::Descriptor* assessment = v1::Assessment::descriptor();
  TableFor(assessment, &index, &t);
  const pb::Descriptor* date = v1::Date::descriptor();
  const pb::Descriptor* answers = v1::OasysAnswers::descriptor();
  const pb::Descriptor* convictions = v1::PreviousConvictions::descriptor();
  if (!index.count(date) || !index.count(answers) || !index.count(convictions)) return t;
  const int a = 0, dt = index[date], an = index[answers], pc = index[convictions];
  using namespace wire;
  bool ok = true;
  ok &= Mark(&t, a, assessment, "assessment_id", Kind::kString, kAssessmentId);
  ok &= Mark(&t, a, assessment, "case_reference", Kind::kString, kCaseReference);
  ok &= Mark(&t, a, assessment, "current_offence_code", Kind::kString, kCurrentOffenceCode);
  ok &= Mark(&t, a, assessment, "gender", Kind::kVarint, kGender);
  ok &= Mark(&t, a, assessment, "total_sanctions", Kind::kVarint, kTotalSanctions);
  ok &= Mark(&t, a, assessment, "violent_sanctions", Kind::kVarint, kViolentSanctions);
  ok &= Mark(&t, a, assessment, "age_at_first_sanction", Kind::kVarint, kAgeAtFirstSanction);
  ok &= Mark(&t, a, assessment, "assessment_date", Kind::kMessage, -1, kAssessmentDate);
  ok &= Mark(&t, a, assessment, "date_of_birth", Kind::kMessage, -1, kDateOfBirth);
  ok &= Mark(&t, a, assessment, "date_of_current_conviction", Kind::kMessage, -1,
             kDateOfCurrentConviction);
  ok &= Mark(&t, a, assessment, "date_at_start_of_followup", Kind::kMessage, -1,
             kDateAtStartOfFollowup);
  ok &= Mark(&t, a, assessment, "previous_convictions", Kind::kMessage, -1, kPreviousConvictions);
  ok &= Mark(&t, a, assessment, "answers", Kind::kMessage, -1, kAnswers);
  // Date: relative to its presence slot.
  ok &= Mark(&t, dt, date, "year", Kind::kVarint, 1);
  ok &= Mark(&t, dt, date, "month", Kind::kVarint, 2);
  ok &= Mark(&t, dt, date, "day", Kind::kVarint, 3);
  // PreviousConvictions.types: appended, packed or not.
  if (const pb::FieldDescriptor* f = convictions->FindFieldByName("types");
      f != nullptr && f->is_repeated() && f->type() == pb::FieldDescriptor::TYPE_ENUM) {
    t.tables[static_cast<size_t>(pc)].fields[static_cast<size_t>(f->number())].append_type = true;
  } else {
    ok = false;
  }
  const struct {
    const char* name;
    int slot;
  } kAnswerFields[] = {
      {"weapon_involved", kWeaponInvolved},
      {"accommodation_suitability", kAccommodationSuitability},
      {"unemployed", kUnemployed},
      {"partner_relationship", kPartnerRelationship},
      {"domestic_abuse_evidence", kDomesticAbuseEvidence},
      {"relationship_status", kRelationshipStatus},
      {"regular_offending_activities", kRegularOffendingActivities},
      {"drug_misuse_motivation", kDrugMisuseMotivation},
      {"heroin", kHeroin},
      {"methadone", kMethadone},
      {"other_opiate", kOtherOpiate},
      {"crack_cocaine", kCrackCocaine},
      {"powder_cocaine", kPowderCocaine},
      {"misused_prescription_drug", kMisusedPrescriptionDrug},
      {"benzodiazepines", kBenzodiazepines},
      {"cannabis", kCannabis},
      {"steroids", kSteroids},
      {"other_drugs", kOtherDrugs},
      {"ketamine", kKetamine},
      {"spice", kSpice},
      {"hallucinogens", kHallucinogens},
      {"solvents", kSolvents},
      {"current_alcohol_use", kCurrentAlcoholUse},
      {"excessive_alcohol_use", kExcessiveAlcoholUse},
      {"impulsivity", kImpulsivity},
      {"temper_control", kTemperControl},
      {"pro_criminal_attitudes", kProCriminalAttitudes},
  };
  for (const auto& [name, slot] : kAnswerFields) {
    ok &= Mark(&t, an, answers, name, Kind::kVarint, slot - kAnswers);
  }
  // The extracted fields must be singular (repeated ones would append).
  for (const Table& table : t.tables) {
    for (const FieldInfo& f : table.fields) {
      if ((f.slot >= 0 || f.child_base >= 0) && f.repeated) ok = false;
    }
  }
  for (Table& table : t.tables) {
    const size_t numbers = std::min(table.fields.size(), kFastFields);
    table.extract.assign(numbers * 8, kFastFallback);
    table.validate.assign(numbers * 8, kFastFallback);
    for (size_t n = 1; n < numbers; ++n) {
      const FieldInfo& f = table.fields[n];
      // Wire type 0 of an unknown field, or of a known varint field (the
      // only wire type 0 a known field accepts); anything else takes the
      // general path.
      if (f.known && f.kind != Kind::kVarint) continue;
      int8_t action = kFastSkip;
      if (f.known && f.append_type) {
        action = kFastAppend;
      } else if (f.known && f.slot >= 0) {
        action = static_cast<int8_t>(f.slot);
      }
      table.extract[n * 8] = action;
      table.validate[n * 8] = kFastSkip;
    }
  }
  t.usable = ok;
  return t;
}

const Tables& GetTables() {
  static const Tables* tables = new Tables(Build());
  return *tables;
}

// A varint of at most 10 bytes. The 10th byte may only carry bit 63 (what
// a negative int32/int64 needs); anything longer or wider takes the
// fallback rather than relying on protobuf's handling of it.
inline bool ReadVarint(const char** p, const char* end, uint64_t* out) {
  const uint8_t* q = reinterpret_cast<const uint8_t*>(*p);
  const uint8_t* e = reinterpret_cast<const uint8_t*>(end);
  if (q < e && *q < 0x80) {
    *out = *q;
    *p += 1;
    return true;
  }
  uint64_t v = 0;
  for (int i = 0; i < 10; ++i) {
    if (q + i >= e) return false;
    const uint64_t b = q[i];
    if (i == 9 && b > 1) return false;
    v |= (b & 0x7F) << (7 * i);
    if (b < 0x80) {
      *out = v;
      *p += i + 1;
      return true;
    }
  }
  return false;
}

inline bool Utf8(const char* p, size_t n) {
  // ASCII fast path, 8 bytes at a time.
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) {
      return pb::internal::IsStructurallyValidUTF8(p + i, static_cast<int>(n - i));
    }
  }
  return true;
}

constexpr int kMaxDepth = 32;  // protobuf allows 100; our schema is shallow

// Walks one message's fields; `base` is the message's first slot, or -1
// when its values are not kept (it is only checked).
bool Walk(const Tables& t, int table, const char* p, const char* end, int base, int depth,
          WireAssessment* out) {
  const Table& tab = t.tables[static_cast<size_t>(table)];
  const std::vector<FieldInfo>& fields = tab.fields;
  // Fast case, most fields of a record: a varint field with a one- or
  // two-byte tag and a one-byte value. One lookup by the whole tag gives
  // the slot to store it in (kSkipSlot for a field that is not kept), with
  // no data-dependent branch. A message that is only validated uses the
  // table whose every entry is kSkipSlot, from base 0.
  const int8_t* const actions = base >= 0 ? tab.extract.data() : tab.validate.data();
  const uint32_t action_count = static_cast<uint32_t>(tab.extract.size());
  int64_t* const values = Access::values(out) + (base >= 0 ? base : 0);
  uint8_t* const present = Access::present(out) + (base >= 0 ? base : 0);
  while (p < end) {
    while (end - p >= 3) {
      // The tag's size is a branch, not arithmetic: predicted, the next
      // field's address does not wait for this field's bytes.
      uint32_t tag = static_cast<uint8_t>(p[0]);
      int tag_size = 1;
      if (tag >= 0x80) {
        // With a third tag byte (p[1] >= 0x80) tag >= 0x4000, past every
        // table.
        tag = (tag & 0x7Fu) | (static_cast<uint32_t>(static_cast<uint8_t>(p[1])) << 7);
        tag_size = 2;
      }
      const uint32_t value = static_cast<uint8_t>(p[tag_size]);
      if (tag >= action_count || value >= 0x80) break;
      const int action = actions[tag];
      if (action < 0) break;  // appends and everything else: below
      values[action] = value;
      present[action] = 1;
      p += tag_size + 1;
    }
    if (p >= end) break;
    uint64_t tag;
    if (!ReadVarint(&p, end, &tag) || tag > 0xFFFFFFFFu) return false;
    const uint64_t number = tag >> 3;
    const int wire_type = static_cast<int>(tag & 7);
    if (number == 0) return false;
    const FieldInfo* f = number < fields.size() && fields[number].known ? &fields[number] : nullptr;
    if (f == nullptr) {
      // Unknown field: skipped (protobuf keeps it as an unknown field).
      switch (wire_type) {
        case 0: {
          uint64_t v;
          if (!ReadVarint(&p, end, &v)) return false;
          break;
        }
        case 1:
          if (end - p < 8) return false;
          p += 8;
          break;
        case 5:
          if (end - p < 4) return false;
          p += 4;
          break;
        case 2: {
          uint64_t n;
          if (!ReadVarint(&p, end, &n) || n > static_cast<uint64_t>(end - p)) return false;
          p += n;
          break;
        }
        default: return false;  // groups, invalid wire types
      }
      continue;
    }
    switch (f->kind) {
      case Kind::kVarint: {
        if (wire_type == 0) {
          uint64_t v;
          if (!ReadVarint(&p, end, &v)) return false;
          if (f->append_type) {
            if (base >= 0 && !Access::AppendType(out, v)) return false;
          } else if (f->slot >= 0 && base >= 0) {
            Access::SetValue(out, base + f->slot, v);
          }
        } else if (wire_type == 2 && f->repeated) {
          // Packed.
          uint64_t n;
          if (!ReadVarint(&p, end, &n) || n > static_cast<uint64_t>(end - p)) return false;
          const char* stop = p + n;
          while (p < stop) {
            uint64_t v;
            if (!ReadVarint(&p, stop, &v)) return false;
            if (f->append_type && base >= 0 && !Access::AppendType(out, v)) return false;
          }
        } else {
          return false;
        }
        break;
      }
      case Kind::kFixed64:
      case Kind::kFixed32: {
        const int width = f->kind == Kind::kFixed64 ? 8 : 4;
        if (wire_type == (width == 8 ? 1 : 5)) {
          if (end - p < width) return false;
          p += width;
        } else if (wire_type == 2 && f->repeated) {
          uint64_t n;
          if (!ReadVarint(&p, end, &n) || n > static_cast<uint64_t>(end - p) || n % width != 0) {
            return false;
          }
          p += n;
        } else {
          return false;
        }
        break;
      }
      case Kind::kString:
      case Kind::kBytes:
      case Kind::kMessage: {
        if (wire_type != 2) return false;
        uint64_t n;
        if (!ReadVarint(&p, end, &n) || n > static_cast<uint64_t>(end - p) || n > 0x7FFFFFFF) {
          return false;
        }
        const char* body = p;
        p += n;
        if (f->kind == Kind::kString) {
          if (!Utf8(body, n)) return false;
          if (f->slot >= 0 && base >= 0) Access::SetString(out, f->slot, std::string_view(body, n));
        } else if (f->kind == Kind::kMessage) {
          if (depth >= kMaxDepth) return false;
          int child_base = -1;
          if (base >= 0 && f->child_base >= 0) {
            child_base = base + f->child_base;
            Access::SetPresent(out, child_base);
          }
          if (!Walk(t, f->child, body, p, child_base, depth + 1, out)) return false;
        }
        break;
      }
    }
  }
  return true;
}

}  // namespace

bool DecodeAssessment(std::string_view bytes, WireAssessment* out) {
  out->Clear();
  const Tables& t = GetTables();
  if (!t.usable) return false;
  // protobuf refuses messages of 2 GiB and more.
  if (bytes.size() > 0x7FFFFFFF) return false;
  return Walk(t, 0, bytes.data(), bytes.data() + bytes.size(), 0, 0, out);
}

}  // namespace assay::batch
