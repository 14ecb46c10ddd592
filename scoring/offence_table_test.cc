#include "scoring/offence_table.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

constexpr char kHeader[] =
    "offence_code,actuarial_category,opd_violence_sex,is_violent_sanction,ogrs3_offence_parameter\n";

TEST(OffenceTableTest, BuiltInHasTheReferenceSnapshot) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  EXPECT_EQ(table.size(), 3039u);
  EXPECT_EQ(table.version(), "builtin:reference-stub-016919c");
  EXPECT_EQ(table.version(), kBuiltInOffenceTableVersion);
}

TEST(OffenceTableTest, BuiltInCategoryCountsMatchSpecSection33) {
  // predictors.md §3.3: codes, isViolentSanction=true, opdViolenceSex=true.
  const std::map<std::string_view, std::array<int, 3>> expected = {
      {"UNKNOWN", {2, 0, 1}},
      {"BURGLARY_DOMESTIC", {4, 0, 0}},
      {"BURGLARY_OTHER", {8, 0, 0}},
      {"DRUNKENNESS", {19, 18, 0}},
      {"DRINK_DRIVING", {17, 0, 0}},
      {"MOTORING_OFFENCES", {140, 0, 4}},
      {"VEHICLE_RELATED_THEFT", {16, 0, 0}},
      {"FRAUD_AND_FORGERY", {236, 0, 0}},
      {"WELFARE_FRAUD", {17, 0, 0}},
      {"DRUG_IMPORT_EXPORT_OR_PRODUCTION", {67, 0, 0}},
      {"DRUG_POSSESSION_OR_SUPPLY", {141, 0, 0}},
      {"VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS", {135, 132, 120}},
      {"VIOLENCE_AGAINST_THE_PERSON_SUB_ABH", {65, 65, 41}},
      {"PUBLIC_ORDER_AND_HARRASSMENT", {231, 224, 22}},
      {"WEAPONS_NON_FIREARM", {27, 27, 12}},
      {"FIREARMS_MOST_SERIOUS", {17, 16, 17}},
      {"FIREARMS_OTHER", {120, 120, 84}},
      {"HANDLING_STOLEN_GOODS", {19, 0, 0}},
      {"CRIMINAL_DAMAGE", {27, 25, 1}},
      {"ACQUISITIVE_VIOLENCE", {7, 7, 3}},
      {"OTHER_OFFENCES", {1426, 0, 9}},
      {"ABSCONDING_OR_BAIL", {16, 0, 0}},
      {"SEXUAL_AGAINST_CHILD", {158, 0, 157}},
      {"SEXUAL_NOT_AGAINST_CHILD", {106, 0, 96}},
      {"THEFT_NON_MOTOR", {18, 0, 0}},
  };
  std::map<std::string_view, std::array<int, 3>> counted;
  const OffenceTable& table = OffenceTable::BuiltIn();
  char code[16] = {};
  for (int i = 0; i < 100000; ++i) {
    std::snprintf(code, sizeof(code), "%05d", i);
    const OffenceInfo* info = table.Find(code);
    if (info == nullptr) continue;
    auto& row = counted[CategoryName(info->category)];
    ++row[0];
    row[1] += info->violent_sanction;
    row[2] += info->opd_violence_sex;
  }
  EXPECT_EQ(counted, expected);
}

TEST(OffenceTableTest, FindsCodesFromTheSpec) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  struct Case {
    const char* code;
    OffenceCategory category;
  };
  for (const Case& c : std::vector<Case>{
           {"00100", OffenceCategory::kViolenceAgainstThePersonAbhPlus},
           {"00101", OffenceCategory::kViolenceAgainstThePersonAbhPlus},
           {"10900", OffenceCategory::kViolenceAgainstThePersonAbhPlus},
           {"14105", OffenceCategory::kDrunkenness},
           {"14100", OffenceCategory::kDrunkenness},
           {"01900", OffenceCategory::kSexualNotAgainstChild},
           {"07111", OffenceCategory::kSexualAgainstChild},
           {"02700", OffenceCategory::kOtherOffences},
           {"08800", OffenceCategory::kSexualNotAgainstChild},
           {"11100", OffenceCategory::kOtherOffences},
           {"00000", OffenceCategory::kUnknown},
       }) {
    const OffenceInfo* info = table.Find(c.code);
    ASSERT_NE(info, nullptr) << c.code;
    EXPECT_EQ(info->category, c.category) << c.code;
  }
}

TEST(OffenceTableTest, Ogrs3Parameters) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  const OffenceInfo* soliciting = table.Find("02700");
  ASSERT_NE(soliciting, nullptr);
  ASSERT_TRUE(soliciting->ogrs3_parameter.has_value());
  EXPECT_EQ(*soliciting->ogrs3_parameter, 0.7606);
  EXPECT_FALSE(soliciting->ogrs3_needs_exact_offence);

  const OffenceInfo* other = table.Find("11618");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->ogrs3_parameter, -0.0607);

  for (const char* code : {"08800", "11100", "14100"}) {
    const OffenceInfo* info = table.Find(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_TRUE(info->ogrs3_needs_exact_offence) << code;
    EXPECT_FALSE(info->ogrs3_parameter.has_value()) << code;
  }
  for (const char* code : {"95000", "99955"}) {
    const OffenceInfo* info = table.Find(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_FALSE(info->ogrs3_needs_exact_offence) << code;
    EXPECT_FALSE(info->ogrs3_parameter.has_value()) << code;
  }
}

TEST(OffenceTableTest, MalformedAndAbsentCodesAreNotFound) {
  const OffenceTable& table = OffenceTable::BuiltIn();
  for (const char* code : {"", "0270", "027000", "02a00", " 2700", "-2700", "99999"}) {
    EXPECT_EQ(table.Find(code), nullptr) << "'" << code << "'";
  }
}

TEST(OffenceTableTest, WellFormedCodes) {
  EXPECT_TRUE(IsWellFormedOffenceCode("00000"));
  EXPECT_TRUE(IsWellFormedOffenceCode("99999"));
  EXPECT_FALSE(IsWellFormedOffenceCode("1234"));
  EXPECT_FALSE(IsWellFormedOffenceCode("123456"));
  EXPECT_FALSE(IsWellFormedOffenceCode("12 45"));
  // \d in Java's regex is ASCII only.
  EXPECT_FALSE(IsWellFormedOffenceCode("1234\xd9"));
}

TEST(OffenceTableTest, CategoryNamesRoundTrip) {
  for (int i = 0; i < kOffenceCategoryCount; ++i) {
    const auto category = static_cast<OffenceCategory>(i);
    EXPECT_EQ(CategoryFromName(CategoryName(category)), category);
  }
  EXPECT_EQ(CategoryName(OffenceCategory::kPublicOrderAndHarassment),
            "PUBLIC_ORDER_AND_HARRASSMENT");
  EXPECT_EQ(CategoryFromName("NEED_DETAILS_OF_EXACT_OFFENCE"), std::nullopt);
}

TEST(OffenceTableTest, ParsesACallerTable) {
  const std::string csv = std::string(kHeader) +
                          "02700,THEFT_NON_MOTOR,false,true,0.5\r\n"
                          "12345,OTHER_OFFENCES,true,false,\n"
                          "\n";
  absl::StatusOr<OffenceTable> table = OffenceTable::ParseCsv(csv, "test:v2");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->version(), "test:v2");
  EXPECT_EQ(table->size(), 2u);
  const OffenceInfo* info = table->Find("02700");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->category, OffenceCategory::kTheftNonMotor);
  EXPECT_TRUE(info->violent_sanction);
  EXPECT_FALSE(info->opd_violence_sex);
  EXPECT_EQ(info->ogrs3_parameter, 0.5);
  EXPECT_EQ(table->Find("00100"), nullptr);
}

TEST(OffenceTableTest, RejectsMalformedTablesNamingTheLine) {
  struct Case {
    std::string csv;
    std::string message_part;
  };
  const std::string h = kHeader;
  for (const Case& c : std::vector<Case>{
           {"", "line 0: empty table"},
           {"code,category\n", "line 1: expected the header"},
           {h + "0270,OTHER_OFFENCES,false,false,\n", "line 2: offence_code must be 5 digits"},
           {h + "02700,OTHER,false,false,\n", "line 2: unknown actuarial_category"},
           {h + "02700,OTHER_OFFENCES,yes,false,\n", "line 2: opd_violence_sex"},
           {h + "02700,OTHER_OFFENCES,false,1,\n", "line 2: is_violent_sanction"},
           {h + "02700,OTHER_OFFENCES,false,false,abc\n", "line 2: ogrs3_offence_parameter"},
           {h + "02700,OTHER_OFFENCES,false,false,0.1x\n", "line 2: ogrs3_offence_parameter"},
           {h + "02700,OTHER_OFFENCES,false,false\n", "line 2: expected 5 columns"},
           {h + "02700,OTHER_OFFENCES,false,false,,\n", "line 2: expected 5 columns"},
           {h + "02700,OTHER_OFFENCES,false,false,\n02700,OTHER_OFFENCES,false,false,\n",
            "line 3: duplicate offence_code"},
       }) {
    absl::StatusOr<OffenceTable> table = OffenceTable::ParseCsv(c.csv, "test");
    ASSERT_FALSE(table.ok()) << c.csv;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(table.status().message()).find(c.message_part), std::string::npos)
        << table.status() << " / expected: " << c.message_part;
  }
}

TEST(OffenceTableTest, LoadsAFileAndNamesItsVersion) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(tmp != nullptr ? tmp : "/tmp") + "/offences-2027.csv";
  {
    std::ofstream out(path);
    out << kHeader << "02700,OTHER_OFFENCES,false,false,0.7606\n";
  }
  absl::StatusOr<OffenceTable> table = OffenceTable::LoadCsvFile(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->version(), "file:offences-2027.csv");
  EXPECT_NE(table->Find("02700"), nullptr);

  absl::StatusOr<OffenceTable> missing = OffenceTable::LoadCsvFile(path + ".absent");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST(OffenceTableTest, BuiltInIsSafeToInitialiseConcurrently) {
  std::vector<const OffenceTable*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &OffenceTable::BuiltIn(); });
  }
  for (std::thread& t : threads) t.join();
  for (const OffenceTable* table : seen) EXPECT_EQ(table, seen[0]);
}

}  // namespace
}  // namespace assay::scoring
