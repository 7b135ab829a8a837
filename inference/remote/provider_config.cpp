#include "inference/remote/provider_config.h"

#include "inference/remote/provider_presets.h"

#include <QHostAddress>

namespace kurabe::inference::remote {

QString providerKindName(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAiCompatible:
        return QStringLiteral("openai-compatible");
    case ProviderKind::Anthropic:
        return QStringLiteral("anthropic");
    case ProviderKind::Gemini:
        return QStringLiteral("gemini");
    case ProviderKind::Ollama:
        return QStringLiteral("ollama");
    }
    return QString();
}

std::optional<ProviderKind> providerKindFromName(const QString& name)
{
    for (ProviderKind kind : {ProviderKind::OpenAiCompatible, ProviderKind::Anthropic,
                              ProviderKind::Gemini, ProviderKind::Ollama}) {
        if (providerKindName(kind) == name)
            return kind;
    }
    if (name == QLatin1String("openai"))
        return ProviderKind::OpenAiCompatible;
    return std::nullopt;
}

bool isLocalHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive))
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    if (address.isLoopback() || address.isLinkLocal() || address.isUniqueLocalUnicast())
        return true;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 ip = address.toIPv4Address();
        return (ip >> 24) == 10 || (ip >> 20) == ((172u << 4) | 1u) ||
               (ip >> 16) == ((192u << 8) | 168u);
    }
    return false;
}

std::optional<QString> checkTransport(const ProviderConfig& config)
{
    const QUrl& url = config.base_url;
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("provider %1: the base URL '%2' is not a valid http(s) URL")
            .arg(config.name, url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return std::nullopt;
    if (scheme != QLatin1String("http"))
        return QStringLiteral("provider %1: the base URL must start with https:// (or http:// "
                              "for a server on this machine or network)")
            .arg(config.name);
    const ProviderPreset* preset = findPreset(config.preset);
    const bool user_server = !preset || preset->local || QLatin1String(preset->id) == "custom";
    if (isLocalHost(url.host()) || user_server)
        return std::nullopt;
    return QStringLiteral("provider %1: %2 is a cloud service and is only reached over https; "
                          "plain http would send the API key unencrypted")
        .arg(config.name, url.host());
}

QString redactKey(const QString& text, const QString& key)
{
    // Short "keys" (a placeholder such as "x") would redact ordinary words; real keys are long.
    if (key.size() < 8)
        return text;
    QString result = text;
    result.replace(key, QStringLiteral("[key]"));
    return result;
}

} // namespace kurabe::inference::remote

QDebug operator<<(QDebug debug, const kurabe::inference::remote::ProviderConfig& config)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "ProviderConfig(" << config.name << ", "
                    << kurabe::inference::remote::providerKindName(config.kind) << ", "
                    << config.base_url.toString()
                    << ", key: " << (config.api_key.isEmpty() ? "none" : "set") << ')';
    return debug;
}
