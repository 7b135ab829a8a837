// The one place that picks a backend for a model: "cpu", "vulkan", or "auto" (Vulkan on a GPU
// when one is usable, else the CPU, with the reason kept for the user to see).
#pragma once

#include "core/result.h"
#include "core/session.h"

#include <memory>
#include <string>
#include <string_view>

namespace kurabe {

class Model;

struct OpenSessionOptions
{
    std::string_view backend = "auto"; // "cpu" | "vulkan" | "auto"
    std::string_view device;           // Vulkan device name part or index; "" the best one
    std::string pipeline_cache_dir;    // "" keeps no Vulkan pipeline cache on disk
};

struct OpenedSession
{
    std::unique_ptr<Session> session;
    // Why "auto" fell back to the CPU ("no Vulkan device", the model does not fit, ...);
    // empty when the requested or preferred backend opened.
    std::string fallback_reason;
};

Result<OpenedSession> open_session(const Model& model, const SessionOptions& options,
                                   const OpenSessionOptions& how);

// The same without the fallback reason.
Result<std::unique_ptr<Session>> open_session(const Model& model, const SessionOptions& options,
                                              std::string_view backend, std::string_view device);

} // namespace kurabe
