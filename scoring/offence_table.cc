#include "scoring/offence_table.h"

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace assay::scoring {

// Defined in the .cc that //scoring:offence_codes_builtin_cc generates from
// scoring/data/offence_codes.csv at build time.
std::string_view BuiltInOffenceCodesCsv();

namespace {

constexpr std::array<std::string_view, kOffenceCategoryCount> kCategoryNames = {
    "UNKNOWN",
    "BURGLARY_DOMESTIC",
    "BURGLARY_OTHER",
    "DRUNKENNESS",
    "DRINK_DRIVING",
    "MOTORING_OFFENCES",
    "VEHICLE_RELATED_THEFT",
    "FRAUD_AND_FORGERY",
    "WELFARE_FRAUD",
    "DRUG_IMPORT_EXPORT_OR_PRODUCTION",
    "DRUG_POSSESSION_OR_SUPPLY",
    "VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS",
    "VIOLENCE_AGAINST_THE_PERSON_SUB_ABH",
    // Reference quirk 18: the reference's spelling.
    "PUBLIC_ORDER_AND_HARRASSMENT",
    "WEAPONS_NON_FIREARM",
    "FIREARMS_MOST_SERIOUS",
    "FIREARMS_OTHER",
    "HANDLING_STOLEN_GOODS",
    "CRIMINAL_DAMAGE",
    "ACQUISITIVE_VIOLENCE",
    "OTHER_OFFENCES",
    "ABSCONDING_OR_BAIL",
    "SEXUAL_AGAINST_CHILD",
    "SEXUAL_NOT_AGAINST_CHILD",
    "THEFT_NON_MOTOR",
};

constexpr std::string_view kHeader =
    "offence_code,actuarial_category,opd_violence_sex,is_violent_sanction,ogrs3_offence_parameter";
constexpr std::string_view kNeedDetails = "NEED_DETAILS_OF_EXACT_OFFENCE";
constexpr int kIndexSize = 100000;

int CodeIndex(std::string_view code) {
  int value = 0;
  for (char c : code) value = value * 10 + (c - '0');
  return value;
}

absl::Status LineError(int line, std::string_view what) {
  std::string message = "offence table line " + std::to_string(line) + ": ";
  message.append(what);
  return absl::InvalidArgumentError(message);
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

}  // namespace

std::string_view CategoryName(OffenceCategory category) {
  const auto index = static_cast<size_t>(category);
  return index < kCategoryNames.size() ? kCategoryNames[index] : std::string_view("UNKNOWN");
}

std::optional<OffenceCategory> CategoryFromName(std::string_view name) {
  for (size_t i = 0; i < kCategoryNames.size(); ++i) {
    if (kCategoryNames[i] == name) return static_cast<OffenceCategory>(i);
  }
  return std::nullopt;
}

bool IsWellFormedOffenceCode(std::string_view code) {
  if (code.size() != 5) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

absl::StatusOr<OffenceTable> OffenceTable::ParseCsv(std::string_view contents,
                                                     std::string version) {
  OffenceTable table;
  table.version_ = std::move(version);
  table.index_.assign(kIndexSize, -1);

  int line_number = 0;
  bool saw_header = false;
  while (!contents.empty()) {
    const size_t end = contents.find('\n');
    std::string_view line = contents.substr(0, end);
    contents.remove_prefix(end == std::string_view::npos ? contents.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!saw_header) {
      if (line != kHeader) {
        return LineError(line_number, "expected the header " + std::string(kHeader));
      }
      saw_header = true;
      continue;
    }

    std::array<std::string_view, 5> cells;
    size_t cell_count = 0;
    for (;;) {
      const size_t comma = line.find(',');
      if (cell_count == cells.size()) {
        return LineError(line_number, "expected 5 columns");
      }
      cells[cell_count++] = line.substr(0, comma);
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
    if (cell_count != cells.size()) return LineError(line_number, "expected 5 columns");

    if (!IsWellFormedOffenceCode(cells[0])) {
      return LineError(line_number, "offence_code must be 5 digits");
    }
    const int slot = CodeIndex(cells[0]);
    if (table.index_[slot] != -1) return LineError(line_number, "duplicate offence_code");

    OffenceInfo info;
    const std::optional<OffenceCategory> category = CategoryFromName(cells[1]);
    if (!category) return LineError(line_number, "unknown actuarial_category");
    info.category = *category;
    const std::optional<bool> opd = ParseBool(cells[2]);
    const std::optional<bool> violent = ParseBool(cells[3]);
    if (!opd) return LineError(line_number, "opd_violence_sex must be true or false");
    if (!violent) return LineError(line_number, "is_violent_sanction must be true or false");
    info.opd_violence_sex = *opd;
    info.violent_sanction = *violent;
    if (cells[4] == kNeedDetails) {
      info.ogrs3_needs_exact_offence = true;
    } else if (!cells[4].empty()) {
      double parameter = 0;
      const char* first = cells[4].data();
      const char* last = first + cells[4].size();
      const auto [ptr, ec] = std::from_chars(first, last, parameter);
      if (ec != std::errc() || ptr != last) {
        return LineError(line_number, "ogrs3_offence_parameter must be a number, empty or " +
                                          std::string(kNeedDetails));
      }
      info.ogrs3_parameter = parameter;
    }
    table.index_[slot] = static_cast<int32_t>(table.entries_.size());
    table.entries_.push_back(info);
  }
  if (!saw_header) return LineError(line_number, "empty table");
  return table;
}

absl::StatusOr<OffenceTable> OffenceTable::LoadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open offence table ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read offence table ", path));
  const size_t slash = path.find_last_of('/');
  std::string basename = slash == std::string::npos ? path : path.substr(slash + 1);
  absl::StatusOr<OffenceTable> table = ParseCsv(buffer.str(), "file:" + basename);
  if (!table.ok()) {
    return absl::Status(table.status().code(),
                        path + ": " + std::string(table.status().message()));
  }
  return table;
}

const OffenceTable& OffenceTable::BuiltIn() {
  // Parsed once, on first use; C++ guarantees thread-safe initialisation.
  // offence_table_test proves the generated text parses, so the fallback
  // (an empty table under which every code is OFFENCE_CODE_MAPPING_NOT_FOUND,
  // never a crash) is unreachable in a tested build.
  static const OffenceTable* const table = [] {
    absl::StatusOr<OffenceTable> parsed =
        ParseCsv(BuiltInOffenceCodesCsv(), std::string(kBuiltInOffenceTableVersion));
    if (parsed.ok()) return new OffenceTable(*std::move(parsed));
    auto* empty = new OffenceTable();
    empty->version_ = "builtin:unparseable";
    empty->index_.assign(kIndexSize, -1);
    return empty;
  }();
  return *table;
}

const OffenceInfo* OffenceTable::Find(std::string_view code) const {
  if (!IsWellFormedOffenceCode(code) || index_.empty()) return nullptr;
  const int32_t entry = index_[CodeIndex(code)];
  return entry < 0 ? nullptr : &entries_[entry];
}

}  // namespace assay::scoring
