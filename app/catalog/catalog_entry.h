// One model of the catalog, as described by resources/catalog/*.json (schema version 1; the
// fields are documented in resources/catalog/README.md). Unknown facts stay empty: an empty
// string, std::nullopt or an empty list, never a guess.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kurabe::catalog {

inline constexpr int kCatalogSchemaVersion = 1;

struct License
{
    QString spdx;           // SPDX list id ("Apache-2.0"), or "" when the license has none
    QString name;           // the license's own name
    QString url;            // https link to its text, or ""
    QString commercial_use; // "yes" | "no" | "restricted" | "" (unknown)
    QString kind;           // "permissive" | "copyleft" | "restricted" | "proprietary"
};

struct LocalVariant
{
    QString quantization; // "Q4_K_M"
    QString file_name;    // "x.Q4_K_M.gguf"
    QString url;          // https download link
    std::optional<qint64> size_bytes;
    QString sha256; // 64 lowercase hex digits, or "" when not known
};

struct LocalDownloads
{
    QString architecture; // GGUF general.architecture: "llama", "qwen2", ...
    QString repository;   // https link to the repository page
    std::vector<LocalVariant> variants;
};

struct RemoteOffering
{
    QString provider; // "openai", "anthropic", ...
    QString model_id;
    std::optional<double> price_input_per_mtok;  // USD per million input tokens
    std::optional<double> price_output_per_mtok; // USD per million output tokens
    QString price_as_of;                         // "YYYY-MM" or "YYYY-MM-DD"
};

struct Source
{
    QString title;
    QString url; // https link, or a seed document path ("seeds/002_....txt")
    QString note;
};

struct CatalogEntry
{
    QString key;  // unique, lowercase [a-z0-9._-], stable forever
    QString name; // "Llama 3.2 1B Instruct"
    QString kind; // "llm" | "embedding" | "encoder" | "multimodal"
    QString developer;
    QString family;
    QString release_date; // "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
    std::optional<qint64> parameters_total;
    std::optional<qint64> parameters_active; // mixture-of-experts models only
    std::optional<qint64> context_length;    // tokens
    std::optional<qint64> max_output_tokens; // tokens
    License license;
    bool open_weights = false;
    QStringList input_modalities;  // "text", "image", "audio", "video"
    QStringList output_modalities; // same values
    std::optional<bool> reasoning;
    std::optional<bool> tool_use;
    QStringList languages; // ISO 639-1 codes
    QString description_en;
    QString description_ja;
    std::vector<Source> sources;
    QString notes;
    QString as_of; // "YYYY-MM-DD"
    std::optional<LocalDownloads> local;
    std::vector<RemoteOffering> remote;

    QJsonObject json; // the entry as read: what the database stores and --json prints

    bool runs_locally() const { return local && !local->variants.empty(); }
    // The smallest variant whose size is known; nullptr when there is none.
    const LocalVariant* smallest_variant() const;
};

} // namespace kurabe::catalog
