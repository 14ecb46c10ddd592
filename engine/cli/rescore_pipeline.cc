#include "engine/cli/rescore_pipeline.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/io/atomic_file.h"
#include "engine/io/byte_stream.h"
#include "engine/io/progress.h"
#include "engine/report/html_report.h"

namespace assay::cli {

std::string RescoreSummary::OneLine() const {
  const uint64_t errors = run.records - run.scored;
  std::string line = absl::StrCat("read ", run.records, run.records == 1 ? " record: " : " records: ",
                                  run.scored, " scored, ", errors, errors == 1 ? " error" : " errors");
  if (seconds > 0) {
    absl::StrAppend(&line, absl::StrFormat(" in %.2f s (%.0f records/s)", seconds,
                                           static_cast<double>(run.records) / seconds));
  }
  return line;
}

std::string RescoreSummary::Damage() const {
  if (!run.input_damaged()) return {};
  std::string text;
  switch (run.end) {
    case pipeline::StreamEnd::kTruncated:
      text = absl::StrCat("the input ends inside a record at byte offset ", run.end_offset,
                          "; every earlier result is written");
      break;
    case pipeline::StreamEnd::kDamaged:
      text = absl::StrCat("the record framing is damaged at byte offset ", run.end_offset,
                          " and nothing after it can be read; every earlier result is written");
      break;
    case pipeline::StreamEnd::kReadError:
      text = absl::StrCat("reading failed at byte offset ", run.end_offset);
      break;
    case pipeline::StreamEnd::kNone:
      break;
  }
  if (run.first_malformed_offset) {
    if (!text.empty()) text += "; ";
    absl::StrAppend(&text, run.malformed, run.malformed == 1 ? " record does" : " records do",
                    " not decode, the first at byte offset ", *run.first_malformed_offset);
    if (plain_framing) text += ": a length-delimited stream may be misframed from there on";
  }
  if (run.unidentified > 0 && !run.checksummed) {
    if (!text.empty()) text += "; ";
    absl::StrAppend(&text, run.unidentified, run.unidentified == 1 ? " record has" : " records have",
                    " no assessment_id and could be fragments of misframed records");
  }
  if (run.checksum_failures > 0) {
    if (!text.empty()) text += "; ";
    absl::StrAppend(&text, run.checksum_failures,
                    run.checksum_failures == 1 ? " record fails" : " records fail",
                    " its TFRecord checksum and was skipped");
  }
  if (plain_framing) text += " (TFRecord framing, --out-format tfrecord, carries checksums that locate damage)";
  return text;
}

absl::StatusOr<RescoreSummary> RunRescore(const RescoreOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  pipeline::PipelineOptions p;
  p.model_set = options.model_set;
  p.policy = options.policy;
  p.as_of = options.as_of;
  p.isa = options.isa;
  p.threads = options.threads;
  p.input_format = options.in_format;
  p.input_framing = options.in_framing;
  p.output_format = options.out_format;
  p.output_framing = options.out_framing;
  p.csv_assessment_date = options.csv_assessment_date;
  absl::StatusOr<pipeline::Pipeline> pipeline = pipeline::Pipeline::Create(p);
  if (!pipeline.ok()) return pipeline.status();

  absl::StatusOr<std::unique_ptr<io::ByteSource>> source = io::OpenFileSource(options.input);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::ByteSink>> sink = io::CreateFileSink(options.output);
  if (!sink.ok()) return sink.status();

  io::Progress progress(options.progress ? stderr : nullptr, (*source)->size_hint());
  pipeline::RunHooks hooks;
  if (progress.enabled()) {
    hooks.progress = [&progress](uint64_t records, uint64_t bytes) { progress.Update(records, bytes); };
  }
  absl::StatusOr<pipeline::RunSummary> run = pipeline->Run(**source, **sink, &hooks);
  progress.Finish();
  if (!run.ok()) return run.status();

  RescoreSummary summary;
  summary.run = *std::move(run);
  summary.plain_framing = options.in_format == io::RecordFormat::kBinary &&
                          options.in_framing == io::framing::Framing::kLengthDelimited;
  if (!options.report.empty()) {
    report::ReportInfo info;
    info.source = options.report_source.empty() ? options.input : options.report_source;
    info.policy_version = options.policy->version();
    info.stopped_early = summary.Damage();
    if (absl::Status status =
            io::WriteFileAtomically(options.report, report::RenderHtmlReport(summary.run.stats, info));
        !status.ok()) {
      return status;
    }
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace assay::cli
