// Human-readable renderings of review decisions and tiers, for the CLI and
// for logs. Several lines, each "label: value", ending in a newline; dates as
// YYYY-MM-DD. Like the messages themselves they hold ids, dates, codes and
// catalogue texts only: never the rationale text or other personal data.
#ifndef ASSAY_ENGINE_REVIEW_FORMAT_H_
#define ASSAY_ENGINE_REVIEW_FORMAT_H_

#include <string>

#include "schemas/common.pb.h"
#include "schemas/review.pb.h"

namespace assay::review {

std::string FormatDate(const v1::Date& date);  // "2026-01-31"
std::string FormatReviewDecision(const v1::ReviewDecision& decision);
std::string FormatTier(const v1::Tier& tier);

}  // namespace assay::review

#endif  // ASSAY_ENGINE_REVIEW_FORMAT_H_
