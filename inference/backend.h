// The one interface chat and compare talk to, whatever answers: a local GGUF model running on
// its worker thread (Vulkan or CPU), or a remote provider's model over the network. A Backend
// starts Generations; a Generation streams text and ends with one GenerationResult carrying
// the metrics that are stored with the message or comparison result.
#pragma once

#include "inference/stream_event.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace kurabe::inference {

struct ChatMessage
{
    QString role; // "system", "user" or "assistant"
    QString content;
};

// Sampling parameters of one request; an unset field means the backend's default. Kept with
// messages and comparison targets as JSON under these names, so they are stable.
struct SamplingParams
{
    std::optional<double> temperature;
    std::optional<double> top_p;
    std::optional<int> top_k;
    std::optional<double> min_p;
    std::optional<double> repeat_penalty;
    std::optional<double> presence_penalty;
    std::optional<double> frequency_penalty;
    std::optional<quint64> seed;
    std::optional<int> max_tokens;
    QStringList stop;

    QJsonObject toJson() const;
    // Unknown keys are ignored and mistyped values left unset, so old rows always load.
    static SamplingParams fromJson(const QJsonObject& json);
    bool operator==(const SamplingParams&) const = default;
};

struct GenerationRequest
{
    QList<ChatMessage> messages; // in order; an optional leading "system" message
    SamplingParams sampling;
};

// What one generation measured, delivered once when it ends.
struct GenerationResult
{
    FinishReason finish = FinishReason::None;
    ErrorKind error = ErrorKind::None; // set when finish is Error
    QString error_message;             // for the user; never contains a key
    std::optional<int> retry_after_seconds;
    Usage usage;
    std::optional<double> ttft_ms;                  // request start to first text
    std::optional<double> prompt_tokens_per_second; // local models: prompt processing
    std::optional<double> tokens_per_second;        // generation
    double wall_ms = 0;                             // request start to end
    std::optional<double> cost_usd;                 // remote models with known prices
    QString request_id;                             // the provider's request id
    QJsonObject details; // backend specifics: device, rate-limit headers, model file hash, ...
};

// Stable names stored in the database and exports ("stop", "length", "cancelled", ...).
QString finishReasonName(FinishReason reason);
FinishReason finishReasonFromName(const QString& name);
QString errorKindName(ErrorKind kind);

// One running generation, living on the thread that started it. Emits deltas in order, then
// finished() exactly once — also after cancel(), with FinishReason::Cancelled.
class Generation : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;

signals:
    void textDelta(const QString& text);
    void reasoningDelta(const QString& text);
    void finished(const kurabe::inference::GenerationResult& result);
};

// A model that can answer: a loaded local model, or one remote provider's model.
class Backend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // For people: "Qwen2.5 0.5B Instruct Q4_K_M · Vulkan: <GPU>", "OpenAI · gpt-4o".
    virtual QString displayName() const = 0;
    // For the database: {"kind":"local","path":...,"backend":"cpu","device":...} or
    // {"kind":"remote","provider":...,"model":...}.
    virtual QJsonObject target() const = 0;
    // Starts answering `request`. The caller owns the result (delete it after finished()).
    virtual Generation* start(const GenerationRequest& request) = 0;
};

} // namespace kurabe::inference

Q_DECLARE_METATYPE(kurabe::inference::GenerationResult)
