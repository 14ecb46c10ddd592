#include "engine/report/html_report.h"

#include <string>

#include "gtest/gtest.h"
#include "scoring/dates.h"

namespace assay::report {
namespace {

constexpr absl::CivilDay kAsOf(2025, 10, 6);

CaseloadStats Sample(v1::ModelSet set) {
  CaseloadStats stats(set, kAsOf);
  for (int i = 0; i < 50; ++i) {
    v1::RecordResult r;
    r.set_index(i);
    r.set_assessment_id("SECRET-ID-" + std::to_string(i));
    v1::ScoreSet* s = r.mutable_scores();
    s->mutable_arp()->set_status(v1::RESULT_SCORED);
    s->mutable_arp()->set_band(static_cast<v1::RiskBand>(1 + i % 4));
    s->mutable_ogrs3()->set_status(v1::RESULT_SCORED);
    s->mutable_ogrs3()->set_band(static_cast<v1::RiskBand>(1 + (i / 2) % 4));
    r.mutable_review()->set_mode(i % 5 == 0 ? v1::MANDATED : v1::DISCRETIONARY);
    r.mutable_review()->mutable_basis()->set_overall_rosh(static_cast<v1::RiskBand>(1 + i % 4));
    *r.mutable_review()->mutable_effective_due() = scoring::ToProtoDate(kAsOf + (i * 5 - 60));
    r.mutable_review()->set_overdue(i * 5 < 60);
    r.mutable_tier()->set_level(static_cast<v1::TierLevel>(1 + i % 7));
    stats.Add(r);
  }
  return stats;
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(HtmlReportTest, HasEverySectionAndInlineCharts) {
  ReportInfo info;
  info.source = "test <caseload>";
  info.policy_version = "ns2011/1";
  const std::string html = RenderHtmlReport(Sample(v1::BOTH), info);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : {"summary", "bands", "rosh", "reviews", "due", "tiers", "transitions"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_EQ(Count(html, "<svg"), 5);
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(Count(html, "<table class=\"matrix\">"), 1);  // only OGRS3 -> ARP has data
  EXPECT_NE(html.find("As of <b>Monday 6 October 2025</b>"), std::string::npos);
  EXPECT_NE(html.find("test &lt;caseload&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(html.find("test <caseload>"), std::string::npos);
  EXPECT_NE(html.find("ns2011/1"), std::string::npos);
}

TEST(HtmlReportTest, SelfContainedAndWithoutRecordIdentifiers) {
  const std::string html = RenderHtmlReport(Sample(v1::BOTH), ReportInfo{});
  for (const char* external : {"<script", "src=", "href=", "url(", "@import", "http:", "https:"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_EQ(html.find("SECRET-ID"), std::string::npos);
}

TEST(HtmlReportTest, NoTransitionsForOneModelSet) {
  const std::string html = RenderHtmlReport(Sample(v1::V4), ReportInfo{});
  EXPECT_EQ(html.find("id=\"transitions\""), std::string::npos);
  EXPECT_EQ(Count(html, "<svg"), 5);
}

TEST(HtmlReportTest, StoppedEarlyIsExplained) {
  ReportInfo info;
  info.stopped_early = "input truncated at byte offset 1234";
  const std::string html = RenderHtmlReport(Sample(v1::V4), info);
  EXPECT_NE(html.find("class=\"alert\""), std::string::npos);
  EXPECT_NE(html.find("byte offset 1234"), std::string::npos);
}

TEST(HtmlReportTest, EmptyCaseloadRenders) {
  const std::string html = RenderHtmlReport(CaseloadStats(v1::BOTH, kAsOf), ReportInfo{});
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(html.find("nan"), std::string::npos);
  EXPECT_EQ(html.find("inf"), std::string::npos);
}

}  // namespace
}  // namespace assay::report
