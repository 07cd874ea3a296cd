#include "checklist.hpp"

#include <algorithm>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/core/reminder_plan.hpp"
#include "persistence.hpp"
#include "views_playbook.hpp"

namespace firebreak::app {
namespace {

bool waits_for(const core::Policy& policy, const core::Incident& inc,
               const std::vector<core::ChecklistTick>& ticks, std::string_view trigger) {
    return std::any_of(policy.checklist.begin(), policy.checklist.end(), [&](const auto& item) {
        return item.when == trigger && item.applies_to(inc.severity) &&
               std::none_of(ticks.begin(), ticks.end(),
                            [&](const core::ChecklistTick& t) { return t.item == item.id; });
    });
}

/// The facts the incident's own row tells.
core::ChecklistFacts row_facts(const core::Incident& inc, const core::Policy& policy) {
    core::ChecklistFacts facts;
    facts.channel_open = !inc.conversation.empty();
    const core::SeverityLevel* level = policy.find_severity(inc.severity);
    facts.cadence_off = level != nullptr && !level->update_every;
    return facts;
}

void tick(store::Transaction& tx, const core::Incident& inc, const core::Policy& policy,
          const core::ChecklistFacts& facts, core::Timestamp now,
          std::vector<core::ChecklistTick>& ticks) {
    for (const core::ChecklistItem* item :
         core::newly_observed(policy.checklist, inc, facts, ticks)) {
        core::ChecklistTick tick{0, inc.id, item->id, now, ""};
        tx.insert(tick);
        ticks.push_back(std::move(tick));
    }
}

}  // namespace

core::ChecklistFacts checklist_facts(store::Transaction& tx, const core::Incident& inc,
                                     const core::Policy& policy,
                                     const std::vector<core::ChecklistTick>& ticks) {
    core::ChecklistFacts facts = row_facts(inc, policy);
    auto wants = [&](std::string_view trigger) { return waits_for(policy, inc, ticks, trigger); };
    if (wants("workstream_started")) facts.workstream_started = !tx.workstreams(inc.id).empty();
    if (wants("decision_logged")) facts.decision_logged = !tx.decisions(inc.id).empty();
    if (wants("action_item_added")) facts.action_item_added = tx.action_item_count(inc.id) > 0;
    if (wants("update_on_time")) {
        // The first update posted by the time it was due: cadence kept from the start.
        auto updates = tx.status_updates(inc.id);
        facts.update_on_time = std::any_of(updates.begin(), updates.end(), [](const auto& u) {
            return u.due_at && u.posted_at <= *u.due_at;
        });
    }
    if (wants("watch_completed")) {
        auto watch = tx.reminder(inc.id, core::reminder::watch);
        facts.watch_completed = watch && watch->fired_at.has_value();
    }
    if (wants("review_started") &&
        (inc.status == core::Status::resolved || inc.status == core::Status::closed)) {
        auto events = tx.timeline(inc.id);
        facts.review_started = std::any_of(events.begin(), events.end(), [](const auto& e) {
            return e.kind == core::EventKind::review_started;
        });
    }
    return facts;
}

std::vector<core::ChecklistTick> tick_observed(store::Transaction& tx, const core::Incident& inc,
                                               const core::Policy& policy, core::Timestamp now) {
    auto ticks = tx.checklist_ticks(inc.id);
    tick(tx, inc, policy, checklist_facts(tx, inc, policy, ticks), now, ticks);
    return ticks;
}

std::vector<core::ChecklistTick> tick_declared(store::Transaction& tx, const core::Incident& inc,
                                               const core::Policy& policy, core::Timestamp now) {
    // Nothing refers to the incident yet: no ticks, workstreams, decisions, action items,
    // updates or fired reminders, and it is not resolved. Only its row has facts.
    std::vector<core::ChecklistTick> ticks;
    tick(tx, inc, policy, row_facts(inc, policy), now, ticks);
    return ticks;
}

void refresh_checklist(store::Transaction& tx, const core::Incident& before,
                       const std::vector<core::ChecklistTick>& ticks_before,
                       const core::Incident& after, const core::Policy& policy,
                       core::Timestamp now) {
    auto ticks = tick_observed(tx, after, policy, now);
    chat::Message message = views::checklist(after, policy, ticks);
    if (message == views::checklist(before, policy, ticks_before)) return;
    store::OutboxItem edit = outbox_item(
        after.platform, after.id, "", outbox_kind::update_checklist, chat::serialize(message), now);
    tx.enqueue_replacing(edit);
}

void refresh_checklist(store::Transaction& tx, const core::Incident& incident,
                       const core::Policy& policy, core::Timestamp now) {
    refresh_checklist(tx, incident, tx.checklist_ticks(incident.id), incident, policy, now);
}

}  // namespace firebreak::app
