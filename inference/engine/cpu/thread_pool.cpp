#include "cpu/thread_pool.h"

#include <algorithm>

namespace kurabe {

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
        stopping_ = true;
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
    {
        std::lock_guard lock(mutex_);
        task_ = task;
        context_ = context;
        n_ = n;
        pending_ = n_threads_ - 1;
        ++generation_;
    }
    start_.notify_all();
    run_chunk(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
}

void ThreadPool::worker(int32_t index)
{
    uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_)
                return;
            seen = generation_;
        }
        run_chunk(index);
        {
            std::lock_guard lock(mutex_);
            --pending_;
        }
        done_.notify_one();
    }
}

} // namespace kurabe
