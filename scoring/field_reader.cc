#include "scoring/field_reader.h"

#include <cmath>

namespace assay::scoring {

double PointScaleLogistic(double z) {
  // e^z / (1 + e^z), not 1 / (1 + e^-z): the two differ in the last bit, and
  // the reference's form is the one whose bits reach the 2 dp rounding.
  const double e = Exp(z);
  return e / (1.0 + e);
}

}  // namespace assay::scoring
