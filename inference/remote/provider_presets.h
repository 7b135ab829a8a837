// The providers Kurabe knows by name, with their wire protocol and base URL. "custom" takes
// any OpenAI-compatible base URL the user gives.
#pragma once

#include "inference/remote/provider_config.h"

#include <span>

namespace kurabe::inference::remote {

struct ProviderPreset
{
    const char* id;           // stored with the provider: "openai", "llamacpp", ...
    const char* display_name; // "OpenAI", "llama.cpp server", ...
    ProviderKind kind;
    const char* base_url; // empty for "custom"
    bool needs_key;       // cloud services; local servers usually take none
    bool local;           // a server on the user's machine or network (plain http allowed)
};

std::span<const ProviderPreset> providerPresets();
const ProviderPreset* findPreset(const QString& id); // null when unknown

} // namespace kurabe::inference::remote
