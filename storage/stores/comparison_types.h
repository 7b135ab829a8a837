// What ComparisonStore reads and writes: a comparison sends the same prompts to several
// targets (models with their parameters); each prompt x target has one result, measured like a
// chat answer, which the user may rate (1-5) and annotate; votes say which target answered a
// prompt best. Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include "storage/stores/conversation_types.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kurabe::storage {

// A column of the comparison. `target` has the shape of a message's target
// ({"kind":"local",...} or {"kind":"provider",...}); `sampling` its sampling parameters.
struct NewComparisonTarget
{
    QString label;
    QJsonObject target;
    QJsonObject sampling;
};

struct NewComparisonPrompt
{
    QString system_prompt;
    QString content;
};

struct NewComparison
{
    QString title;
    QString notes;
    std::vector<NewComparisonTarget> targets; // in column order
    std::vector<NewComparisonPrompt> prompts; // in row order
};

// One row of the comparison list.
struct ComparisonInfo
{
    qint64 id = 0;
    QString title;
    QString notes;
    qint64 created_at_ms = 0;
    qint64 updated_at_ms = 0;
};

struct ComparisonTarget
{
    qint64 id = 0;
    int position = 0; // 0-based column
    QString label;
    QJsonObject target;
    QJsonObject sampling;
};

struct ComparisonPrompt
{
    qint64 id = 0;
    int position = 0; // 0-based row
    QString system_prompt;
    QString content;
};

// What a comparison result keeps beyond a chat message's metrics (schema version 2).
struct ResultMeasurements
{
    std::optional<double> prompt_tokens_per_s; // prompt processing speed (local models)
    std::optional<double> wall_ms;             // request start to end, milliseconds
    // How it ran: backend, device, engine version, model file sha256 and quantization, ...
    QJsonObject details;
};

struct ComparisonResult
{
    qint64 id = 0;
    qint64 prompt_id = 0;
    qint64 target_id = 0;
    QString content;
    qint64 created_at_ms = 0;
    qint64 updated_at_ms = 0;
    MessageMetrics metrics;
    ResultMeasurements measurements;
    std::optional<int> rating; // 1..5; empty: not rated
    QString note;
};

struct ComparisonVote
{
    qint64 id = 0;
    qint64 prompt_id = 0;
    std::optional<qint64> winner_target_id; // empty: a tie
    qint64 created_at_ms = 0;
};

// A judgement between the answers of two targets to one prompt. Stored by name ("a", "b",
// "tie", "both_bad"); never rename or reuse a name.
enum class PairOutcome
{
    ABetter,
    BBetter,
    Tie,
    BothBad,
};

QString pairOutcomeName(PairOutcome outcome);
std::optional<PairOutcome> pairOutcomeFromName(const QString& name);

struct ComparisonPairVote
{
    qint64 id = 0;
    qint64 prompt_id = 0;
    qint64 target_a_id = 0;
    qint64 target_b_id = 0;
    PairOutcome outcome = PairOutcome::Tie;
    qint64 created_at_ms = 0;
};

// A pair vote with its targets' labels, for the leaderboard across comparisons.
struct LabelledPairVote
{
    qint64 comparison_id = 0;
    qint64 prompt_id = 0;
    QString label_a;
    QString label_b;
    PairOutcome outcome = PairOutcome::Tie;
};

// A whole comparison, each list ordered (targets and prompts by position, results and votes by
// id).
struct Comparison
{
    ComparisonInfo info;
    std::vector<ComparisonTarget> targets;
    std::vector<ComparisonPrompt> prompts;
    std::vector<ComparisonResult> results;
    std::vector<ComparisonVote> votes;
    std::vector<ComparisonPairVote> pair_votes; // by id
    QStringList tags;                           // sorted
};

} // namespace kurabe::storage
