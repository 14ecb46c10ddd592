#include "engine/report/html_report.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace assay::report {
namespace {

// Band colours (index: BandSlot): no band, low, medium, high, very high, n/a.
constexpr std::array<const char*, kBandSlots> kBandColour = {"#8a9199", "#3f8f5f", "#e3b23c",
                                                             "#e0712c", "#b8322a", "#c9d1d9"};
constexpr std::array<const char*, kBandSlots> kBandLabel = {"No score", "Low", "Medium",
                                                            "High", "Very high", "Not applicable"};
constexpr const char* kMandatedColour = "#5b3f8c";
constexpr const char* kDiscretionaryColour = "#7fa7d9";
constexpr const char* kOverdueColour = "#b8322a";

struct PredictorRow {
  v1::Predictor predictor;
  const char* name;
  const char* what;
};
constexpr PredictorRow kV4Rows[] = {
    {v1::ARP, "ARP", "any reoffending"},
    {v1::VRP, "VRP", "violent reoffending"},
    {v1::SVRP, "SVRP", "serious violent reoffending"},
    {v1::DC_SRP, "DC-SRP", "direct contact sexual"},
    {v1::IIC_SRP, "IIC-SRP", "images, indirect sexual"},
    {v1::CSRP, "CSRP", "combined serious reoffending"},
};
constexpr PredictorRow kOgrs3Row = {v1::OGRS3, "OGRS3", "reconviction (classic)"};
// SNSV has no bands (predictors.md §12.5), so it has no row.
constexpr PredictorRow kLegacyRows[] = {
    {v1::OGP, "OGP", "general reoffending (v3)"},
    {v1::OVP, "OVP", "violent reoffending (v3)"},
    {v1::OSP_DC, "OSP/DC", "direct contact sexual (v3)"},
    {v1::OSP_IIC, "OSP/IIC", "indirect contact sexual (v3)"},
    {v1::RSR, "RSR", "serious recidivism (v3)"},
};

const char* NameOf(v1::Predictor predictor) {
  for (const PredictorRow& row : kV4Rows) {
    if (row.predictor == predictor) return row.name;
  }
  for (const PredictorRow& row : kLegacyRows) {
    if (row.predictor == predictor) return row.name;
  }
  return kOgrs3Row.name;
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// 12,345
std::string Num(uint64_t n) {
  std::string digits = absl::StrCat(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Pct(uint64_t part, uint64_t whole) {
  if (whole == 0) return "0%";
  const double p = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  if (p > 0 && p < 1) return "&lt;1%";
  return absl::StrFormat("%.0f%%", p);
}

std::string LongDate(absl::CivilDay day) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  static constexpr const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  const int weekday = static_cast<int>(absl::GetWeekday(day));  // Monday = 0
  return absl::StrCat(kDays[weekday], " ", day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string ShortDate(absl::CivilDay day) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1]);
}

// A "nice" axis maximum and step for counts up to `max`.
void NiceAxis(uint64_t max, uint64_t* top, uint64_t* step) {
  uint64_t s = 1;
  while (s * 10 < std::max<uint64_t>(max, 1)) s *= 10;
  for (const uint64_t m : {1, 2, 5, 10}) {
    if (max <= s * m * 5) {
      *step = std::max<uint64_t>(1, s * m);
      break;
    }
    *step = s * 10;
  }
  *top = ((max + *step - 1) / *step) * *step;
  if (*top == 0) *top = *step;
}

std::string Legend(const std::vector<std::pair<const char*, const char*>>& items) {
  std::string out = "<div class=\"legend\">";
  for (const auto& [colour, label] : items) {
    absl::StrAppend(&out, "<span><i style=\"background:", colour, "\"></i>", label, "</span>");
  }
  out += "</div>";
  return out;
}

// One horizontal stacked bar per predictor, in percent of its cases.
std::string BandChart(const CaseloadStats& stats, const std::vector<PredictorRow>& rows) {
  constexpr int kLabel = 230, kBar = 620, kRowHeight = 34, kTop = 8;
  const int height = kTop + static_cast<int>(rows.size()) * kRowHeight + 4;
  std::string svg = absl::StrFormat(
      "<svg class=\"chart\" role=\"img\" aria-label=\"Band distribution per predictor\" viewBox=\"0 0 %d %d\" "
      "width=\"%d\" height=\"%d\">",
      kLabel + kBar + 110, height, kLabel + kBar + 110, height);
  int y = kTop;
  for (const PredictorRow& row : rows) {
    const auto& bands = stats.bands(row.predictor);
    uint64_t total = 0;
    for (const uint64_t n : bands) total += n;
    absl::StrAppend(&svg, absl::StrFormat("<text x=\"0\" y=\"%d\" class=\"lbl\"><tspan font-weight=\"600\">%s"
                                          "</tspan><tspan class=\"sub\" dx=\"6\">%s</tspan></text>",
                                          y + 17, row.name, row.what));
    double x = kLabel;
    // Low to very high, then not applicable, then no score.
    for (const int slot : {1, 2, 3, 4, 5, 0}) {
      if (total == 0 || bands[slot] == 0) continue;
      const double w = kBar * static_cast<double>(bands[slot]) / static_cast<double>(total);
      absl::StrAppend(&svg, absl::StrFormat("<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"24\" fill=\"%s\">"
                                            "<title>%s %s: %s cases (%s)</title></rect>",
                                            x, y + 2, w, kBandColour[slot], row.name, kBandLabel[slot],
                                            Num(bands[slot]), Pct(bands[slot], total)));
      if (w >= 34) {
        const bool dark = slot == 2 || slot == 5;
        absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.2f\" y=\"%d\" class=\"seg%s\">%s</text>", x + w / 2,
                                              y + 19, dark ? " dark" : "", Pct(bands[slot], total)));
      }
      x += w;
    }
    absl::StrAppend(&svg, absl::StrFormat("<text x=\"%d\" y=\"%d\" class=\"n\">%s</text>", kLabel + kBar + 8,
                                          y + 19, Num(total)));
    y += kRowHeight;
  }
  svg += "</svg>";
  return svg;
}

// Vertical bars with labels underneath.
struct Bar {
  std::string label;
  uint64_t value;
  const char* colour;
};

std::string ColumnChart(const std::vector<Bar>& bars, std::string_view aria, uint64_t total, int kWidth = 620) {
  constexpr int kHeight = 230, kLeft = 56, kBottom = 40, kTop = 24;
  uint64_t max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  uint64_t top = 0, step = 1;
  NiceAxis(max, &top, &step);
  const int plot_h = kHeight - kBottom - kTop;
  const double slot = static_cast<double>(kWidth - kLeft) / static_cast<double>(bars.size());
  std::string svg = absl::StrFormat(
      "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">",
      Escape(aria), kWidth, kHeight, kWidth, kHeight);
  for (uint64_t v = 0; v <= top; v += step) {
    const double y = kTop + plot_h - plot_h * static_cast<double>(v) / static_cast<double>(top);
    absl::StrAppend(&svg, absl::StrFormat("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                                          "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>",
                                          kLeft, kWidth, y, y, kLeft - 6, y + 4, Num(v)));
  }
  for (size_t i = 0; i < bars.size(); ++i) {
    const double h = plot_h * static_cast<double>(bars[i].value) / static_cast<double>(top);
    const double x = kLeft + slot * static_cast<double>(i) + slot * 0.18;
    const double w = slot * 0.64;
    const double y = kTop + plot_h - h;
    absl::StrAppend(&svg, absl::StrFormat("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                          "<title>%s: %s</title></rect>",
                                          x, y, w, h, bars[i].colour, Escape(bars[i].label), Num(bars[i].value)));
    absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%.1f\" class=\"val\">%s</text>", x + w / 2, y - 6,
                                          absl::StrCat(Num(bars[i].value), " (", Pct(bars[i].value, total), ")")));
    absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%d\" class=\"cat\">%s</text>", x + w / 2,
                                          kHeight - kBottom + 18, Escape(bars[i].label)));
  }
  svg += "</svg>";
  return svg;
}

// Reviews by week relative to the as-of date: stacked mandated and
// discretionary, overdue weeks (left of the line) in red outline.
std::string WeekChart(const CaseloadStats& stats) {
  constexpr int kWidth = 960, kHeight = 300, kLeft = 56, kBottom = 58, kTop = 20;
  const auto& weeks = stats.due_by_week();
  uint64_t max = 0;
  for (int b = 0; b < kWeekBuckets; ++b) max = std::max(max, weeks[0][b] + weeks[1][b]);
  uint64_t top = 0, step = 1;
  NiceAxis(max, &top, &step);
  const int plot_h = kHeight - kBottom - kTop;
  const double slot = static_cast<double>(kWidth - kLeft) / kWeekBuckets;
  std::string svg = absl::StrFormat(
      "<svg class=\"chart\" role=\"img\" aria-label=\"Reviews due and overdue by week\" viewBox=\"0 0 %d %d\" "
      "width=\"%d\" height=\"%d\">",
      kWidth, kHeight, kWidth, kHeight);
  const double overdue_w = slot * kWeeksBack;
  absl::StrAppend(&svg, absl::StrFormat("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"overdue-zone\"/>"
                                        "<text x=\"%.1f\" y=\"%d\" class=\"zone\">overdue</text>"
                                        "<text x=\"%.1f\" y=\"%d\" class=\"zone\">due</text>",
                                        kLeft, kTop, overdue_w, plot_h, kLeft + overdue_w / 2, kTop + 14,
                                        kLeft + overdue_w + (kWidth - kLeft - overdue_w) / 2, kTop + 14));
  for (uint64_t v = 0; v <= top; v += step) {
    const double y = kTop + plot_h - plot_h * static_cast<double>(v) / static_cast<double>(top);
    absl::StrAppend(&svg, absl::StrFormat("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                                          "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>",
                                          kLeft, kWidth, y, y, kLeft - 6, y + 4, Num(v)));
  }
  for (int b = 0; b < kWeekBuckets; ++b) {
    const int week = b - kWeeksBack;
    const double x = kLeft + slot * b + 2;
    const double w = slot - 4;
    double y = kTop + plot_h;
    const absl::CivilDay start = stats.as_of() + 7 * week;
    std::string when = week < 0 ? absl::StrCat(-week, -week == 1 ? " week" : " weeks", " overdue")
                                : absl::StrCat("due week of ", ShortDate(start));
    if (b == 0) when = absl::StrCat(kWeeksBack, " or more weeks overdue");
    if (b == kWeekBuckets - 1) when = absl::StrCat("due ", kWeeksAhead - 1, " or more weeks ahead");
    for (int m = 0; m < 2; ++m) {
      const uint64_t n = weeks[m][b];
      if (n == 0) continue;
      const double h = plot_h * static_cast<double>(n) / static_cast<double>(top);
      y -= h;
      const char* colour = m == 0 ? kMandatedColour : kDiscretionaryColour;
      absl::StrAppend(&svg, absl::StrFormat("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                                            "%s><title>%s, %s: %s</title></rect>",
                                            x, y, w, h, colour, week < 0 ? " class=\"late\"" : "", when,
                                            m == 0 ? "mandated" : "discretionary", Num(n)));
    }
    if ((b - kWeeksBack) % 4 == 0 && b < kWeekBuckets - 1) {
      const std::string label = b == kWeeksBack ? "as of" : (week < 0 ? absl::StrCat(week, "w") : ShortDate(start));
      absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%d\" class=\"cat\">%s</text>", x + w / 2,
                                            kHeight - kBottom + 16, label));
    }
  }
  const double line_x = kLeft + overdue_w;
  absl::StrAppend(&svg, absl::StrFormat("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"today\"/>", line_x,
                                        line_x, kTop - 6, kTop + plot_h + 4));
  absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%d\" class=\"axis\">weeks before and after %s</text>",
                                        (kLeft + kWidth) / 2.0, kHeight - 12, ShortDate(stats.as_of())));
  svg += "</svg>";
  return svg;
}

std::string TransitionTable(const CaseloadStats& stats, size_t pair_index, const TransitionPair& pair) {
  const BandMatrix& m = stats.transitions(pair_index);
  // Only the bands that occur, in order low .. very high, n/a, no score.
  std::vector<int> from_slots, to_slots;
  const int order[] = {1, 2, 3, 4, 5, 0};
  uint64_t max = 0;
  for (const int a : order) {
    uint64_t row = 0, col = 0;
    for (const int b : order) {
      row += m[a][b];
      col += m[b][a];
      max = std::max(max, m[a][b]);
    }
    if (row > 0) from_slots.push_back(a);
    if (col > 0) to_slots.push_back(a);
  }
  uint64_t up = 0, down = 0, same = 0, other = 0;
  for (int a = 0; a < kBandSlots; ++a) {
    for (int b = 0; b < kBandSlots; ++b) {
      const bool ranked = a >= 1 && a <= 4 && b >= 1 && b <= 4;
      if (!ranked) other += m[a][b];
      else if (b > a) up += m[a][b];
      else if (b < a) down += m[a][b];
      else same += m[a][b];
    }
  }
  const std::string_view title = pair.title;
  std::string out = absl::StrCat("<div class=\"transition\"><h3>", Escape(title), "</h3>");
  const uint64_t ranked = up + down + same;
  if (m[0][0] == ranked + other) {
    return out + "<p class=\"caption\">Neither model produced a band for these cases.</p></div>";
  }
  absl::StrAppend(&out, "<p class=\"caption\">Of ", Num(ranked), " cases banded by both models, ", Num(same), " (",
                  Pct(same, ranked), ") stay in the same band, ", Num(up), " (", Pct(up, ranked),
                  ") move to a higher band and ", Num(down), " (", Pct(down, ranked), ") to a lower one.");
  if (other > 0) absl::StrAppend(&out, " ", Num(other), " cases have no band under at least one of the models.");
  out += "</p>";

  absl::StrAppend(&out, "<table class=\"matrix\"><thead><tr><th class=\"corner\">", NameOf(pair.from),
                  " &darr; &nbsp; ", NameOf(pair.to), " &rarr;</th>");
  for (const int b : to_slots) absl::StrAppend(&out, "<th>", kBandLabel[b], "</th>");
  out += "</tr></thead><tbody>";
  for (const int a : from_slots) {
    absl::StrAppend(&out, "<tr><th>", kBandLabel[a], "</th>");
    for (const int b : to_slots) {
      const uint64_t n = m[a][b];
      const double shade = max > 0 ? 0.08 + 0.6 * static_cast<double>(n) / static_cast<double>(max) : 0;
      const bool diagonal = a == b && a >= 1 && a <= 4;
      absl::StrAppend(&out, "<td", diagonal ? " class=\"diag\"" : "",
                      n > 0 ? absl::StrFormat(" style=\"background:rgba(63,94,140,%.2f)%s\"", shade,
                                              shade > 0.45 ? ";color:#fff" : "")
                            : std::string(),
                      ">", n > 0 ? Num(n) : "&middot;", "</td>");
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  return out;
}

constexpr const char* kStyle = R"css(
:root { --ink:#1d2430; --muted:#5d6673; --line:#dfe3e8; --panel:#f6f7f9; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color:var(--ink); background:#fff; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
header { border-bottom: 4px solid #1d3557; padding-bottom: 14px; margin-bottom: 22px; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 0 0 6px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.meta { color: var(--muted); font-size: 14px; }
section { margin: 0 0 30px; padding-top: 4px; }
.caption { color: var(--muted); font-size: 14px; margin: 2px 0 12px; max-width: 860px; line-height: 1.45; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 6px 0 14px; }
.tile { background: var(--panel); border-radius: 8px; padding: 12px 14px; border-left: 5px solid #1d3557; }
.tile b { display:block; font-size: 26px; }
.tile span { color: var(--muted); font-size: 13px; }
.tile.warn { border-left-color: #b8322a; }
.tile.purple { border-left-color: #5b3f8c; }
.key { background: #eef3f9; border-radius: 8px; padding: 12px 16px; line-height: 1.5; font-size: 15px; }
.key li { margin: 3px 0; }
.alert { background:#fbeaea; border-left:5px solid #b8322a; padding:10px 14px; border-radius:6px; margin-bottom:14px; }
.legend { display:flex; flex-wrap: wrap; gap: 16px; font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
.legend i { display:inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
svg.chart { display:block; max-width: 100%; height: auto; font-size: 12px; }
svg .lbl { font-size: 13px; fill: var(--ink); }
svg .sub { fill: var(--muted); font-size: 12px; }
svg .seg { fill: #fff; font-size: 11px; text-anchor: middle; font-weight: 600; }
svg .seg.dark { fill: #1d2430; }
svg .n, svg .axis { fill: var(--muted); font-size: 11px; }
svg .val { fill: var(--ink); font-size: 11px; text-anchor: middle; }
svg .cat { fill: var(--muted); font-size: 11px; text-anchor: middle; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .today { stroke: #1d2430; stroke-width: 2; stroke-dasharray: 4 3; }
svg .overdue-zone { fill: #fbeaea; }
svg .zone { fill: #8c2b24; font-size: 12px; text-anchor: middle; font-weight: 600; }
svg .late { stroke: #b8322a; stroke-width: 1.5; }
.split { display:grid; grid-template-columns: 1.1fr 0.9fr; gap: 24px; align-items: start; }
table.facts { border-collapse: collapse; font-size: 14px; width: 100%; }
table.facts td { padding: 5px 8px; border-bottom: 1px solid var(--line); }
table.facts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.transitions { display:grid; grid-template-columns: 1fr 1fr; gap: 6px 28px; }
table.matrix { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
table.matrix th, table.matrix td { padding: 5px 9px; border: 1px solid var(--line); text-align: right; }
table.matrix th { background: var(--panel); font-weight: 600; }
table.matrix th.corner { font-weight: 400; color: var(--muted); font-size: 11px; text-align: left; }
table.matrix td.diag { outline: 2px solid #1d2430; outline-offset: -2px; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; line-height: 1.5; }
)css";

std::string ModelSetText(v1::ModelSet set) {
  switch (set) {
    case v1::LEGACY:
      return "legacy (OASys v3-era) predictors";
    case v1::BOTH:
      return "OASys v4 and legacy predictors, side by side";
    default:
      return "OASys v4 predictors";
  }
}

}  // namespace

std::string RenderHtmlReport(const CaseloadStats& s, const ReportInfo& info) {
  const uint64_t decided = s.mandated() + s.discretionary();
  const uint64_t high_rosh = s.rosh()[3] + s.rosh()[4];
  std::string html;
  html.reserve(64 << 10);
  absl::StrAppend(&html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<title>",
                  Escape(info.title), "</title><style>", kStyle, "</style></head><body><main>\n");

  // Header.
  absl::StrAppend(&html, "<header><h1>", Escape(info.title), "</h1><div class=\"meta\">As of <b>",
                  LongDate(s.as_of()), "</b> &middot; ", Num(s.records()), " cases from ", Escape(info.source),
                  " &middot; review policy ", Escape(info.policy_version), " &middot; ", ModelSetText(s.model_set()),
                  "</div></header>\n");

  // Summary.
  html += "<section id=\"summary\"><h2>At a glance</h2>";
  if (!info.stopped_early.empty()) {
    absl::StrAppend(&html, "<div class=\"alert\"><b>The input stopped early.</b> ", Escape(info.stopped_early),
                    ". The figures cover every record before that point.</div>");
  }
  html += "<div class=\"tiles\">";
  absl::StrAppend(&html, "<div class=\"tile\"><b>", Num(s.records()), "</b><span>cases read; ", Num(s.scored()),
                  " scored, ", Num(s.errors()), " could not be read</span></div>");
  absl::StrAppend(&html, "<div class=\"tile purple\"><b>", Num(s.mandated()), "</b><span>mandated reviews (",
                  Pct(s.mandated(), decided), " of decided cases)</span></div>");
  absl::StrAppend(&html, "<div class=\"tile warn\"><b>", Num(s.overdue()), "</b><span>reviews overdue on ",
                  ShortDate(s.as_of()), "</span></div>");
  absl::StrAppend(&html, "<div class=\"tile warn\"><b>", Num(s.out_of_date()),
                  "</b><span>assessments out of date (older than the currency limit)</span></div>");
  html += "</div><ul class=\"key\">";
  absl::StrAppend(&html, "<li><b>", Num(high_rosh), "</b> cases (", Pct(high_rosh, s.scored()),
                  ") are assessed as high or very high Risk of Serious Harm.</li>");
  absl::StrAppend(&html, "<li><b>", Num(s.mandated()),
                  "</b> cases must be reviewed at fixed intervals (high RoSH, MAPPA or policy); the other <b>",
                  Num(s.discretionary()), "</b> are reviewed when the practitioner judges best.</li>");
  absl::StrAppend(&html, "<li><b>", Num(s.overdue()), "</b> reviews are overdue and <b>",
                  Num(s.due_by_week()[0][kWeeksBack] + s.due_by_week()[1][kWeeksBack]),
                  "</b> fall due this week.</li>");
  if (s.no_decision() > 0) {
    absl::StrAppend(&html, "<li><b>", Num(s.no_decision()),
                    "</b> cases have no review decision because of a data problem (for example no RoSH rating); "
                    "they need attention.</li>");
  }
  if (s.errors() > 0) {
    absl::StrAppend(&html, "<li><b>", Num(s.errors()),
                    "</b> records could not be read at all; the result file lists each one with its reason.</li>");
  }
  html += "</ul></section>\n";

  // Bands.
  std::vector<PredictorRow> rows;
  if (s.model_set() != v1::LEGACY) rows.assign(std::begin(kV4Rows), std::end(kV4Rows));
  rows.push_back(kOgrs3Row);
  if (s.model_set() == v1::LEGACY || s.model_set() == v1::BOTH) {
    rows.insert(rows.end(), std::begin(kLegacyRows), std::end(kLegacyRows));
  }
  html +=
      "<section id=\"bands\"><h2>Risk of reoffending: cases in each band</h2><p class=\"caption\">Each bar is one "
      "predictor. Its colours show the share of cases in each band; the number on the right is the number of "
      "cases. Sexual predictors are not applicable to people with no sexual offending (and DC-SRP to women). "
      "&ldquo;No score&rdquo; means the assessment lacked something the predictor needs.</p>";
  html += Legend({{kBandColour[1], "Low"},
                  {kBandColour[2], "Medium"},
                  {kBandColour[3], "High"},
                  {kBandColour[4], "Very high"},
                  {kBandColour[5], "Not applicable"},
                  {kBandColour[0], "No score"}});
  html += BandChart(s, rows);
  html += "</section>\n";

  // RoSH and review mode, side by side.
  html += "<div class=\"split\"><section id=\"rosh\"><h2>Risk of Serious Harm</h2><p class=\"caption\">The "
          "overall RoSH level is the highest of the practitioner's ratings for children, the public, a known "
          "adult and staff. High and very high cases are reviewed at fixed intervals.</p>";
  html += ColumnChart({{"Low", s.rosh()[1], kBandColour[1]},
                       {"Medium", s.rosh()[2], kBandColour[2]},
                       {"High", s.rosh()[3], kBandColour[3]},
                       {"Very high", s.rosh()[4], kBandColour[4]},
                       {"Not rated", s.rosh()[0], kBandColour[0]}},
                      "Overall RoSH levels", s.scored(), 470);
  html += "</section>";

  html += "<section id=\"reviews\"><h2>Mandated or discretionary</h2><p class=\"caption\">Since 2011, only "
          "high-risk cases must be reviewed at fixed points; every other review date is the practitioner's "
          "professional judgement, with a recorded reason.</p>";
  html += ColumnChart({{"Mandated", s.mandated(), kMandatedColour},
                       {"Discretionary", s.discretionary(), kDiscretionaryColour},
                       {"No decision", s.no_decision(), kBandColour[0]}},
                      "Mandated versus discretionary reviews", s.scored(), 400);
  html += "<table class=\"facts\">";
  absl::StrAppend(&html, "<tr><td>Mandated because of high or very high RoSH</td><td class=\"n\">",
                  Num(s.mandated_by_rosh()), "</td></tr>");
  absl::StrAppend(&html, "<tr><td>Mandated because of the MAPPA level</td><td class=\"n\">",
                  Num(s.mandated_by_mappa()), "</td></tr>");
  if (s.mandated_all_community() > 0) {
    absl::StrAppend(&html, "<tr><td>Mandated because the policy covers every community case</td><td class=\"n\">",
                    Num(s.mandated_all_community()), "</td></tr>");
  }
  absl::StrAppend(&html, "<tr><td>Review brought forward by an event (new offence, release, &hellip;)</td>",
                  "<td class=\"n\">", Num(s.brought_forward_by_events()), "</td></tr>");
  absl::StrAppend(&html, "<tr><td>Practitioner's own date accepted</td><td class=\"n\">",
                  Num(s.practitioner_accepted()), "</td></tr>");
  absl::StrAppend(&html, "<tr><td>Practitioner's own date rejected (needs correcting)</td><td class=\"n\">",
                  Num(s.practitioner_rejected()), "</td></tr>");
  html += "</table></section></div>\n";

  // Due by week.
  html += "<section id=\"due\"><h2>Reviews due and overdue, week by week</h2><p class=\"caption\">Each bar "
          "counts the reviews falling due in one week, counted from the as-of date (dashed line). Bars to the left "
          "are already overdue; the outermost bars gather everything further away.</p>";
  html += Legend({{kMandatedColour, "Mandated"}, {kDiscretionaryColour, "Discretionary"}, {kOverdueColour, "Overdue (outlined)"}});
  html += WeekChart(s);
  html += "</section>\n";

  // Tiers.
  html += "<section id=\"tiers\"><h2>HMPPS tier</h2><p class=\"caption\">The case tier, from A (highest "
          "need for management) to G. &ldquo;Missing&rdquo; means ARP or CSRP has no score. ";
  absl::StrAppend(&html, Num(s.provisional_tiers()), " tiers are provisional: a static score or a missing RoSH could still raise them.</p>");
  {
    static constexpr const char* kTierColours[] = {"#1d3557", "#2c4f7c", "#3e6a9e", "#5b87ba", "#7fa7d9",
                                                   "#a9c5e8", "#cfdff2"};
    std::vector<Bar> bars;
    for (int t = v1::TIER_A; t <= v1::TIER_G; ++t) {
      bars.push_back({std::string(1, static_cast<char>('A' + t - v1::TIER_A)), s.tiers()[t], kTierColours[t - 1]});
    }
    bars.push_back({"Missing", s.tiers()[v1::TIER_MISSING], kBandColour[0]});
    bars.push_back({"Not sup.", s.tiers()[v1::TIER_NOT_SUPERVISED], kBandColour[5]});
    html += ColumnChart(bars, "Cases by tier", s.scored());
  }
  html += "</section>\n";

  if (s.model_set() == v1::BOTH) {
    html += "<section id=\"transitions\"><h2>How cases moved between bands</h2><p class=\"caption\">Each table "
            "compares a v3-era predictor (rows) with the OASys v4 predictor that replaced it (columns). The "
            "outlined diagonal holds the cases whose band did not change; cells right of it moved up, cells left "
            "of it moved down.</p><div class=\"transitions\">";
    const auto pairs = TransitionPairs();
    for (size_t i = 0; i < pairs.size(); ++i) html += TransitionTable(s, i, pairs[i]);
    html += "</div></section>\n";
  }

  html += "<footer>";
  absl::StrAppend(&html, "Produced by ", Escape(info.engine_version), " from ", Escape(info.source), ". ",
                  "Scores follow the OASys reference implementation; review decisions follow policy ",
                  Escape(info.policy_version), ". This page holds counts only: no names, identifiers or other "
                  "personal data. Record-level results, including every error with its reason, are in the "
                  "result file.</footer>");
  html += "</main></body></html>\n";
  return html;
}

}  // namespace assay::report
