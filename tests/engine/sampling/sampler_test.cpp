// Sampling: each step of the chain on small hand-made distributions, and reproducibility.
#include "sampling/sampler.h"

#include <QTest>

#include <cmath>
#include <map>

using namespace kurabe;

namespace {

SamplingParams plain(float temperature)
{
    SamplingParams p;
    p.temperature = temperature;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    return p;
}

std::map<int32_t, int> histogram(Sampler& sampler, const std::vector<float>& logits, int draws)
{
    std::map<int32_t, int> counts;
    for (int i = 0; i < draws; ++i)
        ++counts[sampler.sample(logits)];
    return counts;
}

} // namespace

class SamplerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void greedy_is_argmax_with_lowest_index_on_ties()
    {
        Sampler sampler(plain(0.0f), 5);
        QCOMPARE(sampler.sample(std::vector<float>{0.1f, 3.0f, -1.0f, 3.0f, 2.0f}), 1);
        QCOMPARE(argmax(std::vector<float>{-5.0f, -4.0f, -4.5f}), 1);
    }

    void greedy_ignores_penalties()
    {
        SamplingParams p = plain(0.0f);
        p.repeat_penalty = 10.0f;
        Sampler sampler(p, 3);
        sampler.accept(1);
        QCOMPARE(sampler.sample(std::vector<float>{0.0f, 5.0f, 4.9f}), 1);
    }

    void same_seed_same_tokens_other_seed_other_tokens()
    {
        std::vector<float> logits(100);
        for (size_t i = 0; i < logits.size(); ++i)
            logits[i] = std::sin(static_cast<float>(i)) * 2.0f;
        SamplingParams p = plain(1.0f);
        p.seed = 42;
        Sampler a(p, 100), b(p, 100);
        p.seed = 43;
        Sampler c(p, 100);
        std::vector<int32_t> ta, tb, tc;
        for (int i = 0; i < 50; ++i) {
            ta.push_back(a.sample(logits));
            tb.push_back(b.sample(logits));
            tc.push_back(c.sample(logits));
        }
        QCOMPARE(ta, tb);
        QVERIFY(ta != tc);
        a.reset();
        QCOMPARE(a.sample(logits), ta.front());
    }

    void frequencies_follow_the_softmax()
    {
        // p = softmax([0, ln 3]) = [0.25, 0.75]
        Sampler sampler(plain(1.0f), 2);
        const auto counts = histogram(sampler, {0.0f, std::log(3.0f)}, 20000);
        const double share = counts.at(1) / 20000.0;
        QVERIFY2(std::abs(share - 0.75) < 0.02, qPrintable(QString::number(share)));
    }

    void temperature_sharpens()
    {
        Sampler sampler(plain(0.25f), 2); // [0, ln 3] / 0.25 -> p(1) = 81/82
        const auto counts = histogram(sampler, {0.0f, std::log(3.0f)}, 20000);
        QVERIFY(counts.count(1) && counts.at(1) / 20000.0 > 0.97);
    }

    void top_k_keeps_only_the_k_best()
    {
        SamplingParams p = plain(1.0f);
        p.top_k = 2;
        Sampler sampler(p, 4);
        const auto counts = histogram(sampler, {1.0f, 0.9f, 0.8f, 1.1f}, 2000);
        QCOMPARE(counts.size(), size_t(2));
        QVERIFY(counts.count(0) && counts.count(3));
    }

    void top_p_cuts_the_tail()
    {
        SamplingParams p = plain(1.0f);
        p.top_p = 0.7f; // probabilities 0.6, 0.3, 0.1: keeps the first two
        Sampler sampler(p, 3);
        const auto counts =
            histogram(sampler, {std::log(0.6f), std::log(0.3f), std::log(0.1f)}, 4000);
        QCOMPARE(counts.size(), size_t(2));
        QVERIFY(!counts.count(2));
    }

    void min_p_drops_unlikely_tokens()
    {
        SamplingParams p = plain(1.0f);
        p.min_p = 0.2f; // keeps p >= 0.2 * 0.6 = 0.12: drops the 0.1 token
        Sampler sampler(p, 3);
        const auto counts =
            histogram(sampler, {std::log(0.6f), std::log(0.3f), std::log(0.1f)}, 4000);
        QVERIFY(!counts.count(2));
        QVERIFY(counts.count(1));
    }

    void repetition_penalty_discourages_recent_tokens()
    {
        SamplingParams p = plain(1.0f);
        p.repeat_penalty = 100.0f;
        Sampler sampler(p, 2);
        sampler.accept(0);
        const auto counts = histogram(sampler, {10.0f, 9.9f}, 1000); // 0.1 vs 9.9
        QVERIFY(counts.count(1) && counts.at(1) > 990);
    }

    void presence_and_frequency_penalties_subtract()
    {
        SamplingParams p = plain(1.0f);
        p.frequency_penalty = 5.0f;
        p.presence_penalty = 5.0f;
        Sampler sampler(p, 2);
        sampler.accept(0);
        sampler.accept(0); // logit 10 - 2*5 - 5 = -5 versus 0
        const auto counts = histogram(sampler, {10.0f, 0.0f}, 1000);
        QVERIFY(counts.count(1) && counts.at(1) > 980);
    }

    void penalty_window_forgets_old_tokens()
    {
        SamplingParams p = plain(1.0f);
        p.repeat_penalty = 100.0f;
        p.penalty_last_n = 2;
        Sampler sampler(p, 3);
        sampler.accept(0);
        sampler.accept(1);
        sampler.accept(2);                                                // token 0 left the window
        const auto counts = histogram(sampler, {8.0f, 8.0f, 8.0f}, 1000); // 8 vs 0.08, 0.08
        QVERIFY(counts.count(0) && counts.at(0) > 950);
    }
};

QTEST_GUILESS_MAIN(SamplerTest)
#include "sampler_test.moc"
