#pragma once
// What the endpoints send back: shared by commands, interactions and events.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/app/invocation.hpp"
#include "firebreak/http/message.hpp"

namespace firebreak::slack::detail {

/// How many of `messages`, from the first, fit in one Slack message (at least one: a
/// single oversized message is cut by render()).
std::size_t fitting_in_one(const std::vector<chat::Message>& messages);

/// A slash command's immediate answer: {"response_type", "text", "blocks"}.
http::Response command_reply(const app::Reply& reply);

/// 200 with an empty body: Slack's "received".
http::Response acknowledged();

/// 400 with a short reason; Slack shows nothing, the log says why.
http::Response bad_request(const std::string& why);

std::string string_at(const nlohmann::json& j, const char* key);
/// j[a][b] as a string, "" when any step is missing.
std::string string_at(const nlohmann::json& j, const char* a, const char* b);

}  // namespace firebreak::slack::detail
