// Automatic checks on an answer, evaluated to pass/fail: the answer contains a text, matches a
// regular expression, is valid JSON, or stayed within a token, latency or cost budget. Written
// as "contains:TEXT", "regex:PATTERN", "json", "max-tokens:N", "max-latency-ms:MS",
// "max-cost-usd:USD"; the results are kept in each result's details under "checks".
#pragma once

#include "storage/stores/comparison_types.h"

#include <QJsonArray>
#include <QString>

#include <optional>
#include <vector>

namespace kurabe::app {

struct AnswerCheck
{
    enum class Kind
    {
        Contains,   // text: case-sensitive substring
        Regex,      // text: a QRegularExpression pattern (Unicode), searched anywhere
        ValidJson,  // the whole answer (trimmed, ``` fences removed) parses as JSON
        MaxTokens,  // limit: tokens out
        MaxLatency, // limit: wall time, milliseconds
        MaxCost,    // limit: US dollars
    };
    Kind kind = Kind::Contains;
    QString text;
    double limit = 0;

    QString spec() const; // parses back to the same check
};

std::optional<AnswerCheck> parse_answer_check(const QString& spec, QString* error);

struct CheckOutcome
{
    bool passed = false;
    QString reason; // why it failed (or could not be evaluated); empty when passed
};

// A budget check fails when the metric was not measured: the answer cannot show it kept it.
CheckOutcome evaluate_check(const AnswerCheck& check, const QString& answer,
                            const storage::MessageMetrics& metrics,
                            const storage::ResultMeasurements& measurements);

// [{"check":SPEC,"passed":bool,"reason":...}] for every check, in order.
QJsonArray evaluate_checks(const std::vector<AnswerCheck>& checks, const QString& answer,
                           const storage::MessageMetrics& metrics,
                           const storage::ResultMeasurements& measurements);

} // namespace kurabe::app
