#include "model/architecture.h"

namespace kurabe {

namespace {

using A = Architecture;
using R = RopeStyle;
using F = FfnActivation;

// name, rope, activation, qkv_bias, qk_norm, fused_qkv, fused_gate_up, post_norms, scale_embd
constexpr ArchitectureTraits k_architectures[] = {
    {A::Llama, "llama", R::Normal, F::SiluGate, false, false, false, false, false, false},
    {A::Qwen2, "qwen2", R::NeoX, F::SiluGate, true, false, false, false, false, false},
    {A::Qwen3, "qwen3", R::NeoX, F::SiluGate, false, true, false, false, false, false},
    {A::Phi3, "phi3", R::NeoX, F::SiluGate, false, false, true, true, false, false},
    {A::Gemma2, "gemma2", R::NeoX, F::GeluGate, false, false, false, false, true, true},
    {A::Gemma3, "gemma3", R::NeoX, F::GeluGate, false, true, false, false, true, true},
};

} // namespace

std::optional<ArchitectureTraits> architecture_traits(std::string_view name)
{
    for (const ArchitectureTraits& traits : k_architectures) {
        if (traits.name == name)
            return traits;
    }
    return std::nullopt;
}

} // namespace kurabe
