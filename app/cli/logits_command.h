// `kurabe logits -m FILE --prompts FILE [--top K] [--greedy N] [--backend cpu]`: the top
// logits at every prompt position and the greedy continuation, as JSON in exactly the schema
// of ../shared/reference/oracle/*.json, so the engine can be diffed against a reference.
#pragma once

#include <QStringList>

namespace kurabe::cli {

int run_logits_command(const QStringList& args);

// Splits a prompts file: prompts separated by a line "----"; a prompt whose first line is
// "@raw" is tokenized without BOS (add_special false). Exposed for tests.
struct PromptSpec
{
    QString text;
    bool add_special = true;
};
QList<PromptSpec> parse_prompts_file(const QString& content);

} // namespace kurabe::cli
