// Verified downloads of model files: HTTPS only (Qt verifies the server's certificate), into
// "<file>.part" first, resumed with an HTTP Range request when a .part is already there, with
// the free disk space checked before starting, the size and the sha256 checked while and after
// reading (a mismatch deletes the file), the GGUF header checked, and the finished file renamed
// into place in one step — so a file at the destination is always complete and verified.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace kurabe::storage {
class Database;
}

namespace kurabe::catalog {

struct DownloadRequest
{
    QUrl url;
    QString destination; // the final path; the download goes to destination + ".part"
    std::optional<qint64> expected_size;
    QString expected_sha256; // 64 lowercase hex digits, or "" when not known
    // Tests only: allow plain http:// to a loopback address (a local test server).
    bool allow_loopback_http = false;
};

struct DownloadResult
{
    QString path;
    qint64 size_bytes = 0;
    QString sha256;               // of the whole file, always computed
    bool sha256_verified = false; // it matched the expected one
    bool resumed = false;         // continued a .part file left by an earlier attempt
};

class ModelDownloader : public QObject
{
    Q_OBJECT

public:
    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    // Starts the download; the outcome arrives as finished() or failed(). Returns an error
    // message (and starts nothing) when the request cannot start: not https, the file already
    // there, not enough free disk space, a .part that cannot be read.
    QString start(const DownloadRequest& request);
    // Stops; the .part file is kept, so starting the same download again resumes it.
    void cancel();
    bool busy() const { return reply_ != nullptr; }

Q_SIGNALS:
    void progress(qint64 received_bytes, qint64 total_bytes); // total 0: unknown
    void finished(const kurabe::catalog::DownloadResult& result);
    void failed(const QString& message);

private:
    bool check_status();
    void on_ready_read();
    void on_finished();
    void finish_file();
    void fail(const QString& message, bool delete_part);
    qint64 total_bytes() const;
    QString part_path() const { return request_.destination + QStringLiteral(".part"); }

    QNetworkAccessManager network_;
    QNetworkReply* reply_ = nullptr;
    DownloadRequest request_;
    QFile part_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    qint64 offset_ = 0;   // bytes of the .part kept from an earlier attempt
    qint64 received_ = 0; // bytes received in this attempt
    bool status_checked_ = false;
    bool cancelled_ = false;
    QString error_;            // a problem found while receiving
    bool delete_part_ = false; // ... that makes the .part worthless
};

// Records a downloaded file in the model library (the model_files table), with its size and
// sha256; a path already there is updated. Returns an error message, or "" on success.
QString register_downloaded_model(storage::Database& database, const DownloadResult& result);

} // namespace kurabe::catalog
