// The leaderboard's Bradley–Terry fit against values computed by hand.
#include "compare/bradley_terry.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace kurabe::app;
using kurabe::storage::LabelledPairVote;
using kurabe::storage::PairOutcome;

namespace {

const PlayerRating& find(const std::vector<PlayerRating>& ratings, const QString& name)
{
    return *std::find_if(ratings.begin(), ratings.end(),
                         [&](const PlayerRating& r) { return r.name == name; });
}

std::vector<PairGame> repeat(const std::vector<PairGame>& games, int times)
{
    std::vector<PairGame> all;
    for (int i = 0; i < times; ++i) {
        all.insert(all.end(), games.begin(), games.end());
    }
    return all;
}

BradleyTerryOptions plain_mle()
{
    BradleyTerryOptions options;
    options.prior_ties = 0;
    return options;
}

} // namespace

class CompareBradleyTerryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void votes_become_games_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<double>("score_a");
        QTest::addRow("A better") << static_cast<int>(PairOutcome::ABetter) << 1.0;
        QTest::addRow("B better") << static_cast<int>(PairOutcome::BBetter) << 0.0;
        QTest::addRow("tie") << static_cast<int>(PairOutcome::Tie) << 0.5;
        QTest::addRow("both bad") << static_cast<int>(PairOutcome::BothBad) << 0.5;
    }

    void votes_become_games()
    {
        QFETCH(int, outcome);
        QFETCH(double, score_a);
        const std::vector<PairGame> games =
            games_from_votes({LabelledPairVote{1, 2, "x", "y", static_cast<PairOutcome>(outcome)}});
        QCOMPARE(games.size(), size_t{1});
        QCOMPARE(games[0].a, QStringLiteral("x"));
        QCOMPARE(games[0].b, QStringLiteral("y"));
        QCOMPARE(games[0].score_a, score_a);
    }

    // A beats B 2 of 3, B beats C 2 of 3 (A and C never meet). The votes form a tree, so the
    // likelihood splits into the A-B and B-C pairs and the MLE reproduces each pair's share:
    //   p_A / (p_A + p_B) = 2/3  =>  p_A = 2 p_B;   likewise p_B = 2 p_C.
    // Normalized to geometric mean 1: p_A p_B p_C = 8 p_C^3 = 1  =>  p_C = 0.5, p_B = 1,
    // p_A = 2. Ratings 1000 + 400 log10(p): A 1120.412, B 1000, C 879.588.
    void a_chain_matches_the_hand_computation()
    {
        const std::vector<PairGame> games{{"A", "B", 1}, {"A", "B", 1}, {"A", "B", 0},
                                          {"B", "C", 1}, {"B", "C", 1}, {"C", "B", 1}};
        const std::vector<PlayerRating> ratings = fit_bradley_terry(games, plain_mle());
        QCOMPARE(ratings.size(), size_t{3});
        QCOMPARE(ratings[0].name, QStringLiteral("A"));
        QCOMPARE(ratings[2].name, QStringLiteral("C"));
        QVERIFY(std::abs(ratings[0].strength - 2.0) < 1e-6);
        QVERIFY(std::abs(ratings[1].strength - 1.0) < 1e-6);
        QVERIFY(std::abs(ratings[2].strength - 0.5) < 1e-6);
        QVERIFY(std::abs(ratings[0].rating - 1120.412) < 1e-3);
        QVERIFY(std::abs(ratings[1].rating - 1000.0) < 1e-3);
        QVERIFY(std::abs(ratings[2].rating - 879.588) < 1e-3);
        QCOMPARE(find(ratings, "B").games, 6);
        QCOMPARE(find(ratings, "B").wins, 3.0);
    }

    // A vs B five times: A better twice, one tie, one "both bad", B better once. Ties and
    // both-bad count half a win each: W_A = 2 + 0.5 + 0.5 = 3, W_B = 1 + 0.5 + 0.5 = 2.
    // MLE: p_A / (p_A + p_B) = 3/5  =>  p_A / p_B = 1.5; geometric mean 1 =>
    // p_A = sqrt(1.5) = 1.224745, p_B = 0.816497; ratings 1000 +- 200 log10(1.5) =
    // 1035.218 and 964.782.
    // Interval: the Fisher information of d = theta_A - theta_B is N q (1 - q) = 5 * 0.6 * 0.4
    // = 1.2, so var(d) = 1/1.2; the normalized theta_A = d / 2 has variance 1/4.8 = 0.208333,
    // sd 0.456435, and the half-width is 1.959964 * 0.456435 * 400 / ln(10) = 155.406.
    void ties_and_both_bad_count_half()
    {
        const std::vector<PairGame> games = games_from_votes({
            {1, 1, "A", "B", PairOutcome::ABetter},
            {1, 2, "B", "A", PairOutcome::BBetter}, // A better, A written second
            {1, 3, "A", "B", PairOutcome::Tie},
            {1, 4, "A", "B", PairOutcome::BothBad},
            {1, 5, "A", "B", PairOutcome::BBetter},
        });
        const std::vector<PlayerRating> ratings = fit_bradley_terry(games, plain_mle());
        const PlayerRating& a = find(ratings, "A");
        QVERIFY(std::abs(a.strength - 1.224745) < 1e-6);
        QVERIFY(std::abs(find(ratings, "B").strength - 0.816497) < 1e-6);
        QVERIFY(std::abs(a.rating - 1035.218) < 1e-3);
        QVERIFY(std::abs(find(ratings, "B").rating - 964.782) < 1e-3);
        QCOMPARE(a.wins, 3.0);
        QVERIFY(std::abs(a.ci_high - a.rating - 155.406) < 1e-2);
        QVERIFY(std::abs(a.rating - a.ci_low - 155.406) < 1e-2);
    }

    // A beats B 3-0: no finite MLE, so one virtual tie each against strength 1 (prior_ties 1).
    // The problem is symmetric under swapping A and B with p -> 1/p, so p_B = 1/x for p_A = x,
    // and B's score equation (wins + 0.5 = expected wins) reads
    //   0 + 0.5 = 3 (1/x) / (x + 1/x) + (1/x) / (1/x + 1) = 3 / (x^2 + 1) + 1 / (1 + x),
    // whose root is x = 3.2242 (by hand: x = 3.22 gives 0.50086, x = 3.225 gives 0.49983).
    void an_unbeaten_target_stays_finite()
    {
        const std::vector<PlayerRating> ratings =
            fit_bradley_terry({{"A", "B", 1}, {"A", "B", 1}, {"B", "A", 0}});
        const double x = find(ratings, "A").strength;
        QVERIFY(std::isfinite(x));
        QVERIFY(std::abs(x * find(ratings, "B").strength - 1.0) < 1e-9);
        QVERIFY(std::abs(3.0 / (x * x + 1.0) + 1.0 / (1.0 + x) - 0.5) < 1e-9);
        QVERIFY(std::abs(x - 3.2242) < 1e-3);
    }

    void the_order_of_votes_does_not_matter()
    {
        std::vector<PairGame> games{{"A", "B", 1},   {"B", "C", 1}, {"C", "A", 1},
                                    {"A", "C", 0.5}, {"D", "A", 0}, {"D", "B", 1},
                                    {"C", "D", 1},   {"B", "A", 1}, {"A", "D", 1}};
        const std::vector<PlayerRating> first = fit_bradley_terry(games, plain_mle());
        std::mt19937 random(7);
        std::shuffle(games.begin(), games.end(), random);
        const std::vector<PlayerRating> shuffled = fit_bradley_terry(games, plain_mle());
        for (const PlayerRating& r : first) {
            QVERIFY2(std::abs(find(shuffled, r.name).rating - r.rating) < 1e-6, qPrintable(r.name));
        }
    }

    void intervals_hold_the_estimate_and_shrink_with_more_votes()
    {
        const std::vector<PairGame> games{{"A", "B", 1}, {"A", "B", 1},   {"A", "B", 0},
                                          {"B", "C", 1}, {"B", "C", 0.5}, {"C", "A", 1},
                                          {"A", "C", 1}, {"B", "C", 1}};
        const std::vector<PlayerRating> once = fit_bradley_terry(games);
        const std::vector<PlayerRating> more = fit_bradley_terry(repeat(games, 8));
        for (const PlayerRating& r : once) {
            QVERIFY(r.ci_low < r.rating && r.rating < r.ci_high);
            const PlayerRating& m = find(more, r.name);
            QVERIFY2(m.ci_high - m.ci_low < r.ci_high - r.ci_low, qPrintable(r.name));
        }
        // A single vote says little: the interval is wide, not a point.
        const std::vector<PlayerRating> single = fit_bradley_terry({{"A", "B", 1}});
        QVERIFY(single[0].ci_high - single[0].ci_low > 200);
    }

    // Without the prior, two groups that never met cannot be placed on one scale.
    void unconnected_votes_have_infinite_intervals()
    {
        const std::vector<PlayerRating> ratings = fit_bradley_terry(
            {{"A", "B", 1}, {"B", "A", 1}, {"C", "D", 1}, {"D", "C", 1}}, plain_mle());
        QCOMPARE(ratings.size(), size_t{4});
        for (const PlayerRating& r : ratings) {
            QVERIFY(std::isinf(r.ci_high) && std::isinf(r.ci_low));
        }
        // With the prior (the default) they can.
        for (const PlayerRating& r :
             fit_bradley_terry({{"A", "B", 1}, {"B", "A", 1}, {"C", "D", 1}, {"D", "C", 1}})) {
            QVERIFY(std::isfinite(r.ci_high));
        }
    }

    void no_votes_no_ratings() { QVERIFY(fit_bradley_terry({}).empty()); }
};

QTEST_GUILESS_MAIN(CompareBradleyTerryTest)
#include "compare_bradley_terry_test.moc"
