#include "inference/remote/model_lister.h"

#include "inference/remote/http_error.h"
#include "inference/remote/provider_protocol.h"
#include "inference/remote/remote_backend.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace kurabe::inference::remote {

ModelLister::ModelLister(QNetworkAccessManager* network, qint64 ttl_ms, QObject* parent)
    : QObject(parent), network_(network ? network : networkForThisThread()), ttl_ms_(ttl_ms)
{}

void ModelLister::list(const ProviderConfig& config,
                       std::function<void(const ModelListResult&)> done)
{
    const auto deliver = [this, done](ModelListResult result) {
        QTimer::singleShot(0, this, [done, result] { done(result); });
    };
    if (const auto problem = checkTransport(config)) {
        deliver(ModelListResult{{}, ErrorKind::Network, *problem, false});
        return;
    }
    const auto cached = cache_.constFind(config.name);
    if (cached != cache_.constEnd() && cached->base_url == config.base_url.toString() &&
        cached->age.elapsed() < ttl_ms_) {
        deliver(ModelListResult{cached->models, ErrorKind::None, QString(), true});
        return;
    }

    const HttpRequestSpec spec = modelListRequest(config);
    QNetworkRequest request(spec.url);
    for (const auto& [name, value] : spec.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(config.timeouts.first_byte_ms);
    QNetworkReply* reply = network_->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, config, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        ModelListResult result;
        if (status == 0) {
            result.error = reply->error() == QNetworkReply::OperationCanceledError
                               ? ErrorKind::Timeout
                               : ErrorKind::Network;
            result.error_message = QStringLiteral("could not reach %1: %2")
                                       .arg(config.base_url.host(), reply->errorString());
        } else if (status < 200 || status >= 300) {
            const ProviderError error = classifyHttpError(
                status, body, reply->rawHeader("retry-after"), QDateTime::currentDateTimeUtc());
            result.error = error.kind;
            result.error_message = error.message;
        } else if (const auto models = parseModelList(config.kind, body)) {
            result.models = *models;
            Entry& entry = cache_[config.name];
            entry.base_url = config.base_url.toString();
            entry.models = *models;
            entry.age.start();
        } else {
            result.error = ErrorKind::Protocol;
            result.error_message =
                QStringLiteral("the model list from %1 is not in the expected format")
                    .arg(config.base_url.host());
        }
        result.error_message = redactKey(result.error_message, config.api_key);
        done(result);
    });
}

} // namespace kurabe::inference::remote
