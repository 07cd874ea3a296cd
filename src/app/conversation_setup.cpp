#include "conversation_setup.hpp"

#include <nlohmann/json.hpp>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/json_text.hpp"
#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/store/store.hpp"
#include "persistence.hpp"
#include "views.hpp"

namespace firebreak::app {
namespace {

using nlohmann::json;

json payload_of(const store::OutboxItem& item) {
    json j = chat::parse_untrusted_json(item.payload).value_or(json());
    return j.is_object() ? j : json::object();
}

/// payload[section][key]; null when either is missing.
json value_at(const json& payload, const char* section, const char* key) {
    auto s = payload.find(section);
    if (s == payload.end() || !s->is_object()) return nullptr;
    auto v = s->find(key);
    return v != s->end() ? *v : json();
}

/// payload[section][key] when it is a string, else "".
std::string text_at(const json& payload, const char* section, const char* key) {
    json v = value_at(payload, section, key);
    return v.is_string() ? v.get<std::string>() : "";
}

void append_strings(std::string& out, const std::vector<std::string>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) out += ',';
        chat::append_json_string(out, items[i]);
    }
    out += ']';
}

}  // namespace

std::string creation_payload(const ConversationRequest& request) {
    std::string out;
    out.reserve(160 + request.name.size() + request.topic.size());
    out += '{';
    if (!request.announce_conversation.empty()) {
        out += "\"announce\":{\"conversation\":";
        chat::append_json_string(out, request.announce_conversation);
        out += ",\"parts\":";
        append_strings(out, request.announce_parts);
        out += "},";
    }
    if (!request.checklist_ticks.empty()) {
        out += "\"checklist_ticks\":";
        append_strings(out, request.checklist_ticks);
        out += ',';
    }
    out += "\"invite\":[";
    chat::append_json_string(out, request.invite);
    out += "],\"name\":";
    chat::append_json_string(out, request.name);
    out += ",\"origin\":{\"conversation\":";
    chat::append_json_string(out, request.origin_conversation);
    out += ",\"user\":";
    chat::append_json_string(out, request.origin_user);
    out += request.is_private ? "},\"private\":true" : "},\"private\":false";
    out += ",\"topic\":";
    chat::append_json_string(out, request.topic);
    out += '}';
    return out;
}

void conversation_created(store::Transaction& tx, const store::OutboxItem& create,
                          const std::string& conversation, core::Timestamp now) {
    if (!create.incident_id) return;
    auto incident = tx.incident(*create.incident_id);
    if (!incident) throw store::StoreError("no incident " + std::to_string(*create.incident_id));
    if (incident->conversation == conversation) return;  // recorded by an earlier attempt
    incident->conversation = conversation;
    tx.update(*incident);
    if (create.kind != outbox_kind::create_conversation) return;

    json payload = payload_of(create);
    // The checklist was posted with these ticked: it is only ever seen in the conversation.
    if (auto ticks = payload.find("checklist_ticks"); ticks != payload.end() && ticks->is_array())
        for (const auto& item : *ticks)
            if (item.is_string()) {
                core::ChecklistTick tick{0, incident->id, item.get<std::string>(), now, ""};
                tx.insert(tick);
            }
    std::string announce = text_at(payload, "announce", "conversation");
    json parts = value_at(payload, "announce", "parts");
    if (announce.empty() || !parts.is_array()) return;  // private, or nowhere to announce
    std::vector<std::string> pieces;
    for (const auto& p : parts)
        if (p.is_string()) pieces.push_back(p.get<std::string>());
    enqueue_message(tx, create.platform, incident->id, announce, outbox_kind::post,
                    views::announcement(*incident, pieces), now);
}

void conversation_not_created(store::Transaction& tx, const store::OutboxItem& create,
                              const std::string& error, core::Timestamp now) {
    if (!create.incident_id) return;
    auto incident = tx.incident(*create.incident_id);
    if (!incident) return;
    json payload = payload_of(create);
    std::string origin = text_at(payload, "origin", "conversation");
    std::string user = text_at(payload, "origin", "user");
    if (!origin.empty() && !user.empty())
        enqueue(tx, private_message_item(create.platform, origin, user,
                                         views::conversation_not_created(*incident, error,
                                                                         views::Audience::declarer),
                                         now));
    // Only where the incident was to be announced: a private one is not.
    if (std::string announce = text_at(payload, "announce", "conversation"); !announce.empty())
        enqueue_message(
            tx, create.platform, incident->id, announce, outbox_kind::notice,
            views::conversation_not_created(*incident, error, views::Audience::announce), now);
}

}  // namespace firebreak::app
