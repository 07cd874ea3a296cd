#include "persistence.hpp"

#include <nlohmann/json.hpp>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "views.hpp"

namespace firebreak::app {

void enqueue_message(store::Transaction& tx, std::optional<std::int64_t> incident_id,
                     const std::string& conversation, std::string_view kind,
                     const chat::Message& message, core::Timestamp now, std::string_view platform) {
    store::OutboxItem item;
    item.incident_id = incident_id;
    item.platform = std::string(platform);
    item.conversation = conversation;
    item.kind = std::string(kind);
    item.payload = chat::serialize(message);
    item.created_at = now;
    item.next_attempt_at = now;
    tx.enqueue(item);
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
    std::vector<core::ActionItem> items = change.action_items;
    items.insert(items.end(), change.changed_action_items.begin(),
                 change.changed_action_items.end());
    apply_reminder_plan(tx, inc.id,
                        core::plan_reminders(before, inc, policy, settings.reminders, items,
                                             change.watch_restarted, now));
    enqueue_message(tx, inc.id, "", outbox_kind::update_summary, views::summary(inc, policy, now),
                    now);
    if (std::string topic = views::topic(inc, policy); topic != views::topic(before, policy)) {
        store::OutboxItem item;
        item.incident_id = inc.id;
        item.kind = std::string(outbox_kind::set_topic);
        item.payload = nlohmann::json{{"topic", topic}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
        item.created_at = now;
        item.next_attempt_at = now;
        tx.enqueue(item);
    }
}

}  // namespace firebreak::app
