// The rotation frequencies of RoPE for one model, with its context scaling folded in, shared by
// every backend so the CPU reference and the shaders rotate by exactly the same angles.
//
// Rotated pair i (0 <= i < rope_dim / 2) of a head at position p turns by p * inv_freq[i], and
// both components are multiplied by mscale afterwards:
//   plain:   inv_freq[i] = base^(-2i / rope_dim) / freq_factor[i]   (factor: rope_freqs for
//            Llama 3.1; LongRoPE's short or long factors, by whether the session's context
//            exceeds the original one; else 1)
//   linear:  plain * freq_scale                         (positions squeezed by 1 / factor)
//   YaRN:    plain * (freq_scale * (1 - r_i) + r_i), r_i = ext_factor * ramp(i) — fast-turning
//            dimensions (r = 1) keep their frequency, slow ones are interpolated (r = 0), a
//            linear ramp between — and mscale = attn_factor * (1 + 0.1 ln(1 / freq_scale)).
#pragma once

#include <cstdint>
#include <vector>

namespace kurabe {

struct HParams;
struct Weights;

struct RopeTable
{
    std::vector<float> inv_freq; // [rope_dim / 2] radians per position
    float mscale = 1.0f;         // multiplies the rotated values (YaRN's attention temperature)
};

// Global-attention layers of a session holding n_ctx tokens: the model's base, scaling and
// frequency factors.
RopeTable rope_table(const HParams& h, const Weights& w, int32_t n_ctx);
// Sliding-window layers of models that give them their own base (Gemma 3): unscaled.
RopeTable rope_table_local(const HParams& h);

} // namespace kurabe
