// HTTP status + error body -> typed error, Retry-After parsing, and what may be retried.
#include "inference/backend.h"
#include "inference/remote/http_error.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace kurabe::inference;
using namespace kurabe::inference::remote;

class HttpErrorTest : public QObject
{
    Q_OBJECT
private slots:
    void classify_data();
    void classify();
    void retryAfter_data();
    void retryAfter();
    void retryable();
    void longBodiesAreClipped();
};

void HttpErrorTest::classify_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retry_after");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("retry_seconds"); // -1: none
    QTest::addColumn<QString>("message_part");

    QTest::addRow("openai 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-ab***cd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << QByteArray() << "auth" << -1 << "Incorrect API key provided";
    QTest::addRow("anthropic 403")
        << 403
        << QByteArray(
               R"({"type":"error","error":{"type":"permission_error","message":"no access"}})")
        << QByteArray() << "permission" << -1 << "no access";
    QTest::addRow("404 model")
        << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}})")
        << QByteArray() << "not_found" << -1 << "gpt-9";
    QTest::addRow("429 retry-after seconds")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})")
        << QByteArray("20") << "rate_limited" << 20 << "Rate limit reached";
    QTest::addRow("429 retry-after HTTP date")
        << 429 << QByteArray() << QByteArray("Mon, 23 Nov 2026 10:00:30 GMT") << "rate_limited"
        << 30 << "rate limited";
    QTest::addRow("429 insufficient_quota is a spend cap")
        << 429
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << QByteArray() << "spend_cap" << -1 << "quota";
    QTest::addRow("anthropic credit balance")
        << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}})")
        << QByteArray() << "spend_cap" << -1 << "credit balance";
    QTest::addRow("402 payment required")
        << 402 << QByteArray(R"({"error":{"message":"Insufficient Balance"}})") << QByteArray()
        << "spend_cap" << -1 << "Insufficient";
    QTest::addRow("gemini 429 RetryInfo")
        << 429
        << QByteArray(
               R"({"error":{"code":429,"message":"You exceeded your current quota. Please retry in 14.5s.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"14s"}]}})")
        << QByteArray() << "rate_limited" << 14 << "retry in";
    QTest::addRow("gemini retry in message only")
        << 429
        << QByteArray(
               R"({"error":{"code":429,"message":"Please retry in 3.2s.","status":"RESOURCE_EXHAUSTED"}})")
        << QByteArray() << "rate_limited" << 4 << "retry";
    QTest::addRow("anthropic 529 overloaded")
        << 529
        << QByteArray(
               R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << QByteArray() << "overloaded" << -1 << "Overloaded";
    QTest::addRow("500 overloaded_error body")
        << 500
        << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"busy"}})")
        << QByteArray() << "overloaded" << -1 << "busy";
    QTest::addRow("422 bad request") << 422 << QByteArray(R"({"detail":"bad"})") << QByteArray()
                                     << "bad_request" << -1 << "HTTP 422";
    QTest::addRow("502 HTML page") << 502 << QByteArray("<html><body>Bad Gateway</body></html>")
                                   << QByteArray() << "server" << -1 << "HTTP 502";
    QTest::addRow("500 plain text") << 500 << QByteArray("upstream exploded") << QByteArray()
                                    << "server" << -1 << "upstream exploded";
    QTest::addRow("ollama 404") << 404
                                << QByteArray(
                                       R"({"error":"model \"x\" not found, try pulling it first"})")
                                << QByteArray() << "not_found" << -1 << "try pulling";
}

void HttpErrorTest::classify()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retry_after);
    QFETCH(QString, kind);
    QFETCH(int, retry_seconds);
    QFETCH(QString, message_part);
    const QDateTime now(QDate(2026, 11, 23), QTime(10, 0, 0), QTimeZone::utc());
    const ProviderError error = classifyHttpError(status, body, retry_after, now);
    QCOMPARE(errorKindName(error.kind), kind);
    QCOMPARE(error.retry_after_seconds,
             retry_seconds < 0 ? std::nullopt : std::optional<int>(retry_seconds));
    QVERIFY2(error.message.contains(message_part, Qt::CaseInsensitive), qPrintable(error.message));
}

void HttpErrorTest::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("seconds"); // -1: none
    QTest::addRow("seconds") << QByteArray("7") << 7;
    QTest::addRow("spaces") << QByteArray(" 12 ") << 12;
    QTest::addRow("date") << QByteArray("Mon, 23 Nov 2026 10:01:00 GMT") << 60;
    QTest::addRow("date in the past") << QByteArray("Mon, 23 Nov 2026 09:00:00 GMT") << 0;
    QTest::addRow("garbage") << QByteArray("soon") << -1;
    QTest::addRow("negative") << QByteArray("-3") << -1;
    QTest::addRow("empty") << QByteArray() << -1;
}

void HttpErrorTest::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, seconds);
    const QDateTime now(QDate(2026, 11, 23), QTime(10, 0, 0), QTimeZone::utc());
    QCOMPARE(parseRetryAfter(value, now), seconds < 0 ? std::nullopt : std::optional<int>(seconds));
}

void HttpErrorTest::retryable()
{
    QVERIFY(isRetryable(ErrorKind::RateLimited));
    QVERIFY(isRetryable(ErrorKind::Overloaded));
    QVERIFY(isRetryable(ErrorKind::Server));
    for (ErrorKind kind :
         {ErrorKind::Auth, ErrorKind::Permission, ErrorKind::SpendCap, ErrorKind::BadRequest,
          ErrorKind::NotFound, ErrorKind::Protocol, ErrorKind::Cancelled})
        QVERIFY(!isRetryable(kind));
}

void HttpErrorTest::longBodiesAreClipped()
{
    const QByteArray body = "{\"error\":{\"message\":\"" + QByteArray(5000, 'x') + "\"}}";
    const ProviderError error = classifyHttpError(500, body, {}, QDateTime::currentDateTimeUtc());
    QVERIFY(error.message.size() < 600);
}

QTEST_GUILESS_MAIN(HttpErrorTest)
#include "http_error_test.moc"
