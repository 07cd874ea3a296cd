// An activity's envelope read and checked, then handed to the decoder for its type.
#include "firebreak/teams/decode.hpp"

#include "decode_detail.hpp"
#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::teams {
namespace {

using detail::member;
using detail::string_at;
using nlohmann::json;

/// A member every activity must carry as a non-empty string; false when it does not.
bool required(const json& j, const char* key, std::string& into) {
    const json* m = detail::member(j, key);
    if (!m || !m->is_string() || m->get_ref<const std::string&>().empty()) return false;
    into = m->get<std::string>();
    return true;
}

/// The envelope: who, where, what. A refusal names the first member missing.
std::optional<std::string> read_envelope(const json& body, Activity& a) {
    if (!required(body, "type", a.type)) return "the activity has no type";
    if (!required(body, "id", a.id)) return "the activity has no id";
    if (!required(body, "serviceUrl", a.service_url)) return "the activity has no serviceUrl";
    const json* conversation = member(body, "conversation");
    if (!conversation || !conversation->is_object() ||
        !required(*conversation, "id", a.conversation_id))
        return "the activity has no conversation.id";
    const json* from = member(body, "from");
    if (!from || !from->is_object() || !required(*from, "id", a.from_member_id))
        return "the activity has no from.id";
    a.name = string_at(body, "name");
    a.channel_id = string_at(body, "channelId");
    a.conversation_type = string_at(*conversation, "conversationType");
    a.tenant_id = string_at(*conversation, "tenantId");
    if (const json* cd = member(body, "channelData")) {
        if (a.tenant_id.empty()) a.tenant_id = string_at(*cd, "tenant", "id");
        a.team_id = string_at(*cd, "team", "id");
        a.channel = string_at(*cd, "channel", "id");
    }
    a.from_aad_id = string_at(*from, "aadObjectId");
    a.from_name = string_at(*from, "name");
    a.recipient_id = string_at(body, "recipient", "id");
    a.reply_to_id = string_at(body, "replyToId");
    return std::nullopt;
}

/// The decoder for the activity's type; none for a type firebreak ignores.
void dispatch(detail::Context& c) {
    const Activity& a = c.out.activity;
    if (a.type == "message") {
        const json* value = member(c.body, "value");
        if (value && value->is_object() && value->contains("firebreak"))
            return detail::decode_card_action(c, *value);  // Action.Submit
        return detail::decode_message(c);
    }
    if (a.type == "invoke") {
        c.out.invoke = true;
        if (a.name == "adaptiveCard/action") {
            const json* value = member(c.body, "value");
            const json* action = value ? member(*value, "action") : nullptr;
            if (!action || !action->is_object()) {
                c.out.refusal = "the card action has no value.action";
                return;
            }
            if (string_at(*action, "verb") != "firebreak") return;  // not a card of ours
            const json* data = member(*action, "data");
            if (!data || !data->is_object()) {
                c.out.refusal = "the card action has no data";
                return;
            }
            return detail::decode_card_action(c, *data);
        }
        if (a.name == "composeExtensions/submitAction") return detail::decode_message_action(c);
        return;  // an invoke firebreak does not know: answered, ignored
    }
    if (a.type == "messageReaction") return detail::decode_reaction(c);
    if (a.type == "conversationUpdate") return detail::decode_members_added(c);
    if (a.type == "installationUpdate") return detail::decode_installation(c);
    // typing, endOfConversation, event, …: nothing to do.
}

}  // namespace

Decoded decode_activity(std::string_view body, const DecodeSettings& settings, core::Timestamp now,
                        Directory& directory) {
    Decoded out;
    auto parsed = chat::parse_untrusted_json(body);
    if (!parsed) {
        out.refusal = chat::nests_deeper_than(body) ? "the activity nests too deeply"
                                                    : "the activity is not JSON";
        return out;
    }
    if (!parsed->is_object()) {
        out.refusal = "the activity is not a JSON object";
        return out;
    }
    if (auto why = read_envelope(*parsed, out.activity)) {
        out.refusal = std::move(why);
        return out;
    }
    detail::Context c{*parsed, settings, now, directory, out, {}};
    const Activity& a = out.activity;
    c.people.push_back({a.from_aad_id, a.from_member_id, a.from_name});
    for (const auto& m : detail::mentions_of(*parsed))
        c.people.push_back({m.aad_id, m.member_id, m.name});
    dispatch(c);
    // Everything firebreak does is done by a person, named by their Entra id.
    if (!out.refusal && out.inbound && !is_entra_id(out.inbound->user))
        out.refusal = "the activity names no person (from.aadObjectId)";
    if (out.refusal) {
        out.inbound.reset();
        out.installed = false;
        out.unknown_mentions.clear();
        return out;
    }
    for (const auto& p : c.people)
        if (is_entra_id(p.aad_id)) directory.remember(p);
    directory.remember_service_url(a.conversation_id, a.service_url);
    return out;
}

}  // namespace firebreak::teams
