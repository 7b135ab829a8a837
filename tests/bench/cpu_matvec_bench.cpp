// Where CPU decode time goes: the row-dot kernels alone, on a weight matrix far larger than the
// caches, single- and multi-threaded, reported as GB/s of weights streamed. Compare with the
// machine's memory bandwidth: a kernel well below it is compute-bound.
#include "cpu/fast_dot.h"
#include "cpu/thread_pool.h"
#include "tensor/quantize.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace kurabe;

int main()
{
    const int64_t cols = 4096, rows = 16384; // 64 Mi weights: 36 MB at Q4_0, far beyond L3
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> row(cols), x(cols), y(rows);
    for (float& v : x)
        v = normal(rng);
    std::printf("%-6s %8s %10s %10s %10s\n", "type", "threads", "MB", "ms", "GB/s");
    for (TensorType type : {TensorType::Q4_0, TensorType::Q4_K, TensorType::Q6_K, TensorType::Q8_0,
                            TensorType::F16, TensorType::F32}) {
        const uint64_t row_bytes = *tensor_bytes(type, cols);
        std::vector<uint8_t> weights(row_bytes * rows);
        for (int64_t r = 0; r < rows; ++r) {
            for (float& v : row)
                v = normal(rng) * 0.02f;
            quantize_row(type, row.data(), weights.data() + r * row_bytes, cols);
        }
        const RowDotFn dot = row_dot_kernel(type);
        for (int threads : {1, 2}) {
            ThreadPool pool(threads);
            std::vector<double> times;
            for (int rep = 0; rep < 6; ++rep) {
                const auto start = std::chrono::steady_clock::now();
                pool.parallel_for(rows, [&](int64_t begin, int64_t end, int32_t) {
                    for (int64_t r = begin; r < end; ++r)
                        y[static_cast<size_t>(r)] =
                            dot(weights.data() + r * row_bytes, x.data(), cols);
                });
                times.push_back(std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
            }
            std::sort(times.begin(), times.end());
            const double ms = times[times.size() / 2];
            std::printf("%-6s %8d %10.1f %10.2f %10.2f\n",
                        std::string(tensor_type_name(type)).c_str(), threads,
                        static_cast<double>(weights.size()) / 1e6, ms,
                        static_cast<double>(weights.size()) / (ms * 1e6));
        }
    }
    std::printf("kernels: %s\n", row_dot_isa());
    return 0;
}
