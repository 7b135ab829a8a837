// How long one dispatch round trip (record, submit, fence wait) takes on the chosen Vulkan
// device, and the bandwidth the `add` shader reaches (bytes read + written per second).
// Dispatch overhead is what dominates small models and lavapipe, so it is worth watching.
#include "vulkan/device.h"
#include "vulkan/instance.h"
#include "vulkan/self_test.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace kurabe::gpu;

int main()
{
    auto instance = Instance::create(instance_options_from_environment());
    if (!instance) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", instance.message().c_str());
        return 1;
    }
    std::string why;
    auto chosen = choose_device((*instance)->devices(), "", &why);
    if (!chosen) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", why.c_str());
        return 1;
    }
    auto device = Device::create(**instance, (*instance)->devices()[*chosen]);
    if (!device) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", device.message().c_str());
        return 1;
    }
    std::printf("device: %s\n", (*device)->info().name.c_str());
    std::printf("%12s %8s %14s %12s\n", "elements", "runs", "median ms", "GB/s");
    for (uint32_t elements : {1024u, 1u << 20, 1u << 24}) {
        std::vector<double> ms;
        const int runs = elements > (1u << 20) ? 5 : 20;
        for (int i = 0; i < runs; ++i) {
            const auto start = std::chrono::steady_clock::now();
            auto report = run_add_self_test(**device, elements);
            const auto end = std::chrono::steady_clock::now();
            if (!report || report->mismatches != 0) {
                std::fprintf(stderr, "bench_vulkan_dispatch: the add shader failed\n");
                return 1;
            }
            ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        // Includes buffer set-up and the host-side fill and check; a ceiling on overhead.
        const double bytes = 3.0 * elements * sizeof(float);
        std::printf("%12u %8d %14.3f %12.2f\n", elements, runs, median, bytes / (median * 1e6));
    }
    return 0;
}
