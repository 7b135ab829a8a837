#include "compare/comparison_run.h"

#include "inference/local/local_backend.h"
#include "inference/remote/remote_backend.h"
#include "version.h"

#include <QJsonArray>

namespace kurabe::app {
namespace {

using inference::FinishReason;
using inference::GenerationResult;

// While an answer streams its text is saved at least this often (DESIGN.md: a crash loses at
// most this much), in milliseconds.
constexpr qint64 kSaveIntervalMs = 250;

CellState state_after(const GenerationResult& result)
{
    switch (result.finish) {
    case FinishReason::Cancelled:
        return CellState::Cancelled;
    case FinishReason::Error:
        return CellState::Failed;
    default:
        return CellState::Done;
    }
}

// The state a stored result was left in: unfinished ones (the app quit while they streamed)
// count as cancelled, so start() does not silently run them again.
CellState stored_state(const storage::ComparisonResult& result)
{
    const QString& finish = result.metrics.finish_reason;
    if (finish.isEmpty() || finish == QLatin1String("cancelled")) {
        return CellState::Cancelled;
    }
    if (finish == QLatin1String("error") || !result.metrics.error.isEmpty()) {
        return CellState::Failed;
    }
    return CellState::Done;
}

} // namespace

QString cellStateName(CellState state)
{
    switch (state) {
    case CellState::Queued:
        return QStringLiteral("queued");
    case CellState::Running:
        return QStringLiteral("running");
    case CellState::Done:
        return QStringLiteral("done");
    case CellState::Failed:
        return QStringLiteral("failed");
    case CellState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

ComparisonRun::ComparisonRun(storage::ComparisonStore& store, const storage::Comparison& comparison,
                             RunEnvironment environment, QObject* parent)
    : QObject(parent), store_(store), comparison_id_(comparison.info.id),
      environment_(std::move(environment))
{
    qRegisterMetaType<kurabe::app::CellState>();
    for (const storage::ComparisonTarget& stored : comparison.targets) {
        Target target;
        target.id = stored.id;
        target.spec = TargetSpec::fromJson(stored.target, &target.spec_error);
        target.sampling = inference::SamplingParams::fromJson(stored.sampling);
        target.stored = stored.target;
        targets_.push_back(std::move(target));
    }
    for (const storage::ComparisonPrompt& stored : comparison.prompts) {
        prompts_.push_back(Prompt{stored.id, stored.system_prompt, stored.content});
    }
    cells_.resize(prompts_.size() * targets_.size());
    for (const storage::ComparisonResult& stored : comparison.results) {
        for (int p = 0; p < promptCount(); ++p) {
            for (int t = 0; t < targetCount(); ++t) {
                if (prompts_[p].id == stored.prompt_id && targets_[t].id == stored.target_id) {
                    RunCell& cell = mutableCell(p, t);
                    cell.state = stored_state(stored);
                    cell.text = stored.content;
                    cell.result_id = stored.id;
                    cell.result.error_message = stored.metrics.error;
                }
            }
        }
    }
}

ComparisonRun::~ComparisonRun()
{
    // Generations first: they may use the backends' threads and network.
    for (auto& [key, active] : active_) {
        QObject::disconnect(active.generation.get(), nullptr, this, nullptr);
        active.generation->cancel();
    }
    active_.clear();
}

const RunCell& ComparisonRun::cell(int prompt, int target) const
{
    return cells_.at(static_cast<size_t>(prompt) * targets_.size() + static_cast<size_t>(target));
}

RunCell& ComparisonRun::mutableCell(int prompt, int target)
{
    return cells_.at(static_cast<size_t>(prompt) * targets_.size() + static_cast<size_t>(target));
}

bool ComparisonRun::isFinished() const
{
    for (const RunCell& c : cells_) {
        if (c.state == CellState::Queued || c.state == CellState::Running) {
            return false;
        }
    }
    return true;
}

void ComparisonRun::setState(int prompt, int target, CellState state)
{
    mutableCell(prompt, target).state = state;
    emit cellStateChanged(prompt, target, state);
}

void ComparisonRun::start()
{
    started_ = true;
    finished_emitted_ = false;
    schedule();
}

void ComparisonRun::cancelCell(int prompt, int target)
{
    RunCell& c = mutableCell(prompt, target);
    if (c.state == CellState::Queued) {
        setState(prompt, target, CellState::Cancelled);
        checkFinished();
    } else if (c.state == CellState::Running) {
        if (auto it = active_.find({prompt, target}); it != active_.end()) {
            it->second.generation->cancel(); // finished() follows with Cancelled
        }
    }
}

void ComparisonRun::cancelAll()
{
    for (int p = 0; p < promptCount(); ++p) {
        for (int t = 0; t < targetCount(); ++t) {
            cancelCell(p, t);
        }
    }
}

bool ComparisonRun::rerunCell(int prompt, int target)
{
    const CellState state = cell(prompt, target).state;
    if (state == CellState::Queued || state == CellState::Running) {
        return false;
    }
    setState(prompt, target, CellState::Queued);
    finished_emitted_ = false;
    schedule();
    return true;
}

void ComparisonRun::schedule()
{
    // Deferred to this object's own event: schedule() is often reached from inside a
    // generation's or a backend's signal, and scheduling may delete that backend.
    if (schedule_pending_) {
        return;
    }
    schedule_pending_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            schedule_pending_ = false;
            if (!started_) {
                return;
            }
            scheduleRemote();
            scheduleLocal();
            checkFinished();
        },
        Qt::QueuedConnection);
}

void ComparisonRun::scheduleLocal()
{
    if (local_loading_ || local_running_) {
        return;
    }
    // The next local cell: one of the loaded file when there is one (no reload), else the
    // first queued one by target, then prompt.
    std::optional<CellKey> next;
    for (int t = 0; t < targetCount() && !next; ++t) {
        const Target& target = targets_[t];
        if (!target.spec || target.spec->kind != TargetSpec::Kind::Local ||
            target.spec->path != local_path_ || !local_backend_) {
            continue;
        }
        for (int p = 0; p < promptCount(); ++p) {
            if (cell(p, t).state == CellState::Queued) {
                next = CellKey{p, t};
                break;
            }
        }
    }
    for (int t = 0; t < targetCount() && !next; ++t) {
        const Target& target = targets_[t];
        for (int p = 0; p < promptCount(); ++p) {
            if (cell(p, t).state != CellState::Queued) {
                continue;
            }
            if (!target.spec) {
                failCell(p, t, target.spec_error);
            } else if (target.spec->kind == TargetSpec::Kind::Local) {
                next = CellKey{p, t};
                break;
            }
        }
    }
    if (!next) {
        // Nothing more for the local lane: give the model's memory back.
        local_backend_.reset();
        local_path_.clear();
        return;
    }
    const auto [p, t] = *next;
    const QString& path = targets_[t].spec->path;
    if (!local_backend_ || path != local_path_) {
        loadLocal(path, t);
        return;
    }
    local_running_ = true;
    startCell(p, t, *local_backend_);
}

void ComparisonRun::loadLocal(const QString& path, int target)
{
    local_backend_.reset(); // one model at a time: the previous one is unloaded first
    local_path_ = path;
    local_loading_ = true;
    auto* backend = new inference::LocalBackend(path, environment_.local_options);
    local_backend_.reset(backend);
    connect(backend, &inference::LocalBackend::loadFinished, this, &ComparisonRun::onLocalLoaded);
    emit modelLoading(target, path);
    backend->load();
}

void ComparisonRun::onLocalLoaded(bool ok, const QString& error)
{
    local_loading_ = false;
    if (!ok) {
        // Deleted later: this runs inside the backend's own signal.
        local_backend_.release()->deleteLater();
        const QString path = local_path_;
        local_path_.clear();
        for (int t = 0; t < targetCount(); ++t) {
            const Target& target = targets_[t];
            if (!target.spec || target.spec->kind != TargetSpec::Kind::Local ||
                target.spec->path != path) {
                continue;
            }
            for (int p = 0; p < promptCount(); ++p) {
                if (cell(p, t).state == CellState::Queued) {
                    failCell(p, t, error);
                }
            }
        }
    }
    schedule();
    checkFinished();
}

inference::Backend* ComparisonRun::remoteBackend(int target, QString* error)
{
    if (auto it = remote_backends_.find(target); it != remote_backends_.end()) {
        return it->second.get();
    }
    const TargetSpec& spec = *targets_[target].spec;
    if (!environment_.provider_config) {
        *error = QStringLiteral("no remote providers are available here");
        return nullptr;
    }
    std::optional<inference::remote::ProviderConfig> config =
        environment_.provider_config(spec.provider, error);
    if (!config) {
        return nullptr;
    }
    // The one way a remote generation could end before start() returns; caught here instead.
    if (const std::optional<QString> problem = inference::remote::checkTransport(*config)) {
        *error = *problem;
        return nullptr;
    }
    auto backend = std::make_unique<inference::remote::RemoteBackend>(*config, spec.model, nullptr,
                                                                      environment_.network);
    provider_limits_[spec.provider] = std::max(1, config->max_concurrent);
    return remote_backends_.emplace(target, std::move(backend)).first->second.get();
}

void ComparisonRun::scheduleRemote()
{
    // Prompt-major, so every target gets the first prompt before any gets the second.
    for (int p = 0; p < promptCount(); ++p) {
        for (int t = 0; t < targetCount(); ++t) {
            const Target& target = targets_[t];
            if (cell(p, t).state != CellState::Queued || !target.spec ||
                target.spec->kind != TargetSpec::Kind::Provider) {
                continue;
            }
            QString error;
            inference::Backend* backend = remoteBackend(t, &error);
            if (!backend) {
                failCell(p, t, error);
                continue;
            }
            const QString& provider = target.spec->provider;
            int& running = remote_running_[provider];
            if (running >= provider_limits_[provider]) {
                continue;
            }
            ++running;
            startCell(p, t, *backend);
        }
    }
}

void ComparisonRun::startCell(int prompt, int target, inference::Backend& backend)
{
    RunCell& c = mutableCell(prompt, target);
    c.text.clear();
    c.result = GenerationResult{};
    storage::StorageResult<qint64> result_id =
        store_.start_result(comparison_id_, prompts_[prompt].id, targets_[target].id);
    if (result_id) {
        c.result_id = *result_id;
    } else {
        c.result_id = 0;
        emit storageError(result_id.error().message);
    }
    inference::GenerationRequest request;
    if (!prompts_[prompt].system_prompt.isEmpty()) {
        request.messages.append({QStringLiteral("system"), prompts_[prompt].system_prompt});
    }
    request.messages.append({QStringLiteral("user"), prompts_[prompt].content});
    request.sampling = targets_[target].sampling;

    inference::Generation* generation = backend.start(request);
    Active& active = active_[{prompt, target}];
    active.generation.reset(generation);
    active.since_save.start();
    active.runtime = backend.target();
    connect(generation, &inference::Generation::textDelta, this,
            [this, prompt, target](const QString& text) { onDelta(prompt, target, text); });
    connect(generation, &inference::Generation::finished, this,
            [this, prompt, target](const GenerationResult& result) {
                onFinished(prompt, target, result);
            });
    setState(prompt, target, CellState::Running);
}

void ComparisonRun::onDelta(int prompt, int target, const QString& text)
{
    RunCell& c = mutableCell(prompt, target);
    c.text += text;
    emit cellText(prompt, target, text);
    auto it = active_.find({prompt, target});
    if (c.result_id != 0 && it != active_.end() &&
        it->second.since_save.elapsed() >= kSaveIntervalMs) {
        it->second.since_save.restart();
        if (auto saved = store_.update_result_content(c.result_id, c.text); !saved) {
            emit storageError(saved.error().message);
        }
    }
}

void ComparisonRun::onFinished(int prompt, int target, const GenerationResult& result)
{
    RunCell& c = mutableCell(prompt, target);
    c.result = result;
    QJsonObject runtime;
    if (auto it = active_.find({prompt, target}); it != active_.end()) {
        runtime = it->second.runtime;
        // Deleted later: this runs inside the generation's own signal.
        it->second.generation.release()->deleteLater();
        active_.erase(it);
    }
    const TargetSpec& spec = *targets_[target].spec;
    if (spec.kind == TargetSpec::Kind::Local) {
        local_running_ = false;
    } else {
        --remote_running_[spec.provider];
    }
    saveFinal(prompt, target, runtime);
    setState(prompt, target, state_after(result));
    schedule();
    checkFinished();
}

void ComparisonRun::failCell(int prompt, int target, const QString& message)
{
    RunCell& c = mutableCell(prompt, target);
    c.text.clear();
    c.result = GenerationResult{};
    c.result.finish = FinishReason::Error;
    c.result.error_message = message;
    storage::StorageResult<qint64> result_id =
        store_.start_result(comparison_id_, prompts_[prompt].id, targets_[target].id);
    c.result_id = result_id ? *result_id : 0;
    if (!result_id) {
        emit storageError(result_id.error().message);
    }
    saveFinal(prompt, target, {});
    setState(prompt, target, CellState::Failed);
}

void ComparisonRun::saveFinal(int prompt, int target, QJsonObject runtime)
{
    const RunCell& c = cell(prompt, target);
    if (c.result_id == 0) {
        return;
    }
    const GenerationResult& r = c.result;
    storage::MessageMetrics metrics;
    metrics.tokens_in = r.usage.input_tokens;
    metrics.tokens_out = r.usage.output_tokens;
    metrics.ttft_ms = r.ttft_ms;
    metrics.tokens_per_s = r.tokens_per_second;
    metrics.cost_usd = r.cost_usd;
    metrics.finish_reason = inference::finishReasonName(r.finish);
    metrics.error = r.error_message;
    storage::ResultMeasurements measurements;
    measurements.prompt_tokens_per_s = r.prompt_tokens_per_second;
    if (r.wall_ms > 0) {
        measurements.wall_ms = r.wall_ms;
    }
    // How it ran: the backend's own details, what the target is (file hash, quantization),
    // where it ran, and which Kurabe ran it.
    QJsonObject details = r.details;
    details.insert(QStringLiteral("target"), targets_[target].stored);
    if (!runtime.isEmpty()) {
        details.insert(QStringLiteral("runtime"), runtime);
    }
    details.insert(QStringLiteral("engine_version"), QStringLiteral(KURABE_VERSION));
    details.insert(QStringLiteral("engine_build"), QStringLiteral(KURABE_GIT_DESCRIBE));
    if (!r.request_id.isEmpty()) {
        details.insert(QStringLiteral("request_id"), r.request_id);
    }
    if (static_cast<size_t>(prompt) < environment_.checks.size() &&
        !environment_.checks[prompt].empty() && r.finish != FinishReason::Error) {
        details.insert(QStringLiteral("checks"),
                       evaluate_checks(environment_.checks[prompt], c.text, metrics, measurements));
    }
    measurements.details = details;
    if (auto saved = store_.finish_result(c.result_id, c.text, metrics, measurements); !saved) {
        emit storageError(saved.error().message);
    }
}

void ComparisonRun::checkFinished()
{
    if (!started_ || finished_emitted_ || local_loading_ || !isFinished()) {
        return;
    }
    finished_emitted_ = true;
    emit finished();
}

} // namespace kurabe::app
