// The word diff of the compare workspace: tokens (Latin words, punctuation, CJK characters one
// by one), the segments of small diffs written out by hand, and the bound on long answers
// (line by line, then whole). Every diff must reassemble exactly into both texts.
#include "compare/word_diff.h"

#include <QTest>

using namespace kurabe::app;

Q_DECLARE_METATYPE(kurabe::app::DiffGranularity)

namespace {

// "=text", "-text", "+text": a segment as the expected lists below write it.
QStringList written(const WordDiff& diff)
{
    QStringList out;
    for (const DiffSegment& segment : diff.segments) {
        const char op = segment.op == DiffOp::Equal     ? '='
                        : segment.op == DiffOp::Removed ? '-'
                                                        : '+';
        out << QLatin1Char(op) + segment.text;
    }
    return out;
}

// The Equal+Removed texts give `a`, the Equal+Added texts `b`; neighbours differ in op and no
// segment is empty.
void check_reassembles(const WordDiff& diff, const QString& a, const QString& b)
{
    QString from_a;
    QString from_b;
    for (size_t i = 0; i < diff.segments.size(); ++i) {
        const DiffSegment& segment = diff.segments[i];
        QVERIFY(!segment.text.isEmpty());
        if (i > 0)
            QVERIFY(diff.segments[i - 1].op != segment.op);
        if (segment.op != DiffOp::Added)
            from_a += segment.text;
        if (segment.op != DiffOp::Removed)
            from_b += segment.text;
    }
    QCOMPARE(from_a, a);
    QCOMPARE(from_b, b);
}

// `lines` lines of `words` words each; word w of line l is "w<l>x<w>", or "v<l>x<w>" for the
// lines below `changed`.
QString word_grid(int lines, int words, int changed)
{
    QString text;
    for (int l = 0; l < lines; ++l) {
        for (int w = 0; w < words; ++w) {
            text += QStringLiteral("%1%2x%3").arg(l < changed ? u'v' : u'w').arg(l).arg(w);
            text += w + 1 < words ? QLatin1Char(' ') : QLatin1Char('\n');
        }
    }
    return text;
}

} // namespace

class CompareWordDiffTest : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::addRow("empty") << QString() << QStringList();
        QTest::addRow("words, spaces, punctuation")
            << QStringLiteral("Hello,  world!\n")
            << QStringList{QStringLiteral("Hello"), QStringLiteral(","), QStringLiteral("  "),
                           QStringLiteral("world"), QStringLiteral("!"), QStringLiteral("\n")};
        QTest::addRow("punctuation one by one")
            << QStringLiteral("a...b_c2")
            << QStringList{QStringLiteral("a"), QStringLiteral("."), QStringLiteral("."),
                           QStringLiteral("."), QStringLiteral("b_c2")};
        QTest::addRow("japanese character by character")
            << QStringLiteral("言語モデルは、GPU で")
            << QStringList{QStringLiteral("言"), QStringLiteral("語"),  QStringLiteral("モ"),
                           QStringLiteral("デ"), QStringLiteral("ル"),  QStringLiteral("は"),
                           QStringLiteral("、"), QStringLiteral("GPU"), QStringLiteral(" "),
                           QStringLiteral("で")};
        QTest::addRow("prolonged sound mark")
            << QStringLiteral("データ")
            << QStringList{QStringLiteral("デ"), QStringLiteral("ー"), QStringLiteral("タ")};
        QTest::addRow("combining accent stays in its word")
            << QStringLiteral("cafe\u0301 ok")
            << QStringList{QStringLiteral("cafe\u0301"), QStringLiteral(" "), QStringLiteral("ok")};
        QTest::addRow("emoji outside the BMP is one token")
            << QStringLiteral("a\U0001F600b")
            << QStringList{QStringLiteral("a"), QStringLiteral("\U0001F600"), QStringLiteral("b")};
        QTest::addRow("lone surrogate") << QString(QChar(0xD800)) + QStringLiteral("x")
                                        << QStringList{QString(QChar(0xD800)), QStringLiteral("x")};
    }

    void tokens()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QCOMPARE(diff_tokens(text), tokens);
        QCOMPARE(diff_tokens(text).join(QString()), text);
    }

    void smallDiffs_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QStringList>("segments");
        QTest::addColumn<int>("equal");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("added");
        const auto s = [](const char* text) { return QString::fromUtf8(text); };
        QTest::addRow("identical") << s("The dog runs.") << s("The dog runs.")
                                   << QStringList{s("=The dog runs.")} << 4 << 0 << 0;
        QTest::addRow("one word changed")
            << s("The big dog runs") << s("The small dog runs")
            << QStringList{s("=The "), s("-big"), s("+small"), s("= dog runs")} << 3 << 1 << 1;
        QTest::addRow("punctuation changed")
            << s("Hello, world.") << s("Hello, world!")
            << QStringList{s("=Hello, world"), s("-."), s("+!")} << 3 << 1 << 1;
        QTest::addRow("insertion at the start")
            << s("dog runs") << s("The dog runs") << QStringList{s("+The "), s("=dog runs")} << 2
            << 0 << 1;
        QTest::addRow("insertion at the end")
            << s("The dog") << s("The dog runs fast.")
            << QStringList{s("=The dog"), s("+ runs fast.")} << 2 << 0 << 3;
        QTest::addRow("empty to text")
            << QString() << s("Hello, world") << QStringList{s("+Hello, world")} << 0 << 0 << 3;
        QTest::addRow("text to empty")
            << s("Hello, world") << QString() << QStringList{s("-Hello, world")} << 0 << 3 << 0;
        QTest::addRow("both empty") << QString() << QString() << QStringList() << 0 << 0 << 0;
        QTest::addRow("japanese prefix removed")
            << s("大規模言語モデル") << s("言語モデル")
            << QStringList{s("-大規模"), s("=言語モデル")} << 5 << 3 << 0;
        QTest::addRow("markup is plain text")
            << s("<b>bold</b>") << s("<i>bold</i>")
            << QStringList{s("=<"), s("-b"), s("+i"), s("=>bold</"), s("-b"), s("+i"), s("=>")} << 6
            << 2 << 2;
    }

    void smallDiffs()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QStringList, segments);
        QFETCH(int, equal);
        QFETCH(int, removed);
        QFETCH(int, added);
        const WordDiff diff = word_diff(a, b);
        QCOMPARE(diff.granularity, DiffGranularity::Words);
        QCOMPARE(written(diff), segments);
        QCOMPARE(diff.equal_words, equal);
        QCOMPARE(diff.removed_words, removed);
        QCOMPARE(diff.added_words, added);
        check_reassembles(diff, a, b);
    }

    void bounds_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("maxEdits");
        QTest::addColumn<DiffGranularity>("granularity");
        QTest::addColumn<int>("equal");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("added");
        // 3,000 words in 100 lines. 10 lines changed: 600 word edits, within the default bound.
        QTest::addRow("long, few edits")
            << word_grid(100, 30, 0) << word_grid(100, 30, 10) << kDefaultMaxDiffEdits
            << DiffGranularity::Words << 2700 << 300 << 300;
        // 80 lines changed: 4,800 word edits are too many, 160 line edits are not.
        QTest::addRow("long, many edits")
            << word_grid(100, 30, 0) << word_grid(100, 30, 80) << kDefaultMaxDiffEdits
            << DiffGranularity::Lines << 600 << 2400 << 2400;
        // 4 word edits over a bound of 3; the one changed line is 2 line edits.
        QTest::addRow("small bound, line by line")
            << QStringLiteral("one two\nthree four\n") << QStringLiteral("one two\nfive six\n") << 3
            << DiffGranularity::Lines << 2 << 2 << 2;
        QTest::addRow("small bound, whole") << QStringLiteral("a b c") << QStringLiteral("x y z")
                                            << 1 << DiffGranularity::Whole << 0 << 3 << 3;
    }

    void bounds()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, maxEdits);
        QFETCH(DiffGranularity, granularity);
        QFETCH(int, equal);
        QFETCH(int, removed);
        QFETCH(int, added);
        const WordDiff diff = word_diff(a, b, maxEdits);
        QCOMPARE(diff.granularity, granularity);
        QCOMPARE(diff.equal_words, equal);
        QCOMPARE(diff.removed_words, removed);
        QCOMPARE(diff.added_words, added);
        check_reassembles(diff, a, b);
    }

    void lineDiffKeepsLinesWhole()
    {
        const WordDiff diff = word_diff(QStringLiteral("one two\nthree four\n"),
                                        QStringLiteral("one two\nfive six\n"), 3);
        QCOMPARE(written(diff),
                 QStringList({QStringLiteral("=one two\n"), QStringLiteral("-three four\n"),
                              QStringLiteral("+five six\n")}));
    }
};

QTEST_GUILESS_MAIN(CompareWordDiffTest)
#include "compare_word_diff_test.moc"
