// The CPU forward pass against the reference outputs in ../shared/reference/oracle: for every
// model there, the logits at every prompt position and the greedy continuation must match
// within the f32 CPU tolerances of ../shared/reference/README.md.
#include "common/test_data.h"
#include "cpu/cpu_session.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "tokenizer/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace kurabe;

namespace {

constexpr double k_max_delta = 0.25;  // max |Δlogit| over the reference's top-20 ids
constexpr double k_flip_margin = 0.5; // a different top-1 is allowed only below this margin

QString model_path(const QString& models, const QString& name)
{
    for (const char* folder : {"ref", "real"}) {
        const QString path = QStringLiteral("%1/%2/%3").arg(models, QLatin1String(folder), name);
        if (QFile::exists(path))
            return path;
    }
    return {};
}

std::vector<int32_t> ids_of(const QJsonArray& array)
{
    std::vector<int32_t> ids;
    for (const QJsonValue& v : array)
        ids.push_back(v.toInt());
    return ids;
}

} // namespace

class ConformanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cpu_matches_reference_data()
    {
        QTest::addColumn<QString>("oracle");
        const QString reference = kurabe::test::reference_dir();
        if (reference.isEmpty()) {
            QTest::addRow("no-data") << QString();
            return;
        }
        const QDir dir(reference + QStringLiteral("/oracle"));
        for (const QString& file :
             dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            QTest::addRow("%s", qPrintable(file)) << dir.absoluteFilePath(file);
    }

    void cpu_matches_reference()
    {
        QFETCH(QString, oracle);
        KURABE_REQUIRE_DATA(models);
        QFile file(oracle);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QString path = model_path(models, root.value(QStringLiteral("model")).toString());
        QVERIFY2(!path.isEmpty(), "the oracle's model file is missing");

        auto model = Model::load(path.toStdString());
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
        QCOMPARE((*model)->hparams().n_vocab, root.value(QStringLiteral("n_vocab")).toInt());
        auto tokenizer = Tokenizer::from_gguf((*model)->file());
        QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.message().c_str());
        SessionOptions options;
        options.n_ctx = 256;
        options.n_threads = 2;

        double worst = 0;
        int positions = 0;
        for (const QJsonValue& case_value : root.value(QStringLiteral("cases")).toArray()) {
            const QJsonObject c = case_value.toObject();
            const std::vector<int32_t> tokens = ids_of(c.value(QStringLiteral("tokens")).toArray());
            const QJsonArray top = c.value(QStringLiteral("top")).toArray();
            // Our tokenizer must produce the reference's ids for the prompt.
            const std::vector<int32_t> ours =
                (*tokenizer)
                    ->encode(c.value(QStringLiteral("prompt")).toString().toStdString(),
                             c.value(QStringLiteral("add_special")).toBool(), false);
            QVERIFY2(ours == tokens,
                     qPrintable(QStringLiteral("tokenization of \"%1\" differs")
                                    .arg(c.value(QStringLiteral("prompt")).toString())));
            QCOMPARE(static_cast<size_t>(top.size()), tokens.size());
            auto session = CpuSession::create(**model, options);
            QVERIFY(session.ok());
            auto evaluated = (*session)->eval(tokens, true);
            QVERIFY2(evaluated.ok(), evaluated.ok() ? "" : evaluated.message().c_str());
            // The same prompt fed one token at a time takes the decode kernels (fused
            // dequantization, integer kernels) instead of the batched ones: both must match.
            auto stepwise = CpuSession::create(**model, options);
            QVERIFY(stepwise.ok());
            std::vector<std::vector<float>> decode_logits;
            for (int32_t token : tokens) {
                const int32_t one[] = {token};
                QVERIFY((*stepwise)->eval(one, false).ok());
                decode_logits.emplace_back((*stepwise)->logits(0).begin(),
                                           (*stepwise)->logits(0).end());
            }

            for (qsizetype p = 0; p < top.size() * 2; ++p) {
                const bool batched = p < top.size();
                const std::span<const float> logits =
                    batched ? (*session)->logits(p)
                            : std::span<const float>(
                                  decode_logits[static_cast<size_t>(p - top.size())]);
                const QJsonArray ref = top.at(batched ? p : p - top.size()).toArray();
                double max_delta = 0;
                for (const QJsonValue& pair : ref) {
                    const int32_t id = pair.toArray().at(0).toInt();
                    const double expected = pair.toArray().at(1).toDouble();
                    max_delta = std::max(max_delta, std::abs(logits[id] - expected));
                }
                worst = std::max(worst, max_delta);
                ++positions;
                if (max_delta > k_max_delta)
                    QFAIL(qPrintable(QStringLiteral("%1, position %2 (%5): max |Δlogit| %3 > %4")
                                         .arg(c.value(QStringLiteral("prompt")).toString())
                                         .arg(batched ? p : p - top.size())
                                         .arg(max_delta)
                                         .arg(k_max_delta)
                                         .arg(batched ? QStringLiteral("batched")
                                                      : QStringLiteral("one token at a time"))));
                const int32_t ref_top = ref.at(0).toArray().at(0).toInt();
                const double margin =
                    ref.at(0).toArray().at(1).toDouble() - ref.at(1).toArray().at(1).toDouble();
                if (argmax(logits) != ref_top && margin > k_flip_margin)
                    QFAIL(qPrintable(QStringLiteral("position %1: top-1 %2, reference %3 (margin "
                                                    "%4)")
                                         .arg(p)
                                         .arg(argmax(logits))
                                         .arg(ref_top)
                                         .arg(margin)));
            }

            // Greedy continuation: identical until our own margin gets too thin to tell.
            const std::vector<int32_t> greedy = ids_of(c.value(QStringLiteral("greedy")).toArray());
            std::vector<float> last((*session)->logits(top.size() - 1).begin(),
                                    (*session)->logits(top.size() - 1).end());
            for (size_t step = 0; step < greedy.size(); ++step) {
                std::vector<float> sorted = last;
                std::partial_sort(sorted.begin(), sorted.begin() + 2, sorted.end(),
                                  std::greater<float>());
                if (sorted[0] - sorted[1] < k_flip_margin)
                    break;
                const int32_t next = argmax(last);
                QVERIFY2(next == greedy[step],
                         qPrintable(QStringLiteral("%1: greedy step %2 gave %3, reference %4")
                                        .arg(c.value(QStringLiteral("prompt")).toString())
                                        .arg(step)
                                        .arg(next)
                                        .arg(greedy[step])));
                const int32_t one[] = {next};
                QVERIFY((*session)->eval(one, false).ok());
                last.assign((*session)->logits(0).begin(), (*session)->logits(0).end());
            }
        }
        qInfo("%s: %d positions, worst max |Δlogit| %.4f", qPrintable(QFileInfo(oracle).fileName()),
              positions, worst);
    }
};

QTEST_GUILESS_MAIN(ConformanceTest)
#include "conformance_test.moc"
