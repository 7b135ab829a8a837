// RoPE frequency tables: plain, linear, YaRN and LongRoPE — checked against values worked out
// by hand from each method's definition, and the GGUF metadata that selects them.
#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "model/hparams.h"
#include "model/rope.h"
#include "model/weights.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace kurabe;

namespace {

HParams llama_like(int32_t rope_dim, float base)
{
    HParams h;
    h.rope_dim = rope_dim;
    h.head_dim = rope_dim;
    h.rope_freq_base = base;
    h.n_ctx_train = 16384;
    h.rope_orig_ctx = 16384;
    return h;
}

double plain(double base, int i, int rope_dim)
{
    return std::pow(base, -2.0 * i / rope_dim);
}

// A llama GGUF with just the metadata read_hparams needs, plus `extra`.
std::vector<uint8_t> metadata_file(const std::function<void(GgufWriter&)>& extra)
{
    GgufWriter w;
    w.add_string("general.architecture", "llama");
    w.add_uint32("llama.context_length", 16384);
    w.add_uint32("llama.embedding_length", 256);
    w.add_uint32("llama.block_count", 2);
    w.add_uint32("llama.feed_forward_length", 512);
    w.add_uint32("llama.attention.head_count", 4);
    w.add_uint32("llama.rope.dimension_count", 64);
    extra(w);
    return w.take_bytes();
}

} // namespace

class RopeTest : public QObject
{
    Q_OBJECT

private slots:
    void plainFrequencies()
    {
        const HParams h = llama_like(64, 10000.0f);
        const RopeTable t = rope_table(h, Weights{}, 4096);
        QCOMPARE(t.inv_freq.size(), size_t(32));
        QCOMPARE(t.mscale, 1.0f);
        for (int i = 0; i < 32; ++i)
            QVERIFY(qFuzzyCompare(t.inv_freq[size_t(i)], float(plain(10000.0, i, 64))));
    }

    void linearDividesEveryFrequency()
    {
        HParams h = llama_like(64, 10000.0f);
        h.rope_scaling = RopeScaling::Linear;
        h.rope_freq_scale = 0.25f;
        const RopeTable t = rope_table(h, Weights{}, 4096);
        for (int i = 0; i < 32; ++i)
            QVERIFY(qFuzzyCompare(t.inv_freq[size_t(i)], float(0.25 * plain(10000.0, i, 64))));
        QCOMPARE(t.mscale, 1.0f);
    }

    void yarnKeepsFastPairsAndInterpolatesSlowOnes()
    {
        // rope_dim 128, original context 4096, base 10000, beta 32 / 1:
        //   pair(beta) = 128 ln(4096 / (2 pi beta)) / (2 ln 10000)
        //   pair(32) = 20.94 -> from 20 down: kept;  pair(1) = 45.03 -> from 46 up: scaled.
        HParams h = llama_like(128, 10000.0f);
        h.rope_scaling = RopeScaling::Yarn;
        h.rope_freq_scale = 0.25f;
        h.rope_orig_ctx = 4096;
        h.yarn_ext_factor = 1.0f;
        const RopeTable t = rope_table(h, Weights{}, 16384);
        for (int i = 0; i <= 20; ++i)
            QVERIFY2(qFuzzyCompare(t.inv_freq[size_t(i)], float(plain(10000.0, i, 128))),
                     qPrintable(QString::number(i)));
        for (int i = 46; i < 64; ++i)
            QVERIFY2(qFuzzyCompare(t.inv_freq[size_t(i)], float(0.25 * plain(10000.0, i, 128))),
                     qPrintable(QString::number(i)));
        // Between: the share kept falls linearly, (46 - i) / 26 at pair i.
        for (int i = 21; i < 46; ++i) {
            const double keep = (46.0 - i) / 26.0;
            const double expected = plain(10000.0, i, 128) * (0.25 * (1 - keep) + keep);
            QVERIFY2(std::abs(t.inv_freq[size_t(i)] / expected - 1.0) < 1e-5,
                     qPrintable(QString::number(i)));
        }
        QVERIFY(std::abs(t.mscale - (1.0 + 0.1 * std::log(4.0))) < 1e-6);
    }

    void longRopeChoosesFactorsByContext()
    {
        HParams h = llama_like(8, 10000.0f);
        h.rope_orig_ctx = 4096;
        Weights w;
        w.rope_factors_short = {1.0f, 1.5f, 2.0f, 4.0f};
        w.rope_factors_long = {2.0f, 3.0f, 8.0f, 16.0f};
        const RopeTable short_ctx = rope_table(h, w, 4096);
        const RopeTable long_ctx = rope_table(h, w, 4097);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(qFuzzyCompare(short_ctx.inv_freq[size_t(i)],
                                  float(plain(10000.0, i, 8) / w.rope_factors_short[size_t(i)])));
            QVERIFY(qFuzzyCompare(long_ctx.inv_freq[size_t(i)],
                                  float(plain(10000.0, i, 8) / w.rope_factors_long[size_t(i)])));
        }
    }

    void metadataSelectsScaling()
    {
        const std::vector<uint8_t> yarn = metadata_file([](GgufWriter& w) {
            w.add_string("llama.rope.scaling.type", "yarn");
            w.add_float32("llama.rope.scaling.factor", 4.0f);
            w.add_uint32("llama.rope.scaling.original_context_length", 4096);
        });
        auto file = GgufFile::from_memory(yarn, "yarn.gguf");
        QVERIFY2(file, file ? "" : file.error().message.c_str());
        auto h = read_hparams(**file, 1000);
        QVERIFY2(h, h ? "" : h.error().message.c_str());
        QCOMPARE(h->rope_scaling, RopeScaling::Yarn);
        QCOMPARE(h->rope_freq_scale, 0.25f);
        QCOMPARE(h->rope_orig_ctx, 4096);
        QCOMPARE(h->yarn_ext_factor, 1.0f);

        const std::vector<uint8_t> unknown =
            metadata_file([](GgufWriter& w) { w.add_string("llama.rope.scaling.type", "spiral"); });
        auto bad = GgufFile::from_memory(unknown, "spiral.gguf");
        QVERIFY(bad);
        auto refused = read_hparams(**bad, 1000);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("spiral") != std::string::npos,
                 refused.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(RopeTest)
#include "rope_test.moc"
