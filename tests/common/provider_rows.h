// A provider row as the Settings page would store it, for tests that put providers in a
// profile's database (pointing at tests/remote/mock_provider_server.h).
#pragma once

#include "storage/stores/provider_store.h"

#include <QJsonObject>
#include <QString>

namespace kurabe::test {

inline storage::NewProvider provider_row(const QString& name, const QString& kind,
                                         const QString& url, const QString& keychain_ref = {})
{
    storage::NewProvider p;
    p.kind = kind;
    p.name = name;
    p.base_url = url;
    p.options = QJsonObject{{QStringLiteral("preset"), QStringLiteral("custom")}};
    p.keychain_ref = keychain_ref;
    return p;
}

} // namespace kurabe::test
