// A local model's engine objects and the work done with them, on the model's worker thread
// only: loading, turning a conversation into tokens that fit the context, reusing the KV cache
// for the part of the prompt it already holds, and running one generation.
#pragma once

#include "core/result.h"
#include "core/session.h"
#include "inference/backend.h"
#include "inference/local/local_options.h"
#include "inference/local/local_stream.h"
#include "model/model.h"
#include "tokenizer/tokenizer.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace kurabe::inference {

struct LocalModelInfo
{
    QString path;
    QString name;            // general.name, else the file's base name
    QString architecture;    // general.architecture
    QString backend;         // "cpu", "vulkan"
    QString device;          // "CPU (2 threads)", the GPU's name
    QString fallback_reason; // why "auto" runs on the CPU (no GPU, does not fit, ...)
    int n_ctx = 0;
    int n_ctx_train = 0;
    bool has_chat_template = false;
};

// How a load reports and stops. progress(fraction 0..1, stage) is called on the loading
// thread; `cancel` is polled between steps (the file is read in slices, so a large file stops
// within one slice; opening the session is one step).
struct LoadControl
{
    std::function<void(double fraction, const QString& stage)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

class LocalEngine
{
public:
    // Reads the whole file once first (page cache), with progress: on a cold disk that read is
    // most of the load, and the upload to the GPU that follows then runs from memory.
    static Result<std::unique_ptr<LocalEngine>>
    load(const QString& path, const LocalOptions& options, const LoadControl& control = {});

    const LocalModelInfo& info() const { return info_; }

    // Answers `request`, appending text to `stream` as it is decoded; `started` is when the
    // caller asked (time to first token counts from there).
    GenerationResult run(const GenerationRequest& request, LocalStream& stream,
                         std::chrono::steady_clock::time_point started);

private:
    struct Prompt
    {
        std::vector<int32_t> tokens;
        int dropped_messages = 0;
        bool templated = false;
    };
    Result<Prompt> prompt_for(QList<ChatMessage> messages, int reserve) const;
    Result<std::vector<int32_t>> tokenize(const QList<ChatMessage>& messages,
                                          bool* templated) const;

    LocalOptions options_;
    LocalModelInfo info_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
    std::unique_ptr<Session> session_;
    std::vector<int32_t> cached_; // the tokens whose keys and values the session holds
};

} // namespace kurabe::inference
