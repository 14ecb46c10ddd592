#include "engine/io/result_writer.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"

namespace assay::io {
namespace {

constexpr PredictorField kV4[] = {
    {v1::ARP, "ARP", "arp"},          {v1::VRP, "VRP", "vrp"},
    {v1::SVRP, "SVRP", "svrp"},       {v1::DC_SRP, "DC-SRP", "dc_srp"},
    {v1::IIC_SRP, "IIC-SRP", "iic_srp"}, {v1::CSRP, "CSRP", "csrp"},
};
constexpr PredictorField kOgrs3 = {v1::OGRS3, "OGRS3", "ogrs3"};
constexpr PredictorField kLegacy[] = {
    {v1::OGP, "OGP", "ogp"},          {v1::OVP, "OVP", "ovp"},
    {v1::OSP_DC, "OSP/DC", "osp_dc"}, {v1::OSP_IIC, "OSP/IIC", "osp_iic"},
    {v1::SNSV, "SNSV", "snsv"},       {v1::RSR, "RSR", "rsr"},
};

bool HasV4(v1::ModelSet set) { return set != v1::LEGACY; }
bool HasLegacy(v1::ModelSet set) { return set == v1::LEGACY || set == v1::BOTH; }

// The predictors of a model set, without allocating: v4, OGRS3, legacy.
template <typename Fn>
void ForEachPredictor(v1::ModelSet model_set, Fn&& fn) {
  if (HasV4(model_set)) {
    for (const PredictorField& p : kV4) fn(p);
  }
  fn(kOgrs3);
  if (HasLegacy(model_set)) {
    for (const PredictorField& p : kLegacy) fn(p);
  }
}

template <typename Sink>
void Put(std::string_view text, Sink* out) {
  out->append(text.data(), text.size());
}

// Quotes a CSV cell when it needs it (RFC 4180).
template <typename Sink>
void PutCell(std::string_view value, Sink* out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    Put(value, out);
    return;
  }
  out->push_back('"');
  for (const char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

template <typename Sink>
void PutInteger(int64_t value, Sink* out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out->append(digits, static_cast<size_t>(end - digits));
}

template <typename Sink>
void PutUnsigned(uint64_t value, Sink* out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out->append(digits, static_cast<size_t>(end - digits));
}

// printf's "%0<width>d": the sign, then digits zero-padded to the width.
template <typename Sink>
void PutPadded(int value, int width, Sink* out) {
  char digits[16];
  const unsigned magnitude = value < 0 ? 0u - static_cast<unsigned>(value) : static_cast<unsigned>(value);
  const auto end = std::to_chars(digits, digits + sizeof digits, magnitude).ptr;
  const int n = static_cast<int>(end - digits);
  if (value < 0) {
    out->push_back('-');
    --width;
  }
  for (int i = n; i < width; ++i) out->push_back('0');
  out->append(digits, static_cast<size_t>(n));
}

// "%.2f": std::to_chars with a precision rounds the exact binary value,
// as printf does.
template <typename Sink>
void PutPercent(double value, Sink* out) {
  char digits[64];
  const auto end = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, 2).ptr;
  out->append(digits, static_cast<size_t>(end - digits));
}

template <typename Date, typename Sink>
void PutDate(const Date& date, Sink* out) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return;
  PutPadded(date.year(), 4, out);
  out->push_back('-');
  PutPadded(date.month(), 2, out);
  out->push_back('-');
  PutPadded(date.day(), 2, out);
}

std::string_view StripPrefix(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return name;
}

template <typename Errors, typename Sink>
void PutErrorTypes(const Errors& errors, bool* first, Sink* out) {
  for (const auto& error : errors) {
    if (!*first) out->push_back(';');
    *first = false;
    Put(flat::EnumName(error.type()), out);
  }
}

}  // namespace

std::string CsvHeader(v1::ModelSet model_set) {
  std::string header = "index,assessment_id,case_reference,record_status,error_type,error_fields";
  ForEachPredictor(model_set, [&](const PredictorField& p) {
    for (std::string_view suffix : {"_status", "_type", "_percentage", "_band", "_errors"}) {
      header.push_back(',');
      header.append(p.column);
      header.append(suffix);
    }
  });
  if (HasV4(model_set)) header.append(",mst_flag,opd_result,pni_pathway,lds_score");
  header.append(
      ",overall_rosh,review_mode,interval_source,proposed_due,effective_due,overdue_days,"
      "assessment_out_of_date,practitioner_decision,review_errors,tier,tier_provisional\n");
  return header;
}

template <typename RecordResult, typename Sink>
void AppendCsvRow(const RecordResult& r, v1::ModelSet model_set, Sink* out) {
  PutUnsigned(r.index(), out);
  out->push_back(',');
  PutCell(r.assessment_id(), out);
  out->push_back(',');
  PutCell(r.case_reference(), out);
  if (r.has_error()) {
    Put(",ERROR,", out);
    Put(flat::EnumName(r.error().type()), out);
    out->push_back(',');
    // The fields, joined: quoted as one cell when any needs it.
    std::string fields;
    for (const auto& f : r.error().fields()) {
      if (!fields.empty()) fields.push_back(';');
      fields.append(f.data(), f.size());
    }
    PutCell(fields, out);
    // Every other column is empty.
    size_t empty = (HasV4(model_set) ? 4 : 0) + 11;
    ForEachPredictor(model_set, [&](const PredictorField&) { empty += 5; });
    for (size_t i = 0; i < empty; ++i) out->push_back(',');
    out->push_back('\n');
    return;
  }
  Put(",SCORED,,", out);
  const auto& s = r.scores();
  ForEachPredictor(model_set, [&](const PredictorField& p) {
    const auto* pr = FindPredictor(s, p.predictor);
    if (pr == nullptr) {
      Put(",,,,,", out);
      return;
    }
    out->push_back(',');
    Put(StripPrefix(flat::EnumName(pr->status()), "RESULT_"), out);
    out->push_back(',');
    if (pr->type() != v1::MODEL_TYPE_UNSPECIFIED) Put(flat::EnumName(pr->type()), out);
    out->push_back(',');
    if (pr->status() == v1::RESULT_SCORED) PutPercent(pr->percentage(), out);
    out->push_back(',');
    if (pr->band() != v1::RISK_BAND_UNSPECIFIED) Put(flat::EnumName(pr->band()), out);
    out->push_back(',');
    bool first = true;
    PutErrorTypes(pr->errors(), &first, out);
  });
  if (HasV4(model_set)) {
    out->push_back(',');
    if (s.has_mst() && s.mst().applicable()) Put(s.mst().maturity_flag() ? "true" : "false", out);
    out->push_back(',');
    if (s.has_opd() && s.opd().outcome() != v1::OPD_OUTCOME_UNSPECIFIED) {
      Put(flat::EnumName(s.opd().outcome()), out);
    }
    out->push_back(',');
    if (s.has_pni() && s.pni().pathway() != v1::PNI_PATHWAY_UNSPECIFIED) {
      Put(StripPrefix(flat::EnumName(s.pni().pathway()), "PNI_"), out);
    }
    out->push_back(',');
    if (s.has_lds() && s.lds().has_lds_score()) PutInteger(s.lds().lds_score(), out);
  }
  const auto& d = r.review();
  const bool decided = r.has_review() && d.mode() != v1::REVIEW_MODE_UNSPECIFIED;
  out->push_back(',');
  if (r.has_review() && d.basis().overall_rosh() != v1::RISK_BAND_UNSPECIFIED) {
    Put(flat::EnumName(d.basis().overall_rosh()), out);
  }
  out->push_back(',');
  if (decided) Put(flat::EnumName(d.mode()), out);
  out->push_back(',');
  if (decided) PutCell(d.basis().interval_source(), out);
  out->push_back(',');
  if (decided) PutDate(d.proposed_due(), out);
  out->push_back(',');
  if (decided) PutDate(d.effective_due(), out);
  out->push_back(',');
  if (decided) {
    PutInteger(d.overdue_days(), out);
    out->push_back(',');
    Put(d.assessment_out_of_date() ? "true" : "false", out);
  } else {
    out->push_back(',');
  }
  out->push_back(',');
  if (decided && d.has_practitioner()) Put(d.practitioner().accepted() ? "ACCEPTED" : "REJECTED", out);
  out->push_back(',');
  if (r.has_review()) {
    bool first = true;
    PutErrorTypes(d.errors(), &first, out);
    if (d.has_practitioner()) PutErrorTypes(d.practitioner().errors(), &first, out);
  }
  out->push_back(',');
  if (r.has_tier() && r.tier().level() != v1::TIER_UNSPECIFIED) {
    Put(StripPrefix(flat::EnumName(r.tier().level()), "TIER_"), out);
    out->push_back(',');
    Put(r.tier().provisional() ? "true" : "false", out);
  } else {
    out->push_back(',');
  }
  out->push_back('\n');
}

template void AppendCsvRow(const v1::RecordResult&, v1::ModelSet, std::string*);
template void AppendCsvRow(const flat::RecordResult&, v1::ModelSet, flat::ByteSink*);

ResultEncoder::ResultEncoder(RecordFormat format, framing::Framing framing, v1::ModelSet model_set)
    : format_(format), framing_(framing), model_set_(model_set) {}

std::string ResultEncoder::Header() const {
  return format_ == RecordFormat::kCsv ? CsvHeader(model_set_) : std::string();
}

void ResultEncoder::Append(const flat::RecordResult& result, flat::ByteSink* out) const {
  switch (format_) {
    case RecordFormat::kBinary: {
      const size_t begin = framing::BeginFrame(framing_, out);
      flat::Encode(result, out);
      framing::EndFrame(framing_, out, begin);
      return;
    }
    case RecordFormat::kJsonLines:
      flat::AppendJson(result, out);
      out->push_back('\n');
      return;
    case RecordFormat::kCsv:
      AppendCsvRow(result, model_set_, out);
      return;
  }
}

std::vector<PredictorField> PredictorsOf(v1::ModelSet model_set) {
  std::vector<PredictorField> fields;
  ForEachPredictor(model_set, [&](const PredictorField& p) { fields.push_back(p); });
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

}  // namespace assay::io
