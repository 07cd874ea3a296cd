#pragma once
// A Bot Framework activity, as Teams posts it to /teams/messages, decoded into the one
// app::Inbound it asks for (if any) and what the endpoint and the deliverer need to know
// about it. Pure apart from the Directory, which learns the people and serviceUrl the
// activity names. No token check here: the caller has verified the request.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/app/inbound.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/teams/directory.hpp"

namespace firebreak::teams {

struct DecodeSettings {
    bool thread_per_incident = false;        ///< teams.incident_space: thread
    std::string timeline_reaction = "like";  ///< the reaction that adds a message to the timeline
};

/// What the endpoint and the deliverer need to know about the request ("" when absent).
struct Activity {
    std::string type, id, name /*invoke name*/, service_url, channel_id /*"msteams"*/;
    std::string conversation_id, conversation_type, tenant_id, team_id,
        channel /*channelData.channel.id*/;
    std::string from_member_id, from_aad_id, from_name, recipient_id, reply_to_id;
};

struct Decoded {
    /// Malformed: HTTP 400 with this text. Nothing else is to be applied, and the
    /// Directory was left as it was.
    std::optional<std::string> refusal;
    Activity activity;
    /// nullopt: nothing to apply (an ignored type, a channel message not for the bot…).
    std::optional<app::Inbound> inbound;
    bool invoke = false;     ///< an invoke: the HTTP answer's body is the invoke response
    bool installed = false;  ///< the bot was added to a conversation: the inbound is "help"
    /// Member ids ("29:…") mentioned in the text with no Entra id known: the text says
    /// "@Name" for them. The endpoint may look them up, remember them and decode again.
    std::vector<std::string> unknown_mentions;
};

/// Decodes one activity. Parses `body` as untrusted JSON first (chat::parse_untrusted_json);
/// never throws. On success (no refusal) remembers in `directory` every person the activity
/// names with an Entra id (from, membersAdded, mentions) and the conversation's serviceUrl.
Decoded decode_activity(std::string_view body, const DecodeSettings& settings, core::Timestamp now,
                        Directory& directory);

/// True for an Entra object id: a GUID ("8-4-4-4-12" hex digits), the only user id a
/// decoded command ever carries as "<@…>".
bool is_entra_id(std::string_view text);

}  // namespace firebreak::teams
