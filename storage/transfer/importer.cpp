// The import driver: header, records, end record, then the active-branch links and the commit.
// Any problem rolls the whole import back; its message says where the file broke.
#include "storage/transfer/importer.h"

#include "storage/sqlite/transaction.h"
#include "storage/transfer/import_session.h"
#include "storage/transfer/zstd_file.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace kurabe::storage {
namespace {

constexpr const char* kNothingImported = "; nothing was imported";

class Import
{
public:
    Import(Database& database, ZstdLineReader& in, QString path)
        : in_(in), path_(std::move(path)), session_(database)
    {}

    StorageResult<ImportSummary> run(Database& database);

private:
    // The problem at the line just read: "FILE: line 3 (byte 120): WHY; nothing was imported".
    StorageError at_line(const StorageError& error) const
    {
        return StorageError{error.kind, error.sqlite_code,
                            QStringLiteral("%1: line %2 (byte %3 of the uncompressed text): %4%5")
                                .arg(path_)
                                .arg(in_.line_number())
                                .arg(in_.line_offset())
                                .arg(error.message, QLatin1String(kNothingImported))};
    }
    StorageError at_line(const QString& why) const
    {
        return at_line(StorageError{StorageErrorKind::InvalidArgument, 0, why});
    }
    StorageError in_file(const StorageError& error) const
    {
        return StorageError{error.kind, error.sqlite_code,
                            error.message + QLatin1String(kNothingImported)};
    }

    // The next record, or nothing at the end of the file.
    StorageResult<std::optional<QJsonObject>> next_record();
    StorageResult<void> header(const QJsonObject& record);

    ZstdLineReader& in_;
    QString path_;
    ImportSession session_;
};

StorageResult<std::optional<QJsonObject>> Import::next_record()
{
    StorageResult<std::optional<QByteArray>> line = in_.next_line();
    if (!line) {
        return in_file(line.error());
    }
    if (!*line) {
        return std::optional<QJsonObject>();
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(**line, &parse);
    if (parse.error != QJsonParseError::NoError) {
        return at_line(QStringLiteral("not valid JSON (%1 at byte %2 of the line)")
                           .arg(parse.errorString())
                           .arg(parse.offset));
    }
    if (!document.isObject()) {
        return at_line(QStringLiteral("a record must be a JSON object"));
    }
    return std::optional<QJsonObject>(document.object());
}

StorageResult<void> Import::header(const QJsonObject& record)
{
    ImportFields fields(record);
    const QString type = fields.text("type");
    const QString format = fields.text("format");
    const qint64 version = fields.integer("version");
    const QString scope = fields.text("scope");
    if (type != QLatin1String("header") || format != QLatin1String(kExportFormatName)) {
        return at_line(QStringLiteral("this is not a Kurabe export (its first line is not a "
                                      "\"%1\" header)")
                           .arg(QLatin1String(kExportFormatName)));
    }
    if (!fields.problem().isEmpty()) {
        return at_line(fields.problem());
    }
    if (version > kExportFormatVersion || version < 1) {
        return at_line(QStringLiteral("the file has export format version %1, and this Kurabe "
                                      "reads versions 1 to %2; update Kurabe to import it")
                           .arg(version)
                           .arg(kExportFormatVersion));
    }
    for (ExportScope known :
         {ExportScope::Everything, ExportScope::Conversation, ExportScope::Comparison}) {
        if (scope == export_scope_name(known)) {
            session_.summary().scope = known;
            return {};
        }
    }
    return at_line(QStringLiteral("unknown scope \"%1\"").arg(scope));
}

StorageResult<ImportSummary> Import::run(Database& database)
{
    StorageResult<std::optional<QJsonObject>> first = next_record();
    if (!first) {
        return first.error();
    }
    if (!*first) {
        return in_file(StorageError{StorageErrorKind::InvalidArgument, 0,
                                    QStringLiteral("%1 holds no records").arg(path_)});
    }
    if (StorageResult<void> valid = header(**first); !valid) {
        return valid.error();
    }
    StorageResult<Transaction> transaction =
        Transaction::begin(database, QStringLiteral("importing %1").arg(path_));
    if (!transaction) {
        return transaction.error();
    }
    qint64 records = 0;
    for (;;) {
        StorageResult<std::optional<QJsonObject>> record = next_record();
        if (!record) {
            return record.error();
        }
        if (!*record) {
            return in_file(StorageError{
                StorageErrorKind::InvalidArgument, 0,
                QStringLiteral("%1: the file ends after line %2 without its \"end\" record; it "
                               "was cut short")
                    .arg(path_)
                    .arg(in_.line_number())});
        }
        const QString type = (*record)->value(QStringLiteral("type")).toString();
        if (type == QLatin1String("end")) {
            ImportFields fields(**record);
            const qint64 expected = fields.integer("records");
            if (!fields.problem().isEmpty()) {
                return at_line(fields.problem());
            }
            if (expected != records) {
                return at_line(QStringLiteral("the end record counts %1 records, but the file "
                                              "holds %2")
                                   .arg(expected)
                                   .arg(records));
            }
            break;
        }
        if (type == QLatin1String("header")) {
            return at_line(QStringLiteral("a second header"));
        }
        if (StorageResult<void> added = session_.add(type, **record); !added) {
            return at_line(added.error());
        }
        ++records;
    }
    // Nothing may follow the end record: a longer file is not what was exported.
    StorageResult<std::optional<QByteArray>> after = in_.next_line();
    if (!after) {
        return in_file(after.error());
    }
    if (*after) {
        return at_line(QStringLiteral("text after the \"end\" record"));
    }
    if (StorageResult<void> linked = session_.link_active_branches(); !linked) {
        return in_file(StorageError{linked.error().kind, linked.error().sqlite_code,
                                    path_ + QStringLiteral(": ") + linked.message()});
    }
    if (StorageResult<void> committed = transaction->commit(); !committed) {
        return in_file(committed.error());
    }
    return std::move(session_.summary());
}

} // namespace

StorageResult<ImportSummary> import_from_file(Database& database, const QString& path)
{
    StorageResult<std::unique_ptr<ZstdLineReader>> in = ZstdLineReader::open(path);
    if (!in) {
        return in.error();
    }
    Import import(database, **in, path);
    return import.run(database);
}

} // namespace kurabe::storage
