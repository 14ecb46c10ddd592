// Home Office offence code -> actuarial category and flags, as data.
//
// Contract:
//   - The table maps a 5-digit offence code ("02700") to its actuarial
//     category (../shared/spec/predictors.md §3.2), the OPD violence/sex flag,
//     the violent-sanction flag and the OGRS3 per-code offence parameter
//     (absent for codes the old mapping had no value for).
//   - BuiltIn() is generated at build time from scoring/data/offence_codes.csv
//     (the reference's snapshot, 3,039 codes). A caller can load a newer table
//     with the same columns (LoadCsvFile / ParseCsv); every result records the
//     table's version, so a rescored caseload can be traced to its table.
//   - Find() is O(1) (a dense index over 00000..99999) and thread-safe.
#ifndef ASSAY_SCORING_OFFENCE_TABLE_H_
#define ASSAY_SCORING_OFFENCE_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace assay::scoring {

// The reference's actuarial categories, in its enum order (§3.2).
enum class OffenceCategory : uint8_t {
  kUnknown,
  kBurglaryDomestic,
  kBurglaryOther,
  kDrunkenness,
  kDrinkDriving,
  kMotoringOffences,
  kVehicleRelatedTheft,
  kFraudAndForgery,
  kWelfareFraud,
  kDrugImportExportOrProduction,
  kDrugPossessionOrSupply,
  kViolenceAgainstThePersonAbhPlus,
  kViolenceAgainstThePersonSubAbh,
  kPublicOrderAndHarassment,
  kWeaponsNonFirearm,
  kFirearmsMostSerious,
  kFirearmsOther,
  kHandlingStolenGoods,
  kCriminalDamage,
  kAcquisitiveViolence,
  kOtherOffences,
  kAbscondingOrBail,
  kSexualAgainstChild,
  kSexualNotAgainstChild,
  kTheftNonMotor,
};
inline constexpr int kOffenceCategoryCount = 25;

// The reference's enum constant name, e.g. "PUBLIC_ORDER_AND_HARRASSMENT".
std::string_view CategoryName(OffenceCategory category);
std::optional<OffenceCategory> CategoryFromName(std::string_view name);

struct OffenceInfo {
  OffenceCategory category = OffenceCategory::kUnknown;
  bool opd_violence_sex = false;
  bool violent_sanction = false;
  std::optional<double> ogrs3_parameter;
  // The old mapping's marker NEED_DETAILS_OF_EXACT_OFFENCE (codes 08800,
  // 11100, 14100): OGRS3 cannot be scored without the exact offence.
  bool ogrs3_needs_exact_offence = false;
};

// True when `code` is exactly five ASCII digits (the reference's ^\d{5}$).
bool IsWellFormedOffenceCode(std::string_view code);

class OffenceTable {
 public:
  // The table built from scoring/data/offence_codes.csv.
  static const OffenceTable& BuiltIn();

  // CSV with header offence_code,actuarial_category,opd_violence_sex,
  // is_violent_sanction,ogrs3_offence_parameter. Errors name the line.
  // The OGRS3 column holds a decimal, nothing (no parameter) or
  // NEED_DETAILS_OF_EXACT_OFFENCE. A code may appear once.
  static absl::StatusOr<OffenceTable> ParseCsv(std::string_view contents, std::string version);
  // Version defaults to "file:<basename>".
  static absl::StatusOr<OffenceTable> LoadCsvFile(const std::string& path);

  // nullptr when the code is malformed or not in the table.
  const OffenceInfo* Find(std::string_view code) const;

  const std::string& version() const { return version_; }
  size_t size() const { return entries_.size(); }

 private:
  std::string version_;
  std::vector<OffenceInfo> entries_;
  std::vector<int32_t> index_;  // 100000 slots, -1 = absent
};

// Version string of the built-in table.
inline constexpr std::string_view kBuiltInOffenceTableVersion = "builtin:reference-stub-016919c";

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_OFFENCE_TABLE_H_
