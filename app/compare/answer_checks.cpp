#include "compare/answer_checks.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace kurabe::app {
namespace {

struct KindName
{
    AnswerCheck::Kind kind;
    const char* name;
    bool takes_number;
};

constexpr KindName kKinds[] = {
    {AnswerCheck::Kind::Contains, "contains", false},
    {AnswerCheck::Kind::Regex, "regex", false},
    {AnswerCheck::Kind::ValidJson, "json", false},
    {AnswerCheck::Kind::MaxTokens, "max-tokens", true},
    {AnswerCheck::Kind::MaxLatency, "max-latency-ms", true},
    {AnswerCheck::Kind::MaxCost, "max-cost-usd", true},
};

// Models often wrap JSON in a Markdown code fence; the check is about the JSON itself.
QString strip_code_fence(const QString& answer)
{
    QString text = answer.trimmed();
    if (!text.startsWith(QLatin1String("```"))) {
        return text;
    }
    const qsizetype first_newline = text.indexOf(QLatin1Char('\n'));
    if (first_newline < 0 || !text.endsWith(QLatin1String("```"))) {
        return text;
    }
    return text.mid(first_newline + 1, text.size() - first_newline - 4).trimmed();
}

CheckOutcome budget(const char* what, const std::optional<double>& value, double limit)
{
    if (!value) {
        return {false, QStringLiteral("%1 was not measured").arg(QLatin1String(what))};
    }
    if (*value > limit) {
        return {false,
                QStringLiteral("%1 %2 is over %3")
                    .arg(QLatin1String(what), QString::number(*value), QString::number(limit))};
    }
    return {true, {}};
}

} // namespace

QString AnswerCheck::spec() const
{
    for (const KindName& entry : kKinds) {
        if (entry.kind != kind) {
            continue;
        }
        const QString name = QLatin1String(entry.name);
        if (kind == Kind::ValidJson) {
            return name;
        }
        return name + QLatin1Char(':') + (entry.takes_number ? QString::number(limit) : text);
    }
    return {};
}

std::optional<AnswerCheck> parse_answer_check(const QString& spec, QString* error)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? spec : spec.left(colon);
    const QString argument = colon < 0 ? QString() : spec.mid(colon + 1);
    for (const KindName& entry : kKinds) {
        if (name != QLatin1String(entry.name)) {
            continue;
        }
        AnswerCheck check;
        check.kind = entry.kind;
        if (entry.kind == AnswerCheck::Kind::ValidJson) {
            return check;
        }
        if (argument.isEmpty()) {
            *error = QStringLiteral("the check \"%1\" needs a value after the colon").arg(spec);
            return std::nullopt;
        }
        if (entry.takes_number) {
            bool ok = false;
            check.limit = argument.toDouble(&ok);
            if (!ok || check.limit < 0) {
                *error = QStringLiteral("the check \"%1\" needs a number that is not negative")
                             .arg(spec);
                return std::nullopt;
            }
        } else {
            check.text = argument;
            if (entry.kind == AnswerCheck::Kind::Regex) {
                const QRegularExpression pattern(argument);
                if (!pattern.isValid()) {
                    *error = QStringLiteral("the check \"%1\": %2 at offset %3")
                                 .arg(spec, pattern.errorString())
                                 .arg(pattern.patternErrorOffset());
                    return std::nullopt;
                }
            }
        }
        return check;
    }
    *error = QStringLiteral("\"%1\" is not a check; use contains:TEXT, regex:PATTERN, json, "
                            "max-tokens:N, max-latency-ms:MS or max-cost-usd:USD")
                 .arg(spec);
    return std::nullopt;
}

CheckOutcome evaluate_check(const AnswerCheck& check, const QString& answer,
                            const storage::MessageMetrics& metrics,
                            const storage::ResultMeasurements& measurements)
{
    switch (check.kind) {
    case AnswerCheck::Kind::Contains:
        if (answer.contains(check.text)) {
            return {true, {}};
        }
        return {false, QStringLiteral("the answer does not contain \"%1\"").arg(check.text)};
    case AnswerCheck::Kind::Regex: {
        const QRegularExpression pattern(check.text,
                                         QRegularExpression::UseUnicodePropertiesOption);
        if (pattern.match(answer).hasMatch()) {
            return {true, {}};
        }
        return {false, QStringLiteral("the answer does not match /%1/").arg(check.text)};
    }
    case AnswerCheck::Kind::ValidJson: {
        QJsonParseError parse_error;
        (void)QJsonDocument::fromJson(strip_code_fence(answer).toUtf8(), &parse_error);
        if (parse_error.error == QJsonParseError::NoError) {
            return {true, {}};
        }
        return {false, QStringLiteral("not valid JSON: %1 at offset %2")
                           .arg(parse_error.errorString())
                           .arg(parse_error.offset)};
    }
    case AnswerCheck::Kind::MaxTokens: {
        std::optional<double> tokens;
        if (metrics.tokens_out) {
            tokens = static_cast<double>(*metrics.tokens_out);
        }
        return budget("tokens out", tokens, check.limit);
    }
    case AnswerCheck::Kind::MaxLatency:
        return budget("wall time (ms)", measurements.wall_ms, check.limit);
    case AnswerCheck::Kind::MaxCost:
        return budget("cost (USD)", metrics.cost_usd, check.limit);
    }
    return {false, QStringLiteral("unknown check")};
}

QJsonArray evaluate_checks(const std::vector<AnswerCheck>& checks, const QString& answer,
                           const storage::MessageMetrics& metrics,
                           const storage::ResultMeasurements& measurements)
{
    QJsonArray outcomes;
    for (const AnswerCheck& check : checks) {
        const CheckOutcome outcome = evaluate_check(check, answer, metrics, measurements);
        QJsonObject entry{{"check", check.spec()}, {"passed", outcome.passed}};
        if (!outcome.reason.isEmpty()) {
            entry.insert(QStringLiteral("reason"), outcome.reason);
        }
        outcomes.append(entry);
    }
    return outcomes;
}

} // namespace kurabe::app
