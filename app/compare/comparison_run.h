// Runs a stored comparison: every prompt x target cell, saved into the database as it streams.
//
// Scheduling: local targets run one cell at a time, grouped by model file, so one model is
// loaded at a time (the same file with two presets is loaded once); remote targets run in
// parallel, at most the provider's max_concurrent at once per provider. Each cell goes
// Queued -> Running -> Done | Failed | Cancelled; a cell can be cancelled alone or with all
// the others, and a finished cell can be run again (its earlier answer is replaced).
//
// Lives on one thread (normally the UI thread); the store must live there too. Text reaches
// the caller through cellText() as it streams; every result is stored with its metrics, its
// measurements and the details of how it ran (backend, device, engine version, model file
// hash and quantization).
#pragma once

#include "compare/answer_checks.h"
#include "compare/compare_target.h"
#include "inference/backend.h"
#include "inference/local/local_options.h"
#include "inference/remote/provider_config.h"
#include "storage/stores/comparison_store.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace kurabe::app {

enum class CellState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
};

QString cellStateName(CellState state); // "queued", "running", "done", "failed", "cancelled"

// What the run needs from outside, so a test can point it at a fake provider.
struct RunEnvironment
{
    inference::LocalOptions local_options;
    // The configuration of the provider named `name` (with its key), or empty with `error` set.
    std::function<std::optional<inference::remote::ProviderConfig>(const QString& name,
                                                                   QString* error)>
        provider_config;
    QNetworkAccessManager* network = nullptr; // null: this thread's
    // Checks evaluated on every answer, by prompt position (missing: none).
    std::vector<std::vector<AnswerCheck>> checks;
};

struct RunCell
{
    CellState state = CellState::Queued;
    QString text;
    qint64 result_id = 0; // 0 until the cell first started
    inference::GenerationResult result;
};

class ComparisonRun : public QObject
{
    Q_OBJECT
public:
    // `comparison` as read from `store` (its targets and prompts, by position). `store` must
    // outlive the run.
    ComparisonRun(storage::ComparisonStore& store, const storage::Comparison& comparison,
                  RunEnvironment environment, QObject* parent = nullptr);
    ~ComparisonRun() override; // cancels what still runs

    int promptCount() const { return static_cast<int>(prompts_.size()); }
    int targetCount() const { return static_cast<int>(targets_.size()); }
    const RunCell& cell(int prompt, int target) const;
    bool isFinished() const; // no cell queued or running

    void start(); // queues every cell that has not run yet
    void cancelCell(int prompt, int target);
    void cancelAll();
    // Runs a cell that is not queued or running again; returns false when it is.
    bool rerunCell(int prompt, int target);

signals:
    void cellStateChanged(int prompt, int target, kurabe::app::CellState state);
    void cellText(int prompt, int target, const QString& delta);
    // A local model is being loaded for `target` (and the other targets on the same file).
    void modelLoading(int target, const QString& path);
    // Saving failed; the run goes on, the text stays in the cell.
    void storageError(const QString& message);
    void finished(); // every cell is done, failed or cancelled

private:
    struct Target
    {
        qint64 id = 0;
        std::optional<TargetSpec> spec; // empty: the stored target could not be read
        QString spec_error;
        inference::SamplingParams sampling;
        QJsonObject stored; // the stored target JSON (sha256, quantization, ...)
    };
    struct Prompt
    {
        qint64 id = 0;
        QString system_prompt;
        QString content;
    };
    struct Active
    {
        std::unique_ptr<inference::Generation> generation;
        QElapsedTimer since_save;
        QJsonObject runtime; // the backend's target(): device, backend, model name, ...
    };
    using CellKey = std::pair<int, int>; // prompt, target

    RunCell& mutableCell(int prompt, int target);
    void setState(int prompt, int target, CellState state);
    void schedule();
    void scheduleLocal();
    void scheduleRemote();
    void loadLocal(const QString& path, int target);
    void onLocalLoaded(bool ok, const QString& error);
    inference::Backend* remoteBackend(int target, QString* error);
    void startCell(int prompt, int target, inference::Backend& backend);
    void failCell(int prompt, int target, const QString& message);
    void onDelta(int prompt, int target, const QString& text);
    void onFinished(int prompt, int target, const inference::GenerationResult& result);
    void saveFinal(int prompt, int target, QJsonObject runtime);
    void checkFinished();

    storage::ComparisonStore& store_;
    qint64 comparison_id_ = 0;
    RunEnvironment environment_;
    std::vector<Target> targets_; // by position
    std::vector<Prompt> prompts_; // by position
    std::vector<RunCell> cells_;  // prompt-major: [prompt * targets + target]

    std::map<CellKey, Active> active_;
    // Local lane: the loaded (or loading) model and its file.
    std::unique_ptr<inference::Backend> local_backend_;
    QString local_path_;
    bool local_loading_ = false;
    bool local_running_ = false;
    // Remote lane: one backend per target; cells running per provider.
    std::map<int, std::unique_ptr<inference::Backend>> remote_backends_;
    std::map<QString, int> remote_running_;
    std::map<QString, int> provider_limits_; // max_concurrent by provider name
    bool started_ = false;
    bool finished_emitted_ = false;
    bool schedule_pending_ = false;
};

} // namespace kurabe::app

Q_DECLARE_METATYPE(kurabe::app::CellState)
