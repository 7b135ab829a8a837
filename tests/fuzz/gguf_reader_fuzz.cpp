// libFuzzer entry point for the GGUF reader: any byte string must give a GgufFile or an Error,
// never a crash, a hang or a giant allocation. On success every metadata value, array element
// and tensor byte is touched, so a pointer or length the reader got wrong shows up under
// AddressSanitizer. Also linked into the fuzz_corpus_replay test, which runs it over the seeds.
#include "gguf/gguf_file.h"
#include "tensor/dequantize.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace {

// Folds values into a sink the optimizer cannot drop.
volatile uint64_t g_sink = 0;

void touch_array(const kurabe::GgufArray& array)
{
    uint64_t sum = array.size();
    for (uint64_t i = 0; i < array.size(); ++i) {
        switch (array.element_type()) {
        case kurabe::GgufType::String:
            sum += array.string_at(i).size();
            break;
        case kurabe::GgufType::Array:
            touch_array(*array.array_at(i));
            break;
        case kurabe::GgufType::Bool:
            sum += array.bool_at(i);
            break;
        case kurabe::GgufType::Float32:
        case kurabe::GgufType::Float64:
            sum += array.float_at(i) > 0;
            break;
        default:
            sum += array.uint_at(i) + static_cast<uint64_t>(array.int_at(i));
            break;
        }
    }
    for (uint8_t b : array.raw())
        sum += b;
    g_sink = g_sink + sum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto file = kurabe::GgufFile::from_memory(std::span<const uint8_t>(data, size), "fuzz.gguf");
    if (!file) {
        g_sink = g_sink + file.message().size();
        return 0;
    }
    const kurabe::GgufFile& f = **file;
    uint64_t sum = 0;
    for (const kurabe::GgufEntry& entry : f.metadata()) {
        sum += entry.key.size() + entry.value.u + static_cast<uint64_t>(entry.value.i) +
               entry.value.s.size();
        if (entry.value.array)
            touch_array(*entry.value.array);
        sum += f.find(entry.key) != nullptr;
    }
    std::vector<float> row;
    for (const kurabe::GgufTensor& t : f.tensors()) {
        sum += f.find_tensor(t.name) != nullptr;
        for (uint64_t i = 0; i < t.bytes; ++i)
            sum += t.data[i];
        // Decode the first row of supported types, as a model would (reads only inside it).
        if (kurabe::tensor_type_supported(t.type) && t.shape[0] <= (1u << 16)) {
            row.resize(static_cast<size_t>(t.shape[0]));
            kurabe::dequantize_row(t.type, t.data, row.data(), static_cast<int64_t>(t.shape[0]));
            sum +=
                kurabe::dot_row(t.type, t.data, row.data(), static_cast<int64_t>(t.shape[0])) > 0;
        }
    }
    g_sink = g_sink + sum;
    return 0;
}
