#version 450
// rms_norm.comp for CPU Vulkan implementations with 8-lane subgroups (lavapipe): one subgroup
// per row, its sum of squares from subgroupAdd instead of shared memory and barriers (each
// barrier switches between invocations there), and the row, the weights and the output read
// and written as 16-byte texels (an image load or store is a few plain loads there, a
// storage-buffer access with a different address per lane a loop over the lanes). The host
// takes it when the width, in_offset and weight_offset are multiples of 4. Same push constants
// and modes as rms_norm.comp.
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require

layout(local_size_x = 8) in;

layout(binding = 0, rgba32ui) readonly uniform uimageBuffer in_tex;
layout(binding = 1, rgba32ui) readonly uniform uimageBuffer vectors_tex;
layout(binding = 2, rgba32ui) uniform uimageBuffer out_tex;

layout(push_constant) uniform Params {
    uint width;
    uint weight_offset;
    uint add; // 1: add to out
    float eps;
    uint in_offset; // floats before the first input row
} p;

void main()
{
    // Push constants first: inside a loop or a branch lavapipe loads each as a gather.
    const uint width = p.width, weight = p.weight_offset >> 2, add = p.add, in_offset = p.in_offset;
    const float eps = p.eps;
    const uint lane = gl_LocalInvocationID.x;
    const uint texels = width >> 2;
    const uint out_base = gl_WorkGroupID.x * texels;
    const uint in_base = (in_offset >> 2) + out_base;
    vec4 squares = vec4(0.0);
    for (uint i = lane; i < texels; i += 8u) {
        const vec4 v = uintBitsToFloat(imageLoad(in_tex, int(in_base + i)));
        squares += v * v;
    }
    const float sum = subgroupAdd((squares.x + squares.y) + (squares.z + squares.w));
    const float scale = 1.0 / sqrt(sum / float(width) + eps);
    for (uint i = lane; i < texels; i += 8u) {
        vec4 v = uintBitsToFloat(imageLoad(in_tex, int(in_base + i))) * scale *
                 uintBitsToFloat(imageLoad(vectors_tex, int(weight + i)));
        if (add != 0u)
            v += uintBitsToFloat(imageLoad(out_tex, int(out_base + i)));
        imageStore(out_tex, int(out_base + i), floatBitsToUint(v));
    }
}
