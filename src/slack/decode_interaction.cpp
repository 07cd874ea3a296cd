// An interactive payload decoded: buttons, user pickers and form submissions.
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/ids.hpp"
#include "firebreak/slack/modals.hpp"
#include "payload.hpp"

namespace firebreak::slack {
namespace {

using detail::string_at;
using nlohmann::json;

/// The command an action stands for: a button's value, or "<role> <@picked>".
std::optional<std::string> command_of(const json& action) {
    std::string id = string_at(action, "action_id");
    if (id.starts_with(kRunAction)) {
        std::string value = string_at(action, "value");
        if (value.empty()) return std::nullopt;
        return value;
    }
    if (id.starts_with(kPickAction)) {
        std::string picked = string_at(action, "selected_user");
        if (!is_user_id(picked)) return std::nullopt;  // never markup in a command
        return id.substr(kPickAction.size()) + " <@" + picked + ">";
    }
    return std::nullopt;
}

}  // namespace

Decoded decode_interaction(const json& payload, core::Timestamp now) {
    Decoded decoded;
    auto refuse = [&](std::string why) {
        decoded.refusal = std::move(why);
        decoded.inbounds.clear();
        return decoded;
    };
    if (!payload.is_object()) return refuse("the payload is not a JSON object");
    std::string type = string_at(payload, "type");
    std::string user = string_at(payload, "user", "id");
    if (!is_user_id(user)) return refuse("the payload names no valid user");
    std::string team = string_at(payload, "team", "id");

    if (type == "block_actions") {
        std::string channel = string_at(payload, "channel", "id");
        if (channel.empty()) channel = string_at(payload, "container", "channel_id");
        const json* actions = payload.contains("actions") && payload["actions"].is_array()
                                  ? &payload["actions"]
                                  : nullptr;
        if (!actions) return decoded;
        if (!is_channel_id(channel)) return refuse("the actions name no valid channel");
        for (const auto& action : *actions) {
            auto text = command_of(action);
            if (!text) continue;
            app::Inbound in = detail::inbound(team, channel, user, now);
            in.form_token = string_at(payload, "trigger_id");
            // A retry, or the same click delivered twice, has the same action timestamp.
            in.dedupe_key = "action:" + user + ":" + string_at(action, "action_id") + ":" +
                            string_at(action, "action_ts");
            in.body = app::ButtonPress{*text};
            decoded.inbounds.push_back(std::move(in));
        }
        return decoded;  // Slack ignores the body of an action's answer
    }

    if (type == "view_submission") {
        const json view = payload.contains("view") ? payload["view"] : json();
        auto submission = read_submission(view);
        if (!submission) return decoded;  // not a form firebreak opened
        if (auto it = submission->context.find("conversation");
            it != submission->context.end() && !is_channel_id(it->second))
            return refuse("the form names no valid channel");
        app::Inbound in = detail::inbound(team, "", user, now);
        // The same form submitted twice with the same values is one submission; after a
        // refusal shown on the form, a corrected submission is a new one.
        std::string view_id = string_at(view, "id");
        if (!view_id.empty())
            in.dedupe_key =
                "view:" + view_id + ":" +
                std::to_string(std::hash<std::string>{}(
                    view.contains("state")
                        ? view["state"].dump(-1, ' ', false, json::error_handler_t::replace)
                        : std::string()));
        in.body = std::move(*submission);
        decoded.inbounds.push_back(std::move(in));
        decoded.shape = AnswerShape::form_errors;  // an empty answer closes the form
        return decoded;
    }
    // view_closed, shortcuts and the like: nothing to do.
    return decoded;
}

}  // namespace firebreak::slack
