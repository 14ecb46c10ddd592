#include "engine/pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <cstdio>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/io/record_decoder.h"
#include "engine/io/result_writer.h"
#include "engine/pipeline/record_engine.h"
#include "scoring/errors.h"

namespace assay::pipeline {
namespace {

// Upper bounds that keep a run's memory and thread count sane.
constexpr int kMaxThreads = 1024;
constexpr size_t kMaxBlockRecords = 1 << 16;

FeederOptions FeederFor(const PipelineOptions& o) {
  FeederOptions f;
  f.block_records = o.block_records;
  if (o.input_format == io::RecordFormat::kBinary) {
    f.framing = o.input_framing == io::framing::Framing::kTfRecord ? InputFraming::kTfRecord
                                                                    : InputFraming::kLengthDelimited;
  } else {
    f.framing = InputFraming::kLines;
    f.skip_blank_lines = o.input_format == io::RecordFormat::kJsonLines;
    f.header_line = o.input_format == io::RecordFormat::kCsv;
  }
  return f;
}

v1::Date ToDate(absl::CivilDay day) {
  v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

// Per-worker state, reused block after block.
struct Worker {
  explicit Worker(const RecordEngine& engine, const PipelineOptions& o)
      : scratch(engine.NewScratch()), stats(o.model_set, *o.as_of) {}

  flat::Arena arena;  // decoded records and error records, per block
  std::vector<flat::Assessment> records;
  std::vector<const flat::Assessment*> pointers;
  std::vector<io::RecordIssue> issues;  // by record, for the unreadable ones
  v1::Assessment message;               // text formats' scratch
  std::unique_ptr<RecordEngine::Scratch, void (*)(RecordEngine::Scratch*)> scratch;
  OutputBuffer out;
  report::CaseloadStats stats;
  std::unique_ptr<ResultObserver> observer;
  uint64_t scored = 0;
  uint64_t malformed = 0;
  uint64_t checksum_failures = 0;
  uint64_t unidentified = 0;
  std::optional<uint64_t> first_malformed_offset;
  StreamEnd end = StreamEnd::kNone;
  uint64_t end_offset = 0;
};

}  // namespace

absl::StatusOr<Pipeline> Pipeline::Create(const PipelineOptions& options) {
  PipelineOptions o = options;
  if (o.policy == nullptr) return absl::InvalidArgumentError("a review policy is required");
  if (!o.as_of) return absl::InvalidArgumentError("the as-of date is required");
  if (o.model_set != v1::V4 && o.model_set != v1::LEGACY && o.model_set != v1::BOTH) {
    return absl::InvalidArgumentError("the model set must be V4, LEGACY or BOTH");
  }
  if (o.threads < 1 || o.threads > kMaxThreads) {
    return absl::InvalidArgumentError(absl::StrCat("threads must be 1..", kMaxThreads));
  }
  if (o.block_records < 1 || o.block_records > kMaxBlockRecords) {
    return absl::InvalidArgumentError(absl::StrCat("block_records must be 1..", kMaxBlockRecords));
  }
  absl::StatusOr<kernels::Isa> isa = kernels::ResolveIsa(o.isa);
  if (!isa.ok()) return isa.status();
  o.isa = *isa;
  if (o.offence_table == nullptr) o.offence_table = &scoring::OffenceTable::BuiltIn();
  if (!o.csv_assessment_date) o.csv_assessment_date = o.as_of;
  return Pipeline(o);
}

absl::StatusOr<RunSummary> Pipeline::Run(std::string_view in, std::string* out) const {
  std::unique_ptr<io::ByteSource> source = io::MemorySource(in);
  std::unique_ptr<io::ByteSink> sink = io::StringSink(out);
  return Run(*source, *sink);
}

absl::StatusOr<RunSummary> Pipeline::Run(io::ByteSource& in, io::ByteSink& out,
                                         RunHooks* hooks) const {
  const PipelineOptions& o = options_;
  BlockFeeder feeder(&in, FeederFor(o));
  OrderedWriter writer(&out);
  const io::ResultEncoder encoder(o.output_format, o.output_framing, o.model_set);
  EngineConfig config;
  config.model_set = o.model_set;
  config.offences = o.offence_table;
  config.policy = o.policy;
  config.as_of = *o.as_of;
  config.explain = o.explain;
  config.isa = o.isa;
  const RecordEngine engine(config);

  // The first block is taken here: a CSV's header line comes with it, and
  // the decoder needs it before any record is decoded.
  InputBlock first;
  const bool has_first = feeder.Next(&first);
  if (absl::Status status = feeder.status(); !status.ok() && !has_first) return status;
  absl::StatusOr<std::unique_ptr<io::AssessmentDecoder>> decoder =
      io::AssessmentDecoder::Create(o.input_format, feeder.header(), ToDate(*o.csv_assessment_date));
  if (!decoder.ok()) {
    if (o.input_format == io::RecordFormat::kCsv && !has_first && feeder.header().empty()) {
      return absl::InvalidArgumentError("the input is empty: a CSV caseload needs a header line");
    }
    return decoder.status();
  }
  if (const std::string header = encoder.Header(); !header.empty()) {
    if (absl::Status status = out.Write(header); !status.ok()) return status;
  }

  const int threads = has_first ? o.threads : 1;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<Worker>(engine, o));
    if (hooks != nullptr && hooks->make_observer) workers.back()->observer = hooks->make_observer();
  }

  std::atomic<uint64_t> records_done{0};
  std::mutex progress_mu;

  // One block: decode, score, encode, hand to the writer in order.
  const auto process = [&](InputBlock& block, Worker& w) {
    const size_t n = block.records.size();
    w.arena.Reset();
    w.records.clear();
    w.records.reserve(n);
    w.pointers.assign(n, nullptr);
    w.issues.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const RecordRef& r = block.records[i];
      w.records.emplace_back(&w.arena);
      io::RecordIssue& issue = w.issues[i];
      issue.message.clear();
      issue.fields.clear();
      issue.assessment_id.clear();
      issue.case_reference.clear();
      if (!r.checksum_ok) {
        issue.type = v1::CHECKSUM_MISMATCH;
        issue.message = absl::StrCat("the record at byte offset ", r.offset,
                                     " fails its TFRecord data checksum");
        ++w.checksum_failures;
        continue;
      }
      if ((*decoder)->Decode(r.bytes, r.offset, r.line, &w.message, &w.records[i], &issue)) {
        if (!w.records[i].assessment_id().empty()) {
          w.pointers[i] = &w.records[i];
          continue;
        }
        // Every assessment has an identifier; bytes that decode without one
        // are not trusted to be a record (in a length-delimited stream,
        // likely a fragment of misframed records), so never scored.
        issue.type = v1::MISSING_MANDATORY_INPUT;
        issue.message = absl::StrCat("the record at byte offset ", r.offset,
                                     " has no assessment_id: it is not scored");
        issue.fields.assign({"assessment_id"});
        issue.case_reference.assign(w.records[i].case_reference());
        ++w.unidentified;
        continue;
      }
      ++w.malformed;
      if (!w.first_malformed_offset || r.offset < *w.first_malformed_offset) {
        w.first_malformed_offset = r.offset;
      }
    }

    // Unreadable records' error results, written at their place in order.
    flat::RecordResult error(&w.arena);
    const auto write_error = [&](uint64_t index, const io::RecordIssue& issue) {
      error.Clear();
      error.set_index(index);
      error.set_assessment_id(issue.assessment_id);
      error.set_case_reference(issue.case_reference);
      flat::RecordError* e = error.mutable_error();
      e->set_type(issue.type);
      e->set_message(issue.message);
      for (const std::string& f : issue.fields) e->add_fields(f);
      encoder.Append(error, &w.out);
      w.stats.Add(error);
      if (w.observer) w.observer->Observe(error, nullptr);
    };
    size_t next = 0;
    const auto errors_before = [&](size_t i) {
      for (; next < i; ++next) {
        if (w.pointers[next] == nullptr) write_error(block.first_record + next, w.issues[next]);
      }
    };
    engine.Score(w.pointers, block.first_record, w.scratch.get(),
                 [&](size_t i, const flat::RecordResult& result) {
                   errors_before(i);
                   next = i + 1;
                   encoder.Append(result, &w.out);
                   w.stats.Add(result);
                   if (w.observer) w.observer->Observe(result, w.pointers[i]);
                   ++w.scored;
                 });
    errors_before(n);
    if (block.end != StreamEnd::kNone) {
      io::RecordIssue issue;
      issue.type = v1::TRUNCATED_STREAM;
      switch (block.end) {
        case StreamEnd::kTruncated:
          issue.message = absl::StrCat("the input ends inside a record at byte offset ", block.end_offset);
          break;
        case StreamEnd::kDamaged:
          issue.message = absl::StrCat("the record framing is damaged at byte offset ", block.end_offset,
                                       "; nothing after it can be read");
          break;
        default:
          issue.message = absl::StrCat("reading the input failed at byte offset ", block.end_offset);
          break;
      }
      write_error(block.first_record + n, issue);
      w.end = block.end;
      w.end_offset = block.end_offset;
    }
    writer.Finish(block.index, &w.out);
    if (hooks != nullptr && hooks->progress) {
      const uint64_t done = records_done.fetch_add(n, std::memory_order_relaxed) + n;
      std::lock_guard<std::mutex> lock(progress_mu);
      hooks->progress(done, feeder.bytes_read());
    }
  };

  const auto run = [&](int t) {
    Worker& w = *workers[static_cast<size_t>(t)];
    InputBlock block;
    if (t == 0 && has_first) process(first, w);
    while (writer.status().ok() && feeder.Next(&block)) process(block, w);
    if (!writer.status().ok()) feeder.Stop();
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (std::thread& t : pool) t.join();

  if (absl::Status status = writer.status(); !status.ok()) return status;
  if (absl::Status status = feeder.status(); !status.ok()) return status;
  if (absl::Status status = out.Commit(); !status.ok()) return status;

  RunSummary summary;
  summary.stats = report::CaseloadStats(o.model_set, *o.as_of);
  for (const auto& w : workers) {
    summary.scored += w->scored;
    summary.malformed += w->malformed;
    summary.checksum_failures += w->checksum_failures;
    summary.unidentified += w->unidentified;
    if (w->first_malformed_offset &&
        (!summary.first_malformed_offset || *w->first_malformed_offset < *summary.first_malformed_offset)) {
      summary.first_malformed_offset = w->first_malformed_offset;
    }
    if (w->end != StreamEnd::kNone) {
      summary.end = w->end;
      summary.end_offset = w->end_offset;
    }
    summary.stats.Merge(w->stats);
    if (hooks != nullptr && w->observer) hooks->observers.push_back(std::move(w->observer));
  }
  // A broken end is one more (unreadable) record, with its error result.
  summary.records = summary.scored + summary.malformed + summary.checksum_failures +
                    summary.unidentified + (summary.end != StreamEnd::kNone ? 1 : 0);
  summary.checksummed = o.input_format == io::RecordFormat::kBinary &&
                        o.input_framing == io::framing::Framing::kTfRecord;
  summary.output_bytes = out.size();
  return summary;
}

}  // namespace assay::pipeline
