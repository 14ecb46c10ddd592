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

#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/errors.h"

namespace assay::review {

struct RoshCell {
  std::string_view name;        // the RoshRatings field name
  std::string_view field_path;  // the schema path used in errors
  bool custody;
};

inline constexpr int kRoshCellCount = 9;
extern const std::array<RoshCell, kRoshCellCount> kRoshCells;

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

// The rating of cell `index` (0..8, in kRoshCells order), of a
// v1::RoshRatings or its flat mirror.
template <typename RoshRatings>
v1::RiskBand RoshCellRating(const RoshRatings& rosh, int index) {
  switch (index) {
    case 0: return rosh.children_community();
    case 1: return rosh.public_community();
    case 2: return rosh.known_adult_community();
    case 3: return rosh.staff_community();
    case 4: return rosh.children_custody();
    case 5: return rosh.public_custody();
    case 6: return rosh.known_adult_custody();
    case 7: return rosh.staff_custody();
    case 8: return rosh.prisoners_custody();
    default: return v1::RISK_BAND_UNSPECIFIED;
  }
}

struct RoshSummary {
  // LOW..VERY_HIGH; RISK_BAND_UNSPECIFIED when there is no overall level.
  v1::RiskBand overall = v1::RISK_BAND_UNSPECIFIED;
  // Bit i set: counted cell kRoshCells[i] is rated at the overall level.
  uint16_t cells_at_overall = 0;
  bool has_invalid_cell = false;
};

// Whether "no rated cell" is an error (a review decision needs a RoSH; the
// tier makes itself provisional instead).
enum class RoshNotRated { kError, kAllowed };

// Summarises `rosh` and appends its errors to `errors` (see the contract).
template <typename RoshRatings, typename Errors>
RoshSummary SummariseRosh(const RoshRatings& rosh, bool include_custody_cells, Errors* errors,
                          RoshNotRated not_rated = RoshNotRated::kError) {
  RoshSummary summary;
  int best_rank = 0;
  for (int i = 0; i < kRoshCellCount; ++i) {
    const v1::RiskBand rating = RoshCellRating(rosh, i);
    if (rating == v1::RISK_BAND_UNSPECIFIED) continue;
    // RoshRank is 0 for NOT_APPLICABLE and for values unknown to this schema
    // version (proto3 keeps them): neither is a rating.
    const int rank = RoshRank(rating);
    if (rank == 0) {
      summary.has_invalid_cell = true;
      scoring::AddError(errors, v1::VALUE_OUT_OF_RANGE, {kRoshCells[i].field_path});
      continue;
    }
    if (kRoshCells[i].custody && !include_custody_cells) continue;
    if (rank > best_rank) {
      best_rank = rank;
      summary.overall = rating;
      summary.cells_at_overall = 0;
    }
    if (rank == best_rank) summary.cells_at_overall |= static_cast<uint16_t>(1u << i);
  }
  if (summary.has_invalid_cell) {
    summary.overall = v1::RISK_BAND_UNSPECIFIED;
    summary.cells_at_overall = 0;
  } else if (best_rank == 0 && not_rated == RoshNotRated::kError) {
    scoring::AddError(errors, v1::ROSH_NOT_RATED, {"rosh"});
  }
  return summary;
}

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_ROSH_H_
