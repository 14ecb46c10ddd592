// ParallelFor: run tasks 0..n-1 on up to `threads` threads.
//
// Contract: fn(task, worker) is called exactly once per task, with worker in
// [0, threads) identifying the calling thread (for per-thread scratch
// buffers). Tasks are handed out in increasing order through an atomic
// counter, so the split adapts to uneven tasks; the caller's thread is
// worker 0. Returns after every task has finished. With threads <= 1 or a
// single task, everything runs on the caller's thread and no thread is
// created. Templated on fn: no std::function on the hot path.
#ifndef ASSAY_ENGINE_BATCH_PARALLEL_H_
#define ASSAY_ENGINE_BATCH_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace assay::batch {

template <typename Fn>
void ParallelFor(size_t tasks, int threads, Fn&& fn) {
  if (threads <= 1 || tasks <= 1) {
    for (size_t t = 0; t < tasks; ++t) fn(t, 0);
    return;
  }
  const int workers = static_cast<size_t>(threads) < tasks ? threads : static_cast<int>(tasks);
  std::atomic<size_t> next{0};
  const auto run = [&](int worker) {
    for (size_t t = next.fetch_add(1, std::memory_order_relaxed); t < tasks;
         t = next.fetch_add(1, std::memory_order_relaxed)) {
      fn(t, worker);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace assay::batch

#endif  // ASSAY_ENGINE_BATCH_PARALLEL_H_
