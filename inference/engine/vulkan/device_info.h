// What a physical device offers, as read from Vulkan, and the choice among several.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kurabe::gpu {

enum class DeviceType
{
    Discrete,
    Integrated,
    Virtual,
    Cpu,
    Other
};

const char* device_type_name(DeviceType type); // "discrete", "integrated", ...

struct MemoryHeap
{
    uint64_t size = 0; // bytes
    bool device_local = false;
};

struct DeviceInfo
{
    uint32_t index = 0; // position in vkEnumeratePhysicalDevices
    VkPhysicalDevice handle = VK_NULL_HANDLE;
    std::string name;
    DeviceType type = DeviceType::Other;
    uint32_t vendor_id = 0;
    uint32_t device_id = 0;
    uint32_t api_version = 0; // VK_MAKE_API_VERSION encoded
    std::string driver;       // driver name and info, when the device reports them
    std::vector<MemoryHeap> heaps;
    bool unified_memory = false; // a memory type is both device-local and host-visible

    uint32_t subgroup_size = 0;
    bool subgroup_arithmetic = false;        // subgroupAdd and friends in compute shaders
    bool subgroup_ballot = false;            // subgroupBroadcast and friends in compute shaders
    uint64_t max_storage_buffer_range = 0;   // bytes one storage-buffer binding may span
    uint64_t max_memory_allocation_size = 0; // bytes one vkAllocateMemory may ask for
    uint32_t max_texel_buffer_elements = 0;  // texels one texel-buffer view may span
    uint32_t max_compute_shared_memory = 0;  // bytes
    uint32_t max_workgroup_invocations = 0;
    bool fp16 = false;                            // shaderFloat16
    bool int8 = false;                            // shaderInt8
    bool storage_16bit = false;                   // storageBuffer16BitAccess
    bool storage_8bit = false;                    // storageBuffer8BitAccess
    bool cooperative_matrix = false;              // VK_KHR_cooperative_matrix
    std::optional<uint32_t> compute_queue_family; // none: the device cannot run compute

    uint64_t device_local_bytes() const; // largest device-local heap
    std::string api_version_string() const;
};

DeviceInfo describe_device(VkPhysicalDevice device, uint32_t index);

// The device the engine should use: discrete > integrated > virtual > CPU, larger device-local
// memory first within a kind; only devices with a compute queue. `request` (from settings or
// --device) picks one by index ("1") or by a case-insensitive part of its name ("llvmpipe").
// Returns the position in `devices`, or nothing (with `why` filled) when none fits.
std::optional<size_t> choose_device(const std::vector<DeviceInfo>& devices,
                                    const std::string& request, std::string* why);

} // namespace kurabe::gpu
