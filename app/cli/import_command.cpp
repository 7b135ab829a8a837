#include "cli/import_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/service/storage_writer.h"
#include "storage/transfer/importer.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("import");

QJsonArray id_array(const std::vector<qint64>& ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

int run_import_command(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import an export file (from kurabe export), all or nothing. "
                       "Conversations and comparisons are added as new ones; providers, model "
                       "files, settings and catalog entries whose name is already here are kept "
                       "as they are."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions({json, data_dir, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe import")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << "Usage: kurabe import FILE [--json] [--data-dir DIR]\n"
              << parser.applicationDescription() << '\n';
        out().flush();
        return Ok;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(k_name, QStringLiteral("name one file to import: kurabe import FILE"), Usage);
    const QString file = QFileInfo(parser.positionalArguments().front()).absoluteFilePath();
    if (!QFileInfo(file).isFile())
        return fail(k_name, QStringLiteral("%1 does not exist or is not a file").arg(file));

    const storage::DataDir dir = storage::open_data_dir(parser.value(data_dir));
    if (dir.path.isEmpty())
        return fail(k_name, dir.error);
    auto writer = storage::StorageWriter::open(storage::database_path(dir.path));
    if (!writer)
        return fail(k_name, writer.message());
    // Through the writer queue, like every change the application makes.
    const storage::StorageResult<storage::ImportSummary> imported =
        (*writer)
            ->submit([file](storage::Database& database) {
                return storage::import_from_file(database, file);
            })
            .result();
    if (!imported)
        return fail(k_name, imported.message());

    if (parser.isSet(json)) {
        out() << QJsonDocument(
                     QJsonObject{
                         {QStringLiteral("file"), file},
                         {QStringLiteral("scope"), export_scope_name(imported->scope)},
                         {QStringLiteral("imported"), imported->imported.to_json()},
                         {QStringLiteral("skipped"), imported->skipped.to_json()},
                         {QStringLiteral("conversation_ids"), id_array(imported->conversation_ids)},
                         {QStringLiteral("comparison_ids"), id_array(imported->comparison_ids)}})
                     .toJson(QJsonDocument::Indented);
    } else {
        out() << "imported " << imported->imported.describe() << " from " << file << '\n';
        if (imported->skipped.total() > 0)
            out() << "kept as they were (already here): " << imported->skipped.describe() << '\n';
    }
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
