// protoc-gen-flat: protoc plugin entry point (see flat_generator.h).
#include "google/protobuf/compiler/plugin.h"
#include "tools/flatgen/flat_generator.h"

int main(int argc, char* argv[]) {
  assay::flatgen::FlatGenerator generator;
  return google::protobuf::compiler::PluginMain(argc, argv, &generator);
}
