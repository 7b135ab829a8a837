// The local backend end to end on the real trained stories260K model: the worker thread, the
// frame-coalesced stream, the KV-cache reuse between turns, cancel, the context policy, and
// loading with progress and cancel.
#include "common/test_data.h"
#include "inference/local/local_backend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace kurabe::inference;

namespace {

struct Outcome
{
    QString text;
    GenerationResult result;
    int deltas = 0;
    int finished = 0;
};

// Runs one request to the end, collecting what the generation emitted.
Outcome run(LocalBackend& backend, const GenerationRequest& request, bool cancel_at_once = false)
{
    Outcome outcome;
    std::unique_ptr<Generation> g(backend.start(request));
    QObject::connect(g.get(), &Generation::textDelta, [&](const QString& t) {
        outcome.text += t;
        ++outcome.deltas;
    });
    QObject::connect(g.get(), &Generation::finished, [&](const GenerationResult& r) {
        outcome.result = r;
        ++outcome.finished;
    });
    if (cancel_at_once)
        g->cancel();
    if (!QTest::qWaitFor([&] { return outcome.finished > 0; }, 120000))
        qWarning("the generation did not finish within two minutes");
    QTest::qWait(50); // nothing may follow finished()
    return outcome;
}

GenerationRequest greedy(const QList<ChatMessage>& messages, int max_tokens)
{
    GenerationRequest request;
    request.messages = messages;
    request.sampling.temperature = 0.0;
    request.sampling.max_tokens = max_tokens;
    return request;
}

std::unique_ptr<LocalBackend> loaded(const QString& path, LocalOptions options = {})
{
    auto backend = std::make_unique<LocalBackend>(path, options);
    QSignalSpy spy(backend.get(), &LocalBackend::loadFinished);
    backend->load();
    if (!spy.wait(60000) || !spy.at(0).at(0).toBool()) {
        qWarning() << "load failed:" << (spy.isEmpty() ? QVariant() : spy.at(0).at(1));
        return nullptr;
    }
    return backend;
}

} // namespace

class LocalBackendTest : public QObject
{
    Q_OBJECT

    QString model_;
    QJsonObject reference_;

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        model_ = models + "/real/stories260K.gguf";
        QFile file(kurabe::test::reference_dir() + "/oracle/stories260K.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        reference_ =
            QJsonDocument::fromJson(file.readAll()).object()["cases"].toArray().at(0).toObject();
        QCOMPARE(reference_["prompt"].toString(), QStringLiteral("Once upon a time"));
    }

    void greedyContinuationMatchesTheReference()
    {
        auto backend = loaded(model_);
        QVERIFY(backend);
        QCOMPARE(backend->info().backend, QStringLiteral("cpu"));
        QVERIFY(!backend->info().has_chat_template);

        const int n = reference_["greedy"].toArray().size();
        const Outcome o = run(*backend, greedy({{"user", "Once upon a time"}}, n));
        QCOMPARE(o.finished, 1);
        QCOMPARE(o.text, reference_["greedy_text"].toString());
        QCOMPARE(o.result.finish, FinishReason::Length);
        QCOMPARE(o.result.usage.input_tokens.value_or(-1),
                 qint64(reference_["tokens"].toArray().size()));
        QCOMPARE(o.result.usage.output_tokens.value_or(-1), qint64(n));
        QVERIFY(o.result.ttft_ms.has_value());
        QVERIFY(o.result.wall_ms >= *o.result.ttft_ms);
        QCOMPARE(o.result.details["backend"].toString(), QStringLiteral("cpu"));
        QVERIFY(o.deltas >= 1);
    }

    void aLaterTurnReusesTheCacheAndAnswersTheSame()
    {
        auto backend = loaded(model_);
        auto fresh = loaded(model_);
        QVERIFY(backend && fresh);
        run(*backend, greedy({{"user", "Once upon a time"}}, 24));
        const auto second = greedy({{"user", "Once upon a time, there was a little dog"}}, 24);
        const Outcome reused = run(*backend, second);
        const Outcome cold = run(*fresh, second);
        QVERIFY(reused.result.usage.cached_input_tokens.value_or(0) >= 5);
        QCOMPARE(cold.result.usage.cached_input_tokens.value_or(-1), qint64(0));
        QCOMPARE(reused.text, cold.text);
        QVERIFY(!reused.text.isEmpty());
    }

    void cancelEndsTheGenerationAndTheModelStaysUsable()
    {
        LocalOptions options;
        options.n_ctx = 512;
        auto backend = loaded(model_, options);
        QVERIFY(backend);
        const Outcome cancelled = run(*backend, greedy({{"user", "Once upon a time"}}, 400), true);
        QCOMPARE(cancelled.finished, 1);
        QCOMPARE(cancelled.result.finish, FinishReason::Cancelled);
        QVERIFY(cancelled.result.error_message.isEmpty());

        const Outcome after = run(*backend, greedy({{"user", "Once upon a time"}}, 8));
        QCOMPARE(after.result.finish, FinishReason::Length);
        QVERIFY(reference_["greedy_text"].toString().startsWith(after.text));
    }

    void anOversizedConversationDropsItsOldestTurns()
    {
        LocalOptions options;
        options.n_ctx = 64;
        auto backend = loaded(model_, options);
        QVERIFY(backend);
        const QString long_turn =
            QStringLiteral("The cat sat on the mat and the dog ran in the park. ");
        const QList<ChatMessage> conversation = {{"system", "Tell a story."},
                                                 {"user", long_turn + long_turn},
                                                 {"assistant", long_turn + long_turn},
                                                 {"user", "Once upon a time"}};
        const Outcome trimmed = run(*backend, greedy(conversation, 8));
        QCOMPARE(trimmed.result.finish, FinishReason::Length);
        QVERIFY(trimmed.result.details["dropped_messages"].toInt() >= 1);
        QVERIFY(trimmed.result.usage.input_tokens.value_or(99) <= 64 - 8);

        options.drop_oldest_turns = false;
        auto strict = loaded(model_, options);
        QVERIFY(strict);
        const Outcome refused = run(*strict, greedy(conversation, 8));
        QCOMPARE(refused.result.finish, FinishReason::Error);
        QCOMPARE(refused.result.error, ErrorKind::BadRequest);
        QVERIFY2(refused.result.error_message.contains("context"),
                 qPrintable(refused.result.error_message));
    }

    void loadingReportsProgressAndCanBeCancelled()
    {
        LocalBackend backend(model_, {});
        QSignalSpy progress(&backend, &LocalBackend::loadProgress);
        QSignalSpy finished(&backend, &LocalBackend::loadFinished);

        // Cancelled before the worker starts: it stops at its first check.
        backend.load();
        backend.cancelLoad();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(finished.at(0).at(1).toString().contains("cancelled"),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!backend.isLoaded());
        QCOMPARE(run(backend, greedy({{"user", "hi"}}, 4)).result.finish, FinishReason::Error);

        // Loading again works, and the progress climbs to 1 with a stage for each step.
        progress.clear();
        finished.clear();
        backend.load();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(progress.size() >= 3);
        double last = -1;
        QStringList stages;
        for (const QList<QVariant>& p : progress) {
            QVERIFY(p.at(0).toDouble() >= last);
            last = p.at(0).toDouble();
            if (!stages.contains(p.at(1).toString()))
                stages << p.at(1).toString();
        }
        QCOMPARE(last, 1.0);
        QCOMPARE(stages.first(), QStringLiteral("Reading the file"));
        QVERIFY2(stages.size() >= 3, qPrintable(stages.join(", ")));
        const int n = reference_["greedy"].toArray().size();
        QCOMPARE(run(backend, greedy({{"user", "Once upon a time"}}, n)).text,
                 reference_["greedy_text"].toString());
    }

    void aMissingFileIsAClearLoadError()
    {
        LocalBackend backend("/nonexistent/model.gguf", {});
        QSignalSpy spy(&backend, &LocalBackend::loadFinished);
        backend.load();
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        QVERIFY2(spy.at(0).at(1).toString().contains("/nonexistent/model.gguf"),
                 qPrintable(spy.at(0).at(1).toString()));
        const Outcome o = run(backend, greedy({{"user", "hi"}}, 4));
        QCOMPARE(o.result.finish, FinishReason::Error);
    }
};

QTEST_GUILESS_MAIN(LocalBackendTest)
#include "local_backend_test.moc"
