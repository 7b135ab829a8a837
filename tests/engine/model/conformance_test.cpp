// The CPU forward pass against the reference outputs in ../shared/reference/oracle: for every
// model there, the logits at every prompt position and the greedy continuation must match
// within the f32 CPU tolerances of ../shared/reference/README.md.
#include "common/test_data.h"
#include "cpu/cpu_session.h"
#include "engine/model/oracle_check.h"

#include <QTest>

using namespace kurabe;

namespace {

// max |Δlogit| over the reference's top-20 ids; a different top-1 only below twice that margin.
constexpr test::OracleTolerance k_cpu_tolerance{0.25, 0.5};

} // namespace

class ConformanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cpu_matches_reference_data() { test::add_oracle_rows(test::reference_dir()); }

    void cpu_matches_reference()
    {
        QFETCH(QString, oracle);
        KURABE_REQUIRE_DATA(models);
        SessionOptions options;
        options.n_ctx = 256;
        options.n_threads = 2;
        const test::SessionFactory make =
            [&](const Model& model) -> Result<std::unique_ptr<Session>> {
            auto session = CpuSession::create(model, options);
            if (!session)
                return session.error();
            return std::unique_ptr<Session>(std::move(*session));
        };
        const test::OracleReport report = test::check_oracle(models, oracle, make, k_cpu_tolerance);
        QVERIFY2(report.failure.isEmpty(), qPrintable(report.failure));
        qInfo("%s: %d positions, worst max |Δlogit| %.4f", qPrintable(QFileInfo(oracle).fileName()),
              report.positions, report.worst);
    }
};

QTEST_GUILESS_MAIN(ConformanceTest)
#include "conformance_test.moc"
