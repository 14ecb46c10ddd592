#include "engine/review/policy.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/review/builtin_policies.h"
#include "engine/review/rosh.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "scoring/dates.h"
#include "scoring/errors.h"

namespace assay::review {
namespace {

constexpr int kMaxWeeks = 1000;
constexpr int kMaxMonths = 240;
constexpr int kMaxEventDays = 3660;
constexpr int kMaxCurrencyWeeks = 1000;

// Collects ValidationErrors with owned field paths (MakeError takes views).
class Errors {
 public:
  void Add(v1::ErrorType type, const std::string& field) {
    errors_.push_back(scoring::MakeError(type, {std::string_view(field)}));
  }
  std::vector<v1::ValidationError> Take() { return std::move(errors_); }

 private:
  std::vector<v1::ValidationError> errors_;
};

// The lengths of BandInterval and Interval are the same oneof (weeks or
// months); one check serves both.
template <typename Message>
void CheckLength(const Message& message, const std::string& path, Errors& errors) {
  if (message.has_weeks()) {
    if (message.weeks() < 1 || message.weeks() > kMaxWeeks) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path + ".weeks");
    }
  } else if (message.has_months()) {
    if (message.months() < 1 || message.months() > kMaxMonths) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path + ".months");
    }
  } else {
    errors.Add(v1::POLICY_MISSING_FIELD, path + ".weeks");
  }
}

template <typename Message>
IntervalLength ToLength(const Message& message) {
  IntervalLength length;
  if (message.has_weeks()) length.weeks = message.weeks();
  if (message.has_months()) length.months = message.months();
  return length;
}

bool IsPredictorBand(v1::RiskBand band) { return RoshRank(band) > 0; }

std::string BandName(v1::RiskBand band) { return v1::RiskBand_Name(band); }

void CheckMandatedLevels(const v1::ReviewPolicy& policy, Errors& errors) {
  std::array<bool, 5> seen{};
  for (int i = 0; i < policy.mandated_rosh_levels_size(); ++i) {
    const v1::RiskBand level = policy.mandated_rosh_levels(i);
    const std::string path = absl::StrCat("mandated_rosh_levels[", i, "]");
    if (level != v1::HIGH && level != v1::VERY_HIGH) {
      errors.Add(v1::POLICY_INVALID_MANDATED_LEVEL, path);
      continue;
    }
    if (seen[RoshRank(level)]) errors.Add(v1::POLICY_DUPLICATE_ENTRY, path);
    seen[RoshRank(level)] = true;
  }
  // Upward closed, so that raising a RoSH cell never makes a mandated case
  // discretionary.
  if (seen[RoshRank(v1::HIGH)] && !seen[RoshRank(v1::VERY_HIGH)]) {
    errors.Add(v1::POLICY_INVALID_MANDATED_LEVEL, "mandated_rosh_levels");
  }
  if (policy.mandated_rosh_levels_size() == 0 && !policy.no_rosh_mandate()) {
    errors.Add(v1::POLICY_EMPTY_MANDATED_SET, "mandated_rosh_levels");
  }
  if (policy.mandated_rosh_levels_size() > 0 && policy.no_rosh_mandate()) {
    errors.Add(v1::POLICY_CONFLICTING_FIELDS, "no_rosh_mandate");
  }

  std::array<bool, 5> has_interval{};
  for (int i = 0; i < policy.mandated_intervals_size(); ++i) {
    const v1::BandInterval& interval = policy.mandated_intervals(i);
    const std::string path = absl::StrCat("mandated_intervals[", i, "]");
    const v1::RiskBand band = interval.band();
    if (band != v1::HIGH && band != v1::VERY_HIGH) {
      errors.Add(v1::POLICY_INVALID_MANDATED_LEVEL, path + ".band");
    } else if (!seen[RoshRank(band)]) {
      // An interval for a level the policy does not mandate is a mistake
      // (a level forgotten in mandated_rosh_levels, or a stale entry).
      errors.Add(v1::POLICY_CONFLICTING_FIELDS, path + ".band");
    } else if (has_interval[RoshRank(band)]) {
      errors.Add(v1::POLICY_DUPLICATE_ENTRY, path + ".band");
    } else {
      has_interval[RoshRank(band)] = true;
    }
    CheckLength(interval, path, errors);
  }
  for (v1::RiskBand level : {v1::HIGH, v1::VERY_HIGH}) {
    if (seen[RoshRank(level)] && !has_interval[RoshRank(level)]) {
      errors.Add(v1::POLICY_MISSING_FIELD, "mandated_intervals[band=" + BandName(level) + "]");
    }
  }
}

void CheckMappa(const v1::ReviewPolicy& policy, Errors& errors) {
  std::array<bool, 4> seen{};
  for (int i = 0; i < policy.mandated_mappa_levels_size(); ++i) {
    const int level = policy.mandated_mappa_levels(i);
    const std::string path = absl::StrCat("mandated_mappa_levels[", i, "]");
    if (level < 1 || level > 3) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path);
      continue;
    }
    if (seen[level]) errors.Add(v1::POLICY_DUPLICATE_ENTRY, path);
    seen[level] = true;
  }
  if (policy.mandated_mappa_levels_size() > 0) {
    if (!policy.has_mappa_interval()) {
      errors.Add(v1::POLICY_MISSING_FIELD, "mappa_interval");
    } else {
      CheckLength(policy.mappa_interval(), "mappa_interval", errors);
    }
  } else if (policy.has_mappa_interval()) {
    errors.Add(v1::POLICY_CONFLICTING_FIELDS, "mappa_interval");
  }
}

void CheckCommunity(const v1::ReviewPolicy& policy, Errors& errors) {
  if (policy.mandate_all_community_cases()) {
    if (!policy.has_community_interval()) {
      errors.Add(v1::POLICY_MISSING_FIELD, "community_interval");
    } else {
      CheckLength(policy.community_interval(), "community_interval", errors);
    }
  } else if (policy.has_community_interval()) {
    errors.Add(v1::POLICY_CONFLICTING_FIELDS, "community_interval");
  }
}

void CheckDiscretionary(const v1::ReviewPolicy& policy, Errors& errors) {
  std::array<bool, 5> seen{};
  for (int i = 0; i < policy.discretionary_intervals_size(); ++i) {
    const v1::BandInterval& interval = policy.discretionary_intervals(i);
    const std::string path = absl::StrCat("discretionary_intervals[", i, "]");
    if (!IsPredictorBand(interval.band())) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path + ".band");
    } else if (seen[RoshRank(interval.band())]) {
      errors.Add(v1::POLICY_DUPLICATE_ENTRY, path + ".band");
    } else {
      seen[RoshRank(interval.band())] = true;
    }
    CheckLength(interval, path, errors);
  }
  for (v1::RiskBand band : {v1::LOW, v1::MEDIUM, v1::HIGH, v1::VERY_HIGH}) {
    if (!seen[RoshRank(band)]) {
      errors.Add(v1::POLICY_MISSING_FIELD, "discretionary_intervals[band=" + BandName(band) + "]");
    }
  }
}

void CheckEvents(const v1::ReviewPolicy& policy, Errors& errors) {
  std::array<bool, v1::CaseEventType_ARRAYSIZE> seen{};
  for (int i = 0; i < policy.event_rules_size(); ++i) {
    const v1::EventRule& rule = policy.event_rules(i);
    const std::string path = absl::StrCat("event_rules[", i, "]");
    const int event = rule.event();
    if (event == v1::CASE_EVENT_TYPE_UNSPECIFIED || !v1::CaseEventType_IsValid(event)) {
      errors.Add(v1::POLICY_UNKNOWN_EVENT_TYPE, path + ".event");
    } else if (seen[event]) {
      errors.Add(v1::POLICY_DUPLICATE_ENTRY, path + ".event");
    } else {
      seen[event] = true;
    }
    if (rule.applies_to() == v1::EventRule::APPLIES_TO_UNSPECIFIED) {
      errors.Add(v1::POLICY_MISSING_FIELD, path + ".applies_to");
    } else if (!v1::EventRule::AppliesTo_IsValid(rule.applies_to())) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path + ".applies_to");
    }
    if (rule.due_within_days() < 0 || rule.due_within_days() > kMaxEventDays) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path + ".due_within_days");
    } else if (rule.due_by_event_date() && rule.due_within_days() != 0) {
      errors.Add(v1::POLICY_CONFLICTING_FIELDS, path + ".due_within_days");
    }
  }
  // Every event a case can carry has a rule: no event is handled by an
  // implicit default.
  for (int event = 1; event < v1::CaseEventType_ARRAYSIZE; ++event) {
    if (v1::CaseEventType_IsValid(event) && !seen[event]) {
      errors.Add(v1::POLICY_MISSING_FIELD,
                 "event_rules[event=" +
                     v1::CaseEventType_Name(static_cast<v1::CaseEventType>(event)) + "]");
    }
  }
}

void CheckRationale(const v1::ReviewPolicy& policy, Errors& errors) {
  std::array<bool, v1::RationaleReason_ARRAYSIZE> seen{};
  if (policy.rationale_reasons_size() == 0) {
    errors.Add(v1::POLICY_MISSING_FIELD, "rationale_reasons");
  }
  for (int i = 0; i < policy.rationale_reasons_size(); ++i) {
    const int reason = policy.rationale_reasons(i);
    const std::string path = absl::StrCat("rationale_reasons[", i, "]");
    if (reason == v1::RATIONALE_REASON_UNSPECIFIED || !v1::RationaleReason_IsValid(reason)) {
      errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, path);
    } else if (seen[reason]) {
      errors.Add(v1::POLICY_DUPLICATE_ENTRY, path);
    } else {
      seen[reason] = true;
    }
  }
  if (policy.min_rationale_length() < 0) {
    errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, "min_rationale_length");
  }
}

absl::Status ErrorsToStatus(std::string_view what, const std::vector<v1::ValidationError>& errors) {
  std::string message = absl::StrCat("invalid review policy ", std::string(what), ":");
  for (const v1::ValidationError& error : errors) {
    absl::StrAppend(&message, " ", error.fields_size() > 0 ? error.fields(0) : "", ": ",
                    error.message(), " (", v1::ErrorType_Name(error.type()), ");");
  }
  message.pop_back();
  return absl::InvalidArgumentError(message);
}

class ParseErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) {
      // Lines and columns are 0-based here; editors count from 1.
      first_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
    }
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

absl::StatusOr<Policy> ParseNamed(std::string_view text, std::string_view what) {
  v1::ReviewPolicy proto;
  ParseErrors parse_errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&parse_errors);
  if (!parser.ParseFromString(std::string(text), &proto)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid review policy ", std::string(what), ": ",
                                                   parse_errors.first(), " (POLICY_PARSE_ERROR)"));
  }
  return Policy::Create(std::move(proto), what);
}

struct Builtin {
  std::string_view name;
  absl::StatusOr<Policy> policy;
};

const std::vector<Builtin>& Builtins() {
  static const std::vector<Builtin>* const builtins = [] {
    auto* list = new std::vector<Builtin>();
    for (int i = 0; i < internal::kBuiltinPolicyTextCount; ++i) {
      const internal::BuiltinPolicyText& entry = internal::kBuiltinPolicyTexts[i];
      list->push_back(
          {entry.name, ParseNamed(entry.text, absl::StrCat("built-in '", entry.name, "'"))});
    }
    return list;
  }();
  return *builtins;
}

}  // namespace

scoring::CivilDay IntervalLength::AddTo(scoring::CivilDay from) const {
  if (months != 0) return scoring::PlusMonths(from, months);
  return from + 7L * weeks;
}

std::vector<v1::ValidationError> ValidatePolicy(const v1::ReviewPolicy& policy) {
  Errors errors;
  if (policy.name().empty()) errors.Add(v1::POLICY_MISSING_FIELD, "name");
  if (policy.version().empty()) errors.Add(v1::POLICY_MISSING_FIELD, "version");
  CheckMandatedLevels(policy, errors);
  CheckMappa(policy, errors);
  CheckCommunity(policy, errors);
  CheckDiscretionary(policy, errors);
  if (policy.currency_limit_weeks() == 0) {
    errors.Add(v1::POLICY_MISSING_FIELD, "currency_limit_weeks");
  } else if (policy.currency_limit_weeks() < 0 ||
             policy.currency_limit_weeks() > kMaxCurrencyWeeks) {
    errors.Add(v1::POLICY_VALUE_OUT_OF_RANGE, "currency_limit_weeks");
  }
  CheckEvents(policy, errors);
  CheckRationale(policy, errors);
  return errors.Take();
}

absl::StatusOr<Policy> Policy::Create(v1::ReviewPolicy proto, std::string_view source) {
  const std::vector<v1::ValidationError> errors = ValidatePolicy(proto);
  if (!errors.empty()) {
    if (!source.empty()) return ErrorsToStatus(source, errors);
    return ErrorsToStatus(proto.name().empty() ? "(unnamed)" : "'" + proto.name() + "'", errors);
  }
  Policy policy;
  for (int level : proto.mandated_rosh_levels()) {
    policy.rosh_mandated_[RoshRank(static_cast<v1::RiskBand>(level))] = true;
  }
  for (const v1::BandInterval& interval : proto.mandated_intervals()) {
    policy.mandated_interval_[RoshRank(interval.band())] = ToLength(interval);
  }
  for (int level : proto.mandated_mappa_levels()) policy.mappa_mandated_[level] = true;
  if (proto.has_mappa_interval()) policy.mappa_interval_ = ToLength(proto.mappa_interval());
  if (proto.has_community_interval()) {
    policy.community_interval_ = ToLength(proto.community_interval());
  }
  for (const v1::BandInterval& interval : proto.discretionary_intervals()) {
    policy.discretionary_interval_[RoshRank(interval.band())] = ToLength(interval);
  }
  for (const v1::EventRule& rule : proto.event_rules()) {
    EventRuleView& view = policy.event_rules_[rule.event()];
    view.mandated_only = rule.applies_to() == v1::EventRule::MANDATED_ONLY;
    view.due_by_event_date = rule.due_by_event_date();
    view.due_within_days = rule.due_within_days();
  }
  for (int reason : proto.rationale_reasons()) policy.reasons_[reason] = true;
  policy.proto_ = std::move(proto);
  return policy;
}

bool Policy::MandatesRosh(v1::RiskBand rosh) const { return rosh_mandated_[RoshRank(rosh)]; }

bool Policy::MandatesMappaLevel(int level) const {
  return level >= 1 && level <= 3 && mappa_mandated_[level];
}

const IntervalLength& Policy::MandatedInterval(v1::RiskBand rosh) const {
  return mandated_interval_[RoshRank(rosh)];
}

const IntervalLength& Policy::DiscretionaryInterval(v1::RiskBand band) const {
  return discretionary_interval_[RoshRank(band)];
}

const EventRuleView& Policy::RuleFor(v1::CaseEventType event) const {
  const int index = event >= 0 && event < kEventSlots ? event : 0;
  return event_rules_[index];
}

bool Policy::AcceptsReason(v1::RationaleReason reason) const {
  return reason > 0 && reason < kReasonSlots && reasons_[reason];
}

absl::StatusOr<Policy> ParsePolicyText(std::string_view text) {
  return ParseNamed(text, "(text)");
}

absl::StatusOr<Policy> LoadPolicyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read review policy file '", path, "'"));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return absl::NotFoundError(absl::StrCat("cannot read review policy file '", path, "'"));
  }
  return ParseNamed(text.str(), absl::StrCat("'", path, "'"));
}

absl::StatusOr<const Policy*> BuiltinPolicy(std::string_view name) {
  for (const Builtin& builtin : Builtins()) {
    if (builtin.name != name) continue;
    if (!builtin.policy.ok()) return builtin.policy.status();
    return &*builtin.policy;
  }
  std::string known;
  for (std::string_view builtin : BuiltinPolicyNames()) {
    absl::StrAppend(&known, known.empty() ? "" : ", ", std::string(builtin));
  }
  return absl::NotFoundError(absl::StrCat("no built-in review policy named '", std::string(name),
                                          "' (POLICY_UNKNOWN_NAME); built-in: ", known));
}

std::vector<std::string_view> BuiltinPolicyNames() {
  std::vector<std::string_view> names;
  for (int i = 0; i < internal::kBuiltinPolicyTextCount; ++i) {
    names.push_back(internal::kBuiltinPolicyTexts[i].name);
  }
  return names;
}

absl::StatusOr<Policy> LoadPolicy(std::string_view name_or_path) {
  for (std::string_view name : BuiltinPolicyNames()) {
    if (name == name_or_path) {
      absl::StatusOr<const Policy*> builtin = BuiltinPolicy(name);
      if (!builtin.ok()) return builtin.status();
      return **builtin;
    }
  }
  return LoadPolicyFile(std::string(name_or_path));
}

}  // namespace assay::review
