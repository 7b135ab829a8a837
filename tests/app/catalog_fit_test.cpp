// "Will it fit, how fast here": /proc/meminfo parsing and the memory and speed estimates on
// known sizes (Llama 3.2 1B Q4_K_M is 807,694,464 bytes), including mixture-of-experts models,
// which read only their active parameters per token.
#include "catalog/catalog_filter.h"
#include "catalog/fit_estimate.h"
#include "catalog/machine_memory.h"

#include <QTest>

using namespace kurabe::catalog;

namespace {

constexpr qint64 k_gib = 1024LL * 1024 * 1024;

CatalogEntry model(qint64 parameters, std::optional<qint64> size_bytes,
                   std::optional<qint64> active = std::nullopt)
{
    CatalogEntry entry;
    entry.key = QStringLiteral("m");
    entry.parameters_total = parameters;
    entry.parameters_active = active;
    entry.open_weights = true;
    LocalDownloads local;
    local.variants.push_back({QStringLiteral("Q4_K_M"),
                              QStringLiteral("m.gguf"),
                              QStringLiteral("https://example.com/m.gguf"),
                              size_bytes,
                              {}});
    entry.local = local;
    return entry;
}

MachineMemory ram_of(qint64 bytes)
{
    MachineMemory machine;
    machine.ram_total_bytes = bytes;
    return machine;
}

} // namespace

class CatalogFitTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meminfo_is_parsed()
    {
        const MachineMemory memory = parse_meminfo("MemTotal:       16318452 kB\n"
                                                   "MemFree:         1234567 kB\n"
                                                   "MemAvailable:    8000000 kB\n"
                                                   "garbage line\n");
        QCOMPARE(memory.ram_total_bytes, 16318452LL * 1024);
        QCOMPARE(memory.ram_available_bytes, 8000000LL * 1024);
        QCOMPARE(parse_meminfo("nonsense").ram_total_bytes, 0);
    }

    void this_machine_has_memory() { QVERIFY(detect_machine_memory().ram_total_bytes > 0); }

    void verdicts_data()
    {
        QTest::addColumn<qint64>("ram");
        QTest::addColumn<qint64>("gpu");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<bool>("on_gpu");
        // Llama 3.2 1B Q4_K_M: 807.7 MB file + 4096 x 32 KiB KV (128 MiB) + ~272 MiB work
        // = about 1.2 GB.
        QTest::addRow("8 GiB RAM") << 8 * k_gib << qint64(0) << int(FitVerdict::Fits) << false;
        QTest::addRow("1.7 GiB RAM: tight")
            << k_gib * 17 / 10 << qint64(0) << int(FitVerdict::Tight) << false;
        QTest::addRow("1 GiB RAM") << k_gib << qint64(0) << int(FitVerdict::DoesNotFit) << false;
        QTest::addRow("unknown memory")
            << qint64(0) << qint64(0) << int(FitVerdict::Unknown) << false;
        QTest::addRow("small RAM, big GPU") << k_gib << 8 * k_gib << int(FitVerdict::Fits) << true;
    }

    void verdicts()
    {
        QFETCH(qint64, ram);
        QFETCH(qint64, gpu);
        QFETCH(int, verdict);
        QFETCH(bool, on_gpu);
        MachineMemory machine = ram_of(ram);
        machine.gpu_memory_bytes = gpu;
        machine.gpu_discrete = gpu > 0;
        machine.gpu_name = QStringLiteral("Test GPU");
        const CatalogEntry llama = model(1'230'000'000, 807'694'464);
        const FitEstimate fit = estimate_fit(llama, llama.local->variants.front(), machine);
        QCOMPARE(fit.weights_bytes, 807'694'464);
        QCOMPARE(fit.kv_bytes, 4096LL * 32 * 1024); // the 32 KiB per token floor
        QVERIFY(fit.total_bytes() > 1'200'000'000 && fit.total_bytes() < 1'250'000'000);
        QCOMPARE(static_cast<int>(fit.verdict), verdict);
        QCOMPARE(fit.on_gpu, on_gpu);
        QCOMPARE(catalog_entry_fits(llama, machine),
                 verdict == int(FitVerdict::Fits) || verdict == int(FitVerdict::Tight));
    }

    void kv_cache_grows_with_parameters_and_context()
    {
        const CatalogEntry big = model(8'000'000'000, 4'920'000'000);
        QCOMPARE(estimate_kv_bytes(big, 0, 4096), 4096LL * 128 * 1024); // 16 KiB x 8
        QCOMPARE(estimate_kv_bytes(big, 0, 8192), 2 * estimate_kv_bytes(big, 0, 4096));
        CatalogEntry unknown = big;
        unknown.parameters_total.reset(); // 4.5 GB at 4.5 bits per weight: 8 billion weights
        QCOMPARE(estimate_kv_bytes(unknown, 4'500'000'000, 4096), 4096LL * 128 * 1024);
    }

    void speed_is_bandwidth_over_bytes_read()
    {
        const CatalogEntry dense = model(1'230'000'000, 800'000'000);
        const auto cpu =
            estimate_generation_speed(dense, dense.local->variants.front(), ram_of(16 * k_gib));
        QVERIFY(cpu);
        QCOMPARE(cpu->bandwidth_gb_per_s, 40.0);
        QCOMPARE(cpu->tokens_per_second, 50.0); // 40e9 / 0.8e9
        QVERIFY(!cpu->bandwidth_basis.isEmpty());

        MachineMemory gpu = ram_of(16 * k_gib);
        gpu.gpu_memory_bytes = 8 * k_gib;
        gpu.gpu_discrete = true;
        QCOMPARE(estimate_generation_speed(dense, dense.local->variants.front(), gpu)
                     ->bandwidth_gb_per_s,
                 250.0);

        // A mixture of experts with a quarter of its parameters active reads a quarter per token.
        const CatalogEntry moe = model(40'000'000'000, 800'000'000, 10'000'000'000);
        QCOMPARE(estimate_generation_speed(moe, moe.local->variants.front(), ram_of(16 * k_gib))
                     ->tokens_per_second,
                 200.0);

        const CatalogEntry unsized = model(1'000'000'000, std::nullopt);
        QVERIFY(!estimate_generation_speed(unsized, unsized.local->variants.front(),
                                           ram_of(16 * k_gib)));
        QCOMPARE(estimate_fit(unsized, unsized.local->variants.front(), ram_of(16 * k_gib)).verdict,
                 FitVerdict::Unknown);
    }
};

QTEST_GUILESS_MAIN(CatalogFitTest)
#include "catalog_fit_test.moc"
