#include "cli/models_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "gguf/gguf_file.h"
#include "model/model.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("models");

QString text_of(std::optional<std::string_view> value)
{
    return value ? QString::fromUtf8(value->data(), static_cast<qsizetype>(value->size()))
                 : QString();
}

QString human_count(uint64_t n)
{
    if (n >= 1'000'000'000)
        return QStringLiteral("%1B").arg(static_cast<double>(n) / 1e9, 0, 'f', 2);
    if (n >= 1'000'000)
        return QStringLiteral("%1M").arg(static_cast<double>(n) / 1e6, 0, 'f', 1);
    if (n >= 1'000)
        return QStringLiteral("%1K").arg(static_cast<double>(n) / 1e3, 0, 'f', 1);
    return QString::number(n);
}

int inspect(const QString& path, bool json)
{
    auto file = GgufFile::open(path.toStdString());
    if (!file)
        return fail(k_name, QString::fromStdString(file.message()));
    const GgufFile& f = **file;

    // Type histogram (by tensor count and by bytes) and the total parameter count.
    std::map<std::string, std::pair<int, uint64_t>> histogram;
    uint64_t parameters = 0;
    for (const GgufTensor& t : f.tensors()) {
        auto& entry = histogram[std::string(tensor_type_name(t.type))];
        ++entry.first;
        entry.second += t.bytes;
        parameters += t.elements;
    }

    // Architecture details come from the model itself; a file the engine cannot run is still
    // described, with the reason.
    auto model = Model::from_file(std::move(*file));
    const GgufFile& g = model ? (*model)->file() : f;
    QJsonObject info;
    info.insert(QStringLiteral("file"), QFileInfo(path).absoluteFilePath());
    info.insert(QStringLiteral("file_size"), static_cast<qint64>(g.file_size()));
    info.insert(QStringLiteral("gguf_version"), static_cast<int>(g.version()));
    info.insert(QStringLiteral("architecture"), text_of(g.get_string("general.architecture")));
    info.insert(QStringLiteral("name"), text_of(g.get_string("general.name")));
    info.insert(QStringLiteral("license"), text_of(g.get_string("general.license")));
    info.insert(QStringLiteral("parameters"), static_cast<qint64>(parameters));
    info.insert(QStringLiteral("tensors"), static_cast<int>(g.tensors().size()));
    if (model) {
        const HParams& h = (*model)->hparams();
        info.insert(QStringLiteral("context_length"), h.n_ctx_train);
        info.insert(QStringLiteral("n_vocab"), h.n_vocab);
        info.insert(QStringLiteral("n_embd"), h.n_embd);
        info.insert(QStringLiteral("n_layer"), h.n_layer);
        info.insert(QStringLiteral("n_head"), h.n_head);
        info.insert(QStringLiteral("n_head_kv"), h.n_head_kv);
        info.insert(QStringLiteral("head_dim"), h.head_dim);
        info.insert(QStringLiteral("n_ff"), h.n_ff);
        info.insert(QStringLiteral("rope_freq_base"), h.rope_freq_base);
        info.insert(QStringLiteral("tied_embeddings"), (*model)->weights().tied_output);
        info.insert(QStringLiteral("runnable"), true);
    } else {
        info.insert(QStringLiteral("runnable"), false);
        info.insert(QStringLiteral("reason"), QString::fromStdString(model.message()));
    }
    QJsonArray types;
    for (const auto& [type, entry] : histogram)
        types.append(QJsonObject{{"type", QString::fromStdString(type)},
                                 {"tensors", entry.first},
                                 {"bytes", static_cast<qint64>(entry.second)}});
    info.insert(QStringLiteral("tensor_types"), types);
    const QString chat_template = text_of(g.get_string("tokenizer.chat_template"));
    info.insert(QStringLiteral("chat_template"),
                chat_template.isEmpty() ? QJsonValue() : QJsonValue(chat_template));

    if (json) {
        out() << QJsonDocument(info).toJson(QJsonDocument::Indented);
        out().flush();
        return Ok;
    }
    auto line = [](const char* label, const QString& value) {
        out() << QStringLiteral("%1 %2\n").arg(QLatin1String(label), -16).arg(value);
    };
    line("file", info.value(QStringLiteral("file")).toString());
    line("size", QStringLiteral("%1 bytes (%2 MiB)")
                     .arg(g.file_size())
                     .arg(static_cast<double>(g.file_size()) / 1048576.0, 0, 'f', 1));
    line("gguf version", QString::number(g.version()));
    line("architecture", info.value(QStringLiteral("architecture")).toString());
    line("name", info.value(QStringLiteral("name")).toString());
    line("license", info.value(QStringLiteral("license")).toString());
    line("parameters", QStringLiteral("%1 (%2)").arg(parameters).arg(human_count(parameters)));
    if (model) {
        const HParams& h = (*model)->hparams();
        line("context length", QString::number(h.n_ctx_train));
        line("layers", QString::number(h.n_layer));
        line("heads", QStringLiteral("%1 (key/value heads %2, head size %3)")
                          .arg(h.n_head)
                          .arg(h.n_head_kv)
                          .arg(h.head_dim));
        line("embedding", QString::number(h.n_embd));
        line("feed-forward", QString::number(h.n_ff));
        line("vocabulary", QString::number(h.n_vocab));
    } else {
        line("runnable", QStringLiteral("no: ") + QString::fromStdString(model.message()));
    }
    out() << "tensor types:\n";
    for (const auto& [type, entry] : histogram)
        out() << QStringLiteral("  %1 %2 tensors, %3 MiB\n")
                     .arg(QString::fromStdString(type), -8)
                     .arg(entry.first, 5)
                     .arg(static_cast<double>(entry.second) / 1048576.0, 0, 'f', 2);
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
