// The model architectures the engine runs, and for each one the table of what differs:
// which tensors a layer has, how RoPE pairs dimensions, which norms and activations it uses.
// One table per architecture; the forward pass reads these flags, never tensor-name strings.
#pragma once

#include <optional>
#include <string_view>

namespace kurabe {

enum class Architecture
{
    Llama,
    Qwen2,
    Qwen3,
    Phi3,
    Gemma2,
    Gemma3
};

enum class RopeStyle
{
    Normal, // rotates adjacent pairs (x[2i], x[2i+1]) — llama's GGUF layout
    NeoX,   // rotates halves (x[i], x[i + rope_dim/2])
};

enum class FfnActivation
{
    SiluGate,
    GeluGate
}; // SwiGLU / GeGLU (tanh-approximated GELU)

struct ArchitectureTraits
{
    Architecture arch;
    std::string_view name; // general.architecture value and metadata key prefix
    RopeStyle rope;
    FfnActivation activation;
    bool qkv_bias;         // q/k/v projections have biases (qwen2)
    bool qk_norm;          // per-head RMSNorm of q and k before RoPE (qwen3, gemma3)
    bool fused_qkv;        // one attn_qkv matrix: q rows, then k rows, then v rows (phi3)
    bool fused_gate_up;    // ffn_up holds the gate half then the up half (phi3)
    bool post_norms;       // post-attention and post-FFN RMSNorms (gemma2, gemma3)
    bool scale_embeddings; // input embeddings times sqrt(n_embd) (gemma)
};

// Traits for a general.architecture value; nothing for architectures the engine lacks.
std::optional<ArchitectureTraits> architecture_traits(std::string_view name);

} // namespace kurabe
