// Every compute shader of the Vulkan forward pass against the CPU reference, on the chosen
// device (lavapipe in CI) with the validation layer silent: the matrix-vector product and the
// embedding lookup for every tensor type (weights quantized from random data, compared with
// tensor/dequantize), RMSNorm, RoPE + KV-cache store + attention, and the gated activations.
// Sizes are odd on purpose: rows not a multiple of the workgroup, token counts that cross the
// 8-token tile, matrices split into several buffers, attention spanning several 64-position
// chunks.
#include "cpu/kernels.h"
#include "model/weights.h"
#include "tensor/dequantize.h"
#include "tensor/half.h"
#include "tensor/quantize.h"
#include "vulkan/command_stream.h"
#include "vulkan/device.h"
#include "vulkan/gpu_weights.h"
#include "vulkan/instance.h"
#include "vulkan/ops.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace kurabe;
using namespace kurabe::gpu;

Q_DECLARE_METATYPE(kurabe::TensorType)

namespace {

std::vector<float> random_values(size_t n, uint32_t seed, float scale = 1.0f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    std::vector<float> v(n);
    for (float& x : v)
        x = dist(rng);
    return v;
}

// A matrix of `type` quantized from random values, kept in `storage`.
Matrix random_matrix(TensorType type, int64_t rows, int64_t cols, std::vector<uint8_t>& storage,
                     uint32_t seed)
{
    const uint64_t row_bytes = *tensor_bytes(type, static_cast<uint64_t>(cols));
    storage.assign(row_bytes * static_cast<uint64_t>(rows), 0);
    const std::vector<float> values = random_values(static_cast<size_t>(rows * cols), seed);
    for (int64_t r = 0; r < rows; ++r)
        quantize_row(type, values.data() + r * cols, storage.data() + r * row_bytes, cols);
    Matrix m;
    m.type = type;
    m.data = storage.data();
    m.rows = rows;
    m.cols = cols;
    m.row_bytes = row_bytes;
    return m;
}

} // namespace

class VulkanOpsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Instance> instance_;
    std::unique_ptr<Device> device_;
    std::unique_ptr<Kernels> kernels_;

    Buffer upload_floats(const std::vector<float>& v)
    {
        auto b = device_->create_buffer(std::max<size_t>(v.size(), 1) * 4, MemoryKind::Host);
        if (!b)
            qFatal("%s", b.message().c_str());
        if (!v.empty())
            std::memcpy(b->mapped(), v.data(), v.size() * 4);
        return std::move(*b);
    }

    // A product of X (T rows of `cols`) into Y (T rows of `rows`) with vectors from `vb`.
    static MatvecArgs product_args(const Buffer& xb, const Buffer& yb, const Buffer& vb,
                                   int64_t cols, int64_t rows, uint32_t T)
    {
        MatvecArgs a;
        a.x = &xb;
        a.x_stride = static_cast<uint32_t>(cols);
        a.y = &yb;
        a.y_stride = static_cast<uint32_t>(rows);
        a.n_tokens = T;
        a.vectors = &vb;
        return a;
    }

    static std::vector<float> read_floats(const Buffer& b, size_t n)
    {
        std::vector<float> v(n);
        std::memcpy(v.data(), b.mapped(), n * 4);
        return v;
    }

    // Records what `record` adds and runs it on a fresh stream.
    template <typename F>
    void run(F&& record)
    {
        auto stream = CommandStream::create(*device_);
        QVERIFY2(stream.ok(), stream.ok() ? "" : stream.message().c_str());
        QVERIFY((*stream)->begin().ok());
        const Result<void> recorded = record(**stream);
        QVERIFY2(recorded.ok(), recorded.ok() ? "" : recorded.message().c_str());
        const Result<void> done = (*stream)->submit_and_wait();
        QVERIFY2(done.ok(), done.ok() ? "" : done.message().c_str());
    }

    static void add_type_rows()
    {
        QTest::addColumn<TensorType>("type");
        QTest::addColumn<int>("cols");
        for (TensorType t : {TensorType::F32, TensorType::F16, TensorType::BF16}) {
            QTest::addRow("%s, 172 columns", tensor_type_name(t).data()) << t << 172;
            QTest::addRow("%s, 45 columns", tensor_type_name(t).data()) << t << 45;
        }
        for (TensorType t : {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
                             TensorType::Q8_0, TensorType::IQ4_NL})
            QTest::addRow("%s", tensor_type_name(t).data()) << t << 160;
        for (TensorType t : {TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                             TensorType::Q6_K, TensorType::IQ4_XS})
            QTest::addRow("%s", tensor_type_name(t).data()) << t << 512;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto instance = Instance::create(instance_options_from_environment());
        QVERIFY2(instance.ok(), instance.ok() ? "" : instance.message().c_str());
        instance_ = std::move(*instance);
        std::string why;
        const auto chosen = choose_device(instance_->devices(), "", &why);
        if (!chosen)
            QSKIP(qPrintable(QStringLiteral("SKIPPED: no Vulkan device (%1); install "
                                            "mesa-vulkan-drivers for lavapipe")
                                 .arg(QString::fromStdString(why))));
        auto device = Device::create(*instance_, instance_->devices()[*chosen]);
        QVERIFY2(device.ok(), device.ok() ? "" : device.message().c_str());
        device_ = std::move(*device);
        kernels_ = std::make_unique<Kernels>(*device_);
    }

    // Each test starts from the device's default kernels (some switch variants on and off).
    void init()
    {
        if (!kernels_)
            return;
        kernels_->set_one_lane_per_row(device_->info().type == DeviceType::Cpu);
        kernels_->set_texel_kernels(true);
    }

    void cleanup()
    {
        const std::vector<std::string> messages = instance_->validation_messages();
        QVERIFY2(messages.empty(), messages.empty() ? "" : messages.front().c_str());
    }

    // On lavapipe (8-lane subgroups, a CPU device) the products with one lane per row take
    // matvec_sg.comp, reading texels: the rows below with one lane per row, columns that are
    // a multiple of 4 and interleaved quantized rows test that shader, the others (45
    // columns, rows not interleaved) matvec.comp.
    void cpu_devices_read_texels()
    {
        if (device_->info().type != DeviceType::Cpu || device_->info().subgroup_size != 8)
            QSKIP("not a CPU device with 8-lane subgroups");
        QVERIFY(device_->texel_views_for_all());
        QVERIFY(kernels_->texel_kernels());
        auto b = device_->create_buffer(20, MemoryKind::Host);
        QVERIFY(b.ok());
        QCOMPARE(b->size(), uint64_t{32}); // whole texels
        QVERIFY(b->texel_view() != VK_NULL_HANDLE);
    }

    void matvec_matches_dot_row_data() { add_type_rows(); }

    void matvec_matches_dot_row()
    {
        QFETCH(TensorType, type);
        QFETCH(int, cols);
        const int64_t rows = 77;
        std::vector<uint8_t> storage;
        const Matrix m = random_matrix(type, rows, cols, storage, 7);
        // Parts of about 40 rows: the product must not notice the split. On CPU devices the
        // quantized rows are interleaved in groups of 32 (parts of 32 rows, the last group
        // padded), which every mode below reads. Parts of 7 rows cannot hold a group, so the
        // second upload stores rows one after another on every device.
        auto gm = upload_matrix(*device_, m, 40 * m.row_bytes + 16);
        QVERIFY2(gm.ok(), gm.ok() ? "" : gm.message().c_str());
        const bool quantized = tensor_type_traits(static_cast<uint32_t>(type))->block_elements > 1;
        QCOMPARE(gm->interleave, device_->info().type == DeviceType::Cpu && quantized ? 32u : 1u);
        QCOMPARE(gm->parts.size(), gm->interleave == 32 ? size_t{3} : size_t{2});
        auto plain = upload_matrix(*device_, m, 7 * m.row_bytes + 16);
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.message().c_str());
        QCOMPARE(plain->interleave, 1u);
        QCOMPARE(plain->parts.size(), size_t{11});

        // Modes: lanes per row (GPUs), one lane per row reading texels (matvec_sg.comp,
        // lavapipe's default; the host takes matvec.comp for a quantized matrix that is not
        // interleaved), one lane per row without (matvec.comp).
        for (const GpuMatrix* matrix : {&*gm, &*plain})
            for (const int mode : {0, 1, 2})
                for (uint32_t T : {1u, 3u, 9u}) {
                    kernels_->set_one_lane_per_row(mode != 0);
                    kernels_->set_texel_kernels(mode == 1);
                    const std::vector<float> x =
                        random_values(static_cast<size_t>(T) * cols, 11 + T);
                    const std::vector<float> bias = random_values(rows, 5);
                    const std::vector<float> y0 = random_values(static_cast<size_t>(T) * rows, 3);
                    Buffer xb = upload_floats(x), yb = upload_floats(y0), vb = upload_floats(bias);
                    Buffer acc = upload_floats(y0);
                    run([&](CommandStream& s) -> Result<void> {
                        MatvecArgs a = product_args(xb, yb, vb, cols, rows, T);
                        a.bias = 0;
                        if (Result<void> r = record_matvec(s, *kernels_, *matrix, a); !r)
                            return r;
                        a.y = &acc;
                        a.bias = k_no_vector;
                        a.accumulate = true;
                        return record_matvec(s, *kernels_, *matrix, a);
                    });
                    const std::vector<float> got = read_floats(yb, static_cast<size_t>(T) * rows);
                    const std::vector<float> got_acc =
                        read_floats(acc, static_cast<size_t>(T) * rows);
                    std::vector<float> w(static_cast<size_t>(cols));
                    for (uint32_t t = 0; t < T; ++t) {
                        for (int64_t r = 0; r < rows; ++r) {
                            dequantize_row(type, m.row(r), w.data(), cols);
                            double expected = 0, magnitude = 0;
                            for (int i = 0; i < cols; ++i) {
                                expected += static_cast<double>(w[i]) * x[t * cols + i];
                                magnitude += std::abs(static_cast<double>(w[i]) * x[t * cols + i]);
                            }
                            const double tol = 1e-5 * magnitude + 1e-5;
                            const size_t i = t * rows + static_cast<size_t>(r);
                            if (std::abs(got[i] - (expected + bias[r])) > tol ||
                                std::abs(got_acc[i] - (expected + y0[i])) > tol + 1e-5)
                                QFAIL(qPrintable(
                                    QStringLiteral("interleave %7, mode %8, T=%1 token %2 "
                                                   "row %3: got %4 (acc %5), expected %6")
                                        .arg(T)
                                        .arg(t)
                                        .arg(r)
                                        .arg(got[i])
                                        .arg(got_acc[i] - y0[i])
                                        .arg(expected)
                                        .arg(matrix->interleave)
                                        .arg(mode)));
                        }
                    }
                }
    }

    void matvec_norm_fusion_matches_cpu_data()
    {
        QTest::addColumn<TensorType>("type");
        QTest::addColumn<int>("cols");
        QTest::addColumn<bool>("one_lane");
        for (const bool one_lane : {false, true}) {
            const char* mode = one_lane ? "one lane per row" : "lanes per row";
            QTest::addRow("F32, 172 columns, %s", mode) << TensorType::F32 << 172 << one_lane;
            QTest::addRow("Q4_K, %s", mode) << TensorType::Q4_K << 512 << one_lane;
            QTest::addRow("Q6_K, %s", mode) << TensorType::Q6_K << 256 << one_lane;
        }
    }

    // The input RMSNorm computed inside the product, against the CPU doing rms_norm() first,
    // then the dot product; for a prompt (8-token tiles) and a single token.
    void matvec_norm_fusion_matches_cpu()
    {
        QFETCH(TensorType, type);
        QFETCH(int, cols);
        QFETCH(bool, one_lane);
        kernels_->set_one_lane_per_row(one_lane);
        const int64_t rows = 21;
        std::vector<uint8_t> storage;
        const Matrix m = random_matrix(type, rows, cols, storage, 17);
        auto gm = upload_matrix(*device_, m);
        QVERIFY(gm.ok());
        for (const uint32_t T : {10u, 1u}) {
            const std::vector<float> x = random_values(static_cast<size_t>(T) * cols, 19, 2.0f);
            const std::vector<float> norm = random_values(static_cast<size_t>(cols) + 5, 23);
            Buffer xb = upload_floats(x), vb = upload_floats(norm);
            Buffer yb = upload_floats(std::vector<float>(static_cast<size_t>(T) * rows));
            run([&](CommandStream& s) {
                MatvecArgs a = product_args(xb, yb, vb, cols, rows, T);
                a.norm = 5;
                a.eps = 1e-5f;
                return record_matvec(s, *kernels_, *gm, a);
            });
            const std::vector<float> got = read_floats(yb, static_cast<size_t>(T) * rows);
            std::vector<float> w(static_cast<size_t>(cols)), in(static_cast<size_t>(cols));
            for (uint32_t t = 0; t < T; ++t) {
                rms_norm(x.data() + static_cast<size_t>(t) * cols, norm.data() + 5, in.data(), 1,
                         cols, 1e-5f);
                for (int64_t r = 0; r < rows; ++r) {
                    dequantize_row(type, m.row(r), w.data(), cols);
                    double expected = 0, magnitude = 0;
                    for (int i = 0; i < cols; ++i) {
                        expected += static_cast<double>(w[i]) * in[i];
                        magnitude += std::abs(static_cast<double>(w[i]) * in[i]);
                    }
                    const float g = got[t * rows + static_cast<size_t>(r)];
                    if (std::abs(g - expected) > 1e-4 * magnitude + 1e-5)
                        QFAIL(qPrintable(QStringLiteral("%1 tokens, token %2 row %3: %4 vs %5")
                                             .arg(T)
                                             .arg(t)
                                             .arg(r)
                                             .arg(g)
                                             .arg(expected)));
                }
            }
        }
    }

    void get_rows_matches_dequantize_data() { add_type_rows(); }

    void get_rows_matches_dequantize()
    {
        QFETCH(TensorType, type);
        QFETCH(int, cols);
        const int64_t rows = 70;
        std::vector<uint8_t> storage;
        const Matrix m = random_matrix(type, rows, cols, storage, 9);
        // Parts of 33 rows, or 32 interleaved (CPU devices, quantized types), the last one short.
        auto gm = upload_matrix(*device_, m, 33 * m.row_bytes + 16);
        QVERIFY2(gm.ok(), gm.ok() ? "" : gm.message().c_str());
        QCOMPARE(gm->parts.size(), size_t{3});
        const std::vector<uint32_t> ids = {0, 69, 5, 31, 31, 32, 33, 64, 40};
        auto tokens = device_->create_buffer(ids.size() * 4, MemoryKind::Host);
        QVERIFY(tokens.ok());
        std::memcpy(tokens->mapped(), ids.data(), ids.size() * 4);
        Buffer out = upload_floats(std::vector<float>(ids.size() * cols, -1.0f));
        run([&](CommandStream& s) {
            return record_get_rows(s, *kernels_, *gm, *tokens, static_cast<uint32_t>(ids.size()),
                                   out, 2.0f);
        });
        const std::vector<float> got = read_floats(out, ids.size() * cols);
        std::vector<float> expected(static_cast<size_t>(cols));
        for (size_t t = 0; t < ids.size(); ++t) {
            dequantize_row(type, m.row(ids[t]), expected.data(), cols);
            for (int i = 0; i < cols; ++i)
                QCOMPARE(got[t * cols + i], expected[i] * 2.0f);
        }
    }

    void rms_norm_matches_cpu_data()
    {
        // Rows of a multiple of 4 with weights at a multiple of 4 take rms_norm_sg.comp on
        // CPU devices (texels), the others rms_norm.comp.
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("add");
        QTest::addColumn<int>("weight");
        QTest::addRow("64") << 64 << false << 3;
        QTest::addRow("173, added") << 173 << true << 3;
        QTest::addRow("2048") << 2048 << false << 3;
        QTest::addRow("64, texels") << 64 << false << 4;
        QTest::addRow("2052, texels, added") << 2052 << true << 8;
    }

    void rms_norm_matches_cpu()
    {
        QFETCH(int, width);
        QFETCH(bool, add);
        QFETCH(int, weight);
        const int rows = 5;
        const std::vector<float> x = random_values(static_cast<size_t>(rows * width), 1, 3.0f);
        const std::vector<float> w = random_values(static_cast<size_t>(width + weight), 2);
        const std::vector<float> y0 = random_values(static_cast<size_t>(rows * width), 4);
        Buffer xb = upload_floats(x), wb = upload_floats(w), yb = upload_floats(y0);
        run([&](CommandStream& s) {
            return record_rms_norm(s, *kernels_, xb, wb, static_cast<uint32_t>(weight), yb,
                                   static_cast<uint32_t>(width), rows, 1e-5f, add);
        });
        std::vector<float> expected(x.size());
        rms_norm(x.data(), w.data() + weight, expected.data(), rows, width, 1e-5f);
        const std::vector<float> got = read_floats(yb, x.size());
        for (size_t i = 0; i < x.size(); ++i)
            QVERIFY(std::abs(got[i] - (expected[i] + (add ? y0[i] : 0.0f))) < 1e-4f);
    }

    void glu_matches_cpu_data()
    {
        // Rows of a multiple of 4 take glu_sg.comp on CPU devices (texels), others glu.comp.
        QTest::addColumn<bool>("gelu_gate");
        QTest::addColumn<int>("n_ff_value");
        QTest::addRow("SwiGLU") << false << 172;
        QTest::addRow("GeGLU") << true << 172;
        QTest::addRow("SwiGLU, 173") << false << 173;
        QTest::addRow("GeGLU, 173") << true << 173;
    }

    void glu_matches_cpu()
    {
        QFETCH(bool, gelu_gate);
        QFETCH(int, n_ff_value);
        const auto n_ff = static_cast<uint32_t>(n_ff_value);
        const uint32_t T = 3;
        const std::vector<float> gu = random_values(2 * n_ff * T, 8, 4.0f);
        Buffer in = upload_floats(gu), out = upload_floats(std::vector<float>(n_ff * T));
        run([&](CommandStream& s) {
            return record_glu(s, *kernels_, in, out, n_ff, T, gelu_gate);
        });
        const std::vector<float> got = read_floats(out, n_ff * T);
        for (uint32_t t = 0; t < T; ++t) {
            for (uint32_t i = 0; i < n_ff; ++i) {
                const float g = gu[2 * n_ff * t + i], u = gu[2 * n_ff * t + n_ff + i];
                const float expected = (gelu_gate ? gelu(g) : silu(g)) * u;
                QVERIFY(std::abs(got[t * n_ff + i] - expected) < 1e-4f * (1 + std::abs(expected)));
            }
        }
    }

    void attention_matches_cpu_data()
    {
        QTest::addColumn<bool>("neox");
        QTest::addColumn<bool>("qk_norm");
        QTest::addColumn<int>("window");
        QTest::addColumn<float>("softcap");
        QTest::addColumn<int>("p0");
        QTest::addColumn<int>("T");
        QTest::addColumn<bool>("subgroup");
        QTest::addColumn<int>("rope_dim_value");
        // attention_sg.comp and rope_store_sg.comp where the device allows them (lavapipe),
        // and attention.comp and rope_store.comp. RoPE over 48 of 64 dimensions, except the
        // whole-head NeoX rows (rope_store_sg.comp takes NeoX only over whole heads).
        for (const bool sg : {true, false}) {
            const char* shader = sg ? "attention_sg" : "attention";
            QTest::addRow("neox, whole head, qk-norm, prompt, %s", shader)
                << true << true << 0 << 0.0f << 0 << 7 << sg << 64;
            QTest::addRow("neox, whole head, batch after 70 cached, %s", shader)
                << true << false << 0 << 0.0f << 70 << 5 << sg << 64;
            QTest::addRow("normal rope, one token at 0, %s", shader)
                << false << false << 0 << 0.0f << 0 << 1 << sg << 48;
            QTest::addRow("neox, qk-norm, prompt, %s", shader)
                << true << true << 0 << 0.0f << 0 << 7 << sg << 48;
            QTest::addRow("decode over several chunks, %s", shader)
                << false << false << 0 << 0.0f << 150 << 1 << sg << 48;
            QTest::addRow("batch after 70 cached, %s", shader)
                << true << false << 0 << 0.0f << 70 << 5 << sg << 48;
            QTest::addRow("sliding window, soft-cap, %s", shader)
                << false << false << 20 << 30.0f << 90 << 4 << sg << 48;
        }
    }

    // RoPE + cache store + attention of T tokens at p0 after p0 random cached positions.
    void attention_matches_cpu()
    {
        QFETCH(bool, neox);
        QFETCH(bool, qk_norm);
        QFETCH(int, window);
        QFETCH(float, softcap);
        QFETCH(int, p0);
        QFETCH(int, T);
        QFETCH(bool, subgroup);
        QFETCH(int, rope_dim_value);
        kernels_->set_texel_kernels(subgroup);
        const uint32_t n_head = 4, n_kv = 2, d = 64, n_ctx = 200;
        const auto rope_dim = static_cast<uint32_t>(rope_dim_value);
        const uint32_t nq = n_head * d, nk = n_kv * d, stride = nq + 2 * nk;
        const float scale = 1.0f / std::sqrt(static_cast<float>(d));

        // Cache: positions < p0 hold random f16 values; the CPU keeps the same values in f32.
        std::vector<float> k_ref = random_values(static_cast<size_t>(n_ctx) * nk, 21);
        std::vector<float> v_ref = random_values(static_cast<size_t>(n_ctx) * nk, 22);
        std::vector<uint16_t> k16(k_ref.size()), v16(v_ref.size());
        for (size_t i = 0; i < k_ref.size(); ++i) {
            k16[i] = f32_to_f16(k_ref[i]);
            v16[i] = f32_to_f16(v_ref[i]);
            k_ref[i] = f16_to_f32(k16[i]);
            v_ref[i] = f16_to_f32(v16[i]);
        }
        auto kc = device_->create_buffer(k16.size() * 2, MemoryKind::Host);
        auto vc = device_->create_buffer(v16.size() * 2, MemoryKind::Host);
        QVERIFY(kc.ok() && vc.ok());
        std::memcpy(kc->mapped(), k16.data(), k16.size() * 2);
        std::memcpy(vc->mapped(), v16.data(), v16.size() * 2);

        std::vector<float> inv_freq(rope_dim / 2);
        for (uint32_t i = 0; i < rope_dim / 2; ++i)
            inv_freq[i] = static_cast<float>(std::pow(10000.0, -2.0 * i / rope_dim));
        std::vector<float> table;
        for (uint32_t pos = 0; pos < n_ctx; ++pos) {
            for (float f : inv_freq) {
                table.push_back(std::cos(static_cast<float>(pos) * f));
                table.push_back(std::sin(static_cast<float>(pos) * f));
            }
        }
        const std::vector<float> norms = random_values(2 * d, 31);
        std::vector<float> qkv = random_values(static_cast<size_t>(T) * stride, 33);
        Buffer qkv_b = upload_floats(qkv), table_b = upload_floats(table),
               norms_b = upload_floats(norms);
        Buffer out = upload_floats(std::vector<float>(static_cast<size_t>(T) * nq));

        run([&](CommandStream& s) -> Result<void> {
            RopeStoreArgs r;
            r.n_head = n_head;
            r.n_head_kv = n_kv;
            r.head_dim = r.head_dim_v = d;
            r.rope_dim = rope_dim;
            r.neox = neox;
            r.qkv_stride = stride;
            r.pos0 = static_cast<uint32_t>(p0);
            if (qk_norm) {
                r.q_norm = 0;
                r.k_norm = d;
            }
            r.eps = 1e-6f;
            r.n_tokens = static_cast<uint32_t>(T);
            if (Result<void> e =
                    record_rope_store(s, *kernels_, qkv_b, norms_b, table_b, *kc, *vc, r);
                !e)
                return e;
            s.barrier();
            AttentionArgs a;
            a.n_head = n_head;
            a.n_head_kv = n_kv;
            a.head_dim = a.head_dim_v = d;
            a.qkv_stride = stride;
            a.pos0 = static_cast<uint32_t>(p0);
            a.scale = scale;
            a.softcap = softcap;
            a.window = static_cast<uint32_t>(window);
            a.n_tokens = static_cast<uint32_t>(T);
            return record_attention(s, *kernels_, qkv_b, *kc, *vc, out, a);
        });

        // The CPU reference: norm, rope, store (rounded to f16), attend.
        const RopeStyle style = neox ? RopeStyle::NeoX : RopeStyle::Normal;
        for (int t = 0; t < T; ++t) {
            float* q = qkv.data() + static_cast<size_t>(t) * stride;
            float* k = q + nq;
            if (qk_norm) {
                rms_norm(q, norms.data(), q, n_head, d, 1e-6f);
                rms_norm(k, norms.data() + d, k, n_kv, d, 1e-6f);
            }
            rope(q, n_head, d, rope_dim, style, static_cast<float>(p0 + t), inv_freq.data());
            rope(k, n_kv, d, rope_dim, style, static_cast<float>(p0 + t), inv_freq.data());
            for (uint32_t i = 0; i < nk; ++i) {
                k_ref[(p0 + t) * nk + i] = f16_to_f32(f32_to_f16(k[i]));
                v_ref[(p0 + t) * nk + i] = f16_to_f32(f32_to_f16(k[nk + i]));
            }
        }
        const std::vector<float> got = read_floats(out, static_cast<size_t>(T) * nq);
        for (int t = 0; t < T; ++t) {
            const int pos = p0 + t;
            const int first = window > 0 ? std::max(0, pos - window + 1) : 0;
            for (uint32_t h = 0; h < n_head; ++h) {
                const float* q = qkv.data() + static_cast<size_t>(t) * stride + h * d;
                const uint32_t kvh = h / (n_head / n_kv);
                std::vector<double> p;
                double mx = -INFINITY, sum = 0;
                for (int j = first; j <= pos; ++j) {
                    double s = 0;
                    for (uint32_t i = 0; i < d; ++i)
                        s += static_cast<double>(q[i]) * k_ref[j * nk + kvh * d + i];
                    s *= scale;
                    if (softcap > 0)
                        s = softcap * std::tanh(s / softcap);
                    p.push_back(s);
                    mx = std::max(mx, s);
                }
                for (double& s : p) {
                    s = std::exp(s - mx);
                    sum += s;
                }
                for (uint32_t i = 0; i < d; ++i) {
                    double o = 0;
                    for (int j = first; j <= pos; ++j)
                        o += p[static_cast<size_t>(j - first)] * v_ref[j * nk + kvh * d + i];
                    o /= sum;
                    const float g = got[static_cast<size_t>(t) * nq + h * d + i];
                    if (std::abs(g - o) > 2e-3)
                        QFAIL(qPrintable(QStringLiteral("token %1 head %2 dim %3: %4 vs %5")
                                             .arg(t)
                                             .arg(h)
                                             .arg(i)
                                             .arg(g)
                                             .arg(o)));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(VulkanOpsTest)
#include "vulkan_ops_test.moc"
