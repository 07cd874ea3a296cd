#pragma once
// Socket Mode's messages (reference/slack.md, "Socket Mode"): what Slack sends over the
// WebSocket (hello, disconnect, envelopes), parsed from untrusted text; the envelope's
// payload decoded with the same decoders as the request URLs; and the acknowledgement.
// Pure: no I/O (a fuzz target builds it).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "firebreak/core/time.hpp"
#include "firebreak/slack/decode.hpp"

namespace firebreak::slack {

struct SocketHello {
    int num_connections = 0;  ///< as Slack counts them, this one included
    std::string host;         ///< debug_info.host, for the log
};

struct SocketDisconnect {
    std::string reason;  ///< warning, refresh_requested, link_disabled, or another
};

struct SocketEnvelope {
    std::string envelope_id;
    std::string type;  ///< events_api, slash_commands, interactive, or another
    nlohmann::json payload;
    bool accepts_response_payload = false;
    int retry_attempt = 0;
    std::string retry_reason;
};

/// A message of a type firebreak does not know: kept for the log.
struct SocketOther {
    std::string type;
};

using SocketMessage = std::variant<SocketHello, SocketDisconnect, SocketEnvelope, SocketOther>;

/// `text` as a Socket Mode message, or why it is not one (not a JSON object, nests too
/// deep, an envelope without envelope_id or payload object). Never throws.
std::variant<SocketMessage, std::string> parse_socket_message(std::string_view text);

/// The envelope's payload decoded as its request URL's body would be. An envelope type
/// firebreak does not know is a refusal.
Decoded decode_envelope(const SocketEnvelope& envelope, const std::string& timeline_emoji,
                        core::Timestamp now);

/// {"envelope_id":…} with "payload" when `payload` is set.
std::string socket_ack(const std::string& envelope_id,
                       const std::optional<nlohmann::json>& payload);

}  // namespace firebreak::slack
