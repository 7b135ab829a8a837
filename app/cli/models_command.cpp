#include "cli/models_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "library/gguf_summary.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("models");

int inspect(const QString& path, bool json)
{
    QString error;
    const QJsonObject info = app::summarize_gguf(path, &error);
    if (info.isEmpty())
        return fail(k_name, error);

    if (json) {
        out() << QJsonDocument(info).toJson(QJsonDocument::Indented);
        out().flush();
        return Ok;
    }
    auto line = [](const char* label, const QString& value) {
        out() << QStringLiteral("%1 %2\n").arg(QLatin1String(label), -16).arg(value);
    };
    auto text = [&info](const char* key) { return info.value(QLatin1String(key)).toString(); };
    auto number = [&info](const char* key) { return info.value(QLatin1String(key)).toInteger(); };
    const qint64 size = number("file_size");
    const qint64 parameters = number("parameters");
    line("file", text("file"));
    line("size", QStringLiteral("%1 bytes (%2 MiB)")
                     .arg(size)
                     .arg(static_cast<double>(size) / 1048576.0, 0, 'f', 1));
    line("gguf version", QString::number(number("gguf_version")));
    line("architecture", text("architecture"));
    line("name", text("name"));
    line("license", text("license"));
    line("parameters", QStringLiteral("%1 (%2)").arg(parameters).arg(app::human_count(parameters)));
    if (info.value(QStringLiteral("runnable")).toBool()) {
        line("context length", QString::number(number("context_length")));
        line("layers", QString::number(number("n_layer")));
        line("heads", QStringLiteral("%1 (key/value heads %2, head size %3)")
                          .arg(number("n_head"))
                          .arg(number("n_head_kv"))
                          .arg(number("head_dim")));
        line("embedding", QString::number(number("n_embd")));
        line("feed-forward", QString::number(number("n_ff")));
        line("vocabulary", QString::number(number("n_vocab")));
    } else {
        line("runnable", QStringLiteral("no: ") + text("reason"));
    }
    out() << "tensor types:\n";
    for (const QJsonValue& v : info.value(QStringLiteral("tensor_types")).toArray()) {
        const QJsonObject t = v.toObject();
        out() << QStringLiteral("  %1 %2 tensors, %3 MiB\n")
                     .arg(t.value(QStringLiteral("type")).toString(), -8)
                     .arg(t.value(QStringLiteral("tensors")).toInt(), 5)
                     .arg(static_cast<double>(t.value(QStringLiteral("bytes")).toInteger()) /
                              1048576.0,
                          0, 'f', 2);
    }
    const QString chat_template = text("chat_template");
    line("chat template",
         chat_template.isEmpty()
             ? QStringLiteral("none: plain completion")
             : QStringLiteral("present (%1 characters)").arg(chat_template.size()));
    out().flush();
    return Ok;
}

} // namespace

int run_models_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    if (!parser.parse(QStringList{QStringLiteral("kurabe models")} + args))
        return fail(k_name, parser.errorText(), Usage);
    const QStringList rest = parser.positionalArguments();
    if (rest.size() == 2 && rest[0] == QLatin1String("inspect"))
        return inspect(rest[1], parser.isSet(json));
    err() << "Usage: kurabe models inspect FILE [--json]\n";
    return Usage;
}

} // namespace kurabe::cli
