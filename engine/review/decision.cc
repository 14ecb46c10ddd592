#include "engine/review/decision.h"

#include <algorithm>
#include <charconv>
#include <type_traits>
#include <climits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "engine/review/rosh.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/text_fields.h"
#include "schemas/flat/assay.flat.h"

namespace assay::review {
namespace {

using ::assay::scoring::CivilDay;
using ::assay::scoring::AddError;
using ::assay::scoring::ToCivilDay;

constexpr std::string_view kDecisionPath = "case_context.practitioner_decision";

// google.protobuf.Timestamp's valid range: 0001-01-01 to 9999-12-31.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

// Sets a Date message (protobuf or flat) to `day`.
template <typename DateMessage>
void SetDate(CivilDay day, DateMessage* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

// Validates a required date field; the day when valid.
template <typename DateMessage, typename Errors>
std::optional<CivilDay> RequiredDate(bool present, const DateMessage& date, std::string_view path,
                                     Errors* errors) {
  if (!present) {
    AddError(errors, v1::MISSING_MANDATORY_INPUT, {path});
    return std::nullopt;
  }
  std::optional<CivilDay> day = ToCivilDay(date);
  if (!day) AddError(errors, v1::INVALID_DATE, {path});
  return day;
}

// Community orders, suspended sentence orders and licences are managed in
// the community. Without a supervision type, the assessment's own custody
// indicator (OASys CUSTODY_IND) answers the question; with neither there is
// no answer, which is an error only for a policy that needs it.
template <typename Assessment, typename CaseContext>
std::optional<bool> IsCommunityCase(const Assessment& assessment, const CaseContext& context) {
  switch (context.supervision_type()) {
    case v1::COMMUNITY_ORDER:
    case v1::SUSPENDED_SENTENCE_ORDER:
    case v1::LICENCE:
      return true;
    case v1::CUSTODY_SENTENCE:
    case v1::REMAND_IN_CUSTODY:
    case v1::NOT_SUPERVISED:
      return false;
    default:
      break;
  }
  switch (assessment.supervision_status()) {
    case v1::COMMUNITY: return true;
    case v1::CUSTODY:
    case v1::REMAND: return false;
    default: return std::nullopt;
  }
}

// The model version of the scores the decision read: the first predictor
// that carries one, ARP first.
template <typename ScoreSet>
std::string_view ModelVersion(const ScoreSet& scores) {
  for (const auto* result :
       {&scores.arp(), &scores.vrp(), &scores.svrp(), &scores.csrp(), &scores.dc_srp(),
        &scores.iic_srp(), &scores.ogrs3(), &scores.ogp(), &scores.ovp(), &scores.rsr()}) {
    if (!result->model_version().empty()) return result->model_version();
  }
  return {};
}

// A band usable for the discretionary proposal, else UNSPECIFIED.
template <typename PredictorResult>
v1::RiskBand UsableBand(const PredictorResult& result) {
  if (result.status() != v1::RESULT_SCORED) return v1::RISK_BAND_UNSPECIFIED;
  return RoshRank(result.band()) > 0 ? result.band() : v1::RISK_BAND_UNSPECIFIED;
}

// The interval chosen so far: its date, its length and where it came from.
struct IntervalChoice {
  CivilDay due;
  IntervalLength length;
  std::string_view source;  // IntervalSourceText
  bool set = false;
};

// Keeps the earliest candidate; on a tie the first one offered stays, so the
// source named is the first basis in the documented order.
void Offer(IntervalChoice& best, CivilDay from, const IntervalLength& length,
           std::string_view source) {
  const CivilDay due = length.AddTo(from);
  if (best.set && due >= best.due) return;
  best.due = due;
  best.length = length;
  best.source = source;
  best.set = true;
}

// Characters, not bytes: UTF-8 code points, ignoring leading and trailing
// whitespace (a rationale of blanks says nothing).
int RationaleLength(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  int count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsBlank(std::string_view text) { return RationaleLength(text) == 0; }

// The practitioner decision's field paths, spelt out so errors name them
// without building strings.
constexpr std::string_view kChosenDateField = "case_context.practitioner_decision.chosen_review_date";
constexpr std::string_view kReasonField = "case_context.practitioner_decision.reason";
constexpr std::string_view kRationaleField = "case_context.practitioner_decision.rationale";
constexpr std::string_view kPractitionerIdField =
    "case_context.practitioner_decision.practitioner_id";
constexpr std::string_view kDecidedAtField = "case_context.practitioner_decision.decided_at";

// "case_context.events[i].type" / ".date", formatted without the heap.
class EventField {
 public:
  EventField(int index, std::string_view leaf) {
    constexpr std::string_view kPrefix = "case_context.events[";
    char* p = std::copy(kPrefix.begin(), kPrefix.end(), text_);
    p = std::to_chars(p, p + 12, index).ptr;
    *p++ = ']';
    *p++ = '.';
    const size_t n = std::min(leaf.size(), static_cast<size_t>(text_ + sizeof text_ - p));
    p = std::copy_n(leaf.data(), n, p);
    size_ = static_cast<size_t>(p - text_);
  }
  std::string_view view() const { return std::string_view(text_, size_); }

 private:
  char text_[64];
  size_t size_;
};

// Professional judgement (review-policy.md): validates the practitioner's
// date against the mode, and the rationale when the date departs from the
// proposal.
template <typename PractitionerDecision, typename PractitionerOutcome>
void JudgePractitioner(const PractitionerDecision& decision, const Policy& policy,
                       v1::ReviewMode mode, CivilDay assessment_date, CivilDay interval_due,
                       CivilDay proposed_due, CivilDay currency_limit,
                       PractitionerOutcome* outcome) {
  auto* errors = outcome->mutable_errors();
  if (decision.has_chosen_review_date()) {
    *outcome->mutable_chosen_review_date() = decision.chosen_review_date();
  }
  outcome->set_reason(decision.reason());
  ASSAY_SET_TEXT(outcome, practitioner_id, decision.practitioner_id());
  if (decision.has_decided_at()) *outcome->mutable_decided_at() = decision.decided_at();

  const std::optional<CivilDay> chosen =
      RequiredDate(decision.has_chosen_review_date(), decision.chosen_review_date(),
                   kChosenDateField, errors);
  // Without a usable date, departure from the proposal is unknown; the
  // rationale is then checked as if it departs, so that every missing piece
  // is reported at once.
  const bool differs = !chosen || *chosen != proposed_due;
  outcome->set_differs_from_proposal(chosen && *chosen != proposed_due);

  if (chosen) {
    if (*chosen < assessment_date) {
      AddError(errors, v1::PRACTITIONER_DATE_BEFORE_ASSESSMENT, {kChosenDateField});
    } else if (mode == v1::MANDATED && *chosen > interval_due) {
      // A mandated review may be brought forward, never put back.
      AddError(errors, v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL, {kChosenDateField});
    } else if (mode == v1::DISCRETIONARY && *chosen > currency_limit) {
      AddError(errors, v1::PRACTITIONER_DATE_AFTER_CURRENCY_LIMIT, {kChosenDateField});
    }
  }

  if (decision.reason() == v1::RATIONALE_REASON_UNSPECIFIED) {
    if (differs) AddError(errors, v1::RATIONALE_REASON_REQUIRED, {kReasonField});
  } else if (!policy.AcceptsReason(decision.reason())) {
    // Checked whenever a reason is given: the record must never hold a code
    // the policy does not know.
    AddError(errors, v1::RATIONALE_REASON_NOT_IN_POLICY, {kReasonField});
  }
  if (differs) {
    const int length = RationaleLength(decision.rationale());
    if (length == 0) {
      AddError(errors, v1::RATIONALE_REQUIRED, {kRationaleField});
    } else if (length < policy.min_rationale_length()) {
      AddError(errors, v1::RATIONALE_TOO_SHORT, {kRationaleField});
    }
    if (IsBlank(decision.practitioner_id())) {
      AddError(errors, v1::PRACTITIONER_ID_REQUIRED, {kPractitionerIdField});
    }
    if (!decision.has_decided_at()) {
      AddError(errors, v1::DECISION_TIMESTAMP_REQUIRED, {kDecidedAtField});
    }
  }
  if (decision.has_decided_at()) {
    const auto& at = decision.decided_at();
    if (at.seconds() < kMinTimestampSeconds || at.seconds() > kMaxTimestampSeconds ||
        at.nanos() < 0 || at.nanos() > 999999999) {
      AddError(errors, v1::VALUE_OUT_OF_RANGE, {kDecidedAtField});
    }
  }
  outcome->set_accepted(errors->empty());
}

int ClampDays(long days) {
  return static_cast<int>(std::clamp<long>(days, INT_MIN, INT_MAX));
}

}  // namespace

template <typename Assessment, typename ScoreSet, typename ReviewDecision>
void DecideReview(const Assessment& assessment, const ScoreSet& scores, const Policy& policy,
                  CivilDay as_of, ReviewDecision* out) {
  const auto& context = assessment.case_context();
  out->Clear();
  ASSAY_SET_TEXT(out, assessment_id, assessment.assessment_id());
  ASSAY_SET_TEXT(out, policy_version, policy.version());
  ASSAY_SET_TEXT(out, model_version, ModelVersion(scores));
  SetDate(as_of, out->mutable_as_of());
  auto* errors = out->mutable_errors();

  // Validation: every problem is collected before deciding anything.
  const std::optional<CivilDay> assessment_date = RequiredDate(
      assessment.has_assessment_date(), assessment.assessment_date(), "assessment_date", errors);
  const RoshSummary rosh =
      SummariseRosh(assessment.rosh(), policy.include_custody_cells(), errors);
  const int mappa_category = context.mappa().category();
  const int mappa_level = context.mappa().level();
  if (mappa_category < 0 || mappa_category > 4) {
    AddError(errors, v1::VALUE_OUT_OF_RANGE, {"case_context.mappa.category"});
  }
  if (mappa_level < 0 || mappa_level > 3) {
    AddError(errors, v1::VALUE_OUT_OF_RANGE, {"case_context.mappa.level"});
  }
  if (!v1::SupervisionType_IsValid(context.supervision_type())) {
    AddError(errors, v1::VALUE_OUT_OF_RANGE, {"case_context.supervision_type"});
  }
  std::optional<bool> community;
  if (policy.mandates_all_community_cases()) {
    community = IsCommunityCase(assessment, context);
    if (!community) AddError(errors, v1::MISSING_MANDATORY_INPUT, {"case_context.supervision_type"});
  }
  for (int i = 0; i < context.events_size(); ++i) {
    const auto& event = context.events(i);
    if (event.type() == v1::CASE_EVENT_TYPE_UNSPECIFIED ||
        !v1::CaseEventType_IsValid(event.type())) {
      AddError(errors, v1::VALUE_OUT_OF_RANGE, {EventField(i, "type").view()});
    }
    RequiredDate(event.has_date(), event.date(), EventField(i, "date").view(), errors);
  }
  if (!errors->empty() || !assessment_date) return;

  auto* basis = out->mutable_basis();
  basis->set_overall_rosh(rosh.overall);
  for (int i = 0; i < kRoshCellCount; ++i) {
    if (rosh.cells_at_overall & (1u << i)) {
      basis->add_rosh_cells(kRoshCells[i].name.data(), kRoshCells[i].name.size());
    }
  }
  SetDate(*assessment_date, out->mutable_assessment_date());
  const CivilDay currency_limit = *assessment_date + 7L * policy.currency_limit_weeks();
  SetDate(currency_limit, out->mutable_currency_limit_date());

  // Mode and interval. The order of the Offer calls is the order in which a
  // tie names its source.
  IntervalChoice interval;
  const bool rosh_mandated = policy.MandatesRosh(rosh.overall);
  const bool mappa_mandated = policy.MandatesMappaLevel(mappa_level);
  const bool community_mandated = community.value_or(false);
  const bool mandated = rosh_mandated || mappa_mandated || community_mandated;
  if (mandated) {
    out->set_mode(v1::MANDATED);
    basis->set_rosh_mandated(rosh_mandated);
    if (mappa_mandated) basis->set_mappa_level(mappa_level);
    basis->set_all_community_cases_mandated(community_mandated);
    if (rosh_mandated) {
      Offer(interval, *assessment_date, policy.MandatedInterval(rosh.overall),
            IntervalSourceText(IntervalSource::kRosh, rosh.overall));
    }
    if (mappa_mandated) {
      Offer(interval, *assessment_date, policy.MappaInterval(),
            IntervalSourceText(IntervalSource::kMappa, mappa_level));
    }
    if (community_mandated) {
      Offer(interval, *assessment_date, policy.CommunityInterval(),
            IntervalSourceText(IntervalSource::kAllCommunityCases, 0));
    }
  } else {
    out->set_mode(v1::DISCRETIONARY);
    const v1::RiskBand arp = UsableBand(scores.arp());
    if (arp != v1::RISK_BAND_UNSPECIFIED) {
      Offer(interval, *assessment_date, policy.DiscretionaryInterval(arp),
            IntervalSourceText(IntervalSource::kArp, arp));
    }
    const struct {
      IntervalSource source;
      const std::remove_cvref_t<decltype(scores.vrp())>* result;
    } others[] = {{IntervalSource::kVrp, &scores.vrp()},
                  {IntervalSource::kSvrp, &scores.svrp()},
                  {IntervalSource::kCsrp, &scores.csrp()}};
    for (const auto& other : others) {
      const v1::RiskBand band = UsableBand(*other.result);
      // Only a band higher than ARP's shortens; with no ARP band every
      // available band competes.
      if (band == v1::RISK_BAND_UNSPECIFIED || RoshRank(band) <= RoshRank(arp)) continue;
      Offer(interval, *assessment_date, policy.DiscretionaryInterval(band),
            IntervalSourceText(other.source, band));
    }
    if (!interval.set) {
      interval.due = currency_limit;
      interval.length.weeks = policy.currency_limit_weeks();
      interval.source = IntervalSourceText(IntervalSource::kNoPredictorBand, 0);
      interval.set = true;
    }
  }
  if (interval.due > currency_limit) {
    interval.due = currency_limit;
    basis->set_capped_at_currency_limit(true);
  }
  ASSAY_SET_TEXT(basis, interval_source, interval.source);
  basis->set_interval_weeks(interval.length.weeks);
  basis->set_interval_months(interval.length.months);
  SetDate(interval.due, out->mutable_interval_due());

  // Events: the proposed date is the earliest of the interval and every
  // applicable event's due date.
  CivilDay proposed = interval.due;
  for (const auto& event : context.events()) {
    const CivilDay date = *ToCivilDay(event.date());  // validated above
    if (date < *assessment_date) continue;
    const EventRuleView& rule = policy.RuleFor(event.type());
    if (rule.mandated_only && !mandated) continue;
    const CivilDay due = rule.due_by_event_date ? date : date + rule.due_within_days;
    auto* entry = basis->add_events();
    entry->set_event(event.type());
    *entry->mutable_event_date() = event.date();
    SetDate(due, entry->mutable_due());
    proposed = std::min(proposed, due);
  }
  for (auto& entry : *basis->mutable_events()) {
    entry.set_sets_proposed_due(*ToCivilDay(entry.due()) == proposed);
  }
  SetDate(proposed, out->mutable_proposed_due());

  CivilDay effective = proposed;
  if (context.has_practitioner_decision()) {
    auto* outcome = out->mutable_practitioner();
    JudgePractitioner(context.practitioner_decision(), policy, out->mode(), *assessment_date,
                      interval.due, proposed, currency_limit, outcome);
    if (outcome->accepted()) effective = *ToCivilDay(outcome->chosen_review_date());
  }
  SetDate(effective, out->mutable_effective_due());

  const int overdue_days = ClampDays(std::max<long>(0, as_of - effective));
  out->set_overdue_days(overdue_days);
  out->set_overdue(overdue_days > 0);
  out->set_assessment_out_of_date(as_of > currency_limit);
}

std::string_view IntervalSourceText(IntervalSource source, int detail) {
  // Indexed by band (LOW..VERY_HIGH = 1..4) or MAPPA level (1..3).
  static constexpr std::string_view kRosh[] = {"RoSH", "RoSH LOW", "RoSH MEDIUM", "RoSH HIGH",
                                               "RoSH VERY_HIGH"};
  static constexpr std::string_view kArp[] = {"ARP", "ARP LOW", "ARP MEDIUM", "ARP HIGH",
                                              "ARP VERY_HIGH"};
  static constexpr std::string_view kVrp[] = {"VRP", "VRP LOW", "VRP MEDIUM", "VRP HIGH",
                                              "VRP VERY_HIGH"};
  static constexpr std::string_view kSvrp[] = {"SVRP", "SVRP LOW", "SVRP MEDIUM", "SVRP HIGH",
                                               "SVRP VERY_HIGH"};
  static constexpr std::string_view kCsrp[] = {"CSRP", "CSRP LOW", "CSRP MEDIUM", "CSRP HIGH",
                                               "CSRP VERY_HIGH"};
  static constexpr std::string_view kMappa[] = {"MAPPA", "MAPPA level 1", "MAPPA level 2",
                                                "MAPPA level 3"};
  const auto band = [detail](const std::string_view (&names)[5]) {
    return names[detail >= 1 && detail <= 4 ? detail : 0];
  };
  switch (source) {
    case IntervalSource::kRosh: return band(kRosh);
    case IntervalSource::kMappa: return kMappa[detail >= 1 && detail <= 3 ? detail : 0];
    case IntervalSource::kAllCommunityCases: return "all community cases";
    case IntervalSource::kArp: return band(kArp);
    case IntervalSource::kVrp: return band(kVrp);
    case IntervalSource::kSvrp: return band(kSvrp);
    case IntervalSource::kCsrp: return band(kCsrp);
    case IntervalSource::kNoPredictorBand: return "no predictor band";
  }
  return "";
}

// The scalar reference (protobuf messages) and the pipeline (flat messages)
// decide with this same function.
template void DecideReview(const v1::Assessment&, const v1::ScoreSet&, const Policy&, CivilDay,
                           v1::ReviewDecision*);
template void DecideReview(const flat::Assessment&, const flat::ScoreSet&, const Policy&,
                           CivilDay, flat::ReviewDecision*);

v1::ReviewDecision DecideReview(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                                const Policy& policy, CivilDay as_of) {
  v1::ReviewDecision decision;
  DecideReview(assessment, scores, policy, as_of, &decision);
  return decision;
}

}  // namespace assay::review
