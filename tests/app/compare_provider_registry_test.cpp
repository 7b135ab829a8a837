// ProviderRegistry (app/providers/provider_registry.h) on a real profile: providers pointing at
// the fake OpenAI-compatible server on 127.0.0.1, one with its key in the encrypted key file,
// one whose key is missing and one of an unknown kind. The registry reads them on a worker
// thread (nothing is known until loaded()), keeps each provider's error to itself, reads again
// when the providers change, and its configs run a comparison against the fake server with the
// right key sent.
#include "common/provider_rows.h"
#include "compare/comparison_run.h"
#include "compare/target_description.h"
#include "inference/remote/api_key_store.h"
#include "providers/provider_registry.h"
#include "remote/mock_provider_server.h"
#include "remote/wire_samples.h"
#include "storage/schema/schema.h"
#include "storage/stores/comparison_store.h"
#include "storage/stores/provider_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe;
using app::ProviderRegistry;
using test::MockProviderServer;
using test::MockResponse;

namespace {

constexpr int kWaitMs = 60'000;
const QString kKey = QStringLiteral("sk-registry-test");

using test::provider_row;

} // namespace

class CompareProviderRegistryTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("KURABE_KEYSTORE", "file");
        qputenv("KURABE_SECRETS_PASSPHRASE", "provider registry test");
    }

    void readsProvidersOffTheUiThread()
    {
        QTemporaryDir dir;
        MockProviderServer server;
        const QString url = server.url(QStringLiteral("/v1")).toString();
        auto database = storage::open_kurabe_database(storage::database_path(dir.path()),
                                                      storage::OpenMode::ReadWrite);
        QVERIFY2(database, qPrintable(database.message()));
        storage::ProviderStore providers(**database);
        QVERIFY(providers.add(
            provider_row(QStringLiteral("mock"), QStringLiteral("openai-compatible"), url)));
        QVERIFY(
            providers.add(provider_row(QStringLiteral("keyed"), QStringLiteral("openai-compatible"),
                                       url, QStringLiteral("provider/keyed"))));
        QVERIFY(
            providers.add(provider_row(QStringLiteral("lost"), QStringLiteral("openai-compatible"),
                                       url, QStringLiteral("provider/lost"))));
        QVERIFY(providers.add(
            provider_row(QStringLiteral("strange"), QStringLiteral("telepathy"), url)));
        // Only "keyed" has its key stored.
        inference::remote::ApiKeyStore keys(
            inference::remote::ApiKeyStore::optionsFromEnvironment(dir.path()));
        bool written = false;
        QString write_error;
        keys.writeKey(QStringLiteral("provider/keyed"), kKey, [&](const QString& error) {
            write_error = error;
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, kWaitMs);
        QVERIFY2(write_error.isEmpty(), qPrintable(write_error));

        ProviderRegistry registry(providers, dir.path());
        QSignalSpy loaded(&registry, &ProviderRegistry::loaded);
        // Nothing was read on this thread: until the worker answers, nothing is known.
        QVERIFY(registry.isLoading());
        QString error;
        QVERIFY(!registry.config(QStringLiteral("mock"), &error));
        QVERIFY2(error.contains(QStringLiteral("still being read")), qPrintable(error));
        QVERIFY(loaded.wait(kWaitMs));
        QVERIFY(!registry.isLoading());

        QCOMPARE(registry.providers().size(), size_t{4});
        QCOMPARE(registry.providers()[0].name, QStringLiteral("keyed")); // by name
        const auto mock = registry.config(QStringLiteral("mock"), &error);
        QVERIFY2(mock, qPrintable(error));
        QCOMPARE(mock->base_url.toString(), url);
        QVERIFY(mock->api_key.isEmpty());
        const auto keyed = registry.config(QStringLiteral("keyed"), &error);
        QVERIFY2(keyed, qPrintable(error));
        QCOMPARE(keyed->api_key, kKey);
        // The two broken ones carry their reasons; the others are unaffected.
        QVERIFY(!registry.config(QStringLiteral("lost"), &error));
        QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
        QVERIFY(!registry.config(QStringLiteral("strange"), &error));
        QVERIFY2(error.contains(QStringLiteral("strange")), qPrintable(error));
        QVERIFY(!registry.config(QStringLiteral("nobody"), &error));
        QVERIFY2(error.contains(QStringLiteral("no provider named")), qPrintable(error));
        const QStringList errors = registry.errors();
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors[0].startsWith(QStringLiteral("lost: ")));
        QVERIFY(errors[1].startsWith(QStringLiteral("strange: ")));

        // A comparison run takes its configs from the registry: each provider's answer comes
        // back, and the keyed one sent its key.
        storage::ComparisonStore store(**database);
        storage::NewComparison draft;
        draft.title = QStringLiteral("registry");
        for (const QString& text :
             {QStringLiteral("provider:mock/tiny"), QStringLiteral("provider:keyed/tiny")}) {
            const auto spec = app::parse_target_spec(text, &error);
            QVERIFY2(spec, qPrintable(error));
            draft.targets.push_back({spec->label(), app::describe_target(*spec, nullptr),
                                     app::target_sampling(*spec, {}).toJson()});
        }
        draft.prompts.push_back({QString(), QStringLiteral("Say hello")});
        const qint64 id = store.create(draft).value();
        for (int i = 0; i < 2; ++i) {
            MockResponse answer;
            answer.body = test::kOpenAiStream;
            server.enqueue(answer);
        }
        app::RunEnvironment environment;
        environment.provider_config = [&registry](const QString& name, QString* why) {
            return registry.config(name, why);
        };
        app::ComparisonRun run(store, store.comparison(id).value(), environment);
        QSignalSpy finished(&run, &app::ComparisonRun::finished);
        run.start();
        QVERIFY(finished.wait(kWaitMs));
        for (int t = 0; t < 2; ++t) {
            QCOMPARE(run.cell(0, t).state, app::CellState::Done);
            QCOMPARE(run.cell(0, t).text, QStringLiteral("Hello, world"));
        }
        QCOMPARE(server.requests.size(), 2);
        int with_key = 0;
        for (const test::RecordedRequest& request : server.requests) {
            const QByteArray authorization = request.headers.value("authorization");
            if (!authorization.isEmpty()) {
                QCOMPARE(authorization, QByteArray("Bearer ") + kKey.toUtf8());
                ++with_key;
            }
        }
        QCOMPARE(with_key, 1);

        // The providers change: read again; the old list stays usable meanwhile.
        const qint64 strange_id = [&] {
            for (const storage::Provider& p : providers.list().value()) {
                if (p.name == QLatin1String("strange"))
                    return p.id;
            }
            return qint64{0};
        }();
        QVERIFY(providers.remove(strange_id));
        QVERIFY(providers.add(
            provider_row(QStringLiteral("second"), QStringLiteral("openai-compatible"), url)));
        QVERIFY(registry.isLoading());
        QVERIFY(registry.config(QStringLiteral("mock"), &error));
        QVERIFY(loaded.wait(kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(!registry.isLoading(), kWaitMs);
        QVERIFY(registry.config(QStringLiteral("second"), &error));
        QCOMPARE(registry.errors().size(), 1);
        QCOMPARE(registry.providers().size(), size_t{4});
    }

    void anUnreadableProfileIsAnError()
    {
        QTemporaryDir dir;
        // Not a database: the worker reports it instead of failing the app.
        QFile junk(storage::database_path(dir.path()));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        const std::vector<app::ProviderEntry> entries = app::read_provider_entries(dir.path());
        QCOMPARE(entries.size(), size_t{1});
        QVERIFY(!entries[0].config);
        QVERIFY(!entries[0].error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(CompareProviderRegistryTest)
#include "compare_provider_registry_test.moc"
