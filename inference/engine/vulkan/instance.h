// The Vulkan instance and what it can see: one per process user (CLI command, engine).
#pragma once

#include "core/result.h"
#include "vulkan/device_info.h"

#include <vulkan/vulkan.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kurabe::gpu {

struct InstanceOptions
{
    // Enable VK_LAYER_KHRONOS_validation and collect its messages. Defaults to on when the
    // environment variable KURABE_VK_VALIDATION is 1 (the test runner sets it).
    bool validation = false;
};

InstanceOptions instance_options_from_environment();

class Instance
{
public:
    static Result<std::unique_ptr<Instance>> create(const InstanceOptions& options);
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    VkInstance handle() const { return instance_; }
    bool validation_enabled() const { return messenger_ != VK_NULL_HANDLE; }

    // Every physical device, described; index i is the device's index for --device.
    const std::vector<DeviceInfo>& devices() const { return devices_; }

    // Validation-layer warnings and errors received so far (empty when validation is off).
    std::vector<std::string> validation_messages() const;

private:
    Instance() = default;
    Result<void> enumerate();
    static VKAPI_ATTR VkBool32 VKAPI_CALL on_message(
        VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
        const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    std::vector<DeviceInfo> devices_;
    mutable std::mutex messages_mutex_;
    std::vector<std::string> messages_;
};

} // namespace kurabe::gpu
