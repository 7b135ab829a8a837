// TLS is always verified: a provider behind a self-signed certificate is refused with a Network
// error that names the certificate problem, and the request (with its key) is never sent.
#include "inference/remote/remote_backend.h"

#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::inference;
using namespace kurabe::inference::remote;

namespace {

// Accepts TLS connections with a certificate no system store trusts, and counts the bytes of
// HTTP that get through the handshake (there must be none).
class SelfSignedServer : public QTcpServer
{
public:
    QSslCertificate certificate;
    QSslKey key;
    qint64 request_bytes = 0;
    int handshakes_started = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(key);
        connect(socket, &QSslSocket::readyRead, socket,
                [this, socket] { request_bytes += socket->readAll().size(); });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        ++handshakes_started;
        socket->startServerEncryption();
    }
};

} // namespace

class TlsTest : public QObject
{
    Q_OBJECT
private slots:
    void selfSignedCertificateIsRefused();
};

void TlsTest::selfSignedCertificateIsRefused()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here (libqt6network6's OpenSSL plugin is missing)");
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-keyout", dir.filePath("key.pem"), "-out", dir.filePath("cert.pem"),
                   "-subj", "/CN=127.0.0.1", "-days", "1", "-addext",
                   "subjectAltName=IP:127.0.0.1"});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        QSKIP("the openssl command is needed to make a test certificate");
    SelfSignedServer server;
    QFile cert(dir.filePath("cert.pem"));
    QFile key(dir.filePath("key.pem"));
    QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    server.certificate = QSslCertificate(&cert, QSsl::Pem);
    server.key = QSslKey(&key, QSsl::Ec, QSsl::Pem);
    QVERIFY(!server.certificate.isNull() && !server.key.isNull());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    ProviderConfig config;
    config.name = QStringLiteral("tls");
    config.preset = QStringLiteral("custom");
    config.base_url = QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(server.serverPort()));
    config.api_key = QStringLiteral("sk-tls-PLANTED-0123456789");
    RemoteBackend backend(config, QStringLiteral("m"));
    GenerationRequest request;
    request.messages = {{QStringLiteral("user"), QStringLiteral("hi")}};
    std::unique_ptr<Generation> generation(backend.start(request));
    GenerationResult result;
    bool finished = false;
    connect(generation.get(), &Generation::finished, [&](const GenerationResult& r) {
        result = r;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 30000));
    QCOMPARE(result.finish, FinishReason::Error);
    QCOMPARE(result.error, ErrorKind::Network);
    QVERIFY2(result.error_message.contains(QLatin1String("TLS:")),
             qPrintable(result.error_message));
    QVERIFY2(result.error_message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
             qPrintable(result.error_message));
    QVERIFY(!result.error_message.contains(config.api_key));
    QVERIFY(server.handshakes_started >= 1);
    QTest::qWait(100);
    QCOMPARE(server.request_bytes, 0);
}

QTEST_GUILESS_MAIN(TlsTest)
#include "tls_test.moc"
