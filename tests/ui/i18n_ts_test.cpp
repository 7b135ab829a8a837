// translations/kurabe_ja.ts, read as XML without Qt's Linguist code: every message is
// translated (no unfinished, obsolete or empty entry), and each translation keeps the source's
// %1..%9 / %n placeholders, HTML tags and '&' accelerator — a dropped %2 would show the wrong
// number, a lost tag breaks the page, a second '&' steals a shortcut. The checker itself is
// tested on broken pairs, so a pass means something.
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString k_ts_path = QStringLiteral(KURABE_SOURCE_DIR "/translations/kurabe_ja.ts");

struct TsMessage
{
    QString context;
    QString source;
    QString type;             // the translation's type attribute: "", "unfinished", "obsolete", ...
    QStringList translations; // one, or one per numerus form
    qint64 line = 0;          // in the .ts file
};

struct TsFile
{
    QString language;
    std::vector<TsMessage> messages;
    QString error; // empty when the file was read completely
};

TsFile read_ts(const QString& path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = path + QStringLiteral(": ") + file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context, {}, {}, {}, xml.lineNumber()};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            // Plain text, or <numerusform> children for %n messages.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    message.translations << xml.readElementText();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (message.translations.isEmpty())
                message.translations << text;
            ts.messages.push_back(message);
        }
    }
    if (xml.hasError())
        ts.error =
            QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// Sorted, so a translation may reorder them ("%2 の %1") but not drop, add or change one.
QStringList matches_of(const QRegularExpression& pattern, const QString& text)
{
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?[1-9n]"));
    return matches_of(pattern, text);
}

QStringList html_tags(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("</?[A-Za-z][A-Za-z0-9]*"));
    return matches_of(pattern, text);
}

// '&' followed by a letter marks a shortcut; "&&" is a literal ampersand.
int accelerators(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("(?<!&)&(?=[^&\\s])"));
    return static_cast<int>(matches_of(pattern, text).size());
}

// Why `translation` does not fit `source`; empty when it does.
QString problem_with(const QString& source, const QString& translation)
{
    if (translation.trimmed().isEmpty())
        return QStringLiteral("the translation is empty");
    if (placeholders(source) != placeholders(translation))
        return QStringLiteral("placeholders %1 became %2")
            .arg(placeholders(source).join(u' '), placeholders(translation).join(u' '));
    if (html_tags(source) != html_tags(translation))
        return QStringLiteral("HTML tags %1 became %2")
            .arg(html_tags(source).join(u' '), html_tags(translation).join(u' '));
    if (accelerators(source) != accelerators(translation))
        return QStringLiteral("%1 '&' shortcut(s) became %2")
            .arg(accelerators(source))
            .arg(accelerators(translation));
    return {};
}

} // namespace

class I18nTsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void file_is_japanese_and_complete()
    {
        const TsFile ts = read_ts(k_ts_path);
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.language, QStringLiteral("ja_JP"));
        // The window has a few hundred strings; a handful means lupdate found no sources.
        QVERIFY2(ts.messages.size() > 300, qPrintable(QString::number(ts.messages.size())));
    }

    void every_message_is_translated_faithfully_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("translations");
        const TsFile ts = read_ts(k_ts_path);
        for (const TsMessage& m : ts.messages) {
            QTest::addRow("line %lld %s", m.line, qPrintable(m.context))
                << m.source << m.type << m.translations;
        }
    }

    void every_message_is_translated_faithfully()
    {
        QFETCH(QString, source);
        QFETCH(QString, type);
        QFETCH(QStringList, translations);
        QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("\"%1\" is %2: translate it (see "
                                                           "translations/README.md)")
                                                .arg(source, type)));
        for (const QString& translation : translations) {
            const QString problem = problem_with(source, translation);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(
                         QStringLiteral("\"%1\" -> \"%2\": %3").arg(source, translation, problem)));
        }
    }

    void the_checker_rejects_broken_translations_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("translation");
        QTest::addColumn<bool>("fits");
        QTest::addRow("faithful, reordered") << "%1 of %2"
                                             << "%2 の %1" << true;
        QTest::addRow("percent sign is not a placeholder") << "hashing %1%"
                                                           << "計算中 %1%" << true;
        QTest::addRow("empty") << "Send"
                               << "" << false;
        QTest::addRow("blank") << "Send"
                               << "  " << false;
        QTest::addRow("dropped second placeholder") << "%1 of %2"
                                                    << "%1 件" << false;
        QTest::addRow("added third placeholder") << "%1 of %2"
                                                 << "%1 / %2 %3" << false;
        QTest::addRow("count placeholder lost") << "%n file(s)"
                                                << "ファイル" << false;
        QTest::addRow("first placeholder renumbered") << "%1 ms"
                                                      << "%2 ms" << false;
        QTest::addRow("tag dropped") << "<b>%1</b> text"
                                     << "%1 テキスト" << false;
        QTest::addRow("tag added") << "%1"
                                   << "<i>%1</i>" << false;
        QTest::addRow("accelerator lost") << "&View"
                                          << "表示" << false;
        QTest::addRow("accelerator kept") << "&View"
                                          << "表示(&V)" << true;
        QTest::addRow("literal ampersand") << "A && B"
                                           << "A && B" << true;
    }

    void the_checker_rejects_broken_translations()
    {
        QFETCH(QString, source);
        QFETCH(QString, translation);
        QFETCH(bool, fits);
        QCOMPARE(problem_with(source, translation).isEmpty(), fits);
    }

    void the_reader_sees_unfinished_and_numerus_entries()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Ctx</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 個のファイル</numerusform>
        </translation>
    </message>
</context>
</TS>
)");
        file.close();
        const TsFile ts = read_ts(file.fileName());
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.messages.size(), size_t(2));
        QCOMPARE(ts.messages[0].type, QStringLiteral("unfinished"));
        QCOMPARE(ts.messages[0].translations, QStringList{QString()});
        QCOMPARE(ts.messages[1].context, QStringLiteral("Ctx"));
        QCOMPARE(ts.messages[1].translations, QStringList{QStringLiteral("%n 個のファイル")});
    }
};

QTEST_GUILESS_MAIN(I18nTsTest)
#include "i18n_ts_test.moc"
