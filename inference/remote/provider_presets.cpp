#include "inference/remote/provider_presets.h"

#include <array>

namespace kurabe::inference::remote {

namespace {

using K = ProviderKind;

// Base URLs include the API version prefix each protocol's paths are appended to.
constexpr std::array<ProviderPreset, 14> kPresets = {{
    {"openai", "OpenAI", K::OpenAiCompatible, "https://api.openai.com/v1", true, false},
    {"openrouter", "OpenRouter", K::OpenAiCompatible, "https://openrouter.ai/api/v1", true, false},
    {"groq", "Groq", K::OpenAiCompatible, "https://api.groq.com/openai/v1", true, false},
    {"mistral", "Mistral", K::OpenAiCompatible, "https://api.mistral.ai/v1", true, false},
    {"deepseek", "DeepSeek", K::OpenAiCompatible, "https://api.deepseek.com/v1", true, false},
    {"together", "Together AI", K::OpenAiCompatible, "https://api.together.xyz/v1", true, false},
    {"llamacpp", "llama.cpp server", K::OpenAiCompatible, "http://127.0.0.1:8080/v1", false, true},
    {"vllm", "vLLM", K::OpenAiCompatible, "http://127.0.0.1:8000/v1", false, true},
    {"lmstudio", "LM Studio", K::OpenAiCompatible, "http://127.0.0.1:1234/v1", false, true},
    {"ollama-openai", "Ollama (OpenAI API)", K::OpenAiCompatible, "http://127.0.0.1:11434/v1",
     false, true},
    {"custom", "Custom OpenAI-compatible server", K::OpenAiCompatible, "", false, false},
    {"anthropic", "Anthropic", K::Anthropic, "https://api.anthropic.com", true, false},
    {"gemini", "Google Gemini", K::Gemini, "https://generativelanguage.googleapis.com/v1beta", true,
     false},
    {"ollama", "Ollama", K::Ollama, "http://127.0.0.1:11434", false, true},
}};

} // namespace

std::span<const ProviderPreset> providerPresets()
{
    return kPresets;
}

const ProviderPreset* findPreset(const QString& id)
{
    for (const ProviderPreset& preset : kPresets) {
        if (id == QLatin1String(preset.id))
            return &preset;
    }
    return nullptr;
}

} // namespace kurabe::inference::remote
