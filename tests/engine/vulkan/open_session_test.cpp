// Backend choice (session/open_session.h) and the Vulkan session's own checks, on a real model:
// cpu / vulkan / auto, device requests, the memory budget check, rewinding, and a Vulkan
// session that agrees with the CPU one token after token.
#include "common/test_data.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "session/open_session.h"
#include "vulkan/gpu_weights.h"
#include "vulkan/instance.h"
#include "vulkan/vulkan_session.h"

#include <QTest>

#include <cmath>

using namespace kurabe;

class OpenSessionTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Model> model_;

    static bool have_vulkan_device()
    {
        auto instance = gpu::Instance::create(gpu::instance_options_from_environment());
        return instance.ok() && !(*instance)->devices().empty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        auto model = Model::load((models + QStringLiteral("/real/stories260K.gguf")).toStdString());
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
        model_ = std::move(*model);
        if (!have_vulkan_device())
            QSKIP("SKIPPED: no Vulkan device; install mesa-vulkan-drivers for lavapipe");
    }

    void backends_open_by_name()
    {
        SessionOptions options;
        options.n_ctx = 64;
        auto cpu = open_session(*model_, options, "cpu", "");
        QVERIFY2(cpu.ok(), cpu.ok() ? "" : cpu.message().c_str());
        QCOMPARE((*cpu)->backend_name(), std::string("cpu"));
        auto vulkan = open_session(*model_, options, "vulkan", "");
        QVERIFY2(vulkan.ok(), vulkan.ok() ? "" : vulkan.message().c_str());
        QCOMPARE((*vulkan)->backend_name(), std::string("vulkan"));
        QVERIFY(!(*vulkan)->device_name().empty());
        QCOMPARE((*vulkan)->n_ctx(), 64);
    }

    void auto_uses_a_gpu_or_says_why_not()
    {
        OpenSessionOptions how;
        how.backend = "auto";
        auto opened = open_session(*model_, SessionOptions{}, how);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.message().c_str());
        if (opened->session->backend_name() == "cpu")
            QVERIFY(!opened->fallback_reason.empty()); // lavapipe alone is not a GPU
        else
            QVERIFY(opened->fallback_reason.empty());
    }

    void bad_requests_are_errors()
    {
        auto unknown = open_session(*model_, SessionOptions{}, "metal", "");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.message().find("metal") != std::string::npos);
        auto no_device = open_session(*model_, SessionOptions{}, "vulkan", "no-such-device-xyz");
        QVERIFY(!no_device.ok());
        QVERIFY(no_device.message().find("no-such-device-xyz") != std::string::npos);
    }

    void a_model_that_does_not_fit_says_so_with_numbers()
    {
        auto instance = gpu::Instance::create(gpu::instance_options_from_environment());
        QVERIFY(instance.ok());
        auto device = gpu::Device::create(**instance, (*instance)->devices().front());
        QVERIFY(device.ok());
        // An exabyte of KV cache fits no device.
        auto weights = gpu::GpuWeights::upload(**device, *model_, uint64_t{1} << 60);
        QVERIFY(!weights.ok());
        QVERIFY2(weights.message().find("does not fit") != std::string::npos,
                 weights.message().c_str());
        QVERIFY(weights.message().find("MiB") != std::string::npos);
    }

    // Token by token, with a rewind in the middle: the Vulkan logits follow the CPU's.
    void vulkan_follows_cpu_through_a_rewind()
    {
        SessionOptions options;
        options.n_ctx = 96;
        options.n_batch = 16;
        auto cpu = open_session(*model_, options, "cpu", "");
        auto vulkan = open_session(*model_, options, "vulkan", "");
        QVERIFY(cpu.ok() && vulkan.ok());
        std::vector<int32_t> prompt;
        for (int i = 0; i < 40; ++i)
            prompt.push_back(1 + (i * 37) % 500);
        for (Session* s : {cpu->get(), vulkan->get()}) {
            QVERIFY(s->eval(prompt, false).ok());
            s->truncate(25);
            QCOMPARE(s->n_past(), 25);
            const int32_t more[] = {7, 99, 300};
            QVERIFY(s->eval(more, true).ok());
            QCOMPARE(s->logits_rows(), int64_t{3});
        }
        for (int64_t row = 0; row < 3; ++row) {
            const auto a = (*cpu)->logits(row);
            const auto b = (*vulkan)->logits(row);
            float worst = 0;
            for (size_t i = 0; i < a.size(); ++i)
                worst = std::max(worst, std::abs(a[i] - b[i]));
            QVERIFY2(worst < 0.05f, qPrintable(QString::number(worst)));
            QCOMPARE(argmax(a), argmax(b));
        }
        const int32_t past_end[] = {1};
        (*vulkan)->truncate(96);
        QCOMPARE((*vulkan)->n_past(), 28);
        const int32_t bad[] = {1'000'000};
        QVERIFY(!(*vulkan)->eval(bad, false).ok());
        QVERIFY((*vulkan)->eval(past_end, false).ok());
        const auto* session = dynamic_cast<const VulkanSession*>(vulkan->get());
        QVERIFY(session);
        QVERIFY(session->last_dispatches() > 0);
        const std::vector<std::string> messages = session->validation_messages();
        QVERIFY2(messages.empty(), messages.empty() ? "" : messages.front().c_str());
    }
};

QTEST_GUILESS_MAIN(OpenSessionTest)
#include "open_session_test.moc"
