#include "cli/export_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "share/conversation_share.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/conversation_store.h"
#include "storage/transfer/exporter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("export");

// The format asked for with --format, else the one the file name implies.
std::optional<app::ShareFormat> share_format(const QString& requested, const QString& file,
                                             bool* jsonl, QString* error)
{
    *jsonl = false;
    if (!requested.isEmpty()) {
        if (requested == QLatin1String("jsonl")) {
            *jsonl = true;
            return std::nullopt;
        }
        auto format = app::share_format_from_name(requested);
        if (!format)
            *error = QStringLiteral("unknown format '%1' (jsonl, markdown or json)").arg(requested);
        return format;
    }
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return app::ShareFormat::Markdown;
    if (suffix == QLatin1String("json"))
        return app::ShareFormat::Json;
    *jsonl = true;
    return std::nullopt;
}

// One conversation's active branch as Markdown or JSON, to FILE or to stdout ("-").
int share_conversation(storage::Database& database, qint64 id, app::ShareFormat format,
                       const QString& file, bool json_report)
{
    storage::ConversationStore store(database);
    auto conversation = store.conversation(id);
    if (!conversation)
        return fail(k_name, conversation.message());
    auto path = store.active_path(id);
    if (!path)
        return fail(k_name, path.message());
    const QByteArray bytes = format == app::ShareFormat::Markdown
                                 ? app::conversation_markdown(*conversation, *path).toUtf8()
                                 : QJsonDocument(app::conversation_json(*conversation, *path))
                                       .toJson(QJsonDocument::Indented);
    if (file == QLatin1String("-")) {
        out() << QString::fromUtf8(bytes);
        out().flush();
        return Ok;
    }
    // Written to a temporary file and renamed: a full disk leaves the old file as it was.
    QSaveFile save(file);
    if (!save.open(QIODevice::WriteOnly) || save.write(bytes) != bytes.size() || !save.commit())
        return fail(k_name, QStringLiteral("cannot write %1: %2").arg(file, save.errorString()));
    if (json_report) {
        out() << QJsonDocument(
                     QJsonObject{{QStringLiteral("file"), file},
                                 {QStringLiteral("scope"), QStringLiteral("conversation")},
                                 {QStringLiteral("format"), format == app::ShareFormat::Markdown
                                                                ? QStringLiteral("markdown")
                                                                : QStringLiteral("json")},
                                 {QStringLiteral("bytes"), bytes.size()},
                                 {QStringLiteral("messages"), static_cast<qint64>(path->size())}})
                     .toJson(QJsonDocument::Indented);
    } else {
        out() << "exported conversation " << id << " (" << path->size() << " messages) to " << file
              << '\n';
    }
    out().flush();
    return Ok;
}

} // namespace

int run_export_command(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Export every conversation, comparison, provider (without secrets), "
                       "model file entry and setting - or one conversation or comparison - as "
                       "zstd-compressed JSON Lines (docs/export-format.md)."));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (usually NAME.jsonl.zst)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption conversation(QStringLiteral("conversation"),
                                          QStringLiteral("Export only this conversation."),
                                          QStringLiteral("ID"));
    const QCommandLineOption comparison(QStringLiteral("comparison"),
                                        QStringLiteral("Export only this comparison."),
                                        QStringLiteral("ID"));
    const QCommandLineOption format_option(
        QStringLiteral("format"),
        QStringLiteral("jsonl (everything, re-importable; the default), or for one conversation "
                       "markdown or json (for sharing; FILE.md / FILE.json imply them)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions({output, conversation, comparison, format_option, json, data_dir, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe export")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << "Usage: kurabe export [--conversation ID | --comparison ID] -o FILE.jsonl.zst "
                 "[--json] [--data-dir DIR]\n"
                 "       kurabe export --conversation ID -o FILE.md|FILE.json|- [--format "
                 "markdown|json]\n"
              << parser.applicationDescription() << '\n';
        out().flush();
        return Ok;
    }
    QStringList files = parser.positionalArguments();
    if (parser.isSet(output))
        files.prepend(parser.value(output));
    if (files.size() != 1)
        return fail(k_name,
                    QStringLiteral("name one file to write: kurabe export -o FILE.jsonl.zst"),
                    Usage);
    if (parser.isSet(conversation) && parser.isSet(comparison))
        return fail(k_name, QStringLiteral("--conversation and --comparison cannot be combined"),
                    Usage);
    storage::ExportScope scope = storage::ExportScope::Everything;
    qint64 id = 0;
    if (parser.isSet(conversation) || parser.isSet(comparison)) {
        const QCommandLineOption& which = parser.isSet(conversation) ? conversation : comparison;
        scope = parser.isSet(conversation) ? storage::ExportScope::Conversation
                                           : storage::ExportScope::Comparison;
        bool ok = false;
        id = parser.value(which).toLongLong(&ok);
        if (!ok || id < 1)
            return fail(k_name,
                        QStringLiteral("--%1 wants a number (see kurabe search), not '%2'")
                            .arg(which.names().front(), parser.value(which)),
                        Usage);
    }

    const storage::DataDir dir = storage::open_data_dir(parser.value(data_dir));
    if (dir.path.isEmpty())
        return fail(k_name, dir.error);
    const QString path = storage::database_path(dir.path);
    if (!QFile::exists(path))
        return fail(k_name, QStringLiteral("%1 holds no Kurabe data yet (no %2)")
                                .arg(dir.path, QFileInfo(path).fileName()));
    auto database = storage::open_kurabe_database(path, storage::OpenMode::ReadOnly);
    if (!database)
        return fail(k_name, database.message());
    bool jsonl = true;
    QString format_error;
    const std::optional<app::ShareFormat> shared =
        share_format(parser.value(format_option), files.front(), &jsonl, &format_error);
    if (!format_error.isEmpty())
        return fail(k_name, format_error, Usage);
    if (shared) {
        if (scope != storage::ExportScope::Conversation)
            return fail(k_name,
                        QStringLiteral("Markdown and JSON exports are of one conversation: add "
                                       "--conversation ID (or write FILE.jsonl.zst)"),
                        Usage);
        const QString target = files.front() == QLatin1String("-")
                                   ? files.front()
                                   : QFileInfo(files.front()).absoluteFilePath();
        return share_conversation(**database, id, *shared, target, parser.isSet(json));
    }
    const QString file = QFileInfo(files.front()).absoluteFilePath();
    auto exported = storage::export_to_file(**database, scope, id, file);
    if (!exported)
        return fail(k_name, exported.message());
    const qint64 size = QFileInfo(file).size();

    if (parser.isSet(json)) {
        out() << QJsonDocument(
                     QJsonObject{
                         {QStringLiteral("file"), file},
                         {QStringLiteral("scope"), export_scope_name(scope)},
                         {QStringLiteral("bytes"), size},
                         {QStringLiteral("uncompressed_bytes"), exported->uncompressed_bytes},
                         {QStringLiteral("records"), exported->records.to_json()}})
                     .toJson(QJsonDocument::Indented);
    } else {
        out() << "exported " << exported->records.describe() << " to " << file << " ("
              << QString::number(static_cast<double>(size) / 1024.0, 'f', 1) << " KiB)\n";
    }
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
