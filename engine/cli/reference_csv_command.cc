// assay reference-csv: scores a CSV in the reference's regression layout
// (../shared/spec/predictors.md §13.2) the way the reference's harness does,
// one output row per input row:
//
//   id,arp_static,arp_dynamic,vrp_static,vrp_dynamic,svrp_static,svrp_dynamic,
//   arp_static_band,...,svrp_dynamic_band
//
// "static" is the result of the STATIC request (criminal history only; the
// reference's "brief"), "dynamic" that of the DYNAMIC request ("extended"),
// which may itself have fallen back to the static model, exactly as the
// reference API answers. A model that is not scored shows its first error
// type instead of the percentage and the band. A malformed row is reported on
// stderr (line and column, never the value) and shows MALFORMED_RECORD.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cli/command.h"
#include "engine/io/reference_csv.h"
#include "schemas/score.pb.h"
#include "scoring/offence_table.h"
#include "scoring/reoffending.h"

namespace assay::cli {
namespace {

constexpr char kUsage[] =
    "usage: assay reference-csv --assessment-date=YYYY-MM-DD [--offence-table=FILE] [FILE|-]\n"
    "\n"
    "Scores each row of a CSV in the reference's regression layout (columns 0-52 of\n"
    "reference_rows.csv; later columns are ignored) with ARP, VRP and SVRP, static\n"
    "and dynamic, and writes one CSV row per input row to stdout. The reference's\n"
    "regression data uses --assessment-date=2025-10-03. Reads stdin when FILE is\n"
    "absent or '-'. Exit status: 0 all rows read, 1 some rows malformed (each one\n"
    "still has an output row) or the input unreadable, 2 usage error.\n";

constexpr char kHeader[] =
    "id,arp_static,arp_dynamic,vrp_static,vrp_dynamic,svrp_static,svrp_dynamic,"
    "arp_static_band,arp_dynamic_band,vrp_static_band,vrp_dynamic_band,svrp_static_band,"
    "svrp_dynamic_band\n";

int Usage(const char* problem) {
  if (problem != nullptr) std::fprintf(stderr, "assay reference-csv: %s\n\n", problem);
  std::fputs(kUsage, stderr);
  return 2;
}

std::string ScoreCell(const v1::PredictorResult& r) {
  if (r.status() == v1::RESULT_SCORED) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.2f", r.percentage());
    return buffer;
  }
  return r.errors().empty() ? "NOT_SCORED" : v1::ErrorType_Name(r.errors(0).type());
}

std::string BandCell(const v1::PredictorResult& r) {
  if (r.status() == v1::RESULT_SCORED) return v1::RiskBand_Name(r.band());
  return ScoreCell(r);
}

// A CSV cell for an id we echo back (ids are not personal data, but may hold
// a comma or a quote).
std::string IdCell(std::string_view id) {
  if (id.find_first_of(",\"\n") == std::string_view::npos) return std::string(id);
  std::string out = "\"";
  for (char c : id) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int RunReferenceCsvCommand(CommandArgs args) {
  std::optional<v1::Date> assessment_date;
  const char* offence_table_path = nullptr;
  const char* input_path = nullptr;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg.substr(0, 18) == "--assessment-date=") {
      assessment_date = io::ParseIsoDate(arg.substr(18));
      if (!assessment_date) return Usage("--assessment-date must be a date YYYY-MM-DD");
    } else if (arg.substr(0, 16) == "--offence-table=") {
      offence_table_path = args[i] + 16;
    } else if (arg != "-" && arg.substr(0, 1) == "-") {
      return Usage("unknown option");
    } else if (input_path != nullptr) {
      return Usage("more than one input file");
    } else {
      input_path = args[i];
    }
  }
  if (!assessment_date) return Usage("--assessment-date is required");

  std::optional<scoring::OffenceTable> loaded;
  if (offence_table_path != nullptr) {
    absl::StatusOr<scoring::OffenceTable> table =
        scoring::OffenceTable::LoadCsvFile(offence_table_path);
    if (!table.ok()) {
      std::fprintf(stderr, "assay reference-csv: %s\n", std::string(table.status().message()).c_str());
      return 1;
    }
    loaded = *std::move(table);
  }
  const scoring::OffenceTable& offences = loaded ? *loaded : scoring::OffenceTable::BuiltIn();

  std::ifstream file;
  std::istream* in = &std::cin;
  if (input_path != nullptr && std::strcmp(input_path, "-") != 0) {
    file.open(input_path, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "assay reference-csv: cannot open %s\n", input_path);
      return 1;
    }
    in = &file;
  }

  std::string line;
  if (!std::getline(*in, line)) {
    std::fprintf(stderr, "assay reference-csv: the input is empty (a header line is required)\n");
    return 1;
  }
  if (const absl::Status header = io::CheckReferenceHeader(line); !header.ok()) {
    std::fprintf(stderr, "assay reference-csv: %s\n", std::string(header.message()).c_str());
    return 1;
  }

  scoring::ReoffendingOptions options;
  options.explain = false;
  std::string out = kHeader;
  uint64_t line_number = 1;
  uint64_t malformed = 0;
  std::vector<std::string> storage;
  while (std::getline(*in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    absl::StatusOr<io::ReferenceRow> row = io::ParseReferenceRow(line, line_number, *assessment_date);
    if (!row.ok()) {
      ++malformed;
      std::fprintf(stderr, "assay reference-csv: %s\n", std::string(row.status().message()).c_str());
      const std::vector<std::string_view> cells = io::SplitCsvLine(line, &storage);
      out += IdCell(cells.empty() ? std::string_view() : cells[0]);
      for (int i = 0; i < 12; ++i) out += ",MALFORMED_RECORD";
      out += '\n';
    } else {
      const v1::PredictorResult results[6] = {
          scoring::ScoreArp(row->static_request, offences, options),
          scoring::ScoreArp(row->dynamic_request, offences, options),
          scoring::ScoreVrp(row->static_request, offences, options),
          scoring::ScoreVrp(row->dynamic_request, offences, options),
          scoring::ScoreSvrp(row->static_request, offences, options),
          scoring::ScoreSvrp(row->dynamic_request, offences, options),
      };
      out += IdCell(row->id);
      for (const v1::PredictorResult& r : results) (out += ',') += ScoreCell(r);
      for (const v1::PredictorResult& r : results) (out += ',') += BandCell(r);
      out += '\n';
    }
    if (out.size() > (1u << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "assay reference-csv: cannot write the output\n");
    return 1;
  }
  if (in->bad()) {
    std::fprintf(stderr, "assay reference-csv: error reading the input\n");
    return 1;
  }
  if (malformed > 0) {
    std::fprintf(stderr, "assay reference-csv: %llu of %llu rows malformed\n",
                 static_cast<unsigned long long>(malformed),
                 static_cast<unsigned long long>(line_number - 1));
    return 1;
  }
  return 0;
}

}  // namespace assay::cli
