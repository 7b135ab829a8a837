// Wire samples for the network tests: one answer ("Hello" + ", world", 1M input and 0.5M
// output tokens) in each provider's streaming format, as the fake provider sends it.
#pragma once

#include <QByteArray>

namespace kurabe::test {

inline const QByteArray kOpenAiStream =
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n"
    ": keep-alive\n\n"
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\", world\"},"
    "\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":1000000,"
    "\"completion_tokens\":500000,\"prompt_tokens_details\":{\"cached_tokens\":3}}}\n\n"
    "data: [DONE]\n\n";

inline const QByteArray kAnthropicStream =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
    "{\"input_tokens\":1000000,\"output_tokens\":1}}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
    "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
    "event: ping\ndata: {\"type\":\"ping\"}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
    "\"delta\":{\"type\":\"text_delta\",\"text\":\", world\"}}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
    "\"end_turn\"},\"usage\":{\"output_tokens\":500000}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

inline const QByteArray kGeminiStream =
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}]}}]}\r\n\r\n"
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\", world\"}]},"
    "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1000000,"
    "\"candidatesTokenCount\":500000}}\r\n\r\n";

inline const QByteArray kOllamaStream =
    "{\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"done\":false}\n"
    "{\"message\":{\"role\":\"assistant\",\"content\":\", world\"},\"done\":false}\n"
    "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
    "\"prompt_eval_count\":1000000,\"prompt_eval_duration\":500000000,\"eval_count\":500000,"
    "\"eval_duration\":250000000000}\n";

} // namespace kurabe::test
