// Turning logits into the next token: a chain of small steps (penalties, top-k, temperature,
// top-p, min-p) followed by a seeded draw, or plain argmax when the temperature is 0.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kurabe {

struct SamplingParams
{
    float temperature = 0.8f;       // <= 0: greedy (argmax), no penalties, no randomness
    int32_t top_k = 40;             // <= 0: off
    float top_p = 0.95f;            // >= 1: off
    float min_p = 0.05f;            // <= 0: off; keeps tokens with p >= min_p * p(best)
    float repeat_penalty = 1.0f;    // 1: off; divides positive logits, multiplies negative ones
    int32_t penalty_last_n = 64;    // how many recent tokens the penalties look at
    float presence_penalty = 0.0f;  // subtracted once from every recent token's logit
    float frequency_penalty = 0.0f; // subtracted per occurrence in the recent tokens
    uint64_t seed = 0;              // same seed, same logits: same tokens
};

// A deterministic 64-bit generator (SplitMix64 seeding xoshiro256**), so a seed gives the same
// tokens on every platform and standard library.
class Rng
{
public:
    explicit Rng(uint64_t seed);
    uint64_t next();
    double uniform(); // [0, 1) with 53 bits

private:
    uint64_t s_[4];
};

class Sampler
{
public:
    Sampler(const SamplingParams& params, int32_t n_vocab);

    // Picks the next token from one position's logits (n_vocab values). Does not record it.
    int32_t sample(std::span<const float> logits);

    // Records a token of the context (prompt or generated) for the penalties.
    void accept(int32_t token);

    void reset(); // forget the history and restart the random stream from the seed

    const SamplingParams& params() const { return params_; }

private:
    struct Candidate
    {
        int32_t id;
        float logit;
        float p;
    };
    void apply_penalties();
    void keep_top_k(int32_t k);
    void softmax();

    SamplingParams params_;
    int32_t n_vocab_;
    Rng rng_;
    std::vector<int32_t> history_;      // recent tokens, oldest first, at most penalty_last_n
    std::vector<Candidate> candidates_; // working buffer, sized once
};

// The index of the largest logit (the lowest index on ties).
int32_t argmax(std::span<const float> logits);

} // namespace kurabe
