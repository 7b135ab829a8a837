#include "sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace kurabe {

// --- Rng -------------------------------------------------------------------------------------

static uint64_t splitmix64(uint64_t& state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

Rng::Rng(uint64_t seed)
{
    for (uint64_t& s : s_)
        s = splitmix64(seed);
}

uint64_t Rng::next()
{
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

// --- Sampler ---------------------------------------------------------------------------------

int32_t argmax(std::span<const float> logits)
{
    int32_t best = 0;
    for (size_t i = 1; i < logits.size(); ++i) {
        if (logits[i] > logits[static_cast<size_t>(best)])
            best = static_cast<int32_t>(i);
    }
    return best;
}

Sampler::Sampler(const SamplingParams& params, int32_t n_vocab)
    : params_(params), n_vocab_(n_vocab), rng_(params.seed)
{
    candidates_.reserve(static_cast<size_t>(n_vocab));
}

void Sampler::reset()
{
    history_.clear();
    rng_ = Rng(params_.seed);
}

void Sampler::accept(int32_t token)
{
    if (params_.penalty_last_n <= 0)
        return;
    history_.push_back(token);
    if (history_.size() > static_cast<size_t>(params_.penalty_last_n))
        history_.erase(history_.begin());
}

void Sampler::apply_penalties()
{
    const bool any = params_.repeat_penalty != 1.0f || params_.presence_penalty != 0.0f ||
                     params_.frequency_penalty != 0.0f;
    if (!any || history_.empty())
        return;
    std::unordered_map<int32_t, int> counts;
    for (int32_t token : history_)
        ++counts[token];
    for (const auto& [token, count] : counts) {
        if (token < 0 || token >= n_vocab_)
            continue;
        float& logit = candidates_[static_cast<size_t>(token)].logit;
        logit = logit > 0 ? logit / params_.repeat_penalty : logit * params_.repeat_penalty;
        logit -= static_cast<float>(count) * params_.frequency_penalty + params_.presence_penalty;
    }
}

void Sampler::keep_top_k(int32_t k)
{
    if (k <= 0 || static_cast<size_t>(k) >= candidates_.size())
        return;
    std::partial_sort(candidates_.begin(), candidates_.begin() + k, candidates_.end(),
                      [](const Candidate& a, const Candidate& b) {
                          return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
                      });
    candidates_.resize(static_cast<size_t>(k));
}

void Sampler::softmax()
{
    float max_logit = -INFINITY;
    for (const Candidate& c : candidates_)
        max_logit = std::max(max_logit, c.logit);
    double sum = 0;
    for (Candidate& c : candidates_) {
        c.p = std::exp(c.logit - max_logit);
        sum += c.p;
    }
    for (Candidate& c : candidates_)
        c.p = static_cast<float>(c.p / sum);
}

int32_t Sampler::sample(std::span<const float> logits)
{
    if (params_.temperature <= 0.0f)
        return argmax(logits);

    candidates_.clear();
    for (int32_t i = 0; i < n_vocab_ && static_cast<size_t>(i) < logits.size(); ++i)
        candidates_.push_back({i, logits[static_cast<size_t>(i)], 0.0f});
    apply_penalties();

    keep_top_k(params_.top_k);
    for (Candidate& c : candidates_)
        c.logit /= params_.temperature;
    // Sorted by probability from here on; top-p and min-p cut the tail.
    std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    });
    softmax();

    if (params_.top_p < 1.0f) {
        double cumulative = 0;
        size_t keep = candidates_.size();
        for (size_t i = 0; i < candidates_.size(); ++i) {
            cumulative += candidates_[i].p;
            if (cumulative >= params_.top_p) {
                keep = i + 1;
                break;
            }
        }
        candidates_.resize(keep);
    }
    if (params_.min_p > 0.0f && !candidates_.empty()) {
        const float threshold = candidates_.front().p * params_.min_p;
        size_t keep = 1;
        while (keep < candidates_.size() && candidates_[keep].p >= threshold)
            ++keep;
        candidates_.resize(keep);
    }

    double total = 0;
    for (const Candidate& c : candidates_)
        total += c.p;
    double r = rng_.uniform() * total;
    for (const Candidate& c : candidates_) {
        r -= c.p;
        if (r < 0)
            return c.id;
    }
    return candidates_.back().id;
}

} // namespace kurabe
