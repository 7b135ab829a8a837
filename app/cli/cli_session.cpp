#include "cli/cli_session.h"

#include "cli/output.h"
#include "session/open_session.h"
#include "storage/data_dir.h"

namespace kurabe::cli {

Result<std::unique_ptr<Session>> open_cli_session(const Model& model, const SessionOptions& options,
                                                  const QString& backend, const QString& device)
{
    const std::string backend_name = backend.toStdString();
    const std::string device_name = device.toStdString();
    OpenSessionOptions how;
    how.backend = backend_name;
    how.device = device_name;
    how.pipeline_cache_dir = storage::vulkan_cache_dir().toStdString();
    Result<OpenedSession> opened = open_session(model, options, how);
    if (!opened)
        return opened.error();
    if (!opened->fallback_reason.empty()) {
        err() << "running on CPU: " << QString::fromStdString(opened->fallback_reason) << '\n';
        err().flush();
    }
    return std::move(opened->session);
}

} // namespace kurabe::cli
