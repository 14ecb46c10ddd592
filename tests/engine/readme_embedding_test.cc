// The README's "Embedding the library" C++ example, compiled and run: the
// genrule in BUILD.bazel cuts the example out of README.md into
// readme_embedding_snippet.inc (the record becomes `ExampleRecord()`),
// so a README that drifts from the API fails this build.
#include "engine/demo/generator.h"
#include "gtest/gtest.h"

// File scope, as the example's own #include lines are hoisted to the top of
// the snippet.
static assay::v1::Assessment ExampleRecord() {
  assay::demo::CaseloadGenerator generator(assay::demo::CaseloadOptions{});
  assay::v1::Assessment record;
  generator.Generate(0, &record);
  return record;
}

// The example's statements, verbatim, as `double ReadmeExample()`.
#include "tests/engine/readme_embedding_snippet.inc"

namespace {

TEST(ReadmeEmbeddingTest, TheExampleScoresARecord) {
  const double arp_percent = ReadmeExample();
  EXPECT_GT(arp_percent, 0.0);
  EXPECT_LT(arp_percent, 100.0);
}

}  // namespace
