#include "engine/io/reference_csv.h"

#include <charconv>
#include <system_error>

#include "scoring/dates.h"

namespace assay::io {

const std::array<std::string_view, kReferenceColumnCount> kReferenceColumns = {
    "id",
    "dob",
    "gender",
    "offence_code",
    "total_sanctions_count",
    "total_violent_sanctions",
    "first_sanction_date",
    "last_sanction_date",
    "community_date",
    "two_point_two",
    "three_point_four",
    "four_point_two",
    "six_point_four",
    "six_point_seven",
    "six_point_eight",
    "seven_point_two",
    "amphetamines",
    "benzodiazipines",
    "cannabis",
    "crack_cocaine",
    "ecstasy",
    "hallucinogens",
    "heroin",
    "ketamine",
    "methadone",
    "misused_prescribed",
    "other_drugs",
    "other_opiate",
    "powder_cocaine",
    "solvents",
    "spice",
    "steroids",
    "eight_point_eight",
    "nine_point_one",
    "nine_point_two",
    "eleven_point_two",
    "eleven_point_four",
    "twelve_point_one",
    "aggravated_burglary",
    "arson",
    "criminal_damage",
    "firearms",
    "gbh",
    "homicide",
    "kidnap",
    "robbery",
    "weapons_not_firearms",
    "serious_violence_brief_predictions",
    "serious_violence_extended_predictions",
    "violence_brief_predictions",
    "violence_extended_predictions",
    "all_brief_predictions",
    "all_extended_predictions",
};

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

absl::Status CellError(uint64_t line, int column, std::string_view what) {
  std::string message = "line " + std::to_string(line) + ", column " + std::to_string(column) +
                        " (" + std::string(kReferenceColumns[column]) + "): ";
  message.append(what);
  return absl::InvalidArgumentError(message);
}

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Row reader: each accessor returns false (with *status set) on a bad cell.
class Row {
 public:
  Row(const std::vector<std::string_view>& cells, uint64_t line) : cells_(cells), line_(line) {}

  std::string_view Cell(int column) const { return cells_[column]; }
  absl::Status status() const { return status_; }

  bool Fail(int column, std::string_view what) {
    if (status_.ok()) status_ = CellError(line_, column, what);
    return false;
  }

  // Empty -> nullopt; otherwise must parse.
  std::optional<int> Int(int column) {
    if (Cell(column).empty()) return std::nullopt;
    std::optional<int> value = ParseInt(Cell(column));
    if (!value) Fail(column, "not an integer");
    return value;
  }
  std::optional<v1::Date> Date(int column) {
    if (Cell(column).empty()) return std::nullopt;
    std::optional<v1::Date> value = ParseIsoDate(Cell(column));
    if (!value) Fail(column, "not a date (YYYY-MM-DD)");
    return value;
  }
  // A coded value among `allowed` ("0", "1", ...).
  std::optional<int> Code(int column, std::initializer_list<int> allowed, std::string_view what) {
    std::optional<int> value = Int(column);
    if (!value) return std::nullopt;
    for (int a : allowed) {
      if (*value == a) return value;
    }
    Fail(column, what);
    return std::nullopt;
  }
  std::optional<bool> YesNo(int column) {
    const std::string_view c = Cell(column);
    if (c.empty()) return std::nullopt;
    if (c == "Y") return true;
    if (c == "N") return false;
    Fail(column, "must be Y or N");
    return std::nullopt;
  }

 private:
  const std::vector<std::string_view>& cells_;
  uint64_t line_;
  absl::Status status_;
};

v1::ProblemLevel Problem(int score) { return static_cast<v1::ProblemLevel>(score + 1); }

}  // namespace

std::optional<v1::Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::optional<int> year = ParseInt(text.substr(0, 4));
  const std::optional<int> month = ParseInt(text.substr(5, 2));
  const std::optional<int> day = ParseInt(text.substr(8, 2));
  if (!year || !month || !day || *year < 0) return std::nullopt;
  for (char c : text.substr(0, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  v1::Date date;
  date.set_year(*year);
  date.set_month(*month);
  date.set_day(*day);
  if (!scoring::IsValidDate(date)) return std::nullopt;
  return date;
}

std::vector<std::string_view> SplitCsvLine(std::string_view line,
                                           std::vector<std::string>* storage) {
  std::vector<std::string_view> cells;
  storage->clear();
  // Quoted cells are unescaped into *storage; reserving enough up front keeps
  // the views into it stable (a quoted cell takes at least 3 characters).
  if (line.find('"') != std::string_view::npos) storage->reserve(line.size() / 3 + 2);
  size_t pos = 0;
  for (;;) {
    size_t end = pos;
    std::string_view cell;
    // Leading spaces before an opening quote.
    size_t probe = pos;
    while (probe < line.size() && line[probe] == ' ') ++probe;
    if (probe < line.size() && line[probe] == '"') {
      std::string& unquoted = storage->emplace_back();
      size_t i = probe + 1;
      for (; i < line.size(); ++i) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            unquoted += '"';
            ++i;
          } else {
            break;
          }
        } else {
          unquoted += line[i];
        }
      }
      end = line.find(',', i);
      cell = Trim(unquoted);
    } else {
      end = line.find(',', pos);
      cell = Trim(line.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                                 : end - pos));
    }
    cells.push_back(cell);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return cells;
}

absl::Status CheckReferenceHeader(std::string_view header_line) {
  std::vector<std::string> storage;
  const std::vector<std::string_view> cells = SplitCsvLine(header_line, &storage);
  if (cells.size() < kReferenceColumnCount) {
    return absl::InvalidArgumentError("line 1: the header has " + std::to_string(cells.size()) +
                                      " columns; the reference layout needs at least 53");
  }
  for (int i = 0; i < kReferenceColumnCount; ++i) {
    // A UTF-8 byte-order mark may precede the first name.
    std::string_view name = cells[i];
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
    if (name != kReferenceColumns[i]) {
      return absl::InvalidArgumentError("line 1, column " + std::to_string(i) + ": expected '" +
                                        std::string(kReferenceColumns[i]) + "'");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ReferenceRow> ParseReferenceRow(std::string_view line, uint64_t line_number,
                                               const v1::Date& assessment_date) {
  std::vector<std::string> storage;
  const std::vector<std::string_view> cells = SplitCsvLine(line, &storage);
  if (cells.size() < kReferenceColumnCount) {
    return absl::InvalidArgumentError("line " + std::to_string(line_number) + ": " +
                                      std::to_string(cells.size()) +
                                      " columns; the reference layout needs at least 53");
  }
  Row row(cells, line_number);
  ReferenceRow out;
  out.id = std::string(row.Cell(0));
  v1::Assessment& s = out.static_request;
  s.set_assessment_id(out.id);
  *s.mutable_assessment_date() = assessment_date;

  // Columns 1-8: criminal history.
  const std::optional<v1::Date> dob = row.Date(1);
  if (dob) *s.mutable_date_of_birth() = *dob;
  const std::string_view gender = row.Cell(2);
  if (gender == "M") {
    s.set_gender(v1::MALE);
  } else if (gender == "F") {
    s.set_gender(v1::FEMALE);
  } else {
    row.Fail(2, "must be M or F");
  }
  if (!row.Cell(3).empty()) s.set_current_offence_code(std::string(row.Cell(3)));
  if (const std::optional<int> total = row.Int(4)) s.set_total_sanctions(*total);
  if (const std::optional<int> violent = row.Int(5)) s.set_violent_sanctions(*violent);
  if (const std::optional<v1::Date> first = row.Date(6)) {
    if (!dob) {
      row.Fail(6, "needs a date of birth to give an age at first sanction");
    } else {
      // Period.between(dob, first).years, as the harness computes it.
      s.set_age_at_first_sanction(scoring::AgeAt(*scoring::ToCivilDay(*dob),
                                                 *scoring::ToCivilDay(*first)));
    }
  }
  if (const std::optional<v1::Date> last = row.Date(7)) {
    *s.mutable_date_of_current_conviction() = *last;
  }
  if (const std::optional<v1::Date> community = row.Date(8)) {
    *s.mutable_date_at_start_of_followup() = *community;
  }

  // Columns 9-46: needs, for the dynamic request only.
  v1::Assessment& d = out.dynamic_request;
  d = s;
  v1::OasysAnswers* x = d.mutable_answers();
  if (const auto v = row.Code(9, {0, 1}, "must be 0 or 1")) x->set_weapon_involved(*v == 1);
  if (const auto v = row.Code(10, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_accommodation_suitability(Problem(*v));
  }
  if (const auto v = row.Code(11, {0, 2}, "unemployment must be 0 or 2")) {
    x->set_unemployed(*v == 2);
  }
  if (const auto v = row.Code(12, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_partner_relationship(Problem(*v));
  }
  if (const auto v = row.Code(13, {0, 1}, "must be 0 or 1")) {
    x->set_domestic_abuse_evidence(*v == 1);
  }
  if (const auto v = row.Code(14, {1, 2, 3}, "must be 1, 2 or 3")) {
    x->set_relationship_status(*v == 1   ? v1::IN_RELATIONSHIP_LIVING_TOGETHER
                               : *v == 2 ? v1::IN_RELATIONSHIP_NOT_LIVING_TOGETHER
                                         : v1::NOT_IN_RELATIONSHIP);
  }
  if (const auto v = row.Code(15, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_regular_offending_activities(Problem(*v));
  }
  row.YesNo(16);  // amphetamines: parsed, no API field
  if (const auto v = row.YesNo(17)) x->set_benzodiazepines(*v);
  if (const auto v = row.YesNo(18)) x->set_cannabis(*v);
  if (const auto v = row.YesNo(19)) x->set_crack_cocaine(*v);
  row.YesNo(20);  // ecstasy: parsed, no API field
  if (const auto v = row.YesNo(21)) x->set_hallucinogens(*v);
  if (const auto v = row.YesNo(22)) x->set_heroin(*v);
  if (const auto v = row.YesNo(23)) x->set_ketamine(*v);
  if (const auto v = row.YesNo(24)) x->set_methadone(*v);
  if (const auto v = row.YesNo(25)) x->set_misused_prescription_drug(*v);
  if (const auto v = row.YesNo(26)) x->set_other_drugs(*v);
  if (const auto v = row.YesNo(27)) x->set_other_opiate(*v);
  if (const auto v = row.YesNo(28)) x->set_powder_cocaine(*v);
  if (const auto v = row.YesNo(29)) x->set_solvents(*v);
  if (const auto v = row.YesNo(30)) x->set_spice(*v);
  if (const auto v = row.YesNo(31)) x->set_steroids(*v);
  if (const auto v = row.Code(32, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_drug_misuse_motivation(static_cast<v1::MotivationLevel>(*v + 1));
  }
  if (const auto v = row.Code(33, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_current_alcohol_use(Problem(*v));
  }
  if (const auto v = row.Code(34, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_excessive_alcohol_use(Problem(*v));
  }
  if (const auto v = row.Code(35, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_impulsivity(Problem(*v));
  }
  if (const auto v = row.Code(36, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_temper_control(Problem(*v));
  }
  if (const auto v = row.Code(37, {0, 1, 2}, "must be 0, 1 or 2")) {
    x->set_pro_criminal_attitudes(Problem(*v));
  }
  constexpr v1::PreviousConviction kPrevious[] = {
      v1::AGGRAVATED_BURGLARY, v1::ARSON,   v1::CRIMINAL_DAMAGE, v1::FIREARMS, v1::WOUNDING_GBH,
      v1::HOMICIDE,            v1::KIDNAPPING, v1::ROBBERY,      v1::WEAPON,
  };
  v1::PreviousConvictions* previous = d.mutable_previous_convictions();  // always a list
  for (int i = 0; i < 9; ++i) {
    if (const auto v = row.Code(38 + i, {0, 1}, "must be 0 or 1"); v && *v == 1) {
      previous->add_types(kPrevious[i]);
    }
  }

  // Columns 47-52: expected probabilities.
  for (int i = 0; i < 6; ++i) {
    const std::string_view cell = row.Cell(47 + i);
    if (cell.empty()) continue;
    out.expected[i] = ParseDouble(cell);
    if (!out.expected[i]) row.Fail(47 + i, "not a number");
  }
  if (!row.status().ok()) return row.status();
  return out;
}

}  // namespace assay::io
