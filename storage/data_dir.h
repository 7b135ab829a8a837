// Where Kurabe keeps the user's data: the directory given with --data-dir, or the XDG data
// location ($XDG_DATA_HOME/kurabe, usually ~/.local/share/kurabe).
#pragma once

#include <QString>

namespace kurabe::storage {

struct DataDir
{
    QString path;  // absolute; empty when it could not be made
    QString error; // why it could not be made
};

// Resolves and creates the data directory. `requested` is the --data-dir argument (may be empty).
DataDir open_data_dir(const QString& requested);

// Where the Vulkan pipeline cache lives ($XDG_CACHE_HOME/kurabe/vulkan, usually
// ~/.cache/kurabe/vulkan): compiled shaders, safe to delete. Empty when there is no cache
// location. Not created here; the engine creates it when it first writes.
QString vulkan_cache_dir();

} // namespace kurabe::storage
