#include "cpu/cpu_session.h"

#include "cpu/kernels.h"
#include "model/model.h"
#include "model/rope.h"
#include "tensor/dequantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace kurabe {

namespace {

// The longest row any matrix of the model has (its input width).
int64_t widest_row(const HParams& h)
{
    return std::max({static_cast<int64_t>(h.n_embd), static_cast<int64_t>(h.n_ff),
                     static_cast<int64_t>(h.n_embd_q())});
}

} // namespace

Result<std::unique_ptr<CpuSession>> CpuSession::create(const Model& model,
                                                       const SessionOptions& options)
{
    const HParams& h = model.hparams();
    int32_t n_ctx = options.n_ctx > 0 ? options.n_ctx : std::min(h.n_ctx_train, 4096);
    if (n_ctx <= 0)
        return Error{"the context length must be positive"};
    if (options.n_batch <= 0)
        return Error{"the batch size must be positive"};
    return std::unique_ptr<CpuSession>(new CpuSession(model, options, n_ctx));
}

CpuSession::CpuSession(const Model& model, const SessionOptions& options, int32_t n_ctx)
    : model_(model), h_(model.hparams()), w_(model.weights()), pool_(options.n_threads),
      n_ctx_(n_ctx), n_batch_(std::min(options.n_batch, n_ctx)),
      scratch_(pool_.size(), widest_row(model.hparams()))
{
    rope_ = rope_table(h_, w_, n_ctx_);
    rope_local_ = h_.rope_freq_base_local > 0 ? rope_table_local(h_) : rope_;

    const size_t B = static_cast<size_t>(n_batch_);
    const size_t ctx = static_cast<size_t>(n_ctx_);
    k_cache_.assign(static_cast<size_t>(h_.n_layer),
                    std::vector<float>(ctx * static_cast<size_t>(h_.n_embd_k())));
    v_cache_.assign(static_cast<size_t>(h_.n_layer),
                    std::vector<float>(ctx * static_cast<size_t>(h_.n_embd_v())));
    x_.resize(B * h_.n_embd);
    h_buf_.resize(B * h_.n_embd);
    qkv_.resize(B * static_cast<size_t>(h_.n_embd_q() + h_.n_embd_k() + h_.n_embd_v()));
    attn_.resize(B * static_cast<size_t>(h_.n_head * h_.head_dim_v));
    o_.resize(B * h_.n_embd);
    gate_up_.resize(B * 2 * static_cast<size_t>(h_.n_ff));
    ff_.resize(B * static_cast<size_t>(h_.n_ff));
    scores_.resize(static_cast<size_t>(pool_.size()) * ctx);
    logits_.resize(static_cast<size_t>(h_.n_vocab));
}

std::string CpuSession::device_name() const
{
    return "CPU (" + std::to_string(pool_.size()) + (pool_.size() == 1 ? " thread)" : " threads)");
}

void CpuSession::truncate(int32_t n_past)
{
    n_past_ = std::clamp(n_past, 0, n_past_);
}

std::span<const float> CpuSession::logits(int64_t i) const
{
    const size_t n_vocab = static_cast<size_t>(h_.n_vocab);
    return {logits_.data() + static_cast<size_t>(i) * n_vocab, n_vocab};
}

Result<void> CpuSession::eval(std::span<const int32_t> tokens, bool all_logits)
{
    if (Result<void> ok = check_eval_input(tokens, n_past_, n_ctx_, h_.n_vocab); !ok)
        return ok;
    logits_rows_ = all_logits ? static_cast<int64_t>(tokens.size()) : 1;
    const size_t needed = static_cast<size_t>(logits_rows_) * static_cast<size_t>(h_.n_vocab);
    if (logits_.size() < needed)
        logits_.resize(needed); // only when asked for every position's logits
    for (size_t start = 0; start < tokens.size(); start += static_cast<size_t>(n_batch_)) {
        const int64_t T = std::min<int64_t>(n_batch_, static_cast<int64_t>(tokens.size() - start));
        const bool last_batch = start + static_cast<size_t>(T) == tokens.size();
        if (all_logits || last_batch)
            forward(tokens.data() + start, T, all_logits,
                    all_logits ? static_cast<int64_t>(start) : 0);
        else
            forward(tokens.data() + start, T, false, -1);
        n_past_ += static_cast<int32_t>(T);
    }
    return {};
}

// One batch of T tokens at positions n_past_ .. n_past_ + T - 1. Logits go to rows
// logits_offset.. (every token when all_logits, else only the last; none when offset < 0).
void CpuSession::forward(const int32_t* tokens, int64_t T, bool all_logits, int64_t logits_offset)
{
    const int64_t E = h_.n_embd;
    const int32_t p0 = n_past_;

    // Embedding lookup (and Gemma's sqrt(n_embd) scaling).
    for (int64_t t = 0; t < T; ++t) {
        float* xt = x_.data() + t * E;
        dequantize_row(w_.token_embd.type, w_.token_embd.row(tokens[t]), xt, E);
        if (h_.traits.scale_embeddings) {
            const float scale = std::sqrt(static_cast<float>(E));
            for (int64_t i = 0; i < E; ++i)
                xt[i] *= scale;
        }
    }

    const int64_t nq = h_.n_embd_q(), nk = h_.n_embd_k(), nv = h_.n_embd_v();
    const int64_t nqkv = nq + nk + nv;
    const int64_t n_ff = h_.n_ff;
    for (int32_t il = 0; il < h_.n_layer; ++il) {
        const LayerWeights& l = w_.layers[static_cast<size_t>(il)];

        // --- attention block: h = norm(x); q, k, v = W h; rope; attend; x += Wo attn ---
        rms_norm(x_.data(), l.attn_norm.data(), h_buf_.data(), T, E, h_.rms_eps);
        float* q = qkv_.data();
        if (!l.wqkv.empty()) {
            matmul(pool_, l.wqkv, h_buf_.data(), T, q, nqkv, nullptr, scratch_);
        } else {
            const auto bias = [](const std::vector<float>& b) {
                return b.empty() ? nullptr : b.data();
            };
            matmul(pool_, l.wq, h_buf_.data(), T, q, nqkv, bias(l.bq), scratch_);
            matmul(pool_, l.wk, h_buf_.data(), T, q + nq, nqkv, bias(l.bk), scratch_);
            matmul(pool_, l.wv, h_buf_.data(), T, q + nq + nk, nqkv, bias(l.bv), scratch_);
        }
        const bool local = h_.layer_is_local[static_cast<size_t>(il)];
        const RopeTable& rot = local ? rope_local_ : rope_;
        for (int64_t t = 0; t < T; ++t) {
            float* qt = q + t * nqkv;
            float* kt = qt + nq;
            if (!l.q_norm.empty()) {
                rms_norm(qt, l.q_norm.data(), qt, h_.n_head, h_.head_dim, h_.rms_eps);
                rms_norm(kt, l.k_norm.data(), kt, h_.n_head_kv, h_.head_dim, h_.rms_eps);
            }
            const float pos = static_cast<float>(p0 + t);
            rope(qt, h_.n_head, h_.head_dim, h_.rope_dim, h_.traits.rope, pos, rot.inv_freq.data(),
                 rot.mscale);
            rope(kt, h_.n_head_kv, h_.head_dim, h_.rope_dim, h_.traits.rope, pos,
                 rot.inv_freq.data(), rot.mscale);
            // Store this token's keys and values in the cache.
            std::memcpy(k_cache_[static_cast<size_t>(il)].data() + (p0 + t) * nk, kt,
                        static_cast<size_t>(nk) * sizeof(float));
            std::memcpy(v_cache_[static_cast<size_t>(il)].data() + (p0 + t) * nv, kt + nk,
                        static_cast<size_t>(nv) * sizeof(float));
        }
        attention(il, T, p0);
        matmul(pool_, l.wo, attn_.data(), T, o_.data(), E, nullptr, scratch_);
        if (!l.post_attn_norm.empty())
            rms_norm(o_.data(), l.post_attn_norm.data(), o_.data(), T, E, h_.rms_eps);
        for (int64_t i = 0; i < T * E; ++i)
            x_[static_cast<size_t>(i)] += o_[static_cast<size_t>(i)];

        // --- feed-forward block: x += down(act(gate h) * up h) ---
        rms_norm(x_.data(), l.ffn_norm.data(), h_buf_.data(), T, E, h_.rms_eps);
        float* gate = gate_up_.data();
        float* up = gate_up_.data() + n_ff;
        if (l.ffn_gate.empty()) {
            // Fused: each token's row holds the gate half, then the up half.
            matmul(pool_, l.ffn_up, h_buf_.data(), T, gate, 2 * n_ff, nullptr, scratch_);
        } else {
            matmul(pool_, l.ffn_gate, h_buf_.data(), T, gate, 2 * n_ff, nullptr, scratch_);
            matmul(pool_, l.ffn_up, h_buf_.data(), T, up, 2 * n_ff, nullptr, scratch_);
        }
        const bool gelu_gate = h_.traits.activation == FfnActivation::GeluGate;
        for (int64_t t = 0; t < T; ++t) {
            const float* g = gate + t * 2 * n_ff;
            const float* u = up + t * 2 * n_ff;
            float* f = ff_.data() + t * n_ff;
            for (int64_t i = 0; i < n_ff; ++i)
                f[i] = (gelu_gate ? gelu(g[i]) : silu(g[i])) * u[i];
        }
        matmul(pool_, l.ffn_down, ff_.data(), T, o_.data(), E, nullptr, scratch_);
        if (!l.post_ffn_norm.empty())
            rms_norm(o_.data(), l.post_ffn_norm.data(), o_.data(), T, E, h_.rms_eps);
        for (int64_t i = 0; i < T * E; ++i)
            x_[static_cast<size_t>(i)] += o_[static_cast<size_t>(i)];
    }

    if (logits_offset < 0)
        return;
    // Output: final norm, then logits for every token or only the last.
    const int64_t first = all_logits ? 0 : T - 1;
    const int64_t rows = T - first;
    rms_norm(x_.data() + first * E, w_.output_norm.data(), h_buf_.data(), rows, E, h_.rms_eps);
    float* out = logits_.data() + logits_offset * h_.n_vocab;
    matmul(pool_, w_.output, h_buf_.data(), rows, out, h_.n_vocab, nullptr, scratch_);
    if (h_.final_softcap > 0) {
        for (int64_t i = 0; i < rows * h_.n_vocab; ++i)
            out[i] = soft_cap(out[i], h_.final_softcap);
    }
}

// attn_[t, head] = softmax(q·K / sqrt(d)) V over the visible cached positions, per head.
void CpuSession::attention(int32_t layer, int64_t T, int32_t p0)
{
    const int64_t nq = h_.n_embd_q(), nk = h_.n_embd_k(), nv = h_.n_embd_v();
    const int64_t nqkv = nq + nk + nv;
    const int32_t group = h_.n_head / h_.n_head_kv; // query heads per key/value head
    const bool local = h_.layer_is_local[static_cast<size_t>(layer)] && h_.sliding_window > 0;
    const float* K = k_cache_[static_cast<size_t>(layer)].data();
    const float* V = v_cache_[static_cast<size_t>(layer)].data();
    const int64_t d = h_.head_dim, dv = h_.head_dim_v;

    pool_.parallel_for(T * h_.n_head, [&](int64_t begin, int64_t end, int32_t thread) {
        float* scores = scores_.data() + static_cast<size_t>(thread) * n_ctx_;
        for (int64_t item = begin; item < end; ++item) {
            const int64_t t = item / h_.n_head;
            const int32_t head = static_cast<int32_t>(item % h_.n_head);
            const int32_t kv_head = head / group;
            const float* q = qkv_.data() + t * nqkv + static_cast<int64_t>(head) * d;
            const int32_t pos = p0 + static_cast<int32_t>(t);
            // Causal: positions 0..pos; a sliding window also drops those pos - j >= window.
            const int32_t first = local ? std::max(0, pos - h_.sliding_window + 1) : 0;

            float max_score = -INFINITY;
            for (int32_t j = first; j <= pos; ++j) {
                const float* k = K + static_cast<int64_t>(j) * nk + kv_head * d;
                float s = dot_f32(q, k, d) * h_.attn_scale;
                if (h_.attn_softcap > 0)
                    s = soft_cap(s, h_.attn_softcap);
                scores[j] = s;
                max_score = std::max(max_score, s);
            }
            double sum = 0;
            for (int32_t j = first; j <= pos; ++j) {
                scores[j] = std::exp(scores[j] - max_score);
                sum += scores[j];
            }
            const float inv_sum = static_cast<float>(1.0 / sum);
            float* out = attn_.data() + t * h_.n_head * dv + static_cast<int64_t>(head) * dv;
            std::fill(out, out + dv, 0.0f);
            for (int32_t j = first; j <= pos; ++j) {
                const float p = scores[j] * inv_sum;
                const float* v = V + static_cast<int64_t>(j) * nv + kv_head * dv;
                for (int64_t i = 0; i < dv; ++i)
                    out[i] += p * v[i];
            }
        }
    });
}

} // namespace kurabe
