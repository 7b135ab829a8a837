// Stop strings in streamed text: text that could still turn into a stop string is held back
// until it either completes one (generation ends; the stop string is not shown) or cannot.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kurabe {

class StopStringFilter
{
public:
    explicit StopStringFilter(std::vector<std::string> stops);

    // Feeds generated text; returns what may be shown now. After a stop string completes,
    // stopped() is true and further input is ignored.
    std::string push(std::string_view text);

    // The held-back text, when generation ends for another reason.
    std::string flush();

    bool stopped() const { return stopped_; }

private:
    std::vector<std::string> stops_;
    std::string pending_;
    bool stopped_ = false;
};

} // namespace kurabe
