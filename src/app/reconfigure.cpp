// IncidentService::reconfigure: new settings, and live incidents re-timed to new cadences.
#include "firebreak/app/incident_service.hpp"
#include "firebreak/core/cadence.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"

namespace firebreak::app {

int IncidentService::reconfigure(ServiceSettings settings) {
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    int retimed = 0;
    for (core::Incident inc : tx.incidents(true, 100000)) {
        std::optional<core::Timestamp> due = core::regular_next_update(inc, settings.policy);
        if (due == inc.next_update_due) continue;
        std::string before = inc.next_update_due ? core::format_iso8601(*inc.next_update_due) : "";
        std::string after = due ? core::format_iso8601(*due) : "";
        core::Incident previous = inc;
        inc.next_update_due = due;
        tx.update(inc);
        apply_reminder_plan(tx, inc.id,
                            core::plan_reminders(previous, inc, settings.policy, settings.reminders,
                                                 {}, false, now));
        std::vector<core::TimelineEvent> events{
            core::TimelineEvent{0, inc.id, now, "", core::EventKind::update_snoozed,
                                due ? "The configured cadence changed; next update due at " +
                                          core::format_clock(*due) + "."
                                    : "The configured cadence changed; no update is scheduled.",
                                before, after}};
        tx.append(events);
        ++retimed;
    }
    tx.commit();
    settings_ = std::move(settings);
    return retimed;
}

}  // namespace firebreak::app
