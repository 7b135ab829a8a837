#include "compare/bradley_terry.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace kurabe::app {
namespace {

double rating_of(double strength)
{
    return 1000.0 + 400.0 * std::log10(strength);
}

// Games indexed by player number, with the summed results of each pair.
struct Tally
{
    QStringList names;           // player index -> name
    std::vector<double> wins;    // [player]
    std::vector<int> games;      // [player]
    std::vector<double> between; // [i * n + j]: games between i and j (symmetric)
};

Tally tally(const std::vector<PairGame>& games)
{
    Tally t;
    QHash<QString, int> index;
    auto player = [&](const QString& name) {
        auto it = index.find(name);
        if (it != index.end()) {
            return *it;
        }
        const int i = static_cast<int>(t.names.size());
        index.insert(name, i);
        t.names.append(name);
        return i;
    };
    std::vector<std::pair<int, int>> pairs;
    for (const PairGame& game : games) {
        pairs.emplace_back(player(game.a), player(game.b));
    }
    const size_t n = static_cast<size_t>(t.names.size());
    t.wins.assign(n, 0.0);
    t.games.assign(n, 0);
    t.between.assign(n * n, 0.0);
    for (size_t k = 0; k < games.size(); ++k) {
        const auto [a, b] = pairs[k];
        if (a == b) {
            continue; // a target against itself says nothing
        }
        const double score = std::clamp(games[k].score_a, 0.0, 1.0);
        t.wins[a] += score;
        t.wins[b] += 1.0 - score;
        ++t.games[a];
        ++t.games[b];
        t.between[a * n + b] += 1.0;
        t.between[b * n + a] += 1.0;
    }
    return t;
}

std::vector<double> mm_fit(const Tally& t, const BradleyTerryOptions& options)
{
    const size_t n = t.wins.size();
    std::vector<double> p(n, 1.0), next(n, 1.0);
    const double prior = std::max(0.0, options.prior_ties);
    for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
        double largest_step = 0;
        for (size_t i = 0; i < n; ++i) {
            // W_i / sum_j N_ij / (p_i + p_j), with the virtual games against strength 1.
            double denominator = prior / (p[i] + 1.0);
            for (size_t j = 0; j < n; ++j) {
                if (j != i && t.between[i * n + j] > 0) {
                    denominator += t.between[i * n + j] / (p[i] + p[j]);
                }
            }
            const double numerator = t.wins[i] + prior / 2.0;
            next[i] = denominator > 0 ? std::max(numerator / denominator, 1e-300) : 1.0;
        }
        if (prior == 0) {
            // Without the anchor only ratios are identified: keep the geometric mean at 1.
            double log_mean = 0;
            for (double v : next) {
                log_mean += std::log(v);
            }
            log_mean /= static_cast<double>(n);
            for (double& v : next) {
                v /= std::exp(log_mean);
            }
        }
        for (size_t i = 0; i < n; ++i) {
            largest_step = std::max(largest_step, std::abs(std::log(next[i]) - std::log(p[i])));
        }
        p.swap(next);
        if (largest_step < options.tolerance) {
            break;
        }
    }
    return p; // unnormalized: with the prior, the anchor fixes the scale
}

// The inverse of the n x n matrix `a` (row-major) by Gauss-Jordan elimination with partial
// pivoting; empty when it is singular.
std::optional<std::vector<double>> inverse(std::vector<double> a, size_t n)
{
    std::vector<double> inv(n * n, 0.0);
    for (size_t i = 0; i < n; ++i) {
        inv[i * n + i] = 1.0;
    }
    for (size_t col = 0; col < n; ++col) {
        size_t pivot = col;
        for (size_t row = col + 1; row < n; ++row) {
            if (std::abs(a[row * n + col]) > std::abs(a[pivot * n + col])) {
                pivot = row;
            }
        }
        if (std::abs(a[pivot * n + col]) < 1e-12) {
            return std::nullopt;
        }
        for (size_t k = 0; k < n; ++k) {
            std::swap(a[col * n + k], a[pivot * n + k]);
            std::swap(inv[col * n + k], inv[pivot * n + k]);
        }
        const double scale = a[col * n + col];
        for (size_t k = 0; k < n; ++k) {
            a[col * n + k] /= scale;
            inv[col * n + k] /= scale;
        }
        for (size_t row = 0; row < n; ++row) {
            const double factor = a[row * n + col];
            if (row == col || factor == 0.0) {
                continue;
            }
            for (size_t k = 0; k < n; ++k) {
                a[row * n + k] -= factor * a[col * n + k];
                inv[row * n + k] -= factor * inv[col * n + k];
            }
        }
    }
    return inv;
}

// Variances of theta_i - mean(theta) (theta = ln p, p unnormalized), from the Fisher
// information as described in the header; empty when it cannot be inverted.
std::optional<std::vector<double>> normalized_variances(const Tally& t,
                                                        const std::vector<double>& p, double prior)
{
    const size_t n = p.size();
    std::vector<double> information(n * n, 0.0);
    for (size_t i = 0; i < n; ++i) {
        information[i * n + i] += prior * p[i] / ((p[i] + 1.0) * (p[i] + 1.0));
        for (size_t j = 0; j < n; ++j) {
            if (j == i || t.between[i * n + j] == 0) {
                continue;
            }
            const double w = t.between[i * n + j] * p[i] * p[j] / ((p[i] + p[j]) * (p[i] + p[j]));
            information[i * n + i] += w;
            information[i * n + j] -= w;
        }
    }
    const double share = 1.0 / static_cast<double>(n);
    if (prior == 0) {
        // The information annihilates (1,...,1): invert I + J/n, then take J/n back off, which
        // is the pseudo-inverse.
        for (double& v : information) {
            v += share;
        }
    }
    std::optional<std::vector<double>> covariance = inverse(information, n);
    if (!covariance) {
        return std::nullopt;
    }
    if (prior == 0) {
        for (double& v : *covariance) {
            v -= share;
        }
    }
    double total = 0;
    std::vector<double> row_sums(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            row_sums[i] += (*covariance)[i * n + j];
        }
        total += row_sums[i];
    }
    std::vector<double> variances(n);
    for (size_t i = 0; i < n; ++i) {
        variances[i] = std::max(0.0, (*covariance)[i * n + i] - 2.0 * share * row_sums[i] +
                                         share * share * total);
    }
    return variances;
}

} // namespace

std::vector<PairGame> games_from_votes(const std::vector<storage::LabelledPairVote>& votes)
{
    std::vector<PairGame> games;
    games.reserve(votes.size());
    for (const storage::LabelledPairVote& vote : votes) {
        double score = 0.5;
        if (vote.outcome == storage::PairOutcome::ABetter) {
            score = 1.0;
        } else if (vote.outcome == storage::PairOutcome::BBetter) {
            score = 0.0;
        }
        games.push_back(PairGame{vote.label_a, vote.label_b, score});
    }
    return games;
}

std::vector<PlayerRating> fit_bradley_terry(const std::vector<PairGame>& games,
                                            const BradleyTerryOptions& options)
{
    const Tally t = tally(games);
    const size_t n = static_cast<size_t>(t.names.size());
    if (n == 0) {
        return {};
    }
    const double prior = std::max(0.0, options.prior_ties);
    const std::vector<double> p = mm_fit(t, options);
    double log_mean = 0;
    for (double v : p) {
        log_mean += std::log(v);
    }
    log_mean /= static_cast<double>(n);
    const std::optional<std::vector<double>> variances = normalized_variances(t, p, prior);
    constexpr double kRatingPerNat = 400.0 / 2.302585092994046; // 400 / ln(10)

    std::vector<PlayerRating> ratings;
    for (size_t i = 0; i < n; ++i) {
        PlayerRating rating;
        rating.name = t.names[static_cast<qsizetype>(i)];
        rating.strength = std::exp(std::log(p[i]) - log_mean);
        rating.rating = rating_of(rating.strength);
        const double half = variances ? options.z * std::sqrt((*variances)[i]) * kRatingPerNat
                                      : std::numeric_limits<double>::infinity();
        rating.ci_low = rating.rating - half;
        rating.ci_high = rating.rating + half;
        rating.games = t.games[i];
        rating.wins = t.wins[i];
        ratings.push_back(rating);
    }
    std::sort(ratings.begin(), ratings.end(), [](const PlayerRating& x, const PlayerRating& y) {
        return x.rating != y.rating ? x.rating > y.rating : x.name < y.name;
    });
    return ratings;
}

} // namespace kurabe::app
