// IncidentService: firing due reminders.
#include <spdlog/spdlog.h>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"

namespace firebreak::app {

IncidentService::FiringReport IncidentService::fire_due_reminders() {
    std::vector<store::Reminder> due;
    {
        auto tx = store_.begin();
        due = tx.due_reminders(clock_.now(), 500);
    }
    FiringReport report;
    for (const auto& reminder : due) {
        try {
            if (fire_reminder(reminder.id)) ++report.fired;
        } catch (const std::exception& e) {
            // One failing incident must not block the others: log it and go on. The row
            // stays due, so the next pass tries it again.
            ++report.failed;
            spdlog::error("reminder {} for incident {} failed: {}", reminder.id,
                          reminder.incident_id, e.what());
        }
    }
    return report;
}

bool IncidentService::fire_reminder(std::int64_t reminder_id) {
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    auto reminder = tx.reminder_by_id(reminder_id);
    if (!reminder || reminder->fired_at || reminder->due_at > now) return false;
    auto incident = tx.incident(reminder->incident_id);
    const core::SeverityLevel* level =
        incident ? settings_.policy.find_severity(incident->severity) : nullptr;
    bool nudge =
        incident && core::is_live(incident->status) && reminder->kind == kUpdateDueReminder;
    if (nudge) {
        // A re-armed nudge fires later than the update was due: name the real due time.
        core::Timestamp update_due = incident->next_update_due.value_or(reminder->due_at);
        enqueue_message(tx, incident->id, "", outbox_kind::post,
                        views::update_due(*incident, settings_, update_due), now);
        std::vector<core::TimelineEvent> events{core::TimelineEvent{
            0, incident->id, now, "", core::EventKind::reminder_sent,
            "Reminded that a stakeholder update was due at " + core::format_clock(update_due) + ".",
            "", ""}};
        tx.append(events);
    }
    if (nudge && level && level->update_every)
        tx.set_reminder(incident->id, reminder->kind, now + *level->update_every);
    else
        tx.mark_fired(reminder->id, now);
    tx.commit();
    if (observer_ != nullptr) observer_->reminder_fired(now - reminder->due_at);
    return true;
}

}  // namespace firebreak::app
