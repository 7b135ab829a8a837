#include "chat_template/builtins.h"

#include "chat_template/template_error.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace kurabe::chat_template {
namespace {

// range() builds its list eagerly; this bounds what one call may allocate.
constexpr std::int64_t max_range_length = 1'000'000;

const char* const weekday_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
const char* const month_names[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

std::int64_t integer(const Value& v, const char* what)
{
    if (!v.is_int() && !v.is_bool())
        throw_type_error(std::string("'") + type_name(v) + "' object cannot be interpreted as " +
                         what);
    return v.as_int();
}

Value range(const CallArgs& args)
{
    if (args.positional.empty() || args.positional.size() > 3)
        throw_type_error(std::string("range expected 1 to 3 arguments, got ") +
                         std::to_string(args.positional.size()));
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::int64_t step = 1;
    if (args.positional.size() == 1) {
        stop = integer(args.positional[0], "an integer");
    } else {
        start = integer(args.positional[0], "an integer");
        stop = integer(args.positional[1], "an integer");
        if (args.positional.size() == 3)
            step = integer(args.positional[2], "an integer");
    }
    if (step == 0)
        throw_type_error("range() arg 3 must not be zero");
    const long double count = (static_cast<long double>(stop) - start) / step;
    if (count > max_range_length)
        throw TemplateError(ErrorKind::limit, std::string("range() of more than ") +
                                                  std::to_string(max_range_length) +
                                                  " items is not allowed in a template");
    List out;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        out.emplace_back(i);
    return Value(std::move(out));
}

Value make_namespace(const CallArgs& args)
{
    Dict attributes;
    for (const Value& v : args.positional) {
        if (!v.is_dict())
            throw_type_error("namespace() takes mappings or keyword arguments");
        for (const auto& [key, value] : v.as_dict().items)
            attributes.set(key, value);
    }
    for (const auto& [key, value] : args.keyword)
        attributes.set(key, value);
    return Value::make_namespace(std::move(attributes));
}

Value make_dict(const CallArgs& args)
{
    Dict dict;
    for (const Value& v : args.positional) {
        if (!v.is_dict())
            throw_type_error("dict() takes a mapping or keyword arguments");
        for (const auto& [key, value] : v.as_dict().items)
            dict.set(key, value);
    }
    for (const auto& [key, value] : args.keyword)
        dict.set(key, value);
    return Value(std::move(dict));
}

int day_of_year(const DateTime& t)
{
    using namespace std::chrono;
    const sys_days date = year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)},
                                         day{static_cast<unsigned>(t.day)}};
    const sys_days new_year = year_month_day{year{t.year}, January, day{1}};
    return static_cast<int>((date - new_year).count()) + 1;
}

int weekday_of(const DateTime& t)
{
    using namespace std::chrono;
    const sys_days date = year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)},
                                         day{static_cast<unsigned>(t.day)}};
    return static_cast<int>(weekday{date}.c_encoding()); // 0 = Sunday
}

} // namespace

DateTime local_now()
{
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    return DateTime{parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                    parts.tm_hour,        parts.tm_min,     parts.tm_sec};
}

std::string format_time(const DateTime& t, const std::string& format)
{
    std::string out;
    const auto number = [&](int value, int width, bool pad) {
        char buffer[16];
        if (pad)
            std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
        else
            std::snprintf(buffer, sizeof buffer, "%d", value);
        out += buffer;
    };
    const int month_index = (t.month - 1) % 12;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        std::size_t j = i + 1;
        const bool pad = format[j] != '-';
        if (!pad && j + 1 < format.size())
            ++j;
        const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
        switch (format[j]) {
        case 'a':
            out += std::string(weekday_names[weekday_of(t)]).substr(0, 3);
            break;
        case 'A':
            out += weekday_names[weekday_of(t)];
            break;
        case 'b':
        case 'h':
            out += std::string(month_names[month_index]).substr(0, 3);
            break;
        case 'B':
            out += month_names[month_index];
            break;
        case 'd':
            number(t.day, 2, pad);
            break;
        case 'e':
            if (pad && t.day < 10)
                out += ' ';
            number(t.day, 1, false);
            break;
        case 'm':
            number(t.month, 2, pad);
            break;
        case 'y':
            number(t.year % 100, 2, pad);
            break;
        case 'Y':
            number(t.year, 1, false);
            break;
        case 'H':
            number(t.hour, 2, pad);
            break;
        case 'I':
            number(hour12, 2, pad);
            break;
        case 'M':
            number(t.minute, 2, pad);
            break;
        case 'S':
            number(t.second, 2, pad);
            break;
        case 'p':
            out += t.hour < 12 ? "AM" : "PM";
            break;
        case 'j':
            number(day_of_year(t), 3, pad);
            break;
        case 'z':
        case 'Z':
            break; // naive time: no zone, as Python prints for a naive datetime
        case '%':
            out += '%';
            break;
        default:
            out.append(format, i, j - i + 1);
        }
        i = j;
    }
    return out;
}

Dict builtin_globals(const DateTime& now)
{
    Dict globals;
    globals.set("range", Value::function("range", range));
    globals.set("namespace", Value::function("namespace", make_namespace));
    globals.set("dict", Value::function("dict", make_dict));
    globals.set("raise_exception", Value::function("raise_exception", [](const CallArgs& args) {
                    const Value* message = args.get(0, "message");
                    throw TemplateError(ErrorKind::raised, message ? to_str(*message) : "");
                    return Value::none();
                }));
    globals.set("strftime_now", Value::function("strftime_now", [now](const CallArgs& args) {
                    const Value* format = args.get(0, "format");
                    if (format == nullptr || !format->is_string())
                        throw_type_error("strftime_now() needs a format string");
                    return Value(format_time(now, format->as_string()));
                }));
    return globals;
}

} // namespace kurabe::chat_template
