// The reference's regression CSV layout (../shared/spec/predictors.md §13.2):
// one row -> the STATIC and the DYNAMIC request the reference's harness posts.
//
// Contract:
//   - Columns are read by position 0..52, as the harness's aggregator does;
//     later columns are ignored. CheckReferenceHeader verifies that the
//     header names those 53 columns in order.
//   - Cells are trimmed; an empty cell is null (the field is left unset).
//     A cell may be double-quoted ("" inside quotes is a quote).
//   - The STATIC request holds the criminal-history fields only (columns
//     1-8); the DYNAMIC request holds those plus the needs fields (9-46,
//     previous convictions always a list, possibly empty). Both carry the
//     row's id as assessment_id and the given assessment date.
//   - Conversions are the harness's: gender M/F; first_sanction_date ->
//     age_at_first_sanction = completed years from the date of birth;
//     4.2 0 -> false, 2 -> true; 6.8 1/2/3 -> relationship status; 0/1/2 ->
//     problem levels; drugs Y/N. Where the harness would throw (any other
//     value, an unparseable date or number), ParseReferenceRow returns an
//     InvalidArgument Status naming the line and the column, never a value.
//   - Columns 47-52 (the reference model's expected probabilities) are
//     returned as parsed doubles when present.
#ifndef ASSAY_ENGINE_IO_REFERENCE_CSV_H_
#define ASSAY_ENGINE_IO_REFERENCE_CSV_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "schemas/assessment.pb.h"
#include "schemas/common.pb.h"

namespace assay::io {

inline constexpr int kReferenceColumnCount = 53;

// The names of columns 0..52, in order.
extern const std::array<std::string_view, kReferenceColumnCount> kReferenceColumns;

// Expected-probability columns (47..52), in file order.
enum ReferenceExpected {
  kSvrpStaticExpected = 0,   // serious_violence_brief_predictions
  kSvrpDynamicExpected = 1,  // serious_violence_extended_predictions
  kVrpStaticExpected = 2,    // violence_brief_predictions
  kVrpDynamicExpected = 3,   // violence_extended_predictions
  kArpStaticExpected = 4,    // all_brief_predictions
  kArpDynamicExpected = 5,   // all_extended_predictions
};

struct ReferenceRow {
  std::string id;
  v1::Assessment static_request;
  v1::Assessment dynamic_request;
  std::array<std::optional<double>, 6> expected;
};

// Splits one CSV line into trimmed cells (quotes removed). `storage` backs
// cells that had to be unescaped.
std::vector<std::string_view> SplitCsvLine(std::string_view line,
                                           std::vector<std::string>* storage);

// OK when the header's first 53 cells are kReferenceColumns.
absl::Status CheckReferenceHeader(std::string_view header_line);

// `line_number` (1-based, the header is line 1) is used in error messages.
absl::StatusOr<ReferenceRow> ParseReferenceRow(std::string_view line, uint64_t line_number,
                                               const v1::Date& assessment_date);

// "YYYY-MM-DD" -> Date when it is a real calendar day.
std::optional<v1::Date> ParseIsoDate(std::string_view text);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_REFERENCE_CSV_H_
