// What one column of a comparison runs: a local GGUF file or a remote provider's model, with a
// sampling preset. Written on the command line as
//     local:PATH[:PRESET]            e.g. local:/models/qwen2.5-0.5b-q4_k_m.gguf:greedy
//     provider:NAME/MODEL[:PRESET]   e.g. provider:openai/gpt-4o-mini:balanced
// and stored in comparison_targets.target as JSON (toJson/fromJson), so a saved comparison can
// be run again.
#pragma once

#include "inference/backend.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace kurabe::app {

// Named sampling presets, so "the same model with two presets" is one flag. Exact values:
//   default   nothing set: each backend's own defaults
//   greedy    temperature 0 (argmax; the engine then applies no penalties)
//   precise   temperature 0.2, top_p 0.9
//   balanced  temperature 0.7, top_p 0.9
//   creative  temperature 1.0, top_p 0.95
// Only temperature and top_p, which every provider protocol accepts.
QStringList sampling_preset_names();
std::optional<inference::SamplingParams> sampling_preset(const QString& name);

struct TargetSpec
{
    enum class Kind
    {
        Local,
        Provider,
    };
    Kind kind = Kind::Local;
    QString path;     // Local: the GGUF file
    QString provider; // Provider: the configured provider's name
    QString model;    // Provider: the provider's model id (may hold '/' and ':')
    QString preset = QStringLiteral("default");

    // "local:PATH:PRESET" / "provider:NAME/MODEL:PRESET": parses back to the same spec.
    QString text() const;
    // For column headers and the leaderboard: "stories260K.gguf · greedy", "openai/gpt-4o".
    QString label() const;
    // {"kind":"local","path":..,"preset":..} / {"kind":"provider","provider":..,"model":..,
    // "preset":..}
    QJsonObject toJson() const;
    static std::optional<TargetSpec> fromJson(const QJsonObject& json, QString* error);
    bool operator==(const TargetSpec&) const = default;
};

// Parses a --target argument. A trailing ":NAME" is a preset only when NAME is a known preset,
// so paths and model ids with colons ("llama3.2:1b" on Ollama) still parse.
std::optional<TargetSpec> parse_target_spec(const QString& text, QString* error);

// Options that make a run fair across targets: the same seed everywhere, optionally the same
// temperature, and a common answer length limit. Applied on top of each target's preset.
struct FairRunOptions
{
    std::optional<quint64> seed;
    std::optional<double> temperature;
    std::optional<int> max_tokens;
    bool operator==(const FairRunOptions&) const = default;
};

// The sampling a target runs with: its preset, then the shared options.
inference::SamplingParams target_sampling(const TargetSpec& spec, const FairRunOptions& fair);

} // namespace kurabe::app
