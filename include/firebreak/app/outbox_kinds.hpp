#pragma once
// The kinds of outbox item the service writes, and their payloads. Adapters deliver them.

#include <string_view>

namespace firebreak::app::outbox_kind {

/// Create the incident's conversation. Payload: {"name", "private", "invite": [user]}.
/// The deliverer reports the new conversation id through IncidentService::attach_conversation.
inline constexpr std::string_view create_conversation = "create_conversation";

/// Post a chat::Message (payload) to the item's conversation ("" = the incident's own).
inline constexpr std::string_view post = "post";

/// Replace the incident's pinned summary with the chat::Message in the payload.
inline constexpr std::string_view update_summary = "update_summary";

}  // namespace firebreak::app::outbox_kind
