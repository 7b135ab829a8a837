// ModelDownloader against a local HTTP server on loopback (no internet in tests): complete and
// resumed downloads (HTTP Range into the .part file), a server without Range support, and the
// faults — wrong sha256, wrong size, 404, not a GGUF file, cancel, no disk space, plain http —
// each leaving no file at the destination. A finished download is registered in model_files.
#include "catalog/downloader.h"
#include "storage/schema/schema.h"
#include "storage/stores/model_file_store.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace kurabe;
using catalog::DownloadRequest;
using catalog::DownloadResult;
using catalog::ModelDownloader;

namespace {

// A GGUF v3 header followed by 300 kB of deterministic bytes.
QByteArray model_bytes()
{
    QByteArray bytes("GGUF\x03\x00\x00\x00", 8);
    for (int i = 0; i < 300'000; ++i)
        bytes.append(static_cast<char>((static_cast<unsigned>(i) * 7919u + i / 251) & 0xffu));
    return bytes;
}

QString sha256_of(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Serves one file over HTTP/1.1 on 127.0.0.1, honouring "Range: bytes=N-" unless told not to.
class FileServer : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        Normal,
        IgnoreRange, // answers 200 with the whole file to a Range request
        NotFound,
        StallHalfway // sends half the body, then keeps the connection open
    };

    explicit FileServer(QByteArray body) : body_(std::move(body))
    {
        connect(&server_, &QTcpServer::newConnection, this, &FileServer::accept);
    }
    bool listen() { return server_.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(
            QStringLiteral("http://127.0.0.1:%1/files/model.gguf").arg(server_.serverPort()));
    }
    Mode mode = Mode::Normal;
    QList<QByteArray> ranges; // the Range header of each request ("" when none)

private:
    void accept()
    {
        while (QTcpSocket* socket = server_.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray& request = pending_[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        QByteArray range;
        for (const QByteArray& line : request.split('\n')) {
            if (line.toLower().startsWith("range:"))
                range = line.mid(6).trimmed();
        }
        ranges.append(range);
        qint64 from = 0;
        if (range.startsWith("bytes=") && mode != Mode::IgnoreRange)
            from = range.mid(6, range.indexOf('-') - 6).toLongLong();
        QByteArray response;
        if (mode == Mode::NotFound) {
            response = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\n"
                       "not found";
        } else if (from > 0) {
            const qint64 size = body_.size();
            response = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " +
                       QByteArray::number(from) + "-" + QByteArray::number(size - 1) + "/" +
                       QByteArray::number(size) +
                       "\r\nContent-Length: " + QByteArray::number(size - from) +
                       "\r\nConnection: close\r\n\r\n" + body_.mid(from);
        } else {
            response = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body_.size()) +
                       "\r\nConnection: close\r\n\r\n";
            response += mode == Mode::StallHalfway ? body_.left(body_.size() / 2) : body_;
        }
        socket->write(response);
        if (mode != Mode::StallHalfway)
            socket->disconnectFromHost();
    }

    QTcpServer server_;
    QByteArray body_;
    QHash<QTcpSocket*, QByteArray> pending_;
};

struct Outcome
{
    bool ok = false;
    QString message; // failed(): its message; start() refused: that message
    DownloadResult result;
};

Outcome download(ModelDownloader& downloader, const DownloadRequest& request)
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(&downloader, &ModelDownloader::finished, &loop,
                     [&](const DownloadResult& result) {
                         outcome.ok = true;
                         outcome.result = result;
                         loop.quit();
                     });
    QObject::connect(&downloader, &ModelDownloader::failed, &loop, [&](const QString& message) {
        outcome.message = message;
        loop.quit();
    });
    outcome.message = downloader.start(request);
    if (!outcome.message.isEmpty())
        return outcome;
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit); // a hang fails the test, not CI
    loop.exec();
    downloader.disconnect(&loop);
    return outcome;
}

QByteArray read_file(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class CatalogDownloaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        dir_ = std::make_unique<QTemporaryDir>();
        server_ = std::make_unique<FileServer>(body_);
        QVERIFY(server_->listen());
    }

    void a_verified_download_is_renamed_into_place_and_registered()
    {
        ModelDownloader downloader;
        qint64 last_progress = 0;
        connect(&downloader, &ModelDownloader::progress, this, [&](qint64 received, qint64 total) {
            QVERIFY(received >= last_progress);
            QCOMPARE(total, body_.size());
            last_progress = received;
        });
        const Outcome outcome = download(downloader, request(body_.size(), sha256_of(body_)));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QCOMPARE(read_file(destination()), body_);
        QVERIFY(!QFile::exists(destination() + ".part"));
        QCOMPARE(last_progress, body_.size());
        QVERIFY(outcome.result.sha256_verified);
        QVERIFY(!outcome.result.resumed);
        QCOMPARE(outcome.result.sha256, sha256_of(body_));
        QCOMPARE(server_->ranges, QList<QByteArray>{QByteArray()});

        auto database = storage::open_kurabe_database(storage::database_path(dir_->path()),
                                                      storage::OpenMode::ReadWrite);
        QVERIFY2(database, qPrintable(database.message()));
        QCOMPARE(catalog::register_downloaded_model(**database, outcome.result), QString());
        QCOMPARE(catalog::register_downloaded_model(**database, outcome.result), QString());
        storage::ModelFileStore store(**database);
        const std::vector<storage::ModelFile> files = store.list().value();
        QCOMPARE(files.size(), size_t(1));
        QCOMPARE(files[0].path, QFileInfo(destination()).absoluteFilePath());
        QCOMPARE(files[0].size_bytes, body_.size());
        QCOMPARE(files[0].sha256, sha256_of(body_));
    }

    void a_part_file_is_resumed_with_a_range_request()
    {
        write_part(body_.left(100'000));
        ModelDownloader downloader;
        const Outcome outcome = download(downloader, request(body_.size(), sha256_of(body_)));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(outcome.result.resumed);
        QCOMPARE(server_->ranges, QList<QByteArray>{"bytes=100000-"});
        QCOMPARE(read_file(destination()), body_);
    }

    void a_server_without_range_support_starts_over()
    {
        server_->mode = FileServer::Mode::IgnoreRange;
        write_part(body_.left(100'000));
        ModelDownloader downloader;
        const Outcome outcome = download(downloader, request(body_.size(), sha256_of(body_)));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(!outcome.result.resumed);
        QCOMPARE(read_file(destination()), body_);
    }

    void cancel_keeps_the_part_and_the_next_run_resumes()
    {
        server_->mode = FileServer::Mode::StallHalfway;
        ModelDownloader downloader;
        connect(&downloader, &ModelDownloader::progress, &downloader, [&](qint64 received, qint64) {
            if (received >= body_.size() / 2)
                downloader.cancel();
        });
        Outcome outcome = download(downloader, request(body_.size(), sha256_of(body_)));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(QLatin1String("cancelled")), qPrintable(outcome.message));
        QVERIFY(!QFile::exists(destination()));
        QCOMPARE(QFileInfo(destination() + ".part").size(), body_.size() / 2);

        server_->mode = FileServer::Mode::Normal;
        ModelDownloader again;
        outcome = download(again, request(body_.size(), sha256_of(body_)));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(outcome.result.resumed);
        QCOMPARE(server_->ranges.last(), "bytes=" + QByteArray::number(body_.size() / 2) + "-");
        QCOMPARE(read_file(destination()), body_);
    }

    void faults_leave_no_file_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("sha256");
        QTest::addColumn<bool>("gguf");
        QTest::addColumn<QString>("expected");
        const qint64 size = model_bytes().size();
        const QString sha = sha256_of(model_bytes());
        const int normal = int(FileServer::Mode::Normal);
        QTest::addRow("wrong sha256")
            << normal << size << QString(64, QLatin1Char('0')) << true << "sha256 mismatch";
        QTest::addRow("shorter than listed")
            << normal << size + 10 << sha << true << "catalog lists";
        QTest::addRow("longer than listed")
            << normal << size - 10 << QString() << true << "more than";
        QTest::addRow("404") << int(FileServer::Mode::NotFound) << size << sha << true << "404";
        QTest::addRow("not gguf") << normal << qint64(-1) << QString() << false << "not a GGUF";
    }

    void faults_leave_no_file()
    {
        QFETCH(int, mode);
        QFETCH(qint64, size);
        QFETCH(QString, sha256);
        QFETCH(bool, gguf);
        QFETCH(QString, expected);
        if (!gguf) {
            QByteArray other = body_;
            other.replace(0, 4, "ZZZZ");
            server_ = std::make_unique<FileServer>(other);
            QVERIFY(server_->listen());
        }
        server_->mode = static_cast<FileServer::Mode>(mode);
        ModelDownloader downloader;
        const Outcome outcome =
            download(downloader, request(size < 0 ? std::nullopt : std::optional(size), sha256));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(expected), qPrintable(outcome.message));
        QVERIFY(!QFile::exists(destination()));
        if (mode != int(FileServer::Mode::NotFound))
            QVERIFY(!QFile::exists(destination() + ".part"));
    }

    void requests_that_cannot_start_are_refused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("allow_http");
        QTest::addColumn<bool>("existing");
        QTest::addColumn<QString>("expected");
        QTest::addRow("plain http") << "" << qint64(10) << false << false << "only https://";
        QTest::addRow("http elsewhere")
            << "http://example.com/x.gguf" << qint64(10) << true << false << "only https://";
        QTest::addRow("no disk space")
            << "" << qint64(1) << true << false << "not enough free space";
        QTest::addRow("already there") << "" << qint64(10) << true << true << "already exists";
    }

    void requests_that_cannot_start_are_refused()
    {
        QFETCH(QString, url);
        QFETCH(qint64, size);
        QFETCH(bool, allow_http);
        QFETCH(bool, existing);
        QFETCH(QString, expected);
        DownloadRequest bad = request(size == 1 ? (qint64(1) << 60) : size, QString());
        if (!url.isEmpty())
            bad.url = QUrl(url);
        bad.allow_loopback_http = allow_http;
        if (existing) {
            QVERIFY(QDir().mkpath(QFileInfo(destination()).absolutePath()));
            QFile file(destination());
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        ModelDownloader downloader;
        const QString message = downloader.start(bad);
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(!downloader.busy());
        QVERIFY(server_->ranges.isEmpty());
    }

private:
    QString destination() const { return dir_->filePath(QStringLiteral("models/model.gguf")); }

    DownloadRequest request(std::optional<qint64> size, const QString& sha256) const
    {
        DownloadRequest request;
        request.url = server_->url();
        request.destination = destination();
        request.expected_size = size;
        request.expected_sha256 = sha256;
        request.allow_loopback_http = true;
        return request;
    }

    void write_part(const QByteArray& bytes)
    {
        QVERIFY(QDir().mkpath(QFileInfo(destination()).absolutePath()));
        QFile part(destination() + ".part");
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(bytes);
    }

    const QByteArray body_ = model_bytes();
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<FileServer> server_;
};

QTEST_GUILESS_MAIN(CatalogDownloaderTest)
#include "catalog_downloader_test.moc"
