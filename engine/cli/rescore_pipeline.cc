#include "engine/cli/rescore_pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "engine/batch/batch_scorer.h"
#include "engine/evaluate.h"
#include "engine/io/assessment_source.h"
#include "engine/io/atomic_file.h"
#include "engine/io/progress.h"
#include "engine/io/result_writer.h"
#include "engine/report/caseload_stats.h"
#include "engine/report/html_report.h"

namespace assay::cli {
namespace {

// Below this many records per worker, extra threads cost more than they save.
constexpr size_t kMinRecordsPerWorker = 256;

// Records per batch-engine call inside a worker's slice: enough lanes for
// the kernels, few enough messages to stay in cache-sized memory.
constexpr size_t kBatchBlock = 1024;

// The one place where readable records become results: scores, review
// decision and tier, as engine/evaluate.h's Evaluate defines them;
// explanations are left out of bulk results (`assay explain` shows them).
class RecordEvaluator {
 public:
  static absl::StatusOr<RecordEvaluator> Create(const RescoreOptions& options) {
    RecordEvaluator e;
    e.options_.score.model_set = options.model_set;
    e.options_.score.explain = false;
    e.options_.policy = options.policy;
    e.options_.as_of = options.as_of;
    if (options.engine == RescoreOptions::Engine::kBatch) {
      batch::BatchOptions batch;
      batch.isa = options.isa;
      batch.threads = 1;  // the pipeline's workers are the threads
      batch.block_size = kBatchBlock;
      batch.model_set = options.model_set;
      absl::StatusOr<batch::BatchScorer> scorer = batch::BatchScorer::Create(batch);
      if (!scorer.ok()) return scorer.status();
      e.batch_.emplace(*std::move(scorer));
    }
    return e;
  }

  // results[k] (cleared by the caller) for records[k]. `scores` is the
  // caller's scratch.
  void Evaluate(absl::Span<const v1::Assessment* const> records,
                absl::Span<v1::RecordResult* const> results,
                std::vector<v1::ScoreSet*>* scores) const {
    if (!batch_) {
      for (size_t k = 0; k < records.size(); ++k) EvaluateOne(*records[k], results[k]);
      return;
    }
    scores->clear();
    for (v1::RecordResult* r : results) scores->push_back(r->mutable_scores());
    if (absl::Status status = batch_->Score(records, *scores); !status.ok()) {
      for (size_t k = 0; k < records.size(); ++k) NotEvaluated(*records[k], status, results[k]);
      return;
    }
    for (size_t k = 0; k < records.size(); ++k) {
      v1::RecordResult* r = results[k];
      r->set_assessment_id(records[k]->assessment_id());
      r->set_case_reference(records[k]->case_reference());
      AddReviewAndTier(*records[k], r->scores(), *options_.policy, *options_.as_of, r);
    }
  }

 private:
  RecordEvaluator() = default;

  void EvaluateOne(const v1::Assessment& record, v1::RecordResult* result) const {
    absl::StatusOr<v1::RecordResult> evaluated = assay::Evaluate(record, options_);
    if (evaluated.ok()) {
      *result = *std::move(evaluated);
      return;
    }
    NotEvaluated(record, evaluated.status(), result);
  }

  static void NotEvaluated(const v1::Assessment& record, const absl::Status& status,
                           v1::RecordResult* result) {
    result->Clear();
    result->set_assessment_id(record.assessment_id());
    result->set_case_reference(record.case_reference());
    v1::RecordError* error = result->mutable_error();
    error->set_type(v1::RECORD_NOT_EVALUATED);
    // The engine's Status names options and fields, never record values.
    error->set_message(std::string(status.message()));
  }

  EvaluateOptions options_;
  std::optional<batch::BatchScorer> batch_;
};

// Per-thread state, reused chunk after chunk.
struct Worker {
  Worker(v1::ModelSet model_set, absl::CivilDay as_of)
      : records(kBatchBlock), results(kBatchBlock), readable(kBatchBlock), stats(model_set, as_of) {}
  std::vector<v1::Assessment> records;
  std::vector<v1::RecordResult> results;
  std::vector<char> readable;
  std::vector<const v1::Assessment*> to_score;
  std::vector<v1::RecordResult*> scored_into;
  std::vector<v1::ScoreSet*> scores;
  std::string out;
  report::CaseloadStats stats;
  uint64_t scored = 0;
  uint64_t errors = 0;
};

void ProcessSlice(const io::AssessmentSource& source, const io::RawChunk& chunk, size_t begin, size_t end,
                  uint64_t first_index, const RecordEvaluator& evaluator, const io::ResultEncoder& encoder,
                  Worker* w) {
  w->out.clear();
  for (size_t block = begin; block < end; block += kBatchBlock) {
    const size_t m = std::min(kBatchBlock, end - block);
    w->to_score.clear();
    w->scored_into.clear();
    for (size_t k = 0; k < m; ++k) {
      const size_t i = block + k;
      v1::RecordResult& result = w->results[k];
      result.Clear();
      io::RecordIssue issue;
      w->readable[k] = source.Decode(chunk.records[i], chunk.record(i), &w->records[k], &issue);
      if (w->readable[k]) {
        w->to_score.push_back(&w->records[k]);
        w->scored_into.push_back(&result);
        continue;
      }
      result.set_assessment_id(issue.assessment_id);
      result.set_case_reference(issue.case_reference);
      v1::RecordError* error = result.mutable_error();
      error->set_type(issue.type);
      error->set_message(issue.message);
      for (std::string& field : issue.fields) error->add_fields(std::move(field));
    }
    evaluator.Evaluate(w->to_score, w->scored_into, &w->scores);
    for (size_t k = 0; k < m; ++k) {
      v1::RecordResult& result = w->results[k];
      result.set_index(first_index + block + k);
      if (result.has_error()) {
        ++w->errors;
      } else {
        ++w->scored;
      }
      encoder.Append(result, &w->out);
      w->stats.Add(result);
    }
  }
}

}  // namespace

std::string RescoreSummary::OneLine() const {
  std::string line = absl::StrCat("read ", read, read == 1 ? " record: " : " records: ", scored, " scored, ", errors,
                                  errors == 1 ? " error" : " errors");
  if (seconds > 0) {
    absl::StrAppend(&line, absl::StrFormat(" in %.2f s (%.0f records/s)", seconds, static_cast<double>(read) / seconds));
  }
  if (!stopped_early.empty()) absl::StrAppend(&line, "; stopped early: ", stopped_early);
  return line;
}

absl::StatusOr<RescoreSummary> RunRescore(const RescoreOptions& options) {
  if (options.policy == nullptr) return absl::InvalidArgumentError("a review policy is required");
  if (options.threads < 1) return absl::InvalidArgumentError("--threads must be at least 1");
  const auto start = std::chrono::steady_clock::now();

  io::SourceOptions source_options;
  source_options.csv_assessment_date = options.csv_assessment_date;
  absl::StatusOr<std::unique_ptr<io::AssessmentSource>> opened =
      io::AssessmentSource::Open(options.input, options.in_format, source_options);
  if (!opened.ok()) return opened.status();
  io::AssessmentSource& source = **opened;

  absl::StatusOr<std::unique_ptr<io::AtomicFile>> created = io::AtomicFile::Create(options.output);
  if (!created.ok()) return created.status();
  io::AtomicFile& output = **created;

  const std::unique_ptr<io::ResultEncoder> encoder = io::ResultEncoder::Create(options.out_format, options.model_set);
  if (absl::Status status = output.Append(encoder->Header()); !status.ok()) return status;

  absl::StatusOr<RecordEvaluator> created_evaluator = RecordEvaluator::Create(options);
  if (!created_evaluator.ok()) return created_evaluator.status();
  const RecordEvaluator& evaluator = *created_evaluator;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.push_back(std::make_unique<Worker>(options.model_set, options.as_of));
  }
  report::CaseloadStats stats(options.model_set, options.as_of);
  io::Progress progress(options.progress ? stderr : nullptr, source.total_bytes());

  RescoreSummary summary;
  io::RawChunk chunk;
  uint64_t next_index = 0;
  while (true) {
    chunk.Clear();
    const io::ReadResult read = source.ReadChunk(options.chunk_records, &chunk);
    const size_t n = chunk.records.size();
    const size_t used = std::max<size_t>(
        1, std::min<size_t>(workers.size(), (n + kMinRecordsPerWorker - 1) / kMinRecordsPerWorker));
    const size_t per = (n + used - 1) / std::max<size_t>(used, 1);
    if (used == 1) {
      ProcessSlice(source, chunk, 0, n, next_index, evaluator, *encoder, workers[0].get());
    } else {
      std::vector<std::thread> threads;
      for (size_t t = 0; t < used; ++t) {
        const size_t begin = std::min(n, t * per);
        const size_t end = std::min(n, begin + per);
        threads.emplace_back([&, t, begin, end] {
          ProcessSlice(source, chunk, begin, end, next_index, evaluator, *encoder, workers[t].get());
        });
      }
      for (std::thread& thread : threads) thread.join();
    }
    for (size_t t = 0; t < used; ++t) {
      if (absl::Status status = output.Append(workers[t]->out); !status.ok()) return status;
    }
    next_index += n;
    progress.Update(next_index, source.bytes_read());
    if (read == io::ReadResult::kFatal) {
      v1::RecordResult truncated;
      truncated.set_index(next_index++);
      truncated.mutable_error()->set_type(v1::TRUNCATED_STREAM);
      truncated.mutable_error()->set_message(source.fatal_error());
      std::string bytes;
      encoder->Append(truncated, &bytes);
      if (absl::Status status = output.Append(bytes); !status.ok()) return status;
      stats.Add(truncated);
      ++summary.errors;
      summary.stopped_early = source.fatal_error();
    }
    if (read != io::ReadResult::kRecord) break;
  }
  for (const auto& worker : workers) {
    stats.Merge(worker->stats);
    summary.scored += worker->scored;
    summary.errors += worker->errors;
  }
  summary.read = next_index;
  summary.mandated = stats.mandated();
  summary.discretionary = stats.discretionary();
  summary.overdue = stats.overdue();
  progress.Finish();
  if (absl::Status status = output.Commit(); !status.ok()) return status;
  summary.output_bytes = output.size();

  if (!options.report.empty()) {
    report::ReportInfo info;
    info.source = options.report_source.empty() ? options.input : options.report_source;
    info.policy_version = options.policy->version();
    info.stopped_early = summary.stopped_early;
    if (absl::Status status = io::WriteFileAtomically(options.report, report::RenderHtmlReport(stats, info));
        !status.ok()) {
      return status;
    }
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace assay::cli
