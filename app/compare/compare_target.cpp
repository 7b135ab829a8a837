#include "compare/compare_target.h"

#include <QFileInfo>

namespace kurabe::app {
namespace {

const QString kLocalPrefix = QStringLiteral("local:");
const QString kProviderPrefix = QStringLiteral("provider:");
const QString kDefaultPreset = QStringLiteral("default");

// Splits a trailing ":PRESET" off `body` when PRESET names a preset.
QString take_preset(QString& body)
{
    const qsizetype colon = body.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        return kDefaultPreset;
    }
    const QString candidate = body.mid(colon + 1);
    if (!sampling_preset(candidate)) {
        return kDefaultPreset;
    }
    body.truncate(colon);
    return candidate;
}

} // namespace

QStringList sampling_preset_names()
{
    return {kDefaultPreset, QStringLiteral("greedy"), QStringLiteral("precise"),
            QStringLiteral("balanced"), QStringLiteral("creative")};
}

std::optional<inference::SamplingParams> sampling_preset(const QString& name)
{
    inference::SamplingParams params;
    if (name == kDefaultPreset) {
        return params;
    }
    if (name == QLatin1String("greedy")) {
        params.temperature = 0.0;
    } else if (name == QLatin1String("precise")) {
        params.temperature = 0.2;
        params.top_p = 0.9;
    } else if (name == QLatin1String("balanced")) {
        params.temperature = 0.7;
        params.top_p = 0.9;
    } else if (name == QLatin1String("creative")) {
        params.temperature = 1.0;
        params.top_p = 0.95;
    } else {
        return std::nullopt;
    }
    return params;
}

QString TargetSpec::text() const
{
    const QString body = kind == Kind::Local
                             ? kLocalPrefix + path
                             : kProviderPrefix + provider + QLatin1Char('/') + model;
    return body + QLatin1Char(':') + preset;
}

QString TargetSpec::label() const
{
    const QString name =
        kind == Kind::Local ? QFileInfo(path).fileName() : provider + QLatin1Char('/') + model;
    return preset == kDefaultPreset ? name : name + QStringLiteral(" · ") + preset;
}

QJsonObject TargetSpec::toJson() const
{
    if (kind == Kind::Local) {
        return QJsonObject{{"kind", "local"}, {"path", path}, {"preset", preset}};
    }
    return QJsonObject{
        {"kind", "provider"}, {"provider", provider}, {"model", model}, {"preset", preset}};
}

std::optional<TargetSpec> TargetSpec::fromJson(const QJsonObject& json, QString* error)
{
    TargetSpec spec;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    spec.preset = json.value(QStringLiteral("preset")).toString(kDefaultPreset);
    if (!sampling_preset(spec.preset)) {
        *error = QStringLiteral("the target's preset \"%1\" is not one of %2")
                     .arg(spec.preset, sampling_preset_names().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (kind == QLatin1String("local")) {
        spec.kind = Kind::Local;
        spec.path = json.value(QStringLiteral("path")).toString();
        if (spec.path.isEmpty()) {
            *error = QStringLiteral("a local target without a model file path");
            return std::nullopt;
        }
        return spec;
    }
    if (kind == QLatin1String("provider") || kind == QLatin1String("remote")) {
        spec.kind = Kind::Provider;
        spec.provider = json.value(QStringLiteral("provider")).toString();
        spec.model = json.value(QStringLiteral("model")).toString();
        if (spec.provider.isEmpty() || spec.model.isEmpty()) {
            *error = QStringLiteral("a provider target needs both a provider name and a model");
            return std::nullopt;
        }
        return spec;
    }
    *error =
        QStringLiteral("a target of unknown kind \"%1\" (expected local or provider)").arg(kind);
    return std::nullopt;
}

std::optional<TargetSpec> parse_target_spec(const QString& text, QString* error)
{
    TargetSpec spec;
    if (text.startsWith(kLocalPrefix)) {
        QString body = text.mid(kLocalPrefix.size());
        spec.kind = TargetSpec::Kind::Local;
        spec.preset = take_preset(body);
        spec.path = body;
        if (spec.path.isEmpty()) {
            *error =
                QStringLiteral("\"%1\": give the model file, as local:PATH[:PRESET]").arg(text);
            return std::nullopt;
        }
        return spec;
    }
    if (text.startsWith(kProviderPrefix)) {
        QString body = text.mid(kProviderPrefix.size());
        spec.kind = TargetSpec::Kind::Provider;
        spec.preset = take_preset(body);
        const qsizetype slash = body.indexOf(QLatin1Char('/'));
        if (slash <= 0 || slash == body.size() - 1) {
            *error = QStringLiteral("\"%1\": give the provider and its model, as "
                                    "provider:NAME/MODEL[:PRESET]")
                         .arg(text);
            return std::nullopt;
        }
        spec.provider = body.left(slash);
        spec.model = body.mid(slash + 1);
        return spec;
    }
    *error = QStringLiteral("\"%1\" is not a target: write local:PATH[:PRESET] or "
                            "provider:NAME/MODEL[:PRESET] (presets: %2)")
                 .arg(text, sampling_preset_names().join(QStringLiteral(", ")));
    return std::nullopt;
}

inference::SamplingParams target_sampling(const TargetSpec& spec, const FairRunOptions& fair)
{
    inference::SamplingParams params =
        sampling_preset(spec.preset).value_or(inference::SamplingParams{});
    if (fair.seed) {
        params.seed = fair.seed;
    }
    if (fair.temperature) {
        params.temperature = fair.temperature;
    }
    if (fair.max_tokens) {
        params.max_tokens = fair.max_tokens;
    }
    return params;
}

} // namespace kurabe::app
