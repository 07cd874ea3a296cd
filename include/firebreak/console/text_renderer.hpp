#pragma once
// Renders chat messages as plain text for a terminal.

#include <string>

#include "firebreak/chat/message.hpp"

namespace firebreak::console {

/// "<@alice>" becomes "@alice", "<!channel>" becomes "@channel", "<#inc-1>" (a conversation,
/// named by its name on the console) becomes "#inc-1"; *bold* stays as is.
std::string render_mentions(const std::string& text);

/// The message's text, then its fields, footer and numbered buttons, each line indented
/// by `indent`. Buttons are numbered from `first_button`.
std::string render(const chat::Message& message, int first_button = 1,
                   const std::string& indent = "  ");

}  // namespace firebreak::console
