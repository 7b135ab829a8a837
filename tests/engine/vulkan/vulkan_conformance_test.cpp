// The Vulkan backend against the reference outputs in ../shared/reference/oracle (lavapipe in
// CI): for every model there, the logits at every prompt position (whole prompt and one token
// at a time) and the greedy continuation within the GPU tolerances of
// ../shared/reference/README.md, with the validation layer on when KURABE_VK_VALIDATION=1.
#include "common/test_data.h"
#include "engine/model/oracle_check.h"
#include "vulkan/vulkan_session.h"

#include <QTest>

using namespace kurabe;

namespace {

// f16 KV cache and a different summation order than the reference: max |Δlogit| 1.0, and a
// different top-1 only where the reference margin is below 2.0; Gemma 2's 26 soft-capped
// layers amplify rounding (README: 3.0 and 6.0).
constexpr test::OracleTolerance k_gpu_tolerance{1.0, 2.0};
constexpr test::OracleTolerance k_gemma2_tolerance{3.0, 6.0};

} // namespace

class VulkanConformanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vulkan_matches_reference_data() { test::add_oracle_rows(test::reference_dir()); }

    void vulkan_matches_reference()
    {
        QFETCH(QString, oracle);
        KURABE_REQUIRE_DATA(models);
        SessionOptions options;
        options.n_ctx = 256;
        options.n_batch = 64; // several batches for the longer prompts
        VulkanOptions vulkan;
        vulkan.device = qEnvironmentVariable("KURABE_VK_DEVICE").toStdString();
        const test::SessionFactory make =
            [&](const Model& model) -> Result<std::unique_ptr<Session>> {
            auto session = VulkanSession::create(model, options, vulkan);
            if (!session)
                return session.error();
            return std::unique_ptr<Session>(std::move(*session));
        };
        const bool gemma2 = QFileInfo(oracle).fileName().startsWith(QLatin1String("ref-gemma2"));
        const test::OracleReport report =
            test::check_oracle(models, oracle, make, gemma2 ? k_gemma2_tolerance : k_gpu_tolerance);
        QVERIFY2(report.failure.isEmpty(), qPrintable(report.failure));
        qInfo("%s: %d positions, worst max |Δlogit| %.4f", qPrintable(QFileInfo(oracle).fileName()),
              report.positions, report.worst);
    }
};

QTEST_GUILESS_MAIN(VulkanConformanceTest)
#include "vulkan_conformance_test.moc"
