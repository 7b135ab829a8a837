#include "vulkan/device_info.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace kurabe::gpu {

const char* device_type_name(DeviceType type)
{
    switch (type) {
    case DeviceType::Discrete:
        return "discrete";
    case DeviceType::Integrated:
        return "integrated";
    case DeviceType::Virtual:
        return "virtual";
    case DeviceType::Cpu:
        return "cpu";
    case DeviceType::Other:
        return "other";
    }
    return "other";
}

uint64_t DeviceInfo::device_local_bytes() const
{
    uint64_t best = 0;
    for (const MemoryHeap& heap : heaps) {
        if (heap.device_local)
            best = std::max(best, heap.size);
    }
    return best;
}

std::string DeviceInfo::api_version_string() const
{
    return std::to_string(VK_API_VERSION_MAJOR(api_version)) + "." +
           std::to_string(VK_API_VERSION_MINOR(api_version)) + "." +
           std::to_string(VK_API_VERSION_PATCH(api_version));
}

static DeviceType to_device_type(VkPhysicalDeviceType type)
{
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return DeviceType::Discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return DeviceType::Integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return DeviceType::Virtual;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return DeviceType::Cpu;
    default:
        return DeviceType::Other;
    }
}

static bool has_extension(VkPhysicalDevice device, const char* name)
{
    uint32_t count = 0;
    if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr) != VK_SUCCESS)
        return false;
    std::vector<VkExtensionProperties> extensions(count);
    if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data()) !=
        VK_SUCCESS)
        return false;
    return std::any_of(
        extensions.begin(), extensions.begin() + count,
        [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; });
}

DeviceInfo describe_device(VkPhysicalDevice device, uint32_t index)
{
    DeviceInfo info;
    info.index = index;
    info.handle = device;

    VkPhysicalDeviceProperties base{};
    vkGetPhysicalDeviceProperties(device, &base);
    info.api_version = base.apiVersion;
    const bool v12 = base.apiVersion >= VK_API_VERSION_1_2;

    VkPhysicalDeviceSubgroupProperties subgroup{};
    subgroup.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
    VkPhysicalDeviceMaintenance3Properties maintenance3{};
    maintenance3.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES;
    subgroup.pNext = &maintenance3;
    VkPhysicalDeviceDriverProperties driver{};
    driver.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES;
    if (v12)
        maintenance3.pNext = &driver;
    VkPhysicalDeviceProperties2 properties{};
    properties.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    properties.pNext = &subgroup;
    vkGetPhysicalDeviceProperties2(device, &properties);

    info.name = base.deviceName;
    info.type = to_device_type(base.deviceType);
    info.vendor_id = base.vendorID;
    info.device_id = base.deviceID;
    if (v12) {
        info.driver = driver.driverName;
        if (driver.driverInfo[0] != '\0')
            info.driver += std::string(" (") + driver.driverInfo + ")";
    }
    info.subgroup_size = subgroup.subgroupSize;
    info.subgroup_arithmetic = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                               (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
    info.subgroup_ballot = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                           (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_BALLOT_BIT);
    info.max_storage_buffer_range = base.limits.maxStorageBufferRange;
    info.max_memory_allocation_size = maintenance3.maxMemoryAllocationSize;
    info.max_texel_buffer_elements = base.limits.maxTexelBufferElements;
    info.max_compute_shared_memory = base.limits.maxComputeSharedMemorySize;
    info.max_workgroup_invocations = base.limits.maxComputeWorkGroupInvocations;

    // Features: Vulkan 1.2 devices report them in the core structs; older ones through the
    // extensions that introduced them.
    VkPhysicalDeviceFeatures2 features{};
    features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
    VkPhysicalDevice16BitStorageFeatures storage16{};
    storage16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES;
    VkPhysicalDeviceShaderFloat16Int8Features float16_int8{};
    float16_int8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES;
    VkPhysicalDevice8BitStorageFeatures storage8{};
    storage8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES;
    features.pNext = &storage16;
    void** tail = &storage16.pNext;
    if (v12 || has_extension(device, VK_KHR_SHADER_FLOAT16_INT8_EXTENSION_NAME)) {
        *tail = &float16_int8;
        tail = &float16_int8.pNext;
    }
    if (v12 || has_extension(device, VK_KHR_8BIT_STORAGE_EXTENSION_NAME)) {
        *tail = &storage8;
        tail = &storage8.pNext;
    }
    vkGetPhysicalDeviceFeatures2(device, &features);
    info.fp16 = float16_int8.shaderFloat16;
    info.int8 = float16_int8.shaderInt8;
    info.storage_16bit = storage16.storageBuffer16BitAccess;
    info.storage_8bit = storage8.storageBuffer8BitAccess;
    info.cooperative_matrix = has_extension(device, "VK_KHR_cooperative_matrix");

    VkPhysicalDeviceMemoryProperties memory{};
    vkGetPhysicalDeviceMemoryProperties(device, &memory);
    for (uint32_t i = 0; i < memory.memoryHeapCount; ++i) {
        info.heaps.push_back({memory.memoryHeaps[i].size, (memory.memoryHeaps[i].flags &
                                                           VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0});
    }
    for (uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags flags = memory.memoryTypes[i].propertyFlags;
        if ((flags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT) &&
            (flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
            info.unified_memory = true;
    }

    uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(device, &family_count, families.data());
    // Prefer a compute-only family (async compute) only when it is the sole option; a
    // graphics+compute family is the common, well-tested path.
    for (uint32_t i = 0; i < family_count; ++i) {
        if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && families[i].queueCount > 0) {
            info.compute_queue_family = i;
            break;
        }
    }
    return info;
}

static int type_rank(DeviceType type)
{
    switch (type) {
    case DeviceType::Discrete:
        return 4;
    case DeviceType::Integrated:
        return 3;
    case DeviceType::Virtual:
        return 2;
    case DeviceType::Cpu:
        return 1;
    case DeviceType::Other:
        return 0;
    }
    return 0;
}

static std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::optional<size_t> choose_device(const std::vector<DeviceInfo>& devices,
                                    const std::string& request, std::string* why)
{
    auto fail = [&](std::string message) -> std::optional<size_t> {
        if (why)
            *why = std::move(message);
        return std::nullopt;
    };
    if (devices.empty())
        return fail("no Vulkan device found");

    if (!request.empty()) {
        const bool numeric = std::all_of(request.begin(), request.end(),
                                         [](unsigned char c) { return std::isdigit(c); });
        for (size_t i = 0; i < devices.size(); ++i) {
            const bool match =
                numeric ? std::to_string(devices[i].index) == request
                        : lowercase(devices[i].name).find(lowercase(request)) != std::string::npos;
            if (!match)
                continue;
            if (!devices[i].compute_queue_family)
                return fail("Vulkan device '" + devices[i].name + "' has no compute queue");
            return i;
        }
        return fail("no Vulkan device matches '" + request + "' (see `kurabe devices`)");
    }

    std::optional<size_t> best;
    for (size_t i = 0; i < devices.size(); ++i) {
        if (!devices[i].compute_queue_family)
            continue;
        if (!best) {
            best = i;
            continue;
        }
        const DeviceInfo& a = devices[i];
        const DeviceInfo& b = devices[*best];
        if (type_rank(a.type) > type_rank(b.type) ||
            (type_rank(a.type) == type_rank(b.type) &&
             a.device_local_bytes() > b.device_local_bytes()))
            best = i;
    }
    if (!best)
        return fail("no Vulkan device has a compute queue");
    return best;
}

} // namespace kurabe::gpu
