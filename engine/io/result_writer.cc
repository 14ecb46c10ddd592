#include "engine/io/result_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/io/input_stream.h"
#include "google/protobuf/util/json_util.h"

namespace assay::io {
namespace {

constexpr PredictorField kV4[] = {
    {v1::ARP, "ARP", "arp", &v1::ScoreSet::has_arp, &v1::ScoreSet::arp},
    {v1::VRP, "VRP", "vrp", &v1::ScoreSet::has_vrp, &v1::ScoreSet::vrp},
    {v1::SVRP, "SVRP", "svrp", &v1::ScoreSet::has_svrp, &v1::ScoreSet::svrp},
    {v1::DC_SRP, "DC-SRP", "dc_srp", &v1::ScoreSet::has_dc_srp, &v1::ScoreSet::dc_srp},
    {v1::IIC_SRP, "IIC-SRP", "iic_srp", &v1::ScoreSet::has_iic_srp, &v1::ScoreSet::iic_srp},
    {v1::CSRP, "CSRP", "csrp", &v1::ScoreSet::has_csrp, &v1::ScoreSet::csrp},
};
constexpr PredictorField kOgrs3 = {v1::OGRS3, "OGRS3", "ogrs3", &v1::ScoreSet::has_ogrs3, &v1::ScoreSet::ogrs3};
constexpr PredictorField kLegacy[] = {
    {v1::OGP, "OGP", "ogp", &v1::ScoreSet::has_ogp, &v1::ScoreSet::ogp},
    {v1::OVP, "OVP", "ovp", &v1::ScoreSet::has_ovp, &v1::ScoreSet::ovp},
    {v1::OSP_DC, "OSP/DC", "osp_dc", &v1::ScoreSet::has_osp_dc, &v1::ScoreSet::osp_dc},
    {v1::OSP_IIC, "OSP/IIC", "osp_iic", &v1::ScoreSet::has_osp_iic, &v1::ScoreSet::osp_iic},
    {v1::SNSV, "SNSV", "snsv", &v1::ScoreSet::has_snsv, &v1::ScoreSet::snsv},
    {v1::RSR, "RSR", "rsr", &v1::ScoreSet::has_rsr, &v1::ScoreSet::rsr},
};

// Abseil here has its own string_view type (not std::string_view).
absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool HasV4(v1::ModelSet set) { return set != v1::LEGACY; }
bool HasLegacy(v1::ModelSet set) { return set == v1::LEGACY || set == v1::BOTH; }

// Quotes a CSV cell when it needs it (RFC 4180).
void AppendCell(std::string_view value, std::string* out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (const char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string_view StripPrefix(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return name;
}

template <typename Errors>
std::string ErrorTypes(const Errors& errors) {
  std::string joined;
  for (const v1::ValidationError& error : errors) {
    if (!joined.empty()) joined.push_back(';');
    joined.append(v1::ErrorType_Name(error.type()));
  }
  return joined;
}

class BinaryResultEncoder final : public ResultEncoder {
 public:
  std::string Header() const override { return {}; }
  void Append(const v1::RecordResult& result, std::string* out) const override {
    const size_t size = result.ByteSizeLong();
    AppendVarint(size, out);
    const size_t at = out->size();
    out->resize(at + size);
    result.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(out->data() + at));
  }
};

class JsonLinesResultEncoder final : public ResultEncoder {
 public:
  std::string Header() const override { return {}; }
  void Append(const v1::RecordResult& result, std::string* out) const override {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    // Serialising a valid message cannot fail; a failure would leave an
    // empty object, which still keeps one line per record.
    if (!google::protobuf::util::MessageToJsonString(result, &json, options).ok()) json = "{}";
    out->append(json);
    out->push_back('\n');
  }
};

class CsvResultEncoder final : public ResultEncoder {
 public:
  explicit CsvResultEncoder(v1::ModelSet model_set) : model_set_(model_set), predictors_(PredictorsOf(model_set)) {}

  std::string Header() const override {
    std::string header = "index,assessment_id,case_reference,record_status,error_type,error_fields";
    for (const PredictorField& p : predictors_) {
      absl::StrAppend(&header, ",", A(p.column), "_status,", A(p.column), "_type,", A(p.column), "_percentage,",
                      A(p.column), "_band,", A(p.column), "_errors");
    }
    if (HasV4(model_set_)) header.append(",mst_flag,opd_result,pni_pathway,lds_score");
    header.append(
        ",overall_rosh,review_mode,interval_source,proposed_due,effective_due,overdue_days,"
        "assessment_out_of_date,practitioner_decision,review_errors,tier,tier_provisional\n");
    return header;
  }

  void Append(const v1::RecordResult& r, std::string* out) const override {
    absl::StrAppend(out, r.index(), ",");
    AppendCell(r.assessment_id(), out);
    out->push_back(',');
    AppendCell(r.case_reference(), out);
    if (r.has_error()) {
      absl::StrAppend(out, ",ERROR,", v1::ErrorType_Name(r.error().type()), ",");
      std::string fields;
      for (const std::string& f : r.error().fields()) absl::StrAppend(&fields, fields.empty() ? "" : ";", f);
      AppendCell(fields, out);
      // Every other column is empty.
      const size_t empty = predictors_.size() * 5 + (HasV4(model_set_) ? 4 : 0) + 11;
      out->append(empty, ',');
      out->push_back('\n');
      return;
    }
    out->append(",SCORED,,");
    const v1::ScoreSet& s = r.scores();
    for (const PredictorField& p : predictors_) {
      if (!(s.*p.has)()) {
        out->append(",,,,,");
        continue;
      }
      const v1::PredictorResult& pr = (s.*p.get)();
      absl::StrAppend(out, ",", A(StripPrefix(v1::ResultStatus_Name(pr.status()), "RESULT_")), ",",
                      pr.type() == v1::MODEL_TYPE_UNSPECIFIED ? "" : v1::ModelType_Name(pr.type()), ",");
      if (pr.status() == v1::RESULT_SCORED) absl::StrAppend(out, absl::StrFormat("%.2f", pr.percentage()));
      absl::StrAppend(out, ",", pr.band() == v1::RISK_BAND_UNSPECIFIED ? "" : v1::RiskBand_Name(pr.band()), ",",
                      ErrorTypes(pr.errors()));
    }
    if (HasV4(model_set_)) {
      out->push_back(',');
      if (s.has_mst() && s.mst().applicable()) out->append(s.mst().maturity_flag() ? "true" : "false");
      out->push_back(',');
      if (s.has_opd() && s.opd().outcome() != v1::OPD_OUTCOME_UNSPECIFIED) {
        out->append(v1::OpdOutcome_Name(s.opd().outcome()));
      }
      out->push_back(',');
      if (s.has_pni() && s.pni().pathway() != v1::PNI_PATHWAY_UNSPECIFIED) {
        out->append(StripPrefix(v1::PniPathway_Name(s.pni().pathway()), "PNI_"));
      }
      out->push_back(',');
      if (s.has_lds() && s.lds().has_lds_score()) absl::StrAppend(out, s.lds().lds_score());
    }
    const v1::ReviewDecision& d = r.review();
    const bool decided = r.has_review() && d.mode() != v1::REVIEW_MODE_UNSPECIFIED;
    out->push_back(',');
    if (r.has_review() && d.basis().overall_rosh() != v1::RISK_BAND_UNSPECIFIED) {
      out->append(v1::RiskBand_Name(d.basis().overall_rosh()));
    }
    out->push_back(',');
    if (decided) out->append(v1::ReviewMode_Name(d.mode()));
    out->push_back(',');
    if (decided) AppendCell(d.basis().interval_source(), out);
    absl::StrAppend(out, ",", decided ? FormatDate(d.proposed_due()) : "", ",",
                    decided ? FormatDate(d.effective_due()) : "", ",");
    if (decided) absl::StrAppend(out, d.overdue_days(), ",", d.assessment_out_of_date() ? "true" : "false");
    else out->push_back(',');
    out->push_back(',');
    if (decided && d.has_practitioner()) out->append(d.practitioner().accepted() ? "ACCEPTED" : "REJECTED");
    out->push_back(',');
    if (r.has_review()) {
      std::string errors = ErrorTypes(d.errors());
      if (d.has_practitioner()) {
        const std::string rejected = ErrorTypes(d.practitioner().errors());
        if (!rejected.empty()) absl::StrAppend(&errors, errors.empty() ? "" : ";", rejected);
      }
      out->append(errors);
    }
    out->push_back(',');
    if (r.has_tier() && r.tier().level() != v1::TIER_UNSPECIFIED) {
      out->append(StripPrefix(v1::TierLevel_Name(r.tier().level()), "TIER_"));
      absl::StrAppend(out, ",", r.tier().provisional() ? "true" : "false");
    } else {
      out->push_back(',');
    }
    out->push_back('\n');
  }

 private:
  v1::ModelSet model_set_;
  std::vector<PredictorField> predictors_;
};

}  // namespace

std::vector<PredictorField> PredictorsOf(v1::ModelSet model_set) {
  std::vector<PredictorField> fields;
  if (HasV4(model_set)) fields.assign(std::begin(kV4), std::end(kV4));
  fields.push_back(kOgrs3);
  if (HasLegacy(model_set)) fields.insert(fields.end(), std::begin(kLegacy), std::end(kLegacy));
  return fields;
}

std::string_view BandName(v1::RiskBand band) {
  switch (band) {
    case v1::LOW:
      return "Low";
    case v1::MEDIUM:
      return "Medium";
    case v1::HIGH:
      return "High";
    case v1::VERY_HIGH:
      return "Very high";
    case v1::NOT_APPLICABLE:
      return "N/A";
    default:
      return "-";
  }
}

std::string FormatDate(const v1::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return {};
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::unique_ptr<ResultEncoder> ResultEncoder::Create(RecordFormat format, v1::ModelSet model_set) {
  switch (format) {
    case RecordFormat::kBinary:
      return std::make_unique<BinaryResultEncoder>();
    case RecordFormat::kJsonLines:
      return std::make_unique<JsonLinesResultEncoder>();
    case RecordFormat::kCsv:
      return std::make_unique<CsvResultEncoder>(model_set);
  }
  return nullptr;
}

}  // namespace assay::io
