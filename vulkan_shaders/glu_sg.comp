#version 450
// glu.comp for CPU Vulkan implementations (lavapipe): four values per invocation, read and
// written as 16-byte texels (an image load or store is a few plain loads there, a
// storage-buffer access with a different address per lane a loop over the lanes). The host
// takes it when n_ff is a multiple of 4. Same push constants and activations as glu.comp.

layout(local_size_x = 64) in;

layout(binding = 0, rgba32ui) readonly uniform uimageBuffer gate_up_tex;
layout(binding = 1, rgba32ui) writeonly uniform uimageBuffer out_tex;

layout(push_constant) uniform Params {
    uint n_ff;
    uint n; // n_tokens * n_ff
    uint gelu;
} p;

void main()
{
    // Push constants first: inside a loop or a branch lavapipe loads each as a gather.
    const uint row = p.n_ff >> 2, texels = p.n >> 2;
    const bool gelu = p.gelu != 0u;
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < texels; i += stride) {
        const uint t = i / row, j = i - t * row;
        const vec4 g = uintBitsToFloat(imageLoad(gate_up_tex, int(2u * row * t + j)));
        const vec4 u = uintBitsToFloat(imageLoad(gate_up_tex, int(2u * row * t + row + j)));
        vec4 a;
        if (gelu)
            a = 0.5 * g * (1.0 + tanh(clamp(0.7978845608028654 * (g + 0.044715 * g * g * g), -15.0, 15.0)));
        else
            a = g / (1.0 + exp(-g));
        imageStore(out_tex, int(i), floatBitsToUint(a * u));
    }
}
