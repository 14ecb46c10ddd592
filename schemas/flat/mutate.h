// Deterministic mutations of serialized protobuf messages, for differential
// tests of a wire decoder against protobuf's parser (and, later, fuzz
// targets).
//
// Contract:
//   - ParseWire splits bytes of a known message type into a tree of fields
//     (WireNode): length-delimited fields the descriptor declares as
//     messages are parsed recursively, everything else is a leaf.
//     SerializeWire writes the tree back, recomputing lengths, and applies
//     each node's encoding oddities (overlong tags, values and lengths, raw
//     tag or length bytes, group end numbers). For a tree ParseWire made
//     from canonical bytes, SerializeWire returns the same bytes.
//   - Mutants(bytes, type, seed, ...) returns a fixed list of mutated inputs
//     for one message: byte-level (bit flips, insertions, deletions,
//     truncation at every length) and structural (overlong varints up to 11
//     bytes, 5- and 6-byte tags, field number 0, every wire type on known
//     and unknown numbers, unknown fields and nested groups up to and past
//     the recursion limit, packed/unpacked repeated scalars, duplicated
//     fields, invalid UTF-8 in string fields, lengths of 2^31-1 and 2^31 and
//     5-byte lengths whose 5th byte is >= 8). The same arguments give the
//     same list, in the same order, on every run.
//   - Nothing here decides validity: the test compares two parsers.
//
// Example:
//   for (const Mutant& m : Mutants(bytes, v1::Assessment::descriptor(), 1, opts)) {
//     EXPECT_EQ(flat::Decode(m.bytes, &f), proto.ParseFromString(m.bytes)) << m.what;
//   }
#ifndef ASSAY_SCHEMAS_FLAT_MUTATE_H_
#define ASSAY_SCHEMAS_FLAT_MUTATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace assay::flat::testing {

struct WireNode {
  uint32_t number = 0;
  int wire_type = 0;
  uint64_t varint = 0;             // wire type 0
  std::string payload;             // wire types 1 and 5 (raw bytes), 2 (when a leaf)
  bool is_message = false;         // wire type 2 parsed as a sub-message
  std::vector<WireNode> children;  // is_message, or a group's fields (wire type 3)
  const google::protobuf::FieldDescriptor* field = nullptr;  // when the number is known

  // Encoding oddities, applied by SerializeWire.
  int tag_extra = 0;                      // redundant continuation bytes in the tag
  int value_extra = 0;                    // ... in the varint value or the length
  std::optional<std::string> raw_tag;     // replaces the tag bytes
  std::optional<std::string> raw_value;   // replaces the varint value bytes (wire type 0)
  std::optional<std::string> raw_length;  // replaces the length bytes (wire type 2)
  std::optional<uint32_t> end_number;     // group: END_GROUP with another number
  bool unterminated = false;              // group: no END_GROUP at all
};

using WireMessage = std::vector<WireNode>;

// Minimal varint plus `extra` redundant continuation bytes (value 0 groups).
std::string EncodeVarint(uint64_t value, int extra = 0);

bool ParseWire(std::string_view bytes, const google::protobuf::Descriptor* type,
               WireMessage* out);
std::string SerializeWire(const WireMessage& message);

// Every node of the tree in pre-order, with the depth of the message that
// holds it (0 = top level; a group's fields count one deeper).
struct NodeRef {
  WireNode* node;
  WireMessage* parent;
  size_t index;
  int depth;
};
std::vector<NodeRef> AllNodes(WireMessage* message);

struct Mutant {
  std::string bytes;
  std::string what;  // a short description for failure messages
};

struct MutantOptions {
  int bit_flips = 64;
  int insertions = 16;
  int deletions = 16;
  bool truncations = true;  // every length from 0 to size - 1
  int structural_nodes = 12;  // nodes picked for structural mutations
};

std::vector<Mutant> Mutants(std::string_view bytes, const google::protobuf::Descriptor* type,
                            uint64_t seed, const MutantOptions& options = {});

}  // namespace assay::flat::testing

#endif  // ASSAY_SCHEMAS_FLAT_MUTATE_H_
