#include "tools/flatgen/flat_generator.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/compiler/cpp/names.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/zero_copy_stream.h"

namespace assay::flatgen {
namespace {

namespace pb = google::protobuf;
using pb::Descriptor;
using pb::EnumDescriptor;
using pb::FieldDescriptor;
using pb::FileDescriptor;

enum class Kind { kInt32, kInt64, kUint32, kUint64, kBool, kDouble, kFloat, kEnum, kString, kBytes, kMessage };

struct Field {
  const FieldDescriptor* d = nullptr;
  std::string name;  // C++ accessor base name (keywords resolved like protoc's)
  Kind kind = Kind::kInt32;
  bool repeated = false;
  bool presence = false;  // explicit presence: `optional` scalar/string, singular message
  int has_bit = -1;
  uint32_t number = 0;
  const Descriptor* message = nullptr;
  const EnumDescriptor* enum_type = nullptr;
};

struct Message {
  const Descriptor* d = nullptr;
  std::string ns;          // flat C++ namespace, without leading ::
  std::string class_name;  // flat class (protoc's ClassName: Outer_Inner)
  std::string flat_type;   // ::ns::Class
  std::string proto_type;  // protoc's qualified class
  std::string mangled;     // for internal function names
  std::vector<Field> fields;                 // declaration order
  std::vector<const Field*> by_number;       // wire and JSON order
  int has_bits = 0;
  bool is_timestamp = false;
};

struct Params {
  std::vector<std::string> roots;
  std::string ns = "flat";
  std::string basename = "flat";
  std::string include_prefix;
  std::string runtime_prefix = "schemas/flat/";
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
  return s;
}

bool IsVarintKind(Kind k) {
  return k == Kind::kInt32 || k == Kind::kInt64 || k == Kind::kUint32 || k == Kind::kUint64 ||
         k == Kind::kBool || k == Kind::kEnum;
}

int WireType(Kind k) {
  if (IsVarintKind(k)) return 0;
  if (k == Kind::kDouble) return 1;
  if (k == Kind::kFloat) return 5;
  return 2;
}

// The C++ type a scalar is stored as (enums as int32, like protobuf's open
// enums, so unknown values survive).
std::string StorageType(const Field& f) {
  switch (f.kind) {
    case Kind::kInt32: return "int32_t";
    case Kind::kInt64: return "int64_t";
    case Kind::kUint32: return "uint32_t";
    case Kind::kUint64: return "uint64_t";
    case Kind::kBool: return "bool";
    case Kind::kDouble: return "double";
    case Kind::kFloat: return "float";
    case Kind::kEnum: return "int32_t";
    default: return "";
  }
}

std::string EnumType(const EnumDescriptor* e) {
  return pb::compiler::cpp::QualifiedClassName(e);
}

// The API type of a scalar (the enum type for enums).
std::string ValueType(const Field& f) {
  return f.kind == Kind::kEnum ? EnumType(f.enum_type) : StorageType(f);
}

size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

uint32_t Tag(const Field& f, int wire_type) { return (f.number << 3) | static_cast<uint32_t>(wire_type); }

class Generator {
 public:
  Generator(const Params& params, const pb::DescriptorPool* pool) : params_(params), pool_(pool) {}

  bool Collect(std::string* error);
  std::string Header() const;
  std::string Source() const;

 private:
  bool Visit(const Descriptor* d, std::string* error);
  bool CheckFile(const FileDescriptor* file, std::string* error);
  bool CheckEnum(const EnumDescriptor* e, const FieldDescriptor* use, std::string* error);
  std::string FlatNamespace(const FileDescriptor* file) const;
  const Message& Get(const Descriptor* d) const { return messages_[index_.at(d)]; }
  int LengthGuess(const Descriptor* d) const;
  size_t MaxSize(const Descriptor* d) const;  // SIZE_MAX when unbounded

  void EmitClass(const Message& m, std::string* out) const;
  void EmitParse(const Message& m, std::string* out) const;
  void EmitEncode(const Message& m, std::string* out) const;
  void EmitJson(const Message& m, std::string* out) const;
  void EmitToProto(const Message& m, std::string* out) const;
  void EmitFromProto(const Message& m, std::string* out) const;
  void EmitClear(const Message& m, std::string* out) const;

  Params params_;
  const pb::DescriptorPool* pool_;
  std::string root_package_;
  std::vector<Message> messages_;  // dependency order
  std::map<const Descriptor*, size_t> index_;
  std::map<const Descriptor*, int> state_;  // 1 visiting, 2 done
  std::vector<const EnumDescriptor*> enums_;  // used by generated fields, first-use order
  std::set<const EnumDescriptor*> enum_set_;
  std::vector<const FileDescriptor*> includes_;  // files whose .pb.h we need
  std::set<const FileDescriptor*> include_set_;
};

std::string Generator::FlatNamespace(const FileDescriptor* file) const {
  if (file->package() == root_package_) return params_.ns;
  return params_.ns + "::" + Replace(file->package(), ".", "_");
}

bool Generator::CheckFile(const FileDescriptor* file, std::string* error) {
  if (file->syntax() != FileDescriptor::SYNTAX_PROTO3) {
    *error = file->name() + ": only proto3 files are supported (proto2 has required fields, closed "
                            "enums and default values)";
    return false;
  }
  if (include_set_.insert(file).second) includes_.push_back(file);
  return true;
}

bool Generator::CheckEnum(const EnumDescriptor* e, const FieldDescriptor* use, std::string* error) {
  if (!CheckFile(e->file(), error)) return false;
  if (e->value_count() == 0 || e->value(0)->number() != 0) {
    *error = use->full_name() + ": enum " + e->full_name() + " must start with a zero value";
    return false;
  }
  if (enum_set_.insert(e).second) enums_.push_back(e);
  return true;
}

bool Generator::Visit(const Descriptor* d, std::string* error) {
  const int state = state_[d];
  if (state == 2) return true;
  if (state == 1) {
    *error = d->full_name() + ": recursive message (flat sub-messages are embedded by value)";
    return false;
  }
  state_[d] = 1;
  if (!CheckFile(d->file(), error)) return false;
  if (d->options().map_entry()) {
    *error = d->full_name() + ": maps are not supported";
    return false;
  }
  if (d->extension_range_count() > 0 || d->extension_count() > 0) {
    *error = d->full_name() + ": extensions are not supported";
    return false;
  }
  if (d->real_oneof_decl_count() > 0) {
    *error = d->full_name() + ": oneofs are not supported (oneof " + d->oneof_decl(0)->full_name() +
             "); keep this message out of the roots' reach";
    return false;
  }
  const std::string full = d->full_name();
  const bool is_timestamp = full == "google.protobuf.Timestamp";
  if (!is_timestamp && d->file()->name().rfind("google/protobuf/", 0) == 0) {
    *error = full + ": well-known types other than google.protobuf.Timestamp are not supported "
                    "(their JSON mapping is special)";
    return false;
  }

  Message m;
  m.d = d;
  m.is_timestamp = is_timestamp;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* fd = d->field(i);
    Field f;
    f.d = fd;
    f.name = pb::compiler::cpp::FieldName(fd);
    f.number = static_cast<uint32_t>(fd->number());
    f.repeated = fd->is_repeated();
    if (fd->is_map()) {
      *error = fd->full_name() + ": maps are not supported";
      return false;
    }
    if (fd->is_required()) {
      *error = fd->full_name() + ": required fields are not supported";
      return false;
    }
    if (fd->real_containing_oneof() != nullptr) {
      *error = fd->full_name() + ": oneofs are not supported";
      return false;
    }
    if (f.name == "arena" || f.name == "has_bits") {
      *error = fd->full_name() + ": the field name clashes with the flat API (arena(), has_bits_)";
      return false;
    }
    switch (fd->type()) {
      case FieldDescriptor::TYPE_INT32: f.kind = Kind::kInt32; break;
      case FieldDescriptor::TYPE_INT64: f.kind = Kind::kInt64; break;
      case FieldDescriptor::TYPE_UINT32: f.kind = Kind::kUint32; break;
      case FieldDescriptor::TYPE_UINT64: f.kind = Kind::kUint64; break;
      case FieldDescriptor::TYPE_BOOL: f.kind = Kind::kBool; break;
      case FieldDescriptor::TYPE_DOUBLE: f.kind = Kind::kDouble; break;
      case FieldDescriptor::TYPE_FLOAT: f.kind = Kind::kFloat; break;
      case FieldDescriptor::TYPE_STRING: f.kind = Kind::kString; break;
      case FieldDescriptor::TYPE_BYTES: f.kind = Kind::kBytes; break;
      case FieldDescriptor::TYPE_ENUM:
        f.kind = Kind::kEnum;
        f.enum_type = fd->enum_type();
        if (!CheckEnum(f.enum_type, fd, error)) return false;
        break;
      case FieldDescriptor::TYPE_MESSAGE:
        f.kind = Kind::kMessage;
        f.message = fd->message_type();
        if (!Visit(f.message, error)) return false;
        break;
      case FieldDescriptor::TYPE_GROUP:
        *error = fd->full_name() + ": groups are not supported";
        return false;
      default:
        *error = fd->full_name() + ": field type " + std::string(fd->type_name()) +
                 " is not supported (int32, int64, uint32, uint64, bool, double, float, enum, "
                 "string, bytes and messages are)";
        return false;
    }
    f.presence = !f.repeated && fd->has_presence();
    if (f.presence) f.has_bit = m.has_bits++;
    m.fields.push_back(f);
  }
  m.ns = FlatNamespace(d->file());
  m.class_name = pb::compiler::cpp::ClassName(d);
  m.flat_type = "::" + m.ns + "::" + m.class_name;
  m.proto_type = pb::compiler::cpp::QualifiedClassName(d);
  m.mangled = Replace(full, ".", "_");
  state_[d] = 2;
  index_[d] = messages_.size();
  messages_.push_back(std::move(m));
  return true;
}

bool Generator::Collect(std::string* error) {
  if (params_.roots.empty()) {
    *error = "no root message: pass --flat_opt=root=package.Message (one per root)";
    return false;
  }
  std::vector<const Descriptor*> roots;
  for (const std::string& name : params_.roots) {
    const Descriptor* d = pool_->FindMessageTypeByName(name);
    if (d == nullptr) {
      *error = "root message " + name + " not found in the files given to protoc";
      return false;
    }
    roots.push_back(d);
  }
  root_package_ = roots[0]->file()->package();
  for (const Descriptor* d : roots) {
    if (!Visit(d, error)) return false;
  }
  // Index pointers into the final vector (messages_ no longer grows).
  for (Message& m : messages_) {
    m.by_number.clear();
    for (const Field& f : m.fields) m.by_number.push_back(&f);
    std::sort(m.by_number.begin(), m.by_number.end(),
              [](const Field* a, const Field* b) { return a->number < b->number; });
  }
  return true;
}

size_t Generator::MaxSize(const Descriptor* d) const {
  const Message& m = Get(d);
  size_t total = 0;
  for (const Field& f : m.fields) {
    if (f.repeated || f.kind == Kind::kString || f.kind == Kind::kBytes) return SIZE_MAX;
    const size_t tag = VarintSize(Tag(f, 0));
    size_t value = 0;
    switch (f.kind) {
      case Kind::kBool: value = 1; break;
      case Kind::kUint32: value = 5; break;
      case Kind::kDouble: value = 8; break;
      case Kind::kFloat: value = 4; break;
      case Kind::kMessage: {
        const size_t sub = MaxSize(f.message);
        if (sub == SIZE_MAX) return SIZE_MAX;
        value = VarintSize(sub) + sub;
        break;
      }
      default: value = 10; break;
    }
    total += tag + value;
  }
  return total;
}

// Bytes reserved for a sub-message's length before its body is written:
// one for messages that cannot exceed 127 bytes, two for the rest (a wrong
// guess costs a memmove of the body).
int Generator::LengthGuess(const Descriptor* d) const { return MaxSize(d) < 0x80 ? 1 : 2; }

// ---- header ---------------------------------------------------------------

std::string FieldComment(const Field& f) {
  std::string type;
  const FieldDescriptor* fd = f.d;
  if (fd->type() == FieldDescriptor::TYPE_MESSAGE) {
    type = fd->message_type()->full_name();
  } else if (fd->type() == FieldDescriptor::TYPE_ENUM) {
    type = fd->enum_type()->full_name();
  } else {
    type = fd->type_name();
  }
  std::string label = f.repeated ? "repeated " : (fd->has_optional_keyword() ? "optional " : "");
  return "  // " + label + type + " " + fd->name() + " = " + std::to_string(fd->number()) + ";\n";
}

void Generator::EmitClass(const Message& m, std::string* out) const {
  std::string& o = *out;
  const std::string& C = m.class_name;
  o += "// " + m.d->full_name() + " (" + m.d->file()->name() + ")\n";
  o += "class " + C + " {\n public:\n";
  o += "  using ProtoType = " + m.proto_type + ";\n";
  // protoc's nested-type aliases, so templates can say Outer::Inner.
  for (int i = 0; i < m.d->nested_type_count(); ++i) {
    const Descriptor* n = m.d->nested_type(i);
    if (index_.count(n)) o += "  using " + n->name() + " = " + Get(n).class_name + ";\n";
  }
  for (int i = 0; i < m.d->enum_type_count(); ++i) {
    const EnumDescriptor* e = m.d->enum_type(i);
    if (!enum_set_.count(e)) continue;
    o += "  using " + e->name() + " = " + EnumType(e) + ";\n";
    // protoc's nested enum constants (Outer::VALUE).
    const std::string ns = EnumType(e).substr(0, EnumType(e).rfind("::") + 2);
    for (int v = 0; v < e->value_count(); ++v) {
      o += "  static constexpr " + e->name() + " " + e->value(v)->name() + " = " + ns +
           pb::compiler::cpp::ClassName(e) + "_" + e->value(v)->name() + ";\n";
    }
  }
  o += "\n  // `arena` must not be null; it holds repeated fields and copied strings\n"
       "  // and must outlive the message.\n";
  // Constructor: members in declaration order (see the member list below).
  std::vector<const Field*> members;
  for (const Field& f : m.fields) members.push_back(&f);
  auto align_rank = [](const Field* f) {
    if (f->repeated || f->kind == Kind::kMessage || f->kind == Kind::kString ||
        f->kind == Kind::kBytes || f->kind == Kind::kInt64 || f->kind == Kind::kUint64 ||
        f->kind == Kind::kDouble)
      return 0;
    if (f->kind == Kind::kBool) return 2;
    return 1;
  };
  std::stable_sort(members.begin(), members.end(),
                   [&](const Field* a, const Field* b) { return align_rank(a) < align_rank(b); });
  o += "  explicit " + C + "(::assay::flat::Arena* arena)\n      : arena_(arena)";
  for (const Field* f : members) {
    if (f->repeated || f->kind == Kind::kMessage) o += ",\n        " + f->name + "_(arena)";
  }
  o += " {}\n\n";
  o += "  // Empties the message; keeps the arena and repeated fields' capacity.\n";
  o += "  void Clear();\n";
  o += "  ::assay::flat::Arena* arena() const { return arena_; }\n";

  auto has_test = [](const Field& f) {
    return "(has_bits_[" + std::to_string(f.has_bit / 32) + "] & 0x" + [&] {
      char buf[16];
      snprintf(buf, sizeof buf, "%xu", 1u << (f.has_bit % 32));
      return std::string(buf);
    }() + ")";
  };
  auto set_bit = [](const Field& f) {
    char buf[64];
    snprintf(buf, sizeof buf, "has_bits_[%d] |= 0x%xu;", f.has_bit / 32, 1u << (f.has_bit % 32));
    return std::string(buf);
  };
  auto clear_bit = [](const Field& f) {
    char buf[64];
    snprintf(buf, sizeof buf, "has_bits_[%d] &= ~0x%xu;", f.has_bit / 32, 1u << (f.has_bit % 32));
    return std::string(buf);
  };

  for (const Field& f : m.fields) {
    const std::string& n = f.name;
    o += "\n" + FieldComment(f);
    if (f.kind == Kind::kMessage) {
      const std::string sub = Get(f.message).flat_type;
      if (f.repeated) {
        o += "  int " + n + "_size() const { return " + n + "_.size(); }\n";
        o += "  const " + sub + "& " + n + "(int i) const { return " + n + "_[i]; }\n";
        o += "  " + sub + "* mutable_" + n + "(int i) { return " + n + "_.Mutable(i); }\n";
        o += "  // Invalidates pointers to earlier elements when the storage grows.\n";
        o += "  " + sub + "* add_" + n + "() { return " + n + "_.Add(); }\n";
        o += "  const ::assay::flat::Repeated<" + sub + ">& " + n + "() const { return " + n + "_; }\n";
        o += "  ::assay::flat::Repeated<" + sub + ">* mutable_" + n + "() { return &" + n + "_; }\n";
        o += "  void clear_" + n + "() { " + n + "_.Clear(); }\n";
      } else {
        o += "  bool has_" + n + "() const { return " + has_test(f) + " != 0; }\n";
        o += "  const " + sub + "& " + n + "() const { return " + n + "_; }\n";
        o += "  " + sub + "* mutable_" + n + "() {\n    " + set_bit(f) + "\n    return &" + n +
             "_;\n  }\n";
        o += "  void clear_" + n + "() {\n    " + clear_bit(f) + "\n    " + n + "_.Clear();\n  }\n";
      }
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      if (f.repeated) {
        o += "  int " + n + "_size() const { return " + n + "_.size(); }\n";
        o += "  std::string_view " + n + "(int i) const { return " + n + "_[i]; }\n";
        o += "  void set_" + n + "(int i, std::string_view v) { *" + n +
             "_.Mutable(i) = arena_->Copy(v); }\n";
        o += "  void add_" + n + "(std::string_view v) { " + n + "_.Add(v); }\n";
        // protobuf's (pointer, size) form, so template code has one spelling.
        o += "  void add_" + n + "(const char* data, size_t size) { " + n +
             "_.Add(std::string_view(data, size)); }\n";
        o += "  void add_alias_" + n + "(std::string_view v) { " + n + "_.AddAlias(v); }\n";
        o += "  const ::assay::flat::RepeatedString& " + n + "() const { return " + n + "_; }\n";
        o += "  ::assay::flat::RepeatedString* mutable_" + n + "() { return &" + n + "_; }\n";
        o += "  void clear_" + n + "() { " + n + "_.Clear(); }\n";
      } else {
        auto body = [&](const std::string& bit, const std::string& statement) {
          return f.presence ? " {\n    " + bit + "\n    " + statement + "\n  }\n" : " { " + statement + " }\n";
        };
        if (f.presence) o += "  bool has_" + n + "() const { return " + has_test(f) + " != 0; }\n";
        o += "  std::string_view " + n + "() const { return " + n + "_; }\n";
        o += "  // Copies into the arena.\n";
        o += "  void set_" + n + "(std::string_view v)" + body(f.presence ? set_bit(f) : "", n + "_ = arena_->Copy(v);");
        // protobuf's (pointer, size) form, so template code has one spelling.
        o += "  void set_" + n + "(const char* data, size_t size) { set_" + n +
             "(std::string_view(data, size)); }\n";
        o += "  // Keeps the view: the caller keeps the bytes alive as long as the message.\n";
        o += "  void set_alias_" + n + "(std::string_view v)" + body(f.presence ? set_bit(f) : "", n + "_ = v;");
        o += "  void clear_" + n + "()" + body(f.presence ? clear_bit(f) : "", n + "_ = std::string_view();");
      }
    } else {
      const std::string vt = ValueType(f);
      const std::string st = StorageType(f);
      const bool is_enum = f.kind == Kind::kEnum;
      const std::string load = is_enum ? "static_cast<" + vt + ">(" : "";
      const std::string load_end = is_enum ? ")" : "";
      const std::string store = is_enum ? "static_cast<int32_t>(v)" : "v";
      if (f.repeated) {
        o += "  int " + n + "_size() const { return " + n + "_.size(); }\n";
        o += "  " + vt + " " + n + "(int i) const { return " + load + n + "_[i]" + load_end + "; }\n";
        o += "  void set_" + n + "(int i, " + vt + " v) { " + n + "_[i] = " + store + "; }\n";
        o += "  void add_" + n + "(" + vt + " v) { " + n + "_.Add(" + store + "); }\n";
        o += "  const ::assay::flat::Repeated<" + st + ">& " + n + "() const { return " + n + "_; }\n";
        o += "  ::assay::flat::Repeated<" + st + ">* mutable_" + n + "() { return &" + n + "_; }\n";
        o += "  void clear_" + n + "() { " + n + "_.Clear(); }\n";
      } else {
        o += "  " + vt + " " + n + "() const { return " + load + n + "_" + load_end + "; }\n";
        if (f.presence) {
          o += "  bool has_" + n + "() const { return " + has_test(f) + " != 0; }\n";
          o += "  void set_" + n + "(" + vt + " v) {\n    " + set_bit(f) + "\n    " + n + "_ = " +
               store + ";\n  }\n";
          o += "  void clear_" + n + "() {\n    " + clear_bit(f) + "\n    " + n + "_ = 0;\n  }\n";
        } else {
          o += "  void set_" + n + "(" + vt + " v) { " + n + "_ = " + store + "; }\n";
          o += "  void clear_" + n + "() { " + n + "_ = 0; }\n";
        }
      }
    }
  }

  o += "\n private:\n";
  o += "  ::assay::flat::Arena* arena_;\n";
  for (const Field* f : members) {
    const std::string& n = f->name;
    if (f->kind == Kind::kMessage) {
      const std::string sub = Get(f->message).flat_type;
      o += f->repeated ? "  ::assay::flat::Repeated<" + sub + "> " + n + "_;\n"
                       : "  " + sub + " " + n + "_;\n";
    } else if (f->kind == Kind::kString || f->kind == Kind::kBytes) {
      o += f->repeated ? "  ::assay::flat::RepeatedString " + n + "_;\n"
                       : "  std::string_view " + n + "_;\n";
    } else if (f->repeated) {
      o += "  ::assay::flat::Repeated<" + StorageType(*f) + "> " + n + "_;\n";
    } else {
      o += "  " + StorageType(*f) + " " + n + "_ = 0;\n";
    }
  }
  if (m.has_bits > 0) {
    o += "  uint32_t has_bits_[" + std::to_string((m.has_bits + 31) / 32) + "] = {};\n";
  }
  o += "};\n";
  o += "static_assert(std::is_trivially_copyable_v<" + C + ">);\n\n";
  o += "bool Decode(std::string_view bytes, " + C + "* out);\n";
  o += "void Encode(const " + C + "& m, ::assay::flat::ByteSink* out);\n";
  o += "void AppendJson(const " + C + "& m, ::assay::flat::ByteSink* out);\n";
  o += "void ToProto(const " + C + "& m, " + m.proto_type + "* out);\n";
  o += "void FromProto(const " + m.proto_type + "& in, " + C + "* out);\n\n";
}

std::string Generator::Header() const {
  const std::string path = params_.include_prefix + params_.basename + ".h";
  std::string guard;
  for (char c : path) guard += std::isalnum(static_cast<unsigned char>(c)) ? std::toupper(c) : '_';
  guard += "_";
  std::string o;
  o += "// Generated by protoc-gen-flat (tools/flatgen). DO NOT EDIT.\n"
       "//\n"
       "// Flat mirrors of the protobuf messages reachable from";
  for (const std::string& r : params_.roots) o += " " + r;
  o += ".\n"
       "//\n"
       "// Contract:\n"
       "//   - Each message class has protoc 3.21's accessor names (x(), set_x(),\n"
       "//     has_x(), mutable_x(), add_x(), x_size(), clear_x(), Clear()), so\n"
       "//     template code compiles against both. Strings are std::string_view:\n"
       "//     set_x copies into the arena, set_alias_x keeps the view. Enums are\n"
       "//     protoc's enum types, stored as int32 (unknown values survive).\n"
       "//     Sub-messages are embedded by value; an absent one reads as empty.\n"
       "//   - Every class is trivially copyable: a copy is shallow and shares the\n"
       "//     arena storage of repeated fields and strings. Nothing is freed; the\n"
       "//     arena owns all memory (see runtime.h).\n"
       "//   - Decode(bytes, &m) clears m, then returns true iff protobuf's\n"
       "//     ParseFromArray would accept `bytes`; m then equals the parsed\n"
       "//     message without its unknown fields. String fields alias `bytes`,\n"
       "//     which must outlive m. On false, m holds a partial result.\n"
       "//   - Encode appends exactly SerializeToString's bytes. AppendJson appends\n"
       "//     MessageToJsonString's text (preserve_proto_field_names) for the same\n"
       "//     message; doubles with 16-17 digits and out-of-range Timestamps are\n"
       "//     described in json.h. ToProto/FromProto convert (FromProto copies\n"
       "//     strings into the flat message's arena).\n"
       "//\n"
       "// Example:\n"
       "//   assay::flat::Arena arena;\n"
       "//   assay::flat::Assessment a(&arena);\n"
       "//   if (assay::flat::Decode(bytes, &a)) {\n"
       "//     assay::flat::ByteSink out;\n"
       "//     assay::flat::Encode(a, &out);  // out.view() == bytes, when canonical\n"
       "//   }\n";
  o += "#ifndef " + guard + "\n#define " + guard + "\n\n";
  o += "#include <cstddef>\n#include <cstdint>\n#include <string_view>\n#include <type_traits>\n\n";
  std::vector<std::string> incs;
  for (const FileDescriptor* f : includes_) {
    std::string n = f->name();
    if (n.size() > 6 && n.compare(n.size() - 6, 6, ".proto") == 0) n.resize(n.size() - 6);
    incs.push_back(n + ".pb.h");
  }
  std::sort(incs.begin(), incs.end());
  for (const std::string& i : incs) o += "#include \"" + i + "\"\n";
  o += "#include \"" + params_.runtime_prefix + "runtime.h\"\n\n";

  // Forward declarations, then enum names, then classes in dependency order.
  std::string open_ns;
  auto switch_ns = [&](const std::string& ns) {
    if (ns == open_ns) return;
    if (!open_ns.empty()) o += "}  // namespace " + open_ns + "\n\n";
    if (!ns.empty()) o += "namespace " + ns + " {\n\n";
    open_ns = ns;
  };
  for (const Message& m : messages_) {
    switch_ns(m.ns);
    o += "class " + m.class_name + ";\n";
  }
  o += "\n";
  for (const EnumDescriptor* e : enums_) {
    switch_ns(FlatNamespace(e->file()));
    o += "// The value's name, or an empty view for a number the enum does not know.\n";
    o += "std::string_view EnumName(" + EnumType(e) + " value);\n";
  }
  o += "\n";
  for (const Message& m : messages_) {
    switch_ns(m.ns);
    EmitClass(m, &o);
  }
  switch_ns("");
  o += "#endif  // " + guard + "\n";
  return o;
}

// ---- source ---------------------------------------------------------------

void Generator::EmitClear(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += "void " + m.flat_type + "::Clear() {\n";
  for (const Field& f : m.fields) {
    const std::string& n = f.name;
    if (f.repeated || f.kind == Kind::kMessage) {
      o += "  " + n + "_.Clear();\n";
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      o += "  " + n + "_ = std::string_view();\n";
    } else {
      o += "  " + n + "_ = 0;\n";
    }
  }
  if (m.has_bits > 0) o += "  std::memset(has_bits_, 0, sizeof has_bits_);\n";
  o += "}\n\n";
}

// Converts the 64-bit varint `v` to the field's value type, as protobuf's
// generated parser does (ReadVarint32 or a cast from ReadVarint64: the low
// 32 bits for 32-bit fields; != 0 for bool).
std::string FromVarint(const Field& f, const std::string& v) {
  switch (f.kind) {
    case Kind::kInt32: return "static_cast<int32_t>(" + v + ")";
    case Kind::kInt64: return "static_cast<int64_t>(" + v + ")";
    case Kind::kUint32: return "static_cast<uint32_t>(" + v + ")";
    case Kind::kUint64: return v;
    case Kind::kBool: return "(" + v + " != 0)";
    case Kind::kEnum: return "static_cast<int32_t>(" + v + ")";
    default: return v;
  }
}

// The primary tag of a field: the one protobuf writes (packed for repeated
// scalars).
uint32_t PrimaryTag(const Field& f) {
  return Tag(f, f.repeated && f.kind != Kind::kMessage && f.kind != Kind::kString &&
                        f.kind != Kind::kBytes
                    ? 2
                    : WireType(f.kind));
}

// After a field, the code that jumps straight to the body of the field that
// usually comes next on the wire (the same one again for repeated fields,
// then the next number) when its tag follows: a compare and a direct branch
// instead of the switch's indirect jump, which mispredicts on every change
// of field.
std::string ExpectNext(const std::vector<const Field*>& order, size_t i) {
  std::string o;
  auto expect = [&](size_t j) {
    const uint32_t tag = PrimaryTag(*order[j]);
    const std::string label = "f" + std::to_string(order[j]->number) + "_" + std::to_string(tag);
    if (tag < 0x80) {
      o += "        if (p < end && static_cast<unsigned char>(*p) == " + std::to_string(tag) +
           "u) {\n          ++p;\n          goto " + label + ";\n        }\n";
    } else if (tag < 0x4000) {
      const uint32_t two = (tag & 0x7f) | 0x80 | ((tag >> 7) << 8);
      o += "        if (end - p >= 2 && internal::Load16(p) == " + std::to_string(two) +
           "u) {\n          p += 2;\n          goto " + label + ";\n        }\n";
    }
  };
  if (order[i]->repeated) expect(i);
  if (i + 1 < order.size()) expect(i + 1);
  o += "        continue;\n";
  return o;
}

// Small messages without sub-messages (dates, timestamps) are parsed inline
// in their parents: a call per date cost more than the parse.
bool IsSmallLeaf(const Message& m) {
  if (m.fields.size() > 4) return false;
  for (const Field& f : m.fields) {
    if (f.kind == Kind::kMessage || f.repeated) return false;
  }
  return true;
}

void Generator::EmitParse(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += std::string(IsSmallLeaf(m) ? "inline " : "") + "const char* Parse_" + m.mangled + "(const char* p, const char* end, " + m.flat_type +
       "* m, int depth) {\n";
  o += "  while (p < end) {\n"
       "    uint32_t tag;\n"
       "    p = internal::ReadTag(p, end, &tag);\n"
       "    if (p == nullptr) return nullptr;\n"
       "    switch (tag) {\n";
  const std::vector<const Field*>& order = m.by_number;
  // Fields some ExpectNext jumps to (labels nobody jumps to would warn).
  std::set<size_t> targets;
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i]->repeated) targets.insert(i);
    if (i + 1 < order.size()) targets.insert(i + 1);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    const Field& f = *order[i];
    const std::string& n = f.name;
    const std::string next = ExpectNext(order, i);
    auto label = [&](uint32_t tag) {
      if (!targets.count(i) || PrimaryTag(f) >= 0x4000) return std::string();
      return "f" + std::to_string(f.number) + "_" + std::to_string(tag) + ":";
    };
    const uint32_t wt_tag = Tag(f, WireType(f.kind));
    const std::string t = std::to_string(wt_tag) + "u";
    o += "      // " + f.d->name() + "\n";
    if (f.kind == Kind::kMessage) {
      const Message& sub = Get(f.message);
      o += "      case " + t + ":\n      " + label(wt_tag) + " {\n"
           "        const char* sub_end;\n"
           "        p = internal::ReadLengthDelimited(p, end, &sub_end);\n"
           "        if (p == nullptr || depth < 1) return nullptr;\n";
      o += "        if (Parse_" + sub.mangled + "(p, sub_end, m->" +
           (f.repeated ? "add_" : "mutable_") + n + "(), depth - 1) == nullptr) return nullptr;\n";
      o += "        p = sub_end;\n" + next + "      }\n";
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      o += "      case " + t + ":\n      " + label(wt_tag) + " {\n"
           "        const char* s_end;\n"
           "        p = internal::ReadLengthDelimited(p, end, &s_end);\n"
           "        if (p == nullptr) return nullptr;\n";
      if (f.kind == Kind::kString) {
        o += "        if (!internal::ValidUtf8(p, static_cast<size_t>(s_end - p))) return nullptr;\n";
      }
      o += std::string("        m->") + (f.repeated ? "add_alias_" : "set_alias_") + n +
           "(std::string_view(p, static_cast<size_t>(s_end - p)));\n"
           "        p = s_end;\n" + next + "      }\n";
    } else {
      const std::string setter = f.repeated ? "mutable_" + n + "()->Add" : "set_" + n;
      auto set = [&](const std::string& value) {
        if (f.kind == Kind::kEnum && !f.repeated) {
          return "m->" + setter + "(static_cast<" + EnumType(f.enum_type) + ">(" + value + "));\n";
        }
        return "m->" + setter + "(" + value + ");\n";
      };
      if (f.repeated) {
        // Packed (the primary tag) first.
        const uint32_t packed = Tag(f, 2);
        o += "      case " + std::to_string(packed) + "u:  // packed\n      " + label(packed) + " {\n";
        if (IsVarintKind(f.kind)) {
          o += "        p = internal::ReadPackedVarint(p, end, m->mutable_" + n +
               "(), [](uint64_t v) { return " + FromVarint(f, "v") + "; });\n";
        } else {
          o += "        p = internal::ReadPackedFixed(p, end, m->mutable_" + n + "());\n";
        }
        o += "        if (p == nullptr) return nullptr;\n" + next + "      }\n";
      }
      if (IsVarintKind(f.kind)) {
        o += "      case " + t + ": {\n"
             "        uint64_t v;\n"
             "        p = internal::ReadVarint64(p, end, &v);\n"
             "        if (p == nullptr) return nullptr;\n"
             "        " + set(FromVarint(f, "v"));
      } else {
        const bool d = f.kind == Kind::kDouble;
        const std::string bits = d ? "uint64_t" : "uint32_t";
        o += "      case " + t + ": {\n"
             "        " + bits + " raw;\n"
             "        p = internal::ReadFixed" + (d ? "64" : "32") + "(p, end, &raw);\n"
             "        if (p == nullptr) return nullptr;\n"
             "        " + set("std::bit_cast<" + StorageType(f) + ">(raw)");
      }
      if (f.repeated) {
        o += "        continue;\n      }\n";  // unpacked: rare, no chaining
      } else {
        o += next + "      }\n";
      }
      // Singular scalars: the label goes on the case (primary tag = wire tag).
      if (!f.repeated) {
        const std::string needle = "      case " + t + ": {\n";
        const size_t at = o.rfind(needle);
        o.replace(at, needle.size(), "      case " + t + ":\n      " + label(wt_tag) + " {\n");
      }
    }
  }
  o += "      default:\n"
       "        // Unknown fields, known numbers with another wire type, tag 0 and\n"
       "        // END_GROUP (which end a message, an error here).\n"
       "        p = internal::SkipField(tag, p, end, depth);\n"
       "        if (p == nullptr) return nullptr;\n"
       "        continue;\n"
       "    }\n"
       "  }\n"
       "  return p;\n"
       "}\n\n";
}

// Upper bound of the bytes a singular scalar field takes (tag included).
size_t MaxScalarBytes(const Field& f) {
  const size_t tag = VarintSize(Tag(f, WireType(f.kind)));
  switch (f.kind) {
    case Kind::kBool: return tag + 1;
    case Kind::kUint32: return tag + 5;
    case Kind::kDouble: return tag + 8;
    case Kind::kFloat: return tag + 4;
    case Kind::kString:
    case Kind::kBytes: return tag + 5;  // plus the bytes themselves
    default: return tag + 10;
  }
}

void Generator::EmitEncode(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += "void Encode_" + m.mangled + "([[maybe_unused]] const " + m.flat_type +
       "& m, [[maybe_unused]] ByteSink* out) {\n";
  const std::vector<const Field*>& order = m.by_number;
  size_t i = 0;
  while (i < order.size()) {
    const Field& first = *order[i];
    if (!first.repeated && first.kind != Kind::kMessage) {
      // A run of singular scalars and strings: one Reserve for the run, then
      // writes through a local pointer (stores through ByteSink would make
      // the compiler reload its size after every byte).
      size_t j = i;
      size_t bound = 0;
      std::string dynamic;
      while (j < order.size() && !order[j]->repeated && order[j]->kind != Kind::kMessage) {
        bound += MaxScalarBytes(*order[j]);
        if (order[j]->kind == Kind::kString || order[j]->kind == Kind::kBytes) {
          dynamic += " + m." + order[j]->name + "().size()";
        }
        ++j;
      }
      o += "  {\n    char* p = out->Reserve(" + std::to_string(bound) + dynamic + ");\n";
      for (size_t k = i; k < j; ++k) {
        const Field& f = *order[k];
        const std::string& n = f.name;
        const std::string get = "m." + n + "()";
        const std::string tag = "    p = internal::WriteVarint(p, " +
                                std::to_string(Tag(f, WireType(f.kind))) + "u);\n";
        std::string cond, write;
        switch (f.kind) {
          case Kind::kInt32:
            cond = get + " != 0";
            write = "p = internal::WriteVarint(p, internal::Int32Wire(" + get + "));";
            break;
          case Kind::kEnum:
            cond = get + " != 0";
            write = "p = internal::WriteVarint(p, internal::Int32Wire(static_cast<int32_t>(" + get + ")));";
            break;
          case Kind::kInt64:
          case Kind::kUint32:
          case Kind::kUint64:
            cond = get + " != 0";
            write = "p = internal::WriteVarint(p, static_cast<uint64_t>(" + get + "));";
            break;
          case Kind::kBool:
            cond = get;
            write = "*p++ = " + get + " ? 1 : 0;";
            break;
          case Kind::kDouble:
            // Compared by bits, as protobuf 3.21 does: -0.0 is written.
            cond = "std::bit_cast<uint64_t>(" + get + ") != 0";
            write = "p = internal::WriteFixed64(p, std::bit_cast<uint64_t>(" + get + "));";
            break;
          case Kind::kFloat:
            cond = "std::bit_cast<uint32_t>(" + get + ") != 0";
            write = "p = internal::WriteFixed32(p, std::bit_cast<uint32_t>(" + get + "));";
            break;
          case Kind::kString:
          case Kind::kBytes:
            cond = "!" + get + ".empty()";
            write = "p = internal::WriteLengthAndBytes(p, " + get + ");";
            break;
          default: break;
        }
        if (f.presence) cond = "m.has_" + n + "()";
        o += "    // " + f.d->name() + "\n    if (" + cond + ") {\n  " + tag + "      " + write + "\n    }\n";
      }
      o += "    out->CommitTo(p);\n  }\n";
      i = j;
      continue;
    }
    const Field& f = first;
    const std::string& n = f.name;
    const uint32_t tag = Tag(f, WireType(f.kind));
    o += "  // " + f.d->name() + "\n";
    if (f.kind == Kind::kMessage) {
      const Message& sub = Get(f.message);
      const std::string guess = std::to_string(LengthGuess(f.message));
      const std::string body = "    internal::PutVarint(out, " + std::to_string(tag) +
                               "u);\n    const size_t at = internal::OpenLength(out, " + guess +
                               ");\n    Encode_" + sub.mangled + "(%s, out);\n"
                               "    internal::CloseLength(out, at, " + guess + ");\n";
      if (f.repeated) {
        o += "  for (const auto& e : m." + n + "()) {\n" + Replace(body, "%s", "e") + "  }\n";
      } else {
        o += "  if (m.has_" + n + "()) {\n" + Replace(body, "%s", "m." + n + "()") + "  }\n";
      }
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      o += "  for (std::string_view s : m." + n + "()) {\n"
           "    char* p = out->Reserve(" + std::to_string(VarintSize(tag) + 5) + " + s.size());\n"
           "    p = internal::WriteVarint(p, " + std::to_string(tag) + "u);\n"
           "    out->CommitTo(internal::WriteLengthAndBytes(p, s));\n  }\n";
    } else {
      // Packed (proto3's default), written only when non-empty.
      const std::string ptag = std::to_string(Tag(f, 2)) + "u";
      o += "  if (!m." + n + "().empty()) {\n";
      if (IsVarintKind(f.kind)) {
        std::string wire;
        switch (f.kind) {
          case Kind::kInt32:
          case Kind::kEnum: wire = "internal::Int32Wire(v)"; break;
          case Kind::kBool: wire = "static_cast<uint64_t>(v ? 1 : 0)"; break;
          default: wire = "static_cast<uint64_t>(v)"; break;
        }
        o += "    size_t bytes = 0;\n"
             "    for (auto v : m." + n + "()) bytes += internal::VarintSize(" + wire + ");\n"
             "    char* p = out->Reserve(15 + bytes);\n"
             "    p = internal::WriteVarint(p, " + ptag + ");\n"
             "    p = internal::WriteVarint(p, bytes);\n"
             "    for (auto v : m." + n + "()) p = internal::WriteVarint(p, " + wire + ");\n"
             "    out->CommitTo(p);\n";
      } else {
        const std::string w = f.kind == Kind::kDouble ? "8" : "4";
        o += "    const size_t bytes = static_cast<size_t>(m." + n + "().size()) * " + w + ";\n"
             "    char* p = out->Reserve(15 + bytes);\n"
             "    p = internal::WriteVarint(p, " + ptag + ");\n"
             "    p = internal::WriteVarint(p, bytes);\n"
             "    std::memcpy(p, m." + n + "().data(), bytes);\n"
             "    out->CommitTo(p + bytes);\n";
      }
      o += "  }\n";
    }
    ++i;
  }
  o += "}\n\n";
}

std::string JsonValue(const Field& f, const std::string& v, const std::string& enum_name_fn,
                      const std::string& sub_mangled) {
  switch (f.kind) {
    case Kind::kInt32: return "internal::JsonInt32(out, " + v + ");";
    case Kind::kUint32: return "internal::JsonUint32(out, " + v + ");";
    case Kind::kInt64: return "internal::JsonInt64(out, " + v + ");";
    case Kind::kUint64: return "internal::JsonUint64(out, " + v + ");";
    case Kind::kBool: return "internal::JsonBool(out, " + v + ");";
    case Kind::kDouble: return "internal::JsonDouble(out, " + v + ");";
    case Kind::kFloat: return "internal::JsonFloat(out, " + v + ");";
    case Kind::kEnum:
      return "internal::JsonEnum(out, " + enum_name_fn + "(static_cast<" + EnumType(f.enum_type) + ">(" + v +
             ")), static_cast<int32_t>(" + v + "));";
    case Kind::kString: return "internal::JsonString(out, " + v + ");";
    case Kind::kBytes: return "internal::JsonBytes(out, " + v + ");";
    case Kind::kMessage: return "Json_" + sub_mangled + "(" + v + ", out);";
  }
  return "";
}

void Generator::EmitJson(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += "void Json_" + m.mangled + "([[maybe_unused]] const " + m.flat_type + "& m, ByteSink* out) {\n";
  if (m.is_timestamp) {
    o += "  internal::JsonTimestamp(out, m.seconds(), m.nanos());\n}\n\n";
    return;
  }
  // Each member is written as ,"key":value; the first comma then becomes
  // the opening brace.
  o += "  const size_t start = out->size();\n";
  for (const Field* fp : m.by_number) {
    const Field& f = *fp;
    const std::string& n = f.name;
    const std::string key = ",\\\"" + f.d->name() + "\\\":";
    const size_t key_len = f.d->name().size() + 4;
    const std::string put_key = "out->append(\"" + key + "\", " + std::to_string(key_len) + ");";
    const std::string sub = f.kind == Kind::kMessage ? Get(f.message).mangled : "";
    const std::string enum_fn =
        f.kind == Kind::kEnum ? "::" + FlatNamespace(f.enum_type->file()) + "::EnumName" : "";
    if (f.repeated) {
      o += "  if (!m." + n + "().empty()) {\n    " + put_key + "\n"
           "    out->push_back('[');\n"
           "    bool first = true;\n"
           "    for (const auto& e : m." + n + "()) {\n"
           "      if (!first) out->push_back(',');\n"
           "      first = false;\n"
           "      " + JsonValue(f, "e", enum_fn, sub) + "\n"
           "    }\n"
           "    out->push_back(']');\n  }\n";
      continue;
    }
    const std::string get = "m." + n + "()";
    std::string cond;
    if (f.presence) {
      cond = "m.has_" + n + "()";
    } else {
      switch (f.kind) {
        case Kind::kString:
        case Kind::kBytes: cond = "!" + get + ".empty()"; break;
        case Kind::kBool: cond = get; break;
        case Kind::kDouble: cond = "std::bit_cast<uint64_t>(" + get + ") != 0"; break;
        case Kind::kFloat: cond = "std::bit_cast<uint32_t>(" + get + ") != 0"; break;
        default: cond = get + " != 0"; break;
      }
    }
    o += "  if (" + cond + ") {\n    " + put_key + "\n    " + JsonValue(f, get, enum_fn, sub) + "\n  }\n";
  }
  o += "  if (out->size() == start) {\n"
       "    out->append(\"{}\", 2);\n"
       "  } else {\n"
       "    out->data()[start] = '{';\n"
       "    out->push_back('}');\n"
       "  }\n}\n\n";
}

void Generator::EmitToProto(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += "void ToProto_" + m.mangled + "([[maybe_unused]] const " + m.flat_type +
       "& m, [[maybe_unused]] " + m.proto_type + "* out) {\n";
  for (const Field& f : m.fields) {
    const std::string& n = f.name;
    if (f.kind == Kind::kMessage) {
      const std::string sub = Get(f.message).mangled;
      if (f.repeated) {
        o += "  out->mutable_" + n + "()->Reserve(m." + n + "_size());\n";
        o += "  for (const auto& e : m." + n + "()) ToProto_" + sub + "(e, out->add_" + n + "());\n";
      } else {
        o += "  if (m.has_" + n + "()) ToProto_" + sub + "(m." + n + "(), out->mutable_" + n + "());\n";
      }
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      if (f.repeated) {
        o += "  for (std::string_view s : m." + n + "()) out->add_" + n +
             "()->assign(s.data(), s.size());\n";
      } else {
        const std::string cond = f.presence ? "m.has_" + n + "()" : "!m." + n + "().empty()";
        o += "  if (" + cond + ") out->mutable_" + n + "()->assign(m." + n + "().data(), m." + n +
             "().size());\n";
      }
    } else if (f.repeated) {
      o += "  if (!m." + n + "().empty()) {\n"
           "    auto* r = out->mutable_" + n + "();\n"
           "    r->Reserve(m." + n + "_size());\n"
           "    for (auto v : m." + n + "()) r->Add(v);\n  }\n";
    } else if (f.presence) {
      o += "  if (m.has_" + n + "()) out->set_" + n + "(m." + n + "());\n";
    } else {
      o += "  out->set_" + n + "(m." + n + "());\n";
    }
  }
  o += "}\n\n";
}

void Generator::EmitFromProto(const Message& m, std::string* out) const {
  std::string& o = *out;
  o += "void FromProto_" + m.mangled + "([[maybe_unused]] const " + m.proto_type +
       "& in, [[maybe_unused]] " + m.flat_type + "* out) {\n";
  for (const Field& f : m.fields) {
    const std::string& n = f.name;
    if (f.kind == Kind::kMessage) {
      const std::string sub = Get(f.message).mangled;
      if (f.repeated) {
        o += "  for (const auto& e : in." + n + "()) FromProto_" + sub + "(e, out->add_" + n + "());\n";
      } else {
        o += "  if (in.has_" + n + "()) FromProto_" + sub + "(in." + n + "(), out->mutable_" + n +
             "());\n";
      }
    } else if (f.kind == Kind::kString || f.kind == Kind::kBytes) {
      if (f.repeated) {
        o += "  for (const std::string& s : in." + n + "()) out->add_" + n + "(s);\n";
      } else {
        const std::string cond = f.presence ? "in.has_" + n + "()" : "!in." + n + "().empty()";
        o += "  if (" + cond + ") out->set_" + n + "(in." + n + "());\n";
      }
    } else if (f.repeated) {
      o += "  for (auto v : in." + n + "()) out->mutable_" + n + "()->Add(v);\n";
    } else if (f.presence) {
      o += "  if (in.has_" + n + "()) out->set_" + n + "(in." + n + "());\n";
    } else {
      o += "  out->set_" + n + "(in." + n + "());\n";
    }
  }
  o += "}\n\n";
}

std::string Generator::Source() const {
  std::string o;
  o += "// Generated by protoc-gen-flat (tools/flatgen). DO NOT EDIT.\n";
  o += "#include \"" + params_.include_prefix + params_.basename + ".h\"\n\n";
  o += "#include <bit>\n#include <cstring>\n#include <string>\n\n";
  o += "#include \"" + params_.runtime_prefix + "json.h\"\n";
  o += "#include \"" + params_.runtime_prefix + "wire.h\"\n\n";
  o += "namespace " + params_.ns + " {\nnamespace {\n\n";
  o += "using ::assay::flat::ByteSink;\nnamespace internal = ::assay::flat::internal;\n\n";
  for (const Message& m : messages_) {
    o += std::string(IsSmallLeaf(m) ? "[[gnu::always_inline]] inline " : "") + "const char* Parse_" +
         m.mangled + "(const char* p, const char* end, " + m.flat_type + "* m, int depth);\n";
    o += "void Encode_" + m.mangled + "(const " + m.flat_type + "& m, ByteSink* out);\n";
    o += "void Json_" + m.mangled + "(const " + m.flat_type + "& m, ByteSink* out);\n";
    o += "void ToProto_" + m.mangled + "(const " + m.flat_type + "& m, " + m.proto_type + "* out);\n";
    o += "void FromProto_" + m.mangled + "(const " + m.proto_type + "& in, " + m.flat_type +
         "* out);\n";
  }
  o += "\n";
  for (const Message& m : messages_) {
    EmitParse(m, &o);
    EmitEncode(m, &o);
    EmitJson(m, &o);
    EmitToProto(m, &o);
    EmitFromProto(m, &o);
  }
  o += "}  // namespace\n}  // namespace " + params_.ns + "\n\n";

  for (const EnumDescriptor* e : enums_) {
    o += "auto ::" + FlatNamespace(e->file()) + "::EnumName(" + EnumType(e) +
         " value) -> std::string_view {\n  switch (static_cast<int>(value)) {\n";
    std::set<int> seen;  // with allow_alias, the first name of a number wins (FindValueByNumber)
    for (int i = 0; i < e->value_count(); ++i) {
      const auto* v = e->value(i);
      if (!seen.insert(v->number()).second) continue;
      o += "    case " + std::to_string(v->number()) + ": return \"" + v->name() + "\";\n";
    }
    o += "  }\n  return std::string_view();\n}\n\n";
  }

  for (const Message& m : messages_) {
    const std::string& T = m.flat_type;
    const std::string& ns = "::" + m.ns + "::";
    const std::string& M = m.mangled;
    EmitClear(m, &o);
    o += "bool " + ns + "Decode(std::string_view bytes, " + T + "* out) {\n"
         "  out->Clear();\n"
         "  return ::" + params_.ns + "::Parse_" + M +
         "(bytes.data(), bytes.data() + bytes.size(), out,\n"
         "      ::assay::flat::internal::kDefaultRecursionLimit) != nullptr;\n}\n\n";
    o += "void " + ns + "Encode(const " + T + "& m, ::assay::flat::ByteSink* out) {\n"
         "  ::" + params_.ns + "::Encode_" + M + "(m, out);\n}\n\n";
    o += "void " + ns + "AppendJson(const " + T + "& m, ::assay::flat::ByteSink* out) {\n"
         "  ::" + params_.ns + "::Json_" + M + "(m, out);\n}\n\n";
    o += "void " + ns + "ToProto(const " + T + "& m, " + m.proto_type + "* out) {\n"
         "  out->Clear();\n  ::" + params_.ns + "::ToProto_" + M + "(m, out);\n}\n\n";
    o += "void " + ns + "FromProto(const " + m.proto_type + "& in, " + T + "* out) {\n"
         "  out->Clear();\n  ::" + params_.ns + "::FromProto_" + M + "(in, out);\n}\n\n";
  }
  return o;
}

bool ParseParams(const std::string& parameter, Params* params, std::string* error) {
  std::vector<std::pair<std::string, std::string>> options;
  pb::compiler::ParseGeneratorParameter(parameter, &options);
  for (const auto& [key, value] : options) {
    if (key == "root") {
      params->roots.push_back(value);
    } else if (key == "namespace") {
      params->ns = value;
    } else if (key == "basename") {
      params->basename = value;
    } else if (key == "include_prefix") {
      params->include_prefix = value;
    } else if (key == "runtime_prefix") {
      params->runtime_prefix = value;
    } else {
      *error = "unknown parameter '" + key +
               "' (known: root, namespace, basename, include_prefix, runtime_prefix)";
      return false;
    }
  }
  while (params->ns.rfind("::", 0) == 0) params->ns.erase(0, 2);
  return true;
}

bool WriteFile(pb::compiler::GeneratorContext* context, const std::string& name,
               const std::string& text) {
  std::unique_ptr<pb::io::ZeroCopyOutputStream> stream(context->Open(name));
  void* data;
  int size;
  size_t at = 0;
  while (at < text.size()) {
    if (!stream->Next(&data, &size)) return false;
    const size_t n = std::min(static_cast<size_t>(size), text.size() - at);
    std::memcpy(data, text.data() + at, n);
    at += n;
    if (n < static_cast<size_t>(size)) stream->BackUp(size - static_cast<int>(n));
  }
  return true;
}

}  // namespace

bool FlatGenerator::Generate(const FileDescriptor* file, const std::string& parameter,
                             pb::compiler::GeneratorContext* context, std::string* error) const {
  return GenerateAll({file}, parameter, context, error);
}

bool FlatGenerator::GenerateAll(const std::vector<const FileDescriptor*>& files,
                                const std::string& parameter,
                                pb::compiler::GeneratorContext* context, std::string* error) const {
  if (files.empty()) {
    *error = "no .proto files";
    return false;
  }
  Params params;
  if (!ParseParams(parameter, &params, error)) return false;
  Generator gen(params, files[0]->pool());
  if (!gen.Collect(error)) return false;
  if (!WriteFile(context, params.basename + ".h", gen.Header()) ||
      !WriteFile(context, params.basename + ".cc", gen.Source())) {
    *error = "cannot write the output files";
    return false;
  }
  return true;
}

}  // namespace assay::flatgen
