// The Vulkan plumbing end to end: instance, device choice, and the `add` shader dispatched on
// real buffers (lavapipe in CI), with the validation layer on and silent.
#include "vulkan/device.h"
#include "vulkan/instance.h"
#include "vulkan/self_test.h"

#include <QTest>

using namespace kurabe::gpu;

class VulkanTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Instance> instance_;

    static DeviceInfo fake(uint32_t index, DeviceType type, uint64_t local_bytes, const char* name,
                           bool compute = true)
    {
        DeviceInfo d;
        d.index = index;
        d.type = type;
        d.name = name;
        d.heaps = {{local_bytes, true}};
        if (compute)
            d.compute_queue_family = 0;
        return d;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto instance = Instance::create(instance_options_from_environment());
        QVERIFY2(instance.ok(), instance.ok() ? "" : instance.message().c_str());
        instance_ = std::move(*instance);
        if (qEnvironmentVariable("KURABE_VK_VALIDATION") == QLatin1String("1"))
            QVERIFY(instance_->validation_enabled());
        QVERIFY2(!instance_->devices().empty(),
                 "no Vulkan device: install mesa-vulkan-drivers (lavapipe); ./dev does this");
    }

    void devices_are_described()
    {
        for (const DeviceInfo& d : instance_->devices()) {
            QVERIFY(!d.name.empty());
            QVERIFY(!d.heaps.empty());
            QVERIFY(d.max_storage_buffer_range > 0);
            QVERIFY(d.api_version >= VK_API_VERSION_1_1);
            QVERIFY(d.subgroup_size > 0);
        }
    }

    void add_shader_runs_data()
    {
        QTest::addColumn<uint32_t>("elements");
        QTest::addRow("one") << 1u;
        QTest::addRow("one workgroup minus one") << 255u;
        QTest::addRow("one workgroup plus one") << 257u;
        QTest::addRow("a million and three") << 1'000'003u;
        // More than 65535 workgroups of 256: the grid-stride loop must cover the rest.
        QTest::addRow("beyond the workgroup limit") << 65535u * 256u + 77u;
    }

    void add_shader_runs()
    {
        QFETCH(uint32_t, elements);
        std::string why;
        const auto chosen = choose_device(instance_->devices(), "", &why);
        QVERIFY2(chosen.has_value(), why.c_str());
        auto device = Device::create(*instance_, instance_->devices()[*chosen]);
        QVERIFY2(device.ok(), device.ok() ? "" : device.message().c_str());
        auto report = run_add_self_test(**device, elements);
        QVERIFY2(report.ok(), report.ok() ? "" : report.message().c_str());
        QCOMPARE(report->elements, elements);
        QCOMPARE(report->mismatches, 0u);
    }

    void unknown_shader_is_an_error()
    {
        auto device = Device::create(*instance_, instance_->devices().front());
        QVERIFY(device.ok());
        auto pipeline = (*device)->create_pipeline("no_such_shader", 1, 0);
        QVERIFY(!pipeline.ok());
        QVERIFY(pipeline.message().find("no_such_shader") != std::string::npos);
    }

    void oversized_buffer_is_an_error()
    {
        auto device = Device::create(*instance_, instance_->devices().front());
        QVERIFY(device.ok());
        const uint64_t too_big = (*device)->info().max_storage_buffer_range + 1;
        auto buffer = (*device)->create_host_buffer(too_big);
        QVERIFY(!buffer.ok());
        QVERIFY(buffer.message().find("maxStorageBufferRange") != std::string::npos);
    }

    void choice_prefers_discrete_then_integrated_then_virtual_then_cpu()
    {
        const std::vector<DeviceInfo> devices = {
            fake(0, DeviceType::Cpu, 64ull << 30, "llvmpipe"),
            fake(1, DeviceType::Virtual, 4ull << 30, "virtio"),
            fake(2, DeviceType::Integrated, 2ull << 30, "Intel Iris"),
            fake(3, DeviceType::Discrete, 8ull << 30, "NVIDIA GeForce RTX 4070"),
        };
        QCOMPARE(choose_device(devices, "", nullptr), std::optional<size_t>(3));
        const std::vector<DeviceInfo> no_discrete(devices.begin(), devices.begin() + 3);
        QCOMPARE(choose_device(no_discrete, "", nullptr), std::optional<size_t>(2));
        const std::vector<DeviceInfo> cpu_and_virtual(devices.begin(), devices.begin() + 2);
        QCOMPARE(choose_device(cpu_and_virtual, "", nullptr), std::optional<size_t>(1));
    }

    void choice_breaks_ties_by_memory_and_skips_devices_without_compute()
    {
        const std::vector<DeviceInfo> devices = {
            fake(0, DeviceType::Discrete, 24ull << 30, "big but no compute", false),
            fake(1, DeviceType::Discrete, 8ull << 30, "small"),
            fake(2, DeviceType::Discrete, 16ull << 30, "larger"),
        };
        QCOMPARE(choose_device(devices, "", nullptr), std::optional<size_t>(2));
    }

    void choice_honours_a_request()
    {
        const std::vector<DeviceInfo> devices = {
            fake(0, DeviceType::Cpu, 64ull << 30, "llvmpipe (LLVM 15)"),
            fake(1, DeviceType::Discrete, 8ull << 30, "NVIDIA GeForce RTX 4070"),
        };
        QCOMPARE(choose_device(devices, "0", nullptr), std::optional<size_t>(0));
        QCOMPARE(choose_device(devices, "LLVMPIPE", nullptr), std::optional<size_t>(0));
        QCOMPARE(choose_device(devices, "rtx", nullptr), std::optional<size_t>(1));
        std::string why;
        QCOMPARE(choose_device(devices, "radeon", &why), std::nullopt);
        QVERIFY(why.find("radeon") != std::string::npos);
        QCOMPARE(choose_device({}, "", &why), std::nullopt);
        QCOMPARE(why, std::string("no Vulkan device found"));
    }

    void cleanupTestCase()
    {
        // Any validation message at all fails the suite: the plumbing must be spotless.
        if (instance_) {
            const auto messages = instance_->validation_messages();
            for (const std::string& m : messages)
                qWarning("%s", m.c_str());
            QVERIFY2(messages.empty(), "the Vulkan validation layer reported problems");
        }
    }
};

QTEST_GUILESS_MAIN(VulkanTest)
#include "vulkan_test.moc"
