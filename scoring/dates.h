// Calendar arithmetic exactly as the reference (Java java.time) does it.
//
// Contract:
//   - Dates are CivilDay values: a real proleptic Gregorian day held as one
//     integer key (year, month, day), so construction and comparison are
//     integer operations and day arithmetic goes through exact day numbers
//     (absl::CivilDay normalises on every construction, which measured 10%
//     of a rescore). Conversion from the
//     schema's Date validates it (real calendar day, year 1800..2200);
//     absl::CivilDay converts implicitly to CivilDay (public APIs take it),
//     and back with ToAbsl().
//   - AgeAt follows Period.between(dob, d).getYears(): completed years, a
//     birthday on the same month/day counts, someone born on 29 February
//     reaches the next age on 1 March in non-leap years.
//   - MonthsBetween follows ChronoUnit.MONTHS.between(a, b) (negative when
//     b < a, truncating toward zero); YearsBetween likewise for YEARS.
//   - PlusMonths clamps to the end of the month (Java plusMonths).
// Never days / 365.
#ifndef ASSAY_SCORING_DATES_H_
#define ASSAY_SCORING_DATES_H_

#include <cstdint>
#include <optional>
#include <ostream>

#include "absl/time/civil_time.h"
#include "schemas/common.pb.h"

namespace assay::scoring {

class CivilDay {
 public:
  // 1970-01-01.
  constexpr CivilDay() = default;
  // A real calendar day (the caller has checked: IsValidYmd, or arithmetic
  // on a CivilDay).
  constexpr CivilDay(int year, int month, int day)
      : key_(static_cast<int64_t>(year) * 512 + month * 32 + day) {}
  // NOLINTNEXTLINE(google-explicit-constructor): public APIs pass these.
  CivilDay(absl::CivilDay d) : CivilDay(static_cast<int>(d.year()), d.month(), d.day()) {}
  absl::CivilDay ToAbsl() const { return absl::CivilDay(year(), month(), day()); }

  constexpr int year() const {
    return static_cast<int>(key_ >= 0 ? key_ / 512 : (key_ - 511) / 512);
  }
  constexpr int month() const { return static_cast<int>(key_ - int64_t{year()} * 512) / 32; }
  constexpr int day() const { return static_cast<int>(key_ & 31); }
  // Days since 1970-01-01.
  constexpr int64_t days() const { return DaysFromCivil(year(), month(), day()); }

  static constexpr CivilDay FromDays(int64_t days) {
    // Howard Hinnant's civil_from_days: exact for every day, no loop.
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return CivilDay(y, m, d);
  }

  constexpr CivilDay operator+(int64_t n) const { return FromDays(days() + n); }
  constexpr CivilDay operator-(int64_t n) const { return FromDays(days() - n); }
  CivilDay& operator+=(int64_t n) { return *this = *this + n; }
  CivilDay& operator-=(int64_t n) { return *this = *this - n; }
  friend constexpr int64_t operator-(CivilDay a, CivilDay b) { return a.days() - b.days(); }
  // Real days order as their (year, month, day) keys: no day number needed.
  friend constexpr bool operator==(CivilDay a, CivilDay b) { return a.key_ == b.key_; }
  friend constexpr auto operator<=>(CivilDay a, CivilDay b) { return a.key_ <=> b.key_; }
  friend std::ostream& operator<<(std::ostream& os, CivilDay d) { return os << d.ToAbsl(); }

 private:
  // days_from_civil (Hinnant): the day number of a proleptic Gregorian date.
  static constexpr int64_t DaysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  // year * 512 + month * 32 + day: the date in one integer, ordered as the
  // dates are (comparisons are the common operation; day numbers are
  // computed when arithmetic needs them).
  int64_t key_ = int64_t{1970} * 512 + 1 * 32 + 1;
};

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
inline int64_t DaysBetween(CivilDay a, CivilDay b) { return b - a; }

// The number of days in `month` (1..12) of `year`.
int DaysInMonth(int year, int month);

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_DATES_H_
