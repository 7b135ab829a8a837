#include "catalog/catalog_filter.h"

#include "catalog/fit_estimate.h"

namespace kurabe::catalog {

bool CatalogFilter::is_empty() const
{
    return text.trimmed().isEmpty() && developer.isEmpty() && license_kind.isEmpty() &&
           commercial_use.isEmpty() && !open_weights && !min_context && !min_parameters &&
           !max_parameters && modality.isEmpty() && !reasoning && !runs_locally && !fits_machine;
}

bool catalog_entry_fits(const CatalogEntry& entry, const MachineMemory& machine)
{
    const LocalVariant* smallest = entry.smallest_variant();
    if (!smallest)
        return false;
    const FitVerdict verdict = estimate_fit(entry, *smallest, machine).verdict;
    return verdict == FitVerdict::Fits || verdict == FitVerdict::Tight;
}

namespace {

bool text_matches(const CatalogEntry& entry, const QString& text)
{
    // Every word must appear somewhere ("qwen 7b" finds "Qwen2.5 7B Instruct").
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool found = false;
        for (const QString* field : {&entry.name, &entry.key, &entry.developer, &entry.family,
                                     &entry.description_en, &entry.description_ja}) {
            found = found || field->contains(word, Qt::CaseInsensitive);
        }
        if (!found)
            return false;
    }
    return true;
}

} // namespace

bool catalog_entry_matches(const CatalogEntry& entry, const CatalogFilter& filter,
                           const MachineMemory& machine)
{
    if (!filter.text.trimmed().isEmpty() && !text_matches(entry, filter.text))
        return false;
    if (!filter.developer.isEmpty() && entry.developer != filter.developer)
        return false;
    if (!filter.license_kind.isEmpty() && entry.license.kind != filter.license_kind)
        return false;
    if (!filter.commercial_use.isEmpty() && entry.license.commercial_use != filter.commercial_use)
        return false;
    if (filter.open_weights && entry.open_weights != *filter.open_weights)
        return false;
    if (filter.min_context &&
        (!entry.context_length || *entry.context_length < *filter.min_context))
        return false;
    if ((filter.min_parameters || filter.max_parameters) && !entry.parameters_total)
        return false;
    if (filter.min_parameters && *entry.parameters_total < *filter.min_parameters)
        return false;
    if (filter.max_parameters && *entry.parameters_total > *filter.max_parameters)
        return false;
    if (!filter.modality.isEmpty() && !entry.input_modalities.contains(filter.modality) &&
        !entry.output_modalities.contains(filter.modality))
        return false;
    if (filter.reasoning && entry.reasoning != filter.reasoning)
        return false;
    if (filter.runs_locally && !entry.runs_locally())
        return false;
    if (filter.fits_machine && !catalog_entry_fits(entry, machine))
        return false;
    return true;
}

} // namespace kurabe::catalog
