// "How fast here", measured: a short synthetic benchmark on the device the engine would use,
// kept per device and tensor type in the profile's settings. Generation reads every weight once
// per token, so the weight bytes per second measured on a llama-1b-shaped model of a tensor type
// carry over to any file of that type: tokens/s ~ measured GB/s / the file's bytes per token.
#pragma once

#include "core/result.h"
#include "storage/sqlite/storage_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace kurabe::storage {
class SettingsStore;
}

namespace kurabe::catalog {

// Settings key holding the measurements (a JSON array).
inline const QString kSpeedMeasurementsSetting = QStringLiteral("catalog.speed_measurements");

// The tensor type holding most weights of a quantization named like the GGUF files on the hubs:
// "Q4_K_M" -> "Q4_K", "q8_0" -> "Q8_0", "IQ4_XS" -> "IQ4_XS", "f16" -> "F16"; "" when the engine
// has no such type.
QString main_tensor_type(const QString& quantization);

struct SpeedMeasurement
{
    QString device;      // "CPU" or the Vulkan device's name
    QString backend;     // "cpu" | "vulkan"
    QString tensor_type; // "Q4_K"
    QString shape;       // the synthetic shape measured, "llama-1b"
    double tokens_per_second = 0;
    double bytes_per_token = 0; // weights read per generated token
    QDateTime measured_at;      // UTC

    double gb_per_s() const { return tokens_per_second * bytes_per_token / 1e9; }
    QJsonObject to_json() const;
    static std::optional<SpeedMeasurement> from_json(const QJsonObject& object);
};

struct SpeedProbeOptions
{
    std::string shape = "llama-1b"; // one of kurabe::synthetic_shapes()
    int tokens = 8;                 // timed one-token decode steps, after one warm-up step
    std::string backend = "auto";   // as chat opens local models
    std::string device;             // Vulkan device name part or index; "" the best one
    std::string pipeline_cache_dir;
    int n_threads = 0;                         // CPU threads; 0: the engine's default
    const std::atomic<bool>* cancel = nullptr; // checked between steps
};

// Builds the synthetic model in memory (a few hundred MB, seconds) and times its decode steps.
// Runs on the calling thread: callers with a UI run it on a worker.
Result<SpeedMeasurement> measure_decode_speed(const QString& tensor_type,
                                              const SpeedProbeOptions& options);

// The measurements kept in `settings`, newest first. Unreadable entries are skipped.
std::vector<SpeedMeasurement> load_speed_measurements(storage::SettingsStore& settings);
// Keeps `measurement`, replacing an earlier one of the same device and tensor type.
storage::StorageResult<void> record_speed_measurement(storage::SettingsStore& settings,
                                                      const SpeedMeasurement& measurement);
// The newest measurement of `tensor_type` among `measurements`, if any.
std::optional<SpeedMeasurement> find_measurement(const std::vector<SpeedMeasurement>& measurements,
                                                 const QString& tensor_type);

} // namespace kurabe::catalog
