// Exports of one comparison: CSV and JSON parse back to what was stored, the HTML report is
// self-contained and escapes every text, Markdown keeps answers inside their fences.
#include "compare/comparison_export.h"
#include "compare/prompt_set.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::app;
using namespace kurabe::storage;

namespace {

const QString kHostile = QStringLiteral("<script>alert(\"x\")</script> & 'q' | a,b\n\"quoted\"");

// Two prompts x two targets; the second target did not answer the second prompt.
Comparison sample()
{
    Comparison c;
    c.info = ComparisonInfo{7, QStringLiteral("Haiku <test>"), QStringLiteral("notes & more"),
                            1700000000000, 1700000005000};
    c.tags = {QStringLiteral("poetry")};
    c.targets = {
        {11, 0, QStringLiteral("stories260K.gguf · greedy"),
         QJsonObject{{"kind", "local"}, {"path", "/m/stories260K.gguf"}, {"sha256", "ab"}},
         QJsonObject{{"temperature", 0}}},
        {12,
         1,
         QStringLiteral("mock/tiny"),
         QJsonObject{{"kind", "provider"}, {"provider", "mock"}, {"model", "tiny"}},
         {}},
    };
    c.prompts = {{21, 0, QStringLiteral("Be brief."), QStringLiteral("古池や")},
                 {22, 1, QString(), kHostile}};
    ComparisonResult a;
    a.id = 31;
    a.prompt_id = 21;
    a.target_id = 11;
    a.content = QStringLiteral("蛙飛び込む\n水の音");
    a.metrics.tokens_in = 5;
    a.metrics.tokens_out = 9;
    a.metrics.ttft_ms = 12.4;
    a.metrics.tokens_per_s = 250.26;
    a.metrics.finish_reason = QStringLiteral("stop");
    a.measurements.prompt_tokens_per_s = 900.5;
    a.measurements.wall_ms = 48.0;
    a.measurements.details = QJsonObject{{"device", "CPU"}};
    a.rating = 4;
    a.note = QStringLiteral("nice, short");
    ComparisonResult b;
    b.id = 32;
    b.prompt_id = 21;
    b.target_id = 12;
    b.content = QStringLiteral("Hello, world");
    b.metrics.cost_usd = 0.0125;
    b.metrics.finish_reason = QStringLiteral("stop");
    ComparisonResult hostile;
    hostile.id = 33;
    hostile.prompt_id = 22;
    hostile.target_id = 11;
    hostile.content = kHostile + QStringLiteral("\n``` fence inside");
    hostile.metrics.finish_reason = QStringLiteral("length");
    hostile.metrics.error = QStringLiteral("<b>not bold</b>");
    c.results = {a, b, hostile};
    c.pair_votes = {{41, 21, 11, 12, PairOutcome::BothBad, 1700000006000}};
    return c;
}

} // namespace

class CompareExportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_come_from_the_suffix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format"); // -1: none
        QTest::addRow("csv") << "out.csv" << static_cast<int>(ExportFormat::Csv);
        QTest::addRow("JSON upper") << "OUT.JSON" << static_cast<int>(ExportFormat::Json);
        QTest::addRow("md") << "r.md" << static_cast<int>(ExportFormat::Markdown);
        QTest::addRow("html") << "a/b.html" << static_cast<int>(ExportFormat::Html);
        QTest::addRow("htm") << "b.htm" << static_cast<int>(ExportFormat::Html);
        QTest::addRow("txt") << "b.txt" << -1;
    }

    void formats_come_from_the_suffix()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        const std::optional<ExportFormat> found = export_format_for_path(path);
        QCOMPARE(found ? static_cast<int>(*found) : -1, format);
    }

    void csv_parses_back_to_the_cells()
    {
        const Comparison c = sample();
        QString error;
        const std::optional<std::vector<QStringList>> records =
            parse_csv_records(QString::fromUtf8(comparison_to_csv(c)), &error);
        QVERIFY2(records, qPrintable(error));
        QCOMPARE(records->size(), size_t{5}); // header + 2 prompts x 2 targets
        const QStringList header = records->front();
        QCOMPARE(header, comparison_csv_columns());
        auto field = [&](size_t row, const char* name) {
            return (*records)[row].value(header.indexOf(QLatin1String(name)));
        };
        QCOMPARE(field(1, "prompt"), QStringLiteral("古池や"));
        QCOMPARE(field(1, "system_prompt"), QStringLiteral("Be brief."));
        QCOMPARE(field(1, "target"), QStringLiteral("stories260K.gguf · greedy"));
        QCOMPARE(field(1, "answer"), QStringLiteral("蛙飛び込む\n水の音"));
        QCOMPARE(field(1, "tokens_out"), QStringLiteral("9"));
        QCOMPARE(field(1, "tokens_per_s").toDouble(), 250.26);
        QCOMPARE(field(1, "prompt_tokens_per_s").toDouble(), 900.5);
        QCOMPARE(field(1, "rating"), QStringLiteral("4"));
        QCOMPARE(field(1, "note"), QStringLiteral("nice, short"));
        QCOMPARE(field(2, "cost_usd").toDouble(), 0.0125);
        QCOMPARE(field(2, "ttft_ms"), QString()); // not measured: empty, not 0
        QCOMPARE(field(3, "prompt"), kHostile);
        QCOMPARE(field(3, "error"), QStringLiteral("<b>not bold</b>"));
        QCOMPARE(field(4, "finish_reason"), QString()); // not run
        for (const QStringList& record : *records) {
            QCOMPARE(record.size(), header.size());
        }
    }

    void json_keeps_everything()
    {
        const Comparison c = sample();
        QJsonParseError parse_error;
        const QJsonDocument document =
            QJsonDocument::fromJson(export_comparison(c, ExportFormat::Json), &parse_error);
        QCOMPARE(parse_error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(root.value("format").toString(), QStringLiteral("kurabe-comparison"));
        QCOMPARE(root.value("version").toInt(), 1);
        QCOMPARE(root.value("title").toString(), c.info.title);
        QCOMPARE(root.value("tags").toArray().first().toString(), QStringLiteral("poetry"));
        QCOMPARE(root.value("targets").toArray().size(), 2);
        QCOMPARE(root.value("targets").toArray()[0].toObject().value("target").toObject(),
                 c.targets[0].target);
        const QJsonArray results = root.value("results").toArray();
        QCOMPARE(results.size(), 3);
        const QJsonObject first = results[0].toObject();
        QCOMPARE(first.value("content").toString(), c.results[0].content);
        QCOMPARE(first.value("tokens_in").toInteger(), 5);
        QCOMPARE(first.value("ttft_ms").toDouble(), 12.4);
        QCOMPARE(first.value("wall_ms").toDouble(), 48.0);
        QCOMPARE(first.value("details").toObject().value("device").toString(),
                 QStringLiteral("CPU"));
        QCOMPARE(first.value("rating").toInt(), 4);
        QVERIFY(!results[1].toObject().contains("ttft_ms")); // not measured: absent
        QCOMPARE(results[2].toObject().value("content").toString(), c.results[2].content);
        QCOMPARE(root.value("pair_votes").toArray()[0].toObject().value("outcome").toString(),
                 QStringLiteral("both_bad"));
    }

    void html_is_self_contained_and_escaped()
    {
        const QString html = QString::fromUtf8(comparison_to_html(sample()));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<style>")));
        // Nothing to fetch and nothing to run.
        for (const char* forbidden : {"<script", "src=", "href=", "@import", "url(", "<link"}) {
            QVERIFY2(!html.contains(QLatin1String(forbidden), Qt::CaseInsensitive), forbidden);
        }
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                             "&amp; 'q'")));
        QVERIFY(html.contains(QStringLiteral("&lt;b&gt;not bold&lt;/b&gt;")));
        QVERIFY(html.contains(QStringLiteral("Haiku &lt;test&gt;")));
        QVERIFY(html.contains(QStringLiteral("蛙飛び込む\n水の音")));
        QVERIFY(html.contains(QStringLiteral("250.3 tok/s")));
    }

    void markdown_fences_hold_the_answers()
    {
        const QString md = QString::fromUtf8(comparison_to_markdown(sample()));
        QVERIFY(md.startsWith(QStringLiteral("# Haiku <test>")));
        // The answer holds a ``` run, so its fence is longer.
        QVERIFY(md.contains(QStringLiteral("````\n") + sample().results[2].content +
                            QStringLiteral("\n````")));
        // A pipe in a label or prompt cell cannot break the table.
        QVERIFY(md.contains(QStringLiteral("| stories260K.gguf · greedy | 5 | 9 | 12 | 250.3 |")));
        QVERIFY(md.contains(QStringLiteral("Vote: stories260K.gguf · greedy vs mock/tiny: "
                                           "both_bad")));
    }

    void writing_is_atomic_and_refuses_unknown_suffixes()
    {
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("report.html"));
        QVERIFY2(write_comparison_export(sample(), path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), comparison_to_html(sample()));
        QVERIFY(!write_comparison_export(sample(), dir.filePath(QStringLiteral("r.txt")), &error));
        QVERIFY(error.contains(QStringLiteral(".csv, .json, .md or .html")));
        QVERIFY(!write_comparison_export(sample(), dir.filePath(QStringLiteral("no/dir/r.csv")),
                                         &error));
    }
};

QTEST_GUILESS_MAIN(CompareExportTest)
#include "compare_export_test.moc"
