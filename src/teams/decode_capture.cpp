// Messages kept in the timeline: the "Add to timeline" message action (an invoke that
// carries the message) and the timeline reaction on a message the bot sent (which does
// not, so the deliverer reads it back).
#include "decode_detail.hpp"

namespace firebreak::teams::detail {
namespace {

using nlohmann::json;

/// A capture's Inbound. The client retries a message action twice and a message may be
/// marked by both ways: one capture per message.
app::Inbound capture_inbound(const Context& c, app::MessageCapture capture) {
    app::Inbound in = inbound_for(c);
    in.dedupe_key = "capture:" + capture.message_id;
    in.body = std::move(capture);
    return in;
}

}  // namespace

void decode_message_action(Context& c) {
    const json* value = member(c.body, "value");
    const json* message = value ? member(*value, "messagePayload") : nullptr;
    std::string id = message ? string_at(*message, "id") : std::string();
    if (id.empty()) {
        c.out.refusal = "the message action names no message";
        return;
    }
    app::MessageCapture capture;
    capture.message_id = id;
    std::string content = string_at(*message, "body", "content");
    // Plain text is kept as written; HTML (Teams' usual) is made plain.
    capture.text = string_at(*message, "body", "contentType") == "text"
                       ? content
                       : plain_text(content, {}, "", c.directory).text;
    const json* from = member(*message, "from");
    std::string author = from ? string_at(*from, "user", "id") : std::string();
    if (is_entra_id(author)) {
        capture.author = author;
        c.people.push_back({author, "", string_at(*from, "user", "displayName")});
    }
    capture.written_at = parse_iso8601(string_at(*message, "createdDateTime"));
    c.out.inbound = capture_inbound(c, std::move(capture));
}

void decode_reaction(Context& c) {
    const json* added = member(c.body, "reactionsAdded");
    if (!added || !added->is_array()) return;  // a reaction removed
    bool marked = false;
    for (const auto& r : *added)
        marked = marked || string_at(r, "type") == c.settings.timeline_reaction;
    const std::string& message = c.out.activity.reply_to_id;
    if (!marked || message.empty()) return;
    c.out.inbound =
        capture_inbound(c, app::MessageCapture{message, std::nullopt, "", std::nullopt});
}

}  // namespace firebreak::teams::detail
