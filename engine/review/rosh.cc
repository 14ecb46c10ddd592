#include "engine/review/rosh.h"

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

}  // namespace assay::review
