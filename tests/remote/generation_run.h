// Test helpers for the network client: a fixed request, a config pointing at the fake provider
// (with a planted key and small timeouts and retry delays), and a generation run to its end.
#pragma once

#include "inference/remote/remote_backend.h"
#include "mock_provider_server.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>
#include <memory>

namespace kurabe::test {

using inference::Backend;
using inference::Generation;
using inference::GenerationRequest;
using inference::GenerationResult;
using inference::remote::ModelPrice;
using inference::remote::ProviderConfig;
using inference::remote::ProviderKind;
using inference::remote::ProviderTimeouts;
using inference::remote::RetryPolicy;

inline const QString kKey = QStringLiteral("sk-test-PLANTED-KEY-0123456789abcdef");

struct Run
{
    QString text;
    GenerationResult result;
    int finished = 0;
};

inline GenerationRequest request()
{
    GenerationRequest r;
    r.messages = {{QStringLiteral("system"), QStringLiteral("Be brief.")},
                  {QStringLiteral("user"), QStringLiteral("Say hello")}};
    r.sampling.temperature = 0.5;
    r.sampling.max_tokens = 64;
    return r;
}

inline ProviderConfig config(const MockProviderServer& server, ProviderKind kind,
                             const QString& base)
{
    ProviderConfig c;
    c.name = QStringLiteral("mock");
    c.preset = QStringLiteral("custom");
    c.kind = kind;
    c.base_url = server.url(base);
    c.api_key = kKey;
    c.prices.insert(QStringLiteral("m"), ModelPrice{2.0, 8.0});
    c.timeouts = ProviderTimeouts{5000, 5000, 5000};
    c.retry = RetryPolicy{2, 20, 100, 5};
    return c;
}

// Runs one generation to its end; `during` is called once after the first text delta.
inline Run run(Backend& backend, const std::function<void(Generation*)>& during = {})
{
    Run out;
    std::unique_ptr<Generation> generation(backend.start(request()));
    bool called = false;
    QObject::connect(generation.get(), &Generation::textDelta, [&](const QString& text) {
        out.text += text;
        if (during && !called) {
            called = true;
            during(generation.get());
        }
    });
    QObject::connect(generation.get(), &Generation::finished, [&](const GenerationResult& result) {
        out.result = result;
        ++out.finished;
    });
    if (!QTest::qWaitFor([&] { return out.finished > 0; }, 30000))
        qWarning("the generation did not finish");
    QTest::qWait(30); // a second finished() would arrive now
    return out;
}

inline void checkNoKey(const Run& r)
{
    QVERIFY2(!r.result.error_message.contains(kKey), "the key leaked into an error message");
    QVERIFY(!QJsonDocument(r.result.details).toJson().contains(kKey.toUtf8()));
}

} // namespace kurabe::test
