// What a running local generation shares between the model's worker thread, which appends
// text as tokens are decoded, and the Generation object on the caller's thread, which hands it
// on about once per frame: the pending text and the cancel flag.
#pragma once

#include <atomic>
#include <mutex>
#include <string>

namespace kurabe::inference {

struct LocalStream
{
    std::mutex mutex;
    std::string pending; // UTF-8, always whole characters (the detokenizer guarantees it)
    std::atomic<bool> cancel{false};

    void append(std::string_view text)
    {
        const std::lock_guard lock(mutex);
        pending.append(text);
    }
    std::string take()
    {
        const std::lock_guard lock(mutex);
        return std::exchange(pending, {});
    }
};

} // namespace kurabe::inference
