#pragma once
// What arrives at the service (someone ran a command somewhere) and what goes back.

#include <string>
#include <vector>

#include "firebreak/chat/message.hpp"
#include "firebreak/core/incident.hpp"

namespace firebreak::app {

/// A person ran `/incident <text>` in `conversation`.
struct Invocation {
    std::string conversation;
    core::UserId user;
    std::string text;
    /// The platform cannot show an in-channel reply itself (a button, a form): the
    /// service queues it for the conversation in the same transaction as the change, so
    /// the change and what it says are committed together.
    bool queue_in_channel_reply = false;
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
};

}  // namespace firebreak::app
