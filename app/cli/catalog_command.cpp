#include "cli/catalog_command.h"

#include "catalog/catalog_filter.h"
#include "catalog/catalog_library.h"
#include "catalog/downloader.h"
#include "catalog/speed_probe.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("catalog");

const char* const k_usage =
    "Usage:\n"
    "  kurabe catalog [list] [--search TEXT] [--developer NAME] [--license-kind KIND]\n"
    "                 [--open-weights] [--min-context TOKENS] [--local] [--json] [--data-dir DIR]\n"
    "  kurabe catalog show KEY [--json] [--data-dir DIR]\n"
    "  kurabe catalog download KEY[:QUANT] [--quant QUANT] [--dir DIR] [--json] [--data-dir DIR]\n"
    "  kurabe catalog measure [TYPE...] [--backend auto|cpu|vulkan] [--device NAME|INDEX] "
    "[--json]\n"
    "                 [--data-dir DIR]   (times generation of a small model of each tensor TYPE,\n"
    "                 default Q4_K, here; the catalog's speed estimates use it)\n"
    "KIND is permissive, copyleft, restricted or proprietary. Downloads go to DIR (default: the\n"
    "models folder of the data directory) and resume when run again after an interruption.\n";

QString count_text(std::optional<qint64> n)
{
    if (!n)
        return QStringLiteral("-");
    const double value = static_cast<double>(*n);
    if (value >= 1e9)
        return QStringLiteral("%1B").arg(value / 1e9, 0, 'g', 3);
    if (value >= 1e6)
        return QStringLiteral("%1M").arg(value / 1e6, 0, 'g', 3);
    return QString::number(*n);
}

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(static_cast<double>(bytes) / 1e6, 0, 'f', 1);
}

void print_json(const QJsonValue& value)
{
    out() << (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                 .toJson(QJsonDocument::Indented);
    out().flush();
}

int list(const std::vector<catalog::CatalogEntry>& entries, const catalog::CatalogFilter& filter,
         bool json)
{
    const catalog::MachineMemory no_machine; // the CLI list has no "fits" filter
    std::vector<const catalog::CatalogEntry*> shown;
    for (const catalog::CatalogEntry& entry : entries) {
        if (catalog::catalog_entry_matches(entry, filter, no_machine))
            shown.push_back(&entry);
    }
    if (json) {
        QJsonArray array;
        for (const catalog::CatalogEntry* entry : shown)
            array.append(entry->json);
        print_json(array);
        return Ok;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(QStringLiteral("KEY"), -34)
                 .arg(QStringLiteral("DEVELOPER"), -22)
                 .arg(QStringLiteral("PARAMS"), 7)
                 .arg(QStringLiteral("CONTEXT"), 8)
                 .arg(QStringLiteral("LICENSE"), -22)
                 .arg(QStringLiteral("COMMERCIAL"), -10)
                 .arg(QStringLiteral("LOCAL"));
    for (const catalog::CatalogEntry* entry : shown) {
        const QString license =
            entry->license.spdx.isEmpty() ? entry->license.name : entry->license.spdx;
        QStringList quants;
        if (entry->local) {
            for (const catalog::LocalVariant& variant : entry->local->variants)
                quants.append(variant.quantization);
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(entry->key, -34)
                     .arg(entry->developer.left(22), -22)
                     .arg(count_text(entry->parameters_total), 7)
                     .arg(count_text(entry->context_length), 8)
                     .arg(license.left(22), -22)
                     .arg(entry->license.commercial_use.isEmpty() ? QStringLiteral("?")
                                                                  : entry->license.commercial_use,
                          -10)
                     .arg(quants.join(QLatin1Char(',')));
    }
    out() << QStringLiteral("%1 of %2 models\n").arg(shown.size()).arg(entries.size());
    out().flush();
    return Ok;
}

int show(const catalog::CatalogEntry& entry, bool json)
{
    if (json) {
        print_json(entry.json);
        return Ok;
    }
    QTextStream& s = out();
    const auto unknown = [](const QString& text) {
        return text.isEmpty() ? QStringLiteral("unknown") : text;
    };
    const auto yes_no = [](std::optional<bool> value) {
        return !value   ? QStringLiteral("unknown")
               : *value ? QStringLiteral("yes")
                        : QStringLiteral("no");
    };
    s << entry.name << " (" << entry.key << ")\n"
      << "  " << entry.description_en << "\n  " << entry.description_ja << "\n"
      << "developer:      " << entry.developer << "\n"
      << "family:         " << unknown(entry.family) << "\n"
      << "kind:           " << entry.kind << "\n"
      << "released:       " << unknown(entry.release_date) << "\n"
      << "parameters:     " << count_text(entry.parameters_total);
    if (entry.parameters_active)
        s << " (" << count_text(entry.parameters_active) << " active)";
    s << "\ncontext:        " << count_text(entry.context_length) << " tokens\n"
      << "max output:     " << count_text(entry.max_output_tokens) << " tokens\n"
      << "license:        " << unknown(entry.license.name)
      << (entry.license.spdx.isEmpty() ? QString()
                                       : QStringLiteral(" (%1)").arg(entry.license.spdx))
      << ", " << entry.license.kind << ", commercial use: " << unknown(entry.license.commercial_use)
      << "\n"
      << "license text:   " << unknown(entry.license.url) << "\n"
      << "open weights:   " << yes_no(entry.open_weights) << "\n"
      << "input/output:   " << entry.input_modalities.join(QLatin1Char(',')) << " -> "
      << entry.output_modalities.join(QLatin1Char(',')) << "\n"
      << "reasoning:      " << yes_no(entry.reasoning) << "\n"
      << "tool use:       " << yes_no(entry.tool_use) << "\n"
      << "languages:      " << unknown(entry.languages.join(QLatin1Char(','))) << "\n"
      << "as of:          " << entry.as_of << "\n";
    if (!entry.notes.isEmpty())
        s << "notes:          " << entry.notes << "\n";
    if (entry.local) {
        s << "local (" << entry.local->architecture << ", " << entry.local->repository << "):\n";
        for (const catalog::LocalVariant& variant : entry.local->variants) {
            s << "  " << QStringLiteral("%1").arg(variant.quantization, -8) << " "
              << (variant.size_bytes ? megabytes(*variant.size_bytes) : QStringLiteral("size ?"))
              << "  " << variant.file_name
              << (variant.sha256.isEmpty() ? QString()
                                           : QStringLiteral("  sha256 ") + variant.sha256)
              << "\n";
        }
    }
    for (const catalog::RemoteOffering& offering : entry.remote) {
        s << "remote:         " << offering.provider << " " << offering.model_id;
        if (offering.price_input_per_mtok || offering.price_output_per_mtok)
            s << QStringLiteral("  $%1 in / $%2 out per Mtok (%3)")
                     .arg(offering.price_input_per_mtok.value_or(0))
                     .arg(offering.price_output_per_mtok.value_or(0))
                     .arg(offering.price_as_of);
        s << "\n";
    }
    s << "sources:\n";
    for (const catalog::Source& source : entry.sources)
        s << "  " << source.title << ": " << source.url
          << (source.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(source.note)) << "\n";
    s.flush();
    return Ok;
}

// The variant asked for, or Q4_K_M, or the smallest one.
const catalog::LocalVariant* pick_variant(const catalog::CatalogEntry& entry, const QString& quant)
{
    const std::vector<catalog::LocalVariant>& variants = entry.local->variants;
    const QString wanted = quant.isEmpty() ? QStringLiteral("Q4_K_M") : quant;
    for (const catalog::LocalVariant& variant : variants) {
        if (variant.quantization.compare(wanted, Qt::CaseInsensitive) == 0)
            return &variant;
    }
    if (!quant.isEmpty())
        return nullptr;
    const catalog::LocalVariant* smallest = entry.smallest_variant();
    return smallest ? smallest : &variants.front();
}

int measure(const QStringList& types, const QString& backend, const QString& device,
            const QString& data_dir, bool json)
{
    auto database = storage::open_kurabe_database(storage::database_path(data_dir),
                                                  storage::OpenMode::ReadWrite);
    if (!database)
        return fail(k_name, database.message());
    storage::SettingsStore settings(**database);
    QJsonArray results;
    for (const QString& type : types) {
        const QString tensor_type = catalog::main_tensor_type(type);
        if (tensor_type.isEmpty())
            return fail(k_name, QStringLiteral("Kurabe has no tensor type \"%1\"").arg(type),
                        Usage);
        catalog::SpeedProbeOptions options;
        options.backend = backend.toStdString();
        options.device = device.toStdString();
        options.pipeline_cache_dir = storage::vulkan_cache_dir().toStdString();
        err() << "measuring " << tensor_type << " on a synthetic " << options.shape.c_str()
              << " model...\n";
        err().flush();
        const auto measured = catalog::measure_decode_speed(tensor_type, options);
        if (!measured)
            return fail(k_name, QString::fromStdString(measured.message()));
        if (const auto saved = catalog::record_speed_measurement(settings, *measured); !saved)
            return fail(k_name, saved.message());
        if (json) {
            QJsonObject object = measured->to_json();
            object.insert(QStringLiteral("gb_per_s"), measured->gb_per_s());
            results.append(object);
        } else {
            out() << QStringLiteral("%1 on %2 (%3): %4 tokens/s, %5 GB/s of weights\n")
                         .arg(tensor_type, measured->device, measured->backend)
                         .arg(measured->tokens_per_second, 0, 'f', 2)
                         .arg(measured->gb_per_s(), 0, 'f', 2);
        }
    }
    if (json)
        out() << QJsonDocument(results).toJson(QJsonDocument::Indented);
    out().flush();
    return Ok;
}

int download(const catalog::CatalogEntry& entry, const QString& quant, const QString& folder,
             const QString& data_dir, bool json)
{
    if (!entry.runs_locally())
        return fail(k_name, QStringLiteral("%1 has no local downloads (see kurabe catalog --local)")
                                .arg(entry.key));
    const catalog::LocalVariant* variant = pick_variant(entry, quant);
    if (!variant) {
        QStringList available;
        for (const catalog::LocalVariant& v : entry.local->variants)
            available.append(v.quantization);
        return fail(k_name,
                    QStringLiteral("%1 has no %2 download; available: %3")
                        .arg(entry.key, quant, available.join(QStringLiteral(", "))),
                    Usage);
    }
    catalog::DownloadRequest request;
    request.url = QUrl(variant->url);
    request.destination = QDir(folder).filePath(variant->file_name);
    request.expected_size = variant->size_bytes;
    request.expected_sha256 = variant->sha256;

    catalog::ModelDownloader downloader;
    QEventLoop loop;
    std::optional<catalog::DownloadResult> done;
    QElapsedTimer clock;
    clock.start();
    qint64 last_draw = -1000;
    QObject::connect(&downloader, &catalog::ModelDownloader::progress, &loop,
                     [&](qint64 received, qint64 total) {
                         if (clock.elapsed() - last_draw < 200 && received != total)
                             return;
                         last_draw = clock.elapsed();
                         const double seconds = std::max<qint64>(clock.elapsed(), 1) / 1000.0;
                         const double rate = static_cast<double>(received) / seconds; // bytes/s
                         QString bar = QStringLiteral("\r%1").arg(megabytes(received));
                         if (total > 0) {
                             const int filled = static_cast<int>(30 * received / total);
                             bar = QStringLiteral("\r[%1%2] %3% %4 of %5")
                                       .arg(QString(filled, QLatin1Char('#')),
                                            QString(30 - filled, QLatin1Char(' ')))
                                       .arg(100 * received / total, 3)
                                       .arg(megabytes(received), megabytes(total));
                         }
                         bar += QStringLiteral("  %1 MB/s").arg(rate / 1e6, 0, 'f', 1);
                         if (total > received && rate > 0) {
                             const qint64 eta = static_cast<qint64>(
                                 static_cast<double>(total - received) / rate); // seconds
                             bar += QStringLiteral("  ETA %1:%2")
                                        .arg(eta / 60)
                                        .arg(eta % 60, 2, 10, QLatin1Char('0'));
                         }
                         err() << bar << "   ";
                         err().flush();
                     });
    QObject::connect(&downloader, &catalog::ModelDownloader::finished, &loop,
                     [&](const catalog::DownloadResult& result) {
                         done = result;
                         loop.quit();
                     });
    QString failure;
    QObject::connect(&downloader, &catalog::ModelDownloader::failed, &loop,
                     [&](const QString& message) {
                         failure = message;
                         loop.quit();
                     });
    err() << "downloading " << variant->url << "\n  to " << request.destination << "\n";
    err().flush();
    if (QString refused = downloader.start(request); !refused.isEmpty())
        return fail(k_name, refused);
    loop.exec();
    err() << "\n";
    if (!done)
        return fail(k_name, failure);

    auto database = storage::open_kurabe_database(storage::database_path(data_dir),
                                                  storage::OpenMode::ReadWrite);
    const QString registered =
        database ? catalog::register_downloaded_model(**database, *done) : database.message();
    if (!registered.isEmpty())
        return fail(k_name, QStringLiteral("downloaded %1, but it could not be added to the model "
                                           "library: %2")
                                .arg(done->path, registered));
    if (json) {
        print_json(QJsonObject{{QStringLiteral("path"), done->path},
                               {QStringLiteral("size_bytes"), done->size_bytes},
                               {QStringLiteral("sha256"), done->sha256},
                               {QStringLiteral("sha256_verified"), done->sha256_verified},
                               {QStringLiteral("resumed"), done->resumed}});
    } else {
        out() << done->path << "\n"
              << "sha256 " << done->sha256
              << (done->sha256_verified ? " (matches the catalog)" : " (the catalog lists none)")
              << "\n";
        out().flush();
    }
    return Ok;
}

} // namespace

int run_catalog_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Words to find."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption developer(QStringLiteral("developer"),
                                       QStringLiteral("Only this developer."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption license({QStringLiteral("license-kind"), QStringLiteral("license")},
                                     QStringLiteral("Only this kind of license."),
                                     QStringLiteral("KIND"));
    const QCommandLineOption open_weights(QStringLiteral("open-weights"),
                                          QStringLiteral("Only models with open weights."));
    const QCommandLineOption min_context(QStringLiteral("min-context"),
                                         QStringLiteral("At least this context length."),
                                         QStringLiteral("TOKENS"));
    const QCommandLineOption local(QStringLiteral("local"),
                                   QStringLiteral("Only models with GGUF downloads."));
    const QCommandLineOption quant(QStringLiteral("quant"), QStringLiteral("Quantization."),
                                   QStringLiteral("QUANT"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Download folder."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption data_dir(
        QStringLiteral("data-dir"), QStringLiteral("Use the data in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption backend(QStringLiteral("backend"),
                                     QStringLiteral("measure: auto, cpu or vulkan."),
                                     QStringLiteral("BACKEND"), QStringLiteral("auto"));
    const QCommandLineOption device(QStringLiteral("device"),
                                    QStringLiteral("measure: the Vulkan device."),
                                    QStringLiteral("DEVICE"));
    parser.addOptions({json, search, developer, license, open_weights, min_context, local, quant,
                       dir, data_dir, backend, device, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe catalog")} + args))
        return fail(k_name, parser.errorText() + QStringLiteral("\n") + QLatin1String(k_usage),
                    Usage);
    if (parser.isSet(help)) {
        out() << k_usage;
        out().flush();
        return Ok;
    }

    catalog::CatalogFilter filter;
    filter.text = parser.value(search);
    filter.developer = parser.value(developer);
    filter.license_kind = parser.value(license);
    static const QStringList kinds = {QStringLiteral("permissive"), QStringLiteral("copyleft"),
                                      QStringLiteral("restricted"), QStringLiteral("proprietary")};
    if (!filter.license_kind.isEmpty() && !kinds.contains(filter.license_kind))
        return fail(k_name,
                    QStringLiteral("--license-kind must be one of: %1")
                        .arg(kinds.join(QStringLiteral(", "))),
                    Usage);
    if (parser.isSet(open_weights))
        filter.open_weights = true;
    if (parser.isSet(min_context)) {
        bool ok = false;
        filter.min_context = parser.value(min_context).toLongLong(&ok);
        if (!ok || *filter.min_context < 0)
            return fail(k_name, QStringLiteral("--min-context needs a number of tokens"), Usage);
    }
    filter.runs_locally = parser.isSet(local);

    QStringList rest = parser.positionalArguments();
    const QString action = rest.isEmpty() ? QStringLiteral("list") : rest.takeFirst();
    if (action == QLatin1String("measure")) {
        const storage::DataDir data = storage::open_data_dir(parser.value(data_dir));
        if (data.path.isEmpty())
            return fail(k_name, data.error);
        return measure(rest.isEmpty() ? QStringList{QStringLiteral("Q4_K")} : rest,
                       parser.value(backend), parser.value(device), data.path, parser.isSet(json));
    }
    if (!(action == QLatin1String("list") && rest.isEmpty()) &&
        !((action == QLatin1String("show") || action == QLatin1String("download")) &&
          rest.size() == 1))
        return fail(k_name, QStringLiteral("unexpected arguments\n") + QLatin1String(k_usage),
                    Usage);

    const storage::DataDir data = storage::open_data_dir(parser.value(data_dir));
    if (data.path.isEmpty())
        return fail(k_name, data.error);
    const catalog::CatalogSnapshot snapshot = catalog::load_catalog(data.path);
    for (const QString& problem : snapshot.problems)
        err() << "kurabe catalog: warning: " << problem << "\n";
    err().flush();

    if (action == QLatin1String("list"))
        return list(snapshot.entries, filter, parser.isSet(json));

    // KEY or KEY:QUANT
    QString key = rest.front();
    QString quantization = parser.value(quant);
    if (const qsizetype colon = key.indexOf(QLatin1Char(':')); colon > 0) {
        if (quantization.isEmpty())
            quantization = key.mid(colon + 1);
        key = key.left(colon);
    }
    const auto found = std::find_if(snapshot.entries.begin(), snapshot.entries.end(),
                                    [&](const catalog::CatalogEntry& e) { return e.key == key; });
    if (found == snapshot.entries.end())
        return fail(k_name, QStringLiteral("no catalog entry \"%1\" (kurabe catalog --search "
                                           "lists keys)")
                                .arg(key));
    if (action == QLatin1String("show"))
        return show(*found, parser.isSet(json));
    const QString folder =
        parser.isSet(dir) ? parser.value(dir) : QDir(data.path).filePath(QStringLiteral("models"));
    return download(*found, quantization, folder, data.path, parser.isSet(json));
}

} // namespace kurabe::cli
