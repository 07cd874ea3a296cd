// POST /slack/events: the Events API. Pinned or marked messages join the timeline.
#include <spdlog/spdlog.h>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/ids.hpp"
#include "replies.hpp"

namespace firebreak::slack {
namespace {

using detail::string_at;
using nlohmann::json;

struct MarkedMessage {
    std::string channel;
    std::string ts;
    std::string by;
};

/// The message a reaction_added (with the timeline emoji) or pin_added event points at.
std::optional<MarkedMessage> marked_message(const json& event, const std::string& emoji) {
    std::string type = string_at(event, "type");
    const json item = event.contains("item") && event["item"].is_object() ? event["item"] : json();
    if (string_at(item, "type") != "message") return std::nullopt;
    MarkedMessage m;
    m.by = string_at(event, "user");
    if (type == "reaction_added") {
        if (string_at(event, "reaction") != emoji) return std::nullopt;
        m.channel = string_at(item, "channel");
        m.ts = string_at(item, "ts");
    } else if (type == "pin_added") {
        m.channel = string_at(event, "channel_id");
        if (m.channel.empty()) m.channel = string_at(item, "channel");
        m.ts = string_at(item, "message", "ts");
        if (m.ts.empty()) m.ts = string_at(item, "ts");
    } else {
        return std::nullopt;
    }
    if (!is_channel_id(m.channel) || m.ts.empty() || (!m.by.empty() && !is_user_id(m.by)))
        return std::nullopt;
    return m;
}

}  // namespace

http::Response SlackEndpoints::events(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    auto parsed = chat::parse_untrusted_json(request.body());
    if (!parsed && chat::nests_deeper_than(request.body()))
        return detail::bad_request("the body nests deeper than 64 levels");
    if (!parsed || !parsed->is_object())
        return detail::bad_request("the body is not a JSON object");
    const json& body = *parsed;
    std::string type = string_at(body, "type");
    if (type == "url_verification")
        return http::json_response(http::Status::ok,
                                   json{{"challenge", string_at(body, "challenge")}}.dump());
    if (type != "event_callback") return detail::acknowledged();

    const json event = body.contains("event") ? body["event"] : json();
    auto marked = marked_message(event, settings_.timeline_emoji);
    if (!marked) return detail::acknowledged();  // an event firebreak does not act on
    app::Inbound in = inbound(string_at(body, "team_id"), marked->channel, marked->by);
    // Slack retries an event (X-Slack-Retry-Num) with the same event_id.
    if (std::string id = string_at(body, "event_id"); !id.empty()) in.dedupe_key = "event:" + id;
    // The event names the message but does not carry it: the deliverer reads it back.
    in.body = app::MessageCapture{marked->ts, std::nullopt, "", std::nullopt};
    if (front_door_.handle(in).kind == app::Answer::Kind::duplicate) {
        auto retry = request.find("X-Slack-Retry-Num");
        spdlog::info(
            "slack: event {} already handled (retry {})", in.dedupe_key,
            retry == request.end() ? std::string_view("-") : std::string_view(retry->value()));
    }
    return detail::acknowledged();
}

}  // namespace firebreak::slack
