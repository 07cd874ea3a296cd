#include "persistence.hpp"

#include <nlohmann/json.hpp>

#include "checklist.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "views.hpp"
#include "views_playbook.hpp"

namespace firebreak::app {

namespace {

/// How long "this message is already in the timeline" is remembered: for good.
constexpr core::Duration kCapturedKeyLifetime = std::chrono::days{3650};

}  // namespace

store::OutboxItem outbox_item(std::string_view platform, std::optional<std::int64_t> incident_id,
                              const std::string& conversation, std::string_view kind,
                              std::string payload, core::Timestamp now) {
    store::OutboxItem item;
    item.platform = std::string(platform);
    item.incident_id = incident_id;
    item.conversation = conversation;
    item.kind = std::string(kind);
    item.payload = std::move(payload);
    item.created_at = now;
    item.next_attempt_at = now;
    return item;
}

store::OutboxItem private_message_item(std::string_view platform, const std::string& conversation,
                                       const std::string& user, const chat::Message& message,
                                       core::Timestamp now) {
    nlohmann::json payload{{"user", user},
                           {"message", nlohmann::json::parse(chat::serialize(message))}};
    store::OutboxItem item =
        outbox_item(platform, std::nullopt, conversation, outbox_kind::ephemeral,
                    payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), now);
    item.lane = "private:" + conversation + ":" + user;
    item.urgent = true;
    return item;
}

void enqueue(store::Transaction& tx, store::OutboxItem item) {
    tx.enqueue(item);
}

void enqueue_message(store::Transaction& tx, std::string_view platform,
                     std::optional<std::int64_t> incident_id, const std::string& conversation,
                     std::string_view kind, const chat::Message& message, core::Timestamp now) {
    enqueue(tx,
            outbox_item(platform, incident_id, conversation, kind, chat::serialize(message), now));
}

bool record_capture(store::Transaction& tx, std::string_view platform, std::int64_t incident_id,
                    const CapturedMessage& message, core::Timestamp now) {
    std::string key = "captured:" + message.conversation + ":" + message.ref;
    if (!tx.remember(platform, key, now, now + kCapturedKeyLifetime)) return false;
    std::vector<core::TimelineEvent> events{
        core::TimelineEvent{.id = 0,
                            .incident_id = incident_id,
                            .at = message.written_at,
                            .actor = message.author,
                            .kind = core::EventKind::message_captured,
                            .text = message.text,
                            .before = "",
                            .after = message.captured_by}};
    tx.append(events);
    return true;
}

void attach_conversation(store::Transaction& tx, std::int64_t incident_id,
                         const std::string& conversation) {
    auto incident = tx.incident(incident_id);
    if (!incident) throw store::StoreError("no incident " + std::to_string(incident_id));
    incident->conversation = conversation;
    tx.update(*incident);
}

void apply_reminder_plan(store::Transaction& tx, std::int64_t incident_id,
                         const std::vector<core::ReminderPlan>& plan) {
    for (const auto& p : plan) tx.set_reminder(incident_id, p.kind, p.due);
}

void persist_change(store::Transaction& tx, const core::Incident& before, core::Change& change,
                    const ServiceSettings& settings, core::Timestamp now) {
    const core::Policy& policy = settings.policy;
    const core::Incident& inc = change.incident;
    const auto workstreams_before = tx.workstreams(inc.id);
    const auto ticks_before = tx.checklist_ticks(inc.id);
    tx.update(inc);
    for (auto& e : change.events) e.incident_id = inc.id;
    tx.append(change.events);
    for (auto& d : change.decisions) {
        d.incident_id = inc.id;
        tx.save(d);
    }
    for (auto& a : change.action_items) {
        a.incident_id = inc.id;
        tx.insert(a);
    }
    for (const auto& a : change.changed_action_items) tx.update(a);
    if (change.update) {
        change.update->incident_id = inc.id;
        tx.insert(*change.update);
    }
    for (auto& w : change.workstreams) {
        w.incident_id = inc.id;
        tx.save(w);
    }
    for (auto& t : change.checklist_ticks) {
        t.incident_id = inc.id;
        tx.insert(t);
    }
    std::vector<core::ActionItem> items = change.action_items;
    items.insert(items.end(), change.changed_action_items.begin(),
                 change.changed_action_items.end());
    apply_reminder_plan(tx, inc.id,
                        core::plan_reminders(before, inc, policy, settings.reminders, items,
                                             change.watch_restarted, now));
    // The pinned summary is edited only when it changed (a note changes nothing on it),
    // and a newer edit replaces one still waiting to go out: under rate limits a stream of
    // edits must not hold up the messages people are waiting for.
    std::optional<core::PublicFace> face;
    if (policy.status_page) face = tx.public_face(inc.id);
    const core::PublicFace* public_face = face ? &*face : nullptr;
    const auto workstreams = tx.workstreams(inc.id);
    chat::Message summary = views::summary_card(inc, workstreams, policy, now, public_face);
    if (summary != views::summary_card(before, workstreams_before, policy, now, public_face)) {
        store::OutboxItem edit = outbox_item(inc.platform, inc.id, "", outbox_kind::update_summary,
                                             chat::serialize(summary), now);
        tx.enqueue_replacing(edit);
    }
    if (std::string topic = views::topic(inc, policy); topic != views::topic(before, policy))
        enqueue(tx, outbox_item(inc.platform, inc.id, "", outbox_kind::set_topic,
                                nlohmann::json{{"topic", topic}}.dump(
                                    -1, ' ', false, nlohmann::json::error_handler_t::replace),
                                now));
    refresh_checklist(tx, before, ticks_before, inc, policy, now);
}

}  // namespace firebreak::app
