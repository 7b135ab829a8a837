#include "model/rope.h"

#include "model/hparams.h"
#include "model/weights.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kurabe {

namespace {

double plain_frequency(double base, int32_t i, int32_t rope_dim)
{
    return std::pow(base, -2.0 * static_cast<double>(i) / static_cast<double>(rope_dim));
}

// The (fractional) pair index whose wavelength fits `rotations` times into the original
// context: pairs below it turn fast enough to have been seen at every angle during training.
double yarn_correction_pair(double rotations, const HParams& h)
{
    return static_cast<double>(h.rope_dim) *
           std::log(static_cast<double>(h.rope_orig_ctx) / (rotations * 2.0 * std::numbers::pi)) /
           (2.0 * std::log(static_cast<double>(h.rope_freq_base)));
}

} // namespace

RopeTable rope_table(const HParams& h, const Weights& w, int32_t n_ctx)
{
    const std::vector<float>& freq_factors =
        !w.rope_factors_long.empty()
            ? (n_ctx > h.rope_orig_ctx ? w.rope_factors_long : w.rope_factors_short)
            : w.rope_freq_factors;
    RopeTable table;
    const int32_t half = h.rope_dim / 2;
    table.inv_freq.resize(static_cast<size_t>(half));

    double low = 0, high = 0;
    const bool yarn = h.rope_scaling == RopeScaling::Yarn && h.yarn_ext_factor != 0.0f;
    if (yarn) {
        low = std::max(0.0, std::floor(yarn_correction_pair(h.yarn_beta_fast, h)));
        high = std::min(static_cast<double>(h.rope_dim - 1),
                        std::ceil(yarn_correction_pair(h.yarn_beta_slow, h)));
    }
    for (int32_t i = 0; i < half; ++i) {
        double f = plain_frequency(h.rope_freq_base, i, h.rope_dim);
        if (!freq_factors.empty())
            f /= freq_factors[static_cast<size_t>(i)];
        double scale = h.rope_freq_scale;
        if (yarn) {
            // 1 for fast pairs (i <= low), 0 for slow ones (i >= high), linear between.
            const double y = (static_cast<double>(i) - low) / std::max(0.001, high - low);
            const double keep = (1.0 - std::clamp(y, 0.0, 1.0)) * h.yarn_ext_factor;
            scale = h.rope_freq_scale * (1.0 - keep) + keep;
        }
        table.inv_freq[static_cast<size_t>(i)] = static_cast<float>(f * scale);
    }
    table.mscale = h.rope_attn_factor;
    if (yarn)
        table.mscale *= 1.0f + 0.1f * std::log(1.0f / h.rope_freq_scale);
    return table;
}

RopeTable rope_table_local(const HParams& h)
{
    RopeTable table;
    const int32_t half = h.rope_dim / 2;
    table.inv_freq.resize(static_cast<size_t>(half));
    for (int32_t i = 0; i < half; ++i)
        table.inv_freq[static_cast<size_t>(i)] =
            static_cast<float>(plain_frequency(h.rope_freq_base_local, i, h.rope_dim));
    return table;
}

} // namespace kurabe
