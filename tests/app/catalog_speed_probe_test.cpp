// "How fast here", measured: quantization names map to the engine's tensor types, a real decode
// of a synthetic model is timed on the CPU, measurements are kept per device and tensor type in
// the profile's settings (newest first, one per device and type), and the catalog's speed
// estimate uses a measured bandwidth where there is one.
#include "catalog/fit_estimate.h"
#include "catalog/speed_probe.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "model/synthetic_model.h"
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace kurabe;
using catalog::SpeedMeasurement;

namespace {

SpeedMeasurement measurement(const QString& device, const QString& type, double tokens_per_second,
                             const QString& when)
{
    SpeedMeasurement m;
    m.device = device;
    m.backend = device == QLatin1String("CPU") ? QStringLiteral("cpu") : QStringLiteral("vulkan");
    m.tensor_type = type;
    m.shape = QStringLiteral("llama-1b");
    m.tokens_per_second = tokens_per_second;
    m.bytes_per_token = 500e6;
    m.measured_at = QDateTime::fromString(when, Qt::ISODate);
    return m;
}

} // namespace

class SpeedProbeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantization_names_map_to_tensor_types_data()
    {
        QTest::addColumn<QString>("quantization");
        QTest::addColumn<QString>("type");
        QTest::addRow("Q4_K_M") << "Q4_K_M"
                                << "Q4_K";
        QTest::addRow("Q3_K_L") << "Q3_K_L"
                                << "Q3_K";
        QTest::addRow("Q5_K_S") << "Q5_K_S"
                                << "Q5_K";
        QTest::addRow("Q6_K") << "Q6_K"
                              << "Q6_K";
        QTest::addRow("lower case q8_0") << "q8_0"
                                         << "Q8_0";
        QTest::addRow("IQ4_XS") << "IQ4_XS"
                                << "IQ4_XS";
        QTest::addRow("f16") << "f16"
                             << "F16";
        QTest::addRow("BF16") << "BF16"
                              << "BF16";
        QTest::addRow("IQ2_XXS: not an engine type") << "IQ2_XXS"
                                                     << "";
        QTest::addRow("nonsense") << "Q4_K_M_X"
                                  << "";
        QTest::addRow("empty") << ""
                               << "";
    }
    void quantization_names_map_to_tensor_types()
    {
        QFETCH(QString, quantization);
        QFETCH(QString, type);
        QCOMPARE(catalog::main_tensor_type(quantization), type);
    }

    void a_real_decode_is_timed_on_the_cpu()
    {
        catalog::SpeedProbeOptions options;
        options.shape = "qwen2.5-0.5b"; // the smallest shape: quick to build
        options.tokens = 2;
        options.backend = "cpu";
        options.n_threads = 1;
        const auto measured = catalog::measure_decode_speed(QStringLiteral("Q8_0"), options);
        QVERIFY2(measured.ok(), measured.ok() ? "" : measured.message().c_str());
        QCOMPARE(measured->device, QStringLiteral("CPU"));
        QCOMPARE(measured->backend, QStringLiteral("cpu"));
        QCOMPARE(measured->tensor_type, QStringLiteral("Q8_0"));
        QCOMPARE(measured->shape, QStringLiteral("qwen2.5-0.5b"));
        QVERIFY(std::isfinite(measured->tokens_per_second) && measured->tokens_per_second > 0);
        // The bytes a token reads are the model's own count.
        const auto model = build_synthetic_model("qwen2.5-0.5b", "Q8_0");
        QVERIFY(model.ok());
        QCOMPARE(measured->bytes_per_token, static_cast<double>((*model)->bytes_per_token()));
        QVERIFY(measured->measured_at.isValid());
        QVERIFY(qAbs(measured->measured_at.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    }

    void rows_of_partial_blocks_take_the_fallback_type()
    {
        // Qwen2.5-0.5B rows are 896 wide: not whole 256-value K-quant blocks.
        const auto model = build_synthetic_model("qwen2.5-0.5b", "Q4_K");
        QVERIFY2(model.ok(), model.ok() ? "" : model.message().c_str());
        const GgufTensor* q = (*model)->file().find_tensor("blk.0.attn_q.weight");
        const GgufTensor* down = (*model)->file().find_tensor("blk.0.ffn_down.weight");
        QVERIFY(q && down);
        QCOMPARE(q->type, TensorType::Q5_0);    // 896 values a row
        QCOMPARE(down->type, TensorType::Q4_K); // 4864 = 19 * 256
    }

    void bad_requests_are_errors()
    {
        catalog::SpeedProbeOptions options;
        options.backend = "cpu";
        options.shape = "no-such-shape";
        auto measured = catalog::measure_decode_speed(QStringLiteral("Q8_0"), options);
        QVERIFY(!measured.ok());
        QVERIFY(QString::fromStdString(measured.message()).contains(QLatin1String("shape")));

        options.shape = "qwen2.5-0.5b";
        options.tokens = 0;
        QVERIFY(!catalog::measure_decode_speed(QStringLiteral("Q8_0"), options).ok());

        options.tokens = 4;
        const std::atomic<bool> cancelled{true};
        options.cancel = &cancelled;
        measured = catalog::measure_decode_speed(QStringLiteral("Q8_0"), options);
        QVERIFY(!measured.ok());
        QVERIFY(QString::fromStdString(measured.message()).contains(QLatin1String("cancelled")));
    }

    void measurements_are_kept_per_device_and_type()
    {
        QTemporaryDir dir;
        auto database = storage::open_kurabe_database(dir.filePath(QStringLiteral("k.sqlite")),
                                                      storage::OpenMode::ReadWrite);
        QVERIFY(database.ok());
        storage::SettingsStore settings(**database);
        QVERIFY(catalog::load_speed_measurements(settings).empty());

        const SpeedMeasurement cpu_q4k = measurement("CPU", "Q4_K", 10, "2026-11-20T10:00:00Z");
        const SpeedMeasurement gpu_q4k =
            measurement("NVIDIA H100", "Q4_K", 400, "2026-11-21T10:00:00Z");
        const SpeedMeasurement cpu_q8 = measurement("CPU", "Q8_0", 9, "2026-11-19T10:00:00Z");
        for (const SpeedMeasurement& m : {cpu_q4k, gpu_q4k, cpu_q8})
            QVERIFY(catalog::record_speed_measurement(settings, m).ok());
        std::vector<SpeedMeasurement> kept = catalog::load_speed_measurements(settings);
        QCOMPARE(kept.size(), size_t{3});
        QCOMPARE(kept[0].device, QStringLiteral("NVIDIA H100")); // newest first
        QCOMPARE(kept[2].tensor_type, QStringLiteral("Q8_0"));

        // Measuring again on the same device and type replaces the earlier figure.
        const SpeedMeasurement again = measurement("CPU", "Q4_K", 12, "2026-11-22T10:00:00Z");
        QVERIFY(catalog::record_speed_measurement(settings, again).ok());
        kept = catalog::load_speed_measurements(settings);
        QCOMPARE(kept.size(), size_t{3});
        QCOMPARE(kept[0].tokens_per_second, 12.0);
        QCOMPARE(kept[0].gb_per_s(), 12 * 500e6 / 1e9);

        const auto q4k = catalog::find_measurement(kept, QStringLiteral("Q4_K"));
        QVERIFY(q4k);
        QCOMPARE(q4k->device, QStringLiteral("CPU")); // the newest Q4_K measurement
        QCOMPARE(catalog::find_measurement(kept, QStringLiteral("Q8_0"))->tokens_per_second, 9.0);
        QVERIFY(!catalog::find_measurement(kept, QStringLiteral("Q6_K")));

        // A damaged setting reads as no measurements, and recording starts it afresh.
        QVERIFY(
            settings.set_text(catalog::kSpeedMeasurementsSetting, QStringLiteral("[{\"x\"")).ok());
        QVERIFY(catalog::load_speed_measurements(settings).empty());
        QVERIFY(catalog::record_speed_measurement(settings, cpu_q8).ok());
        QCOMPARE(catalog::load_speed_measurements(settings).size(), size_t{1});
    }

    void the_speed_estimate_uses_a_measured_bandwidth()
    {
        catalog::CatalogEntry entry;
        entry.parameters_total = 8'000'000'000;
        catalog::LocalVariant variant;
        variant.quantization = QStringLiteral("Q4_K_M");
        variant.size_bytes = 4'000'000'000;
        catalog::MachineMemory machine;
        machine.ram_total_bytes = 32LL << 30;

        const auto assumed = catalog::estimate_generation_speed(entry, variant, machine);
        QVERIFY(assumed && !assumed->measured);
        const auto measured = catalog::estimate_generation_speed(
            entry, variant, machine, catalog::MeasuredBandwidth{6.0, QStringLiteral("here")});
        QVERIFY(measured && measured->measured);
        QCOMPARE(measured->bandwidth_gb_per_s, 6.0);
        QCOMPARE(measured->tokens_per_second, 6.0e9 / 4e9);
        QCOMPARE(measured->bandwidth_basis, QStringLiteral("here"));

        // A mixture of experts reads only its active share per token.
        entry.parameters_active = 2'000'000'000;
        const auto moe = catalog::estimate_generation_speed(
            entry, variant, machine, catalog::MeasuredBandwidth{6.0, QStringLiteral("here")});
        QCOMPARE(moe->tokens_per_second, 6.0e9 / 1e9);
    }
};

QTEST_GUILESS_MAIN(SpeedProbeTest)
#include "catalog_speed_probe_test.moc"
