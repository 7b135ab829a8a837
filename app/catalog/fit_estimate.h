// "Will it fit, how fast here": rough estimates from the catalog alone (file size, parameter
// counts), before anything is downloaded. They are estimates and say so; the exact numbers
// come from loading the file (KV cache size from its hyperparameters) and from `kurabe bench`.
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/machine_memory.h"

#include <optional>

namespace kurabe::catalog {

inline constexpr int kDefaultFitContextTokens = 4096;

enum class FitVerdict
{
    Fits,       // needs at most 85% of the usable memory
    Tight,      // fits, with little to spare: other programs may have to close
    DoesNotFit, // needs more than the usable memory
    Unknown     // the file size is not known
};

QString fit_verdict_text(FitVerdict verdict); // translated "fits", "tight", "does not fit"

struct FitEstimate
{
    qint64 weights_bytes = 0; // the GGUF file, all of it loaded
    qint64 kv_bytes = 0;      // f16 K and V cache for the context
    qint64 work_bytes = 0;    // activations and scratch buffers
    qint64 usable_bytes = 0;  // what this machine offers (MachineMemory::usable_bytes)
    FitVerdict verdict = FitVerdict::Unknown;
    bool on_gpu = false; // fits in the discrete GPU's own memory

    qint64 total_bytes() const { return weights_bytes + kv_bytes + work_bytes; }
};

// KV cache bytes for `context_tokens`, estimated from the parameter count: 16 KiB per token
// per billion parameters, at least 32 KiB per token. Matches Llama 3.x 1B/8B (f16, grouped-query
// attention) and overestimates models with fewer KV heads, so a "fits" is on the safe side.
// `file_bytes` stands in for the parameter count (at ~4.5 bits per weight) when it is unknown.
qint64 estimate_kv_bytes(const CatalogEntry& entry, qint64 file_bytes, int context_tokens);

FitEstimate estimate_fit(const CatalogEntry& entry, const LocalVariant& variant,
                         const MachineMemory& machine,
                         int context_tokens = kDefaultFitContextTokens);

struct SpeedEstimate
{
    double tokens_per_second = 0;
    double bandwidth_gb_per_s = 0; // the memory bandwidth assumed, 1e9 bytes per second
    QString bandwidth_basis;       // why that bandwidth ("a typical discrete GPU")
    bool measured = false;         // the bandwidth was measured here (SpeedMeasurement)
};

// Weight bandwidth measured on this machine for the variant's tensor type (speed_probe.h).
struct MeasuredBandwidth
{
    double gb_per_s = 0;
    QString basis; // "measured on CPU, Q4_K, 2026-11-23"
};

// The memory bandwidth assumed for a model running from the discrete GPU's memory (`on_gpu`)
// or from system memory; tokens_per_second is left 0.
SpeedEstimate assumed_memory_bandwidth(const MachineMemory& machine, bool on_gpu);

// Generation reads every active weight once per token, so tokens/s <= bandwidth / bytes read.
// The bandwidth is `measured` where given, else an assumption for the kind of memory the model
// would run from. Nothing when the file size is unknown.
std::optional<SpeedEstimate>
estimate_generation_speed(const CatalogEntry& entry, const LocalVariant& variant,
                          const MachineMemory& machine,
                          const std::optional<MeasuredBandwidth>& measured = std::nullopt);

} // namespace kurabe::catalog
