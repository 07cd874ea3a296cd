#pragma once
// Slack's id syntax. Every user and channel id that arrives in a request is checked
// against it before it reaches a command, a topic or a message: an id is the one piece of
// a payload the bot writes back as markup (`<@U123>`, `<#C123>`), so `U0BOB> <!channel`
// must never pass for one.

#include <string_view>

namespace firebreak::slack {

/// A user id: "U" or "W" (Enterprise Grid) then upper-case letters and digits, such as
/// "U024BE7LH" (or "USLACKBOT").
bool is_user_id(std::string_view id);

/// A conversation id: "C" (channel), "G" (private channel or group DM) or "D" (DM), then
/// upper-case letters and digits.
bool is_channel_id(std::string_view id);

/// A workspace id: "T" then upper-case letters and digits; "" is allowed (not every
/// payload names one).
bool is_team_id(std::string_view id);

}  // namespace firebreak::slack
