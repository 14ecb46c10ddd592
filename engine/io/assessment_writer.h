// Encoders for caseloads (v1::Assessment), for `assay generate`.
//
// Contract:
//   - binary: Assessments framed length-delimited (schemas/batch.proto) or
//     as TFRecords (engine/io/framing.h).
//   - jsonl: one Assessment per line in protobuf's JSON mapping (proto
//     field names).
//   - csv: the reference layout (engine/io/reference_csv.h, 53 columns)
//     followed by the extension columns assessment_date and case_reference
//     (engine/io/csv_row_decoder.h). The layout holds the criminal history
//     and the needs answers ARP, VRP, SVRP and OGRS3 use; everything else
//     (RoSH, sexual history, case context) is not representable and is
//     dropped. Unanswered items are empty cells. Reading such a file back
//     gives the same ARP, VRP, SVRP and OGRS3 scores as the full record.
//   - AppendMalformed writes one deliberately unreadable record that still
//     carries the record's ids where the format allows (a binary record cut
//     short, half a JSON line, a CSV row with an invalid gender code): test
//     and benchmark input for the error paths.
//   - Append and AppendMalformed are const and thread-safe.
#ifndef ASSAY_ENGINE_IO_ASSESSMENT_WRITER_H_
#define ASSAY_ENGINE_IO_ASSESSMENT_WRITER_H_

#include <memory>
#include <string>

#include "engine/io/framing.h"
#include "engine/io/record_format.h"
#include "schemas/assessment.pb.h"

namespace assay::io {

class AssessmentEncoder {
 public:
  // `framing` applies to the binary format only.
  static std::unique_ptr<AssessmentEncoder> Create(
      RecordFormat format, framing::Framing framing = framing::Framing::kLengthDelimited);
  virtual ~AssessmentEncoder() = default;
  virtual std::string Header() const = 0;
  virtual void Append(const v1::Assessment& record, std::string* out) const = 0;
  virtual void AppendMalformed(const v1::Assessment& record, std::string* out) const = 0;
};

}  // namespace assay::io

#endif  // ASSAY_ENGINE_IO_ASSESSMENT_WRITER_H_
