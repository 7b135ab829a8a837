#version 450
// Embedding lookup: out[t] = scale * dequantized row tokens[t] of one weight part (rows
// first_row .. first_row + rows - 1); tokens outside the part are left to the other parts'
// dispatches. One workgroup per token; lanes split the row's 32-value units.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require

#define WG 64u
layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer Weights { uint w_data[]; };
layout(std430, binding = 1) readonly buffer Tokens { uint tokens[]; };
layout(std430, binding = 2) writeonly buffer Out { float out_[]; };

#include "quant.glsl"

layout(push_constant) uniform Params {
    uint cols;
    uint row_bytes;
    uint first_row;
    uint rows;
    float scale;
    uint interleave; // QUANT_IL_ROWS: the part's rows are interleaved (see quant.glsl), else 1
} p;

void main()
{
    const uint t = gl_WorkGroupID.x;
    const uint token = tokens[t];
    if (token < p.first_row || token >= p.first_row + p.rows)
        return;
    g_il = p.interleave;
    const uint row_start = matrix_row_offset(token - p.first_row, p.row_bytes);
    for (uint u = gl_LocalInvocationID.x; u < (p.cols + 31u) / 32u; u += WG) {
        const uint valid = min(32u, p.cols - u * 32u);
        float v[32];
        decode_unit(row_start, u, valid, v);
        for (uint i = 0u; i < valid; ++i)
            out_[t * p.cols + u * 32u + i] = v[i] * p.scale;
    }
}
