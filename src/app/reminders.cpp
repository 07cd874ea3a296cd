// IncidentService: firing due reminders.
#include <spdlog/spdlog.h>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"

namespace firebreak::app {

int IncidentService::fire_due_reminders() {
    std::vector<store::Reminder> due;
    {
        auto tx = store_.begin();
        due = tx.due_reminders(clock_.now(), 500);
    }
    int fired = 0;
    for (const auto& reminder : due) {
        try {
            fire_reminder(reminder.id);
            ++fired;
        } catch (const std::exception& e) {
            // One failing incident must not block the others: log it and go on. The row
            // stays unfired, so it is tried again on the next wake-up.
            spdlog::error("reminder {} for incident {} failed: {}", reminder.id,
                          reminder.incident_id, e.what());
        }
    }
    return fired;
}

void IncidentService::fire_reminder(std::int64_t reminder_id) {
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    std::optional<store::Reminder> reminder;
    for (const auto& r : tx.due_reminders(now, 500))
        if (r.id == reminder_id) reminder = r;
    if (!reminder) return;  // re-timed or fired since it was listed
    auto incident = tx.incident(reminder->incident_id);
    if (incident && core::is_live(incident->status) && reminder->kind == kUpdateDueReminder) {
        enqueue_message(tx, incident->id, "", outbox_kind::post,
                        views::update_due(*incident, settings_, reminder->due_at), now);
        std::vector<core::TimelineEvent> events{
            core::TimelineEvent{0, incident->id, now, "", core::EventKind::reminder_sent,
                                "Reminded that a stakeholder update was due at " +
                                    core::format_clock(reminder->due_at) + ".",
                                "", ""}};
        tx.append(events);
    }
    tx.mark_fired(reminder->id, now);
    tx.commit();
}

}  // namespace firebreak::app
