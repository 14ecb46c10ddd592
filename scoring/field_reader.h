// Reading and checking the assessment fields one predictor needs.
//
// Contract:
//   - A FieldReader belongs to one predictor evaluation. Each accessor reads
//     one schema field, names it by its schema path ("answers.impulsivity"),
//     and returns std::nullopt when the value cannot be used.
//   - Required fields that are absent are collected and emitted as ONE
//     MISSING_MANDATORY_INPUT (or MISSING_DYNAMIC_INPUT) error listing them
//     all, in the order they were read, as the reference does (§4.1).
//   - Values the protobuf can hold but the reference's JSON cannot are
//     reported separately, one error per field: a date that is not a real
//     calendar day (INVALID_DATE) and an enum number unknown to this schema
//     version (VALUE_OUT_OF_RANGE). Such a value never scores as a default.
//   - Errors name fields only; no value from the record is ever copied into
//     an error.
#ifndef ASSAY_SCORING_FIELD_READER_H_
#define ASSAY_SCORING_FIELD_READER_H_

#include <optional>
#include <string_view>

#include "absl/container/inlined_vector.h"

#include "schemas/common.pb.h"
#include "schemas/score.pb.h"
#include "scoring/dates.h"
#include "scoring/errors.h"
#include "scoring/rounding.h"
// Exp and Log (double): the point-scale models read through this header
// (sexual.cc, legacy.cc) evaluate their logs and logistic links with them.
#include "scoring/transcendental.h"

namespace assay::scoring {

// The OASys 0/1/2 score of an answer; std::nullopt when not answered.
// Callers check KnownEnum first: an unknown number also yields nullopt.
inline std::optional<int> ItemScore(v1::ProblemLevel v) {
  if (v < v1::NO_PROBLEMS || v > v1::SIGNIFICANT_PROBLEMS) return std::nullopt;
  return static_cast<int>(v) - 1;
}
inline std::optional<int> ItemScore(v1::MotivationLevel v) {
  if (v < v1::FULL_MOTIVATION || v > v1::NO_MOTIVATION) return std::nullopt;
  return static_cast<int>(v) - 1;
}
inline std::optional<int> ItemScore(v1::YesSometimesNo v) {
  if (v < v1::YES || v > v1::NO) return std::nullopt;
  return static_cast<int>(v) - 1;
}
// LDS qualifications: ANY 0, NO_QUALIFICATIONS 2 (§11.4).
inline std::optional<int> ItemScore(v1::Qualifications v) {
  if (v == v1::ANY_QUALIFICATION) return 0;
  if (v == v1::NO_QUALIFICATIONS) return 2;
  return std::nullopt;
}

// True for a number this schema version defines (including UNSPECIFIED).
inline bool KnownEnum(v1::ProblemLevel v) { return v1::ProblemLevel_IsValid(v); }
inline bool KnownEnum(v1::MotivationLevel v) { return v1::MotivationLevel_IsValid(v); }
inline bool KnownEnum(v1::YesSometimesNo v) { return v1::YesSometimesNo_IsValid(v); }
inline bool KnownEnum(v1::Gender v) { return v1::Gender_IsValid(v); }
inline bool KnownEnum(v1::SupervisionStatus v) { return v1::SupervisionStatus_IsValid(v); }
inline bool KnownEnum(v1::RiskBand v) { return v1::RiskBand_IsValid(v); }
inline bool KnownEnum(v1::Qualifications v) { return v1::Qualifications_IsValid(v); }
inline bool KnownEnum(v1::RelationshipStatus v) { return v1::RelationshipStatus_IsValid(v); }
inline bool KnownEnum(v1::PreviousConviction v) { return v1::PreviousConviction_IsValid(v); }

// pct(x) of §2.4: the exact binary value of x times 100, to 2 dp HALF_UP.
inline double PercentOf(double probability) { return PercentHalfUp(probability, 2); }

// The logistic link as the reference writes it for the point-scale models
// (DC-SRP, OSP/DC, OGP, OVP): e^z / (1 + e^z), in IEEE double, with
// scoring::Exp (scoring/transcendental.h).
double PointScaleLogistic(double z);

class FieldReader {
 public:
  enum class Need { kOptional, kRequired };

  // Enums: UNSPECIFIED is "absent". Returns the value, or nullopt when absent
  // or unknown.
  template <typename E>
  std::optional<E> Enum(E value, std::string_view field, Need need) {
    if (!KnownEnum(value)) {
      out_of_range_.push_back(field);
      return std::nullopt;
    }
    if (static_cast<int>(value) == 0) {
      if (need == Need::kRequired) missing_.push_back(field);
      return std::nullopt;
    }
    return value;
  }

  // A ProblemLevel / MotivationLevel / YesSometimesNo / Qualifications answer
  // as its item score.
  template <typename E>
  std::optional<int> Item(E value, std::string_view field, Need need) {
    const std::optional<E> v = Enum(value, field, need);
    if (!v) return std::nullopt;
    return ItemScore(*v);
  }

  template <typename T>
  std::optional<T> Scalar(bool has, T value, std::string_view field, Need need) {
    if (!has) {
      if (need == Need::kRequired) missing_.push_back(field);
      return std::nullopt;
    }
    return value;
  }

  template <typename DateMessage>
  std::optional<CivilDay> Date(bool has, const DateMessage& value, std::string_view field,
                               Need need) {
    if (!has) {
      if (need == Need::kRequired) missing_.push_back(field);
      return std::nullopt;
    }
    std::optional<CivilDay> day = ToCivilDay(value);
    if (!day) invalid_dates_.push_back(field);
    return day;
  }

  // A field the caller found missing by its own rule.
  void AddMissing(std::string_view field) { missing_.push_back(field); }
  // A present value the caller found unusable (e.g. an unknown list entry).
  void AddOutOfRange(std::string_view field) { out_of_range_.push_back(field); }

  using FieldList = absl::InlinedVector<std::string_view, 16>;
  const FieldList& missing() const { return missing_; }
  // True when nothing was missing, invalid or unknown.
  bool clean() const {
    return missing_.empty() && invalid_dates_.empty() && out_of_range_.empty();
  }
  // True when a present value could not be used (invalid date, unknown enum).
  bool has_invalid() const { return !invalid_dates_.empty() || !out_of_range_.empty(); }

  // Appends the collected errors: one `missing_type` error listing every
  // missing field, then INVALID_DATE and VALUE_OUT_OF_RANGE, one per field.
  // Clears the collected state so a reader can be reused for a second group
  // of fields (the dynamic fields after the static ones).
  template <typename Errors>
  void EmitTo(Errors* errors, v1::ErrorType missing_type = v1::MISSING_MANDATORY_INPUT) {
    if (!missing_.empty()) FillError(missing_type, missing_, errors->Add());
    for (std::string_view field : invalid_dates_) AddError(errors, v1::INVALID_DATE, {field});
    for (std::string_view field : out_of_range_) AddError(errors, v1::VALUE_OUT_OF_RANGE, {field});
    missing_.clear();
    invalid_dates_.clear();
    out_of_range_.clear();
  }

 private:
  FieldList missing_;
  absl::InlinedVector<std::string_view, 4> invalid_dates_;
  absl::InlinedVector<std::string_view, 4> out_of_range_;
};

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_FIELD_READER_H_
