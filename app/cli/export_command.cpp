#include "cli/export_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/transfer/exporter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("export");

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
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions({output, conversation, comparison, json, data_dir, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe export")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << "Usage: kurabe export [--conversation ID | --comparison ID] -o FILE.jsonl.zst "
                 "[--json] [--data-dir DIR]\n"
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
