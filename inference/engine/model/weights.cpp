#include "model/weights.h"

#include "gguf/gguf_file.h"
#include "tensor/dequantize.h"

#include <string>

namespace kurabe {

namespace {

class Binder
{
public:
    explicit Binder(const GgufFile& file) : file_(file) {}

    // A 2-D tensor with `cols` columns and, when rows > 0, exactly `rows` rows.
    Result<Matrix> matrix(const std::string& name, int64_t cols, int64_t rows) const
    {
        const GgufTensor* t = file_.find_tensor(name);
        if (!t)
            return Error{file_.path() + ": missing tensor " + name};
        return to_matrix(*t, cols, rows);
    }

    Result<Matrix> optional_matrix(const std::string& name, int64_t cols, int64_t rows) const
    {
        if (!file_.find_tensor(name))
            return Matrix{};
        return matrix(name, cols, rows);
    }

    Result<std::vector<float>> vector(const std::string& name, int64_t size, bool required) const
    {
        const GgufTensor* t = file_.find_tensor(name);
        if (!t) {
            if (required)
                return Error{file_.path() + ": missing tensor " + name};
            return std::vector<float>{};
        }
        if (t->elements != static_cast<uint64_t>(size))
            return Error{file_.path() + ": tensor " + name + " has " + std::to_string(t->elements) +
                         " values, expected " + std::to_string(size)};
        if (!supported(t->type))
            return unsupported(*t);
        std::vector<float> out(static_cast<size_t>(size));
        dequantize_row(t->type, t->data, out.data(), size);
        return out;
    }

    Result<Matrix> to_matrix(const GgufTensor& t, int64_t cols, int64_t rows) const
    {
        const std::string name(t.name);
        if (t.shape.size() != 2)
            return Error{file_.path() + ": tensor " + name + " should be 2-D, it has " +
                         std::to_string(t.shape.size()) + " dimensions"};
        if (static_cast<int64_t>(t.shape[0]) != cols ||
            (rows > 0 && static_cast<int64_t>(t.shape[1]) != rows))
            return Error{file_.path() + ": tensor " + name + " has shape [" +
                         std::to_string(t.shape[0]) + ", " + std::to_string(t.shape[1]) +
                         "], expected [" + std::to_string(cols) + ", " +
                         (rows > 0 ? std::to_string(rows) : std::string("*")) + "]"};
        if (!supported(t.type))
            return unsupported(t);
        Matrix m;
        m.type = t.type;
        m.data = t.data;
        m.cols = cols;
        m.rows = static_cast<int64_t>(t.shape[1]);
        m.row_bytes = static_cast<size_t>(t.bytes / t.shape[1]);
        return m;
    }

private:
    static bool supported(TensorType type)
    {
        const auto traits = tensor_type_traits(static_cast<uint32_t>(type));
        return traits && traits->supported;
    }

    Error unsupported(const GgufTensor& t) const
    {
        return Error{file_.path() + ": tensor " + std::string(t.name) + " has type " +
                     std::string(tensor_type_name(t.type)) +
                     ", which the engine cannot compute with yet"};
    }

    const GgufFile& file_;
};

std::string layer_name(int32_t il, const char* suffix)
{
    return "blk." + std::to_string(il) + "." + suffix;
}

} // namespace

Result<int32_t> embedding_rows(const GgufFile& file)
{
    const GgufTensor* t = file.find_tensor("token_embd.weight");
    if (!t)
        return Error{file.path() + ": missing tensor token_embd.weight"};
    if (t->shape.size() != 2 || t->shape[1] == 0 || t->shape[1] > (1u << 24))
        return Error{file.path() + ": tensor token_embd.weight has an unusable shape"};
    return static_cast<int32_t>(t->shape[1]);
}

Result<Weights> bind_weights(const GgufFile& file, const HParams& h)
{
    const Binder b(file);
    Weights w;
#define KURABE_TRY(target, expr)                                                                   \
    do {                                                                                           \
        auto kurabe_result_ = (expr);                                                              \
        if (!kurabe_result_)                                                                       \
            return kurabe_result_.error();                                                         \
        target = std::move(*kurabe_result_);                                                       \
    } while (0)

    KURABE_TRY(w.token_embd, b.matrix("token_embd.weight", h.n_embd, h.n_vocab));
    KURABE_TRY(w.output_norm, b.vector("output_norm.weight", h.n_embd, true));
    KURABE_TRY(w.output, b.optional_matrix("output.weight", h.n_embd, h.n_vocab));
    if (w.output.empty()) {
        w.output = w.token_embd;
        w.tied_output = true;
    }
    KURABE_TRY(w.rope_freq_factors, b.vector("rope_freqs.weight", h.rope_dim / 2, false));
    KURABE_TRY(w.rope_factors_short, b.vector("rope_factors_short.weight", h.rope_dim / 2, false));
    KURABE_TRY(w.rope_factors_long, b.vector("rope_factors_long.weight", h.rope_dim / 2, false));
    if (w.rope_factors_short.empty() != w.rope_factors_long.empty())
        return Error{file.path() + ": the model has only one of rope_factors_short and " +
                     "rope_factors_long"};

    w.layers.resize(static_cast<size_t>(h.n_layer));
    for (int32_t il = 0; il < h.n_layer; ++il) {
        LayerWeights& l = w.layers[static_cast<size_t>(il)];
        auto name = [il](const char* suffix) { return layer_name(il, suffix); };
        KURABE_TRY(l.attn_norm, b.vector(name("attn_norm.weight"), h.n_embd, true));
        KURABE_TRY(l.wqkv, b.optional_matrix(name("attn_qkv.weight"), h.n_embd,
                                             h.n_embd_q() + h.n_embd_k() + h.n_embd_v()));
        if (l.wqkv.empty()) {
            KURABE_TRY(l.wq, b.matrix(name("attn_q.weight"), h.n_embd, h.n_embd_q()));
            KURABE_TRY(l.wk, b.matrix(name("attn_k.weight"), h.n_embd, h.n_embd_k()));
            KURABE_TRY(l.wv, b.matrix(name("attn_v.weight"), h.n_embd, h.n_embd_v()));
        }
        KURABE_TRY(l.bq, b.vector(name("attn_q.bias"), h.n_embd_q(), h.traits.qkv_bias));
        KURABE_TRY(l.bk, b.vector(name("attn_k.bias"), h.n_embd_k(), h.traits.qkv_bias));
        KURABE_TRY(l.bv, b.vector(name("attn_v.bias"), h.n_embd_v(), h.traits.qkv_bias));
        KURABE_TRY(l.q_norm, b.vector(name("attn_q_norm.weight"), h.head_dim, h.traits.qk_norm));
        KURABE_TRY(l.k_norm, b.vector(name("attn_k_norm.weight"), h.head_dim, h.traits.qk_norm));
        KURABE_TRY(l.wo, b.matrix(name("attn_output.weight"), h.n_embd_q(), h.n_embd));
        KURABE_TRY(l.post_attn_norm,
                   b.vector(name("post_attention_norm.weight"), h.n_embd, h.traits.post_norms));
        KURABE_TRY(l.ffn_norm, b.vector(name("ffn_norm.weight"), h.n_embd, true));
        KURABE_TRY(l.ffn_gate, b.optional_matrix(name("ffn_gate.weight"), h.n_embd, h.n_ff));
        KURABE_TRY(l.ffn_up, b.matrix(name("ffn_up.weight"), h.n_embd,
                                      l.ffn_gate.empty() ? 2 * h.n_ff : h.n_ff));
        KURABE_TRY(l.ffn_down, b.matrix(name("ffn_down.weight"), h.n_ff, h.n_embd));
        KURABE_TRY(l.post_ffn_norm,
                   b.vector(name("post_ffw_norm.weight"), h.n_embd, h.traits.post_norms));
    }
#undef KURABE_TRY
    return w;
}

} // namespace kurabe
