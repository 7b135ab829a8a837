#include "model/synthetic_model.h"

#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "sampling/sampler.h"
#include "tensor/half.h"

#include <cstring>

namespace kurabe {

const std::vector<SyntheticShape>& synthetic_shapes()
{
    // name, arch, vocab, embd, layers, heads, kv heads, ff, ctx, rope base, tied, qkv bias
    static const std::vector<SyntheticShape> shapes = {
        {"llama-1b", "llama", 32000, 2048, 16, 32, 8, 8192, 131072, 500000.0f, true, false},
        {"llama-3b", "llama", 128256, 3072, 28, 24, 8, 8192, 131072, 500000.0f, true, false},
        {"llama-8b", "llama", 128256, 4096, 32, 32, 8, 14336, 131072, 500000.0f, false, false},
        {"qwen2.5-0.5b", "qwen2", 151936, 896, 24, 14, 2, 4864, 32768, 1000000.0f, true, true},
        {"qwen2.5-7b", "qwen2", 152064, 3584, 28, 28, 4, 18944, 32768, 1000000.0f, false, true},
    };
    return shapes;
}

namespace {

// Byte offsets of the f16 scale fields inside one block, per type: random bytes there could
// be NaN or huge, so they are overwritten with a small, finite scale.
std::vector<size_t> scale_offsets(TensorType type)
{
    switch (type) {
    case TensorType::Q4_0:
    case TensorType::Q5_0:
    case TensorType::Q8_0:
    case TensorType::IQ4_NL:
    case TensorType::IQ4_XS:
        return {0};
    case TensorType::Q4_1:
    case TensorType::Q5_1:
        return {0, 2};
    case TensorType::Q2_K:
        return {80, 82};
    case TensorType::Q3_K:
        return {108};
    case TensorType::Q4_K:
    case TensorType::Q5_K:
        return {0, 2};
    case TensorType::Q6_K:
        return {208};
    default:
        return {};
    }
}

// Rows that are not a whole number of the type's blocks (Qwen2.5-0.5B's 896-wide rows and the
// 256-value K-quant blocks) take the type real quantizers fall back to for them, as in the
// published GGUF files of such models.
TensorType type_for_rows(TensorType type, uint64_t row_length)
{
    const auto fits = [row_length](TensorType t) {
        return row_length % tensor_type_traits(static_cast<uint32_t>(t))->block_elements == 0;
    };
    if (fits(type))
        return type;
    TensorType fallback = TensorType::F16;
    switch (type) {
    case TensorType::Q2_K:
    case TensorType::Q3_K:
    case TensorType::Q4_K:
        fallback = TensorType::Q5_0;
        break;
    case TensorType::Q5_K:
        fallback = TensorType::Q5_1;
        break;
    case TensorType::Q6_K:
        fallback = TensorType::Q8_0;
        break;
    case TensorType::IQ4_XS:
        fallback = TensorType::IQ4_NL;
        break;
    default:
        break;
    }
    return fits(fallback) ? fallback : TensorType::F16;
}

std::vector<uint8_t> random_tensor(Rng& rng, TensorType type, uint64_t elements)
{
    const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
    const uint64_t bytes = *tensor_bytes(type, elements);
    std::vector<uint8_t> data(bytes);
    if (type == TensorType::F32 || type == TensorType::F16 || type == TensorType::BF16) {
        for (uint64_t i = 0; i < elements; ++i) {
            const float v = static_cast<float>(rng.uniform() - 0.5) * 0.05f;
            if (type == TensorType::F32)
                std::memcpy(data.data() + 4 * i, &v, 4);
            else {
                const uint16_t h = type == TensorType::F16 ? f32_to_f16(v) : f32_to_bf16(v);
                std::memcpy(data.data() + 2 * i, &h, 2);
            }
        }
        return data;
    }
    for (uint64_t i = 0; i + 8 <= bytes; i += 8) {
        const uint64_t r = rng.next();
        std::memcpy(data.data() + i, &r, 8);
    }
    const uint16_t scale = f32_to_f16(0.002f);
    const std::vector<size_t> offsets = scale_offsets(type);
    for (uint64_t block = 0; block < bytes / traits->block_bytes; ++block) {
        for (size_t offset : offsets)
            std::memcpy(data.data() + block * traits->block_bytes + offset, &scale, 2);
    }
    return data;
}

} // namespace

Result<std::unique_ptr<Model>> build_synthetic_model(const std::string& shape_name,
                                                     const std::string& type_name)
{
    const SyntheticShape* shape = nullptr;
    std::string known;
    for (const SyntheticShape& s : synthetic_shapes()) {
        known += (known.empty() ? "" : ", ") + s.name;
        if (s.name == shape_name)
            shape = &s;
    }
    if (!shape)
        return Error{"unknown synthetic shape '" + shape_name + "' (known: " + known + ")"};
    // "Q4_K_M" / "Q5_K_M": the mixes llama.cpp's quantizer writes under those names, the K
    // type with Q6_K for the output matrix (token_embd when the output is tied to it), and
    // for attn_v and ffn_down in the layers that get more bits (the first and last eighth,
    // every third one between).
    const bool mix = type_name == "Q4_K_M" || type_name == "Q5_K_M";
    const std::optional<TensorType> type =
        supported_tensor_type(mix ? type_name.substr(0, type_name.size() - 2) : type_name);
    if (!type)
        return Error{"unknown or unsupported tensor type '" + type_name + "'"};

    const SyntheticShape& s = *shape;
    const uint64_t head_dim = static_cast<uint64_t>(s.n_embd / s.n_head);
    const uint64_t n_kv = head_dim * static_cast<uint64_t>(s.n_head_kv);
    const uint64_t E = static_cast<uint64_t>(s.n_embd), F = static_cast<uint64_t>(s.n_ff);
    GgufWriter w;
    const std::string a = s.arch;
    w.add_string("general.architecture", a);
    w.add_string("general.name", "synthetic " + s.name + " " + type_name);
    w.add_uint32(a + ".context_length", static_cast<uint32_t>(s.n_ctx));
    w.add_uint32(a + ".embedding_length", static_cast<uint32_t>(s.n_embd));
    w.add_uint32(a + ".block_count", static_cast<uint32_t>(s.n_layer));
    w.add_uint32(a + ".feed_forward_length", static_cast<uint32_t>(s.n_ff));
    w.add_uint32(a + ".attention.head_count", static_cast<uint32_t>(s.n_head));
    w.add_uint32(a + ".attention.head_count_kv", static_cast<uint32_t>(s.n_head_kv));
    w.add_float32(a + ".attention.layer_norm_rms_epsilon", 1e-5f);
    w.add_float32(a + ".rope.freq_base", s.rope_base);

    Rng rng(0x6b757261626521ull);
    auto more_bits = [&](int32_t il) {
        const int32_t n = s.n_layer;
        return il < n / 8 || il >= 7 * n / 8 || (il - n / 8) % 3 == 2;
    };
    auto matrix = [&](const std::string& name, uint64_t cols, uint64_t rows, bool more = false) {
        const TensorType t = type_for_rows(mix && more ? TensorType::Q6_K : *type, cols);
        w.add_tensor(name, {cols, rows}, t, random_tensor(rng, t, cols * rows));
    };
    auto vector = [&](const std::string& name, uint64_t n) {
        const std::vector<float> values(n, 1.0f);
        w.add_tensor_f32(name, {n}, TensorType::F32, values);
    };
    matrix("token_embd.weight", E, static_cast<uint64_t>(s.n_vocab), s.tied_output);
    vector("output_norm.weight", E);
    if (!s.tied_output)
        matrix("output.weight", E, static_cast<uint64_t>(s.n_vocab), true);
    for (int32_t il = 0; il < s.n_layer; ++il) {
        const std::string p = "blk." + std::to_string(il) + ".";
        vector(p + "attn_norm.weight", E);
        matrix(p + "attn_q.weight", E, E);
        matrix(p + "attn_k.weight", E, n_kv);
        matrix(p + "attn_v.weight", E, n_kv, more_bits(il));
        if (s.qkv_bias) {
            vector(p + "attn_q.bias", E);
            vector(p + "attn_k.bias", n_kv);
            vector(p + "attn_v.bias", n_kv);
        }
        matrix(p + "attn_output.weight", E, E);
        vector(p + "ffn_norm.weight", E);
        matrix(p + "ffn_gate.weight", E, F);
        matrix(p + "ffn_up.weight", E, F);
        matrix(p + "ffn_down.weight", F, E, more_bits(il));
    }
    return Model::from_image(w.take_bytes(), "synthetic-" + s.name + "-" + type_name + ".gguf");
}

} // namespace kurabe
