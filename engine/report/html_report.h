// The rescoring report: one self-contained HTML page for managers.
//
// Contract:
//   - RenderHtmlReport returns a complete HTML document with inline CSS and
//     inline SVG charts; it references no external resource (no scripts, no
//     fonts, no images, no links to fetch).
//   - Sections (each a <section> with a stable id, so tests can find them):
//     "summary" (totals and key messages), "bands" (band distribution per
//     predictor), "rosh" (overall RoSH levels), "reviews" (mandated versus
//     discretionary), "due" (reviews due and overdue by week from the as-of
//     date), "tiers", and with model set BOTH "transitions" (how cases moved
//     between legacy and v4 bands).
//   - The page holds counts, model and policy versions and the caller's
//     descriptions only: no record, no identifier, no personal data.
#ifndef ASSAY_ENGINE_REPORT_HTML_REPORT_H_
#define ASSAY_ENGINE_REPORT_HTML_REPORT_H_

#include <string>

#include "engine/report/caseload_stats.h"

namespace assay::report {

struct ReportInfo {
  std::string title = "Caseload rescoring report";
  // What was rescored, e.g. "caseload.bin" or "demo caseload (seed 1)".
  std::string source;
  std::string policy_version;
  // Why the run stopped early (a truncated input), empty when it did not.
  std::string stopped_early;
  std::string engine_version = "assay 0.1.0";
};

std::string RenderHtmlReport(const CaseloadStats& stats, const ReportInfo& info);

}  // namespace assay::report

#endif  // ASSAY_ENGINE_REPORT_HTML_REPORT_H_
