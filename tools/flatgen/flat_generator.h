// protoc-gen-flat's code generator: allocation-free "flat" C++ mirrors of
// proto3 messages (runtime: schemas/flat/runtime.h).
//
// Contract:
//   - Generates the messages reachable from the root messages named by the
//     `root=` parameters (full names; repeat the parameter for several
//     roots), whatever files they are in, into ONE header and ONE source:
//     `<basename>.h` and `<basename>.cc` under the --flat_out directory.
//     Parameters (comma-separated, or one --flat_opt each):
//       root=pkg.Message        a root (at least one)
//       namespace=a::b          C++ namespace for the roots' package
//                               (messages of another package P go into
//                               a::b::<P with '.' replaced by '_'>)
//       basename=name           output file name without extension
//       include_prefix=dir/     how the .cc includes its header
//       runtime_prefix=dir/     where runtime.h, wire.h and json.h live
//   - Generic over proto3 messages whose fields are int32, int64, uint32,
//     uint64, bool, double, float, open enums, string, bytes and messages,
//     singular (implicit or `optional` presence) or repeated, and
//     google.protobuf.Timestamp (RFC 3339 JSON). Anything else reachable
//     from a root fails the run with an error naming the field or message:
//     maps, groups, real oneofs, proto2 files (required fields, closed enums,
//     defaults), extensions and extension ranges, the other field types
//     (sint/fixed/sfixed), well-known types with a special JSON mapping
//     other than Timestamp, recursive message graphs (sub-messages are
//     embedded by value), and field names that clash with the generated
//     API (arena, Clear).
//   - Enums are not regenerated: the flat code uses protoc's C++ enums, so
//     the .pb.h of every file that declares a reachable message or enum is
//     included.
//   - Output is deterministic: messages in dependency order (depth-first
//     from the roots, fields in declaration order).
//
// Example (Bazel genrule):
//   protoc --plugin=protoc-gen-flat=$(location //tools/flatgen:protoc-gen-flat)
//     --flat_opt=root=assay.v1.Assessment,root=assay.v1.RecordResult
//     --flat_opt=namespace=assay::flat,basename=assay.flat
//     --flat_out=$(@D) schemas/*.proto
#ifndef ASSAY_TOOLS_FLATGEN_FLAT_GENERATOR_H_
#define ASSAY_TOOLS_FLATGEN_FLAT_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "google/protobuf/compiler/code_generator.h"
#include "google/protobuf/descriptor.h"

namespace assay::flatgen {

class FlatGenerator : public google::protobuf::compiler::CodeGenerator {
 public:
  bool Generate(const google::protobuf::FileDescriptor* file, const std::string& parameter,
                google::protobuf::compiler::GeneratorContext* context,
                std::string* error) const override;
  bool GenerateAll(const std::vector<const google::protobuf::FileDescriptor*>& files,
                   const std::string& parameter,
                   google::protobuf::compiler::GeneratorContext* context,
                   std::string* error) const override;
  uint64_t GetSupportedFeatures() const override { return FEATURE_PROTO3_OPTIONAL; }
};

}  // namespace assay::flatgen

#endif  // ASSAY_TOOLS_FLATGEN_FLAT_GENERATOR_H_
