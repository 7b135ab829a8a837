#include "catalog/fit_estimate.h"

#include <QCoreApplication>

#include <algorithm>

namespace kurabe::catalog {

namespace {

constexpr qint64 k_kib = 1024;
constexpr qint64 k_mib = 1024 * 1024;

// Assumed bandwidths, 1e9 bytes/s: what such memory typically reaches in practice.
constexpr double k_discrete_gpu_gb_s = 250; // mid-range discrete GPU (GDDR6, 128-256 bit)
constexpr double k_system_memory_gb_s = 40; // dual-channel DDR4/DDR5 system memory

} // namespace

QString fit_verdict_text(FitVerdict verdict)
{
    switch (verdict) {
    case FitVerdict::Fits:
        return QCoreApplication::translate("FitEstimate", "fits");
    case FitVerdict::Tight:
        return QCoreApplication::translate("FitEstimate", "tight");
    case FitVerdict::DoesNotFit:
        return QCoreApplication::translate("FitEstimate", "does not fit");
    case FitVerdict::Unknown:
        break;
    }
    return QCoreApplication::translate("FitEstimate", "unknown size");
}

qint64 estimate_kv_bytes(const CatalogEntry& entry, qint64 file_bytes, int context_tokens)
{
    // ~4.5 bits per weight is what the common 4-bit K-quants average.
    const double parameters = entry.parameters_total ? static_cast<double>(*entry.parameters_total)
                                                     : static_cast<double>(file_bytes) * 8 / 4.5;
    const qint64 per_token =
        std::max<qint64>(32 * k_kib, static_cast<qint64>(parameters / 1e9 * 16 * k_kib));
    return per_token * context_tokens;
}

FitEstimate estimate_fit(const CatalogEntry& entry, const LocalVariant& variant,
                         const MachineMemory& machine, int context_tokens)
{
    FitEstimate fit;
    fit.usable_bytes = machine.usable_bytes();
    if (!variant.size_bytes)
        return fit;
    fit.weights_bytes = *variant.size_bytes;
    fit.kv_bytes = estimate_kv_bytes(entry, fit.weights_bytes, context_tokens);
    // Activations and scratch: a fixed part plus a little per weight byte (llama.cpp's compute
    // buffers for 1-8B models are a few hundred MiB).
    fit.work_bytes = 256 * k_mib + fit.weights_bytes / 50;
    const qint64 total = fit.total_bytes();
    fit.on_gpu = machine.usable_gpu_bytes() >= total;
    if (fit.usable_bytes <= 0)
        fit.verdict = FitVerdict::Unknown;
    else if (total <= fit.usable_bytes / 100 * 85)
        fit.verdict = FitVerdict::Fits;
    else if (total <= fit.usable_bytes)
        fit.verdict = FitVerdict::Tight;
    else
        fit.verdict = FitVerdict::DoesNotFit;
    return fit;
}

SpeedEstimate assumed_memory_bandwidth(const MachineMemory& machine, bool on_gpu)
{
    SpeedEstimate speed;
    if (on_gpu) {
        speed.bandwidth_gb_per_s = k_discrete_gpu_gb_s;
        speed.bandwidth_basis =
            QCoreApplication::translate("FitEstimate", "a typical mid-range discrete GPU (%1)")
                .arg(machine.gpu_name);
    } else {
        speed.bandwidth_gb_per_s = k_system_memory_gb_s;
        speed.bandwidth_basis =
            QCoreApplication::translate("FitEstimate", "typical dual-channel system memory");
    }
    return speed;
}

std::optional<SpeedEstimate>
estimate_generation_speed(const CatalogEntry& entry, const LocalVariant& variant,
                          const MachineMemory& machine,
                          const std::optional<MeasuredBandwidth>& measured)
{
    if (!variant.size_bytes || *variant.size_bytes <= 0)
        return std::nullopt;
    double bytes_per_token = static_cast<double>(*variant.size_bytes);
    // A mixture-of-experts model reads only its active experts for each token.
    if (entry.parameters_total && entry.parameters_active && *entry.parameters_total > 0)
        bytes_per_token *= static_cast<double>(*entry.parameters_active) /
                           static_cast<double>(*entry.parameters_total);
    SpeedEstimate speed;
    if (measured && measured->gb_per_s > 0) {
        speed.bandwidth_gb_per_s = measured->gb_per_s;
        speed.bandwidth_basis = measured->basis;
        speed.measured = true;
    } else {
        speed = assumed_memory_bandwidth(machine, estimate_fit(entry, variant, machine).on_gpu);
    }
    speed.tokens_per_second = speed.bandwidth_gb_per_s * 1e9 / bytes_per_token;
    return speed;
}

} // namespace kurabe::catalog
