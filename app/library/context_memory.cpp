#include "library/context_memory.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace kurabe::app {

namespace {

// lupdate files the tr() calls of this namespace under "kurabe::app", so that is the context.
QString tr(const char* text)
{
    return QCoreApplication::translate("kurabe::app", text);
}

QString size_text(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

int effective_context_length(int requested, int trained)
{
    if (requested > 0)
        return requested;
    return trained > 0 ? std::min(trained, kDefaultContextCap) : kDefaultContextCap;
}

catalog::FitEstimate estimate_context_memory(const QJsonObject& summary, int requested,
                                             const catalog::MachineMemory& machine)
{
    catalog::CatalogEntry entry;
    if (const qint64 parameters = summary.value(QStringLiteral("parameters")).toInteger();
        parameters > 0)
        entry.parameters_total = parameters;
    catalog::LocalVariant variant;
    if (const qint64 size = summary.value(QStringLiteral("file_size")).toInteger(); size > 0)
        variant.size_bytes = size;
    const int trained = summary.value(QStringLiteral("context_length")).toInt();
    return catalog::estimate_fit(entry, variant, machine,
                                 effective_context_length(requested, trained));
}

QString describe_context_memory(const QJsonObject& summary, int requested,
                                const catalog::MachineMemory& machine)
{
    const int trained = summary.value(QStringLiteral("context_length")).toInt();
    const int tokens = effective_context_length(requested, trained);
    const catalog::FitEstimate fit = estimate_context_memory(summary, requested, machine);
    if (fit.verdict == catalog::FitVerdict::Unknown && fit.weights_bytes == 0)
        return tr("%1 tokens: the file's size is not known yet").arg(tokens);
    QString text = tr("%1 tokens: about %2 (weights %3, KV cache %4)")
                       .arg(tokens)
                       .arg(size_text(fit.total_bytes()), size_text(fit.weights_bytes),
                            size_text(fit.kv_bytes));
    if (fit.usable_bytes > 0)
        text += tr(" — %1 in the %2 this machine can give a model")
                    .arg(catalog::fit_verdict_text(fit.verdict), size_text(fit.usable_bytes));
    if (trained > 0 && tokens > trained)
        text += tr(". The model was trained for %1 tokens: beyond that its answers may fall "
                   "apart")
                    .arg(trained);
    return text;
}

} // namespace kurabe::app
