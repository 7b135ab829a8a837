#pragma once

#include <QString>

namespace kurabe::inference {

// How a local model is opened.
struct LocalOptions
{
    int n_ctx = 0;              // tokens of context; 0: the model's, capped at 4096
    int n_threads = 0;          // CPU threads; 0: one per hardware thread
    QString backend = "auto";   // "auto", "cpu" or "vulkan"
    QString device;             // Vulkan device name or index; empty: the best one
    QString pipeline_cache_dir; // where Vulkan keeps compiled pipelines; empty: nowhere
    QString chat_format;        // a built-in chat format to force; empty: the model's template
    // When a conversation outgrows the context, drop its oldest turns (never the system prompt
    // or the last message) instead of failing; the result says how many were dropped.
    bool drop_oldest_turns = true;
};

} // namespace kurabe::inference
