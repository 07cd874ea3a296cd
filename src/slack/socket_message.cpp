#include "firebreak/slack/socket_message.hpp"

#include "firebreak/chat/untrusted_json.hpp"
#include "payload.hpp"

namespace firebreak::slack {
namespace {

using detail::string_at;
using nlohmann::json;

int int_at(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return 0;
    // Slack's counts are small; anything outside int is nonsense, not a count.
    auto value = it->get<std::int64_t>();
    return value < 0 || value > 1'000'000 ? 0 : static_cast<int>(value);
}

}  // namespace

std::variant<SocketMessage, std::string> parse_socket_message(std::string_view text) {
    auto parsed = chat::parse_untrusted_json(text);
    if (!parsed && chat::nests_deeper_than(text)) return std::string("nests deeper than 64 levels");
    if (!parsed || !parsed->is_object()) return std::string("not a JSON object");
    const json& message = *parsed;
    std::string type = string_at(message, "type");
    if (type == "hello") {
        SocketHello hello;
        hello.num_connections = int_at(message, "num_connections");
        hello.host = string_at(message, "debug_info", "host");
        return SocketMessage{hello};
    }
    if (type == "disconnect") return SocketMessage{SocketDisconnect{string_at(message, "reason")}};
    std::string id = string_at(message, "envelope_id");
    if (id.empty()) return SocketMessage{SocketOther{type}};
    auto payload = message.find("payload");
    if (payload == message.end() || !payload->is_object())
        return "envelope " + id + " has no payload object";
    SocketEnvelope envelope;
    envelope.envelope_id = std::move(id);
    envelope.type = std::move(type);
    envelope.payload = *payload;
    auto accepts = message.find("accepts_response_payload");
    envelope.accepts_response_payload =
        accepts != message.end() && accepts->is_boolean() && accepts->get<bool>();
    envelope.retry_attempt = int_at(message, "retry_attempt");
    envelope.retry_reason = string_at(message, "retry_reason");
    return SocketMessage{std::move(envelope)};
}

Decoded decode_envelope(const SocketEnvelope& envelope, const std::string& timeline_emoji,
                        core::Timestamp now) {
    if (envelope.type == "slash_commands") return decode_command(fields_of(envelope.payload), now);
    if (envelope.type == "interactive") return decode_interaction(envelope.payload, now);
    if (envelope.type == "events_api") return decode_event(envelope.payload, timeline_emoji, now);
    Decoded unknown;
    unknown.refusal = "unknown envelope type '" + envelope.type + "'";
    return unknown;
}

std::string socket_ack(const std::string& envelope_id, const std::optional<json>& payload) {
    json ack{{"envelope_id", envelope_id}};
    if (payload) ack["payload"] = *payload;
    return ack.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace firebreak::slack
