#include "cli/search_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/search/search_index.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("search");

// The match between brackets, on one line.
QString printable_snippet(QString snippet)
{
    snippet.replace(storage::kSearchMatchStart, QLatin1Char('['));
    snippet.replace(storage::kSearchMatchEnd, QLatin1Char(']'));
    for (QChar& c : snippet) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            c = QLatin1Char(' ');
        }
    }
    return snippet;
}

QJsonObject hit_json(const storage::SearchHit& hit)
{
    QJsonObject object{{QStringLiteral("title"), hit.owner_title},
                       {QStringLiteral("snippet"), printable_snippet(hit.snippet)},
                       {QStringLiteral("rank"), hit.rank}};
    switch (hit.kind) {
    case storage::SearchHitKind::Message:
        object.insert(QStringLiteral("kind"), QStringLiteral("message"));
        object.insert(QStringLiteral("conversation_id"), hit.owner_id);
        object.insert(QStringLiteral("message_id"), hit.item_id);
        break;
    case storage::SearchHitKind::ComparisonPrompt:
        object.insert(QStringLiteral("kind"), QStringLiteral("comparison_prompt"));
        object.insert(QStringLiteral("comparison_id"), hit.owner_id);
        object.insert(QStringLiteral("prompt_id"), hit.item_id);
        break;
    case storage::SearchHitKind::ComparisonResult:
        object.insert(QStringLiteral("kind"), QStringLiteral("comparison_result"));
        object.insert(QStringLiteral("comparison_id"), hit.owner_id);
        object.insert(QStringLiteral("result_id"), hit.item_id);
        break;
    }
    return object;
}

QString hit_line(const storage::SearchHit& hit)
{
    switch (hit.kind) {
    case storage::SearchHitKind::Message:
        return QStringLiteral("conversation %1 \"%2\", message %3")
            .arg(hit.owner_id)
            .arg(hit.owner_title)
            .arg(hit.item_id);
    case storage::SearchHitKind::ComparisonPrompt:
        return QStringLiteral("comparison %1 \"%2\", prompt %3")
            .arg(hit.owner_id)
            .arg(hit.owner_title)
            .arg(hit.item_id);
    case storage::SearchHitKind::ComparisonResult:
        return QStringLiteral("comparison %1 \"%2\", answer %3")
            .arg(hit.owner_id)
            .arg(hit.owner_title)
            .arg(hit.item_id);
    }
    return {};
}

} // namespace

int run_search_command(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Search every saved message, comparison prompt and answer. Words of 3 or "
                       "more characters must all occur, in any order; any script works "
                       "(\"言語モデル\" finds \"大規模言語モデル\")."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("Show at most N hits (default 20)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions({limit, json, data_dir, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe search")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << "Usage: kurabe search TEXT [--limit N] [--json] [--data-dir DIR]\n"
              << parser.applicationDescription() << '\n';
        out().flush();
        return Ok;
    }
    const QString text = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
        return fail(k_name, QStringLiteral("say what to search for: kurabe search TEXT"), Usage);
    bool limit_ok = false;
    const int max_hits = parser.value(limit).toInt(&limit_ok);
    if (!limit_ok || max_hits < 1)
        return fail(
            k_name,
            QStringLiteral("--limit wants a positive number, not '%1'").arg(parser.value(limit)),
            Usage);

    const storage::DataDir dir = storage::open_data_dir(parser.value(data_dir));
    if (dir.path.isEmpty())
        return fail(k_name, dir.error);
    const QString path = storage::database_path(dir.path);
    std::vector<storage::SearchHit> hits;
    // No database yet: nothing was ever saved, so nothing matches (and nothing is created).
    if (QFile::exists(path)) {
        auto database = storage::open_kurabe_database(path, storage::OpenMode::ReadOnly);
        if (!database)
            return fail(k_name, database.message());
        auto found = storage::SearchIndex(**database).search(text, max_hits);
        if (!found)
            return fail(k_name, found.message());
        hits = std::move(found).value();
    }

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const storage::SearchHit& hit : hits)
            array.append(hit_json(hit));
        out() << QJsonDocument(
                     QJsonObject{{QStringLiteral("query"), text}, {QStringLiteral("hits"), array}})
                     .toJson(QJsonDocument::Indented);
        out().flush();
        return Ok;
    }
    if (hits.empty()) {
        out() << "no matches for \"" << text << "\"\n";
        out().flush();
        return Ok;
    }
    int number = 0;
    for (const storage::SearchHit& hit : hits) {
        out() << ++number << ". " << hit_line(hit) << '\n'
              << "   " << printable_snippet(hit.snippet) << '\n';
    }
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
