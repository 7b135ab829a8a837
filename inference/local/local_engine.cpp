#include "inference/local/local_engine.h"

#include "chat_template/model_prompt.h"
#include "generation/generator.h"
#include "gguf/gguf_file.h"
#include "json/value.h"
#include "session/open_session.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <random>

namespace kurabe::inference {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The part of the progress bar that reading the file takes; opening the session (building
// buffers, uploading to the GPU, compiling pipelines) is the rest.
constexpr double kReadShare = 0.7;
constexpr qint64 kReadSliceBytes = 16 * 1024 * 1024;

// Reads `path` from start to end in slices, so its pages are in the page cache when the model
// maps it; stops early (successfully) when `cancelled` says so.
Result<void> prefetch_file(const QString& path, const std::function<bool()>& cancelled,
                           const std::function<void(double)>& progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{path.toStdString() + ": " + file.errorString().toStdString()};
    const qint64 size = file.size();
    std::vector<char> slice(static_cast<size_t>(std::min(size, kReadSliceBytes)) + 1);
    qint64 done = 0;
    while (done < size && !cancelled()) {
        const qint64 n = file.read(slice.data(), static_cast<qint64>(slice.size()));
        if (n < 0)
            return Error{path.toStdString() + ": " + file.errorString().toStdString()};
        if (n == 0)
            break; // shorter than it was: the model's own checks say what is missing
        done += n;
        progress(static_cast<double>(done) / static_cast<double>(size));
    }
    return {};
}

kurabe::SamplingParams engine_sampling(const inference::SamplingParams& p, uint64_t seed)
{
    kurabe::SamplingParams s;
    if (p.temperature)
        s.temperature = static_cast<float>(*p.temperature);
    if (p.top_k)
        s.top_k = *p.top_k;
    if (p.top_p)
        s.top_p = static_cast<float>(*p.top_p);
    if (p.min_p)
        s.min_p = static_cast<float>(*p.min_p);
    if (p.repeat_penalty)
        s.repeat_penalty = static_cast<float>(*p.repeat_penalty);
    if (p.presence_penalty)
        s.presence_penalty = static_cast<float>(*p.presence_penalty);
    if (p.frequency_penalty)
        s.frequency_penalty = static_cast<float>(*p.frequency_penalty);
    s.seed = seed;
    return s;
}

FinishReason finish_of(StopReason reason)
{
    switch (reason) {
    case StopReason::EndOfGeneration:
    case StopReason::StopString:
        return FinishReason::Stop;
    case StopReason::MaxTokens:
    case StopReason::ContextFull:
        return FinishReason::Length;
    case StopReason::Cancelled:
        return FinishReason::Cancelled;
    }
    return FinishReason::Stop;
}

GenerationResult failure(ErrorKind kind, const QString& message, Clock::time_point started)
{
    GenerationResult result;
    result.finish = kind == ErrorKind::Cancelled ? FinishReason::Cancelled : FinishReason::Error;
    result.error = kind == ErrorKind::Cancelled ? ErrorKind::None : kind;
    result.error_message = kind == ErrorKind::Cancelled ? QString() : message;
    result.wall_ms = ms_since(started);
    return result;
}

} // namespace

Result<std::unique_ptr<LocalEngine>>
LocalEngine::load(const QString& path, const LocalOptions& options, const LoadControl& control)
{
    const auto cancelled = [&control] { return control.cancel && control.cancel->load(); };
    const auto report = [&control](double fraction, const QString& stage) {
        if (control.progress)
            control.progress(fraction, stage);
    };
    const Error cancel_error{"loading " + path.toStdString() + " was cancelled"};

    report(0, QObject::tr("Reading the file"));
    if (auto read = prefetch_file(
            path, cancelled,
            [&](double f) { report(f * kReadShare, QObject::tr("Reading the file")); });
        !read)
        return read.error();
    if (cancelled())
        return cancel_error;

    auto engine = std::unique_ptr<LocalEngine>(new LocalEngine);
    engine->options_ = options;
    auto model = Model::load(path.toStdString());
    if (!model)
        return model.error();
    engine->model_ = std::move(*model);
    auto tokenizer = Tokenizer::from_gguf(engine->model_->file());
    if (!tokenizer)
        return tokenizer.error();
    engine->tokenizer_ = std::move(*tokenizer);
    if (cancelled())
        return cancel_error;
    report(kReadShare, QObject::tr("Preparing the %1 backend")
                           .arg(options.backend == QLatin1String("auto") ? QObject::tr("best")
                                                                         : options.backend));

    SessionOptions session_options;
    session_options.n_ctx = options.n_ctx;
    session_options.n_threads = options.n_threads;
    const std::string backend = options.backend.toStdString();
    const std::string device = options.device.toStdString();
    OpenSessionOptions how;
    how.backend = backend;
    how.device = device;
    how.pipeline_cache_dir = options.pipeline_cache_dir.toStdString();
    auto opened = open_session(*engine->model_, session_options, how);
    if (!opened)
        return opened.error();
    if (cancelled())
        return cancel_error;
    engine->session_ = std::move(opened->session);
    engine->info_.fallback_reason = text(opened->fallback_reason);

    const GgufFile& file = engine->model_->file();
    LocalModelInfo& info = engine->info_;
    info.path = path;
    const auto name = file.get_string("general.name");
    info.name = name && !name->empty() ? text(*name) : QFileInfo(path).completeBaseName();
    info.architecture = text(file.get_string("general.architecture").value_or(""));
    info.backend = text(engine->session_->backend_name());
    info.device = text(engine->session_->device_name());
    info.n_ctx = engine->session_->n_ctx();
    info.n_ctx_train = engine->model_->hparams().n_ctx_train;
    info.has_chat_template =
        file.get_string("tokenizer.chat_template").has_value() || !options.chat_format.isEmpty();
    report(1, QObject::tr("Ready"));
    return engine;
}

Result<std::vector<int32_t>> LocalEngine::tokenize(const QList<ChatMessage>& messages,
                                                   bool* templated) const
{
    json::Array list;
    for (const ChatMessage& m : messages)
        list.push_back(json::Value(
            json::Object{{"role", m.role.toStdString()}, {"content", m.content.toStdString()}}));
    ModelPromptOptions options;
    options.forced_format = options_.chat_format.toStdString();
    auto rendered = render_model_prompt(model_->file(), json::Value(std::move(list)), options);
    if (!rendered)
        return rendered.error();
    *templated = rendered->templated;
    // Without a template the text is a plain completion: no special tokens are parsed in it.
    return tokenizer_->encode(rendered->text, rendered->add_bos, rendered->templated);
}

Result<LocalEngine::Prompt> LocalEngine::prompt_for(QList<ChatMessage> messages, int reserve) const
{
    Prompt prompt;
    const int limit = session_->n_ctx() - reserve;
    for (;;) {
        auto tokens = tokenize(messages, &prompt.templated);
        if (!tokens)
            return tokens.error();
        const int count = static_cast<int>(tokens->size());
        if (count <= limit) {
            prompt.tokens = std::move(*tokens);
            return prompt;
        }
        // Drop the oldest turn that is neither the system prompt nor the last message.
        const qsizetype first = !messages.isEmpty() && messages.front().role == "system" ? 1 : 0;
        if (!options_.drop_oldest_turns || messages.size() - first <= 1)
            return Error{"the conversation needs " + std::to_string(count) +
                         " tokens but the context holds " + std::to_string(session_->n_ctx()) +
                         " (with " + std::to_string(reserve) +
                         " kept for the answer); shorten the message or choose a longer context"};
        messages.removeAt(first);
        ++prompt.dropped_messages;
    }
}

GenerationResult LocalEngine::run(const GenerationRequest& request, LocalStream& stream,
                                  Clock::time_point started)
{
    if (stream.cancel.load())
        return failure(ErrorKind::Cancelled, {}, started);
    if (request.messages.isEmpty())
        return failure(ErrorKind::BadRequest, QStringLiteral("the conversation is empty"), started);

    const int n_ctx = session_->n_ctx();
    const int max_tokens = request.sampling.max_tokens.value_or(0);
    // Room kept for the answer: what was asked for, at most a quarter of the context.
    const int reserve = std::clamp(max_tokens > 0 ? max_tokens : 512, 1, std::max(1, n_ctx / 4));
    auto prompt = prompt_for(request.messages, reserve);
    if (!prompt)
        return failure(ErrorKind::BadRequest, text(prompt.message()), started);
    const std::vector<int32_t>& tokens = prompt->tokens;
    if (tokens.empty())
        return failure(ErrorKind::BadRequest, QStringLiteral("the prompt is empty"), started);

    // Keep what the cache already holds of this prompt; at least one token must be fed.
    size_t keep = 0;
    while (keep < cached_.size() && keep + 1 < tokens.size() && cached_[keep] == tokens[keep])
        ++keep;
    session_->truncate(static_cast<int32_t>(keep));
    cached_.resize(keep);

    // Read the prompt in slices so a cancel is seen between them.
    const auto prompt_start = Clock::now();
    constexpr size_t kSlice = 64;
    size_t fed = keep;
    while (tokens.size() - fed > kSlice) {
        if (stream.cancel.load())
            return failure(ErrorKind::Cancelled, {}, started);
        const std::span<const int32_t> slice(tokens.data() + fed, kSlice);
        if (Result<void> r = session_->eval(slice, false); !r) {
            session_->truncate(0);
            cached_.clear();
            return failure(ErrorKind::Server, text(r.message()), started);
        }
        cached_.insert(cached_.end(), slice.begin(), slice.end());
        fed += kSlice;
    }
    const double sliced_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - prompt_start).count();

    const uint64_t seed = request.sampling.seed.value_or(std::random_device{}());
    GenerationOptions options;
    options.max_tokens = std::min(max_tokens > 0 ? max_tokens : n_ctx, n_ctx);
    options.sampling = engine_sampling(request.sampling, seed);
    for (const QString& stop : request.sampling.stop)
        options.stop_strings.push_back(stop.toStdString());

    const std::span<const int32_t> rest(tokens.data() + fed, tokens.size() - fed);
    const double before_generate_ms = ms_since(started);
    auto stats = generate(
        *session_, *tokenizer_, rest, options,
        [&stream](std::string_view piece) { stream.append(piece); }, &stream.cancel);
    if (!stats) {
        session_->truncate(0);
        cached_.clear();
        return failure(ErrorKind::Server, text(stats.message()), started);
    }
    // The cache now holds the prompt and the generated tokens it evaluated.
    cached_.insert(cached_.end(), rest.begin(), rest.end());
    cached_.insert(cached_.end(), stats->tokens.begin(), stats->tokens.end());
    cached_.resize(std::min(cached_.size(), static_cast<size_t>(session_->n_past())));

    GenerationResult result;
    result.finish = finish_of(stats->reason);
    result.usage.input_tokens = static_cast<int64_t>(tokens.size());
    result.usage.output_tokens = stats->generated_tokens;
    result.usage.cached_input_tokens = static_cast<int64_t>(keep);
    if (stats->generated_tokens > 0 || stats->reason == StopReason::EndOfGeneration)
        result.ttft_ms = before_generate_ms + stats->ttft_ms;
    const double prompt_ms = sliced_ms + stats->prompt_ms;
    const size_t prompt_fed = tokens.size() - keep;
    if (prompt_ms > 0 && prompt_fed > 0)
        result.prompt_tokens_per_second = static_cast<double>(prompt_fed) * 1000.0 / prompt_ms;
    if (stats->generated_tokens > 1)
        result.tokens_per_second = stats->generation_tokens_per_second();
    result.wall_ms = ms_since(started);
    result.details = QJsonObject{
        {"backend", info_.backend},
        {"device", info_.device},
        {"n_ctx", n_ctx},
        {"seed", QString::number(seed)},
        {"stop_reason", QLatin1String(stop_reason_name(stats->reason))},
        {"prompt_tokens_reused", static_cast<qint64>(keep)},
        {"templated", prompt->templated},
    };
    if (prompt->dropped_messages > 0)
        result.details.insert(QStringLiteral("dropped_messages"), prompt->dropped_messages);
    return result;
}

} // namespace kurabe::inference
