// How every engine command (generate, logits, bench) opens a model's session: the --backend and
// --device values, the user's Vulkan pipeline cache, and the "running on CPU: <why>" line on
// stderr when "auto" found no usable GPU.
#pragma once

#include "core/result.h"
#include "core/session.h"

#include <QString>

#include <memory>

namespace kurabe {
class Model;
}

namespace kurabe::cli {

Result<std::unique_ptr<Session>> open_cli_session(const Model& model, const SessionOptions& options,
                                                  const QString& backend, const QString& device);

} // namespace kurabe::cli
