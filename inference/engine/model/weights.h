// The model's tensors, bound by name once at load time. Matrices point into the memory-mapped
// file (no copy); vectors (norms, biases) are converted to f32.
#pragma once

#include "core/result.h"
#include "model/hparams.h"
#include "tensor/tensor_type.h"

#include <cstdint>
#include <vector>

namespace kurabe {

class GgufFile;

// A row-major matrix of `rows` x `cols` in a possibly quantized type: row r holds `cols`
// values in `row_bytes` bytes at data + r * row_bytes. A GGUF tensor of shape [ne0, ne1] is a
// matrix of ne1 rows and ne0 columns: y = W x reads one row per output.
struct Matrix
{
    TensorType type = TensorType::F32;
    const uint8_t* data = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    size_t row_bytes = 0;

    bool empty() const { return data == nullptr; }
    const uint8_t* row(int64_t r) const { return data + static_cast<size_t>(r) * row_bytes; }
    uint64_t bytes() const { return static_cast<uint64_t>(rows) * row_bytes; }
};

struct LayerWeights
{
    std::vector<float> attn_norm;      // [n_embd]
    Matrix wq, wk, wv;                 // [n_embd_q | n_embd_k | n_embd_v, n_embd]
    Matrix wqkv;                       // fused alternative: [n_embd_q + 2 n_embd_k, n_embd]
    std::vector<float> bq, bk, bv;     // biases (qwen2), empty when absent
    std::vector<float> q_norm, k_norm; // [head_dim] (qwen3, gemma3)
    Matrix wo;                         // [n_embd, n_embd_q]
    std::vector<float> post_attn_norm; // [n_embd] (gemma2/3)
    std::vector<float> ffn_norm;       // [n_embd]
    Matrix ffn_gate;                   // [n_ff, n_embd]; empty when fused into ffn_up
    Matrix ffn_up;                     // [n_ff, n_embd] or [2 n_ff, n_embd] (gate half first)
    Matrix ffn_down;                   // [n_embd, n_ff]
    std::vector<float> post_ffn_norm;  // [n_embd] (gemma2/3)
};

struct Weights
{
    Matrix token_embd;              // [n_vocab, n_embd]
    std::vector<float> output_norm; // [n_embd]
    Matrix output;                  // [n_vocab, n_embd]; token_embd when tied
    bool tied_output = false;
    std::vector<float> rope_freq_factors; // [rope_dim / 2] divides frequencies (Llama 3.1)
    // LongRoPE (Phi-3/3.5 128k): per-pair divisors for contexts within the original training
    // context (short) and beyond it (long); empty when the model has none.
    std::vector<float> rope_factors_short, rope_factors_long; // [rope_dim / 2]
    std::vector<LayerWeights> layers;
};

// Binds every tensor the architecture needs, checking names, shapes and types; an error names
// the file and the tensor.
Result<Weights> bind_weights(const GgufFile& file, const HParams& hparams);

// The vocabulary size implied by token_embd (needed before hparams are read).
Result<int32_t> embedding_rows(const GgufFile& file);

} // namespace kurabe
