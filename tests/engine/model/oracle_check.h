// The check of one backend against a reference file of ../shared/reference/oracle, shared by
// the CPU and the Vulkan conformance tests: for every case, the prompt's tokenization, the
// logits at every position (the prompt evaluated at once, and one token at a time), and the
// greedy continuation, within a backend's tolerances (../shared/reference/README.md).
#pragma once

#include "core/session.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "tokenizer/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace kurabe::test {

struct OracleTolerance
{
    double max_delta = 0;   // max |Δlogit| over the reference's top-20 ids
    double flip_margin = 0; // a different top-1 is allowed only below this reference margin
};

struct OracleReport
{
    QString failure; // empty when every check passed
    int positions = 0;
    double worst = 0; // largest max |Δlogit| seen
};

using SessionFactory = std::function<Result<std::unique_ptr<Session>>(const Model&)>;

// The model file an oracle names, looked up in models/ref and models/real; empty if missing.
inline QString oracle_model_path(const QString& models, const QString& name)
{
    for (const char* folder : {"ref", "real"}) {
        const QString path = QStringLiteral("%1/%2/%3").arg(models, QLatin1String(folder), name);
        if (QFile::exists(path))
            return path;
    }
    return {};
}

inline std::vector<int32_t> oracle_ids(const QJsonArray& array)
{
    std::vector<int32_t> ids;
    for (const QJsonValue& v : array)
        ids.push_back(v.toInt());
    return ids;
}

// Checks one position's logits against the reference's top list; a message on failure.
inline QString check_oracle_position(std::span<const float> logits, const QJsonArray& ref,
                                     const OracleTolerance& tol, double* max_delta)
{
    double delta = 0;
    for (const QJsonValue& pair : ref) {
        const int32_t id = pair.toArray().at(0).toInt();
        const double expected = pair.toArray().at(1).toDouble();
        delta = std::max(delta, std::abs(logits[static_cast<size_t>(id)] - expected));
    }
    *max_delta = delta;
    if (!(delta <= tol.max_delta))
        return QStringLiteral("max |Δlogit| %1 > %2").arg(delta).arg(tol.max_delta);
    const int32_t ref_top = ref.at(0).toArray().at(0).toInt();
    const double margin =
        ref.at(0).toArray().at(1).toDouble() - ref.at(1).toArray().at(1).toDouble();
    if (argmax(logits) != ref_top && margin > tol.flip_margin)
        return QStringLiteral("top-1 %1, reference %2 (margin %3)")
            .arg(argmax(logits))
            .arg(ref_top)
            .arg(margin);
    return {};
}

// Runs every case of `oracle_file` on sessions from `make_session`.
inline OracleReport check_oracle(const QString& models, const QString& oracle_file,
                                 const SessionFactory& make_session, const OracleTolerance& tol)
{
    OracleReport report;
    const auto fail = [&](const QString& message) {
        report.failure = QFileInfo(oracle_file).fileName() + QStringLiteral(": ") + message;
        return report;
    };
    QFile file(oracle_file);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the oracle file"));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QString path = oracle_model_path(models, root.value(QStringLiteral("model")).toString());
    if (path.isEmpty())
        return fail(QStringLiteral("the oracle's model file is missing"));
    auto model = Model::load(path.toStdString());
    if (!model)
        return fail(QString::fromStdString(model.message()));
    if ((*model)->hparams().n_vocab != root.value(QStringLiteral("n_vocab")).toInt())
        return fail(QStringLiteral("n_vocab differs from the reference"));
    auto tokenizer = Tokenizer::from_gguf((*model)->file());
    if (!tokenizer)
        return fail(QString::fromStdString(tokenizer.message()));

    for (const QJsonValue& case_value : root.value(QStringLiteral("cases")).toArray()) {
        const QJsonObject c = case_value.toObject();
        const QString prompt = c.value(QStringLiteral("prompt")).toString();
        const std::vector<int32_t> tokens = oracle_ids(c.value(QStringLiteral("tokens")).toArray());
        const QJsonArray top = c.value(QStringLiteral("top")).toArray();
        // Our tokenizer must produce the reference's ids for the prompt.
        const std::vector<int32_t> ours =
            (*tokenizer)
                ->encode(prompt.toStdString(), c.value(QStringLiteral("add_special")).toBool(),
                         false);
        if (ours != tokens)
            return fail(QStringLiteral("tokenization of \"%1\" differs").arg(prompt));
        if (static_cast<size_t>(top.size()) != tokens.size())
            return fail(QStringLiteral("the oracle's top lists do not match its tokens"));

        auto session = make_session(**model);
        if (!session)
            return fail(QString::fromStdString(session.message()));
        if (auto r = (*session)->eval(tokens, true); !r)
            return fail(QString::fromStdString(r.message()));
        // The same prompt fed one token at a time takes the decode kernels instead of the
        // batched ones: both must match.
        auto stepwise = make_session(**model);
        if (!stepwise)
            return fail(QString::fromStdString(stepwise.message()));
        std::vector<std::vector<float>> decode_logits;
        for (int32_t token : tokens) {
            const int32_t one[] = {token};
            if (auto r = (*stepwise)->eval(one, false); !r)
                return fail(QString::fromStdString(r.message()));
            decode_logits.emplace_back((*stepwise)->logits(0).begin(),
                                       (*stepwise)->logits(0).end());
        }

        for (qsizetype p = 0; p < top.size() * 2; ++p) {
            const bool batched = p < top.size();
            const qsizetype position = batched ? p : p - top.size();
            const std::span<const float> logits =
                batched ? (*session)->logits(p)
                        : std::span<const float>(decode_logits[static_cast<size_t>(position)]);
            double delta = 0;
            const QString problem =
                check_oracle_position(logits, top.at(position).toArray(), tol, &delta);
            report.worst = std::max(report.worst, delta);
            ++report.positions;
            if (!problem.isEmpty())
                return fail(QStringLiteral("\"%1\", position %2 (%3): %4")
                                .arg(prompt)
                                .arg(position)
                                .arg(batched ? QStringLiteral("batched")
                                             : QStringLiteral("one token at a time"))
                                .arg(problem));
        }

        // Greedy continuation: identical until our own margin gets too thin to tell.
        const std::vector<int32_t> greedy = oracle_ids(c.value(QStringLiteral("greedy")).toArray());
        std::vector<float> last((*session)->logits(top.size() - 1).begin(),
                                (*session)->logits(top.size() - 1).end());
        for (size_t step = 0; step < greedy.size(); ++step) {
            std::vector<float> sorted = last;
            std::partial_sort(sorted.begin(), sorted.begin() + 2, sorted.end(),
                              std::greater<float>());
            if (sorted[0] - sorted[1] < tol.flip_margin)
                break;
            const int32_t next = argmax(last);
            if (next != greedy[step])
                return fail(QStringLiteral("\"%1\": greedy step %2 gave %3, reference %4")
                                .arg(prompt)
                                .arg(step)
                                .arg(next)
                                .arg(greedy[step]));
            const int32_t one[] = {next};
            if (auto r = (*session)->eval(one, false); !r)
                return fail(QString::fromStdString(r.message()));
            last.assign((*session)->logits(0).begin(), (*session)->logits(0).end());
        }
    }
    return report;
}

// One data row per oracle file ("no-data" when the reference folder is absent).
inline void add_oracle_rows(const QString& reference)
{
    QTest::addColumn<QString>("oracle");
    if (reference.isEmpty()) {
        QTest::addRow("no-data") << QString();
        return;
    }
    const QDir dir(reference + QStringLiteral("/oracle"));
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        QTest::addRow("%s", qPrintable(file)) << dir.absoluteFilePath(file);
}

} // namespace kurabe::test
