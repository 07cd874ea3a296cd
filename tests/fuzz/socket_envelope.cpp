// Fuzzes what Slack's Socket Mode sends before anything trusts it: a WebSocket text
// message parsed as hello, disconnect or envelope; an envelope's payload decoded by the
// same decoders as the request URLs; and the acknowledgement written back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "firebreak/slack/socket_message.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "socket_envelope fuzzer: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace firebreak::slack;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_socket_message(text);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
        if (error->empty()) fail("a refusal without a reason");
        return 0;
    }
    const auto* envelope = std::get_if<SocketEnvelope>(&std::get<SocketMessage>(parsed));
    if (!envelope) return 0;
    if (envelope->envelope_id.empty()) fail("an envelope without an id");
    const firebreak::core::Timestamp now{firebreak::core::Duration{1'795'341'600}};
    Decoded decoded = decode_envelope(*envelope, "pushpin", now);
    if (decoded.refusal && (!decoded.inbounds.empty() || decoded.immediate))
        fail("a refused payload that still has something to apply");
    for (const auto& in : decoded.inbounds) {
        if (in.platform != "slack") fail("an inbound of another platform");
        // Only a captured message may have no actor (a pin event names none).
        if (in.user.empty() && !std::holds_alternative<firebreak::app::MessageCapture>(in.body))
            fail("a command, click or submission with no user");
    }
    // The ack is sent back verbatim: it must be JSON naming the envelope.
    std::optional<nlohmann::json> payload;
    if (decoded.immediate) payload = decoded.immediate;
    auto ack = nlohmann::json::parse(socket_ack(envelope->envelope_id, payload), nullptr, false);
    if (ack.is_discarded() || ack["envelope_id"] != envelope->envelope_id)
        fail("an ack that does not name its envelope");
    return 0;
}
