#include "tools/bench_regress/compare.h"

#include "gtest/gtest.h"
#include "tools/bench_regress/json.h"

namespace assay::tools {
namespace {

std::map<std::string, double> Speeds(const char* json) {
  auto doc = ParseJson(json);
  EXPECT_TRUE(doc.ok()) << doc.status();
  auto speeds = ExtractSpeeds(*doc);
  EXPECT_TRUE(speeds.ok()) << speeds.status();
  return *speeds;
}

TEST(JsonTest, ParsesBenchmarkShapes) {
  auto doc = ParseJson(R"({"context": {"x": [1, 2.5e3, -3], "s": "a\"b\u0041"},
                           "benchmarks": [], "t": true, "n": null})");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->Find("context")->Find("s")->string, "a\"bA");
  EXPECT_DOUBLE_EQ(doc->Find("context")->Find("x")->array[1].number, 2500);
  EXPECT_TRUE(doc->Find("t")->boolean);
  EXPECT_FALSE(ParseJson("{\"a\": }").ok());
  EXPECT_FALSE(ParseJson("[1, 2").ok());
  EXPECT_FALSE(ParseJson("{} x").ok());
}

TEST(CompareTest, ReferenceName) {
  EXPECT_EQ(ReferenceName("Reoffending/isa:avx512/n:4096"), "Reoffending/isa:scalar/n:4096");
  EXPECT_EQ(ReferenceName("E2E/isa:sse4.2"), "E2E/isa:scalar");
  EXPECT_FALSE(ReferenceName("Reoffending/isa:scalar/n:4096").has_value());
  EXPECT_FALSE(ReferenceName("Parse/n:4096").has_value());
}

TEST(CompareTest, MedianOfIterationsAndAggregates) {
  auto speeds = Speeds(R"({"benchmarks": [
    {"name": "A/isa:scalar", "run_type": "iteration", "items_per_second": 10},
    {"name": "A/isa:scalar", "run_type": "iteration", "items_per_second": 30},
    {"name": "A/isa:scalar", "run_type": "iteration", "items_per_second": 20},
    {"name": "B_median", "run_name": "B", "run_type": "aggregate", "aggregate_name": "median",
     "items_per_second": 7},
    {"name": "B_mean", "run_name": "B", "run_type": "aggregate", "aggregate_name": "mean",
     "items_per_second": 9},
    {"name": "C", "run_type": "iteration", "real_time": 4}]})");
  EXPECT_DOUBLE_EQ(speeds["A/isa:scalar"], 20);
  EXPECT_DOUBLE_EQ(speeds["B"], 7);
  EXPECT_DOUBLE_EQ(speeds["C"], 0.25);
}

TEST(CompareTest, FlagsRelativeAndAbsoluteRegressions) {
  std::map<std::string, double> base = {{"K/isa:scalar", 100}, {"K/isa:avx512", 1000}, {"Gone", 5}};
  // A slower machine: everything halves, the speed-up holds -> no regression
  // at the default thresholds.
  std::map<std::string, double> slower = {{"K/isa:scalar", 55}, {"K/isa:avx512", 550}};
  Report ok = Compare(slower, base, Thresholds{});
  EXPECT_EQ(ok.regressions, 0) << FormatReport(ok, Thresholds{});
  ASSERT_EQ(ok.not_run.size(), 1u);
  // The vector kernel lost its edge while the reference did not.
  std::map<std::string, double> worse = {{"K/isa:scalar", 100}, {"K/isa:avx512", 700}, {"New", 1}};
  Report bad = Compare(worse, base, Thresholds{});
  EXPECT_EQ(bad.regressions, 1);
  std::string text = FormatReport(bad, Thresholds{});
  EXPECT_NE(text.find("REGRESSION: speed-up vs scalar dropped"), std::string::npos) << text;
  EXPECT_NE(text.find("new"), std::string::npos);
  // Absolute collapse of the reference itself.
  std::map<std::string, double> collapse = {{"K/isa:scalar", 10}, {"K/isa:avx512", 100}};
  EXPECT_EQ(Compare(collapse, base, Thresholds{}).regressions, 2);
}

}  // namespace
}  // namespace assay::tools
