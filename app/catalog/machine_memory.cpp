#include "catalog/machine_memory.h"

#include "vulkan/instance.h"

#include <QFile>

#include <unistd.h>

namespace kurabe::catalog {

MachineMemory parse_meminfo(const QByteArray& meminfo)
{
    MachineMemory memory;
    for (const QByteArray& line : meminfo.split('\n')) {
        // "MemTotal:       16318452 kB"
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() < 2)
            continue;
        bool ok = false;
        const qint64 kib = parts.at(1).toLongLong(&ok);
        if (!ok || kib < 0)
            continue;
        if (parts.at(0) == "MemTotal:")
            memory.ram_total_bytes = kib * 1024;
        else if (parts.at(0) == "MemAvailable:")
            memory.ram_available_bytes = kib * 1024;
    }
    return memory;
}

MachineMemory detect_machine_memory()
{
    MachineMemory memory;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly))
        memory = parse_meminfo(meminfo.readAll());
    if (memory.ram_total_bytes == 0) {
        // Other systems: physical pages times the page size.
        const long pages = sysconf(_SC_PHYS_PAGES);
        const long page_size = sysconf(_SC_PAGE_SIZE);
        if (pages > 0 && page_size > 0)
            memory.ram_total_bytes = static_cast<qint64>(pages) * page_size;
    }

    auto instance = gpu::Instance::create(gpu::InstanceOptions{});
    if (!instance)
        return memory; // no Vulkan: the CPU path only
    const std::vector<gpu::DeviceInfo>& devices = (*instance)->devices();
    std::string why;
    const std::optional<size_t> chosen = gpu::choose_device(devices, std::string(), &why);
    if (!chosen)
        return memory;
    const gpu::DeviceInfo& device = devices.at(*chosen);
    memory.gpu_name = QString::fromStdString(device.name);
    memory.gpu_memory_bytes = static_cast<qint64>(device.device_local_bytes());
    memory.gpu_discrete = device.type == gpu::DeviceType::Discrete;
    return memory;
}

} // namespace kurabe::catalog
