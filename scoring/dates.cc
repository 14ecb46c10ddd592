#include "scoring/dates.h"

namespace assay::scoring {
namespace {

// Java's LocalDate.getProlepticMonth(): year * 12 + month - 1.
long ProlepticMonth(CivilDay d) { return d.year() * 12L + (d.month() - 1); }

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool IsValidYmd(int year, int month, int day) {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
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
  // Java's plusMonths: the proleptic month moves, the day is clamped.
  const int64_t month = ProlepticMonth(d) + months;
  const int year = static_cast<int>(month >= 0 ? month / 12 : (month - 11) / 12);
  const int m = static_cast<int>(month - year * 12L) + 1;
  const int last_day = DaysInMonth(year, m);
  return CivilDay(year, m, d.day() < last_day ? d.day() : last_day);
}

}  // namespace assay::scoring
