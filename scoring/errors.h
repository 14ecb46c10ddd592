// The validation-error catalogue: one canonical message per error type.
//
// Contract: FillError (in place) and MakeError (by value) build a
// validation error (v1::ValidationError, or its allocation-free mirror
// flat::ValidationError: FillError is a template over the two) whose message
// is the
// catalogue's text for the type (the reference's text where the reference has
// the type, ../shared/spec/predictors.md §4.3) and whose fields are schema
// field paths ("total_sanctions", "answers.impulsivity"). Messages never
// contain values from the record, so they never carry personal data.
#ifndef ASSAY_SCORING_ERRORS_H_
#define ASSAY_SCORING_ERRORS_H_

#include <string_view>

#include "absl/types/span.h"
#include "schemas/score.pb.h"

namespace assay::scoring {

// The catalogue text for `type`.
std::string_view ErrorMessage(v1::ErrorType type);

// Fills `out` (assumed empty) in place: on an arena-owned message every
// allocation goes to the arena, and no temporary is built and copied. A flat
// error refers to the catalogue text instead of copying it.
template <typename Error>
void FillError(v1::ErrorType type, absl::Span<const std::string_view> fields, Error* out) {
  out->set_type(type);
  const std::string_view message = ErrorMessage(type);
  if constexpr (requires { out->set_alias_message(message); }) {
    out->set_alias_message(message);  // static catalogue text
  } else {
    out->set_message(message.data(), message.size());
  }
  for (std::string_view field : fields) out->add_fields(field.data(), field.size());
}

v1::ValidationError MakeError(v1::ErrorType type, absl::Span<const std::string_view> fields = {});

// Appends to a repeated error field (PredictorResult::errors and friends).
template <typename Repeated>
void AddError(Repeated* errors, v1::ErrorType type, absl::Span<const std::string_view> fields = {}) {
  FillError(type, fields, errors->Add());
}

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_ERRORS_H_
