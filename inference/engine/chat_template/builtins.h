// The global functions a chat template can call: range, namespace, dict, and the two that
// Hugging Face's chat-template environment adds, raise_exception(message) and
// strftime_now(format).
#pragma once

#include "chat_template/value.h"

namespace kurabe::chat_template {

// A calendar date and wall-clock time, as Python's naive datetime.now() gives it.
struct DateTime
{
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
};

DateTime local_now();

// Python's datetime.strftime for the C locale: %a %A %b %B %d %m %y %Y %H %I %M %S %p %j %e
// %%, with glibc's "-" flag (%-d) dropping the padding. Unknown directives stay as written.
std::string format_time(const DateTime& t, const std::string& format);

// The built-in globals, with strftime_now reading `now`.
Dict builtin_globals(const DateTime& now);

} // namespace kurabe::chat_template
