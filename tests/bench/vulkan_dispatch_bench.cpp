// Where the time of the Vulkan backend goes on the chosen device (lavapipe here).
//   bench_vulkan_dispatch                      dispatch round trip and `add` bandwidth
//   bench_vulkan_dispatch MODEL.gguf [STEPS]   session start (pipeline creation), then the GPU
//   bench_vulkan_dispatch SHAPE:TYPE [STEPS]   time per pipeline of a prompt and of STEPS decode
//                                              steps (a synthetic model, e.g. llama-1b:Q4_0)
//   bench_vulkan_dispatch --matvec TYPE ROWS COLS [TOKENS]
//                                              one matrix product of random weights: device
//                                              time per run and GB/s of weights (the best
//                                              of BENCH_RUNS runs, 15 by default)
// Dispatch overhead and slow shaders are what dominate small models and lavapipe, so both are
// worth watching. Timestamps come from the device (CommandStream profiling).
#include "model/model.h"
#include "model/synthetic_model.h"
#include "tensor/quantize.h"
#include "tensor/tensor_type.h"
#include "vulkan/command_stream.h"
#include "vulkan/device.h"
#include "vulkan/gpu_weights.h"
#include "vulkan/instance.h"
#include "vulkan/ops.h"
#include "vulkan/self_test.h"
#include "vulkan/vulkan_session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
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

// The instance and the device the engine would choose; nothing (after saying why) if none.
struct Opened
{
    std::unique_ptr<Instance> instance;
    std::unique_ptr<Device> device;
};

std::optional<Opened> open_device()
{
    auto instance = Instance::create(instance_options_from_environment());
    if (!instance) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", instance.message().c_str());
        return std::nullopt;
    }
    std::string why;
    auto chosen = choose_device((*instance)->devices(), "", &why);
    if (!chosen) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", why.c_str());
        return std::nullopt;
    }
    auto device = Device::create(**instance, (*instance)->devices()[*chosen]);
    if (!device) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", device.message().c_str());
        return std::nullopt;
    }
    return Opened{std::move(*instance), std::move(*device)};
}

int dispatch_round_trip()
{
    std::optional<Opened> opened = open_device();
    if (!opened)
        return 1;
    Device& device = *opened->device;
    std::printf("device: %s\n", device.info().name.c_str());
    std::printf("%12s %8s %14s %12s\n", "elements", "runs", "median ms", "GB/s");
    for (uint32_t elements : {1024u, 1u << 20, 1u << 24}) {
        std::vector<double> ms;
        const int runs = elements > (1u << 20) ? 5 : 20;
        for (int i = 0; i < runs; ++i) {
            const auto start = std::chrono::steady_clock::now();
            auto report = run_add_self_test(device, elements);
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

// Times one product of a ROWS x COLS matrix of `type_name` (random weights) with TOKENS input
// vectors: the first run compiles the pipeline, then the best of BENCH_RUNS runs (15).
int matvec_bench(const std::string& type_name, int64_t rows, int64_t cols, uint32_t tokens)
{
    const std::optional<TensorType> type = supported_tensor_type(type_name);
    if (!type) {
        std::fprintf(stderr, "bench_vulkan_dispatch: unknown tensor type '%s'\n",
                     type_name.c_str());
        return 1;
    }
    std::optional<Opened> opened = open_device();
    if (!opened)
        return 1;
    Device& device = *opened->device;
    const auto row_bytes = tensor_bytes(*type, static_cast<uint64_t>(cols));
    if (!row_bytes) {
        std::fprintf(stderr, "bench_vulkan_dispatch: %lld columns are not whole blocks\n",
                     static_cast<long long>(cols));
        return 1;
    }
    std::mt19937 rng(7);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    std::vector<uint8_t> storage(*row_bytes * static_cast<uint64_t>(rows));
    std::vector<float> row(static_cast<size_t>(cols));
    for (int64_t r = 0; r < rows; ++r) {
        for (float& v : row)
            v = dist(rng);
        quantize_row(*type, row.data(), storage.data() + static_cast<uint64_t>(r) * *row_bytes,
                     cols);
    }
    Matrix m;
    m.type = *type;
    m.data = storage.data();
    m.rows = rows;
    m.cols = cols;
    m.row_bytes = *row_bytes;
    auto gm = upload_matrix(device, m);
    auto xb = device.create_buffer(static_cast<size_t>(cols) * tokens * 4, MemoryKind::Host);
    auto yb = device.create_buffer(static_cast<size_t>(rows) * tokens * 4, MemoryKind::Host);
    auto stream = CommandStream::create(device);
    if (!gm || !xb || !yb || !stream) {
        std::fprintf(stderr, "bench_vulkan_dispatch: could not set up the product\n");
        return 1;
    }
    for (size_t i = 0; i < static_cast<size_t>(cols) * tokens; ++i)
        static_cast<float*>(xb->mapped())[i] = dist(rng);
    Kernels kernels(device);
    // BENCH_TEXELS=0 times the product without texel reads (matvec.comp), for A/B runs.
    if (const char* texels = std::getenv("BENCH_TEXELS"))
        kernels.set_texel_kernels(texels[0] == '1');
    std::vector<double> ms;
    const char* runs_env = std::getenv("BENCH_RUNS");
    const int runs = 1 + std::max(1, runs_env ? std::atoi(runs_env) : 15);
    // BENCH_REPEAT=N records the product N times in each command buffer: the time per
    // dispatch once submitting and waiting are spread over N (what a decode step sees).
    const char* repeat_env = std::getenv("BENCH_REPEAT");
    const int repeat = std::max(1, repeat_env ? std::atoi(repeat_env) : 1);
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        MatvecArgs a;
        a.x = &*xb;
        a.x_stride = static_cast<uint32_t>(cols);
        a.y = &*yb;
        a.y_stride = static_cast<uint32_t>(rows);
        a.n_tokens = tokens;
        a.vectors = &*xb;
        Result<void> r = (*stream)->begin();
        for (int k = 0; k < repeat && r; ++k)
            r = record_matvec(**stream, kernels, *gm, a);
        if (r)
            r = (*stream)->submit_and_wait();
        if (!r) {
            std::fprintf(stderr, "bench_vulkan_dispatch: %s\n", r.message().c_str());
            return 1;
        }
        if (run > 0)
            ms.push_back(ms_since(start));
    }
    std::sort(ms.begin(), ms.end());
    // The fastest run: on a shared machine the others measure the neighbours too.
    const double best = ms.front() / repeat;
    const double bytes = static_cast<double>(storage.size());
    std::printf("%s %lld x %lld, %u token(s) on %s%s: %.3f ms, %.2f GB/s of weights\n",
                type_name.c_str(), static_cast<long long>(rows), static_cast<long long>(cols),
                tokens, device.info().name.c_str(), kernels.texel_kernels() ? " (texels)" : "",
                best, bytes / (best * 1e6));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return dispatch_round_trip();
    if (std::string(argv[1]) == "--matvec" && argc >= 5)
        return matvec_bench(argv[2], std::atoll(argv[3]), std::atoll(argv[4]),
                            argc > 5 ? static_cast<uint32_t>(std::max(1, std::atoi(argv[5]))) : 1u);
    const int steps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 8;
    return profile_model(argv[1], steps);
}
