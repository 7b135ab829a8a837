// What Kurabe knows about one configured remote provider: its wire protocol, base URL, key,
// limits and the prices of its models. The key is a secret: it is only ever put in request
// headers; QDebug output and error messages show whether one is set, never its text.
#pragma once

#include <QDebug>
#include <QHash>
#include <QString>
#include <QUrl>

#include <optional>

namespace kurabe::inference::remote {

// The wire protocol a provider speaks. Stored by name ("openai-compatible", ...).
enum class ProviderKind
{
    OpenAiCompatible, // POST {base}/chat/completions, SSE
    Anthropic,        // POST {base}/v1/messages, SSE with named events
    Gemini,           // POST {base}/models/{model}:streamGenerateContent?alt=sse
    Ollama,           // POST {base}/api/chat, NDJSON
};

QString providerKindName(ProviderKind kind);
std::optional<ProviderKind> providerKindFromName(const QString& name);

// Prices in US dollars per million tokens, as providers publish them.
struct ModelPrice
{
    double input_usd_per_mtok = 0;
    double output_usd_per_mtok = 0;
};

// Milliseconds. connect: until the request is on the wire; first_byte: from then until the
// response starts; idle: the longest silence between two chunks of a streaming body.
struct ProviderTimeouts
{
    int connect_ms = 15000;
    int first_byte_ms = 120000;
    int idle_ms = 60000;
};

struct RetryPolicy
{
    int max_retries = 3;      // attempts after the first
    int base_delay_ms = 1000; // doubled per retry, with jitter
    int max_delay_ms = 30000;
    int max_retry_after_s = 120; // a server asking to wait longer than this is not retried
};

struct ProviderConfig
{
    QString name;   // the user's name for it, unique: "openai", "work-vllm"
    QString preset; // the preset it came from ("openai", "llamacpp", "custom", ...)
    ProviderKind kind = ProviderKind::OpenAiCompatible;
    QUrl base_url;
    QString api_key;                   // secret; empty for servers without keys
    QHash<QString, ModelPrice> prices; // by model id
    int max_concurrent = 4;            // requests in flight to this provider from one thread
    int default_max_tokens = 4096; // Anthropic requires max_tokens; used when a request sets none
    ProviderTimeouts timeouts;
    RetryPolicy retry;
};

// Checks that requests to `config.base_url` may be sent: https always; plain http only to a
// loopback or private-network host, or for a local-server or custom preset the user pointed at
// an address themselves. Returns the reason when not.
std::optional<QString> checkTransport(const ProviderConfig& config);

// True for 127.0.0.0/8, ::1, localhost, RFC 1918, link-local and unique-local addresses.
bool isLocalHost(const QString& host);

// Replaces every occurrence of the key in `text` (an error body may echo it) with "[key]".
QString redactKey(const QString& text, const QString& key);

} // namespace kurabe::inference::remote

QDebug operator<<(QDebug debug, const kurabe::inference::remote::ProviderConfig& config);
