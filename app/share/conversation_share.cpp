#include "share/conversation_share.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

namespace kurabe::app {

namespace {

QString utc_time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString role_heading(storage::MessageRole role)
{
    switch (role) {
    case storage::MessageRole::System:
        return QStringLiteral("System");
    case storage::MessageRole::User:
        return QStringLiteral("User");
    case storage::MessageRole::Assistant:
        return QStringLiteral("Assistant");
    case storage::MessageRole::Tool:
        return QStringLiteral("Tool");
    }
    return {};
}

// "42 tokens · first token 120 ms · 31.5 tokens/s · stop · $0.0012" from what was measured.
QString metrics_line(const storage::MessageMetrics& m)
{
    QStringList parts;
    if (m.tokens_out)
        parts << QStringLiteral("%1 tokens").arg(*m.tokens_out);
    if (m.ttft_ms)
        parts << QStringLiteral("first token %1 ms").arg(*m.ttft_ms, 0, 'f', 0);
    if (m.tokens_per_s)
        parts << QStringLiteral("%1 tokens/s").arg(*m.tokens_per_s, 0, 'f', 1);
    if (!m.finish_reason.isEmpty())
        parts << m.finish_reason;
    if (m.cost_usd)
        parts << QStringLiteral("$%1").arg(*m.cost_usd, 0, 'f', 4);
    if (!m.error.isEmpty())
        parts << QStringLiteral("error: %1").arg(m.error);
    return parts.join(QStringLiteral(" · "));
}

// A fence longer than any run of backticks in `text`, so code in a system prompt cannot close
// it early.
QString fence_for(const QString& text)
{
    int longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), QLatin1Char('`'));
}

QJsonObject metrics_json(const storage::MessageMetrics& m)
{
    QJsonObject o;
    if (m.tokens_in)
        o.insert(QStringLiteral("tokens_in"), *m.tokens_in);
    if (m.tokens_out)
        o.insert(QStringLiteral("tokens_out"), *m.tokens_out);
    if (m.ttft_ms)
        o.insert(QStringLiteral("ttft_ms"), *m.ttft_ms);
    if (m.tokens_per_s)
        o.insert(QStringLiteral("tokens_per_s"), *m.tokens_per_s);
    if (m.cost_usd)
        o.insert(QStringLiteral("cost_usd"), *m.cost_usd);
    if (!m.finish_reason.isEmpty())
        o.insert(QStringLiteral("finish_reason"), m.finish_reason);
    if (!m.error.isEmpty())
        o.insert(QStringLiteral("error"), m.error);
    return o;
}

} // namespace

std::optional<ShareFormat> share_format_from_name(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("markdown") || n == QLatin1String("md"))
        return ShareFormat::Markdown;
    if (n == QLatin1String("json"))
        return ShareFormat::Json;
    return std::nullopt;
}

QString target_description(const QJsonObject& target)
{
    const QString kind = target.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("provider")) {
        const QString provider = target.value(QStringLiteral("provider")).toString();
        const QString model = target.value(QStringLiteral("model")).toString();
        return provider.isEmpty() ? model : QStringLiteral("%1 / %2").arg(provider, model);
    }
    if (kind == QLatin1String("local")) {
        QString name = target.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            name = QFileInfo(target.value(QStringLiteral("path")).toString()).fileName();
        const QString device = target.value(QStringLiteral("device")).toString();
        return device.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, device);
    }
    return {};
}

QString conversation_markdown(const storage::Conversation& conversation,
                              const std::vector<storage::Message>& path)
{
    QString md;
    const QString title = conversation.title.trimmed().isEmpty()
                              ? QStringLiteral("Conversation %1").arg(conversation.id)
                              : conversation.title.trimmed();
    md += QStringLiteral("# %1\n\n").arg(title);
    md += QStringLiteral("_Kurabe conversation, started %1, last updated %2._\n\n")
              .arg(utc_time(conversation.created_at_ms), utc_time(conversation.updated_at_ms));
    if (!conversation.system_prompt.isEmpty()) {
        const QString fence = fence_for(conversation.system_prompt);
        md += QStringLiteral("**System prompt**\n\n%1text\n%2\n%1\n\n")
                  .arg(fence, conversation.system_prompt);
    }
    for (const storage::Message& m : path) {
        QString heading = role_heading(m.role);
        const QString from = target_description(m.target);
        if (m.role == storage::MessageRole::Assistant && !from.isEmpty())
            heading += QStringLiteral(" — %1").arg(from);
        md += QStringLiteral("## %1\n\n").arg(heading);
        // Message text is Markdown already (that is how the app renders it): kept as written.
        md += m.content.trimmed().isEmpty() ? QStringLiteral("_(empty)_") : m.content.trimmed();
        md += QStringLiteral("\n\n");
        const QString metrics = metrics_line(m.metrics);
        if (m.role == storage::MessageRole::Assistant && !metrics.isEmpty())
            md += QStringLiteral("<sub>%1</sub>\n\n").arg(metrics.toHtmlEscaped());
    }
    return md;
}

QJsonObject conversation_json(const storage::Conversation& conversation,
                              const std::vector<storage::Message>& path)
{
    QJsonArray messages;
    for (const storage::Message& m : path) {
        QJsonObject o{{QStringLiteral("role"), storage::message_role_name(m.role)},
                      {QStringLiteral("content"), m.content},
                      {QStringLiteral("created_at"), utc_time(m.created_at_ms)}};
        if (!m.target.isEmpty()) {
            o.insert(QStringLiteral("model"), target_description(m.target));
            o.insert(QStringLiteral("target"), m.target);
        }
        if (!m.sampling.isEmpty())
            o.insert(QStringLiteral("sampling"), m.sampling);
        const QJsonObject metrics = metrics_json(m.metrics);
        if (!metrics.isEmpty())
            o.insert(QStringLiteral("metrics"), metrics);
        messages.append(o);
    }
    QJsonObject doc{{QStringLiteral("format"), QStringLiteral("kurabe-conversation")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("title"), conversation.title},
                    {QStringLiteral("created_at"), utc_time(conversation.created_at_ms)},
                    {QStringLiteral("updated_at"), utc_time(conversation.updated_at_ms)},
                    {QStringLiteral("messages"), messages}};
    if (!conversation.system_prompt.isEmpty())
        doc.insert(QStringLiteral("system_prompt"), conversation.system_prompt);
    return doc;
}

} // namespace kurabe::app
