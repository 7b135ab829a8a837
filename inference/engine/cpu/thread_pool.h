// A fixed set of worker threads for data-parallel loops. The calling thread works too, so a
// pool of n threads starts n - 1 workers. Nothing allocates per loop.
//
// A decoded token runs a few hundred short loops, so waking sleeping threads through a
// condition variable for each one would cost more than the work on small models: workers and
// the caller spin for a short while first and only sleep when no loop comes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace kurabe {

class ThreadPool
{
public:
    explicit ThreadPool(int32_t n_threads); // 0: one per hardware thread
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int32_t size() const { return n_threads_; }

    // Calls fn(begin, end, thread) on disjoint chunks covering [0, n); returns when all are
    // done. Chunks are contiguous and about equal, one per thread (`thread` in [0, size())).
    template <typename Fn>
    void parallel_for(int64_t n, Fn&& fn)
    {
        if (n <= 0)
            return;
        auto trampoline = [](void* context, int64_t begin, int64_t end, int32_t thread) {
            (*static_cast<std::remove_reference_t<Fn>*>(context))(begin, end, thread);
        };
        run(n, trampoline, &fn);
    }

private:
    using Task = void (*)(void* context, int64_t begin, int64_t end, int32_t thread);
    void run(int64_t n, Task task, void* context);
    void worker(int32_t index);
    void run_chunk(int32_t thread);

    int32_t n_threads_;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_;
    std::condition_variable done_;
    std::atomic<uint64_t> generation_{0}; // bumped per loop; workers run once per generation
    std::atomic<int32_t> pending_{0};     // workers still busy with the current loop
    std::atomic<bool> stopping_{false};
    Task task_ = nullptr; // the current loop; written before generation_ is bumped
    void* context_ = nullptr;
    int64_t n_ = 0;
};

} // namespace kurabe
