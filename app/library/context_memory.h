// What loading a library file at a context length would take, for the context-length choice:
// the catalog's fit estimator (weights, KV cache, work buffers against this machine's usable
// memory) fed with what the file's GGUF summary says, and the context length the engine would
// really use.
#pragma once

#include "catalog/fit_estimate.h"

#include <QJsonObject>

namespace kurabe::app {

// The engine's default when no length is chosen (LocalOptions::n_ctx == 0): the model's own,
// capped at this many tokens.
inline constexpr int kDefaultContextCap = 4096;

// The context length a load with `requested` tokens (0: the default) gets for a model trained
// for `trained` tokens (0: unknown).
int effective_context_length(int requested, int trained);

// The estimate for the file whose gguf_summary is `summary` (file_size, parameters,
// context_length) at `requested` tokens. Unknown verdict when the summary has no size.
catalog::FitEstimate estimate_context_memory(const QJsonObject& summary, int requested,
                                             const catalog::MachineMemory& machine);

// For people: "4096 tokens: about 1.3 GB (weights 1.0 GB, KV cache 0.1 GB) — fits in 12 GB",
// and a warning when the length is beyond what the model was trained for.
QString describe_context_memory(const QJsonObject& summary, int requested,
                                const catalog::MachineMemory& machine);

} // namespace kurabe::app
