#include "catalog_example_entry.h"

#include <QJsonDocument>

// A complete, valid entry; the rejection tests change one field of it.
QJsonObject catalog_example_entry()
{
    const char* json = R"({
      "key": "example-1b-instruct", "name": "Example 1B Instruct", "kind": "llm",
      "developer": "Example Labs", "family": "Example", "release_date": "2024-09",
      "parameters": {"total": 1230000000, "active": null},
      "context_length": 131072, "max_output_tokens": null,
      "license": {"spdx": "Apache-2.0", "name": "Apache License 2.0",
                  "url": "https://www.apache.org/licenses/LICENSE-2.0",
                  "commercial_use": "yes", "kind": "permissive"},
      "open_weights": true,
      "modalities": {"input": ["text", "image"], "output": ["text"]},
      "reasoning": false, "tool_use": null, "languages": ["en", "ja"],
      "description": {"en": "A small model.", "ja": "小さなモデル。"},
      "sources": [{"title": "model card", "url": "https://example.com/card", "note": ""},
                  {"title": "seed article", "url": "seeds/002_0912f8c0e18b290e.txt", "note": ""}],
      "notes": "", "as_of": "2026-11-22",
      "local": {"architecture": "llama", "repository": "https://huggingface.co/ex/ex-GGUF",
                "variants": [{"quantization": "Q4_K_M", "file_name": "ex.Q4_K_M.gguf",
                              "url": "https://huggingface.co/ex/ex-GGUF/resolve/main/ex.Q4_K_M.gguf",
                              "size_bytes": 807694464,
                              "sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]},
      "remote": [{"provider": "openrouter", "model_id": "ex/ex-1b", "price_input_per_mtok": 0.1,
                  "price_output_per_mtok": 0.2, "price_as_of": "2025-06"}]
    })";
    return QJsonDocument::fromJson(json).object();
}
