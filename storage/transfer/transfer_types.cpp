#include "storage/transfer/transfer_types.h"

#include <QStringList>

namespace kurabe::storage {
namespace {

QString counted(qint64 n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

QString export_scope_name(ExportScope scope)
{
    switch (scope) {
    case ExportScope::Everything:
        return QStringLiteral("all");
    case ExportScope::Conversation:
        return QStringLiteral("conversation");
    case ExportScope::Comparison:
        return QStringLiteral("comparison");
    }
    return {};
}

qint64 TransferCounts::total() const
{
    return conversations + messages + comparisons + comparison_targets + comparison_prompts +
           comparison_results + comparison_votes + comparison_pair_votes + comparison_tags +
           providers + model_files + settings + catalog_entries;
}

QString TransferCounts::describe() const
{
    QStringList parts;
    if (conversations > 0 || messages > 0) {
        parts.append(counted(conversations, "conversation", "conversations") +
                     QStringLiteral(" (%1)").arg(counted(messages, "message", "messages")));
    }
    if (comparisons > 0 || comparison_results > 0) {
        QStringList inside{counted(comparison_targets, "model", "models"),
                           counted(comparison_prompts, "prompt", "prompts"),
                           counted(comparison_results, "answer", "answers"),
                           counted(comparison_votes, "vote", "votes")};
        if (comparison_pair_votes > 0) {
            inside.append(counted(comparison_pair_votes, "pair vote", "pair votes"));
        }
        if (comparison_tags > 0) {
            inside.append(counted(comparison_tags, "tag", "tags"));
        }
        parts.append(counted(comparisons, "comparison", "comparisons") + QStringLiteral(" (") +
                     inside.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }
    if (providers > 0) {
        parts.append(counted(providers, "provider", "providers"));
    }
    if (model_files > 0) {
        parts.append(counted(model_files, "model file", "model files"));
    }
    if (settings > 0) {
        parts.append(counted(settings, "setting", "settings"));
    }
    if (catalog_entries > 0) {
        parts.append(counted(catalog_entries, "catalog entry", "catalog entries"));
    }
    return parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "));
}

QJsonObject TransferCounts::to_json() const
{
    return QJsonObject{{QStringLiteral("conversations"), conversations},
                       {QStringLiteral("messages"), messages},
                       {QStringLiteral("comparisons"), comparisons},
                       {QStringLiteral("comparison_targets"), comparison_targets},
                       {QStringLiteral("comparison_prompts"), comparison_prompts},
                       {QStringLiteral("comparison_results"), comparison_results},
                       {QStringLiteral("comparison_votes"), comparison_votes},
                       {QStringLiteral("comparison_pair_votes"), comparison_pair_votes},
                       {QStringLiteral("comparison_tags"), comparison_tags},
                       {QStringLiteral("providers"), providers},
                       {QStringLiteral("model_files"), model_files},
                       {QStringLiteral("settings"), settings},
                       {QStringLiteral("catalog_entries"), catalog_entries}};
}

} // namespace kurabe::storage
