// The batch engine's fast path for clean records.
//
// Contract:
//   - FastDeriveClean(assessment, offences, &features) returns true only
//     when the scalar reference's validation (scoring/reoffending.h
//     ValidateArp, ValidateVrp, ValidateSvrp) would report NO error for any
//     of the three predictors, so that all three score their DYNAMIC model;
//     it then fills `features` exactly as DeriveReoffendingFeatures does.
//     In every other case (any missing, unknown or inconsistent input,
//     static fallback, any error) it returns false and the caller runs the
//     scalar validation and derivation, which produce the reference's
//     errors. It is an optimisation only: returning false is always safe.
//   - Dates are compared and subtracted as integers (year, month, day) with
//     java.time's rules (scoring/dates.h), avoiding absl::CivilDay
//     normalisation, which dominates the scalar validation's cost.
//   - FastDeriveStatic(wire record, ...) is the same test for the static
//     inputs alone: true only when the static validation of all three
//     predictors would report no error; `features` is then exactly what
//     DeriveReoffendingFeatures derives, however the dynamic items are
//     answered, and *dynamic_clean says whether FastDeriveClean would
//     accept the record too. The caller runs the reference's own dynamic
//     validation (scoring/reoffending_dynamic.h) on the rest.
//   - The WireAssessment overloads (wire_decoder.h) run the same code on
//     the values the wire decoder extracted.
//   - Equivalence with the scalar path is tested record by record
//     (fast_path_test.cc), including mutated and boundary-date records.
#ifndef ASSAY_ENGINE_BATCH_FAST_PATH_H_
#define ASSAY_ENGINE_BATCH_FAST_PATH_H_

#include "engine/batch/wire_decoder.h"
#include "schemas/assessment.pb.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"

namespace assay::batch {

bool FastDeriveClean(const v1::Assessment& assessment, const scoring::OffenceTable& offences,
                     scoring::ReoffendingFeatures* features);
bool FastDeriveClean(const WireAssessment& assessment, const scoring::OffenceTable& offences,
                     scoring::ReoffendingFeatures* features);
bool FastDeriveStatic(const WireAssessment& assessment, const scoring::OffenceTable& offences,
                      scoring::ReoffendingFeatures* features, bool* dynamic_clean);

}  // namespace assay::batch

#endif  // ASSAY_ENGINE_BATCH_FAST_PATH_H_
