// Encoders for rescoring results (v1::RecordResult), one per output format.
//
// Contract:
//   - binary: each RecordResult length-delimited (schemas/batch.proto).
//   - jsonl: each RecordResult in protobuf's JSON mapping (proto field
//     names), one per line.
//   - csv: a header line, then one flat row per record: identifiers, the
//     record's status, every predictor of the model set (status, type,
//     percentage, band, error types), the screening tools (v4), the review
//     decision and the tier. Columns depend only on the model set.
//   - Append is const and thread-safe, and its bytes depend only on the
//     record, so output encoded in parallel slices and concatenated in input
//     order is byte-identical to a sequential encoding.
#ifndef ASSAY_ENGINE_IO_RESULT_WRITER_H_
#define ASSAY_ENGINE_IO_RESULT_WRITER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/record_format.h"
#include "schemas/batch.pb.h"
#include "schemas/score.pb.h"

namespace assay::io {

class ResultEncoder {
 public:
  static std::unique_ptr<ResultEncoder> Create(RecordFormat format, v1::ModelSet model_set);
  virtual ~ResultEncoder() = default;
  // Bytes that begin the file (the CSV header line); empty otherwise.
  virtual std::string Header() const = 0;
  virtual void Append(const v1::RecordResult& result, std::string* out) const = 0;
};

// A predictor of a ScoreSet: its display name ("ARP", "OSP/DC"), its column
// prefix ("arp", "osp_dc") and its field.
struct PredictorField {
  v1::Predictor predictor;
  std::string_view name;
  std::string_view column;
  bool (v1::ScoreSet::*has)() const;
  const v1::PredictorResult& (v1::ScoreSet::*get)() const;
};

// The predictors of a model set, v4 first then legacy (OGRS3 once).
std::vector<PredictorField> PredictorsOf(v1::ModelSet model_set);

// "LOW", "VERY_HIGH", "N/A"...: short names for people.
std::string_view BandName(v1::RiskBand band);
// "2025-10-06"; empty for an unset date.
std::string FormatDate(const v1::Date& date);

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_RESULT_WRITER_H_
