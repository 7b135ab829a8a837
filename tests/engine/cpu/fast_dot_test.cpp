// The CPU's vectorized and integer row-dot kernels against the reference dot_row, for every
// type that has one, on odd block counts (the kernels have no tail handling to hide behind).
#include "cpu/fast_dot.h"
#include "tensor/dequantize.h"
#include "tensor/quantize.h"

#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace kurabe;

Q_DECLARE_METATYPE(kurabe::TensorType)

namespace {

struct Case
{
    std::vector<uint8_t> row;
    std::vector<float> x;
    int64_t n;
    double magnitude; // sum |w_i x_i|: the scale rounding errors are measured against
};

Case make_case(TensorType type, int64_t blocks, uint32_t seed)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    Case c;
    c.n = blocks * traits->block_elements;
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> w(static_cast<size_t>(c.n));
    for (float& v : w)
        v = normal(rng) * 0.05f;
    c.x.resize(w.size());
    for (float& v : c.x)
        v = normal(rng) * 3.0f;
    c.row.resize(*tensor_bytes(type, static_cast<uint64_t>(c.n)));
    quantize_row(type, w.data(), c.row.data(), c.n);
    std::vector<float> dequantized(w.size());
    dequantize_row(type, c.row.data(), dequantized.data(), c.n);
    c.magnitude = 0;
    for (size_t i = 0; i < w.size(); ++i)
        c.magnitude += std::abs(dequantized[i] * c.x[i]);
    return c;
}

} // namespace

class FastDotTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kernels_match_the_reference_data()
    {
        QTest::addColumn<TensorType>("type");
        QTest::addColumn<int>("blocks");
        for (TensorType type :
             {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0,
              TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
              TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
              TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS}) {
            const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
            // Plain types: odd element counts; block types: 1, 13 and 127 blocks.
            for (int blocks : traits->block_elements == 1 ? std::vector<int>{13, 127, 4099}
                                                          : std::vector<int>{1, 13, 127})
                QTest::addRow("%s x%d", std::string(traits->name).c_str(), blocks)
                    << type << blocks;
        }
    }

    void kernels_match_the_reference()
    {
        QFETCH(TensorType, type);
        QFETCH(int, blocks);
        const Case c = make_case(type, blocks, 1234u + static_cast<uint32_t>(blocks));
        const double expected = dot_row(type, c.row.data(), c.x.data(), c.n);

        // f32-activation kernels: only summation order differs from the reference.
        const RowDotFn kernel = row_dot_kernel(type);
        QVERIFY(kernel);
        const double fast = kernel(c.row.data(), c.x.data(), c.n);
        QVERIFY2(std::abs(fast - expected) <= 1e-5 * c.magnitude + 1e-6,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fast).arg(expected)));

        // Integer kernels: 16-bit activations, so within a few 2^-16 of the magnitude.
        if (const RowDotInt16Fn int16_kernel = row_dot_int16_kernel(type)) {
            std::vector<int16_t> values(static_cast<size_t>(c.n));
            std::vector<float> scales(static_cast<size_t>(c.n / 32));
            std::vector<int32_t> sums(scales.size());
            const Int16Activations x{values.data(), scales.data(), sums.data()};
            quantize_activations(c.x.data(), c.n, x);
            const double integer = int16_kernel(c.row.data(), x, c.n);
            QVERIFY2(std::abs(integer - expected) <= 4e-5 * c.magnitude,
                     qPrintable(QStringLiteral("%1 vs %2").arg(integer).arg(expected)));
        }
    }

    void tile_kernel_matches_plain_dots_data()
    {
        QTest::addColumn<int>("n");
        for (int n : {1, 7, 8, 13, 127, 2049})
            QTest::addRow("n=%d", n) << n;
    }

    void tile_kernel_matches_plain_dots()
    {
        QFETCH(int, n);
        std::mt19937 rng(static_cast<uint32_t>(n));
        std::normal_distribution<float> normal(0.0f, 1.0f);
        const int64_t stride = n + 3; // rows need not be packed
        std::vector<float> rows(static_cast<size_t>(4 * stride)), x0(static_cast<size_t>(n)),
            x1(static_cast<size_t>(n));
        for (float& v : rows)
            v = normal(rng);
        for (float& v : x0)
            v = normal(rng);
        for (float& v : x1)
            v = normal(rng);
        float out[8];
        dot_tile_4x2_kernel()(rows.data(), stride, x0.data(), x1.data(), n, out);
        for (int i = 0; i < 4; ++i) {
            for (int j = 0; j < 2; ++j) {
                const std::vector<float>& x = j == 0 ? x0 : x1;
                double expected = 0, magnitude = 0;
                for (int k = 0; k < n; ++k) {
                    expected += static_cast<double>(rows[static_cast<size_t>(i * stride + k)]) *
                                x[static_cast<size_t>(k)];
                    magnitude += std::abs(rows[static_cast<size_t>(i * stride + k)] *
                                          x[static_cast<size_t>(k)]);
                }
                QVERIFY2(std::abs(out[2 * i + j] - expected) <= 1e-5 * magnitude + 1e-6,
                         qPrintable(QStringLiteral("row %1, vector %2: %3 vs %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(out[2 * i + j])
                                        .arg(expected)));
            }
        }
    }

    void activations_round_to_16_bits_per_block()
    {
        std::vector<float> x(64);
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = (i < 32 ? 0.001f : 1000.0f) * std::sin(static_cast<float>(i) + 0.5f);
        x[40] = -1000.0f; // the second block's largest magnitude
        std::vector<int16_t> values(64);
        std::vector<float> scales(2);
        std::vector<int32_t> sums(2);
        quantize_activations(x.data(), 64, {values.data(), scales.data(), sums.data()});
        QCOMPARE(values[40], int16_t(-32767));
        for (size_t i = 0; i < x.size(); ++i) {
            const float block_max = i < 32 ? 0.001f : 1000.0f;
            QVERIFY(std::abs(values[i] * scales[i / 32] - x[i]) <= block_max / 32767.0f);
        }
        int32_t sum = 0;
        for (int i = 0; i < 32; ++i)
            sum += values[static_cast<size_t>(i)];
        QCOMPARE(sums[0], sum);
        std::vector<float> zeros(32, 0.0f);
        quantize_activations(zeros.data(), 32, {values.data(), scales.data(), sums.data()});
        QCOMPARE(scales[0], 0.0f);
        QCOMPARE(values[0], int16_t(0));
    }
};

QTEST_GUILESS_MAIN(FastDotTest)
#include "fast_dot_test.moc"
