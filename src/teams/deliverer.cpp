// TeamsDeliverer: which outbox kind goes where, and posting messages (split when Teams says
// they are too large).
#include "firebreak/teams/deliverer.hpp"

#include <spdlog/spdlog.h>

#include "deliverer_util.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/form.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/teams/cards.hpp"

namespace firebreak::teams {
namespace {

using app::DeliveryOutcome;
using detail::outcome_of;
using detail::parse_object;
using detail::string_at;
using nlohmann::json;

/// Parts are first cut to this (UTF-16 units), under Teams' ~28 KB for a channel message.
constexpr std::size_t kPartLimit = 24000;
/// A part refused with 413 is cut in halves down to this; a smaller one that is still
/// refused fails the item.
constexpr std::size_t kSmallestPart = 1000;

std::vector<json> messages_json(const std::vector<chat::Message>& parts) {
    std::vector<json> out;
    for (const auto& p : parts) out.push_back(json::parse(chat::serialize(p)));
    return out;
}

}  // namespace

TeamsDeliverer::TeamsDeliverer(Connector& connector, Graph& graph, Directory& directory,
                               DeliverySettings settings)
    : connector_(connector), graph_(graph), directory_(directory), settings_(std::move(settings)) {}

app::Pacing TeamsDeliverer::pacing() const {
    using std::chrono::seconds;
    return app::Pacing{{app::PacingRule{7, seconds(1)}, app::PacingRule{8, seconds(2)},
                        app::PacingRule{60, seconds(30)}}};
}

std::string TeamsDeliverer::service_url_of(const std::string& conversation) const {
    return directory_.service_url_of(conversation, settings_.service_url);
}

DeliveryOutcome TeamsDeliverer::deliver(const store::OutboxItem& item,
                                        const std::string& conversation,
                                        app::DeliveryContext& ctx) {
    namespace kind = app::outbox_kind;
    if (item.kind == kind::create_conversation) return create_conversation(item, ctx);
    if (item.kind == kind::open_form) return open_form(item, ctx);
    if (item.kind == kind::capture_message) return capture(item, ctx);
    if (item.kind == kind::update_summary) return update_pinned(item, app::kSummaryRef, ctx);
    if (item.kind == kind::update_checklist) return update_pinned(item, app::kChecklistRef, ctx);
    if (conversation.empty())
        return DeliveryOutcome::failed(
            "the incident has no Teams conversation (its creation failed)");
    if (item.kind == kind::set_topic) return set_topic(item, conversation);
    if (item.kind == kind::invite) return invite(item, conversation);
    if (item.kind == kind::ephemeral) return ephemeral(item, conversation, ctx);
    if (item.kind == kind::post || item.kind == kind::notice || item.kind == kind::post_summary ||
        item.kind == kind::post_checklist)
        return post(item, conversation, ctx);
    if (item.kind == kind::post_document) return post_document(item, conversation, ctx);
    return DeliveryOutcome::failed("unknown outbox kind '" + item.kind + "'");
}

DeliveryOutcome TeamsDeliverer::post(const store::OutboxItem& item, const std::string& conversation,
                                     app::DeliveryContext& ctx) {
    auto message = chat::deserialize(item.payload);
    if (!message) return DeliveryOutcome::failed("unreadable message payload");
    // The summary and the checklist are edited in place later: their first part is kept.
    const char* pinned = item.kind == app::outbox_kind::post_summary     ? app::kSummaryRef
                         : item.kind == app::outbox_kind::post_checklist ? app::kChecklistRef
                                                                         : nullptr;
    auto outcome =
        post_parts(split_message(*message, directory_, kPartLimit), conversation, ctx, "message");
    if (outcome.kind != DeliveryOutcome::Kind::delivered || !pinned || !item.incident_id)
        return outcome;
    json progress = parse_object(ctx.progress());
    const json& ids = progress["message"]["ids"];
    if (ids.is_array() && !ids.empty() && ids[0].is_string())
        ctx.set_message_ref(*item.incident_id, pinned,
                            store::MessageRef{conversation, ids[0].get<std::string>()});
    return outcome;
}

DeliveryOutcome TeamsDeliverer::post_parts(const std::vector<chat::Message>& messages,
                                           const std::string& conversation,
                                           app::DeliveryContext& ctx, const std::string& key) {
    json progress = parse_object(ctx.progress());
    json& step = progress[key];
    if (!step.is_object()) step = json::object();
    // Once a part had to be cut further, the cut parts are what is resumed.
    if (!step.contains("parts") || !step["parts"].is_array())
        step["parts"] = messages_json(messages);
    if (!step.contains("ids") || !step["ids"].is_array()) step["ids"] = json::array();
    std::size_t limit = step.value("limit", kPartLimit);
    const std::string service_url = service_url_of(conversation);
    while (step["ids"].size() < step["parts"].size()) {
        const std::size_t next = step["ids"].size();
        auto part = chat::deserialize(step["parts"][next].dump());
        if (!part) return DeliveryOutcome::failed("unreadable message part");
        auto r = connector_.send(service_url, conversation, message_activity(*part, directory_));
        if (r.kind == ApiResult::Kind::too_large) {
            if (limit / 2 < kSmallestPart)
                return DeliveryOutcome::failed(r.error + ", even cut into small parts");
            limit /= 2;
            auto cut = messages_json(split_message(*part, directory_, limit));
            json parts = json::array();
            for (std::size_t i = 0; i < step["parts"].size(); ++i) {
                if (i != next) {
                    parts.push_back(step["parts"][i]);
                    continue;
                }
                for (auto& c : cut) parts.push_back(std::move(c));
            }
            step["parts"] = std::move(parts);
            step["limit"] = limit;
            ctx.save_progress(progress.dump());
            continue;
        }
        if (!r.ok()) return outcome_of(r);
        step["ids"].push_back(string_at(r.body, "id"));
        // Recorded at once: a restart posts only the parts not posted yet.
        ctx.save_progress(progress.dump());
    }
    return DeliveryOutcome::delivered();
}

DeliveryOutcome TeamsDeliverer::post_document(const store::OutboxItem& item,
                                              const std::string& conversation,
                                              app::DeliveryContext& ctx) {
    json payload = parse_object(item.payload);
    auto message =
        chat::deserialize(payload.contains("message") ? payload["message"].dump() : std::string());
    std::string text = string_at(payload, "text");
    if (!message || text.empty())
        return DeliveryOutcome::failed("post_document: unreadable payload");
    // No file upload through the connector: the short message, then the Markdown itself.
    std::vector<chat::Message> parts = split_message(*message, directory_, kPartLimit);
    chat::Message document;
    document.text = text;
    for (auto& p : split_message(document, directory_, kPartLimit)) parts.push_back(std::move(p));
    return post_parts(parts, conversation, ctx, "document");
}

DeliveryOutcome TeamsDeliverer::update_pinned(const store::OutboxItem& item, const char* purpose,
                                              app::DeliveryContext& ctx) {
    if (!item.incident_id) return DeliveryOutcome::failed(item.kind + " without an incident");
    auto ref = ctx.message_ref(*item.incident_id, purpose);
    if (!ref) {
        // The message was never posted (its post failed for good): nothing to keep current.
        spdlog::warn("teams: incident {} has no {} message to update", *item.incident_id, purpose);
        return DeliveryOutcome::delivered();
    }
    auto message = chat::deserialize(item.payload);
    if (!message) return DeliveryOutcome::failed("unreadable message payload");
    // An edit replaces one message: a summary too long for one keeps its first part.
    auto parts = split_message(*message, directory_, kPartLimit);
    auto r = connector_.update(service_url_of(ref->conversation), ref->conversation, ref->ref,
                               message_activity(parts.front(), directory_));
    if (r.kind == ApiResult::Kind::too_large) {
        parts = split_message(*message, directory_, kPartLimit / 4);
        r = connector_.update(service_url_of(ref->conversation), ref->conversation, ref->ref,
                              message_activity(parts.front(), directory_));
    }
    if (parts.size() > 1 && r.ok())
        spdlog::warn(
            "teams: the {} of incident {} is too long for one message; {} of {} parts "
            "shown",
            purpose, *item.incident_id, 1, parts.size());
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r);
}

DeliveryOutcome TeamsDeliverer::open_form(const store::OutboxItem& item,
                                          app::DeliveryContext& ctx) {
    (void)ctx;
    json payload = parse_object(item.payload);
    const std::string conversation = string_at(payload, "token");
    if (conversation.empty()) return DeliveryOutcome::failed("open_form: no conversation token");
    auto form = chat::deserialize_form(payload.contains("form") ? payload["form"].dump() : "");
    if (!form) return DeliveryOutcome::failed("open_form: unreadable form payload");
    auto r = connector_.send(service_url_of(conversation), conversation,
                             form_activity(*form, directory_));
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r);
}

}  // namespace firebreak::teams
