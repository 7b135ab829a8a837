#include "catalog/speed_probe.h"

#include "model/synthetic_model.h"
#include "session/open_session.h"
#include "storage/stores/settings_store.h"
#include "tensor/tensor_type.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <chrono>

namespace kurabe::catalog {

namespace {

bool engine_has_type(const QString& name)
{
    return supported_tensor_type(name.toStdString()).has_value();
}

QString device_label(const Session& session)
{
    // The CPU's label carries its thread count, which is not part of the device.
    if (session.backend_name() == "cpu")
        return QStringLiteral("CPU");
    return QString::fromStdString(session.device_name());
}

} // namespace

QString main_tensor_type(const QString& quantization)
{
    QString name = quantization.trimmed().toUpper();
    // K-quant mixes name their main type and a size: Q4_K_M, Q3_K_L, Q5_K_S.
    static const QStringList sizes = {QStringLiteral("_S"), QStringLiteral("_M"),
                                      QStringLiteral("_L"), QStringLiteral("_XL")};
    if (name.contains(QLatin1String("_K_"))) {
        for (const QString& size : sizes)
            if (name.endsWith(size)) {
                name.chop(size.size());
                break;
            }
    }
    return engine_has_type(name) ? name : QString();
}

QJsonObject SpeedMeasurement::to_json() const
{
    return QJsonObject{{QStringLiteral("device"), device},
                       {QStringLiteral("backend"), backend},
                       {QStringLiteral("tensor_type"), tensor_type},
                       {QStringLiteral("shape"), shape},
                       {QStringLiteral("tokens_per_second"), tokens_per_second},
                       {QStringLiteral("bytes_per_token"), bytes_per_token},
                       {QStringLiteral("measured_at"), measured_at.toString(Qt::ISODate)}};
}

std::optional<SpeedMeasurement> SpeedMeasurement::from_json(const QJsonObject& object)
{
    SpeedMeasurement m;
    m.device = object.value(QStringLiteral("device")).toString();
    m.backend = object.value(QStringLiteral("backend")).toString();
    m.tensor_type = object.value(QStringLiteral("tensor_type")).toString();
    m.shape = object.value(QStringLiteral("shape")).toString();
    m.tokens_per_second = object.value(QStringLiteral("tokens_per_second")).toDouble();
    m.bytes_per_token = object.value(QStringLiteral("bytes_per_token")).toDouble();
    m.measured_at =
        QDateTime::fromString(object.value(QStringLiteral("measured_at")).toString(), Qt::ISODate);
    if (m.device.isEmpty() || m.tensor_type.isEmpty() || !(m.tokens_per_second > 0) ||
        !(m.bytes_per_token > 0) || !m.measured_at.isValid())
        return std::nullopt;
    return m;
}

Result<SpeedMeasurement> measure_decode_speed(const QString& tensor_type,
                                              const SpeedProbeOptions& options)
{
    if (options.tokens < 1)
        return Error{"the speed probe needs at least one token to time"};
    auto model = build_synthetic_model(options.shape, tensor_type.toStdString());
    if (!model)
        return model.error();
    const Model& m = **model;
    SessionOptions session_options;
    session_options.n_ctx = std::max(options.tokens + 2, 16);
    session_options.n_threads = options.n_threads;
    OpenSessionOptions how;
    how.backend = options.backend;
    how.device = options.device;
    how.pipeline_cache_dir = options.pipeline_cache_dir;
    auto opened = open_session(m, session_options, how);
    if (!opened)
        return opened.error();
    Session& session = *opened->session;

    const int32_t n_vocab = m.hparams().n_vocab;
    std::chrono::steady_clock::time_point start;
    for (int i = 0; i <= options.tokens; ++i) {
        if (options.cancel && options.cancel->load())
            return Error{"the speed measurement was cancelled"};
        if (i == 1) // the first step warms caches and pipelines up
            start = std::chrono::steady_clock::now();
        const int32_t token[] = {(i * 7919 + 13) % n_vocab};
        if (auto evaluated = session.eval(token, false); !evaluated)
            return evaluated.error();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    SpeedMeasurement measurement;
    measurement.device = device_label(session);
    measurement.backend = QString::fromStdString(session.backend_name());
    measurement.tensor_type = tensor_type;
    measurement.shape = QString::fromStdString(options.shape);
    measurement.tokens_per_second = options.tokens / std::max(seconds, 1e-9);
    measurement.bytes_per_token = static_cast<double>(m.bytes_per_token());
    measurement.measured_at = QDateTime::currentDateTimeUtc();
    return measurement;
}

std::vector<SpeedMeasurement> load_speed_measurements(storage::SettingsStore& settings)
{
    std::vector<SpeedMeasurement> measurements;
    const auto text = settings.text(kSpeedMeasurementsSetting, QString());
    if (!text)
        return measurements;
    const QJsonArray array = QJsonDocument::fromJson(text->toUtf8()).array();
    for (const QJsonValue& value : array)
        if (auto m = SpeedMeasurement::from_json(value.toObject()))
            measurements.push_back(std::move(*m));
    std::stable_sort(measurements.begin(), measurements.end(),
                     [](const SpeedMeasurement& a, const SpeedMeasurement& b) {
                         return a.measured_at > b.measured_at;
                     });
    return measurements;
}

storage::StorageResult<void> record_speed_measurement(storage::SettingsStore& settings,
                                                      const SpeedMeasurement& measurement)
{
    std::vector<SpeedMeasurement> kept = load_speed_measurements(settings);
    std::erase_if(kept, [&](const SpeedMeasurement& m) {
        return m.device == measurement.device && m.tensor_type == measurement.tensor_type;
    });
    QJsonArray array{measurement.to_json()};
    for (const SpeedMeasurement& m : kept)
        array.append(m.to_json());
    return settings.set_text(
        kSpeedMeasurementsSetting,
        QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

std::optional<SpeedMeasurement> find_measurement(const std::vector<SpeedMeasurement>& measurements,
                                                 const QString& tensor_type)
{
    const auto found = std::max_element(measurements.begin(), measurements.end(),
                                        [&](const SpeedMeasurement& a, const SpeedMeasurement& b) {
                                            const bool a_match = a.tensor_type == tensor_type;
                                            const bool b_match = b.tensor_type == tensor_type;
                                            if (a_match != b_match)
                                                return !a_match;
                                            return a.measured_at < b.measured_at;
                                        });
    if (found == measurements.end() || found->tensor_type != tensor_type)
        return std::nullopt;
    return *found;
}

} // namespace kurabe::catalog
