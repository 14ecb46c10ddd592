#include "schemas/flat/mutate.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace assay::flat::testing {
namespace {

namespace pb = google::protobuf;

// splitmix64: small, fast, and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

bool ReadVarint(std::string_view* in, uint64_t* out) {
  uint64_t v = 0;
  for (int i = 0; i < 10 && static_cast<size_t>(i) < in->size(); ++i) {
    const uint64_t b = static_cast<unsigned char>((*in)[i]);
    v |= (b & 0x7f) << (7 * i);
    if (b < 0x80) {
      *out = v;
      in->remove_prefix(static_cast<size_t>(i) + 1);
      return true;
    }
  }
  return false;
}

bool ParseFields(std::string_view* in, const pb::Descriptor* type, WireMessage* out,
                 std::optional<uint32_t> group, int depth) {
  if (depth > 200) return false;
  while (!in->empty()) {
    uint64_t tag;
    if (!ReadVarint(in, &tag) || tag > 0xffffffffu) return false;
    WireNode n;
    n.number = static_cast<uint32_t>(tag >> 3);
    n.wire_type = static_cast<int>(tag & 7);
    if (n.number == 0) return false;
    if (type != nullptr) n.field = type->FindFieldByNumber(static_cast<int>(n.number));
    switch (n.wire_type) {
      case 0:
        if (!ReadVarint(in, &n.varint)) return false;
        break;
      case 1:
      case 5: {
        const size_t w = n.wire_type == 1 ? 8 : 4;
        if (in->size() < w) return false;
        n.payload.assign(in->data(), w);
        in->remove_prefix(w);
        break;
      }
      case 2: {
        uint64_t len;
        if (!ReadVarint(in, &len) || len > in->size()) return false;
        std::string_view body = in->substr(0, len);
        in->remove_prefix(len);
        if (n.field != nullptr && n.field->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
          std::string_view sub = body;
          if (ParseFields(&sub, n.field->message_type(), &n.children, std::nullopt, depth + 1)) {
            n.is_message = true;
            break;
          }
          n.children.clear();
        }
        n.payload.assign(body);
        break;
      }
      case 3:
        if (!ParseFields(in, nullptr, &n.children, n.number, depth + 1)) return false;
        break;
      case 4:
        if (group && *group == n.number) return true;
        return false;
      default:
        return false;
    }
    out->push_back(std::move(n));
  }
  return !group.has_value();
}

void AppendTag(std::string* out, const WireNode& n, uint32_t number, int wire_type) {
  if (n.raw_tag) {
    out->append(*n.raw_tag);
    return;
  }
  out->append(EncodeVarint((static_cast<uint64_t>(number) << 3) | static_cast<uint64_t>(wire_type),
                           n.tag_extra));
}

void Serialize(const WireMessage& m, std::string* out) {
  for (const WireNode& n : m) {
    AppendTag(out, n, n.number, n.wire_type);
    switch (n.wire_type) {
      case 0:
        out->append(n.raw_value ? *n.raw_value : EncodeVarint(n.varint, n.value_extra));
        break;
      case 2: {
        std::string body;
        if (n.is_message) {
          Serialize(n.children, &body);
        } else {
          body = n.payload;
        }
        out->append(n.raw_length ? *n.raw_length : EncodeVarint(body.size(), n.value_extra));
        out->append(body);
        break;
      }
      case 3: {
        Serialize(n.children, out);
        if (!n.unterminated) {
          out->append(EncodeVarint((static_cast<uint64_t>(n.end_number.value_or(n.number)) << 3) | 4));
        }
        break;
      }
      case 4:
        break;  // a bare END_GROUP tag
      default:
        out->append(n.payload);  // wire types 1, 5 and the invalid 6, 7
        break;
    }
  }
}

void CollectNodes(WireMessage* m, int depth, std::vector<NodeRef>* out) {
  for (size_t i = 0; i < m->size(); ++i) {
    WireNode* n = &(*m)[i];
    out->push_back(NodeRef{n, m, i, depth});
    if (n->is_message || n->wire_type == 3) CollectNodes(&n->children, depth + 1, out);
  }
}

// A chain of `levels` nested unknown groups (field numbers 1000 + level)
// around one varint field.
WireNode NestedGroups(int levels) {
  WireNode leaf;
  leaf.number = 7;
  leaf.wire_type = 0;
  leaf.varint = 1;
  WireNode inner = leaf;
  for (int i = levels; i >= 1; --i) {
    WireNode g;
    g.number = 1000 + static_cast<uint32_t>(i);
    g.wire_type = 3;
    g.children.push_back(std::move(inner));
    inner = std::move(g);
  }
  return inner;
}

WireNode Unknown(uint32_t number, int wire_type, Rng* rng) {
  WireNode n;
  n.number = number;
  n.wire_type = wire_type;
  switch (wire_type) {
    case 0: n.varint = rng->Next() >> rng->Below(64); break;
    case 1: n.payload = std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8); break;
    case 5: n.payload = std::string("\x11\x12\x13\x14", 4); break;
    case 2: n.payload = "unknown"; break;
    case 3: n.children.push_back(Unknown(5, 0, rng)); break;
    default: break;
  }
  return n;
}

bool IsPackableScalar(const pb::FieldDescriptor* f) {
  return f != nullptr && f->is_repeated() && f->cpp_type() != pb::FieldDescriptor::CPPTYPE_STRING &&
         f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE;
}

}  // namespace

std::string EncodeVarint(uint64_t value, int extra) {
  std::string out;
  while (value >= 0x80) {
    out.push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  if (extra <= 0) {
    out.push_back(static_cast<char>(value));
    return out;
  }
  out.push_back(static_cast<char>(value | 0x80));
  for (int i = 1; i < extra; ++i) out.push_back(static_cast<char>(0x80));
  out.push_back(0);
  return out;
}

bool ParseWire(std::string_view bytes, const pb::Descriptor* type, WireMessage* out) {
  out->clear();
  return ParseFields(&bytes, type, out, std::nullopt, 0);
}

std::string SerializeWire(const WireMessage& message) {
  std::string out;
  Serialize(message, &out);
  return out;
}

std::vector<NodeRef> AllNodes(WireMessage* message) {
  std::vector<NodeRef> out;
  CollectNodes(message, 0, &out);
  return out;
}

std::vector<Mutant> Mutants(std::string_view bytes, const pb::Descriptor* type, uint64_t seed,
                            const MutantOptions& options) {
  Rng rng(seed);
  std::vector<Mutant> out;
  const std::string base(bytes);
  auto add = [&](std::string b, std::string what) { out.push_back(Mutant{std::move(b), std::move(what)}); };

  // Byte level.
  for (int i = 0; i < options.bit_flips && !base.empty(); ++i) {
    std::string b = base;
    const size_t at = rng.Below(b.size());
    b[at] = static_cast<char>(b[at] ^ (1 << rng.Below(8)));
    add(std::move(b), "bit flip at " + std::to_string(at));
  }
  for (int i = 0; i < options.insertions; ++i) {
    std::string b = base;
    const size_t at = rng.Below(b.size() + 1);
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(rng.Next()));
    add(std::move(b), "byte inserted at " + std::to_string(at));
  }
  for (int i = 0; i < options.deletions && !base.empty(); ++i) {
    std::string b = base;
    const size_t at = rng.Below(b.size());
    b.erase(at, 1);
    add(std::move(b), "byte deleted at " + std::to_string(at));
  }
  if (options.truncations) {
    for (size_t n = 0; n < base.size(); ++n) add(base.substr(0, n), "truncated to " + std::to_string(n));
  }

  WireMessage tree;
  if (!ParseWire(base, type, &tree)) return out;

  // Structural: on a sample of nodes, each mutation on a fresh copy.
  const size_t total = AllNodes(&tree).size();
  std::vector<size_t> picks;
  for (int i = 0; i < options.structural_nodes && total > 0; ++i) picks.push_back(rng.Below(total));
  std::sort(picks.begin(), picks.end());
  picks.erase(std::unique(picks.begin(), picks.end()), picks.end());

  auto mutate = [&](size_t pick, const std::string& what, auto&& change) {
    WireMessage copy = tree;
    NodeRef ref = AllNodes(&copy)[pick];
    // Described before the change: insertions may move the node.
    const std::string where = " (node " + std::to_string(pick) + ", field " +
                              std::to_string(ref.node->number) + ", depth " +
                              std::to_string(ref.depth) + ")";
    change(ref);
    add(SerializeWire(copy), what + where);
  };

  for (size_t pick : picks) {
    const NodeRef probe = AllNodes(&tree)[pick];
    const WireNode& n = *probe.node;
    const int tag_len = static_cast<int>(EncodeVarint((uint64_t{n.number} << 3) | n.wire_type).size());

    // Overlong tags: 2 .. 6 bytes in total (protobuf reads at most 5).
    for (int total_len = tag_len + 1; total_len <= 6; ++total_len) {
      mutate(pick, "tag of " + std::to_string(total_len) + " bytes",
             [&](NodeRef r) { r.node->tag_extra = total_len - tag_len; });
    }
    // A 5-byte tag whose last byte carries bits past 32 (dropped by protobuf).
    mutate(pick, "5-byte tag with high bits", [&](NodeRef r) {
      std::string t = EncodeVarint((uint64_t{r.node->number} << 3) | r.node->wire_type, 0);
      while (t.size() < 5) {
        t.back() = static_cast<char>(t.back() | 0x80);
        t.push_back(0);
      }
      t[4] = static_cast<char>(t[4] | 0x70);
      r.node->raw_tag = t;
    });
    // Every wire type on this number, payload unchanged.
    for (int wt = 0; wt < 8; ++wt) {
      if (wt == n.wire_type) continue;
      mutate(pick, "wire type " + std::to_string(wt), [&](NodeRef r) {
        r.node->raw_tag = EncodeVarint((uint64_t{r.node->number} << 3) | static_cast<uint64_t>(wt));
      });
    }
    mutate(pick, "field number 0", [&](NodeRef r) {
      r.node->raw_tag = EncodeVarint(static_cast<uint64_t>(r.node->wire_type));
    });
    mutate(pick, "unknown field number", [&](NodeRef r) { r.node->number = 4000 + r.node->number; });
    mutate(pick, "largest field number", [&](NodeRef r) { r.node->number = (1u << 29) - 1; });
    mutate(pick, "duplicated", [&](NodeRef r) {
      WireNode copy = *r.node;
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index) + 1, copy);
    });
    mutate(pick, "duplicated at the end", [&](NodeRef r) { r.parent->push_back(*r.node); });
    mutate(pick, "deleted", [&](NodeRef r) {
      r.parent->erase(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index));
    });

    if (n.wire_type == 0) {
      const int len = static_cast<int>(EncodeVarint(n.varint).size());
      for (int total_len : {len + 1, 10, 11}) {
        if (total_len <= len) continue;
        mutate(pick, "varint of " + std::to_string(total_len) + " bytes",
               [&](NodeRef r) { r.node->value_extra = total_len - len; });
      }
      mutate(pick, "10-byte varint with bits past 64", [&](NodeRef r) {
        std::string v;
        uint64_t x = r.node->varint;
        for (int i = 0; i < 9; ++i) {
          v.push_back(static_cast<char>((x & 0x7f) | 0x80));
          x >>= 7;
        }
        v.push_back(static_cast<char>((x & 1) | 0x7e));
        r.node->raw_value = v;
      });
      for (uint64_t value : {uint64_t{0}, uint64_t{1}, uint64_t{0x80000000u}, uint64_t{0xffffffffu},
                             uint64_t{0x100000000ull}, ~uint64_t{0}, uint64_t{1} << 63}) {
        mutate(pick, "value " + std::to_string(value), [&](NodeRef r) { r.node->varint = value; });
      }
    }
    if (n.wire_type == 2) {
      const std::string body = n.is_message ? SerializeWire(n.children) : n.payload;
      const int len = static_cast<int>(EncodeVarint(body.size()).size());
      for (int total_len = len + 1; total_len <= 6; ++total_len) {
        mutate(pick, "length of " + std::to_string(total_len) + " bytes",
               [&](NodeRef r) { r.node->value_extra = total_len - len; });
      }
      for (uint64_t bad : {uint64_t{0x7fffffff}, uint64_t{0x80000000}, uint64_t{0x7fffffef},
                           uint64_t{0x7ffffff0}, uint64_t{body.size()} + 1}) {
        mutate(pick, "length " + std::to_string(bad),
               [&](NodeRef r) { r.node->raw_length = EncodeVarint(bad); });
      }
      if (!body.empty()) {
        mutate(pick, "length - 1", [&](NodeRef r) { r.node->raw_length = EncodeVarint(body.size() - 1); });
      }
      mutate(pick, "5-byte length, 5th byte 8", [&](NodeRef r) {
        std::string l = EncodeVarint(body.size(), 4 - (len - 1));
        if (l.size() == 5) l[4] = 8;
        r.node->raw_length = l;
      });
      if (n.field != nullptr && n.field->type() == pb::FieldDescriptor::TYPE_STRING) {
        for (const char* bad : {"\xff", "\xc0\x80", "\xed\xa0\x80", "ok\xe2\x82", "\xf4\x90\x80\x80",
                                "\xe2\x82\xac", "\x7f", "\xc3\xa9\xf0\x9f\x98\x80"}) {
          mutate(pick, "string bytes", [&](NodeRef r) { r.node->payload = bad; });
        }
      }
      if (IsPackableScalar(n.field)) {
        // Packed -> unpacked, and a packed payload with a cut last varint.
        mutate(pick, "unpacked", [&](NodeRef r) {
          std::string_view p = r.node->payload;
          std::vector<WireNode> items;
          uint64_t v;
          while (!p.empty() && ReadVarint(&p, &v)) {
            WireNode e;
            e.number = r.node->number;
            e.wire_type = 0;
            e.varint = v;
            items.push_back(e);
          }
          r.parent->erase(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index));
          r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), items.begin(),
                           items.end());
        });
        mutate(pick, "packed with an 11-byte varint", [&](NodeRef r) {
          r.node->payload += EncodeVarint(3, 10);
        });
        mutate(pick, "packed with a cut varint", [&](NodeRef r) { r.node->payload += "\x80"; });
        mutate(pick, "packed with 10-byte negative", [&](NodeRef r) {
          r.node->payload += EncodeVarint(~uint64_t{0});
        });
      }
    }
    if (IsPackableScalar(n.field) && n.wire_type == 0) {
      mutate(pick, "packed", [&](NodeRef r) {
        r.node->wire_type = 2;
        r.node->payload = EncodeVarint(r.node->varint);
      });
    }

    // Unknown fields and groups next to this node.
    for (int wt : {0, 1, 2, 3, 5}) {
      mutate(pick, "unknown wire type " + std::to_string(wt) + " before", [&](NodeRef r) {
        r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index),
                         Unknown(900 + static_cast<uint32_t>(wt), wt, &rng));
      });
    }
    for (int levels : {1, 2, 97, 98, 99, 100, 101, 102, 150}) {
      mutate(pick, std::to_string(levels) + " nested groups before", [&](NodeRef r) {
        r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), NestedGroups(levels));
      });
    }
    mutate(pick, "group closed by another number", [&](NodeRef r) {
      WireNode g = NestedGroups(1);
      g.end_number = g.number + 1;
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), g);
    });
    mutate(pick, "unterminated group", [&](NodeRef r) {
      WireNode g = NestedGroups(2);
      g.unterminated = true;
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), g);
    });
    mutate(pick, "lone END_GROUP", [&](NodeRef r) {
      WireNode e;
      e.number = 5;
      e.wire_type = 4;
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), e);
    });
    mutate(pick, "group with a field number 0 inside", [&](NodeRef r) {
      WireNode g = NestedGroups(1);
      WireNode z;
      z.number = 0;
      z.wire_type = 0;
      g.children.push_back(z);
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), g);
    });
    mutate(pick, "group with wire type 6 inside", [&](NodeRef r) {
      WireNode g = NestedGroups(1);
      WireNode z;
      z.number = 3;
      z.wire_type = 6;
      g.children.push_back(z);
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), g);
    });
    mutate(pick, "tag 0", [&](NodeRef r) {
      WireNode z;
      z.raw_tag = std::string(1, '\0');
      z.wire_type = 4;  // nothing follows the tag
      r.parent->insert(r.parent->begin() + static_cast<std::ptrdiff_t>(r.index), z);
    });
  }
  return out;
}

}  // namespace assay::flat::testing
