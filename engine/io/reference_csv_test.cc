#include "engine/io/reference_csv.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assay::io {
namespace {

std::string Header() {
  std::string header;
  for (std::string_view name : kReferenceColumns) {
    if (!header.empty()) header += ',';
    header += name;
  }
  return header + ",aai,row_type,1.1_modified";
}

// Historical row 0 of the reference file (§15 B), cells 0..52 plus extras.
constexpr char kRow0[] =
    "0,1970-06-07,M,07111,2,2,1988-06-07,1997-06-07,1998-05-18,1,1,0,2,1,2,0,N,N,N,N,N,N,N,N,N,N,"
    "N,N,N,N,N,N,2,0,0,1,2,0,0,0,0,0,0,0,0,0,0,0.0015976414533739503,0.001765502721983633,"
    "0.00945711788345216,0.017086700738903098,0.05373699777470424,0.09202132365304101,27,edge,";

v1::Date AssessmentDate() {
  v1::Date d;
  d.set_year(2025);
  d.set_month(10);
  d.set_day(3);
  return d;
}

std::vector<std::string> Cells(std::string_view row) {
  std::vector<std::string> storage;
  std::vector<std::string> out;
  for (std::string_view c : SplitCsvLine(row, &storage)) out.emplace_back(c);
  return out;
}

std::string WithCell(int column, std::string_view value) {
  std::vector<std::string> cells = Cells(kRow0);
  cells[column] = std::string(value);
  std::string row;
  for (size_t i = 0; i < cells.size(); ++i) row += (i ? "," : "") + cells[i];
  return row;
}

TEST(ReferenceCsvTest, HeaderOfTheReferenceFile) {
  EXPECT_TRUE(CheckReferenceHeader(Header()).ok());
  EXPECT_TRUE(CheckReferenceHeader("\xEF\xBB\xBF" + Header()).ok());
  const absl::Status short_header = CheckReferenceHeader("id,dob,gender");
  EXPECT_FALSE(short_header.ok());
  std::string renamed = Header();
  renamed.replace(renamed.find("heroin"), 6, "herion");
  const absl::Status bad = CheckReferenceHeader(renamed);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("column 22"), std::string_view::npos) << bad;
}

TEST(ReferenceCsvTest, StaticAndDynamicRequests) {
  absl::StatusOr<ReferenceRow> row = ParseReferenceRow(kRow0, 2, AssessmentDate());
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ(row->id, "0");
  const v1::Assessment& s = row->static_request;
  EXPECT_EQ(s.assessment_id(), "0");
  EXPECT_EQ(s.assessment_date().year(), 2025);
  EXPECT_EQ(s.date_of_birth().year(), 1970);
  EXPECT_EQ(s.gender(), v1::MALE);
  EXPECT_EQ(s.current_offence_code(), "07111");
  EXPECT_EQ(s.total_sanctions(), 2);
  EXPECT_EQ(s.violent_sanctions(), 2);
  EXPECT_EQ(s.age_at_first_sanction(), 18);  // 1970-06-07 -> 1988-06-07
  EXPECT_EQ(s.date_of_current_conviction().year(), 1997);
  EXPECT_EQ(s.date_at_start_of_followup().month(), 5);
  // The static request holds criminal history only.
  EXPECT_FALSE(s.has_answers());
  EXPECT_FALSE(s.has_previous_convictions());

  const v1::Assessment& d = row->dynamic_request;
  EXPECT_EQ(d.total_sanctions(), 2);
  EXPECT_TRUE(d.answers().weapon_involved());
  EXPECT_EQ(d.answers().accommodation_suitability(), v1::SOME_PROBLEMS);
  EXPECT_FALSE(d.answers().unemployed());
  EXPECT_EQ(d.answers().partner_relationship(), v1::SIGNIFICANT_PROBLEMS);
  EXPECT_TRUE(d.answers().domestic_abuse_evidence());
  EXPECT_EQ(d.answers().relationship_status(), v1::IN_RELATIONSHIP_NOT_LIVING_TOGETHER);
  EXPECT_EQ(d.answers().regular_offending_activities(), v1::NO_PROBLEMS);
  EXPECT_TRUE(d.answers().has_heroin());
  EXPECT_FALSE(d.answers().heroin());
  EXPECT_EQ(d.answers().drug_misuse_motivation(), v1::NO_MOTIVATION);
  EXPECT_EQ(d.answers().impulsivity(), v1::SOME_PROBLEMS);
  EXPECT_EQ(d.answers().temper_control(), v1::SIGNIFICANT_PROBLEMS);
  EXPECT_EQ(d.answers().pro_criminal_attitudes(), v1::NO_PROBLEMS);
  // Always a list, here empty.
  EXPECT_TRUE(d.has_previous_convictions());
  EXPECT_EQ(d.previous_convictions().types_size(), 0);

  ASSERT_TRUE(row->expected[kArpStaticExpected].has_value());
  EXPECT_EQ(*row->expected[kArpStaticExpected], 0.05373699777470424);
  EXPECT_EQ(*row->expected[kSvrpStaticExpected], 0.0015976414533739503);
}

TEST(ReferenceCsvTest, PreviousConvictionsAndDrugs) {
  std::string row = WithCell(42, "1");  // gbh
  row = std::string(row);
  std::vector<std::string> cells = Cells(row);
  cells[43] = "1";  // homicide
  cells[19] = "Y";  // crack
  cells[14] = "1";  // living together
  cells[11] = "2";  // unemployed
  std::string joined;
  for (size_t i = 0; i < cells.size(); ++i) joined += (i ? "," : "") + cells[i];
  absl::StatusOr<ReferenceRow> parsed = ParseReferenceRow(joined, 3, AssessmentDate());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const v1::Assessment& d = parsed->dynamic_request;
  ASSERT_EQ(d.previous_convictions().types_size(), 2);
  EXPECT_EQ(d.previous_convictions().types(0), v1::WOUNDING_GBH);
  EXPECT_EQ(d.previous_convictions().types(1), v1::HOMICIDE);
  EXPECT_TRUE(d.answers().crack_cocaine());
  EXPECT_EQ(d.answers().relationship_status(), v1::IN_RELATIONSHIP_LIVING_TOGETHER);
  EXPECT_TRUE(d.answers().unemployed());
}

TEST(ReferenceCsvTest, EmptyCellsAreNull) {
  std::vector<std::string> cells = Cells(kRow0);
  for (int column : {3, 5, 8, 10, 22, 32, 47}) cells[column] = "";
  std::string joined;
  for (size_t i = 0; i < cells.size(); ++i) joined += (i ? "," : "") + cells[i];
  absl::StatusOr<ReferenceRow> parsed = ParseReferenceRow(joined, 2, AssessmentDate());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->static_request.current_offence_code().empty());
  EXPECT_FALSE(parsed->static_request.has_violent_sanctions());
  EXPECT_FALSE(parsed->static_request.has_date_at_start_of_followup());
  EXPECT_EQ(parsed->dynamic_request.answers().accommodation_suitability(),
            v1::PROBLEM_LEVEL_UNSPECIFIED);
  EXPECT_FALSE(parsed->dynamic_request.answers().has_heroin());
  EXPECT_EQ(parsed->dynamic_request.answers().drug_misuse_motivation(),
            v1::MOTIVATION_LEVEL_UNSPECIFIED);
  EXPECT_FALSE(parsed->expected[kSvrpStaticExpected].has_value());
}

TEST(ReferenceCsvTest, QuotedAndPaddedCells) {
  std::vector<std::string> storage;
  const std::vector<std::string_view> cells = SplitCsvLine(R"( a ,"b,c", "d""e" ,)", &storage);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0], "a");
  EXPECT_EQ(cells[1], "b,c");
  EXPECT_EQ(cells[2], "d\"e");
  EXPECT_EQ(cells[3], "");
}

TEST(ReferenceCsvTest, MalformedCellsNameLineAndColumn) {
  struct Case {
    int column;
    const char* value;
  };
  for (const Case& c : std::vector<Case>{
           {1, "1970-13-07"},
           {1, "07/06/1970"},
           {2, "X"},
           {4, "two"},
           {6, "1988-02-30"},
           {9, "2"},
           {11, "1"},  // 4.2 = 1: the harness throws ("Unemployment must be 0 or 2")
           {14, "0"},  // 6.8 = 0
           {17, "y"},
           {38, "2"},
           {51, "abc"},
       }) {
    const absl::StatusOr<ReferenceRow> row =
        ParseReferenceRow(WithCell(c.column, c.value), 7, AssessmentDate());
    ASSERT_FALSE(row.ok()) << c.column << "=" << c.value;
    const std::string expected = "line 7, column " + std::to_string(c.column) + " (" +
                                 std::string(kReferenceColumns[c.column]) + ")";
    EXPECT_NE(row.status().message().find(expected), std::string_view::npos) << row.status();
    // Never echoes the value (short values would match the column number).
    if (std::string_view(c.value).size() >= 3) {
      EXPECT_EQ(row.status().message().find(c.value), std::string_view::npos) << row.status();
    }
  }
  const absl::StatusOr<ReferenceRow> short_row = ParseReferenceRow("1,2,3", 9, AssessmentDate());
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("line 9"), std::string_view::npos);
}

TEST(ReferenceCsvTest, IsoDates) {
  EXPECT_TRUE(ParseIsoDate("2000-02-29").has_value());
  EXPECT_FALSE(ParseIsoDate("2001-02-29").has_value());
  EXPECT_FALSE(ParseIsoDate("2001-2-09").has_value());
  EXPECT_FALSE(ParseIsoDate("+001-02-09").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
}

}  // namespace
}  // namespace assay::io
