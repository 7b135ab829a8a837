// The leaderboard model: Bradley–Terry over pairwise votes. Each target (player) i has a
// strength p_i > 0 and P(i beats j) = p_i / (p_i + p_j). Unlike Elo, the fit does not depend on
// the order the votes were cast in.
//
// Votes become games: "A better" is a win for A, "B better" a win for B; "tie" and "both bad"
// count half a win to each (the usual treatment of ties in Bradley–Terry fits, and how Chatbot
// Arena counts "both are bad"). Strengths are fitted by maximum likelihood with the MM
// algorithm (Hunter, "MM algorithms for generalized Bradley–Terry models", 2004):
//     p_i <- W_i / sum_j N_ij / (p_i + p_j)
// (W_i: wins of i, N_ij: games between i and j), repeated until no log-strength moves by more
// than `tolerance`. A player who never won (or never lost) has no finite maximum-likelihood
// strength, so by default each player also gets `prior_ties` virtual tied games against a
// virtual player of strength 1, which keeps every strength finite and the fit unique even when
// the vote graph is not connected.
//
// Reported on the Elo-like scale rating = 1000 + 400 * log10(p), strengths normalized so their
// geometric mean is 1 (mean rating 1000). Confidence intervals are Wald intervals from the
// Fisher information of theta = ln p (the negative Hessian of the log-likelihood, prior
// included):
//     I_ii = sum_j N_ij p_i p_j / (p_i + p_j)^2 + prior p_i / (p_i + 1)^2,
//     I_ij = -N_ij p_i p_j / (p_i + p_j)^2,
// whose inverse is the covariance of theta; the variance of each normalized theta_i (minus
// the players' mean) gives rating +- z * 400 / ln(10) * sd. Deterministic, independent of the
// vote order, and wide when there are few votes (a bootstrap over one vote would say nothing).
// Without the prior only differences are identified; the covariance is then taken from the
// pseudo-inverse, and when the votes do not connect all players every interval is infinite.
#pragma once

#include "storage/stores/comparison_types.h"

#include <QString>

#include <vector>

namespace kurabe::app {

struct PairGame
{
    QString a;
    QString b;
    double score_a = 0.5; // 1: a won, 0: b won, 0.5: a tie
};

struct BradleyTerryOptions
{
    double prior_ties = 1.0; // virtual tied games per player against strength 1; 0: plain MLE
    int max_iterations = 10000;
    double tolerance = 1e-10; // on log-strengths
    double z = 1.959964;      // interval half-width in standard deviations (95%, two-sided)
};

struct PlayerRating
{
    QString name;
    double strength = 1;  // p, geometric mean over players 1
    double rating = 1000; // 1000 + 400 * log10(strength)
    double ci_low = 1000; // rating interval (may be -inf / +inf, see above)
    double ci_high = 1000;
    int games = 0;
    double wins = 0; // ties counted as half
};

// Wins as described above; both_bad and tie alike.
std::vector<PairGame> games_from_votes(const std::vector<storage::LabelledPairVote>& votes);

// Strengths with their intervals, best rating first (ties by name).
std::vector<PlayerRating> fit_bradley_terry(const std::vector<PairGame>& games,
                                            const BradleyTerryOptions& options = {});

} // namespace kurabe::app
