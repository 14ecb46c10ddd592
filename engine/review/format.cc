#include "engine/review/format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/review/tier.h"

namespace assay::review {
namespace {

void AppendErrors(const google::protobuf::RepeatedPtrField<v1::ValidationError>& errors,
                  const char* indent, std::string* out) {
  for (const v1::ValidationError& error : errors) {
    absl::StrAppend(out, indent, "error: ", v1::ErrorType_Name(error.type()));
    for (int i = 0; i < error.fields_size(); ++i) {
      absl::StrAppend(out, i == 0 ? " [" : ", ", error.fields(i));
    }
    absl::StrAppend(out, error.fields_size() > 0 ? "]" : "", ": ", error.message(), "\n");
  }
}

std::string Interval(const v1::ReviewBasis& basis) {
  if (basis.interval_months() > 0) return absl::StrCat(basis.interval_months(), " months");
  return absl::StrCat(basis.interval_weeks(), " weeks");
}

}  // namespace

std::string FormatDate(const v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatReviewDecision(const v1::ReviewDecision& decision) {
  std::string out;
  absl::StrAppend(&out, "assessment: ", decision.assessment_id(), "\n");
  absl::StrAppend(&out, "policy: ", decision.policy_version(), "  model: ",
                  decision.model_version().empty() ? "-" : decision.model_version(), "\n");
  absl::StrAppend(&out, "as of: ", FormatDate(decision.as_of()), "\n");
  if (decision.errors_size() > 0) {
    absl::StrAppend(&out, "review: no decision\n");
    AppendErrors(decision.errors(), "  ", &out);
    return out;
  }
  const v1::ReviewBasis& basis = decision.basis();
  absl::StrAppend(&out, "review: ", v1::ReviewMode_Name(decision.mode()), "\n");
  absl::StrAppend(&out, "  overall RoSH: ", v1::RiskBand_Name(basis.overall_rosh()));
  for (int i = 0; i < basis.rosh_cells_size(); ++i) {
    absl::StrAppend(&out, i == 0 ? " (" : ", ", basis.rosh_cells(i));
  }
  absl::StrAppend(&out, basis.rosh_cells_size() > 0 ? ")" : "",
                  basis.rosh_mandated() ? ", mandates" : "", "\n");
  if (basis.mappa_level() > 0) {
    absl::StrAppend(&out, "  MAPPA level ", basis.mappa_level(), " mandates\n");
  }
  if (basis.all_community_cases_mandated()) {
    absl::StrAppend(&out, "  every community case is mandated\n");
  }
  absl::StrAppend(&out, "  assessment date: ", FormatDate(decision.assessment_date()), "\n");
  absl::StrAppend(&out, "  interval: ", Interval(basis), " from ", basis.interval_source(),
                  basis.capped_at_currency_limit() ? ", capped at the currency limit" : "",
                  " -> ", FormatDate(decision.interval_due()), "\n");
  for (const v1::ReviewBasis::EventDue& event : basis.events()) {
    absl::StrAppend(&out, "  event: ", v1::CaseEventType_Name(event.event()), " on ",
                    FormatDate(event.event_date()), " -> due ", FormatDate(event.due()),
                    event.sets_proposed_due() ? " (sets the proposed date)" : "", "\n");
  }
  absl::StrAppend(&out, "  proposed due: ", FormatDate(decision.proposed_due()), "\n");
  if (decision.has_practitioner()) {
    const v1::PractitionerOutcome& practitioner = decision.practitioner();
    absl::StrAppend(&out, "  practitioner date: ",
                    practitioner.has_chosen_review_date()
                        ? FormatDate(practitioner.chosen_review_date())
                        : std::string("-"),
                    practitioner.accepted() ? " accepted" : " rejected",
                    practitioner.differs_from_proposal() ? " (differs from the proposal" : "",
                    practitioner.differs_from_proposal()
                        ? absl::StrCat(", reason ", v1::RationaleReason_Name(practitioner.reason()),
                                       ")")
                        : "",
                    practitioner.practitioner_id().empty()
                        ? ""
                        : absl::StrCat(" by ", practitioner.practitioner_id()),
                    "\n");
    AppendErrors(practitioner.errors(), "    ", &out);
  }
  absl::StrAppend(&out, "  effective due: ", FormatDate(decision.effective_due()), "\n");
  absl::StrAppend(&out, "  overdue: ",
                  decision.overdue() ? absl::StrCat("yes, ", decision.overdue_days(), " days")
                                     : std::string("no"),
                  "\n");
  absl::StrAppend(&out, "  assessment out of date: ",
                  decision.assessment_out_of_date() ? "yes" : "no", " (currency limit ",
                  FormatDate(decision.currency_limit_date()), ")\n");
  return out;
}

std::string FormatTier(const v1::Tier& tier) {
  std::string out;
  absl::StrAppend(&out, "tier: ", TierName(tier.level()), tier.provisional() ? " (provisional)" : "",
                  "\n");
  for (const std::string& reason : tier.reasons()) absl::StrAppend(&out, "  ", reason, "\n");
  for (const std::string& reason : tier.provisional_reasons()) {
    absl::StrAppend(&out, "  provisional: ", reason, "\n");
  }
  AppendErrors(tier.errors(), "  ", &out);
  return out;
}

}  // namespace assay::review
