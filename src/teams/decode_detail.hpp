#pragma once
// What the activity decoders share: reading untrusted JSON members, the Inbound every
// activity starts from, and Teams' HTML text made plain. Pure: no HTTP, no front door.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/teams/decode.hpp"

namespace firebreak::teams::detail {

/// j[key] when j is an object holding it (and it is not null); else nullptr.
const nlohmann::json* member(const nlohmann::json& j, const char* key);
/// j[key] as a string; "" when absent, null or not a string.
std::string string_at(const nlohmann::json& j, const char* key);
/// j[a][b] as a string; "" when any step is missing.
std::string string_at(const nlohmann::json& j, const char* a, const char* b);

/// What one activity's decoders share. A decoder sets `out` (inbound, refusal) and adds
/// to `people` what the Directory should learn once the activity is accepted.
struct Context {
    const nlohmann::json& body;
    const DecodeSettings& settings;
    core::Timestamp now;
    const Directory& directory;
    Decoded& out;
    std::vector<Person> people;
};

/// Where an activity happened, as the app knows incidents: the conversation id, without
/// ";messageid=…" for a channel when each incident has its own channel.
std::string conversation_of(const Activity& activity, const DecodeSettings& settings);

/// The Inbound every decoder starts from: platform, tenant, conversation, the person
/// (from.aadObjectId), now, dedupe "activity:<id>", form token = the full conversation id.
app::Inbound inbound_for(const Context& c);

struct Mention {
    std::string text;       ///< as in the message: "<at>Ada</at>"
    std::string member_id;  ///< mentioned.id
    std::string name;       ///< mentioned.name
    std::string aad_id;     ///< mentioned.aadObjectId, when the entity carries one
};

/// The mention entities of an activity (entities[] of type "mention").
std::vector<Mention> mentions_of(const nlohmann::json& body);

struct PlainText {
    std::string text;
    std::vector<std::string> unknown_mentions;  ///< member ids without a known Entra id
};

/// Teams' message text made plain: tags stripped (block tags part words), entities
/// decoded, whitespace collapsed. `<at>Name</at>` becomes "<@ENTRA-ID>" when its entity
/// names someone with a known Entra id, nothing when it is `bot_id`, else "@Name".
PlainText plain_text(std::string_view html, const std::vector<Mention>& mentions,
                     std::string_view bot_id, const Directory& directory);

/// An ISO 8601 date-time ("2026-11-22T20:47:51.283Z", "…+01:00") as UTC seconds.
std::optional<core::Timestamp> parse_iso8601(std::string_view text);

// One decoder per kind of activity (decode_*.cpp).
void decode_message(Context& c);
void decode_card_action(Context& c, const nlohmann::json& data);
void decode_message_action(Context& c);
void decode_reaction(Context& c);
void decode_members_added(Context& c);
void decode_installation(Context& c);

}  // namespace firebreak::teams::detail
