#version 450
// Element-wise sum of two f32 vectors: out[i] = a[i] + b[i] for i < n.
// Used for residual connections; the first shader the engine runs end to end.
// A grid-stride loop covers any n with at most 65535 workgroups.

layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer A { float a[]; };
layout(std430, binding = 1) readonly buffer B { float b[]; };
layout(std430, binding = 2) writeonly buffer Out { float out_[]; };

layout(push_constant) uniform Params {
    uint n; // number of elements
} p;

void main()
{
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < p.n; i += stride) {
        out_[i] = a[i] + b[i];
    }
}
