#include "vulkan/self_test.h"

#include "vulkan/device.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace kurabe::gpu {

Result<SelfTestReport> run_add_self_test(Device& device, uint32_t elements)
{
    if (elements == 0)
        return Error{"the self-test needs at least one element"};
    const uint64_t bytes = uint64_t{elements} * sizeof(float);
    Result<Buffer> a = device.create_host_buffer(bytes);
    if (!a)
        return a.error();
    Result<Buffer> b = device.create_host_buffer(bytes);
    if (!b)
        return b.error();
    Result<Buffer> out = device.create_host_buffer(bytes);
    if (!out)
        return out.error();

    auto* pa = static_cast<float*>(a->mapped());
    auto* pb = static_cast<float*>(b->mapped());
    auto* po = static_cast<float*>(out->mapped());
    for (uint32_t i = 0; i < elements; ++i) {
        // Values whose sums are exact in f32, so any difference is a real fault.
        pa[i] = static_cast<float>(i % 4096) * 0.5f;
        pb[i] = 1.0f - static_cast<float>(i % 1024) * 0.25f;
        po[i] = -1.0f;
    }

    Result<ComputePipeline> pipeline = device.create_pipeline("add", 3, sizeof(uint32_t));
    if (!pipeline)
        return pipeline.error();
    const std::array<const Buffer*, 3> buffers{&*a, &*b, &*out};
    std::array<std::byte, sizeof(uint32_t)> push{};
    std::memcpy(push.data(), &elements, sizeof elements);
    const uint32_t groups = std::min<uint32_t>((elements + 255) / 256, 65535);
    if (Result<void> r = device.run(*pipeline, buffers, push, groups); !r)
        return r.error();

    SelfTestReport report;
    report.elements = elements;
    for (uint32_t i = 0; i < elements; ++i) {
        if (po[i] != pa[i] + pb[i])
            ++report.mismatches;
    }
    return report;
}

} // namespace kurabe::gpu
