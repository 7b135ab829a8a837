// Quantize -> dequantize round trips for every quantized type on seeded random data, with a
// per-type bound on the relative RMS error that a broken encoder or decoder would miss by far;
// and dot_row against dot(dequantize_row, x).
#include "tensor/dequantize.h"
#include "tensor/quantize.h"

#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using kurabe::TensorType;
Q_DECLARE_METATYPE(TensorType)

namespace {

std::vector<float> random_values(size_t n, unsigned seed, float scale)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> v(n);
    for (float& x : v)
        x = normal(rng);
    return v;
}

double relative_rms_error(const std::vector<float>& want, const std::vector<float>& got)
{
    double err = 0, ref = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        err += (double(want[i]) - got[i]) * (double(want[i]) - got[i]);
        ref += double(want[i]) * want[i];
    }
    return std::sqrt(err / ref);
}

const std::pair<TensorType, double> kBounds[] = {
    // Relative RMS error bounds for gaussian data, about 1.25x what these encoders reach; a
    // mis-packed bit or scale gives errors of 0.3 and more.
    {TensorType::F32, 0.0},      {TensorType::F16, 0.0003}, {TensorType::BF16, 0.002},
    {TensorType::Q8_0, 0.0065},  {TensorType::Q6_K, 0.023}, {TensorType::Q5_0, 0.052},
    {TensorType::Q5_1, 0.046},   {TensorType::Q5_K, 0.047}, {TensorType::Q4_0, 0.105},
    {TensorType::Q4_1, 0.096},   {TensorType::Q4_K, 0.096}, {TensorType::IQ4_NL, 0.099},
    {TensorType::IQ4_XS, 0.099}, {TensorType::Q3_K, 0.19},  {TensorType::Q2_K, 0.41},
};

} // namespace

class QuantizeTest : public QObject
{
    Q_OBJECT

private slots:
    void round_trip_data();
    void round_trip();
    void dot_row_matches_dequantized_dot_data() { round_trip_data(); }
    void dot_row_matches_dequantized_dot();
    void zeros_stay_zero_data() { round_trip_data(); }
    void zeros_stay_zero();
    void rejects_partial_blocks();
};

void QuantizeTest::round_trip_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<double>("bound");
    for (const auto& [type, bound] : kBounds)
        QTest::addRow("%s", kurabe::tensor_type_name(type).data()) << type << bound;
}

void QuantizeTest::round_trip()
{
    QFETCH(TensorType, type);
    QFETCH(double, bound);
    const int64_t n = 256 * 24;
    for (float scale : {1.0f, 0.02f, 300.0f}) {
        const std::vector<float> values = random_values(size_t(n), 7, scale);
        std::vector<uint8_t> packed(*kurabe::tensor_bytes(type, uint64_t(n)));
        QCOMPARE(kurabe::quantize_row(type, values.data(), packed.data(), n), packed.size());
        std::vector<float> back(static_cast<size_t>(n));
        kurabe::dequantize_row(type, packed.data(), back.data(), n);
        const double error = relative_rms_error(values, back);
        QVERIFY2(error <= bound, qPrintable(QStringLiteral("scale %1: relative RMS error %2 > %3")
                                                .arg(double(scale))
                                                .arg(error)
                                                .arg(bound)));
        // Quantizing what the decoder produced must not drift much further (stable encoding).
        std::vector<uint8_t> again(packed.size());
        kurabe::quantize_row(type, back.data(), again.data(), n);
        std::vector<float> back2(static_cast<size_t>(n));
        kurabe::dequantize_row(type, again.data(), back2.data(), n);
        QVERIFY(relative_rms_error(values, back2) <= 2 * bound + 1e-6);
    }
}

void QuantizeTest::dot_row_matches_dequantized_dot()
{
    QFETCH(TensorType, type);
    for (int64_t n : {int64_t(256), int64_t(256 * 13)}) {
        const std::vector<float> values = random_values(size_t(n), 11, 1.0f);
        const std::vector<float> x = random_values(size_t(n), 12, 1.0f);
        std::vector<uint8_t> packed(*kurabe::tensor_bytes(type, uint64_t(n)));
        kurabe::quantize_row(type, values.data(), packed.data(), n);
        std::vector<float> w(static_cast<size_t>(n));
        kurabe::dequantize_row(type, packed.data(), w.data(), n);
        double want = 0, magnitude = 0;
        for (size_t i = 0; i < size_t(n); ++i) {
            want += double(w[i]) * x[i];
            magnitude += std::fabs(double(w[i]) * x[i]);
        }
        const float got = kurabe::dot_row(type, packed.data(), x.data(), n);
        QVERIFY2(
            std::fabs(got - want) <= 1e-5 * magnitude,
            qPrintable(
                QStringLiteral("n %1: dot_row %2, dequantized dot %3").arg(n).arg(got).arg(want)));
    }
}

void QuantizeTest::zeros_stay_zero()
{
    QFETCH(TensorType, type);
    const std::vector<float> zeros(512, 0.0f);
    std::vector<uint8_t> packed(*kurabe::tensor_bytes(type, 512));
    kurabe::quantize_row(type, zeros.data(), packed.data(), 512);
    std::vector<float> back(512, 1.0f);
    kurabe::dequantize_row(type, packed.data(), back.data(), 512);
    for (float v : back)
        QCOMPARE(v, 0.0f);
}

void QuantizeTest::rejects_partial_blocks()
{
    std::vector<float> values(300, 1.0f);
    std::vector<uint8_t> out(1024);
    QCOMPARE(kurabe::quantize_row(TensorType::Q4_K, values.data(), out.data(), 300), size_t(0));
    QCOMPARE(kurabe::quantize_row(TensorType::Q8_0, values.data(), out.data(), 33), size_t(0));
    QCOMPARE(kurabe::quantize_row(TensorType::Q8_K, values.data(), out.data(), 256), size_t(0));
}

QTEST_GUILESS_MAIN(QuantizeTest)
#include "quantize_test.moc"
