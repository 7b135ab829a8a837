// A fake provider for the network client tests: a real HTTP/1.1 server on 127.0.0.1 that
// answers each request with the next scripted response — any status, headers and body, streamed
// with chunked transfer encoding a few bytes at a time — and injects faults: a slow first byte,
// a stall mid-stream, a connection reset mid-stream. Every request is recorded.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <deque>

class QTcpSocket;

namespace kurabe::test {

struct MockResponse
{
    enum class End
    {
        Complete, // the final chunk, then close
        Stall,    // stop sending after `end_after` body bytes; keep the connection open
        Reset,    // reset the connection (TCP RST) after `end_after` body bytes
    };
    int status = 200;
    QByteArray content_type = "text/event-stream";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int chunk_bytes = 7;         // body bytes per chunk: small, so events are cut
    int first_byte_delay_ms = 0; // before the status line
    int chunk_delay_ms = 0;      // between chunks
    End end = End::Complete;
    qsizetype end_after = -1; // Stall/Reset: body bytes sent first (-1: all of it)
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;                       // with the query
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
};

class MockProviderServer : public QObject
{
    Q_OBJECT
public:
    explicit MockProviderServer(QObject* parent = nullptr);

    // http://127.0.0.1:PORT followed by `path`.
    QUrl url(const QString& path = QString()) const;
    void enqueue(MockResponse response) { responses_.push_back(std::move(response)); }

    QList<RecordedRequest> requests;

private:
    void onConnection();
    void onData(QTcpSocket* socket);
    void respond(QTcpSocket* socket, MockResponse response);
    void sendNext(QTcpSocket* socket, const MockResponse& response, qsizetype offset);

    QTcpServer server_;
    std::deque<MockResponse> responses_;
    QHash<QTcpSocket*, QByteArray> buffers_;
};

} // namespace kurabe::test
