#include "session/open_session.h"

#include "cpu/cpu_session.h"
#include "vulkan/instance.h"
#include "vulkan/vulkan_session.h"

namespace kurabe {

namespace {

// Whether a Vulkan device other than a CPU implementation (lavapipe) exists; `why` says why not.
bool gpu_available(std::string* why)
{
    Result<std::unique_ptr<gpu::Instance>> instance =
        gpu::Instance::create(gpu::instance_options_from_environment());
    if (!instance) {
        *why = "Vulkan is not available: " + instance.message();
        return false;
    }
    for (const gpu::DeviceInfo& d : (*instance)->devices()) {
        if (d.type != gpu::DeviceType::Cpu && d.compute_queue_family)
            return true;
    }
    *why = "no GPU with Vulkan compute was found";
    return false;
}

Result<std::unique_ptr<Session>> open_cpu(const Model& model, const SessionOptions& options)
{
    Result<std::unique_ptr<CpuSession>> cpu = CpuSession::create(model, options);
    if (!cpu)
        return cpu.error();
    return std::unique_ptr<Session>(std::move(*cpu));
}

Result<std::unique_ptr<Session>> open_vulkan(const Model& model, const SessionOptions& options,
                                             const OpenSessionOptions& how)
{
    VulkanOptions vulkan;
    vulkan.device = std::string(how.device);
    vulkan.pipeline_cache_dir = how.pipeline_cache_dir;
    Result<std::unique_ptr<VulkanSession>> session = VulkanSession::create(model, options, vulkan);
    if (!session)
        return session.error();
    return std::unique_ptr<Session>(std::move(*session));
}

} // namespace

Result<OpenedSession> open_session(const Model& model, const SessionOptions& options,
                                   const OpenSessionOptions& how)
{
    OpenedSession opened;
    if (how.backend == "cpu" || how.backend == "vulkan") {
        Result<std::unique_ptr<Session>> s =
            how.backend == "cpu" ? open_cpu(model, options) : open_vulkan(model, options, how);
        if (!s)
            return s.error();
        opened.session = std::move(*s);
        return opened;
    }
    if (how.backend != "auto")
        return Error{"unknown backend '" + std::string(how.backend) + "': use cpu, vulkan or auto"};
    // A named device is honoured even when it is a CPU implementation.
    std::string why;
    if (!how.device.empty() || gpu_available(&why)) {
        Result<std::unique_ptr<Session>> s = open_vulkan(model, options, how);
        if (s) {
            opened.session = std::move(*s);
            return opened;
        }
        why = s.message();
    }
    Result<std::unique_ptr<Session>> cpu = open_cpu(model, options);
    if (!cpu)
        return cpu.error();
    opened.session = std::move(*cpu);
    opened.fallback_reason = why;
    return opened;
}

Result<std::unique_ptr<Session>> open_session(const Model& model, const SessionOptions& options,
                                              std::string_view backend, std::string_view device)
{
    OpenSessionOptions how;
    how.backend = backend;
    how.device = device;
    Result<OpenedSession> opened = open_session(model, options, how);
    if (!opened)
        return opened.error();
    return std::move(opened->session);
}

} // namespace kurabe
