#include "engine/review/tier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <charconv>
#include <optional>
#include <string_view>

#include "engine/review/rosh.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "schemas/flat/assay.flat.h"

namespace assay::review {
namespace {

using ::assay::scoring::CivilDay;

// Thresholds in hundredths of a percent, highest first (spec: CSRP rows
// 6.9, 3.0, 1.0, 0.5, 0; ARP columns 90, 75, 50, 25, 15, 0).
constexpr long long kCsrpRows[] = {690, 300, 100, 50, 0};
constexpr long long kArpColumns[] = {9000, 7500, 5000, 2500, 1500, 0};

constexpr v1::TierLevel A = v1::TIER_A, B = v1::TIER_B, C = v1::TIER_C, D = v1::TIER_D,
                        E = v1::TIER_E, F = v1::TIER_F, G = v1::TIER_G;
constexpr v1::TierLevel kArpCsrpTable[5][6] = {
    {A, A, B, B, B, B},  // CSRP >= 6.9
    {A, B, C, C, C, C},  // CSRP >= 3.0
    {B, C, D, E, E, E},  // CSRP >= 1.0
    {C, D, E, E, F, F},  // CSRP >= 0.5
    {D, D, E, F, F, G},  // CSRP >= 0
};

// The reported 2-dp percentage as an exact integer number of hundredths.
// std::nullopt for a value that is not a percentage (NaN, negative).
std::optional<long long> Hundredths(double percentage) {
  if (!std::isfinite(percentage) || percentage < 0 || percentage > 100) return std::nullopt;
  return std::llround(percentage * 100);
}

// Index of the first threshold met; thresholds end with 0, so any
// non-negative value meets one.
template <size_t N>
int FirstMet(const long long (&thresholds)[N], long long value) {
  for (size_t i = 0; i < N; ++i) {
    if (value >= thresholds[i]) return static_cast<int>(i);
  }
  return static_cast<int>(N) - 1;
}

// A reason's text, built on the stack: every record has a few, so they
// must not cost the heap.
class ReasonText {
 public:
  ReasonText& operator<<(std::string_view text) {
    const size_t n = std::min(text.size(), sizeof text_ - size_);
    std::memcpy(text_ + size_, text.data(), n);
    size_ += n;
    return *this;
  }
  ReasonText& operator<<(long long value) {
    char digits[24];
    const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return *this << std::string_view(digits, static_cast<size_t>(end - digits));
  }
  // A percentage held in hundredths, as "70.28".
  ReasonText& Hundredths(long long value) {
    *this << value / 100 << (value % 100 < 10 ? ".0" : ".");
    return *this << value % 100;
  }
  std::string_view view() const { return std::string_view(text_, size_); }

 private:
  char text_[128];
  size_t size_ = 0;
};

std::string_view BandName(v1::RiskBand band) {
  switch (band) {
    case v1::LOW: return "LOW";
    case v1::MEDIUM: return "MEDIUM";
    case v1::HIGH: return "HIGH";
    case v1::VERY_HIGH: return "VERY_HIGH";
    case v1::NOT_APPLICABLE: return "NOT_APPLICABLE";
    default: return "RISK_BAND_UNSPECIFIED";
  }
}

template <typename Tier>
void AddReason(Tier* out, std::string_view text) {
  out->add_reasons(text.data(), text.size());
}
template <typename Tier>
void AddProvisionalReason(Tier* out, std::string_view text) {
  out->add_provisional_reasons(text.data(), text.size());
}

// Tier levels are ordered A=1 (highest) .. G=7: the highest tier is the
// smallest value, and "below" a tier means a larger value.
template <typename Tier>
void Consider(v1::TierLevel level, std::string_view rule, v1::TierLevel& best, Tier* out) {
  ReasonText text;
  text << rule << ": " << TierName(level);
  AddReason(out, text.view());
  if (best == v1::TIER_UNSPECIFIED || level < best) best = level;
}

// The best tier over a group of steps, for the provisional rule, which asks
// what the steps other than the uncertain input's already reach. A group
// with no contribution at all counts as G (spec, Tiering).
struct StepGroup {
  v1::TierLevel level = v1::TIER_G;
  void Take(v1::TierLevel other) {
    if (other < level) level = other;
  }
  bool Below(v1::TierLevel cap) const { return level > cap; }
};

std::optional<v1::TierLevel> DcSrpTier(v1::RiskBand band, long long score) {
  switch (band) {
    case v1::VERY_HIGH: return A;
    case v1::HIGH: return B;
    case v1::LOW: return E;
    case v1::MEDIUM:
      // The spec's MEDIUM rows, in its order: 3.36 C, 2.11 D, 1.12 C, 0.60 D.
      if (score >= 336) return C;
      if (score >= 211) return D;
      if (score >= 112) return C;
      if (score >= 60) return D;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

v1::TierLevel MappaRoshTier(bool mappa, v1::RiskBand rosh, bool* applies) {
  *applies = true;
  if (mappa) {
    switch (rosh) {
      case v1::VERY_HIGH: return A;
      case v1::HIGH: return C;
      case v1::MEDIUM: return D;
      default: return E;  // LOW or not rated
    }
  }
  if (rosh == v1::VERY_HIGH) return C;
  if (rosh == v1::HIGH) return D;
  *applies = false;
  return v1::TIER_UNSPECIFIED;
}

}  // namespace

const char* TierName(v1::TierLevel level) {
  switch (level) {
    case v1::TIER_A: return "A";
    case v1::TIER_B: return "B";
    case v1::TIER_C: return "C";
    case v1::TIER_D: return "D";
    case v1::TIER_E: return "E";
    case v1::TIER_F: return "F";
    case v1::TIER_G: return "G";
    case v1::TIER_NOT_SUPERVISED: return "NOT_SUPERVISED";
    case v1::TIER_MISSING: return "MISSING";
    default: return "UNSPECIFIED";
  }
}

template <typename Assessment, typename ScoreSet, typename Tier>
void ComputeTier(const Assessment& assessment, const ScoreSet& scores, CivilDay as_of, Tier* out) {
  out->Clear();
  const auto& context = assessment.case_context();
  if (context.supervision_type() == v1::NOT_SUPERVISED) {
    out->set_level(v1::TIER_NOT_SUPERVISED);
    AddReason(out, "no active supervision");
    return;
  }

  // Validation. A RoSH with no rated cell is not an error here: it makes the
  // tier provisional.
  const RoshSummary rosh = SummariseRosh(assessment.rosh(), /*include_custody_cells=*/true,
                                         out->mutable_errors(), RoshNotRated::kAllowed);
  const int mappa_category = context.mappa().category();
  if (mappa_category < 0 || mappa_category > 4) {
    scoring::AddError(out->mutable_errors(), v1::VALUE_OUT_OF_RANGE,
                      {"case_context.mappa.category"});
  }
  std::optional<CivilDay> release;
  if (context.has_release_date()) {
    release = scoring::ToCivilDay(context.release_date());
    if (!release) {
      scoring::AddError(out->mutable_errors(), v1::INVALID_DATE, {"case_context.release_date"});
    }
  }
  if (out->errors_size() > 0) return;

  // Rule 1 needs both scores.
  const std::optional<long long> arp_score = scores.arp().status() == v1::RESULT_SCORED
                                                 ? Hundredths(scores.arp().percentage())
                                                 : std::nullopt;
  const std::optional<long long> csrp_score = scores.csrp().status() == v1::RESULT_SCORED
                                                  ? Hundredths(scores.csrp().percentage())
                                                  : std::nullopt;
  if (!arp_score || !csrp_score) {
    out->set_level(v1::TIER_MISSING);
    if (!arp_score) AddReason(out, "ARP missing");
    if (!csrp_score) AddReason(out, "CSRP missing");
    return;
  }
  // Plain values from here on: GCC 12 cannot follow the early return above
  // and warns that the optionals may be read uninitialised (bug 80635).
  const long long arp = arp_score.value_or(0);
  const long long csrp = csrp_score.value_or(0);

  // Every step adds its reason and counts towards the tier (`best`). Apart
  // from the table, each step also counts towards `others` and, unless it is
  // the MAPPA and RoSH step, towards `others_but_rosh`: the provisional rule
  // below needs both.
  v1::TierLevel best = v1::TIER_UNSPECIFIED;
  StepGroup others;           // every step except the ARP x CSRP table
  StepGroup others_but_rosh;  // every step except the table and MAPPA/RoSH
  const auto step = [&](v1::TierLevel level, std::string_view rule, bool rosh_step = false) {
    Consider(level, rule, best, out);
    others.Take(level);
    if (!rosh_step) others_but_rosh.Take(level);
  };

  const int csrp_row = FirstMet(kCsrpRows, csrp);
  const int arp_column = FirstMet(kArpColumns, arp);
  const v1::TierLevel table = kArpCsrpTable[csrp_row][arp_column];
  {
    ReasonText rule;
    rule << "ARP x CSRP (ARP ";
    rule.Hundredths(arp) << ", CSRP ";
    rule.Hundredths(csrp) << ")";
    Consider(table, rule.view(), best, out);
  }

  const auto& dc = scores.dc_srp();
  if (dc.status() == v1::RESULT_SCORED && dc.band() != v1::NOT_APPLICABLE) {
    const std::optional<long long> score = Hundredths(dc.percentage());
    if (score && *score > 0) {
      if (const std::optional<v1::TierLevel> level = DcSrpTier(dc.band(), *score)) {
        ReasonText rule;
        rule << "DC-SRP " << BandName(dc.band()) << " ";
        rule.Hundredths(*score);
        step(*level, rule.view());
      }
    }
  }

  const bool mappa = mappa_category >= 1;
  bool applies = false;
  const v1::TierLevel mappa_rosh = MappaRoshTier(mappa, rosh.overall, &applies);
  if (applies) {
    ReasonText rule;
    if (mappa) {
      rule << "MAPPA category " << static_cast<long long>(mappa_category);
    } else {
      rule << "no MAPPA";
    }
    rule << ", RoSH "
         << (rosh.overall == v1::RISK_BAND_UNSPECIFIED ? std::string_view("not rated")
                                                       : BandName(rosh.overall));
    step(mappa_rosh, rule.view(), /*rosh_step=*/true);
  }

  if (context.sentence_kind() == v1::LIFE || context.sentence_kind() == v1::IPP) {
    const bool life = context.sentence_kind() == v1::LIFE;
    if (release && *release <= as_of) {
      if (as_of <= scoring::PlusMonths(*release, 12)) {
        step(B, life ? "life sentence released up to 1 year ago"
                     : "IPP sentence released up to 1 year ago");
      } else if (as_of <= scoring::PlusMonths(*release, 60)) {
        step(D, life ? "life sentence released up to 5 years ago"
                     : "IPP sentence released up to 5 years ago");
      } else {
        step(E, life ? "life sentence released over 5 years ago"
                     : "IPP sentence released over 5 years ago");
      }
    } else {
      AddReason(out, life ? "life sentence without a past release date: no tier"
                          : "IPP sentence without a past release date: no tier");
    }
  }

  if (context.domestic_abuse_registration()) step(E, "domestic abuse registration");
  if (context.stalking_registration()) step(F, "stalking registration");
  if (context.child_protection_registration()) step(F, "child protection registration");
  if (assessment.has_has_ever_committed_sexual_offence() &&
      assessment.has_ever_committed_sexual_offence()) {
    step(E, "sexual offence ever");
  }
  out->set_level(best);

  // Provisional: only when an uncertain input could still raise the tier,
  // that is when the other steps do not already reach the highest tier that
  // input could give (spec, Tiering). A static predictor could, once
  // dynamic, move to any cell of its own axis of the table; a missing RoSH
  // could give at most A with a MAPPA category, C without.
  const bool arp_static = scores.arp().type() == v1::STATIC;
  // CSRP's type is SVRP's; a CSRP that is itself marked static counts too.
  const bool csrp_static =
      scores.svrp().type() == v1::STATIC || scores.csrp().type() == v1::STATIC;
  if (arp_static && csrp_static) {
    // Both could move: the whole table, up to A.
    if (others.Below(A)) {
      AddProvisionalReason(out, "ARP is static");
      AddProvisionalReason(out, "CSRP rests on a static SVRP");
    }
  } else if (arp_static) {
    // The case's CSRP row, at its best column (ARP >= 90).
    if (others.Below(kArpCsrpTable[csrp_row][0])) AddProvisionalReason(out, "ARP is static");
  } else if (csrp_static) {
    // The case's ARP column, at its best row (CSRP >= 6.9).
    if (others.Below(kArpCsrpTable[0][arp_column])) {
      AddProvisionalReason(out, "CSRP rests on a static SVRP");
    }
  }
  if (rosh.overall == v1::RISK_BAND_UNSPECIFIED) {
    // The table is settled only when both of its inputs are dynamic; a
    // static one may still move, so it cannot vouch for the tier.
    StepGroup others_prime = others_but_rosh;
    if (!arp_static && !csrp_static) others_prime.Take(table);
    if (others_prime.Below(mappa ? A : C)) AddProvisionalReason(out, "RoSH not rated");
  }
  out->set_provisional(out->provisional_reasons_size() > 0);
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// compute the tier with this same function.
template void ComputeTier(const v1::Assessment&, const v1::ScoreSet&, CivilDay, v1::Tier*);
template void ComputeTier(const flat::Assessment&, const flat::ScoreSet&, CivilDay, flat::Tier*);

v1::Tier ComputeTier(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                     CivilDay as_of) {
  v1::Tier tier;
  ComputeTier(assessment, scores, as_of, &tier);
  return tier;
}

}  // namespace assay::review
