// POST /slack/events: the Events API. Pinned or marked messages join the timeline.
#include <spdlog/spdlog.h>

#include "firebreak/slack/deliverer.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/store/store.hpp"
#include "replies.hpp"

namespace firebreak::slack {
namespace {

using detail::string_at;
using nlohmann::json;

/// Slack retries an event for about 6 minutes; remember its id for much longer.
constexpr core::Duration kEventMemory = std::chrono::hours(24);

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
    if (m.channel.empty() || m.ts.empty()) return std::nullopt;
    return m;
}

}  // namespace

http::Response SlackEndpoints::events(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    json body = json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return detail::bad_request("the body is not a JSON object");
    std::string type = string_at(body, "type");
    if (type == "url_verification")
        return http::json_response(http::Status::ok,
                                   json{{"challenge", string_at(body, "challenge")}}.dump());
    if (type != "event_callback") return detail::acknowledged();

    std::string event_id = string_at(body, "event_id");
    const json event = body.contains("event") ? body["event"] : json();
    auto marked = marked_message(event, settings_.timeline_emoji);
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    if (!event_id.empty() &&
        !tx.remember("slack", "slack:event:" + event_id, now, now + kEventMemory)) {
        auto retry = request.find("X-Slack-Retry-Num");
        spdlog::info(
            "slack: event {} already handled (retry {})", event_id,
            retry == request.end() ? std::string_view("-") : std::string_view(retry->value()));
        return detail::acknowledged();
    }
    if (marked) {
        auto incident = tx.incident_by_conversation("slack", marked->channel);
        auto summary = incident ? tx.message_ref(incident->id, kSummaryRef) : std::nullopt;
        // The bot pins its own summary; that pin is not news for the timeline.
        bool is_summary = summary && summary->ref == marked->ts;
        if (incident && !is_summary) {
            store::OutboxItem item;
            item.incident_id = incident->id;
            item.conversation = "capture:" + marked->channel;
            item.kind = std::string(outbox_kind::capture_message);
            item.payload =
                json{{"channel", marked->channel}, {"ts", marked->ts}, {"captured_by", marked->by}}
                    .dump(-1, ' ', false, json::error_handler_t::replace);
            item.created_at = now;
            item.next_attempt_at = now;
            tx.enqueue(item);
        }
    }
    tx.commit();
    return detail::acknowledged();
}

}  // namespace firebreak::slack
