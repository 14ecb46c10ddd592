#include "scoring/dates.h"

#include <algorithm>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

TEST(AgeAtTest, LeapDayBirthReachesNextAgeOnFirstMarch) {
  const CivilDay dob(2000, 2, 29);
  EXPECT_EQ(AgeAt(dob, CivilDay(2001, 2, 28)), 0);
  EXPECT_EQ(AgeAt(dob, CivilDay(2001, 3, 1)), 1);
  EXPECT_EQ(AgeAt(dob, CivilDay(2004, 2, 28)), 3);
  EXPECT_EQ(AgeAt(dob, CivilDay(2004, 2, 29)), 4);
}

TEST(AgeAtTest, BirthdayCountsAsCompleted) {
  EXPECT_EQ(AgeAt(CivilDay(1980, 10, 3), CivilDay(2025, 10, 3)), 45);
  EXPECT_EQ(AgeAt(CivilDay(1980, 10, 4), CivilDay(2025, 10, 3)), 44);
  EXPECT_EQ(AgeAt(CivilDay(1980, 10, 3), CivilDay(1980, 10, 3)), 0);
}

TEST(AgeAtTest, BeforeBirthIsNegativeOrZero) {
  EXPECT_EQ(AgeAt(CivilDay(2000, 6, 15), CivilDay(1999, 6, 16)), 0);
  EXPECT_EQ(AgeAt(CivilDay(2000, 6, 15), CivilDay(1999, 6, 15)), -1);
}

TEST(MonthsBetweenTest, MonthEnds) {
  EXPECT_EQ(MonthsBetween(CivilDay(2025, 1, 31), CivilDay(2025, 2, 28)), 0);
  EXPECT_EQ(MonthsBetween(CivilDay(2025, 1, 31), CivilDay(2025, 3, 1)), 1);
  EXPECT_EQ(MonthsBetween(CivilDay(2024, 1, 31), CivilDay(2024, 2, 29)), 0);
  EXPECT_EQ(MonthsBetween(CivilDay(2025, 1, 15), CivilDay(2025, 1, 15)), 0);
  EXPECT_EQ(MonthsBetween(CivilDay(2020, 2, 29), CivilDay(2023, 2, 28)), 35);
  EXPECT_EQ(MonthsBetween(CivilDay(2020, 2, 29), CivilDay(2023, 3, 1)), 36);
}

TEST(MonthsBetweenTest, NegativeWhenReversedTruncatingTowardZero) {
  EXPECT_EQ(MonthsBetween(CivilDay(2025, 3, 1), CivilDay(2025, 1, 31)), -1);
  EXPECT_EQ(MonthsBetween(CivilDay(2025, 3, 15), CivilDay(2025, 2, 16)), 0);
  EXPECT_EQ(YearsBetween(CivilDay(2030, 1, 1), CivilDay(2025, 1, 2)), -4);
}

TEST(YearsBetweenTest, MatchesCompletedYears) {
  EXPECT_EQ(YearsBetween(CivilDay(2020, 1, 1), CivilDay(2025, 1, 1)), 5);
  EXPECT_EQ(YearsBetween(CivilDay(2020, 1, 2), CivilDay(2025, 1, 1)), 4);
}

TEST(PlusMonthsTest, ClampsToMonthEnd) {
  EXPECT_EQ(PlusMonths(CivilDay(2025, 11, 30), 3), CivilDay(2026, 2, 28));
  EXPECT_EQ(PlusMonths(CivilDay(2023, 11, 30), 3), CivilDay(2024, 2, 29));
  EXPECT_EQ(PlusMonths(CivilDay(2025, 1, 31), 1), CivilDay(2025, 2, 28));
  EXPECT_EQ(PlusMonths(CivilDay(2025, 5, 15), 4), CivilDay(2025, 9, 15));
  EXPECT_EQ(PlusMonths(CivilDay(2025, 3, 31), -1), CivilDay(2025, 2, 28));
}

TEST(DateConversionTest, RejectsImpossibleDates) {
  v1::Date date;
  date.set_year(2023);
  date.set_month(2);
  date.set_day(29);
  EXPECT_FALSE(IsValidDate(date));
  date.set_year(2024);
  EXPECT_TRUE(IsValidDate(date));
  EXPECT_EQ(*ToCivilDay(date), CivilDay(2024, 2, 29));
  date.set_month(13);
  EXPECT_FALSE(ToCivilDay(date).has_value());
  date.set_month(4);
  date.set_day(31);
  EXPECT_FALSE(IsValidDate(date));
  date.set_day(30);
  date.set_year(1700);
  EXPECT_FALSE(IsValidDate(date));
  EXPECT_FALSE(IsValidDate(v1::Date()));
}

// CivilDay's integer arithmetic against absl::CivilDay's normalising one,
// day by day over four centuries, and PlusMonths against absl's months.
TEST(CivilDayTest, AgreesWithAbslEveryDay) {
  const absl::CivilDay first(1790, 1, 1), last(2210, 12, 31);
  int64_t n = CivilDay(first).days();
  for (absl::CivilDay d = first; d <= last; ++d, ++n) {
    const CivilDay ours(d);
    ASSERT_EQ(ours.days(), n) << d;
    ASSERT_EQ(CivilDay::FromDays(n).ToAbsl(), d) << d;
    ASSERT_EQ((ours + 400).ToAbsl(), d + 400);
    ASSERT_EQ((ours - 31).ToAbsl(), d - 31);
    ASSERT_EQ(CivilDay(d + 1000) - ours, 1000);
    ASSERT_EQ(IsValidYmd(static_cast<int>(d.year()), d.month(), d.day()), d.year() >= 1800 && d.year() <= 2200);
    if (d.day() % 7 == 1) {
      for (int months : {-25, -12, -1, 1, 3, 12, 18, 60}) {
        const absl::CivilMonth month = absl::CivilMonth(d) + months;
        const int last_day = (absl::CivilDay(month + 1) - 1).day();
        const absl::CivilDay want(month.year(), month.month(), std::min(d.day(), last_day));
        ASSERT_EQ(PlusMonths(ours, months).ToAbsl(), want) << d << " + " << months;
      }
    }
  }
}

TEST(DateConversionTest, RoundTrips) {
  const CivilDay day(1999, 12, 31);
  EXPECT_EQ(*ToCivilDay(ToProtoDate(day)), day);
}

}  // namespace
}  // namespace assay::scoring
