// One streaming request to a remote provider, behind the Generation interface: queued behind
// the provider's concurrency limit, POSTed with QNetworkAccessManager (TLS verified; errors are
// never ignored), read chunk by chunk as it arrives, retried on 429/5xx/529 before any text
// was shown, timed out when the connection, the first byte or the next chunk takes too long,
// and measured (TTFT, tokens/s, usage, cost, request id, rate-limit headers).
#pragma once

#include "inference/backend.h"
#include "inference/remote/http_request_spec.h"
#include "inference/remote/provider_config.h"
#include "inference/remote/provider_queue.h"
#include "inference/remote/stream_decoder.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace kurabe::inference::remote {

class RemoteGeneration final : public Generation
{
    Q_OBJECT
public:
    RemoteGeneration(ProviderConfig config, QString model, const GenerationRequest& request,
                     QNetworkAccessManager* network, ProviderQueue* queue,
                     QObject* parent = nullptr);
    ~RemoteGeneration() override;

    // Queues the request (called once, by RemoteBackend::start).
    void begin();
    void cancel() override;

private:
    enum class Phase
    {
        Queued,
        Connecting, // until the request is on the wire
        FirstByte,  // until the response starts
        Streaming,  // between chunks
        BackingOff, // waiting to retry
        Done
    };

    void sendAttempt();
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onTimeout();
    void handle(std::vector<StreamEvent>& events);
    // A failure: retried when allowed, else the end of the generation.
    void fail(ErrorKind kind, const QString& message, std::optional<int> retry_after_seconds);
    void complete(FinishReason finish, ErrorKind error = ErrorKind::None,
                  const QString& message = QString(),
                  std::optional<int> retry_after_seconds = std::nullopt);
    void dropReply();
    void recordHeaders(QNetworkReply* reply);
    int backoffMs() const;
    GenerationResult buildResult(FinishReason finish) const;

    ProviderConfig config_;
    QString model_;
    HttpRequestSpec spec_;
    qsizetype prompt_chars_ = 0;
    QNetworkAccessManager* network_;
    ProviderQueue* queue_;
    ProviderQueue::Ticket ticket_ = 0;
    QPointer<QNetworkReply> reply_;
    std::unique_ptr<StreamDecoder> decoder_;
    Phase phase_ = Phase::Queued;
    QTimer timer_; // the timeout of the current phase, and the backoff delay
    QString timeout_message_;
    int attempt_ = 0; // retries made so far
    int status_ = 0;  // HTTP status of the current attempt; 0 before the headers
    QByteArray error_body_;
    QStringList ssl_errors_;
    QElapsedTimer clock_; // since begin()
    std::optional<double> first_token_ms_;
    double last_token_ms_ = 0;
    qsizetype output_chars_ = 0; // text and reasoning
    Usage usage_;                // as the provider reported it
    QString request_id_;
    QJsonObject details_;
};

} // namespace kurabe::inference::remote
