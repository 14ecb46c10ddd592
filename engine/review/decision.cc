#include "engine/review/decision.h"

#include <algorithm>
#include <climits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "engine/review/rosh.h"
#include "scoring/dates.h"
#include "scoring/errors.h"

namespace assay::review {
namespace {

using ::absl::CivilDay;
using ::assay::scoring::AddError;
using ::assay::scoring::ToCivilDay;
using ::assay::scoring::ToProtoDate;
using ErrorList = google::protobuf::RepeatedPtrField<v1::ValidationError>;

constexpr std::string_view kDecisionPath = "case_context.practitioner_decision";

// google.protobuf.Timestamp's valid range: 0001-01-01 to 9999-12-31.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

// Validates a required date field; the day when valid.
std::optional<CivilDay> RequiredDate(bool present, const v1::Date& date, const std::string& path,
                                     ErrorList* errors) {
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
std::optional<bool> IsCommunityCase(const v1::Assessment& assessment,
                                    const v1::CaseContext& context) {
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
const std::string& ModelVersion(const v1::ScoreSet& scores) {
  for (const v1::PredictorResult* result :
       {&scores.arp(), &scores.vrp(), &scores.svrp(), &scores.csrp(), &scores.dc_srp(),
        &scores.iic_srp(), &scores.ogrs3(), &scores.ogp(), &scores.ovp(), &scores.rsr()}) {
    if (!result->model_version().empty()) return result->model_version();
  }
  return scores.arp().model_version();  // empty
}

// A band usable for the discretionary proposal, else UNSPECIFIED.
v1::RiskBand UsableBand(const v1::PredictorResult& result) {
  if (result.status() != v1::RESULT_SCORED) return v1::RISK_BAND_UNSPECIFIED;
  return RoshRank(result.band()) > 0 ? result.band() : v1::RISK_BAND_UNSPECIFIED;
}

// The interval chosen so far: its date, its length and where it came from.
struct IntervalChoice {
  CivilDay due;
  IntervalLength length;
  std::string source;
  bool set = false;
};

// Keeps the earliest candidate; on a tie the first one offered stays, so the
// source named is the first basis in the documented order.
void Offer(IntervalChoice& best, CivilDay from, const IntervalLength& length, std::string source) {
  const CivilDay due = length.AddTo(from);
  if (best.set && due >= best.due) return;
  best.due = due;
  best.length = length;
  best.source = std::move(source);
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

std::string DecisionField(std::string_view leaf) {
  std::string path(kDecisionPath);
  path += '.';
  path += leaf;
  return path;
}

// Professional judgement (review-policy.md): validates the practitioner's
// date against the mode, and the rationale when the date departs from the
// proposal.
void JudgePractitioner(const v1::PractitionerDecision& decision, const Policy& policy,
                       v1::ReviewMode mode, CivilDay assessment_date, CivilDay interval_due,
                       CivilDay proposed_due, CivilDay currency_limit,
                       v1::PractitionerOutcome* outcome) {
  ErrorList* errors = outcome->mutable_errors();
  if (decision.has_chosen_review_date()) {
    *outcome->mutable_chosen_review_date() = decision.chosen_review_date();
  }
  outcome->set_reason(decision.reason());
  outcome->set_practitioner_id(decision.practitioner_id());
  if (decision.has_decided_at()) *outcome->mutable_decided_at() = decision.decided_at();

  const std::optional<CivilDay> chosen =
      RequiredDate(decision.has_chosen_review_date(), decision.chosen_review_date(),
                   DecisionField("chosen_review_date"), errors);
  // Without a usable date, departure from the proposal is unknown; the
  // rationale is then checked as if it departs, so that every missing piece
  // is reported at once.
  const bool differs = !chosen || *chosen != proposed_due;
  outcome->set_differs_from_proposal(chosen && *chosen != proposed_due);

  if (chosen) {
    if (*chosen < assessment_date) {
      AddError(errors, v1::PRACTITIONER_DATE_BEFORE_ASSESSMENT,
               {DecisionField("chosen_review_date")});
    } else if (mode == v1::MANDATED && *chosen > interval_due) {
      // A mandated review may be brought forward, never put back.
      AddError(errors, v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL,
               {DecisionField("chosen_review_date")});
    } else if (mode == v1::DISCRETIONARY && *chosen > currency_limit) {
      AddError(errors, v1::PRACTITIONER_DATE_AFTER_CURRENCY_LIMIT,
               {DecisionField("chosen_review_date")});
    }
  }

  if (decision.reason() == v1::RATIONALE_REASON_UNSPECIFIED) {
    if (differs) AddError(errors, v1::RATIONALE_REASON_REQUIRED, {DecisionField("reason")});
  } else if (!policy.AcceptsReason(decision.reason())) {
    // Checked whenever a reason is given: the record must never hold a code
    // the policy does not know.
    AddError(errors, v1::RATIONALE_REASON_NOT_IN_POLICY, {DecisionField("reason")});
  }
  if (differs) {
    const int length = RationaleLength(decision.rationale());
    if (length == 0) {
      AddError(errors, v1::RATIONALE_REQUIRED, {DecisionField("rationale")});
    } else if (length < policy.min_rationale_length()) {
      AddError(errors, v1::RATIONALE_TOO_SHORT, {DecisionField("rationale")});
    }
    if (IsBlank(decision.practitioner_id())) {
      AddError(errors, v1::PRACTITIONER_ID_REQUIRED, {DecisionField("practitioner_id")});
    }
    if (!decision.has_decided_at()) {
      AddError(errors, v1::DECISION_TIMESTAMP_REQUIRED, {DecisionField("decided_at")});
    }
  }
  if (decision.has_decided_at()) {
    const auto& at = decision.decided_at();
    if (at.seconds() < kMinTimestampSeconds || at.seconds() > kMaxTimestampSeconds ||
        at.nanos() < 0 || at.nanos() > 999999999) {
      AddError(errors, v1::VALUE_OUT_OF_RANGE, {DecisionField("decided_at")});
    }
  }
  outcome->set_accepted(errors->empty());
}

int ClampDays(long days) {
  return static_cast<int>(std::clamp<long>(days, INT_MIN, INT_MAX));
}

}  // namespace

void DecideReview(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                  const v1::CaseContext& context, const v1::PractitionerDecision* practitioner,
                  const Policy& policy, CivilDay as_of, v1::ReviewDecision* out) {
  out->Clear();
  out->set_assessment_id(assessment.assessment_id());
  out->set_policy_version(policy.version());
  out->set_model_version(ModelVersion(scores));
  *out->mutable_as_of() = ToProtoDate(as_of);
  ErrorList* errors = out->mutable_errors();

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
    const v1::CaseEvent& event = context.events(i);
    if (event.type() == v1::CASE_EVENT_TYPE_UNSPECIFIED ||
        !v1::CaseEventType_IsValid(event.type())) {
      AddError(errors, v1::VALUE_OUT_OF_RANGE, {absl::StrCat("case_context.events[", i, "].type")});
    }
    RequiredDate(event.has_date(), event.date(), absl::StrCat("case_context.events[", i, "].date"),
                 errors);
  }
  if (!errors->empty() || !assessment_date) return;

  v1::ReviewBasis* basis = out->mutable_basis();
  basis->set_overall_rosh(rosh.overall);
  for (int i = 0; i < kRoshCellCount; ++i) {
    if (rosh.cells_at_overall & (1u << i)) basis->add_rosh_cells(std::string(kRoshCells[i].name));
  }
  *out->mutable_assessment_date() = ToProtoDate(*assessment_date);
  const CivilDay currency_limit = *assessment_date + 7L * policy.currency_limit_weeks();
  *out->mutable_currency_limit_date() = ToProtoDate(currency_limit);

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
            absl::StrCat("RoSH ", v1::RiskBand_Name(rosh.overall)));
    }
    if (mappa_mandated) {
      Offer(interval, *assessment_date, policy.MappaInterval(),
            absl::StrCat("MAPPA level ", mappa_level));
    }
    if (community_mandated) {
      Offer(interval, *assessment_date, policy.CommunityInterval(), "all community cases");
    }
  } else {
    out->set_mode(v1::DISCRETIONARY);
    const v1::RiskBand arp = UsableBand(scores.arp());
    if (arp != v1::RISK_BAND_UNSPECIFIED) {
      Offer(interval, *assessment_date, policy.DiscretionaryInterval(arp),
            absl::StrCat("ARP ", v1::RiskBand_Name(arp)));
    }
    const struct {
      const char* name;
      const v1::PredictorResult* result;
    } others[] = {{"VRP", &scores.vrp()}, {"SVRP", &scores.svrp()}, {"CSRP", &scores.csrp()}};
    for (const auto& other : others) {
      const v1::RiskBand band = UsableBand(*other.result);
      // Only a band higher than ARP's shortens; with no ARP band every
      // available band competes.
      if (band == v1::RISK_BAND_UNSPECIFIED || RoshRank(band) <= RoshRank(arp)) continue;
      Offer(interval, *assessment_date, policy.DiscretionaryInterval(band),
            absl::StrCat(other.name, " ", v1::RiskBand_Name(band)));
    }
    if (!interval.set) {
      interval.due = currency_limit;
      interval.length.weeks = policy.currency_limit_weeks();
      interval.source = "no predictor band";
      interval.set = true;
    }
  }
  if (interval.due > currency_limit) {
    interval.due = currency_limit;
    basis->set_capped_at_currency_limit(true);
  }
  basis->set_interval_source(interval.source);
  basis->set_interval_weeks(interval.length.weeks);
  basis->set_interval_months(interval.length.months);
  *out->mutable_interval_due() = ToProtoDate(interval.due);

  // Events: the proposed date is the earliest of the interval and every
  // applicable event's due date.
  CivilDay proposed = interval.due;
  for (const v1::CaseEvent& event : context.events()) {
    const CivilDay date = *ToCivilDay(event.date());  // validated above
    if (date < *assessment_date) continue;
    const EventRuleView& rule = policy.RuleFor(event.type());
    if (rule.mandated_only && !mandated) continue;
    const CivilDay due = rule.due_by_event_date ? date : date + rule.due_within_days;
    v1::ReviewBasis::EventDue* entry = basis->add_events();
    entry->set_event(event.type());
    *entry->mutable_event_date() = event.date();
    *entry->mutable_due() = ToProtoDate(due);
    proposed = std::min(proposed, due);
  }
  const v1::Date proposed_date = ToProtoDate(proposed);
  for (v1::ReviewBasis::EventDue& entry : *basis->mutable_events()) {
    entry.set_sets_proposed_due(*ToCivilDay(entry.due()) == proposed);
  }
  *out->mutable_proposed_due() = proposed_date;

  CivilDay effective = proposed;
  if (practitioner != nullptr) {
    v1::PractitionerOutcome* outcome = out->mutable_practitioner();
    JudgePractitioner(*practitioner, policy, out->mode(), *assessment_date, interval.due, proposed,
                      currency_limit, outcome);
    if (outcome->accepted()) effective = *ToCivilDay(outcome->chosen_review_date());
  }
  *out->mutable_effective_due() = ToProtoDate(effective);

  const int overdue_days = ClampDays(std::max<long>(0, as_of - effective));
  out->set_overdue_days(overdue_days);
  out->set_overdue(overdue_days > 0);
  out->set_assessment_out_of_date(as_of > currency_limit);
}

v1::ReviewDecision DecideReview(const v1::Assessment& assessment, const v1::ScoreSet& scores,
                                const Policy& policy, CivilDay as_of) {
  v1::ReviewDecision decision;
  const v1::CaseContext& context = assessment.case_context();
  DecideReview(assessment, scores, context,
               context.has_practitioner_decision() ? &context.practitioner_decision() : nullptr,
               policy, as_of, &decision);
  return decision;
}

}  // namespace assay::review
