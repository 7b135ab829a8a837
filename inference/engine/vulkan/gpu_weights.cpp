#include "vulkan/gpu_weights.h"

#include "model/model.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace kurabe::gpu {

namespace {

constexpr uint64_t k_padding = 4; // shaders may read one word past an unaligned value

uint64_t padded(uint64_t bytes)
{
    return (bytes + 3) / 4 * 4 + k_padding;
}

std::string mib(uint64_t bytes)
{
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

constexpr uint32_t k_interleave = 32; // rows per group of an interleaved matrix (quant.glsl)

// How a matrix is cut into parts on a device: rows per part (a multiple of the interleave)
// and the interleave.
struct PartPlan
{
    int64_t rows_per_part = 1;
    uint32_t interleave = 1;

    // Rows a part of `rows` rows stores (the last group padded with zero rows).
    int64_t stored_rows(int64_t rows) const
    {
        return (rows + interleave - 1) / interleave * interleave;
    }
};

// As many whole rows as fit the device's per-buffer limit; interleaved on CPU devices (where
// the 8 lanes of a subgroup sum runs of 8 consecutive rows) for quantized types, whose blocks
// are the unit of the interleave.
PartPlan plan_parts(const Matrix& m, const DeviceInfo& device, uint64_t max_part)
{
    const uint64_t limit = max_part - 2 * k_padding;
    PartPlan plan;
    plan.rows_per_part = std::max<int64_t>(1, static_cast<int64_t>(limit / m.row_bytes));
    const std::optional<TensorTypeTraits> traits =
        tensor_type_traits(static_cast<uint32_t>(m.type));
    if (device.type == DeviceType::Cpu && traits && traits->block_elements > 1 &&
        plan.rows_per_part >= k_interleave) {
        plan.interleave = k_interleave;
        plan.rows_per_part -= plan.rows_per_part % k_interleave;
    }
    return plan;
}

// Types whose interleaved groups keep the f16 scales apart (quant.glsl): 64 bytes of scales,
// then the quants in whole texels.
bool split_scales(TensorType type)
{
    return type == TensorType::Q4_0 || type == TensorType::IQ4_NL || type == TensorType::Q8_0;
}

// Rows first .. first + rows - 1 of `m` in the plan's layout (see GpuMatrix::interleave).
std::vector<uint8_t> interleaved_rows(const Matrix& m, int64_t first, int64_t rows,
                                      const PartPlan& plan)
{
    const std::optional<TensorTypeTraits> traits =
        tensor_type_traits(static_cast<uint32_t>(m.type));
    const uint64_t block = traits->block_bytes;
    const uint64_t blocks = m.row_bytes / block;
    const uint64_t group_bytes = uint64_t{plan.interleave} * m.row_bytes;
    std::vector<uint8_t> out(static_cast<size_t>(plan.stored_rows(rows)) * m.row_bytes, 0);
    for (int64_t r = 0; r < rows; ++r) {
        const uint8_t* src = m.row(first + r);
        const uint64_t group = static_cast<uint64_t>(r) / plan.interleave;
        const uint64_t lane = static_cast<uint64_t>(r) % plan.interleave;
        uint8_t* dst = out.data() + group * group_bytes;
        for (uint64_t b = 0; b < blocks; ++b) {
            uint8_t* blocks_b = dst + b * plan.interleave * block; // block b of the group's rows
            const uint8_t* from = src + b * block;
            if (split_scales(m.type)) {
                // quant.glsl: place k's scale is the (4 * (k % 8) + k / 8)th of its group.
                const uint64_t runs = plan.interleave / 8;
                std::memcpy(blocks_b + 2 * ((lane % 8) * runs + lane / 8), from, 2);
                std::memcpy(blocks_b + 2 * plan.interleave + lane * (block - 2), from + 2,
                            block - 2);
            } else if (m.type == TensorType::Q6_K) {
                // quant.glsl: the group's scale bytes, d, low-bit bytes, then high-bit bytes
                // (blocks are ql[128] qh[64] scales[16] d).
                const uint64_t il = plan.interleave;
                std::memcpy(blocks_b + 16 * lane, from + 192, 16);
                std::memcpy(blocks_b + 16 * il + 2 * lane, from + 208, 2);
                std::memcpy(blocks_b + 18 * il + 128 * lane, from, 128);
                std::memcpy(blocks_b + 146 * il + 64 * lane, from + 128, 64);
            } else if (m.type == TensorType::Q4_K) {
                // quant.glsl: the group's 16-byte headers, then per unit pair the rows' 32
                // quant bytes of it.
                std::memcpy(blocks_b + 16 * lane, from, 16);
                for (uint64_t pair = 0; pair < 4; ++pair)
                    std::memcpy(blocks_b + 16 * plan.interleave +
                                    32 * (plan.interleave * pair + lane),
                                from + 16 + 32 * pair, 32);
            } else {
                std::memcpy(blocks_b + lane * block, from, block);
            }
        }
    }
    return out;
}

// Collects the f32 vectors into one array, remembering each one's offset.
class VectorPacker
{
public:
    uint32_t add(const std::vector<float>& v)
    {
        if (v.empty())
            return k_no_vector;
        // Each vector starts on a multiple of 4 floats, so that CPU devices can read it as
        // 16-byte texels (rms_norm_sg.comp).
        data_.resize((data_.size() + 3) / 4 * 4, 0.0f);
        const auto offset = static_cast<uint32_t>(data_.size());
        data_.insert(data_.end(), v.begin(), v.end());
        return offset;
    }
    const std::vector<float>& data() const { return data_; }

private:
    std::vector<float> data_;
};

} // namespace

uint64_t max_part_bytes(const DeviceInfo& device)
{
    // Shaders address bytes with 32-bit unsigned integers: stay below 2 GiB as well.
    uint64_t limit = std::min<uint64_t>(device.max_storage_buffer_range, uint64_t{1} << 31);
    if (device.max_memory_allocation_size > 0)
        limit = std::min(limit, device.max_memory_allocation_size);
    return limit;
}

uint64_t matrix_device_bytes(const Matrix& m, const DeviceInfo& device)
{
    if (m.empty())
        return 0;
    const PartPlan plan = plan_parts(m, device, max_part_bytes(device));
    uint64_t total = 0;
    for (int64_t r = 0; r < m.rows; r += plan.rows_per_part)
        total += padded(
            static_cast<uint64_t>(plan.stored_rows(std::min(plan.rows_per_part, m.rows - r))) *
            m.row_bytes);
    return total;
}

Result<GpuMatrix> upload_matrix(Device& device, const Matrix& m, uint64_t max_part)
{
    if (max_part == 0)
        max_part = max_part_bytes(device.info());
    GpuMatrix out;
    out.type = m.type;
    out.rows = m.rows;
    out.cols = m.cols;
    out.row_bytes = static_cast<uint32_t>(m.row_bytes);
    if (m.empty())
        return out;
    if (m.row_bytes + 2 * k_padding > max_part)
        return Error{"one matrix row of " + std::to_string(m.row_bytes) +
                     " bytes exceeds the device's buffer limit"};
    const PartPlan plan = plan_parts(m, device.info(), max_part);
    out.interleave = plan.interleave;
    for (int64_t r = 0; r < m.rows; r += plan.rows_per_part) {
        GpuMatrixPart part;
        part.first_row = r;
        part.rows = std::min(plan.rows_per_part, m.rows - r);
        const uint64_t bytes = static_cast<uint64_t>(plan.stored_rows(part.rows)) * m.row_bytes;
        Result<Buffer> buffer = device.create_buffer(padded(bytes), MemoryKind::DeviceLocal);
        if (!buffer)
            return buffer.error();
        Result<void> u =
            plan.interleave == 1
                ? device.upload(*buffer, 0, m.row(r), bytes)
                : device.upload(*buffer, 0, interleaved_rows(m, r, part.rows, plan).data(), bytes);
        if (!u)
            return u.error();
        part.buffer = std::move(*buffer);
        out.parts.push_back(std::move(part));
    }
    return out;
}

// Whether `ms` can be stacked into one matrix: all present, of one type and width.
bool stackable(std::initializer_list<const Matrix*> ms)
{
    const Matrix& first = **ms.begin();
    for (const Matrix* m : ms) {
        if (m->empty() || m->type != first.type || m->cols != first.cols ||
            m->row_bytes != first.row_bytes)
            return false;
    }
    return true;
}

// The rows of `ms`, one matrix after another, uploaded as one matrix.
Result<GpuMatrix> upload_stacked(Device& device, std::initializer_list<const Matrix*> ms)
{
    std::vector<uint8_t> rows;
    Matrix stacked = **ms.begin();
    stacked.rows = 0;
    for (const Matrix* m : ms) {
        rows.insert(rows.end(), m->data, m->data + m->bytes());
        stacked.rows += m->rows;
    }
    stacked.data = rows.data();
    return upload_matrix(device, stacked);
}

Result<std::unique_ptr<GpuWeights>> GpuWeights::upload(Device& device, const Model& model,
                                                       uint64_t extra_bytes)
{
    const Weights& w = model.weights();
    const DeviceInfo& info = device.info();

    VectorPacker vectors;
    std::unique_ptr<GpuWeights> self(new GpuWeights());
    self->output_norm = vectors.add(w.output_norm);
    uint64_t matrix_bytes = matrix_device_bytes(w.token_embd, info);
    if (!w.tied_output)
        matrix_bytes += matrix_device_bytes(w.output, info);
    for (const LayerWeights& l : w.layers) {
        for (const Matrix* m :
             {&l.wq, &l.wk, &l.wv, &l.wqkv, &l.wo, &l.ffn_gate, &l.ffn_up, &l.ffn_down})
            matrix_bytes += matrix_device_bytes(*m, info);
        GpuLayer g;
        g.attn_norm = vectors.add(l.attn_norm);
        g.ffn_norm = vectors.add(l.ffn_norm);
        g.bq = vectors.add(l.bq);
        g.bk = vectors.add(l.bk);
        g.bv = vectors.add(l.bv);
        g.q_norm = vectors.add(l.q_norm);
        g.k_norm = vectors.add(l.k_norm);
        g.post_attn_norm = vectors.add(l.post_attn_norm);
        g.post_ffn_norm = vectors.add(l.post_ffn_norm);
        self->layers.push_back(std::move(g));
    }
    const uint64_t vector_bytes = padded(vectors.data().size() * sizeof(float));
    const uint64_t needed = matrix_bytes + vector_bytes + extra_bytes;
    const uint64_t available = info.device_local_bytes();
    // Leave a tenth of the heap to the driver, the desktop and other programs.
    if (needed > available / 10 * 9)
        return Error{"the model does not fit on '" + info.name + "': it needs " + mib(needed) +
                     " (weights " + mib(matrix_bytes + vector_bytes) + ", KV cache and work " +
                     "buffers " + mib(extra_bytes) + ") of the device's " + mib(available) +
                     " (90% usable); try a smaller context or model"};

    Result<Buffer> vector_buffer = device.create_buffer(vector_bytes, MemoryKind::DeviceLocal);
    if (!vector_buffer)
        return vector_buffer.error();
    if (!vectors.data().empty()) {
        if (Result<void> u = device.upload(*vector_buffer, 0, vectors.data().data(),
                                           vectors.data().size() * sizeof(float));
            !u)
            return u.error();
    }
    self->vectors = std::move(*vector_buffer);

    const auto take = [&](const Matrix& m, GpuMatrix& out) -> Result<void> {
        Result<GpuMatrix> g = upload_matrix(device, m);
        if (!g)
            return g.error();
        out = std::move(*g);
        return {};
    };
    if (Result<void> r = take(w.token_embd, self->token_embd); !r)
        return r.error();
    self->tied_ = w.tied_output;
    if (!self->tied_) {
        if (Result<void> r = take(w.output, self->output_); !r)
            return r.error();
    }
    for (size_t i = 0; i < w.layers.size(); ++i) {
        const LayerWeights& l = w.layers[i];
        GpuLayer& g = self->layers[i];
        // q, k and v without biases, and gate and up, of one type each: stacked into the
        // fused forms the session already takes (wqkv; ffn_up with the gate half first), one
        // dispatch where there were three or two. Dispatches dominate small models.
        const bool qkv_stacked = l.wqkv.empty() && l.bq.empty() && l.bk.empty() && l.bv.empty() &&
                                 stackable({&l.wq, &l.wk, &l.wv});
        const bool gate_up_stacked =
            stackable({&l.ffn_gate, &l.ffn_up}) && l.ffn_gate.rows == l.ffn_up.rows;
        if (qkv_stacked) {
            Result<GpuMatrix> qkv = upload_stacked(device, {&l.wq, &l.wk, &l.wv});
            if (!qkv)
                return qkv.error();
            g.wqkv = std::move(*qkv);
        }
        if (gate_up_stacked) {
            Result<GpuMatrix> gate_up = upload_stacked(device, {&l.ffn_gate, &l.ffn_up});
            if (!gate_up)
                return gate_up.error();
            g.ffn_up = std::move(*gate_up);
        }
        for (auto [m, out] : {std::pair{&l.wq, &g.wq},
                              {&l.wk, &g.wk},
                              {&l.wv, &g.wv},
                              {&l.wqkv, &g.wqkv},
                              {&l.wo, &g.wo},
                              {&l.ffn_gate, &g.ffn_gate},
                              {&l.ffn_up, &g.ffn_up},
                              {&l.ffn_down, &g.ffn_down}}) {
            const bool in_qkv = m == &l.wq || m == &l.wk || m == &l.wv || m == &l.wqkv;
            const bool in_gate_up = m == &l.ffn_gate || m == &l.ffn_up;
            if ((qkv_stacked && in_qkv) || (gate_up_stacked && in_gate_up))
                continue; // stacked above
            if (Result<void> r = take(*m, *out); !r)
                return r.error();
        }
    }
    self->bytes = matrix_bytes + vector_bytes;
    return self;
}

} // namespace kurabe::gpu
