// libFuzzer entry point for the stream parsers and the four provider decoders: any byte string
// must decode without a crash, a hang or unbounded memory, and — the property that matters for
// a network stream — cutting the bytes into chunks must never change the events. The first
// input byte chooses the cuts; the rest is the wire. A difference aborts, so libFuzzer keeps it.
#include "inference/remote/anthropic_protocol.h"
#include "inference/remote/gemini_protocol.h"
#include "inference/remote/ndjson_parser.h"
#include "inference/remote/ollama_protocol.h"
#include "inference/remote/openai_protocol.h"
#include "inference/remote/sse_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace {

using namespace kurabe::inference;
using namespace kurabe::inference::remote;

// The wire cut into chunks whose sizes cycle through 1..stride, after a first cut at `first`.
std::vector<QByteArrayView> cut(QByteArrayView wire, size_t first, size_t stride)
{
    std::vector<QByteArrayView> chunks;
    first = std::min<size_t>(first, static_cast<size_t>(wire.size()));
    chunks.push_back(wire.first(static_cast<qsizetype>(first)));
    size_t pos = first;
    size_t size = 1;
    while (pos < static_cast<size_t>(wire.size())) {
        const size_t n = std::min(size, static_cast<size_t>(wire.size()) - pos);
        chunks.push_back(wire.sliced(static_cast<qsizetype>(pos), static_cast<qsizetype>(n)));
        pos += n;
        size = size % stride + 1;
    }
    return chunks;
}

bool sameEvents(const std::vector<StreamEvent>& a, const std::vector<StreamEvent>& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].text != b[i].text || a[i].finish != b[i].finish ||
            a[i].error != b[i].error || a[i].usage.input_tokens != b[i].usage.input_tokens ||
            a[i].usage.output_tokens != b[i].usage.output_tokens)
            return false;
    }
    return true;
}

template <typename Decoder>
void checkDecoder(const std::vector<QByteArrayView>& chunks, QByteArrayView wire)
{
    Decoder whole;
    std::vector<StreamEvent> expected;
    whole.feed(wire, expected);
    whole.finish(expected);
    Decoder pieces;
    std::vector<StreamEvent> got;
    for (QByteArrayView chunk : chunks)
        pieces.feed(chunk, got);
    pieces.finish(got);
    // Exactly one terminal event, and it comes last.
    int terminal = 0;
    for (const StreamEvent& event : got)
        terminal +=
            event.kind == StreamEvent::Kind::Finish || event.kind == StreamEvent::Kind::Error;
    const bool last_is_terminal = !got.empty() && (got.back().kind == StreamEvent::Kind::Finish ||
                                                   got.back().kind == StreamEvent::Kind::Error);
    if (!sameEvents(expected, got) || terminal != 1 || !last_is_terminal)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView wire(reinterpret_cast<const char*>(data) + 1,
                              static_cast<qsizetype>(size - 1));
    const auto chunks = cut(wire, data[0] >> 3, (data[0] & 7u) + 1);

    SseParser whole_sse;
    std::vector<SseEvent> expected;
    whole_sse.feed(wire, expected);
    SseParser split_sse;
    std::vector<SseEvent> got;
    for (QByteArrayView chunk : chunks)
        split_sse.feed(chunk, got);
    if (expected != got || whole_sse.retryMs() != split_sse.retryMs() ||
        whole_sse.hasPendingData() != split_sse.hasPendingData())
        std::abort();

    NdjsonParser whole_lines;
    std::vector<QByteArray> lines;
    whole_lines.feed(wire, lines);
    whole_lines.finish(lines);
    NdjsonParser split_lines;
    std::vector<QByteArray> split;
    for (QByteArrayView chunk : chunks)
        split_lines.feed(chunk, split);
    split_lines.finish(split);
    if (lines != split)
        std::abort();

    checkDecoder<OpenAiStreamDecoder>(chunks, wire);
    checkDecoder<AnthropicStreamDecoder>(chunks, wire);
    checkDecoder<GeminiStreamDecoder>(chunks, wire);
    checkDecoder<OllamaStreamDecoder>(chunks, wire);
    return 0;
}
