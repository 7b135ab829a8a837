// The one event model every remote provider client (and the local engine, when it streams
// through the same Backend interface) speaks: text and reasoning deltas, usage, the finish
// reason, and typed errors. Values stored on disk are marked "never reuse a value".
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace kurabe::inference {

// Stored in the database with messages: never reuse a value.
enum class FinishReason : int
{
    None = 0,      // still streaming
    Stop = 1,      // the model ended its answer (EOS, stop sequence)
    Length = 2,    // max tokens reached
    Cancelled = 3, // the user stopped it
    Error = 4,     // an error ended it
    ContentFilter = 5,
    ToolCalls = 6,
};

// Stored in the database with messages: never reuse a value.
enum class ErrorKind : int
{
    None = 0,
    Auth = 1,        // 401: the key is wrong or missing
    Permission = 2,  // 403
    NotFound = 3,    // 404: model or endpoint
    RateLimited = 4, // 429, with retry_after when the server says
    Overloaded = 5,  // 529 and provider "overloaded" errors
    SpendCap = 6,    // quota or billing limit reached
    BadRequest = 7,  // 400/422
    Server = 8,      // other 5xx
    Network = 9,     // connection refused/reset, DNS, TLS
    Timeout = 10,    // connect, first byte or idle timeout
    Cancelled = 11,
    Protocol = 12, // the server's stream broke the wire format
};

struct Usage
{
    std::optional<int64_t> input_tokens;
    std::optional<int64_t> output_tokens;
    std::optional<int64_t> cached_input_tokens;
    bool estimated = false; // counted by us because the provider did not report them
};

struct StreamEvent
{
    enum class Kind
    {
        TextDelta,
        ReasoningDelta,
        Usage,
        Finish,
        Error
    };
    Kind kind = Kind::TextDelta;
    QString text;                             // TextDelta, ReasoningDelta; the message for Error
    Usage usage;                              // Usage
    FinishReason finish = FinishReason::None; // Finish
    ErrorKind error = ErrorKind::None;        // Error
    std::optional<int> retry_after_seconds;   // Error (RateLimited, Overloaded)
};

} // namespace kurabe::inference
