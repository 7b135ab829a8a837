// A first end-to-end check of a Vulkan device: run the `add` shader on real buffers and compare
// every element with the CPU's result.
#pragma once

#include "core/result.h"

#include <cstdint>

namespace kurabe::gpu {

class Device;

struct SelfTestReport
{
    uint32_t elements = 0;   // how many were computed and checked
    uint32_t mismatches = 0; // elements whose GPU result differs from the CPU's
};

// Runs out = a + b over `elements` f32 values (odd sizes exercise the tail of the last
// workgroup). An Error means the device could not run it; mismatches mean it ran wrongly.
Result<SelfTestReport> run_add_self_test(Device& device, uint32_t elements);

} // namespace kurabe::gpu
