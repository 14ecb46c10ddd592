#include "engine/review/rosh.h"

#include "scoring/errors.h"

namespace assay::review {

const std::array<RoshCell, kRoshCellCount> kRoshCells = {{
    {"children_community", "rosh.children_community", false},
    {"public_community", "rosh.public_community", false},
    {"known_adult_community", "rosh.known_adult_community", false},
    {"staff_community", "rosh.staff_community", false},
    {"children_custody", "rosh.children_custody", true},
    {"public_custody", "rosh.public_custody", true},
    {"known_adult_custody", "rosh.known_adult_custody", true},
    {"staff_custody", "rosh.staff_custody", true},
    {"prisoners_custody", "rosh.prisoners_custody", true},
}};

v1::RiskBand RoshCellRating(const v1::RoshRatings& rosh, int index) {
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

RoshSummary SummariseRosh(const v1::RoshRatings& rosh, bool include_custody_cells,
                          google::protobuf::RepeatedPtrField<v1::ValidationError>* errors) {
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
  } else if (best_rank == 0) {
    scoring::AddError(errors, v1::ROSH_NOT_RATED, {"rosh"});
  }
  return summary;
}

}  // namespace assay::review
