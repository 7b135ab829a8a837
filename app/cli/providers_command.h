// `kurabe providers list|presets|add|remove|models|test`: remote API providers. The database
// keeps each provider's kind, base URL and options, and only a reference to its API key; the
// key itself goes to the OS keychain (or the encrypted key file where there is none). Keys are
// read from stdin (--key-stdin) or from an environment variable (--key-env VAR), never from
// the command line, where other users and shell history would see them.
#pragma once

#include "inference/backend.h"
#include "inference/remote/provider_config.h"

#include <QStringList>

#include <optional>

namespace kurabe::cli {

int run_providers_command(const QStringList& args);

struct LoadedProvider
{
    std::optional<inference::remote::ProviderConfig> config;
    QString error; // set when config is empty
};

// The provider named `name` in the data directory as a ready-to-use config, its key read from
// the key store. For `providers test|models` and for generating with --provider.
LoadedProvider load_provider_config(const QString& data_dir, const QString& name);

// The remote half of `kurabe generate --provider NAME --model M`: streams the answer to stdout
// as it arrives, then the measurements to stderr (or, with `json`, prints one object at the
// end). Ctrl-C stops it. Returns the exit code.
int run_provider_generation(const QString& data_dir, const QString& provider, const QString& model,
                            const inference::GenerationRequest& request, bool json);

} // namespace kurabe::cli
