#include "compare/target_description.h"

#include "library/gguf_summary.h"
#include "library/model_library.h"

#include <QFileInfo>

namespace kurabe::app {

QJsonObject describe_target(const TargetSpec& spec, storage::ModelFileStore* library)
{
    QJsonObject description = spec.toJson();
    if (spec.kind != TargetSpec::Kind::Local) {
        return description;
    }
    const QFileInfo file(spec.path);
    if (!file.isFile()) {
        return description;
    }
    const QString path = file.absoluteFilePath();
    description.insert(QStringLiteral("path"), path);
    description.insert(QStringLiteral("file_size"), file.size());
    QString sha256;
    QJsonObject summary;
    if (library) {
        if (auto known = library->find_by_path(path);
            known && *known && (*known)->size_bytes == file.size()) {
            sha256 = (*known)->sha256;
            summary = (*known)->gguf_summary;
        }
    }
    if (sha256.isEmpty()) {
        const ModelInspection inspection = inspect_model_file(
            path, [](int) {}, [] { return false; });
        sha256 = inspection.sha256;
        summary = inspection.summary;
    }
    if (!sha256.isEmpty()) {
        description.insert(QStringLiteral("sha256"), sha256);
    }
    const QString quantization = quantization_mix(summary);
    if (!quantization.isEmpty()) {
        description.insert(QStringLiteral("quantization"), quantization);
    }
    for (const char* key : {"name", "architecture", "parameters"}) {
        const QJsonValue value = summary.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull()) {
            description.insert(QLatin1String(key), value);
        }
    }
    return description;
}

} // namespace kurabe::app
