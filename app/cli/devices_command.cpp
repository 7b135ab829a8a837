#include "cli/devices_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "vulkan/device.h"
#include "vulkan/instance.h"
#include "vulkan/self_test.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("devices");
constexpr uint32_t k_self_test_elements = 1'000'003; // odd: the last workgroup is partial

QString bytes_text(uint64_t bytes)
{
    const double gib = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
    if (gib >= 1.0)
        return QStringLiteral("%1 GiB").arg(gib, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 0);
}

QString yes_no(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QJsonObject device_json(const gpu::DeviceInfo& d)
{
    QJsonArray heaps;
    for (const gpu::MemoryHeap& heap : d.heaps)
        heaps.append(QJsonObject{{"size", static_cast<qint64>(heap.size)},
                                 {"device_local", heap.device_local}});
    return QJsonObject{
        {"index", static_cast<int>(d.index)},
        {"name", QString::fromStdString(d.name)},
        {"type", QString::fromLatin1(gpu::device_type_name(d.type))},
        {"vendor_id", static_cast<int>(d.vendor_id)},
        {"device_id", static_cast<int>(d.device_id)},
        {"api_version", QString::fromStdString(d.api_version_string())},
        {"driver", QString::fromStdString(d.driver)},
        {"memory_heaps", heaps},
        {"unified_memory", d.unified_memory},
        {"subgroup_size", static_cast<int>(d.subgroup_size)},
        {"subgroup_arithmetic", d.subgroup_arithmetic},
        {"max_storage_buffer_range", static_cast<qint64>(d.max_storage_buffer_range)},
        {"max_memory_allocation_size", static_cast<qint64>(d.max_memory_allocation_size)},
        {"max_compute_shared_memory", static_cast<int>(d.max_compute_shared_memory)},
        {"fp16", d.fp16},
        {"int8", d.int8},
        {"storage_16bit", d.storage_16bit},
        {"storage_8bit", d.storage_8bit},
        {"cooperative_matrix", d.cooperative_matrix},
        {"compute_queue", d.compute_queue_family.has_value()},
    };
}

void print_device(QTextStream& s, const gpu::DeviceInfo& d, bool chosen)
{
    s << (chosen ? "* " : "  ") << d.index << "  " << QString::fromStdString(d.name) << "  ("
      << gpu::device_type_name(d.type) << ")\n";
    s << "     Vulkan " << QString::fromStdString(d.api_version_string());
    if (!d.driver.empty())
        s << ", driver " << QString::fromStdString(d.driver);
    s << '\n';
    s << "     memory heaps:";
    for (size_t i = 0; i < d.heaps.size(); ++i) {
        s << (i ? ", " : " ") << bytes_text(d.heaps[i].size)
          << (d.heaps[i].device_local ? " device-local" : " host");
    }
    s << (d.unified_memory ? " (unified memory)" : "") << '\n';
    s << "     subgroup size " << d.subgroup_size << " (arithmetic "
      << yes_no(d.subgroup_arithmetic) << "), maxStorageBufferRange " << d.max_storage_buffer_range
      << " bytes (" << bytes_text(d.max_storage_buffer_range) << "), maxMemoryAllocationSize "
      << bytes_text(d.max_memory_allocation_size) << '\n';
    s << "     fp16 " << yes_no(d.fp16) << ", int8 " << yes_no(d.int8) << ", 16-bit storage "
      << yes_no(d.storage_16bit) << ", 8-bit storage " << yes_no(d.storage_8bit)
      << ", cooperative matrix " << yes_no(d.cooperative_matrix) << ", compute queue "
      << yes_no(d.compute_queue_family.has_value()) << '\n';
}

} // namespace

int run_devices_command(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the Vulkan devices, what each offers and which one Kurabe uses."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption device(QStringLiteral("device"),
                                    QStringLiteral("Choose a device by index or name part."),
                                    QStringLiteral("NAME|INDEX"));
    const QCommandLineOption no_self_test(
        QStringLiteral("no-self-test"),
        QStringLiteral("Do not run the test dispatch on the chosen device."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOptions({json, device, no_self_test, help});
    if (!parser.parse(QStringList{QStringLiteral("kurabe devices")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << "Usage: kurabe devices [--json] [--device NAME|INDEX] [--no-self-test]\n"
              << parser.applicationDescription() << '\n';
        out().flush();
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(
            k_name,
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()),
            Usage);

    auto instance = gpu::Instance::create(gpu::instance_options_from_environment());
    if (!instance) {
        return fail(k_name, QStringLiteral("no Vulkan available: %1. Kurabe will run models on "
                                           "the CPU.")
                                .arg(QString::fromStdString(instance.message())));
    }
    const std::vector<gpu::DeviceInfo>& devices = (*instance)->devices();
    std::string why;
    const std::optional<size_t> chosen =
        gpu::choose_device(devices, parser.value(device).toStdString(), &why);

    // The self-test proves the device runs our shaders, not just that it enumerates.
    std::optional<gpu::SelfTestReport> report;
    QString self_test_error;
    if (chosen && !parser.isSet(no_self_test)) {
        auto logical = gpu::Device::create(**instance, devices[*chosen]);
        if (!logical) {
            self_test_error = QString::fromStdString(logical.message());
        } else {
            auto result = gpu::run_add_self_test(**logical, k_self_test_elements);
            if (result)
                report = *result;
            else
                self_test_error = QString::fromStdString(result.message());
        }
    }
    const bool self_test_ok = report && report->mismatches == 0;
    const bool self_test_ran = chosen && !parser.isSet(no_self_test);

    if (parser.isSet(json)) {
        QJsonArray list;
        for (const gpu::DeviceInfo& d : devices)
            list.append(device_json(d));
        QJsonObject root{{"devices", list}};
        root.insert(QStringLiteral("chosen"),
                    chosen ? QJsonValue(static_cast<int>(devices[*chosen].index)) : QJsonValue());
        if (!chosen)
            root.insert(QStringLiteral("error"), QString::fromStdString(why));
        if (self_test_ran) {
            QJsonObject test{{"shader", "add"},
                             {"elements", static_cast<int>(k_self_test_elements)},
                             {"ok", self_test_ok}};
            if (report)
                test.insert(QStringLiteral("mismatches"), static_cast<int>(report->mismatches));
            if (!self_test_error.isEmpty())
                test.insert(QStringLiteral("error"), self_test_error);
            root.insert(QStringLiteral("self_test"), test);
        }
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        out().flush();
    } else {
        out() << "Vulkan devices" << ((*instance)->validation_enabled() ? " (validation on)" : "")
              << ":\n";
        for (size_t i = 0; i < devices.size(); ++i)
            print_device(out(), devices[i], chosen && *chosen == i);
        if (chosen) {
            out() << "chosen: " << devices[*chosen].index << " "
                  << QString::fromStdString(devices[*chosen].name) << '\n';
        }
        if (self_test_ran) {
            out() << "self-test: add over " << k_self_test_elements << " elements: ";
            if (self_test_ok)
                out() << "ok\n";
            else if (report)
                out() << "FAILED (" << report->mismatches << " wrong results)\n";
            else
                out() << "FAILED (" << self_test_error << ")\n";
        }
        out().flush();
    }

    if (!chosen)
        return fail(k_name,
                    QString::fromStdString(why) + QStringLiteral(". Kurabe will run models on the "
                                                                 "CPU."));
    if (self_test_ran && !self_test_ok)
        return fail(k_name, QStringLiteral("the chosen device failed the self-test"));
    return Ok;
}

} // namespace kurabe::cli
