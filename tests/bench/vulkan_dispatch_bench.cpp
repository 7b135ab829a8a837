// Where the time of the Vulkan backend goes on the chosen device (lavapipe here).
//   bench_vulkan_dispatch                      dispatch round trip and `add` bandwidth
//   bench_vulkan_dispatch MODEL.gguf [STEPS]   session start (pipeline creation), then the GPU
//   bench_vulkan_dispatch SHAPE:TYPE [STEPS]   time per pipeline of a prompt and of STEPS decode
//                                              steps (a synthetic model, e.g. llama-1b:Q4_0)
// Dispatch overhead and slow shaders are what dominate small models and lavapipe, so both are
// worth watching. Timestamps come from the device (CommandStream profiling).
#include "model/model.h"
#include "model/synthetic_model.h"
#include "vulkan/device.h"
#include "vulkan/instance.h"
#include "vulkan/self_test.h"
#include "vulkan/vulkan_session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace kurabe;
using namespace kurabe::gpu;

namespace {

double ms_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

int dispatch_round_trip()
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
            if (!report || report->mismatches != 0) {
                std::fprintf(stderr, "bench_vulkan_dispatch: the add shader failed\n");
                return 1;
            }
            ms.push_back(ms_since(start));
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        // Includes pipeline and buffer set-up and the host-side fill and check: a ceiling on
        // overhead.
        const double bytes = 3.0 * elements * sizeof(float);
        std::printf("%12u %8d %14.3f %12.2f\n", elements, runs, median, bytes / (median * 1e6));
    }
    return 0;
}

void print_profile(const VulkanSession& session, double tokens)
{
    double total = 0;
    for (const auto& [name, e] : session.profile())
        total += e.ns;
    std::printf("  %-22s %10s %12s %7s\n", "pipeline", "dispatches", "ms/token", "share");
    for (const auto& [name, e] : session.profile())
        std::printf("  %-22s %10.1f %12.3f %6.1f%%\n", name.c_str(),
                    static_cast<double>(e.count) / tokens, e.ns / 1e6 / tokens,
                    100.0 * e.ns / std::max(total, 1.0));
    std::printf("  %-22s %10s %12.3f\n", "GPU total", "", total / 1e6 / tokens);
}

int profile_model(const std::string& what, int steps)
{
    const auto load_start = std::chrono::steady_clock::now();
    const size_t colon = what.find(':');
    Result<std::unique_ptr<Model>> model =
        colon != std::string::npos && what.find(".gguf") == std::string::npos
            ? build_synthetic_model(what.substr(0, colon), what.substr(colon + 1))
            : Model::load(what);
    if (!model) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", model.message().c_str());
        return 1;
    }
    std::printf("model: %s (%.1f s to load or build)\n", what.c_str(), ms_since(load_start) / 1e3);
    SessionOptions options;
    options.n_ctx = 256;
    options.n_batch = 64;
    VulkanOptions vulkan;
    if (const char* cache = std::getenv("KURABE_VK_PIPELINE_CACHE"))
        vulkan.pipeline_cache_dir = cache;
    const auto start = std::chrono::steady_clock::now();
    auto session = VulkanSession::create(**model, options, vulkan);
    if (!session) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", session.message().c_str());
        return 1;
    }
    std::printf("session created in %.0f ms on %s\n", ms_since(start),
                (*session)->device_name().c_str());
    const int32_t n_vocab = (**model).hparams().n_vocab;
    std::vector<int32_t> prompt(64);
    for (size_t i = 0; i < prompt.size(); ++i)
        prompt[i] = static_cast<int32_t>((i * 7919 + 13) % static_cast<size_t>(n_vocab));

    // The first batch compiles the pipelines it needs (created on first use).
    const auto first = std::chrono::steady_clock::now();
    if (auto r = (*session)->eval(std::span<const int32_t>(prompt.data(), 1), false); !r) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
        return 1;
    }
    const int32_t one[] = {prompt[1]};
    if (auto r = (*session)->eval(one, false); !r) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
        return 1;
    }
    std::printf("first two evaluations (pipeline creation included): %.0f ms\n", ms_since(first));
    (*session)->truncate(0);

    if (auto r = (*session)->set_profiling(true); !r) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
        return 1;
    }
    const auto pp = std::chrono::steady_clock::now();
    if (auto r = (*session)->eval(prompt, false); !r) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
        return 1;
    }
    const double pp_ms = ms_since(pp);
    std::printf("prompt of %zu tokens: %.0f ms wall, %.2f tokens/s\n", prompt.size(), pp_ms,
                static_cast<double>(prompt.size()) * 1e3 / pp_ms);
    print_profile(**session, static_cast<double>(prompt.size()));

    (void)(*session)->set_profiling(false);
    (void)(*session)->set_profiling(true);
    const auto tg = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) {
        const int32_t token[] = {prompt[static_cast<size_t>(i) % prompt.size()]};
        if (auto r = (*session)->eval(token, false); !r) {
            std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
            return 1;
        }
    }
    const double tg_ms = ms_since(tg);
    const double gb = static_cast<double>((**model).bytes_per_token()) / 1e9;
    std::printf("%d decode steps: %.1f ms/token wall, %.2f tokens/s, %.2f GB/s of weights, %u "
                "dispatches/token\n",
                steps, tg_ms / steps, steps * 1e3 / tg_ms, gb * steps * 1e3 / tg_ms,
                (*session)->last_dispatches());
    print_profile(**session, steps);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return dispatch_round_trip();
    const int steps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 8;
    return profile_model(argv[1], steps);
}
