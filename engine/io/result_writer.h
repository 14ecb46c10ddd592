// Encoders for rescoring results, one per output format, written straight
// from the pipeline's flat results (schemas/flat/).
//
// Contract:
//   - binary: each RecordResult framed (length-delimited or TFRecord,
//     engine/io/framing.h). The bytes are exactly protobuf's
//     SerializeToString of the same message (flat::Encode).
//   - jsonl: each RecordResult in protobuf's JSON mapping (proto field
//     names), one per line; it parses back (JsonStringToMessage) to the same
//     message (flat::AppendJson).
//   - csv: a header line, then one flat row per record: identifiers, the
//     record's status, every predictor of the model set (status, type,
//     percentage, band, error types), the screening tools (v4), the review
//     decision and the tier. Columns depend only on the model set.
//     AppendCsvRow is a template, also instantiated for v1::RecordResult, so
//     the scalar reference's results can be checked row against row.
//   - Append is const and thread-safe, and its bytes depend only on the
//     record, so output encoded in parallel blocks and concatenated in input
//     order is byte-identical to a sequential encoding.
//   - No heap allocation per record: numbers are formatted with
//     std::to_chars, text comes from the schema's enum names.
#ifndef ASSAY_ENGINE_IO_RESULT_WRITER_H_
#define ASSAY_ENGINE_IO_RESULT_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/io/framing.h"
#include "engine/io/record_format.h"
#include "schemas/batch.pb.h"
#include "schemas/flat/assay.flat.h"
#include "schemas/score.pb.h"

namespace assay::io {

class ResultEncoder {
 public:
  // `framing` applies to the binary format only.
  ResultEncoder(RecordFormat format, framing::Framing framing, v1::ModelSet model_set);

  // Bytes that begin the file (the CSV header line); empty otherwise.
  std::string Header() const;
  void Append(const flat::RecordResult& result, flat::ByteSink* out) const;

  RecordFormat format() const { return format_; }

 private:
  RecordFormat format_;
  framing::Framing framing_;
  v1::ModelSet model_set_;
};

// The CSV header line of a model set (with its newline).
std::string CsvHeader(v1::ModelSet model_set);
// One CSV row (with its newline) of a v1::RecordResult or a
// flat::RecordResult, into a std::string or a flat::ByteSink.
template <typename RecordResult, typename Sink>
void AppendCsvRow(const RecordResult& result, v1::ModelSet model_set, Sink* out);

// A predictor of a ScoreSet: its display name ("ARP", "OSP/DC") and its
// column prefix ("arp", "osp_dc").
struct PredictorField {
  v1::Predictor predictor;
  std::string_view name;
  std::string_view column;
};

// The predictors of a model set, v4 first then legacy (OGRS3 once).
std::vector<PredictorField> PredictorsOf(v1::ModelSet model_set);

// The result of `predictor` in `scores` (a v1::ScoreSet or its flat
// mirror), or nullptr when the set does not hold it.
template <typename ScoreSet>
auto FindPredictor(const ScoreSet& s, v1::Predictor predictor) -> decltype(&s.arp()) {
  switch (predictor) {
    case v1::ARP: return s.has_arp() ? &s.arp() : nullptr;
    case v1::VRP: return s.has_vrp() ? &s.vrp() : nullptr;
    case v1::SVRP: return s.has_svrp() ? &s.svrp() : nullptr;
    case v1::DC_SRP: return s.has_dc_srp() ? &s.dc_srp() : nullptr;
    case v1::IIC_SRP: return s.has_iic_srp() ? &s.iic_srp() : nullptr;
    case v1::CSRP: return s.has_csrp() ? &s.csrp() : nullptr;
    case v1::OGRS3: return s.has_ogrs3() ? &s.ogrs3() : nullptr;
    case v1::OGP: return s.has_ogp() ? &s.ogp() : nullptr;
    case v1::OVP: return s.has_ovp() ? &s.ovp() : nullptr;
    case v1::OSP_DC: return s.has_osp_dc() ? &s.osp_dc() : nullptr;
    case v1::OSP_IIC: return s.has_osp_iic() ? &s.osp_iic() : nullptr;
    case v1::SNSV: return s.has_snsv() ? &s.snsv() : nullptr;
    case v1::RSR: return s.has_rsr() ? &s.rsr() : nullptr;
    default: return nullptr;
  }
}

// "LOW", "VERY_HIGH", "N/A"...: short names for people.
std::string_view BandName(v1::RiskBand band);
// "2025-10-06"; empty for an unset date.
std::string FormatDate(const v1::Date& date);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_RESULT_WRITER_H_
