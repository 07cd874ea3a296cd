#pragma once
// chat::Message → Slack Block Kit, within Slack's limits (reference/slack.md): a section's
// text at most 3000 characters, at most 50 blocks per message.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/chat/message.hpp"

namespace firebreak::slack {

inline constexpr std::size_t kMaxSectionChars = 3000;
inline constexpr std::size_t kMaxBlocks = 50;

/// action_id prefixes: a button runs its value as a command; a picker runs
/// "<command> <@picked>" where the command follows the prefix.
inline constexpr std::string_view kRunAction = "run:";
inline constexpr std::string_view kPickAction = "pick:";

/// Slack mrkdwn for the common markup: &, < and > escaped, except in user and channel
/// references (<@U…>, <#C…>) and the bot's own broadcasts (<!here>, <!channel>), which
/// pass through.
std::string to_mrkdwn(std::string_view text);

/// Text people typed, with Slack's broadcasts (<!channel>, <!here|here>, <!subteam^…>)
/// turned into plain words ("@channel"): a note must never page a whole channel.
std::string defuse_broadcasts(std::string_view text);

/// Text as Slack sends it in a slash command (&lt; &gt; &amp;), back to what was typed.
std::string unescape(std::string_view text);

/// `text` cut into pieces of at most `limit` bytes, at line ends where possible and never
/// inside a UTF-8 character.
std::vector<std::string> split_text(std::string_view text, std::size_t limit = kMaxSectionChars);

/// {"text": fallback, "blocks": […]} for chat.postMessage, chat.update and command replies.
nlohmann::json render(const chat::Message& message);

/// Several messages as one: their blocks in order with dividers, cut at kMaxBlocks with a
/// last block saying what was left out.
nlohmann::json render(const std::vector<chat::Message>& messages);

}  // namespace firebreak::slack
