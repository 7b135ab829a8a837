#include "catalog/downloader.h"

#include "storage/stores/model_file_store.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkReply>
#include <QStorageInfo>

namespace kurabe::catalog {

namespace {

constexpr qint64 k_free_space_margin = 64LL * 1024 * 1024; // bytes left free after the download

QString size_text(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(static_cast<double>(bytes) / 1e6, 0, 'f', 1);
}

bool is_loopback(const QString& host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

ModelDownloader::ModelDownloader(QObject* parent) : QObject(parent)
{
    network_.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ModelDownloader::~ModelDownloader()
{
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

QString ModelDownloader::start(const DownloadRequest& request)
{
    if (busy())
        return tr("a download is already running");
    const QUrl& url = request.url;
    const bool loopback_http = request.allow_loopback_http &&
                               url.scheme() == QLatin1String("http") && is_loopback(url.host());
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && !loopback_http))
        return tr("%1: only https:// downloads are allowed").arg(url.toString());
    if (QFileInfo::exists(request.destination))
        return tr("%1 already exists; delete it first to download it again")
            .arg(request.destination);
    const QString folder = QFileInfo(request.destination).absolutePath();
    if (!QDir().mkpath(folder))
        return tr("cannot create the folder %1").arg(folder);

    request_ = request;
    offset_ = QFileInfo(part_path()).size();
    if (request.expected_size && offset_ > *request.expected_size) {
        QFile::remove(part_path()); // longer than the whole file: from another download
        offset_ = 0;
    }
    if (request.expected_size) {
        const QStorageInfo disk(folder);
        const qint64 needed = *request.expected_size - offset_ + k_free_space_margin;
        if (disk.isValid() && disk.bytesAvailable() < needed)
            return tr("not enough free space in %1: the download needs %2, %3 are free")
                .arg(folder, size_text(needed), size_text(disk.bytesAvailable()));
    }

    // The hash covers the whole file, so a resumed download first reads what is already there.
    hash_.reset();
    part_.setFileName(part_path());
    if (!part_.open(QIODevice::ReadWrite))
        return tr("cannot open %1: %2").arg(part_path(), part_.errorString());
    if (offset_ > 0) {
        while (!part_.atEnd()) {
            const QByteArray chunk = part_.read(4 << 20);
            if (chunk.isEmpty()) {
                part_.close();
                return tr("cannot read %1: %2").arg(part_path(), part_.errorString());
            }
            hash_.addData(chunk);
        }
    }
    part_.seek(offset_);

    QNetworkRequest network_request(url);
    network_request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Kurabe"));
    if (offset_ > 0)
        network_request.setRawHeader("Range", "bytes=" + QByteArray::number(offset_) + "-");
    received_ = 0;
    status_checked_ = false;
    cancelled_ = false;
    error_.clear();
    delete_part_ = false;
    reply_ = network_.get(network_request);
    connect(reply_, &QNetworkReply::readyRead, this, &ModelDownloader::on_ready_read);
    connect(reply_, &QNetworkReply::finished, this, &ModelDownloader::on_finished);
    return {};
}

void ModelDownloader::cancel()
{
    if (!reply_)
        return;
    cancelled_ = true;
    reply_->abort();
}

qint64 ModelDownloader::total_bytes() const
{
    if (request_.expected_size)
        return *request_.expected_size;
    const QVariant length =
        reply_ ? reply_->header(QNetworkRequest::ContentLengthHeader) : QVariant();
    return length.isValid() ? offset_ + length.toLongLong() : 0;
}

// Decides, once the response headers are in, whether the body is the file (or its rest).
bool ModelDownloader::check_status()
{
    if (status_checked_)
        return error_.isEmpty();
    status_checked_ = true;
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 206 && offset_ > 0) {
        const QByteArray range = reply_->rawHeader("Content-Range");
        if (!range.startsWith("bytes " + QByteArray::number(offset_) + "-")) {
            error_ = tr("the server sent a different part of the file than asked for (%1)")
                         .arg(QString::fromLatin1(range));
            delete_part_ = true;
            return false;
        }
        return true;
    }
    if (status == 200) {
        if (offset_ > 0) {
            // The server does not do Range requests: start over from the first byte.
            offset_ = 0;
            part_.resize(0);
            part_.seek(0);
            hash_.reset();
        }
        return true;
    }
    if (status == 0)
        return true; // not HTTP (never for https); errors arrive in finished()
    error_ = tr("the server answered HTTP %1 %2")
                 .arg(status)
                 .arg(reply_->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    // 416: the range starts past the end: the .part does not belong to this file.
    delete_part_ = status == 416;
    return false;
}

void ModelDownloader::on_ready_read()
{
    if (!check_status()) {
        reply_->readAll();                             // an error page, not the file
        if (reply_->error() == QNetworkReply::NoError) // Qt already stopped an HTTP error reply
            reply_->abort();
        return;
    }
    const QByteArray data = reply_->readAll();
    if (request_.expected_size && offset_ + received_ + data.size() > *request_.expected_size) {
        error_ = tr("the server sent more than the %1 bytes the catalog lists for this file")
                     .arg(*request_.expected_size);
        delete_part_ = true;
        reply_->abort();
        return;
    }
    if (part_.write(data) != data.size()) {
        error_ =
            tr("writing %1 failed: %2 (is the disk full?)").arg(part_path(), part_.errorString());
        reply_->abort();
        return;
    }
    hash_.addData(data);
    received_ += data.size();
    Q_EMIT progress(offset_ + received_, total_bytes());
}

void ModelDownloader::on_finished()
{
    QNetworkReply* reply = reply_;
    reply->deleteLater();
    if (!cancelled_ && error_.isEmpty())
        check_status(); // an HTTP error status with no body arrives only here
    if (!cancelled_ && error_.isEmpty() && reply->error() == QNetworkReply::NoError) {
        on_ready_read(); // whatever arrived with the last packet
        if (error_.isEmpty()) {
            reply_ = nullptr;
            finish_file();
            return;
        }
    }
    reply_ = nullptr;
    if (cancelled_)
        fail(tr("cancelled; %1 keeps what arrived, and the next download of this file resumes "
                "from there")
                 .arg(part_path()),
             false);
    else if (!error_.isEmpty())
        fail(error_, delete_part_);
    else
        fail(tr("the download stopped: %1; run it again to resume").arg(reply->errorString()),
             false);
}

void ModelDownloader::finish_file()
{
    part_.flush();
    const qint64 size = offset_ + received_;
    if (request_.expected_size && size != *request_.expected_size) {
        fail(tr("the file is %1 bytes, the catalog lists %2; the download was deleted")
                 .arg(size)
                 .arg(*request_.expected_size),
             true);
        return;
    }
    DownloadResult result;
    result.path = request_.destination;
    result.size_bytes = size;
    result.sha256 = QString::fromLatin1(hash_.result().toHex());
    result.resumed = offset_ > 0;
    if (!request_.expected_sha256.isEmpty()) {
        if (result.sha256 != request_.expected_sha256) {
            fail(tr("sha256 mismatch: the file has %1, the catalog lists %2; the download was "
                    "deleted (a damaged or replaced file)")
                     .arg(result.sha256, request_.expected_sha256),
                 true);
            return;
        }
        result.sha256_verified = true;
    }
    // A GGUF file starts with "GGUF" and a little-endian version (2 or 3).
    part_.seek(0);
    const QByteArray header = part_.read(8);
    const uint32_t version = header.size() == 8
                                 ? static_cast<uint8_t>(header[4]) |
                                       (static_cast<uint32_t>(static_cast<uint8_t>(header[5])) << 8)
                                 : 0;
    if (!header.startsWith("GGUF") || (version != 2 && version != 3)) {
        fail(tr("the downloaded file is not a GGUF model (it does not start with a GGUF v2/v3 "
                "header); it was deleted"),
             true);
        return;
    }
    part_.close();
    if (!QFile::rename(part_path(), request_.destination)) {
        fail(tr("cannot rename %1 to %2").arg(part_path(), request_.destination), false);
        return;
    }
    Q_EMIT finished(result);
}

void ModelDownloader::fail(const QString& message, bool delete_part)
{
    part_.close();
    if (delete_part)
        QFile::remove(part_path());
    Q_EMIT failed(message);
}

QString register_downloaded_model(storage::Database& database, const DownloadResult& result)
{
    storage::ModelFileStore store(database);
    const QString path = QFileInfo(result.path).absoluteFilePath();
    auto existing = store.find_by_path(path);
    if (!existing)
        return existing.message();
    qint64 id = 0;
    QJsonObject summary;
    if (*existing) {
        id = (*existing)->id;
        summary = (*existing)->gguf_summary;
    } else {
        auto added = store.add(path, result.size_bytes);
        if (!added)
            return added.message();
        id = *added;
    }
    auto updated = store.update_summary(id, result.size_bytes, result.sha256, summary);
    return updated ? QString() : updated.message();
}

} // namespace kurabe::catalog
