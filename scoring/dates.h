// Calendar arithmetic exactly as the reference (Java java.time) does it.
//
// Contract:
//   - Dates are absl::CivilDay values; conversion from the schema's Date
//     validates the date (real calendar day, year 1800..2200).
//   - AgeAt follows Period.between(dob, d).getYears(): completed years, a
//     birthday on the same month/day counts, someone born on 29 February
//     reaches the next age on 1 March in non-leap years.
//   - MonthsBetween follows ChronoUnit.MONTHS.between(a, b) (negative when
//     b < a, truncating toward zero); YearsBetween likewise for YEARS.
//   - PlusMonths clamps to the end of the month (Java plusMonths).
// Never days / 365.
#ifndef ASSAY_SCORING_DATES_H_
#define ASSAY_SCORING_DATES_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "schemas/common.pb.h"

namespace assay::scoring {

using CivilDay = absl::CivilDay;

// True when year-month-day is a real calendar day in years 1800..2200.
bool IsValidYmd(int year, int month, int day);

// For a v1::Date or a flat::Date (anything with year(), month(), day()).
template <typename Date>
bool IsValidDate(const Date& date) {
  return IsValidYmd(date.year(), date.month(), date.day());
}

// The date as a CivilDay; std::nullopt when it is not a valid date.
template <typename Date>
std::optional<CivilDay> ToCivilDay(const Date& date) {
  if (!IsValidDate(date)) return std::nullopt;
  return CivilDay(date.year(), date.month(), date.day());
}

v1::Date ToProtoDate(CivilDay day);

// Completed years from `dob` to `d` (Java Period.between(dob, d).years).
int AgeAt(CivilDay dob, CivilDay d);

// Whole months from `a` to `b` (Java ChronoUnit.MONTHS.between(a, b)).
int MonthsBetween(CivilDay a, CivilDay b);

// Whole years from `a` to `b` (Java ChronoUnit.YEARS.between(a, b)).
int YearsBetween(CivilDay a, CivilDay b);

// `d` plus `months` calendar months, clamped to the month's last day
// (2025-11-30 + 3 months = 2026-02-28).
CivilDay PlusMonths(CivilDay d, int months);

// Signed number of days from `a` to `b`.
inline long DaysBetween(CivilDay a, CivilDay b) { return b - a; }

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_DATES_H_
