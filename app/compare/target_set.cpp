#include "compare/target_set.h"

#include "storage/stores/settings_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kurabe::app {
namespace {

// JSON numbers are doubles: integers above 2^53 would not read back exactly.
constexpr double kLargestExactInteger = 9007199254740992.0;

// A non-negative whole number up to `limit`, or nullopt.
std::optional<double> whole_number(const QJsonValue& value, double limit)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 0 || number > limit || std::floor(number) != number)
        return std::nullopt;
    return number;
}

QJsonObject set_to_json(const TargetSet& set)
{
    QJsonArray targets;
    for (const TargetSpec& spec : set.targets)
        targets.append(spec.toJson());
    QJsonObject json{{QStringLiteral("name"), set.name}, {QStringLiteral("targets"), targets}};
    if (set.fair.seed)
        json.insert(QStringLiteral("seed"), static_cast<qint64>(*set.fair.seed));
    if (set.fair.temperature)
        json.insert(QStringLiteral("temperature"), *set.fair.temperature);
    if (set.fair.max_tokens)
        json.insert(QStringLiteral("max_tokens"), *set.fair.max_tokens);
    return json;
}

std::optional<TargetSet> set_from_json(const QJsonObject& json, QString* error)
{
    TargetSet set;
    set.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (set.name.isEmpty()) {
        *error = QStringLiteral("a saved target set has no name");
        return std::nullopt;
    }
    const QJsonValue targets = json.value(QStringLiteral("targets"));
    if (!targets.isArray()) {
        *error = QStringLiteral("the target set \"%1\" has no list of targets").arg(set.name);
        return std::nullopt;
    }
    for (const QJsonValue& target : targets.toArray()) {
        QString target_error;
        std::optional<TargetSpec> spec = TargetSpec::fromJson(target.toObject(), &target_error);
        if (!spec) {
            *error = QStringLiteral("the target set \"%1\": %2").arg(set.name, target_error);
            return std::nullopt;
        }
        set.targets.push_back(std::move(*spec));
    }
    if (const QJsonValue seed = json.value(QStringLiteral("seed")); !seed.isUndefined()) {
        const std::optional<double> number = whole_number(seed, kLargestExactInteger);
        if (!number) {
            *error = QStringLiteral("the target set \"%1\": the seed must be a whole number from "
                                    "0 to 2^53")
                         .arg(set.name);
            return std::nullopt;
        }
        set.fair.seed = static_cast<quint64>(*number);
    }
    if (const QJsonValue t = json.value(QStringLiteral("temperature")); !t.isUndefined()) {
        if (!t.isDouble() || t.toDouble() < 0 || !std::isfinite(t.toDouble())) {
            *error = QStringLiteral("the target set \"%1\": the temperature must be a number of "
                                    "0 or more")
                         .arg(set.name);
            return std::nullopt;
        }
        set.fair.temperature = t.toDouble();
    }
    if (const QJsonValue n = json.value(QStringLiteral("max_tokens")); !n.isUndefined()) {
        const std::optional<double> number = whole_number(n, std::numeric_limits<int>::max());
        if (!number || *number < 1) {
            *error = QStringLiteral("the target set \"%1\": max_tokens must be a whole number of "
                                    "1 or more")
                         .arg(set.name);
            return std::nullopt;
        }
        set.fair.max_tokens = static_cast<int>(*number);
    }
    return set;
}

bool write_sets(storage::SettingsStore& settings, std::vector<TargetSet> sets, QString* error)
{
    std::sort(sets.begin(), sets.end(),
              [](const TargetSet& a, const TargetSet& b) { return a.name < b.name; });
    if (storage::StorageResult<void> saved =
            settings.set_text(kTargetSetsSetting, target_sets_to_json(sets));
        !saved) {
        *error = QStringLiteral("the target sets could not be saved: %1").arg(saved.message());
        return false;
    }
    return true;
}

} // namespace

QString target_sets_to_json(const std::vector<TargetSet>& sets)
{
    QJsonArray array;
    for (const TargetSet& set : sets)
        array.append(set_to_json(set));
    const QJsonObject document{{QStringLiteral("version"), kTargetSetsVersion},
                               {QStringLiteral("sets"), array}};
    return QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact));
}

std::optional<std::vector<TargetSet>> target_sets_from_json(const QString& text, QString* error)
{
    QJsonParseError parse_error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parse_error);
    if (!document.isObject()) {
        *error = QStringLiteral("the saved target sets are not a JSON object (%1)")
                     .arg(parse_error.error == QJsonParseError::NoError
                              ? QStringLiteral("another JSON value")
                              : parse_error.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const std::optional<double> version =
        whole_number(root.value(QStringLiteral("version")), kLargestExactInteger);
    if (!version || *version < 1) {
        *error = QStringLiteral("the saved target sets have no version number");
        return std::nullopt;
    }
    if (*version > kTargetSetsVersion) {
        *error = QStringLiteral("the saved target sets are version %1, newer than this Kurabe "
                                "reads (%2); update Kurabe")
                     .arg(static_cast<qint64>(*version))
                     .arg(kTargetSetsVersion);
        return std::nullopt;
    }
    std::vector<TargetSet> sets;
    for (const QJsonValue& value : root.value(QStringLiteral("sets")).toArray()) {
        std::optional<TargetSet> set = set_from_json(value.toObject(), error);
        if (!set)
            return std::nullopt;
        sets.push_back(std::move(*set));
    }
    return sets;
}

std::optional<std::vector<TargetSet>> load_target_sets(storage::SettingsStore& settings,
                                                       QString* error)
{
    storage::StorageResult<QString> text = settings.text(kTargetSetsSetting, QString());
    if (!text) {
        *error = QStringLiteral("the target sets could not be read: %1").arg(text.message());
        return std::nullopt;
    }
    if (text->isEmpty())
        return std::vector<TargetSet>();
    std::optional<std::vector<TargetSet>> sets = target_sets_from_json(*text, error);
    if (sets) {
        std::sort(sets->begin(), sets->end(),
                  [](const TargetSet& a, const TargetSet& b) { return a.name < b.name; });
    }
    return sets;
}

bool save_target_set(storage::SettingsStore& settings, const TargetSet& set, QString* error)
{
    TargetSet saved = set;
    saved.name = saved.name.trimmed();
    if (saved.name.isEmpty()) {
        *error = QStringLiteral("give the target set a name");
        return false;
    }
    if (saved.targets.empty()) {
        *error = QStringLiteral("add a target before saving the set");
        return false;
    }
    std::optional<std::vector<TargetSet>> sets = load_target_sets(settings, error);
    if (!sets)
        return false;
    std::erase_if(*sets, [&](const TargetSet& s) { return s.name == saved.name; });
    sets->push_back(std::move(saved));
    return write_sets(settings, std::move(*sets), error);
}

bool remove_target_set(storage::SettingsStore& settings, const QString& name, QString* error)
{
    std::optional<std::vector<TargetSet>> sets = load_target_sets(settings, error);
    if (!sets)
        return false;
    if (std::erase_if(*sets, [&](const TargetSet& s) { return s.name == name; }) == 0)
        return true;
    return write_sets(settings, std::move(*sets), error);
}

} // namespace kurabe::app
