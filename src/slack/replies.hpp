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

/// HTTP's answer to `decoded` when it needs no front door: 400 for a refusal, the
/// immediate body (url_verification's challenge), or an empty 200 when nothing was decoded
/// to apply. nullopt when there is something to apply. Safe on any thread.
std::optional<http::Response> answer_at_once(const Decoded& decoded);

/// HTTP's answer once applied: apply()'s body, or an empty 200.
http::Response answer(const Applied& applied);

/// 200 with an empty body: Slack's "received".
http::Response acknowledged();

/// 400 with a short reason; Slack shows nothing, the log says why.
http::Response bad_request(const std::string& why);

}  // namespace firebreak::slack::detail
