#include "catalog/catalog_entry.h"

namespace kurabe::catalog {

const LocalVariant* CatalogEntry::smallest_variant() const
{
    if (!local)
        return nullptr;
    const LocalVariant* smallest = nullptr;
    for (const LocalVariant& variant : local->variants) {
        if (variant.size_bytes && (!smallest || *variant.size_bytes < *smallest->size_bytes))
            smallest = &variant;
    }
    return smallest;
}

} // namespace kurabe::catalog
