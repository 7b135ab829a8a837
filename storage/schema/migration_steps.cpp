#include "storage/schema/migration_steps.h"

#include <array>

namespace kurabe::storage {

std::span<const MigrationStep> migration_steps()
{
    static const std::array<MigrationStep, 1> steps{{
        {1, schema_v1_sql()},
    }};
    return steps;
}

} // namespace kurabe::storage
