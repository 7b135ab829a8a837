#include "catalog/catalog_parser.h"

#include "catalog/json_field_reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

namespace kurabe::catalog {

namespace {

const QStringList k_entry_fields = {QStringLiteral("key"),
                                    QStringLiteral("name"),
                                    QStringLiteral("kind"),
                                    QStringLiteral("developer"),
                                    QStringLiteral("family"),
                                    QStringLiteral("release_date"),
                                    QStringLiteral("parameters"),
                                    QStringLiteral("context_length"),
                                    QStringLiteral("max_output_tokens"),
                                    QStringLiteral("license"),
                                    QStringLiteral("open_weights"),
                                    QStringLiteral("modalities"),
                                    QStringLiteral("reasoning"),
                                    QStringLiteral("tool_use"),
                                    QStringLiteral("languages"),
                                    QStringLiteral("description"),
                                    QStringLiteral("sources"),
                                    QStringLiteral("notes"),
                                    QStringLiteral("as_of"),
                                    QStringLiteral("local"),
                                    QStringLiteral("remote")};
const QStringList k_kinds = {QStringLiteral("llm"), QStringLiteral("embedding"),
                             QStringLiteral("encoder"), QStringLiteral("multimodal")};
const QStringList k_commercial_use = {QStringLiteral("yes"), QStringLiteral("no"),
                                      QStringLiteral("restricted"), QString()};
const QStringList k_license_kinds = {QStringLiteral("permissive"), QStringLiteral("copyleft"),
                                     QStringLiteral("restricted"), QStringLiteral("proprietary")};
const QStringList k_modalities = {QStringLiteral("text"), QStringLiteral("image"),
                                  QStringLiteral("audio"), QStringLiteral("video")};
const QStringList k_providers = {QStringLiteral("openai"),   QStringLiteral("anthropic"),
                                 QStringLiteral("gemini"),   QStringLiteral("mistral"),
                                 QStringLiteral("deepseek"), QStringLiteral("xai"),
                                 QStringLiteral("groq"),     QStringLiteral("openrouter"),
                                 QStringLiteral("together"), QStringLiteral("cohere")};

bool has_japanese(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        // Hiragana, Katakana, CJK ideographs, CJK punctuation, full-width forms.
        if ((u >= 0x3000 && u <= 0x30FF) || (u >= 0x4E00 && u <= 0x9FFF) ||
            (u >= 0xFF00 && u <= 0xFFEF))
            return true;
    }
    return false;
}

void read_parameters(const FieldReader& entry, CatalogEntry* out)
{
    const FieldReader parameters =
        entry.child(entry.object(QStringLiteral("parameters")), QStringLiteral("parameters"));
    parameters.expect_exactly({QStringLiteral("total"), QStringLiteral("active")});
    out->parameters_total = parameters.optional_count(QStringLiteral("total"));
    out->parameters_active = parameters.optional_count(QStringLiteral("active"));
    if (out->parameters_total && out->parameters_active &&
        *out->parameters_active > *out->parameters_total)
        parameters.problem(QStringLiteral("active"),
                           QStringLiteral("is larger than the total parameter count"));
}

void read_license(const FieldReader& entry, CatalogEntry* out)
{
    const FieldReader license =
        entry.child(entry.object(QStringLiteral("license")), QStringLiteral("license"));
    license.expect_exactly({QStringLiteral("spdx"), QStringLiteral("name"), QStringLiteral("url"),
                            QStringLiteral("commercial_use"), QStringLiteral("kind")});
    out->license.spdx = license.string(QStringLiteral("spdx"), true);
    // SPDX ids use letters, digits, '.', '-' and '+' only ("Apache-2.0", "GPL-3.0-or-later").
    static const QRegularExpression spdx(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.+-]*$"));
    if (!out->license.spdx.isEmpty() && !spdx.match(out->license.spdx).hasMatch())
        license.problem(QStringLiteral("spdx"),
                        QStringLiteral("\"%1\" is not an SPDX id").arg(out->license.spdx));
    // The name may be unknown only when nothing else about the license is known either.
    out->license.name = license.string(QStringLiteral("name"), out->license.spdx.isEmpty());
    out->license.url = license.https_url(QStringLiteral("url"), true);
    out->license.commercial_use =
        license.one_of(QStringLiteral("commercial_use"), k_commercial_use);
    out->license.kind = license.one_of(QStringLiteral("kind"), k_license_kinds);
}

void read_modalities(const FieldReader& entry, CatalogEntry* out)
{
    const FieldReader modalities =
        entry.child(entry.object(QStringLiteral("modalities")), QStringLiteral("modalities"));
    modalities.expect_exactly({QStringLiteral("input"), QStringLiteral("output")});
    out->input_modalities = modalities.string_list(QStringLiteral("input"), k_modalities, nullptr);
    out->output_modalities =
        modalities.string_list(QStringLiteral("output"), k_modalities, nullptr);
    if (out->input_modalities.isEmpty())
        modalities.problem(QStringLiteral("input"), QStringLiteral("must name at least one"));
}

void read_description(const FieldReader& entry, CatalogEntry* out)
{
    const FieldReader description =
        entry.child(entry.object(QStringLiteral("description")), QStringLiteral("description"));
    description.expect_exactly({QStringLiteral("en"), QStringLiteral("ja")});
    out->description_en = description.string(QStringLiteral("en"), false);
    out->description_ja = description.string(QStringLiteral("ja"), false);
    if (!out->description_ja.isEmpty() && !has_japanese(out->description_ja))
        description.problem(QStringLiteral("ja"), QStringLiteral("is not written in Japanese"));
}

void read_sources(const FieldReader& entry, CatalogEntry* out)
{
    const QJsonArray sources = entry.array(QStringLiteral("sources"));
    if (sources.isEmpty())
        entry.problem(QStringLiteral("sources"), QStringLiteral("must cite at least one source"));
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QString field = QStringLiteral("sources[%1]").arg(i);
        const FieldReader source = entry.child(sources.at(i).toObject(), field);
        if (!sources.at(i).isObject()) {
            entry.problem(field, QStringLiteral("must be an object"));
            continue;
        }
        source.expect_exactly(
            {QStringLiteral("title"), QStringLiteral("url"), QStringLiteral("note")});
        Source read;
        read.title = source.string(QStringLiteral("title"), false);
        read.note = source.string(QStringLiteral("note"), true);
        // A seed document is cited by its path in the shared seeds folder.
        static const QRegularExpression seed(QStringLiteral("^seeds/[A-Za-z0-9._-]+$"));
        const QString url = source.string(QStringLiteral("url"), false);
        read.url =
            seed.match(url).hasMatch() ? url : source.https_url(QStringLiteral("url"), false);
        out->sources.push_back(read);
    }
}

void read_local(const FieldReader& entry, CatalogEntry* out)
{
    const FieldReader local =
        entry.child(entry.object(QStringLiteral("local")), QStringLiteral("local"));
    local.expect_exactly(
        {QStringLiteral("architecture"), QStringLiteral("repository"), QStringLiteral("variants")});
    LocalDownloads downloads;
    downloads.architecture = local.string(QStringLiteral("architecture"), false);
    static const QRegularExpression architecture(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!downloads.architecture.isEmpty() && !architecture.match(downloads.architecture).hasMatch())
        local.problem(QStringLiteral("architecture"),
                      QStringLiteral("\"%1\" is not a GGUF architecture name (lowercase)")
                          .arg(downloads.architecture));
    downloads.repository = local.https_url(QStringLiteral("repository"), false);
    const QJsonArray variants = local.array(QStringLiteral("variants"));
    if (variants.isEmpty())
        local.problem(QStringLiteral("variants"), QStringLiteral("must list at least one file"));
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    QSet<QString> seen;
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const QString field = QStringLiteral("variants[%1]").arg(i);
        if (!variants.at(i).isObject()) {
            local.problem(field, QStringLiteral("must be an object"));
            continue;
        }
        const FieldReader variant = local.child(variants.at(i).toObject(), field);
        variant.expect_exactly({QStringLiteral("quantization"), QStringLiteral("file_name"),
                                QStringLiteral("url"), QStringLiteral("size_bytes"),
                                QStringLiteral("sha256")});
        LocalVariant read;
        read.quantization = variant.string(QStringLiteral("quantization"), false);
        read.file_name = variant.string(QStringLiteral("file_name"), false);
        read.url = variant.https_url(QStringLiteral("url"), false);
        read.size_bytes = variant.optional_count(QStringLiteral("size_bytes"));
        read.sha256 = variant.string(QStringLiteral("sha256"), true);
        if (!read.file_name.isEmpty() &&
            (!read.file_name.endsWith(QLatin1String(".gguf")) || read.file_name.contains('/')))
            variant.problem(QStringLiteral("file_name"),
                            QStringLiteral("must be a plain file name ending in .gguf"));
        if (!read.url.isEmpty() && !read.file_name.isEmpty() &&
            !QUrl(read.url).path().endsWith(QLatin1Char('/') + read.file_name))
            variant.problem(
                QStringLiteral("url"),
                QStringLiteral("does not end with the file name \"%1\"").arg(read.file_name));
        if (!read.sha256.isEmpty() && !sha256.match(read.sha256).hasMatch())
            variant.problem(QStringLiteral("sha256"),
                            QStringLiteral("must be 64 lowercase hex digits or \"\""));
        if (seen.contains(read.file_name))
            variant.problem(QStringLiteral("file_name"),
                            QStringLiteral("\"%1\" is listed twice").arg(read.file_name));
        seen.insert(read.file_name);
        downloads.variants.push_back(read);
    }
    out->local = downloads;
}

void read_remote(const FieldReader& entry, CatalogEntry* out)
{
    const QJsonArray offerings = entry.array(QStringLiteral("remote"));
    for (qsizetype i = 0; i < offerings.size(); ++i) {
        const QString field = QStringLiteral("remote[%1]").arg(i);
        if (!offerings.at(i).isObject()) {
            entry.problem(field, QStringLiteral("must be an object"));
            continue;
        }
        const FieldReader offering = entry.child(offerings.at(i).toObject(), field);
        offering.expect_exactly({QStringLiteral("provider"), QStringLiteral("model_id"),
                                 QStringLiteral("price_input_per_mtok"),
                                 QStringLiteral("price_output_per_mtok"),
                                 QStringLiteral("price_as_of")});
        RemoteOffering read;
        read.provider = offering.one_of(QStringLiteral("provider"), k_providers);
        read.model_id = offering.string(QStringLiteral("model_id"), false);
        read.price_input_per_mtok = offering.optional_price(QStringLiteral("price_input_per_mtok"));
        read.price_output_per_mtok =
            offering.optional_price(QStringLiteral("price_output_per_mtok"));
        read.price_as_of = offering.date(QStringLiteral("price_as_of"), true, true);
        if ((read.price_input_per_mtok || read.price_output_per_mtok) && read.price_as_of.isEmpty())
            offering.problem(QStringLiteral("price_as_of"),
                             QStringLiteral("must give the date of the prices"));
        out->remote.push_back(read);
    }
}

} // namespace

std::optional<CatalogEntry> parse_catalog_entry(const QJsonObject& object, const QString& origin,
                                                QStringList* problems)
{
    const QString key = object.value(QStringLiteral("key")).toString();
    const QString where = QStringLiteral("%1: entry \"%2\"").arg(origin, key);
    bool failed = false;
    const FieldReader entry(object, where, QString(), problems, &failed);
    entry.expect_exactly(k_entry_fields);

    CatalogEntry out;
    out.key = entry.string(QStringLiteral("key"), false);
    static const QRegularExpression key_shape(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    if (!out.key.isEmpty() && !key_shape.match(out.key).hasMatch())
        entry.problem(QStringLiteral("key"),
                      QStringLiteral("must be lowercase letters, digits, '.', '_' and '-'"));
    out.name = entry.string(QStringLiteral("name"), false);
    out.kind = entry.one_of(QStringLiteral("kind"), k_kinds);
    out.developer = entry.string(QStringLiteral("developer"), false);
    out.family = entry.string(QStringLiteral("family"), true);
    out.release_date = entry.date(QStringLiteral("release_date"), true, true);
    read_parameters(entry, &out);
    out.context_length = entry.optional_count(QStringLiteral("context_length"));
    out.max_output_tokens = entry.optional_count(QStringLiteral("max_output_tokens"));
    read_license(entry, &out);
    out.open_weights = entry.boolean(QStringLiteral("open_weights"));
    read_modalities(entry, &out);
    out.reasoning = entry.optional_boolean(QStringLiteral("reasoning"));
    out.tool_use = entry.optional_boolean(QStringLiteral("tool_use"));
    static const QRegularExpression iso639(QStringLiteral("^[a-z]{2}$"));
    out.languages = entry.string_list(QStringLiteral("languages"), {}, &iso639);
    read_description(entry, &out);
    read_sources(entry, &out);
    out.notes = entry.string(QStringLiteral("notes"), true);
    out.as_of = entry.date(QStringLiteral("as_of"), false, false);
    if (object.contains(QStringLiteral("local")) && !object.value(QStringLiteral("local")).isNull())
        read_local(entry, &out);
    read_remote(entry, &out);
    if (out.local && !out.open_weights)
        entry.problem(QStringLiteral("local"),
                      QStringLiteral("lists downloads but open_weights is false"));

    if (failed)
        return std::nullopt;
    out.json = object;
    return out;
}

std::vector<CatalogEntry> parse_catalog_file(const QByteArray& bytes, const QString& origin,
                                             QStringList* problems)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        problems->append(QStringLiteral("%1: not valid JSON at byte %2: %3")
                             .arg(origin)
                             .arg(error.offset)
                             .arg(error.errorString()));
        return {};
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(QStringLiteral("schema_version"));
    if (!document.isObject() || version.toInt(-1) != kCatalogSchemaVersion) {
        problems->append(QStringLiteral("%1: schema_version: must be %2 (this build reads catalog "
                                        "schema version %2 only)")
                             .arg(origin)
                             .arg(kCatalogSchemaVersion));
        return {};
    }
    if (!root.value(QStringLiteral("entries")).isArray() || root.size() != 2) {
        problems->append(QStringLiteral("%1: the file must hold exactly \"schema_version\" and "
                                        "\"entries\" (a list)")
                             .arg(origin));
        return {};
    }
    std::vector<CatalogEntry> entries;
    QSet<QString> keys;
    const QJsonArray items = root.value(QStringLiteral("entries")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            problems->append(
                QStringLiteral("%1: entries[%2]: must be an object").arg(origin).arg(i));
            continue;
        }
        std::optional<CatalogEntry> entry =
            parse_catalog_entry(items.at(i).toObject(), origin, problems);
        if (!entry)
            continue;
        if (keys.contains(entry->key)) {
            problems->append(QStringLiteral("%1: entry \"%2\": key: used twice in this file")
                                 .arg(origin, entry->key));
            continue;
        }
        keys.insert(entry->key);
        entries.push_back(std::move(*entry));
    }
    return entries;
}

} // namespace kurabe::catalog
