#include "cpu/thread_pool.h"

#include <algorithm>
#include <chrono>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace kurabe {

namespace {

// How long a thread polls before it sleeps: longer than the gap between the loops of one
// token, far shorter than the gap between tokens of a user-visible stream.
constexpr auto k_spin = std::chrono::microseconds(200);

inline void cpu_relax()
{
#if defined(__x86_64__)
    _mm_pause();
#endif
}

// Polls `ready` for up to k_spin; true when it became true.
template <typename Ready>
bool spin_until(Ready&& ready)
{
    const auto deadline = std::chrono::steady_clock::now() + k_spin;
    for (int i = 0;; ++i) {
        if (ready())
            return true;
        cpu_relax();
        if ((i & 63) == 63 && std::chrono::steady_clock::now() > deadline)
            return false;
    }
}

} // namespace

ThreadPool::ThreadPool(int32_t n_threads)
{
    if (n_threads <= 0)
        n_threads = static_cast<int32_t>(std::max(1u, std::thread::hardware_concurrency()));
    n_threads_ = n_threads;
    for (int32_t i = 1; i < n_threads_; ++i)
        workers_.emplace_back([this, i] { worker(i); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_.store(true);
    }
    start_.notify_all();
    for (std::thread& t : workers_)
        t.join();
}

void ThreadPool::run_chunk(int32_t thread)
{
    const int64_t chunk = (n_ + n_threads_ - 1) / n_threads_;
    const int64_t begin = std::min<int64_t>(n_, chunk * thread);
    const int64_t end = std::min<int64_t>(n_, begin + chunk);
    if (begin < end)
        task_(context_, begin, end, thread);
}

void ThreadPool::run(int64_t n, Task task, void* context)
{
    if (n_threads_ == 1 || n == 1) {
        task(context, 0, n, 0);
        return;
    }
    task_ = task;
    context_ = context;
    n_ = n;
    pending_.store(n_threads_ - 1, std::memory_order_relaxed);
    {
        // Under the mutex, so a worker that checked the generation and is about to sleep
        // cannot miss the wake-up.
        std::lock_guard lock(mutex_);
        generation_.fetch_add(1, std::memory_order_release);
    }
    start_.notify_all();
    run_chunk(0);
    if (!spin_until([this] { return pending_.load(std::memory_order_acquire) == 0; })) {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    }
}

void ThreadPool::worker(int32_t index)
{
    uint64_t seen = 0;
    for (;;) {
        const auto fresh = [&] {
            return stopping_.load(std::memory_order_acquire) ||
                   generation_.load(std::memory_order_acquire) != seen;
        };
        if (!spin_until(fresh)) {
            std::unique_lock lock(mutex_);
            start_.wait(lock, fresh);
        }
        if (stopping_.load(std::memory_order_acquire))
            return;
        seen = generation_.load(std::memory_order_acquire);
        run_chunk(index);
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            // The last worker wakes the caller in case it stopped spinning; the lock orders
            // this notify after the caller's predicate check.
            std::lock_guard lock(mutex_);
            done_.notify_one();
        }
    }
}

} // namespace kurabe
