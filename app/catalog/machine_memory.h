// How much memory this machine has for a model: system RAM (from /proc/meminfo, or Qt's
// fallback where that file does not exist) and the chosen Vulkan device's own memory.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace kurabe::catalog {

struct MachineMemory
{
    qint64 ram_total_bytes = 0;     // 0: unknown
    qint64 ram_available_bytes = 0; // free for new programs now (MemAvailable); 0: unknown
    QString gpu_name;               // the device Kurabe would use; empty: none
    qint64 gpu_memory_bytes = 0;    // its largest device-local heap
    bool gpu_discrete = false;      // a discrete GPU with its own memory (not shared with RAM)

    // What a model may take on the CPU path: 3/4 of RAM, leaving the rest to the system and
    // the other programs that are open.
    qint64 usable_ram_bytes() const { return ram_total_bytes / 4 * 3; }
    // What a model may take on a discrete GPU: 9/10 of its memory (the driver and the display
    // keep some). 0 without a discrete GPU: an integrated one shares RAM, counted above.
    qint64 usable_gpu_bytes() const { return gpu_discrete ? gpu_memory_bytes / 10 * 9 : 0; }
    // The most a model may take anywhere on this machine.
    qint64 usable_bytes() const { return std::max(usable_ram_bytes(), usable_gpu_bytes()); }
};

// Reads MemTotal and MemAvailable (kB) from the text of /proc/meminfo.
MachineMemory parse_meminfo(const QByteArray& meminfo);

// Detects RAM and the Vulkan device (the one the engine picks). Enumerating Vulkan devices
// takes a moment, so callers detect once and keep the result.
MachineMemory detect_machine_memory();

} // namespace kurabe::catalog
