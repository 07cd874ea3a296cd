#pragma once
// What the endpoints send back: shared by commands, interactions and events.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/app/front_door.hpp"
#include "firebreak/app/invocation.hpp"
#include "firebreak/http/message.hpp"
#include "firebreak/slack/decode.hpp"
#include "payload.hpp"

namespace firebreak::slack::detail {

/// How many of `messages`, from the first, fit in one Slack message (at least one: a
/// single oversized message is cut by render()).
std::size_t fitting_in_one(const std::vector<chat::Message>& messages);

/// A slash command's immediate answer: {"response_type", "text", "blocks"}.
nlohmann::json command_reply_body(const app::Reply& reply);

/// HTTP's answer to `decoded`: 400 for a refusal, else apply()'s body (or an empty 200).
http::Response answer(app::FrontDoor& front_door, const Decoded& decoded);

/// 200 with an empty body: Slack's "received".
http::Response acknowledged();

/// 400 with a short reason; Slack shows nothing, the log says why.
http::Response bad_request(const std::string& why);

}  // namespace firebreak::slack::detail
