#include "storage/schema/migration_steps.h"

#include <array>

namespace kurabe::storage {

std::span<const MigrationStep> migration_steps()
{
    static const std::array<MigrationStep, 2> steps{{
        {1, schema_v1_sql()},
        {2, schema_v2_sql()},
    }};
    return steps;
}

} // namespace kurabe::storage
