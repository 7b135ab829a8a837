#include "mock_provider_server.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace kurabe::test {

MockProviderServer::MockProviderServer(QObject* parent) : QObject(parent)
{
    if (!server_.listen(QHostAddress::LocalHost, 0))
        qFatal("mock provider: cannot listen on 127.0.0.1");
    connect(&server_, &QTcpServer::newConnection, this, &MockProviderServer::onConnection);
}

QUrl MockProviderServer::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_.serverPort()).arg(path));
}

void MockProviderServer::onConnection()
{
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        socket->setParent(this);
        // Tiny chunks must leave at once, not wait for Nagle's algorithm to batch them.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            buffers_.remove(socket);
            socket->deleteLater();
        });
    }
}

void MockProviderServer::onData(QTcpSocket* socket)
{
    QByteArray& buffer = buffers_[socket];
    buffer += socket->readAll();
    const qsizetype header_end = buffer.indexOf("\r\n\r\n");
    if (header_end < 0)
        return;
    RecordedRequest request;
    const QList<QByteArray> lines = buffer.left(header_end).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < header_end + 4 + length)
        return;
    request.body = buffer.mid(header_end + 4, length);
    buffer.clear();
    requests.append(request);
    MockResponse response;
    if (responses_.empty()) {
        response.status = 500;
        response.content_type = "application/json";
        response.body = R"({"error":{"message":"mock server: no response scripted"}})";
    } else {
        response = std::move(responses_.front());
        responses_.pop_front();
    }
    if (response.first_byte_delay_ms > 0)
        QTimer::singleShot(response.first_byte_delay_ms, socket,
                           [this, socket, response] { respond(socket, response); });
    else
        respond(socket, response);
}

void MockProviderServer::respond(QTcpSocket* socket, MockResponse response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Mock\r\n";
    head += "Content-Type: " + response.content_type + "\r\n";
    head += "Transfer-Encoding: chunked\r\nConnection: close\r\n";
    for (const auto& [name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    socket->write(head);
    socket->flush();
    sendNext(socket, response, 0);
}

void MockProviderServer::sendNext(QTcpSocket* socket, const MockResponse& response,
                                  qsizetype offset)
{
    const qsizetype limit = response.end == MockResponse::End::Complete || response.end_after < 0
                                ? response.body.size()
                                : std::min(response.end_after, response.body.size());
    if (offset >= limit) {
        switch (response.end) {
        case MockResponse::End::Complete:
            socket->write("0\r\n\r\n");
            socket->flush();
            socket->disconnectFromHost();
            break;
        case MockResponse::End::Stall:
            break;
        case MockResponse::End::Reset: {
            // SO_LINGER with a zero timeout turns close() into a TCP reset.
            const struct linger reset = {1, 0};
            setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset,
                       sizeof reset);
            socket->abort();
            break;
        }
        }
        return;
    }
    const QByteArray chunk =
        response.body.mid(offset, std::min<qsizetype>(response.chunk_bytes, limit - offset));
    socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
    socket->flush();
    // One chunk per event-loop turn, so the client really reads the body in pieces.
    QTimer::singleShot(response.chunk_delay_ms, socket,
                       [this, socket, response, offset, n = chunk.size()] {
                           sendNext(socket, response, offset + n);
                       });
}

} // namespace kurabe::test
