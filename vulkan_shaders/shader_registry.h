// The SPIR-V modules compiled from vulkan_shaders/*.comp at build time and embedded in the
// binary. Names are the source file names without ".comp" (or a variant's name).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kurabe::shaders {

// The module's 32-bit words, or an empty span when no shader has that name.
std::span<const uint32_t> spirv(std::string_view name);

// Every embedded shader's name, in build order.
std::vector<std::string_view> names();

} // namespace kurabe::shaders
