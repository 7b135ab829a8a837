#version 450
// Gated feed-forward activation: out[t, i] = act(gate[t, i]) * up[t, i], where each token's
// row of `gate_up` holds n_ff gate values then n_ff up values. act: SiLU, or (gelu = 1) GELU
// with the tanh approximation (GeGLU). Grid-stride over n_tokens * n_ff values.

layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer GateUp { float gate_up[]; };
layout(std430, binding = 1) writeonly buffer Out { float out_[]; };

layout(push_constant) uniform Params {
    uint n_ff;
    uint n; // n_tokens * n_ff
    uint gelu;
} p;

void main()
{
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < p.n; i += stride) {
        const uint t = i / p.n_ff, j = i % p.n_ff;
        const float g = gate_up[2u * p.n_ff * t + j];
        const float u = gate_up[2u * p.n_ff * t + p.n_ff + j];
        float a;
        if (p.gelu != 0u)
            a = 0.5 * g * (1.0 + tanh(clamp(0.7978845608028654 * (g + 0.044715 * g * g * g), -15.0, 15.0)));
        else
            a = g / (1.0 + exp(-g));
        out_[i] = a * u;
    }
}
