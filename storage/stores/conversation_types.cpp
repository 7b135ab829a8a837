#include "storage/stores/conversation_types.h"

#include <array>
#include <utility>

namespace kurabe::storage {
namespace {

constexpr std::array<std::pair<MessageRole, const char*>, 4> kRoleNames{{
    {MessageRole::System, "system"},
    {MessageRole::User, "user"},
    {MessageRole::Assistant, "assistant"},
    {MessageRole::Tool, "tool"},
}};

} // namespace

QString message_role_name(MessageRole role)
{
    for (const auto& [value, name] : kRoleNames) {
        if (value == role) {
            return QLatin1String(name);
        }
    }
    return {};
}

std::optional<MessageRole> message_role_from_name(const QString& name)
{
    for (const auto& [value, role_name] : kRoleNames) {
        if (name == QLatin1String(role_name)) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace kurabe::storage
