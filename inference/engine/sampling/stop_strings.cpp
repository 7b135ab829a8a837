#include "sampling/stop_strings.h"

#include <algorithm>

namespace kurabe {

StopStringFilter::StopStringFilter(std::vector<std::string> stops) : stops_(std::move(stops))
{
    std::erase_if(stops_, [](const std::string& s) { return s.empty(); });
}

std::string StopStringFilter::push(std::string_view text)
{
    if (stopped_)
        return {};
    pending_.append(text);

    // A complete stop string: show what came before the earliest one and stop.
    size_t earliest = std::string::npos;
    for (const std::string& stop : stops_)
        earliest = std::min(earliest, pending_.find(stop));
    if (earliest != std::string::npos) {
        stopped_ = true;
        std::string out = pending_.substr(0, earliest);
        pending_.clear();
        return out;
    }

    // Hold back the longest tail that is a prefix of some stop string.
    size_t hold = 0;
    for (const std::string& stop : stops_) {
        const size_t longest = std::min(stop.size() - 1, pending_.size());
        for (size_t n = longest; n > hold; --n) {
            if (pending_.compare(pending_.size() - n, n, stop, 0, n) == 0) {
                hold = n;
                break;
            }
        }
    }
    std::string out = pending_.substr(0, pending_.size() - hold);
    pending_.erase(0, pending_.size() - hold);
    return out;
}

std::string StopStringFilter::flush()
{
    std::string out;
    out.swap(pending_);
    return out;
}

} // namespace kurabe
