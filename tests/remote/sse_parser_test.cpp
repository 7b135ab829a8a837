// The SSE parser against the WHATWG event-stream rules, with every sample cut at every byte
// offset, every pair of offsets, and fed byte by byte: the events never change.
#include "inference/remote/ndjson_parser.h"
#include "inference/remote/sse_parser.h"

#include <QTest>

using kurabe::inference::remote::NdjsonParser;
using kurabe::inference::remote::SseEvent;
using kurabe::inference::remote::SseParser;

namespace {

// "event|data|id" per event, data newlines shown as "\n" escapes.
QStringList describe(const std::vector<SseEvent>& events)
{
    QStringList out;
    for (const SseEvent& event : events) {
        QString data = event.data;
        data.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        out.append(event.event + QLatin1Char('|') + data + QLatin1Char('|') + event.id);
    }
    return out;
}

QStringList parseChunks(const QList<QByteArray>& chunks, SseParser* parser_out = nullptr)
{
    SseParser parser;
    std::vector<SseEvent> events;
    for (const QByteArray& chunk : chunks)
        parser.feed(chunk, events);
    if (parser_out)
        *parser_out = parser;
    return describe(events);
}

QStringList ndjsonChunks(const QList<QByteArray>& chunks)
{
    NdjsonParser parser;
    std::vector<QByteArray> lines;
    for (const QByteArray& chunk : chunks)
        parser.feed(chunk, lines);
    parser.finish(lines);
    QStringList out;
    for (const QByteArray& line : lines)
        out.append(QString::fromUtf8(line));
    return out;
}

template <typename Parse>
void checkEverySplit(const QByteArray& wire, const QStringList& expected, Parse parse)
{
    QCOMPARE(parse(QList<QByteArray>{wire}), expected);
    for (qsizetype i = 0; i <= wire.size(); ++i) {
        for (qsizetype j = i; j <= wire.size(); ++j) {
            const QStringList got = parse({wire.left(i), wire.mid(i, j - i), wire.mid(j)});
            if (got != expected) {
                qWarning("cuts at %lld and %lld", static_cast<long long>(i),
                         static_cast<long long>(j));
                QCOMPARE(got, expected);
            }
        }
    }
    QList<QByteArray> bytes;
    for (char c : wire)
        bytes.append(QByteArray(1, c));
    QCOMPARE(parse(bytes), expected);
}

} // namespace

class SseParserTest : public QObject
{
    Q_OBJECT
private slots:
    void events_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("one event")
            << QByteArray("data: hello\n\n") << QStringList{"message|hello|"};
        QTest::addRow("multi-line data")
            << QByteArray("data: a\ndata: b\ndata:\n\n") << QStringList{"message|a\\nb\\n|"};
        QTest::addRow("named event with id")
            << QByteArray("event: message_stop\nid: 7\ndata: {}\n\n")
            << QStringList{"message_stop|{}|7"};
        QTest::addRow("id persists to later events")
            << QByteArray("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
            << QStringList{"message|a|1", "message|b|1", "message|c|"};
        QTest::addRow("comments and keep-alives ignored")
            << QByteArray(": keep-alive\n\n:\n\n: ping\ndata: x\n\n\n\n")
            << QStringList{"message|x|"};
        QTest::addRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n")
                              << QStringList{"message|a|", "message|b|"};
        QTest::addRow("CR only") << QByteArray("data: a\r\rdata: b\r\r")
                                 << QStringList{"message|a|", "message|b|"};
        QTest::addRow("mixed endings") << QByteArray("data: a\r\n\ndata: b\n\r\ndata: c\r\r\n")
                                       << QStringList{"message|a|", "message|b|", "message|c|"};
        QTest::addRow("BOM at start") << QByteArray("\xEF\xBB\xBF"
                                                    "data: bom\n\n")
                                      << QStringList{"message|bom|"};
        QTest::addRow("no space after colon, only one stripped")
            << QByteArray("data:x\n\ndata:  two\n\n") << QStringList{"message|x|", "message| two|"};
        QTest::addRow("field without colon") << QByteArray("data\n\n") << QStringList{"message||"};
        QTest::addRow("UTF-8 split anywhere")
            << QByteArray("data: こんにちは 🌸 Ünïcödé\n\n")
            << QStringList{QStringLiteral("message|こんにちは 🌸 Ünïcödé|")};
        QTest::addRow("unknown fields ignored")
            << QByteArray("foo: bar\ndata: y\nretry: x1\n\n") << QStringList{"message|y|"};
        QTest::addRow("event without data is dropped and resets the type")
            << QByteArray("event: x\n\ndata: y\n\n") << QStringList{"message|y|"};
        QTest::addRow("final event without blank line is discarded")
            << QByteArray("data: a\n\ndata: partial") << QStringList{"message|a|"};
        QTest::addRow("colon inside value")
            << QByteArray("data: {\"a\":\"b: c\"}\n\n") << QStringList{"message|{\"a\":\"b: c\"}|"};
    }

    void events()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QStringList, expected);
        checkEverySplit(wire, expected,
                        [](const QList<QByteArray>& chunks) { return parseChunks(chunks); });
    }

    void retry()
    {
        SseParser parser;
        QCOMPARE(parseChunks({"retry: 3000\ndata: r\n\n"}, &parser), QStringList{"message|r|"});
        QCOMPARE(parser.retryMs(), std::optional<int>(3000));
        parseChunks({"retry: 3s\n\n"}, &parser);
        QCOMPARE(parser.retryMs(), std::nullopt);
    }

    void pendingDataIsReported()
    {
        SseParser parser;
        std::vector<SseEvent> events;
        parser.feed("data: a\n\n", events);
        QVERIFY(!parser.hasPendingData());
        parser.feed("data: half", events);
        QVERIFY(parser.hasPendingData());
    }

    void endlessLineIsRefused()
    {
        SseParser parser;
        std::vector<SseEvent> events;
        const QByteArray chunk(1024 * 1024, 'a');
        parser.feed("data: ", events);
        for (int i = 0; i < 9 && !parser.error(); ++i)
            parser.feed(chunk, events);
        QVERIFY(parser.error().has_value());
        QVERIFY(parser.error()->contains(QLatin1String("MiB")));
        QVERIFY(events.empty());
    }

    void ndjson_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("lines") << QByteArray("{\"a\":1}\n{\"b\":2}\n")
                               << QStringList{"{\"a\":1}", "{\"b\":2}"};
        QTest::addRow("CRLF and blank lines")
            << QByteArray("{\"a\":1}\r\n\r\n  \n{\"b\":\"é\"}\r\n")
            << QStringList{"{\"a\":1}", QStringLiteral("{\"b\":\"é\"}")};
        QTest::addRow("last line without newline") << QByteArray("{\"a\":1}\n{\"done\":true}")
                                                   << QStringList{"{\"a\":1}", "{\"done\":true}"};
        QTest::addRow("UTF-8") << QByteArray("{\"t\":\"日本語🌸\"}\n")
                               << QStringList{QStringLiteral("{\"t\":\"日本語🌸\"}")};
    }

    void ndjson()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QStringList, expected);
        checkEverySplit(wire, expected,
                        [](const QList<QByteArray>& chunks) { return ndjsonChunks(chunks); });
    }
};

QTEST_GUILESS_MAIN(SseParserTest)
#include "sse_parser_test.moc"
