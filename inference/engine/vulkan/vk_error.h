// Turning VkResult codes into readable errors.
#pragma once

#include "core/result.h"

#include <vulkan/vulkan.h>

#include <string>

namespace kurabe::gpu {

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" and friends; the number for codes this build does not know.
std::string vk_result_name(VkResult result);

// An Error reading "<what> failed: VK_ERROR_...".
Error vk_error(const std::string& what, VkResult result);

} // namespace kurabe::gpu
