// Dequantization, block by block: blocks are written byte by byte here, and the expected values
// are computed from each layout's documented formula, written as loops over the layout (not as
// the per-element index arithmetic the engine uses), then compared bit for bit.
#include "tensor/dequantize.h"
#include "tensor/half.h"

#include <QTest>

#include <bit>
#include <cstring>
#include <random>
#include <vector>

using kurabe::TensorType;

namespace {

constexpr int8_t kLevels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                1,    13,   25,  38,  53,  69,  89,  113};

float h(const uint8_t* p)
{
    uint16_t bits;
    std::memcpy(&bits, p, 2);
    return kurabe::f16_to_f32(bits);
}

// --- the documented formulas --------------------------------------------------------------

void expect_q4_0(const uint8_t* b, float* y)
{
    const float d = h(b);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>((b[2 + j] & 15) - 8) * d;
        y[j + 16] = static_cast<float>((b[2 + j] >> 4) - 8) * d;
    }
}

void expect_q4_1(const uint8_t* b, float* y)
{
    const float d = h(b), m = h(b + 2);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(b[4 + j] & 15) * d + m;
        y[j + 16] = static_cast<float>(b[4 + j] >> 4) * d + m;
    }
}

// Q5: bit j of the little-endian u32 at `qh` is the fifth bit of value j.
int fifth_bit(const uint8_t* qh, int j)
{
    return (qh[j / 8] >> (j % 8)) & 1;
}

void expect_q5_0(const uint8_t* b, float* y)
{
    const float d = h(b);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(((b[6 + j] & 15) + 16 * fifth_bit(b + 2, j)) - 16) * d;
        y[j + 16] = static_cast<float>(((b[6 + j] >> 4) + 16 * fifth_bit(b + 2, j + 16)) - 16) * d;
    }
}

void expect_q5_1(const uint8_t* b, float* y)
{
    const float d = h(b), m = h(b + 2);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>((b[8 + j] & 15) + 16 * fifth_bit(b + 4, j)) * d + m;
        y[j + 16] = static_cast<float>((b[8 + j] >> 4) + 16 * fifth_bit(b + 4, j + 16)) * d + m;
    }
}

void expect_q8_0(const uint8_t* b, float* y)
{
    const float d = h(b);
    for (int j = 0; j < 32; ++j)
        y[j] = static_cast<float>(static_cast<int8_t>(b[2 + j])) * d;
}

void expect_iq4_nl(const uint8_t* b, float* y)
{
    const float d = h(b);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(kLevels[b[2 + j] & 15]) * d;
        y[j + 16] = static_cast<float>(kLevels[b[2 + j] >> 4]) * d;
    }
}

void expect_q2_k(const uint8_t* b, float* y)
{
    const uint8_t* scales = b;
    const uint8_t* q = b + 16;
    const float d = h(b + 80), dmin = h(b + 82);
    int is = 0;
    for (int n = 0; n < 256; n += 128, q += 32) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int half = 0; half < 2; ++half) {
                const uint8_t sc = scales[is++];
                const float dl = d * static_cast<float>(sc & 15),
                            ml = dmin * static_cast<float>(sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * static_cast<float>((q[l + 16 * half] >> shift) & 3) - ml;
            }
        }
    }
}

void expect_q3_k(const uint8_t* b, float* y)
{
    const uint8_t* hm = b;
    const uint8_t* q = b + 32;
    const uint8_t* s = b + 96;
    const float d = h(b + 108);
    // 16 scales of 6 bits: the low nibbles of bytes 0..7 then their high nibbles, with two
    // more bits each from bytes 8..11 (scale i: byte 8 + i % 4, bits 2 * (i / 4)).
    int scales[16];
    for (int i = 0; i < 16; ++i) {
        const int low = i < 8 ? s[i] & 15 : s[i - 8] >> 4;
        scales[i] = (low | (((s[8 + i % 4] >> (2 * (i / 4))) & 3) << 4)) - 32;
    }
    int is = 0;
    uint8_t m = 1;
    for (int n = 0; n < 256; n += 128, q += 32) {
        for (int shift = 0; shift < 8; shift += 2, m = static_cast<uint8_t>(m << 1)) {
            for (int half = 0; half < 2; ++half) {
                const float dl = d * static_cast<float>(scales[is++]);
                for (int l = 0; l < 16; ++l) {
                    const int k = l + 16 * half;
                    *y++ = dl * static_cast<float>(((q[k] >> shift) & 3) - ((hm[k] & m) ? 0 : 4));
                }
            }
        }
    }
}

void scale_min_k4(int j, const uint8_t* q, int& d, int& m)
{
    if (j < 4) {
        d = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        d = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        m = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

void expect_q45_k(const uint8_t* b, float* y, bool five)
{
    const float d = h(b), dmin = h(b + 2);
    const uint8_t* scales = b + 4;
    const uint8_t* qh = b + 16;
    const uint8_t* ql = five ? b + 48 : b + 16;
    uint8_t u1 = 1, u2 = 2;
    for (int j = 0, is = 0; j < 256; j += 64, is += 2, ql += 32) {
        int sc, m;
        scale_min_k4(is, scales, sc, m);
        const float d1 = d * static_cast<float>(sc), m1 = dmin * static_cast<float>(m);
        scale_min_k4(is + 1, scales, sc, m);
        const float d2 = d * static_cast<float>(sc), m2 = dmin * static_cast<float>(m);
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * static_cast<float>((ql[l] & 0xF) + (five && (qh[l] & u1) ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * static_cast<float>((ql[l] >> 4) + (five && (qh[l] & u2) ? 16 : 0)) - m2;
        u1 = static_cast<uint8_t>(u1 << 2);
        u2 = static_cast<uint8_t>(u2 << 2);
    }
}
void expect_q4_k(const uint8_t* b, float* y)
{
    expect_q45_k(b, y, false);
}
void expect_q5_k(const uint8_t* b, float* y)
{
    expect_q45_k(b, y, true);
}

void expect_q6_k(const uint8_t* b, float* y)
{
    const uint8_t* ql = b;
    const uint8_t* qh = b + 128;
    const auto* sc = reinterpret_cast<const int8_t*>(b + 192);
    const float d = h(b + 208);
    for (int n = 0; n < 256; n += 128, y += 128, ql += 64, qh += 32, sc += 8) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l] = d * static_cast<float>(sc[is + 0]) * static_cast<float>(q1);
            y[l + 32] = d * static_cast<float>(sc[is + 2]) * static_cast<float>(q2);
            y[l + 64] = d * static_cast<float>(sc[is + 4]) * static_cast<float>(q3);
            y[l + 96] = d * static_cast<float>(sc[is + 6]) * static_cast<float>(q4);
        }
    }
}

void expect_iq4_xs(const uint8_t* b, float* y)
{
    const float d = h(b);
    const int scales_h = b[2] | (b[3] << 8);
    const uint8_t* qs = b + 8;
    for (int ib = 0; ib < 8; ++ib, qs += 16, y += 32) {
        const int ls = ((b[4 + ib / 2] >> 4 * (ib % 2)) & 0xf) | (((scales_h >> 2 * ib) & 3) << 4);
        const float dl = d * static_cast<float>(ls - 32);
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * static_cast<float>(kLevels[qs[j] & 0xf]);
            y[j + 16] = dl * static_cast<float>(kLevels[qs[j] >> 4]);
        }
    }
}

void expect_f16(const uint8_t* b, float* y)
{
    *y = h(b);
}
void expect_bf16(const uint8_t* b, float* y)
{
    uint16_t bits;
    std::memcpy(&bits, b, 2);
    *y = std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}
void expect_f32(const uint8_t* b, float* y)
{
    std::memcpy(y, b, 4);
}

struct Layout
{
    TensorType type;
    int elements;
    int bytes;
    std::vector<int> f16_fields; // byte offsets of the f16 scales (d, then m/dmin)
    void (*expect)(const uint8_t*, float*);
};

const std::vector<Layout>& layouts()
{
    static const std::vector<Layout> all = {
        {TensorType::Q4_0, 32, 18, {0}, expect_q4_0},
        {TensorType::Q4_1, 32, 20, {0, 2}, expect_q4_1},
        {TensorType::Q5_0, 32, 22, {0}, expect_q5_0},
        {TensorType::Q5_1, 32, 24, {0, 2}, expect_q5_1},
        {TensorType::Q8_0, 32, 34, {0}, expect_q8_0},
        {TensorType::IQ4_NL, 32, 18, {0}, expect_iq4_nl},
        {TensorType::Q2_K, 256, 84, {80, 82}, expect_q2_k},
        {TensorType::Q3_K, 256, 110, {108}, expect_q3_k},
        {TensorType::Q4_K, 256, 144, {0, 2}, expect_q4_k},
        {TensorType::Q5_K, 256, 176, {0, 2}, expect_q5_k},
        {TensorType::Q6_K, 256, 210, {208}, expect_q6_k},
        {TensorType::IQ4_XS, 256, 136, {0}, expect_iq4_xs},
        {TensorType::F16, 1, 2, {}, expect_f16},
        {TensorType::BF16, 1, 2, {}, expect_bf16},
        {TensorType::F32, 1, 4, {}, expect_f32},
    };
    return all;
}

enum class Fill
{
    Random,
    AllOnes,
    AllZeros
};

} // namespace

Q_DECLARE_METATYPE(TensorType)
Q_DECLARE_METATYPE(Fill)

class DequantizeTest : public QObject
{
    Q_OBJECT

private slots:
    void block_matches_formula_data();
    void block_matches_formula();
    void traits_match_layouts();
};

void DequantizeTest::block_matches_formula_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<Fill>("fill");
    QTest::addColumn<QList<quint16>>("scales"); // f16 bit patterns for d (and m / dmin)
    QTest::addColumn<int>("seed");

    struct Case
    {
        const char* name;
        Fill fill;
        QList<quint16> scales;
    };
    const Case cases[] = {
        {"random", Fill::Random, {0x2e66 /* 0.1 */, 0x3800 /* 0.5 */}},
        {"negative scales", Fill::Random, {0xb266 /* -0.2 */, 0xbc00 /* -1 */}},
        {"max codes", Fill::AllOnes, {0x3e00 /* 1.5 */, 0x3400 /* 0.25 */}},
        {"zero codes", Fill::AllZeros, {0xba00 /* -0.75 */, 0x4000 /* 2 */}},
        {"f16 subnormal", Fill::Random, {0x0001 /* 2^-24 */, 0x83ff /* -largest subnormal */}},
        {"zero scale", Fill::Random, {0x0000, 0x8000}},
        {"large scale", Fill::Random, {0x7bff /* 65504 */, 0x5640 /* 100 */}},
    };
    int seed = 1;
    for (const Layout& layout : layouts()) {
        const char* name = kurabe::tensor_type_name(layout.type).data();
        for (const Case& c : cases)
            QTest::addRow("%s %s", name, c.name) << layout.type << c.fill << c.scales << seed++;
    }
}

void DequantizeTest::block_matches_formula()
{
    QFETCH(TensorType, type);
    QFETCH(Fill, fill);
    QFETCH(QList<quint16>, scales);
    QFETCH(int, seed);
    const Layout* layout = nullptr;
    for (const Layout& l : layouts())
        layout = l.type == type ? &l : layout;
    QVERIFY(layout);

    // Three blocks in a row, so block strides are exercised too; plain types get 96 values.
    const int blocks = layout->elements == 1 ? 96 : 3;
    std::vector<uint8_t> bytes(static_cast<size_t>(blocks * layout->bytes));
    std::mt19937 rng(static_cast<unsigned>(seed));
    for (uint8_t& b : bytes)
        b = fill == Fill::Random    ? static_cast<uint8_t>(rng())
            : fill == Fill::AllOnes ? 0xff
                                    : 0x00;
    for (int b = 0; b < blocks; ++b) {
        for (size_t f = 0; f < layout->f16_fields.size(); ++f) {
            const quint16 bits = scales[static_cast<qsizetype>(f % 2)];
            std::memcpy(&bytes[static_cast<size_t>(b * layout->bytes + layout->f16_fields[f])],
                        &bits, 2);
        }
    }

    const int n = blocks * layout->elements;
    std::vector<float> expected(static_cast<size_t>(n)), actual(static_cast<size_t>(n), -12345.0f);
    for (int b = 0; b < blocks; ++b)
        layout->expect(&bytes[static_cast<size_t>(b * layout->bytes)],
                       &expected[static_cast<size_t>(b * layout->elements)]);
    kurabe::dequantize_row(type, bytes.data(), actual.data(), n);
    for (int i = 0; i < n; ++i) {
        if (std::bit_cast<uint32_t>(expected[static_cast<size_t>(i)]) !=
            std::bit_cast<uint32_t>(actual[static_cast<size_t>(i)]))
            QFAIL(qPrintable(QStringLiteral("value %1: expected %2, got %3")
                                 .arg(i)
                                 .arg(double(expected[static_cast<size_t>(i)]))
                                 .arg(double(actual[static_cast<size_t>(i)]))));
    }
}

void DequantizeTest::traits_match_layouts()
{
    for (const Layout& layout : layouts()) {
        const auto traits = kurabe::tensor_type_traits(static_cast<uint32_t>(layout.type));
        QVERIFY(traits);
        QVERIFY(traits->supported);
        QCOMPARE(int(traits->block_elements), layout.elements);
        QCOMPARE(int(traits->block_bytes), layout.bytes);
    }
    QVERIFY(!kurabe::tensor_type_traits(4));  // retired Q4_2
    QVERIFY(!kurabe::tensor_type_traits(99)); // never defined
    QVERIFY(!kurabe::tensor_type_traits(31));
    QCOMPARE(kurabe::tensor_type_name(TensorType::Q4_K), std::string_view("Q4_K"));
    QVERIFY(!kurabe::tensor_type_traits(static_cast<uint32_t>(TensorType::Q8_K))->supported);
    QCOMPARE(kurabe::tensor_bytes(TensorType::Q4_K, 512), std::optional<uint64_t>(288));
    QVERIFY(!kurabe::tensor_bytes(TensorType::Q4_K, 100));           // partial block
    QVERIFY(!kurabe::tensor_bytes(TensorType::F32, UINT64_MAX / 2)); // overflow
}

QTEST_GUILESS_MAIN(DequantizeTest)
#include "dequantize_test.moc"
