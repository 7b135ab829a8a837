// Writes the GGUF fuzzing seeds (tests/fuzz/corpus/gguf/) with the test GGUF writer: small
// valid files that reach every part of the reader. Run: gguf_fuzz_make_corpus DIR
#include "gguf/gguf_writer.h"

#include <cstdio>
#include <string>

using kurabe::GgufBytes;
using kurabe::GgufType;
using kurabe::GgufWriter;
using kurabe::TensorType;

namespace {

std::vector<float> ramp(size_t n)
{
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = static_cast<float>(static_cast<int>(i % 17) - 8) * 0.125f;
    return v;
}

bool save(const GgufWriter& w, const std::string& dir, const char* name)
{
    const auto r = w.write(dir + "/" + name);
    if (!r)
        std::fprintf(stderr, "%s\n", r.message().c_str());
    return r.ok();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    bool ok = true;

    GgufWriter empty(2);
    ok &= save(empty, dir, "empty-v2.gguf");

    GgufWriter scalars;
    scalars.add_uint8("u8", 1).add_int8("i8", -1).add_uint16("u16", 2).add_int16("i16", -2);
    scalars.add_uint32("u32", 3).add_int32("i32", -3).add_uint64("u64", 4).add_int64("i64", -4);
    scalars.add_float32("f32", 0.5f)
        .add_float64("f64", 0.25)
        .add_bool("b", true)
        .add_string("s", "str");
    ok &= save(scalars, dir, "scalars.gguf");

    GgufWriter arrays;
    arrays.add_string_array("tokenizer.ggml.tokens", {"<unk>", "<s>", "a", "b"});
    arrays.add_array<float>("tokenizer.ggml.scores", std::vector<float>{0, -1, -2, -3});
    arrays.add_array<int32_t>("tokenizer.ggml.token_type", std::vector<int32_t>{2, 3, 1, 1});
    arrays.add_bool_array("bools", {true, false});
    arrays.add_raw("nested", GgufType::Array, [] {
        GgufBytes v;
        v.u32(uint32_t(GgufType::Array)).u64(2);
        v.u32(uint32_t(GgufType::UInt16)).u64(1).u16(7);
        v.u32(uint32_t(GgufType::String)).u64(1).string("x");
        return v.take();
    }());
    ok &= save(arrays, dir, "arrays.gguf");

    GgufWriter model;
    model.set_alignment(64);
    model.add_string("general.architecture", "llama").add_uint32("llama.block_count", 1);
    model.add_tensor_f32("norm.weight", {8}, TensorType::F32, ramp(8));
    model.add_tensor_f32("f16.weight", {4, 2}, TensorType::F16, ramp(8));
    model.add_tensor_f32("bf16.weight", {2, 2, 2}, TensorType::BF16, ramp(8));
    model.add_tensor_f32("q8.weight", {32, 1, 1, 1}, TensorType::Q8_0, ramp(32));
    model.add_tensor_f32("q4.weight", {32}, TensorType::Q4_0, ramp(32));
    model.add_tensor_f32("q5.weight", {32}, TensorType::Q5_1, ramp(32));
    model.add_tensor_f32("iq4.weight", {32}, TensorType::IQ4_NL, ramp(32));
    ok &= save(model, dir, "small-model.gguf");

    GgufWriter kquants;
    kquants.add_tensor_f32("q2k", {256}, TensorType::Q2_K, ramp(256));
    kquants.add_tensor_f32("q3k", {256}, TensorType::Q3_K, ramp(256));
    kquants.add_tensor_f32("q4k", {256}, TensorType::Q4_K, ramp(256));
    kquants.add_tensor_f32("q5k", {256}, TensorType::Q5_K, ramp(256));
    kquants.add_tensor_f32("q6k", {256}, TensorType::Q6_K, ramp(256));
    kquants.add_tensor_f32("iq4xs", {256}, TensorType::IQ4_XS, ramp(256));
    ok &= save(kquants, dir, "k-quants.gguf");
    return ok ? 0 : 1;
}
