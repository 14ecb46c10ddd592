#include "scoring/dates.h"

namespace assay::scoring {
namespace {

// Java's LocalDate.getProlepticMonth(): year * 12 + month - 1.
long ProlepticMonth(CivilDay d) { return d.year() * 12L + (d.month() - 1); }

}  // namespace

bool IsValidDate(const v1::Date& date) {
  if (date.year() < 1800 || date.year() > 2200) return false;
  if (date.month() < 1 || date.month() > 12 || date.day() < 1) return false;
  // CivilDay normalises out-of-range days (31 April -> 1 May); a real date
  // survives the round trip unchanged.
  const CivilDay day(date.year(), date.month(), date.day());
  return day.month() == date.month() && day.day() == date.day();
}

std::optional<CivilDay> ToCivilDay(const v1::Date& date) {
  if (!IsValidDate(date)) return std::nullopt;
  return CivilDay(date.year(), date.month(), date.day());
}

v1::Date ToProtoDate(CivilDay day) {
  v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

int AgeAt(CivilDay dob, CivilDay d) {
  // Period.between: whole months, adjusted by the sign of the day
  // difference, then truncated to years.
  long total_months = ProlepticMonth(d) - ProlepticMonth(dob);
  const int days = d.day() - dob.day();
  if (total_months > 0 && days < 0) {
    --total_months;
  } else if (total_months < 0 && days > 0) {
    ++total_months;
  }
  return static_cast<int>(total_months / 12);
}

int MonthsBetween(CivilDay a, CivilDay b) {
  // LocalDate.monthsUntil: packed (month * 32 + day) difference / 32,
  // truncating toward zero.
  const long packed_a = ProlepticMonth(a) * 32L + a.day();
  const long packed_b = ProlepticMonth(b) * 32L + b.day();
  return static_cast<int>((packed_b - packed_a) / 32);
}

int YearsBetween(CivilDay a, CivilDay b) { return MonthsBetween(a, b) / 12; }

CivilDay PlusMonths(CivilDay d, int months) {
  const absl::CivilMonth month = absl::CivilMonth(d) + months;
  const CivilDay first(month);
  const int last_day = (CivilDay(month + 1) - 1).day();
  return CivilDay(first.year(), first.month(), d.day() < last_day ? d.day() : last_day);
}

}  // namespace assay::scoring
