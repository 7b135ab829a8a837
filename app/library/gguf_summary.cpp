#include "library/gguf_summary.h"

#include "gguf/gguf_file.h"
#include "model/model.h"

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <map>
#include <vector>

namespace kurabe::app {

namespace {

QString text_of(std::optional<std::string_view> value)
{
    return value ? QString::fromUtf8(value->data(), static_cast<qsizetype>(value->size()))
                 : QString();
}

} // namespace

QJsonObject summarize_gguf(const QString& path, QString* error)
{
    auto file = GgufFile::open(path.toStdString());
    if (!file) {
        if (error)
            *error = QString::fromStdString(file.message());
        return {};
    }
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
    return info;
}

QString human_count(qint64 n)
{
    if (n >= 1'000'000'000)
        return QStringLiteral("%1B").arg(static_cast<double>(n) / 1e9, 0, 'f', 2);
    if (n >= 1'000'000)
        return QStringLiteral("%1M").arg(static_cast<double>(n) / 1e6, 0, 'f', 1);
    if (n >= 1'000)
        return QStringLiteral("%1K").arg(static_cast<double>(n) / 1e3, 0, 'f', 1);
    return QString::number(n);
}

QString quantization_mix(const QJsonObject& summary)
{
    struct Share
    {
        QString type;
        qint64 bytes = 0;
    };
    std::vector<Share> shares;
    qint64 total = 0;
    for (const QJsonValue& v : summary.value(QStringLiteral("tensor_types")).toArray()) {
        const QJsonObject t = v.toObject();
        const qint64 bytes = t.value(QStringLiteral("bytes")).toInteger();
        shares.push_back({t.value(QStringLiteral("type")).toString(), bytes});
        total += bytes;
    }
    if (total <= 0)
        return {};
    std::stable_sort(shares.begin(), shares.end(),
                     [](const Share& a, const Share& b) { return a.bytes > b.bytes; });
    QStringList parts;
    for (const Share& s : shares) {
        const double percent = 100.0 * static_cast<double>(s.bytes) / static_cast<double>(total);
        parts << QStringLiteral("%1 %2%").arg(s.type).arg(percent, 0, 'f', 0);
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace kurabe::app
