// POST /slack/interactions: buttons, user pickers and form submissions.
#include <spdlog/spdlog.h>

#include "firebreak/command/text.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "firebreak/slack/modals.hpp"
#include "firebreak/store/store.hpp"
#include "replies.hpp"

namespace firebreak::slack {
namespace {

using detail::string_at;
using nlohmann::json;

/// How long an action or a submission is remembered against a retry or a double click.
constexpr core::Duration kActionMemory = std::chrono::hours(24);

http::Response field_errors(const FieldErrors& errors) {
    json body{{"response_action", "errors"}, {"errors", errors}};
    return http::json_response(http::Status::ok,
                               body.dump(-1, ' ', false, json::error_handler_t::replace));
}

/// Why the service refused, short enough for a form field's error.
std::string refusal_text(const app::Reply& reply) {
    std::string why = reply.messages.empty() ? "" : reply.messages.front().text;
    return why.size() > 150 ? why.substr(0, 147) + "..." : why;
}

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
        if (picked.empty()) return std::nullopt;
        return id.substr(kPickAction.size()) + " <@" + picked + ">";
    }
    return std::nullopt;
}

}  // namespace

http::Response SlackEndpoints::interactions(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    auto form = parse_form(request.body());
    if (!form) return detail::bad_request("the body is not valid form data");
    json payload = json::parse(field(*form, "payload"), nullptr, false);
    if (payload.is_discarded() || !payload.is_object())
        return detail::bad_request("the payload field is not a JSON object");
    std::string type = string_at(payload, "type");
    std::string user = string_at(payload, "user", "id");
    if (user.empty()) return detail::bad_request("the payload names no user");
    core::Timestamp now = clock_.now();

    if (type == "block_actions") {
        std::string channel = string_at(payload, "channel", "id");
        if (channel.empty()) channel = string_at(payload, "container", "channel_id");
        std::string trigger = string_at(payload, "trigger_id");
        const json* actions = payload.contains("actions") && payload["actions"].is_array()
                                  ? &payload["actions"]
                                  : nullptr;
        if (!actions || channel.empty()) return detail::acknowledged();
        for (const auto& action : *actions) {
            auto text = command_of(action);
            if (!text) continue;
            std::string key = "slack:action:" + user + ":" + string_at(action, "action_id") + ":" +
                              string_at(action, "action_ts");
            {
                auto tx = store_.begin();
                bool fresh = tx.remember("slack", key, now, now + kActionMemory);
                tx.commit();
                if (!fresh) continue;  // a retry, or the same click delivered twice
            }
            if (!trigger.empty()) {
                if (auto form = form_for(*text, channel)) {
                    auto tx = store_.begin();
                    detail::enqueue_open_view(tx, trigger, *form, now);
                    tx.commit();
                    continue;
                }
            }
            app::Reply reply = service_.handle(app::Invocation{channel, user, *text, true});
            if (reply.visibility == app::Visibility::ephemeral) {  // in-channel ones are queued
                auto tx = store_.begin();
                detail::enqueue_reply(tx, reply, channel, user, now);
                tx.commit();
            }
        }
        return detail::acknowledged();
    }

    if (type == "view_submission") {
        const json& view = payload.contains("view") ? payload["view"] : json();
        std::string callback = string_at(view, "callback_id");
        std::string channel = form_channel(view);
        std::string view_id = string_at(view, "id");
        // The same form submitted twice with the same values is one submission; after a
        // refusal shown on the form, a corrected submission is a new one.
        std::string submission_key =
            "slack:view:" + view_id + ":" +
            std::to_string(std::hash<std::string>{}(
                view.contains("state")
                    ? view["state"].dump(-1, ' ', false, json::error_handler_t::replace)
                    : std::string()));
        // A submission is remembered once it took effect: the same values submitted again
        // do nothing more, while a corrected (or retried, after a refusal) one runs.
        auto first_submission = [&] {
            if (view_id.empty()) return true;
            auto tx = store_.read();
            return !tx.remembered("slack", submission_key, now);
        };
        auto took_effect = [&] {
            if (view_id.empty()) return;
            auto tx = store_.begin();
            tx.remember("slack", submission_key, now, now + kActionMemory);
            tx.commit();
        };
        app::Reply reply;
        if (callback == kDeclareCallback) {
            auto read = read_declare(view, service_.settings().policy);
            if (auto* errors = std::get_if<FieldErrors>(&read)) return field_errors(*errors);
            if (!first_submission()) return detail::acknowledged();
            reply = service_.run(std::get<core::cmd::Declare>(read),
                                 app::Invocation{channel, user, "", true});
            took_effect();
        } else if (callback == kUpdateCallback) {
            auto read = read_update(view);
            if (auto* errors = std::get_if<FieldErrors>(&read)) return field_errors(*errors);
            if (!first_submission()) return detail::acknowledged();
            const auto& update = std::get<UpdateSubmission>(read);
            app::Invocation invocation{channel, user, "", true};
            if (update.status) {
                app::Reply moved = service_.run(core::cmd::SetStatus{*update.status}, invocation);
                // Refused (e.g. a guard): say why on the form instead of half-posting.
                if (moved.visibility == app::Visibility::ephemeral)
                    return field_errors({{"status", refusal_text(moved)}});
            }
            reply = service_.run(core::cmd::PostUpdate{update.text}, invocation);
            if (reply.visibility == app::Visibility::in_channel) took_effect();
        } else if (callback == kHandoverCallback) {
            auto read = read_handover(view);
            if (auto* errors = std::get_if<FieldErrors>(&read)) return field_errors(*errors);
            if (!first_submission()) return detail::acknowledged();
            reply = service_.run(std::get<core::cmd::Handover>(read),
                                 app::Invocation{channel, user, "", true});
            if (reply.visibility == app::Visibility::ephemeral)
                return field_errors({{"to", refusal_text(reply)}});
            took_effect();
        } else {
            return detail::acknowledged();
        }
        if (!channel.empty() && reply.visibility == app::Visibility::ephemeral) {
            auto tx = store_.begin();
            detail::enqueue_reply(tx, reply, channel, user, now);
            tx.commit();
        }
        return detail::acknowledged();  // an empty 200 closes the form
    }
    // view_closed, shortcuts and the like: nothing to do.
    return detail::acknowledged();
}

}  // namespace firebreak::slack
