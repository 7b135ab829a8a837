// ProviderStore: providers keep a keychain reference and never a secret; options named like a
// secret are refused with a message that says where the secret belongs.
#include "storage/schema/schema.h"
#include "storage/stores/provider_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kurabe::storage;

namespace {

QJsonObject object_from(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class ProviderStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        StorageResult<std::unique_ptr<Database>> opened =
            open_kurabe_database(database_path(dir_.path()), OpenMode::ReadWrite);
        QVERIFY2(opened, qPrintable(opened.message()));
        database_ = std::move(opened).value();
        store_ = std::make_unique<ProviderStore>(*database_, [this] { return clock_ms_ += 1000; });
    }

    void cleanup()
    {
        store_.reset();
        database_.reset();
        QFile::remove(database_path(dir_.path()));
    }

    void secret_looking_option_names_are_found_data()
    {
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<QString>("secret_path");
        QTest::addRow("api_key") << QByteArray(R"({"api_key":"sk-1"})") << "api_key";
        QTest::addRow("apiKey") << QByteArray(R"({"apiKey":"sk-1"})") << "apiKey";
        QTest::addRow("key") << QByteArray(R"({"key":"x"})") << "key";
        QTest::addRow("Authorization token")
            << QByteArray(R"({"auth":{"bearer-token":"x"}})") << "auth.bearer-token";
        QTest::addRow("client_secret") << QByteArray(R"({"client_secret":"x"})") << "client_secret";
        QTest::addRow("PASSWORD") << QByteArray(R"({"PASSWORD":"x"})") << "PASSWORD";
        QTest::addRow("in an array")
            << QByteArray(R"({"headers":[{"name":"a"},{"x-api-key":"k"}]})")
            << "headers[1].x-api-key";
        QTest::addRow("max_tokens is not a secret") << QByteArray(R"({"max_tokens":512})") << "";
        QTest::addRow("keychain_ref is not a secret")
            << QByteArray(R"({"keychain_ref":"a","organization":"org-1","timeout_s":60})") << "";
        QTest::addRow("monkey is not a key") << QByteArray(R"({"monkey":1,"tokenizer":"x"})") << "";
    }

    void secret_looking_option_names_are_found()
    {
        QFETCH(QByteArray, options);
        QFETCH(QString, secret_path);
        QCOMPARE(secret_option_path(object_from(options.constData())), secret_path);
    }

    void a_provider_round_trips()
    {
        QSignalSpy changed(store_.get(), &ProviderStore::providersChanged);
        NewProvider provider{QStringLiteral("openai"), QStringLiteral("OpenAI"),
                             QStringLiteral("https://api.openai.com/v1"),
                             object_from(R"({"organization":"org-1","timeout_s":60})"),
                             QStringLiteral("kurabe/provider/OpenAI")};
        const qint64 id = store_->add(provider).value();
        const Provider saved = store_->provider(id).value();
        QCOMPARE(saved.kind, QStringLiteral("openai"));
        QCOMPARE(saved.base_url, QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(saved.options.value(QStringLiteral("timeout_s")).toInt(), 60);
        QCOMPARE(saved.keychain_ref, QStringLiteral("kurabe/provider/OpenAI"));
        provider.name = QStringLiteral("OpenAI (work)");
        QVERIFY(store_->update(id, provider).ok());
        QVERIFY(store_
                    ->add({QStringLiteral("ollama"),
                           QStringLiteral("Local Ollama"),
                           QStringLiteral("http://localhost:11434"),
                           {},
                           {}})
                    .ok());
        const std::vector<Provider> all = store_->list().value();
        QCOMPARE(all.size(), size_t{2});
        QCOMPARE(all[0].name, QStringLiteral("Local Ollama"));
        QCOMPARE(all[1].name, QStringLiteral("OpenAI (work)"));
        QVERIFY(all[1].updated_at_ms > all[1].created_at_ms);
        QVERIFY(store_->remove(id).ok());
        QCOMPARE(store_->provider(id).error().kind, StorageErrorKind::NotFound);
        QCOMPARE(changed.count(), 4);
    }

    void a_secret_in_the_options_is_refused_and_not_stored()
    {
        const StorageResult<qint64> added =
            store_->add({QStringLiteral("openai"), QStringLiteral("OpenAI"), QString(),
                         object_from(R"({"api_key":"sk-live-123"})"), QString()});
        QVERIFY(!added);
        QCOMPARE(added.error().kind, StorageErrorKind::InvalidArgument);
        QVERIFY2(added.message().contains(QStringLiteral("\"api_key\" looks like a secret")),
                 qPrintable(added.message()));
        QVERIFY2(added.message().contains(QStringLiteral("keychain")), qPrintable(added.message()));
        QVERIFY(!added.message().contains(QStringLiteral("sk-live-123")));
        QCOMPARE(store_->list().value().size(), size_t{0});

        const qint64 id = store_
                              ->add({QStringLiteral("openai"),
                                     QStringLiteral("OpenAI"),
                                     {},
                                     {},
                                     QStringLiteral("ref")})
                              .value();
        const StorageResult<void> updated =
            store_->update(id, {QStringLiteral("openai"),
                                QStringLiteral("OpenAI"),
                                {},
                                object_from(R"({"auth":{"password":"p"}})"),
                                {}});
        QVERIFY(!updated);
        QCOMPARE(updated.error().kind, StorageErrorKind::InvalidArgument);
        QVERIFY(store_->provider(id).value().options.isEmpty());
    }

    void a_duplicate_name_is_explained()
    {
        const NewProvider provider{QStringLiteral("ollama"), QStringLiteral("Ollama"), {}, {}, {}};
        QVERIFY(store_->add(provider).ok());
        const StorageResult<qint64> again = store_->add(provider);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StorageErrorKind::Constraint);
        QVERIFY2(again.message().contains(QStringLiteral("\"Ollama\" already exists")),
                 qPrintable(again.message()));
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<ProviderStore> store_;
    qint64 clock_ms_ = 1'700'000'000'000;
};

QTEST_GUILESS_MAIN(ProviderStoreTest)
#include "provider_store_test.moc"
