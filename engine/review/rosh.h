// Overall Risk of Serious Harm from the nine OASys R10.6 cell ratings.
//
// Contract:
//   - The overall level is the highest rating over the counted cells: the
//     four community cells always, the five custody cells when
//     `include_custody_cells` (HMPPS services count them; a review policy may
//     not). Levels are ordered LOW < MEDIUM < HIGH < VERY_HIGH.
//   - A cell rated NOT_APPLICABLE, or with a value unknown to the schema, is
//     invalid: VALUE_OUT_OF_RANGE naming the cell ("rosh.public_custody"),
//     whether or not the cell is counted.
//   - No counted cell rated and no invalid cell: ROSH_NOT_RATED (field
//     "rosh"). Never a silent LOW.
//   - No heap allocation: the cells at the overall level come back as a
//     bit set over kRoshCells.
#ifndef ASSAY_ENGINE_REVIEW_ROSH_H_
#define ASSAY_ENGINE_REVIEW_ROSH_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "google/protobuf/repeated_ptr_field.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"

namespace assay::review {

struct RoshCell {
  std::string_view name;        // the RoshRatings field name
  std::string_view field_path;  // the schema path used in errors
  bool custody;
};

inline constexpr int kRoshCellCount = 9;
extern const std::array<RoshCell, kRoshCellCount> kRoshCells;

// The rating of cell `index` (0..8, in kRoshCells order).
v1::RiskBand RoshCellRating(const v1::RoshRatings& rosh, int index);

struct RoshSummary {
  // LOW..VERY_HIGH; RISK_BAND_UNSPECIFIED when there is no overall level.
  v1::RiskBand overall = v1::RISK_BAND_UNSPECIFIED;
  // Bit i set: counted cell kRoshCells[i] is rated at the overall level.
  uint16_t cells_at_overall = 0;
  bool has_invalid_cell = false;
};

// Summarises `rosh` and appends its errors to `errors` (see the contract).
RoshSummary SummariseRosh(const v1::RoshRatings& rosh, bool include_custody_cells,
                          google::protobuf::RepeatedPtrField<v1::ValidationError>* errors);

// Orders RoSH levels; UNSPECIFIED (not rated) ranks below LOW.
inline int RoshRank(v1::RiskBand band) {
  switch (band) {
    case v1::LOW: return 1;
    case v1::MEDIUM: return 2;
    case v1::HIGH: return 3;
    case v1::VERY_HIGH: return 4;
    default: return 0;
  }
}

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_ROSH_H_
