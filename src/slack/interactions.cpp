// POST /slack/interactions: buttons, user pickers and form submissions.
#include <spdlog/spdlog.h>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "firebreak/slack/ids.hpp"
#include "firebreak/slack/modals.hpp"
#include "replies.hpp"

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

http::Response SlackEndpoints::interactions(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    auto form = parse_form(request.body());
    if (!form) return detail::bad_request("the body is not valid form data");
    const std::string text = field(*form, "payload");
    auto parsed = chat::parse_untrusted_json(text);
    if (!parsed && chat::nests_deeper_than(text))
        return detail::bad_request("the payload field nests deeper than 64 levels");
    if (!parsed || !parsed->is_object())
        return detail::bad_request("the payload field is not a JSON object");
    json& payload = *parsed;
    std::string type = string_at(payload, "type");
    std::string user = string_at(payload, "user", "id");
    if (!is_user_id(user)) return detail::bad_request("the payload names no valid user");
    std::string team = string_at(payload, "team", "id");

    if (type == "block_actions") {
        std::string channel = string_at(payload, "channel", "id");
        if (channel.empty()) channel = string_at(payload, "container", "channel_id");
        const json* actions = payload.contains("actions") && payload["actions"].is_array()
                                  ? &payload["actions"]
                                  : nullptr;
        if (!actions) return detail::acknowledged();
        if (!is_channel_id(channel))
            return detail::bad_request("the actions name no valid channel");
        for (const auto& action : *actions) {
            auto text = command_of(action);
            if (!text) continue;
            app::Inbound in = inbound(team, channel, user);
            in.form_token = string_at(payload, "trigger_id");
            // A retry, or the same click delivered twice, has the same action timestamp.
            in.dedupe_key = "action:" + user + ":" + string_at(action, "action_id") + ":" +
                            string_at(action, "action_ts");
            in.body = app::ButtonPress{*text};
            front_door_.handle(in);
        }
        return detail::acknowledged();
    }

    if (type == "view_submission") {
        const json view = payload.contains("view") ? payload["view"] : json();
        auto submission = read_submission(view);
        if (!submission) return detail::acknowledged();  // not a form firebreak opened
        if (auto it = submission->context.find("conversation");
            it != submission->context.end() && !is_channel_id(it->second))
            return detail::bad_request("the form names no valid channel");
        app::Inbound in = inbound(team, "", user);
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
        app::Answer answer = front_door_.handle(in);
        if (answer.kind == app::Answer::Kind::form_errors)
            return http::json_response(
                http::Status::ok,
                field_errors(answer.errors).dump(-1, ' ', false, json::error_handler_t::replace));
        return detail::acknowledged();  // an empty 200 closes the form
    }
    // view_closed, shortcuts and the like: nothing to do.
    return detail::acknowledged();
}

}  // namespace firebreak::slack
