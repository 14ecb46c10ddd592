#include "engine/io/assessment_writer.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/io/csv_row_decoder.h"
#include "engine/io/framing.h"
#include "engine/io/reference_csv.h"
#include "google/protobuf/util/json_util.h"
#include "scoring/dates.h"

namespace assay::io {
namespace {

absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string Iso(const v1::Date& d) { return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day()); }

class BinaryAssessmentEncoder final : public AssessmentEncoder {
 public:
  explicit BinaryAssessmentEncoder(framing::Framing framing) : framing_(framing) {}
  std::string Header() const override { return {}; }
  void Append(const v1::Assessment& record, std::string* out) const override {
    const size_t begin = framing::BeginFrame(framing_, out);
    record.AppendToString(out);
    framing::EndFrame(framing_, out, begin);
  }
  void AppendMalformed(const v1::Assessment& record, std::string* out) const override {
    // The ids come first on the wire; cutting the record inside a later
    // field leaves them readable and the rest unparseable.
    std::string bytes = record.SerializeAsString();
    const size_t ids = record.assessment_id().size() + record.case_reference().size() + 4;
    bytes.resize(std::min(bytes.size(), ids + 7));
    bytes.push_back('\xff');  // a truncated varint: never a valid message end
    framing::AppendFrame(framing_, bytes, out);
  }

 private:
  framing::Framing framing_;
};

class JsonLinesAssessmentEncoder final : public AssessmentEncoder {
 public:
  std::string Header() const override { return {}; }
  void Append(const v1::Assessment& record, std::string* out) const override {
    out->append(Json(record));
    out->push_back('\n');
  }
  void AppendMalformed(const v1::Assessment& record, std::string* out) const override {
    const std::string json = Json(record);
    out->append(json.substr(0, json.size() / 2));
    out->push_back('\n');
  }

 private:
  static std::string Json(const v1::Assessment& record) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(record, &json, options).ok()) json = "{}";
    return json;
  }
};

class CsvAssessmentEncoder final : public AssessmentEncoder {
 public:
  std::string Header() const override {
    std::string header;
    for (std::string_view name : kReferenceColumns) absl::StrAppend(&header, A(name), ",");
    absl::StrAppend(&header, A(kAssessmentDateColumn), ",", A(kCaseReferenceColumn), "\n");
    return header;
  }

  void Append(const v1::Assessment& r, std::string* out) const override { Row(r, false, out); }
  void AppendMalformed(const v1::Assessment& r, std::string* out) const override { Row(r, true, out); }

 private:
  static void Cell(std::string* out, std::string_view value) {
    out->append(value.data(), value.size());
    out->push_back(',');
  }
  static void Level(std::string* out, int value) {  // ProblemLevel and friends: 0/1/2, empty when unanswered
    if (value > 0) absl::StrAppend(out, value - 1);
    out->push_back(',');
  }
  static void Flag(std::string* out, bool has, bool value, const char* yes, const char* no) {
    if (has) out->append(value ? yes : no);
    out->push_back(',');
  }

  // The first-sanction date whose completed years from the date of birth
  // are the age at first sanction (the reference's harness derives the age
  // that way). Someone born on 29 February has a birthday on 1 March in
  // other years (scoring/dates.h), so that date is used there.
  static std::string FirstSanctionDate(const v1::Assessment& r) {
    const auto dob = scoring::ToCivilDay(r.date_of_birth());
    if (!dob || !r.has_age_at_first_sanction() || r.age_at_first_sanction() < 0) return {};
    scoring::CivilDay first = scoring::PlusMonths(*dob, 12 * r.age_at_first_sanction());
    if (scoring::AgeAt(*dob, first) < r.age_at_first_sanction()) first += 1;
    return Iso(scoring::ToProtoDate(first));
  }

  static void Row(const v1::Assessment& r, bool malformed, std::string* out) {
    const v1::OasysAnswers& a = r.answers();
    const bool answered = r.has_answers();
    Cell(out, r.assessment_id());
    Cell(out, r.has_date_of_birth() ? Iso(r.date_of_birth()) : "");
    Cell(out, malformed ? "X" : r.gender() == v1::MALE ? "M" : r.gender() == v1::FEMALE ? "F" : "");
    Cell(out, r.current_offence_code());
    Cell(out, r.has_total_sanctions() ? absl::StrCat(r.total_sanctions()) : "");
    Cell(out, r.has_violent_sanctions() ? absl::StrCat(r.violent_sanctions()) : "");
    Cell(out, FirstSanctionDate(r));
    Cell(out, r.has_date_of_current_conviction() ? Iso(r.date_of_current_conviction()) : "");
    Cell(out, r.has_date_at_start_of_followup() ? Iso(r.date_at_start_of_followup()) : "");
    Flag(out, answered && a.has_weapon_involved(), a.weapon_involved(), "1", "0");
    Level(out, a.accommodation_suitability());
    Flag(out, answered && a.has_unemployed(), a.unemployed(), "2", "0");
    Level(out, a.partner_relationship());
    Flag(out, answered && a.has_domestic_abuse_evidence(), a.domestic_abuse_evidence(), "1", "0");
    if (a.relationship_status() != v1::RELATIONSHIP_STATUS_UNSPECIFIED) {
      absl::StrAppend(out, static_cast<int>(a.relationship_status()));
    }
    out->push_back(',');
    Level(out, a.regular_offending_activities());
    const char* kY = "Y";
    const char* kN = "N";
    Flag(out, answered, false, kY, kN);  // amphetamines: not in the schema
    Flag(out, a.has_benzodiazepines(), a.benzodiazepines(), kY, kN);
    Flag(out, a.has_cannabis(), a.cannabis(), kY, kN);
    Flag(out, a.has_crack_cocaine(), a.crack_cocaine(), kY, kN);
    Flag(out, answered, false, kY, kN);  // ecstasy: not in the schema
    Flag(out, a.has_hallucinogens(), a.hallucinogens(), kY, kN);
    Flag(out, a.has_heroin(), a.heroin(), kY, kN);
    Flag(out, a.has_ketamine(), a.ketamine(), kY, kN);
    Flag(out, a.has_methadone(), a.methadone(), kY, kN);
    Flag(out, a.has_misused_prescription_drug(), a.misused_prescription_drug(), kY, kN);
    Flag(out, a.has_other_drugs(), a.other_drugs(), kY, kN);
    Flag(out, a.has_other_opiate(), a.other_opiate(), kY, kN);
    Flag(out, a.has_powder_cocaine(), a.powder_cocaine(), kY, kN);
    Flag(out, a.has_solvents(), a.solvents(), kY, kN);
    Flag(out, a.has_spice(), a.spice(), kY, kN);
    Flag(out, a.has_steroids(), a.steroids(), kY, kN);
    Level(out, a.drug_misuse_motivation());
    Level(out, a.current_alcohol_use());
    Level(out, a.excessive_alcohol_use());
    Level(out, a.impulsivity());
    Level(out, a.temper_control());
    Level(out, a.pro_criminal_attitudes());
    // Previous convictions, in the layout's column order.
    static constexpr v1::PreviousConviction kColumns[] = {
        v1::AGGRAVATED_BURGLARY, v1::ARSON,    v1::CRIMINAL_DAMAGE, v1::FIREARMS, v1::WOUNDING_GBH,
        v1::HOMICIDE,            v1::KIDNAPPING, v1::ROBBERY,        v1::WEAPON};
    for (const v1::PreviousConviction type : kColumns) {
      bool listed = false;
      for (const int t : r.previous_convictions().types()) listed |= t == type;
      Flag(out, r.has_previous_convictions(), listed, "1", "0");
    }
    out->append(",,,,,,");  // the six expected-probability columns
    Cell(out, r.has_assessment_date() ? Iso(r.assessment_date()) : "");
    out->append(r.case_reference());
    out->push_back('\n');
  }
};

}  // namespace

std::unique_ptr<AssessmentEncoder> AssessmentEncoder::Create(RecordFormat format,
                                                             framing::Framing framing) {
  switch (format) {
    case RecordFormat::kBinary:
      return std::make_unique<BinaryAssessmentEncoder>(framing);
    case RecordFormat::kJsonLines:
      return std::make_unique<JsonLinesAssessmentEncoder>();
    case RecordFormat::kCsv:
      return std::make_unique<CsvAssessmentEncoder>();
  }
  return nullptr;
}

}  // namespace assay::io
