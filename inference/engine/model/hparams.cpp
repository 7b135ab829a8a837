#include "model/hparams.h"

#include "gguf/gguf_file.h"

#include <cmath>

namespace kurabe {

namespace {

class Reader
{
public:
    Reader(const GgufFile& file, std::string_view arch) : file_(file), prefix_(arch) {}

    std::string key(std::string_view name) const { return prefix_ + "." + std::string(name); }

    // A required positive integer that fits comfortably in int32.
    Result<int32_t> count(std::string_view name) const
    {
        const std::string k = key(name);
        const std::optional<uint64_t> v = file_.get_uint(k);
        if (!v)
            return Error{file_.path() + ": missing or non-integer metadata " + k};
        if (*v == 0 || *v > (1u << 30))
            return Error{file_.path() + ": metadata " + k + " = " + std::to_string(*v) +
                         " is out of range"};
        return static_cast<int32_t>(*v);
    }

    int32_t count_or(std::string_view name, int32_t fallback) const
    {
        const std::optional<uint64_t> v = file_.get_uint(key(name));
        return v && *v > 0 && *v <= (1u << 30) ? static_cast<int32_t>(*v) : fallback;
    }

    float real_or(std::string_view name, float fallback) const
    {
        const std::optional<double> v = file_.get_float(key(name));
        return v && std::isfinite(*v) ? static_cast<float>(*v) : fallback;
    }

    std::optional<std::string_view> text(std::string_view name) const
    {
        return file_.get_string(key(name));
    }

private:
    const GgufFile& file_;
    std::string prefix_;
};

} // namespace

Result<HParams> read_hparams(const GgufFile& file, int32_t n_vocab)
{
    const std::optional<std::string_view> arch = file.get_string("general.architecture");
    if (!arch)
        return Error{file.path() + ": missing general.architecture"};
    const std::optional<ArchitectureTraits> traits = architecture_traits(*arch);
    if (!traits)
        return Error{file.path() + ": architecture '" + std::string(*arch) +
                     "' is not supported (supported: llama, qwen2, qwen3, phi3, gemma2, gemma3)"};

    const Reader r(file, *arch);
    HParams h;
    h.traits = *traits;
    h.n_vocab = n_vocab;
    for (auto [field, name] :
         {std::pair{&h.n_embd, "embedding_length"}, std::pair{&h.n_layer, "block_count"},
          std::pair{&h.n_head, "attention.head_count"},
          std::pair{&h.n_ff, "feed_forward_length"}}) {
        Result<int32_t> v = r.count(name);
        if (!v)
            return v.error();
        *field = *v;
    }
    h.n_ctx_train = r.count_or("context_length", 2048);
    h.n_head_kv = r.count_or("attention.head_count_kv", h.n_head);
    if (h.n_head % h.n_head_kv != 0)
        return Error{file.path() + ": " + std::to_string(h.n_head) + " attention heads cannot " +
                     "be grouped over " + std::to_string(h.n_head_kv) + " key/value heads"};
    if (h.n_embd % h.n_head != 0 && !file.get_uint(r.key("attention.key_length")))
        return Error{file.path() + ": embedding_length is not a multiple of head_count"};
    h.head_dim = r.count_or("attention.key_length", h.n_embd / h.n_head);
    h.head_dim_v = r.count_or("attention.value_length", h.head_dim);
    h.rms_eps = r.real_or("attention.layer_norm_rms_epsilon", 1e-5f);
    h.rope_dim = r.count_or("rope.dimension_count", h.head_dim);
    if (h.rope_dim > h.head_dim || h.rope_dim % 2 != 0)
        return Error{file.path() + ": rope.dimension_count " + std::to_string(h.rope_dim) +
                     " does not fit the head dimension " + std::to_string(h.head_dim)};
    h.rope_freq_base = r.real_or("rope.freq_base", 10000.0f);

    h.rope_orig_ctx = r.count_or("rope.scaling.original_context_length", h.n_ctx_train);
    const std::optional<std::string_view> scaling = r.text("rope.scaling.type");
    const float factor = r.real_or("rope.scaling.factor", 0.0f);
    if (scaling == "linear" && factor > 0.0f) {
        h.rope_scaling = RopeScaling::Linear;
        h.rope_freq_scale = 1.0f / factor;
    } else if (scaling == "yarn") {
        if (factor <= 0.0f)
            return Error{file.path() + ": YaRN RoPE scaling needs rope.scaling.factor > 0"};
        h.rope_scaling = RopeScaling::Yarn;
        h.rope_freq_scale = 1.0f / factor;
        h.yarn_ext_factor = 1.0f;
        h.yarn_beta_fast = r.real_or("rope.scaling.yarn_beta_fast", 32.0f);
        h.yarn_beta_slow = r.real_or("rope.scaling.yarn_beta_slow", 1.0f);
        if (h.rope_orig_ctx <= 0 || !(h.yarn_beta_fast > h.yarn_beta_slow) ||
            !(h.yarn_beta_slow > 0.0f))
            return Error{file.path() + ": YaRN parameters are inconsistent (original context " +
                         std::to_string(h.rope_orig_ctx) + ", beta_fast " +
                         std::to_string(h.yarn_beta_fast) + ", beta_slow " +
                         std::to_string(h.yarn_beta_slow) + ")"};
    } else if (scaling && *scaling != "none" && !scaling->empty()) {
        return Error{file.path() + ": unknown RoPE scaling \"" + std::string(*scaling) + "\""};
    }
    h.rope_attn_factor = r.real_or("rope.scaling.attn_factor", 1.0f);
    // Older files give the scale directly.
    if (h.rope_scaling == RopeScaling::None) {
        const float linear = r.real_or("rope.scale_linear", 0.0f);
        if (linear > 0.0f) {
            h.rope_scaling = RopeScaling::Linear;
            h.rope_freq_scale = 1.0f / linear;
        }
    }

    h.attn_scale = 1.0f / std::sqrt(static_cast<float>(h.head_dim));
    h.layer_is_local.assign(static_cast<size_t>(h.n_layer), false);
    if (traits->arch == Architecture::Gemma2) {
        h.attn_softcap = r.real_or("attn_logit_softcapping", 50.0f);
        h.final_softcap = r.real_or("final_logit_softcapping", 30.0f);
        h.sliding_window = r.count_or("attention.sliding_window", 4096);
        for (int32_t il = 0; il < h.n_layer; il += 2)
            h.layer_is_local[static_cast<size_t>(il)] = true; // even layers are local
        // Gemma 2 27B (46 layers) scales queries by 1/sqrt(n_embd / n_head), not the head size.
        if (h.n_layer == 46)
            h.attn_scale = 1.0f / std::sqrt(static_cast<float>(h.n_embd / h.n_head));
    } else if (traits->arch == Architecture::Gemma3) {
        h.final_softcap = r.real_or("final_logit_softcapping", 0.0f);
        h.sliding_window = r.count_or("attention.sliding_window", 0);
        for (int32_t il = 0; il < h.n_layer; ++il)
            h.layer_is_local[static_cast<size_t>(il)] = h.sliding_window > 0 && (il + 1) % 6 != 0;
        h.rope_freq_base_local = 10000.0f;
        if (h.n_layer == 62) // Gemma 3 27B
            h.attn_scale = 1.0f / std::sqrt(static_cast<float>(h.n_embd / h.n_head));
    } else if (traits->arch == Architecture::Phi3) {
        h.sliding_window = 0; // Phi-3's window equals its context in the models it ships
    }
    return h;
}

} // namespace kurabe
