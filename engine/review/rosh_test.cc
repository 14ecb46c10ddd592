// Overall RoSH: every level in every cell, custody cells counted or not.
#include "engine/review/rosh.h"

#include <string>

#include "gtest/gtest.h"

namespace assay::review {
namespace {

using Errors = google::protobuf::RepeatedPtrField<v1::ValidationError>;

void SetCell(v1::RoshRatings& rosh, int index, v1::RiskBand band) {
  const auto* field = rosh.GetDescriptor()->FindFieldByName(std::string(kRoshCells[index].name));
  ASSERT_NE(field, nullptr) << kRoshCells[index].name;
  rosh.GetReflection()->SetEnumValue(&rosh, field, band);
}

TEST(RoshTest, CellTableMatchesTheSchema) {
  int custody = 0;
  for (int i = 0; i < kRoshCellCount; ++i) {
    v1::RoshRatings rosh;
    SetCell(rosh, i, v1::HIGH);
    EXPECT_EQ(RoshCellRating(rosh, i), v1::HIGH) << kRoshCells[i].name;
    EXPECT_EQ(kRoshCells[i].field_path, "rosh." + std::string(kRoshCells[i].name));
    custody += kRoshCells[i].custody;
  }
  EXPECT_EQ(custody, 5);  // four groups in custody plus prisoners
}

TEST(RoshTest, EachLevelInEachCellAndContext) {
  for (int cell = 0; cell < kRoshCellCount; ++cell) {
    for (v1::RiskBand level : {v1::LOW, v1::MEDIUM, v1::HIGH, v1::VERY_HIGH}) {
      for (bool include_custody : {false, true}) {
        SCOPED_TRACE(std::string(kRoshCells[cell].name) + " " + v1::RiskBand_Name(level) +
                     (include_custody ? " custody counted" : " custody excluded"));
        v1::RoshRatings rosh;
        SetCell(rosh, cell, level);
        Errors errors;
        const RoshSummary summary = SummariseRosh(rosh, include_custody, &errors);
        if (kRoshCells[cell].custody && !include_custody) {
          EXPECT_EQ(summary.overall, v1::RISK_BAND_UNSPECIFIED);
          ASSERT_EQ(errors.size(), 1);
          EXPECT_EQ(errors[0].type(), v1::ROSH_NOT_RATED);
          EXPECT_EQ(errors[0].fields(0), "rosh");
        } else {
          EXPECT_EQ(summary.overall, level);
          EXPECT_EQ(summary.cells_at_overall, 1u << cell);
          EXPECT_TRUE(errors.empty());
        }
      }
    }
  }
}

TEST(RoshTest, OverallIsTheHighestCountedCell) {
  v1::RoshRatings rosh;
  rosh.set_children_community(v1::LOW);
  rosh.set_public_community(v1::HIGH);
  rosh.set_staff_community(v1::HIGH);
  rosh.set_known_adult_community(v1::MEDIUM);
  rosh.set_prisoners_custody(v1::VERY_HIGH);
  Errors errors;
  RoshSummary with_custody = SummariseRosh(rosh, true, &errors);
  EXPECT_EQ(with_custody.overall, v1::VERY_HIGH);
  EXPECT_EQ(with_custody.cells_at_overall, 1u << 8);
  RoshSummary community_only = SummariseRosh(rosh, false, &errors);
  EXPECT_EQ(community_only.overall, v1::HIGH);
  EXPECT_EQ(community_only.cells_at_overall, (1u << 1) | (1u << 3));
  EXPECT_TRUE(errors.empty());
}

TEST(RoshTest, NoRatedCellIsAnErrorNotLow) {
  Errors errors;
  const RoshSummary summary = SummariseRosh(v1::RoshRatings(), true, &errors);
  EXPECT_EQ(summary.overall, v1::RISK_BAND_UNSPECIFIED);
  ASSERT_EQ(errors.size(), 1);
  EXPECT_EQ(errors[0].type(), v1::ROSH_NOT_RATED);
}

TEST(RoshTest, NotApplicableOrUnknownInAnyCellIsOutOfRangeNamingTheCell) {
  for (int cell = 0; cell < kRoshCellCount; ++cell) {
    for (int bad : {static_cast<int>(v1::NOT_APPLICABLE), 17}) {
      for (bool include_custody : {false, true}) {
        SCOPED_TRACE(std::string(kRoshCells[cell].name) + " " + std::to_string(bad));
        v1::RoshRatings rosh;
        rosh.set_public_community(v1::HIGH);
        SetCell(rosh, cell, static_cast<v1::RiskBand>(bad));
        Errors errors;
        const RoshSummary summary = SummariseRosh(rosh, include_custody, &errors);
        EXPECT_TRUE(summary.has_invalid_cell);
        EXPECT_EQ(summary.overall, v1::RISK_BAND_UNSPECIFIED);
        ASSERT_EQ(errors.size(), 1);
        EXPECT_EQ(errors[0].type(), v1::VALUE_OUT_OF_RANGE);
        EXPECT_EQ(errors[0].fields(0), kRoshCells[cell].field_path);
      }
    }
  }
}

}  // namespace
}  // namespace assay::review
