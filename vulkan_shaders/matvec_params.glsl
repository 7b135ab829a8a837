// Included by matvec.comp and matvec_sg.comp: their push constants (MatvecPush in
// inference/engine/vulkan/ops.cpp mirrors them) and the store of one result. The including
// shader declares the Y and Vectors buffers.
layout(push_constant) uniform Params {
    uint cols;      // values per row
    uint rows;      // rows in this part
    uint row_bytes; // bytes per stored row
    uint n_tokens;
    uint x_offset;  // float index of token 0's first value
    uint x_stride;  // floats between tokens in X
    uint y_offset;  // float index of (token 0, row 0 of this part)
    uint y_stride;  // floats between tokens in Y
    // 1: add to Y; 2: add the bias vectors[bias_offset + r]; 4: soft-cap; 8: RMS-normalise X
    // with weight vectors[norm_offset ..]; 16: the weights' rows are interleaved (quant.glsl)
    uint flags;
    uint bias_offset;
    float softcap;
    uint lanes_per_row; // power of two <= 32
    uint norm_offset;
    float eps;
} p;

// Y[token, row] (=|+=) value + bias, soft-capped.
void store(uint row, uint token, float value)
{
    if ((p.flags & 2u) != 0u)
        value += vectors[p.bias_offset + row];
    if ((p.flags & 4u) != 0u)
        value = p.softcap * tanh(clamp(value / p.softcap, -15.0, 15.0));
    const uint i = p.y_offset + token * p.y_stride + row;
    if ((p.flags & 1u) != 0u)
        y[i] += value;
    else
        y[i] = value;
}
