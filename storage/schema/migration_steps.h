// The schema's history: one step per version, applied in order to bring a file from its
// `PRAGMA user_version` to kSchemaVersion. A step is never edited once released; a change is a
// new step (and a fixture database of the previous version for its test).
#pragma once

#include <span>

namespace kurabe::storage {

struct MigrationStep
{
    int version;     // user_version after this step
    const char* sql; // the statements that take version - 1 to version
};

// The SQL of each version, one function per file (schema_v1.cpp, ...).
const char* schema_v1_sql();
const char* schema_v2_sql();

// All steps, ascending by version; the last one's version is kSchemaVersion.
std::span<const MigrationStep> migration_steps();

} // namespace kurabe::storage
