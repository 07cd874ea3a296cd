#pragma once
// What arrives at the service (someone ran a command somewhere) and what goes back.

#include <string>
#include <vector>

#include "firebreak/chat/message.hpp"
#include "firebreak/core/incident.hpp"

namespace firebreak::app {

/// Who ran a command, where: a person on `platform`, in `conversation`.
struct Invocation {
    std::string platform;  ///< "slack", "teams", "console"
    std::string conversation;
    core::UserId user;
};

enum class Visibility {
    ephemeral,   ///< only the person who ran the command sees it
    in_channel,  ///< everyone in the conversation sees it
};

/// The immediate answer to an invocation. Everything else the command causes (new
/// conversations, announcements, summary edits) goes through the outbox.
struct Reply {
    Visibility visibility = Visibility::ephemeral;
    std::vector<chat::Message> messages;
    /// The command changed an incident: its writes are in the transaction.
    bool changed = false;
};

}  // namespace firebreak::app
