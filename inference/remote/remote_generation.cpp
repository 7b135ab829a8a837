#include "inference/remote/remote_generation.h"

#include "inference/remote/http_error.h"
#include "inference/remote/ollama_protocol.h"
#include "inference/remote/provider_protocol.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>

#include <cmath>

namespace kurabe::inference::remote {

namespace {

// An error body is read for its message only; a server sending megabytes of it is cut. Bytes.
constexpr qsizetype kMaxErrorBody = 64 * 1024;

// Below this streaming window (milliseconds) a rate says nothing: a proxy that buffered the
// whole answer delivers it in one burst, and tokens over microseconds is noise, not speed.
constexpr double kMinRateWindowMs = 20.0;

// Rough tokens for text when a provider reports none: about four characters per token for
// English with the common BPE vocabularies. Marked as estimated wherever it is shown.
int64_t estimateTokens(qsizetype chars)
{
    return chars <= 0 ? 0 : static_cast<int64_t>((chars + 3) / 4);
}

bool isRateLimitHeader(const QByteArray& lower)
{
    return lower.startsWith("x-ratelimit-") || lower.startsWith("anthropic-ratelimit-") ||
           lower == "retry-after";
}

} // namespace

RemoteGeneration::RemoteGeneration(ProviderConfig config, QString model,
                                   const GenerationRequest& request, QNetworkAccessManager* network,
                                   ProviderQueue* queue, QObject* parent)
    : Generation(parent), config_(std::move(config)), model_(std::move(model)),
      spec_(chatRequest(config_, model_, request)), network_(network), queue_(queue)
{
    for (const ChatMessage& message : request.messages)
        prompt_chars_ += message.content.size();
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &RemoteGeneration::onTimeout);
}

RemoteGeneration::~RemoteGeneration()
{
    dropReply();
    if (ticket_)
        queue_->release(ticket_);
}

void RemoteGeneration::begin()
{
    clock_.start();
    if (const auto problem = checkTransport(config_)) {
        complete(FinishReason::Error, ErrorKind::Network, *problem);
        return;
    }
    ticket_ = queue_->enqueue(config_.name, config_.max_concurrent, [this] { sendAttempt(); });
}

void RemoteGeneration::cancel()
{
    if (phase_ != Phase::Done)
        complete(FinishReason::Cancelled, ErrorKind::Cancelled,
                 QStringLiteral("stopped before the answer was complete"));
}

void RemoteGeneration::sendAttempt()
{
    if (phase_ == Phase::Done)
        return;
    decoder_ = makeDecoder(config_.kind);
    status_ = 0;
    error_body_.clear();
    ssl_errors_.clear();

    QNetworkRequest request(spec_.url);
    for (const auto& [name, value] : spec_.headers)
        request.setRawHeader(name, value);
    // A redirect would carry the key to wherever it points; it is reported instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply = network_->post(request, spec_.body);
    reply_ = reply;
    connect(reply, &QNetworkReply::requestSent, this, [this] {
        if (phase_ == Phase::Connecting) {
            phase_ = Phase::FirstByte;
            timeout_message_ = QStringLiteral("no response within %1 s of sending the request")
                                   .arg(config_.timeouts.first_byte_ms / 1000.0);
            timer_.start(config_.timeouts.first_byte_ms);
        }
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &RemoteGeneration::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &RemoteGeneration::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &RemoteGeneration::onReplyFinished);
    // TLS errors are recorded for the message and never ignored: the handshake fails.
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            ssl_errors_.append(error.errorString());
    });
    phase_ = Phase::Connecting;
    timeout_message_ = QStringLiteral("could not connect to %1 within %2 s")
                           .arg(spec_.url.host())
                           .arg(config_.timeouts.connect_ms / 1000.0);
    timer_.start(config_.timeouts.connect_ms);
}

void RemoteGeneration::onMetaData()
{
    if (!reply_ || phase_ == Phase::Done)
        return;
    status_ = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    recordHeaders(reply_);
    phase_ = Phase::Streaming;
    timeout_message_ = QStringLiteral("the stream stalled: nothing for %1 s")
                           .arg(config_.timeouts.idle_ms / 1000.0);
    timer_.start(config_.timeouts.idle_ms);
}

void RemoteGeneration::recordHeaders(QNetworkReply* reply)
{
    QJsonObject limits;
    for (const auto& [name, value] : reply->rawHeaderPairs()) {
        const QByteArray lower = name.toLower();
        if (lower == "x-request-id" || lower == "request-id")
            request_id_ = QString::fromLatin1(value);
        else if (isRateLimitHeader(lower))
            limits.insert(QString::fromLatin1(lower), QString::fromLatin1(value));
    }
    if (!limits.isEmpty())
        details_.insert(QStringLiteral("rate_limits"), limits);
}

void RemoteGeneration::onReadyRead()
{
    if (!reply_ || phase_ == Phase::Done)
        return;
    if (phase_ != Phase::Streaming)
        onMetaData();
    timer_.start(config_.timeouts.idle_ms);
    const QByteArray bytes = reply_->readAll();
    if (status_ < 200 || status_ >= 300) {
        error_body_.append(bytes.left(kMaxErrorBody - error_body_.size()));
        return;
    }
    std::vector<StreamEvent> events;
    decoder_->feed(bytes, events);
    handle(events);
}

void RemoteGeneration::onReplyFinished()
{
    if (!reply_ || phase_ == Phase::Done || sender() != reply_)
        return;
    timer_.stop();
    QNetworkReply* reply = reply_;
    if (status_ == 0)
        status_ = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status_ == 0) {
        // No HTTP response at all: refused, reset, DNS, TLS.
        QString message =
            QStringLiteral("could not reach %1: %2").arg(spec_.url.host(), reply->errorString());
        if (!ssl_errors_.isEmpty())
            message += QStringLiteral(" (TLS: %1)").arg(ssl_errors_.join(QStringLiteral("; ")));
        complete(FinishReason::Error, ErrorKind::Network, message);
        return;
    }
    recordHeaders(reply);
    if (status_ < 200 || status_ >= 300) {
        error_body_.append(reply->readAll().left(kMaxErrorBody - error_body_.size()));
        if (status_ >= 300 && status_ < 400) {
            complete(FinishReason::Error, ErrorKind::BadRequest,
                     QStringLiteral("HTTP %1: the server redirected to %2; set the provider's "
                                    "base URL to the new address")
                         .arg(status_)
                         .arg(reply->header(QNetworkRequest::LocationHeader).toUrl().toString()));
            return;
        }
        const ProviderError error = classifyHttpError(
            status_, error_body_, reply->rawHeader("retry-after"), QDateTime::currentDateTimeUtc());
        fail(error.kind, error.message, error.retry_after_seconds);
        return;
    }
    std::vector<StreamEvent> events;
    decoder_->feed(reply->readAll(), events);
    if (!decoder_->done() && reply->error() != QNetworkReply::NoError) {
        // The connection broke mid-stream; what arrived was shown and is kept.
        handle(events);
        if (phase_ != Phase::Done)
            fail(ErrorKind::Network,
                 QStringLiteral("the connection to %1 broke after %2 characters: %3")
                     .arg(spec_.url.host())
                     .arg(output_chars_)
                     .arg(reply->errorString()),
                 std::nullopt);
        return;
    }
    decoder_->finish(events);
    handle(events);
}

void RemoteGeneration::onTimeout()
{
    if (phase_ == Phase::BackingOff) {
        sendAttempt();
        return;
    }
    if (phase_ == Phase::Done)
        return;
    complete(FinishReason::Error, ErrorKind::Timeout, timeout_message_);
}

void RemoteGeneration::handle(std::vector<StreamEvent>& events)
{
    for (StreamEvent& event : events) {
        if (phase_ == Phase::Done)
            return;
        switch (event.kind) {
        case StreamEvent::Kind::TextDelta:
        case StreamEvent::Kind::ReasoningDelta: {
            // TTFT counts the first token of either kind: reasoning is output the model spent
            // time on, and what a thinking model shows first.
            const double now = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
            if (!first_token_ms_)
                first_token_ms_ = now;
            last_token_ms_ = now;
            output_chars_ += event.text.size();
            if (event.kind == StreamEvent::Kind::TextDelta)
                emit textDelta(event.text);
            else
                emit reasoningDelta(event.text);
            break;
        }
        case StreamEvent::Kind::Usage:
            if (event.usage.input_tokens)
                usage_.input_tokens = event.usage.input_tokens;
            if (event.usage.output_tokens)
                usage_.output_tokens = event.usage.output_tokens;
            if (event.usage.cached_input_tokens)
                usage_.cached_input_tokens = event.usage.cached_input_tokens;
            break;
        case StreamEvent::Kind::Finish:
            complete(event.finish);
            break;
        case StreamEvent::Kind::Error:
            fail(event.error, event.text, event.retry_after_seconds);
            break;
        }
    }
}

void RemoteGeneration::fail(ErrorKind kind, const QString& message,
                            std::optional<int> retry_after_seconds)
{
    // Never retried once text was shown: the user would see it twice, or a different answer.
    const bool allowed =
        isRetryable(kind) && output_chars_ == 0 && attempt_ < config_.retry.max_retries &&
        (!retry_after_seconds || *retry_after_seconds <= config_.retry.max_retry_after_s);
    if (!allowed) {
        complete(FinishReason::Error, kind, message, retry_after_seconds);
        return;
    }
    dropReply();
    const int delay_ms = retry_after_seconds ? *retry_after_seconds * 1000 : backoffMs();
    ++attempt_;
    QJsonArray retries = details_.value(QStringLiteral("retries")).toArray();
    retries.append(QJsonObject{{QStringLiteral("error"), errorKindName(kind)},
                               {QStringLiteral("delay_ms"), delay_ms}});
    details_.insert(QStringLiteral("retries"), retries);
    phase_ = Phase::BackingOff;
    timer_.start(delay_ms);
}

int RemoteGeneration::backoffMs() const
{
    // Exponential with "equal jitter": half the step fixed, half random, so clients that failed
    // together do not come back together.
    const double step = std::min<double>(config_.retry.max_delay_ms,
                                         config_.retry.base_delay_ms * std::pow(2.0, attempt_));
    return static_cast<int>(step / 2 + QRandomGenerator::global()->bounded(step / 2));
}

void RemoteGeneration::complete(FinishReason finish, ErrorKind error, const QString& message,
                                std::optional<int> retry_after_seconds)
{
    if (phase_ == Phase::Done)
        return;
    phase_ = Phase::Done;
    timer_.stop();
    GenerationResult result = buildResult(finish);
    result.error = error;
    result.error_message = redactKey(message, config_.api_key);
    result.retry_after_seconds = retry_after_seconds;
    dropReply();
    if (ticket_)
        queue_->release(std::exchange(ticket_, 0));
    // Delivered from the event loop, so a caller that cancels (or a slot of textDelta that
    // ends the generation) never receives finished() inside its own call.
    QMetaObject::invokeMethod(
        this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
}

void RemoteGeneration::dropReply()
{
    if (!reply_)
        return;
    QNetworkReply* reply = reply_;
    reply_ = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

GenerationResult RemoteGeneration::buildResult(FinishReason finish) const
{
    GenerationResult result;
    result.finish = finish;
    result.wall_ms = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
    result.ttft_ms = first_token_ms_;
    result.request_id = request_id_;
    result.details = details_;
    result.details.insert(QStringLiteral("provider"), config_.name);
    result.details.insert(QStringLiteral("model"), model_);
    result.details.insert(QStringLiteral("attempts"), attempt_ + 1);

    Usage usage = usage_;
    if (!usage.output_tokens) {
        usage.output_tokens = estimateTokens(output_chars_);
        usage.estimated = true;
    }
    if (!usage.input_tokens) {
        usage.input_tokens = estimateTokens(prompt_chars_);
        usage.estimated = true;
    }
    result.usage = usage;

    // Ollama measures generation speed on the server; elsewhere it is tokens over the time
    // from the first token to the last.
    const auto* ollama = dynamic_cast<const OllamaStreamDecoder*>(decoder_.get());
    if (ollama && ollama->timings().eval_count &&
        ollama->timings().eval_duration_ns.value_or(0) > 0) {
        result.tokens_per_second = static_cast<double>(*ollama->timings().eval_count) * 1e9 /
                                   static_cast<double>(*ollama->timings().eval_duration_ns);
        if (ollama->timings().prompt_eval_count &&
            ollama->timings().prompt_eval_duration_ns.value_or(0) > 0)
            result.prompt_tokens_per_second =
                static_cast<double>(*ollama->timings().prompt_eval_count) * 1e9 /
                static_cast<double>(*ollama->timings().prompt_eval_duration_ns);
    } else if (first_token_ms_ && *usage.output_tokens > 1 &&
               last_token_ms_ - *first_token_ms_ >= kMinRateWindowMs) {
        // The first token arrived at first_token_ms_; the rest took the remaining time.
        result.tokens_per_second = static_cast<double>(*usage.output_tokens - 1) * 1000.0 /
                                   (last_token_ms_ - *first_token_ms_);
    }

    if (const auto price = config_.prices.constFind(model_); price != config_.prices.constEnd()) {
        result.cost_usd =
            static_cast<double>(*usage.input_tokens) * price->input_usd_per_mtok / 1e6 +
            static_cast<double>(*usage.output_tokens) * price->output_usd_per_mtok / 1e6;
    }
    return result;
}

} // namespace kurabe::inference::remote
