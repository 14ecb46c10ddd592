#include "scoring/field_reader.h"

#include <cmath>

namespace assay::scoring {

double PointScaleLogistic(double z) {
  // e^z / (1 + e^z), not 1 / (1 + e^-z): the two differ in the last bit, and
  // the reference's form is the one whose bits reach the 2 dp rounding.
  const double e = std::exp(z);
  return e / (1.0 + e);
}

std::optional<CivilDay> FieldReader::Date(bool has, const v1::Date& value, std::string_view field,
                                          Need need) {
  if (!has) {
    if (need == Need::kRequired) missing_.push_back(field);
    return std::nullopt;
  }
  std::optional<CivilDay> day = ToCivilDay(value);
  if (!day) invalid_dates_.push_back(field);
  return day;
}

void FieldReader::EmitTo(google::protobuf::RepeatedPtrField<v1::ValidationError>* errors,
                         v1::ErrorType missing_type) {
  if (!missing_.empty()) FillError(missing_type, missing_, errors->Add());
  for (std::string_view field : invalid_dates_) AddError(errors, v1::INVALID_DATE, {field});
  for (std::string_view field : out_of_range_) AddError(errors, v1::VALUE_OUT_OF_RANGE, {field});
  missing_.clear();
  invalid_dates_.clear();
  out_of_range_.clear();
}

}  // namespace assay::scoring
