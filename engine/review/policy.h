// Review policies: loading, validation and the built-in `ns2011` / `ns2007`.
//
// Contract:
//   - A v1::ReviewPolicy (schemas/review.proto) becomes a usable Policy only
//     through validation: Policy::Create, ParsePolicyText, LoadPolicyFile,
//     BuiltinPolicy and LoadPolicy all validate, so a Policy in hand is
//     always consistent and its lookups cannot fail.
//   - ValidatePolicy returns every problem as a v1::ValidationError whose
//     type is one of the POLICY_* ErrorType values and whose field is the
//     policy field path ("event_rules[3].due_within_days",
//     "discretionary_intervals[band=MEDIUM]" for a missing entry). The
//     Status of the loaders is InvalidArgument and lists the same errors as
//     "field: message (TYPE)".
//   - Ranges (so date arithmetic stays within the calendar Assay supports):
//     interval weeks 1..1000 or months 1..240, event days 0..3660, currency
//     limit 1..1000 weeks, min rationale length >= 0.
//   - Built-in policies are the text files in engine/review/policies/,
//     compiled into the binary; `ns2011` is the default. They are parsed once,
//     on first use, thread-safely.
#ifndef ASSAY_ENGINE_REVIEW_POLICY_H_
#define ASSAY_ENGINE_REVIEW_POLICY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "scoring/dates.h"
#include "schemas/review.pb.h"
#include "schemas/score.pb.h"

namespace assay::review {

inline constexpr std::string_view kDefaultPolicyName = "ns2011";

// A positive review interval: exactly one of weeks (7 days) or calendar
// months (clamped to the month's end, as Java's plusMonths).
struct IntervalLength {
  int weeks = 0;
  int months = 0;
  scoring::CivilDay AddTo(scoring::CivilDay from) const;
};

struct EventRuleView {
  bool mandated_only = false;
  bool due_by_event_date = false;
  int due_within_days = 0;
};

class Policy {
 public:
  // Validates `proto`; InvalidArgument listing every error when invalid.
  // `source` names the policy in that message (default: its name).
  static absl::StatusOr<Policy> Create(v1::ReviewPolicy proto, std::string_view source = {});

  const v1::ReviewPolicy& proto() const { return proto_; }
  const std::string& name() const { return proto_.name(); }
  const std::string& version() const { return proto_.version(); }

  bool include_custody_cells() const { return proto_.include_custody_cells(); }
  bool mandates_all_community_cases() const { return proto_.mandate_all_community_cases(); }
  // `rosh` is LOW..VERY_HIGH; anything else is never mandated.
  bool MandatesRosh(v1::RiskBand rosh) const;
  bool MandatesMappaLevel(int level) const;
  // The fixed interval of a mandated RoSH level (MandatesRosh must hold).
  const IntervalLength& MandatedInterval(v1::RiskBand rosh) const;
  const IntervalLength& MappaInterval() const { return mappa_interval_; }
  const IntervalLength& CommunityInterval() const { return community_interval_; }
  // The discretionary interval of a predictor band LOW..VERY_HIGH.
  const IntervalLength& DiscretionaryInterval(v1::RiskBand band) const;
  int currency_limit_weeks() const { return proto_.currency_limit_weeks(); }
  // The rule of a known, specified event type.
  const EventRuleView& RuleFor(v1::CaseEventType event) const;
  bool AcceptsReason(v1::RationaleReason reason) const;
  int min_rationale_length() const { return proto_.min_rationale_length(); }

 private:
  Policy() = default;

  static constexpr int kEventSlots = v1::CaseEventType_ARRAYSIZE;
  static constexpr int kReasonSlots = v1::RationaleReason_ARRAYSIZE;

  v1::ReviewPolicy proto_;
  // Indexed by RoshRank (1 = LOW .. 4 = VERY_HIGH).
  std::array<bool, 5> rosh_mandated_{};
  std::array<IntervalLength, 5> mandated_interval_{};
  std::array<IntervalLength, 5> discretionary_interval_{};
  std::array<bool, 4> mappa_mandated_{};  // indexed by MAPPA level 1..3
  IntervalLength mappa_interval_;
  IntervalLength community_interval_;
  std::array<EventRuleView, kEventSlots> event_rules_{};
  std::array<bool, kReasonSlots> reasons_{};
};

// Every problem with `policy`, in field order; empty when valid.
std::vector<v1::ValidationError> ValidatePolicy(const v1::ReviewPolicy& policy);

// Parses ReviewPolicy text format and validates it. Text-format errors give
// InvalidArgument mentioning POLICY_PARSE_ERROR, the line and the column.
absl::StatusOr<Policy> ParsePolicyText(std::string_view text);

// Reads and parses a text-format policy file (NotFound when unreadable).
absl::StatusOr<Policy> LoadPolicyFile(const std::string& path);

// A built-in policy by name ("ns2011", "ns2007"); NotFound (with
// POLICY_UNKNOWN_NAME) for any other name. The Policy lives for the program.
absl::StatusOr<const Policy*> BuiltinPolicy(std::string_view name);

// The names of the built-in policies, default first.
std::vector<std::string_view> BuiltinPolicyNames();

// A built-in name, else a path to a text-format policy file.
absl::StatusOr<Policy> LoadPolicy(std::string_view name_or_path);

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_POLICY_H_
