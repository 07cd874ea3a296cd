// An Events API body decoded: pinned or marked messages join the timeline.
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/ids.hpp"
#include "payload.hpp"

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

Decoded decode_event(const json& body, const std::string& timeline_emoji, core::Timestamp now) {
    Decoded decoded;
    std::string type = string_at(body, "type");
    if (type == "url_verification") {
        decoded.immediate = json{{"challenge", string_at(body, "challenge")}};
        return decoded;
    }
    if (type != "event_callback") return decoded;
    const json event = body.contains("event") ? body["event"] : json();
    auto marked = marked_message(event, timeline_emoji);
    if (!marked) return decoded;  // an event firebreak does not act on
    app::Inbound in = detail::inbound(string_at(body, "team_id"), marked->channel, marked->by, now);
    // Slack retries an event (X-Slack-Retry-Num, or a Socket Mode resend) with the same
    // event_id.
    if (std::string id = string_at(body, "event_id"); !id.empty()) in.dedupe_key = "event:" + id;
    // The event names the message but does not carry it: the deliverer reads it back.
    in.body = app::MessageCapture{marked->ts, std::nullopt, "", std::nullopt};
    decoded.inbounds.push_back(std::move(in));
    return decoded;
}

}  // namespace firebreak::slack
