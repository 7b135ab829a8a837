// What is stored about a target when a comparison is created, so a saved comparison says
// exactly what ran: the spec (compare_target.h) and, for a local file, its size, sha256,
// quantization mix, model name and architecture.
#pragma once

#include "compare/compare_target.h"
#include "storage/stores/model_file_store.h"

#include <QJsonObject>

namespace kurabe::app {

// The sha256 comes from the model library when it hashed this file at this size, otherwise it
// is computed now (reading the whole file). `library` may be null. A file that cannot be read
// is described by its spec alone: running it then fails with the reason.
QJsonObject describe_target(const TargetSpec& spec, storage::ModelFileStore* library);

} // namespace kurabe::app
