// f16 and bf16 conversions, exhaustively over all 65536 bit patterns, against the IEEE 754
// definitions computed with ldexp (an independent formula), plus rounding of f32 values that
// fall between two f16 / bf16 values.
#include "tensor/half.h"

#include <QTest>

#include <bit>
#include <cmath>

namespace {

// The value of f16 bit pattern `bits` by the IEEE 754 binary16 definition.
double f16_reference(uint16_t bits)
{
    const int sign = bits >> 15, exponent = (bits >> 10) & 31, mantissa = bits & 1023;
    double magnitude;
    if (exponent == 0)
        magnitude = std::ldexp(mantissa, -24);
    else if (exponent == 31)
        magnitude = mantissa == 0 ? INFINITY : NAN;
    else
        magnitude = std::ldexp(1024 + mantissa, exponent - 25);
    return sign ? -magnitude : magnitude;
}

} // namespace

class HalfTest : public QObject
{
    Q_OBJECT

private slots:
    void f16_to_f32_exhaustive();
    void f16_round_trip_exhaustive();
    void f32_to_f16_rounds_to_nearest_even();
    void f32_to_f16_edges();
    void bf16_exhaustive();
    void bf16_rounding();
};

void HalfTest::f16_to_f32_exhaustive()
{
    for (uint32_t b = 0; b < 65536; ++b) {
        const auto bits = static_cast<uint16_t>(b);
        const float got = kurabe::f16_to_f32(bits);
        const double want = f16_reference(bits);
        if (std::isnan(want)) {
            QVERIFY2(std::isnan(got), qPrintable(QString::number(b, 16)));
            QCOMPARE(std::signbit(got), bool(b >> 15));
            // The payload moves to the top of the f32 mantissa.
            QCOMPARE(std::bit_cast<uint32_t>(got) & 0x7fffffu, (b & 1023u) << 13);
        } else {
            QVERIFY2(static_cast<double>(got) == want && std::signbit(got) == std::signbit(want),
                     qPrintable(QStringLiteral("f16 0x%1: got %2, want %3")
                                    .arg(b, 4, 16, QLatin1Char('0'))
                                    .arg(got)
                                    .arg(want)));
        }
    }
}

void HalfTest::f16_round_trip_exhaustive()
{
    for (uint32_t b = 0; b < 65536; ++b) {
        const auto bits = static_cast<uint16_t>(b);
        const uint16_t back = kurabe::f32_to_f16(kurabe::f16_to_f32(bits));
        if (std::isnan(f16_reference(bits))) {
            QVERIFY(std::isnan(kurabe::f16_to_f32(back))); // NaN stays NaN (quieted)
            QCOMPARE(back & 0x8000, bits & 0x8000);
        } else {
            QCOMPARE(back, bits);
        }
    }
}

void HalfTest::f32_to_f16_rounds_to_nearest_even()
{
    // For every pair of adjacent finite f16 values (both signs, subnormals included): the
    // exact midpoint goes to the one with an even mantissa, anything past it to the far one.
    for (uint32_t b = 0; b < 0x7bff; ++b) {
        for (uint32_t sign : {0u, 0x8000u}) {
            const auto lo = static_cast<uint16_t>(b | sign),
                       hi = static_cast<uint16_t>((b + 1) | sign);
            const double a = f16_reference(lo), c = f16_reference(hi);
            const double mid = (a + c) / 2; // exact in f32: f16 values have 11 significant bits
            const uint16_t even = (lo & 1) == 0 ? lo : hi;
            QCOMPARE(kurabe::f32_to_f16(static_cast<float>(mid)), even);
            const float above = std::nextafter(static_cast<float>(mid), static_cast<float>(c));
            const float below = std::nextafter(static_cast<float>(mid), static_cast<float>(a));
            QCOMPARE(kurabe::f32_to_f16(above), hi);
            QCOMPARE(kurabe::f32_to_f16(below), lo);
        }
    }
}

void HalfTest::f32_to_f16_edges()
{
    QCOMPARE(kurabe::f32_to_f16(65504.0f), uint16_t(0x7bff));
    QCOMPARE(kurabe::f32_to_f16(65519.99f), uint16_t(0x7bff)); // below the overflow midpoint
    QCOMPARE(kurabe::f32_to_f16(65520.0f), uint16_t(0x7c00));  // ties to even: infinity
    QCOMPARE(kurabe::f32_to_f16(1e10f), uint16_t(0x7c00));
    QCOMPARE(kurabe::f32_to_f16(-INFINITY), uint16_t(0xfc00));
    QCOMPARE(kurabe::f32_to_f16(std::ldexp(1.0f, -25)), uint16_t(0x0000)); // half of 2^-24: even
    QCOMPARE(kurabe::f32_to_f16(std::ldexp(1.5f, -25)), uint16_t(0x0001));
    QCOMPARE(kurabe::f32_to_f16(std::ldexp(1.0f, -40)), uint16_t(0x0000));
    QCOMPARE(kurabe::f32_to_f16(-std::ldexp(1.0f, -40)), uint16_t(0x8000));
    QCOMPARE(kurabe::f32_to_f16(std::ldexp(1023.0f, -24) + std::ldexp(1.0f, -25)),
             uint16_t(0x0400));
    QVERIFY(std::isnan(kurabe::f16_to_f32(kurabe::f32_to_f16(NAN))));
    // A NaN whose payload lives only in the low bits must not turn into infinity.
    QVERIFY(std::isnan(kurabe::f16_to_f32(kurabe::f32_to_f16(std::bit_cast<float>(0x7f800001u)))));
}

void HalfTest::bf16_exhaustive()
{
    for (uint32_t b = 0; b < 65536; ++b) {
        const auto bits = static_cast<uint16_t>(b);
        const float got = kurabe::bf16_to_f32(bits);
        QCOMPARE(std::bit_cast<uint32_t>(got), b << 16);
        const uint16_t back = kurabe::f32_to_bf16(got);
        if (std::isnan(got))
            QVERIFY(std::isnan(kurabe::bf16_to_f32(back)));
        else
            QCOMPARE(back, bits);
    }
}

void HalfTest::bf16_rounding()
{
    // 1 + 2^-8 is halfway between bf16 1.0 and 1 + 2^-7: ties to even gives 1.0.
    QCOMPARE(kurabe::f32_to_bf16(1.0f + std::ldexp(1.0f, -8)), uint16_t(0x3f80));
    QCOMPARE(kurabe::f32_to_bf16(1.0f + 3 * std::ldexp(1.0f, -8)),
             uint16_t(0x3f82)); // tie up to even
    QCOMPARE(kurabe::f32_to_bf16(std::nextafter(1.0f + std::ldexp(1.0f, -8), 2.0f)),
             uint16_t(0x3f81));
    QCOMPARE(kurabe::f32_to_bf16(std::numeric_limits<float>::max()),
             uint16_t(0x7f80)); // rounds to inf
    QVERIFY(
        std::isnan(kurabe::bf16_to_f32(kurabe::f32_to_bf16(std::bit_cast<float>(0x7f800001u)))));
}

QTEST_GUILESS_MAIN(HalfTest)
#include "half_test.moc"
