#include "reminder_fixture.hpp"

#include <algorithm>
#include <stdexcept>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/inbound.hpp"

namespace firebreak::bench {
namespace {

constexpr const char* kSeverities[] = {"sev1", "sev2", "sev3"};

app::ServiceSettings update_nudges_only() {
    app::ServiceSettings settings;
    settings.reminders.unassigned_role_after = std::nullopt;
    settings.reminders.overdue_escalate_after = std::nullopt;
    settings.reminders.handover_after = std::nullopt;
    return settings;
}

/// The declares queued channel creations and announcements; serve runs no platform here,
/// but the outbox starts empty as it would after a healthy run.
void mark_outbox_delivered(store::Store& store, core::Timestamp at) {
    while (true) {
        auto tx = store.begin();
        auto items = tx.deliverable(core::Timestamp::max(), 1000);
        if (items.empty()) return;
        for (const auto& item : items) tx.mark_delivered(item.id, at);
        tx.commit();
    }
}

}  // namespace

std::vector<PlannedNudge> prepare_reminder_database(const std::string& path,
                                                    const FixturePlan& plan) {
    // Durability does not matter while preparing: serve opens the file afterwards.
    store::Store store({path, "off"});
    store.migrate();
    fakes::ManualClock clock(plan.window_start);
    app::IncidentService service(store, clock, update_nudges_only());
    app::FrontDoor front_door(service, store, clock);
    front_door.add_platform(slack::platform_profile());
    const core::Policy& policy = service.settings().policy;
    const auto window = plan.window_end - plan.window_start;

    std::vector<PlannedNudge> planned;
    planned.reserve(static_cast<std::size_t>(plan.incidents));
    for (int i = 0; i < plan.incidents; ++i) {
        const char* severity = kSeverities[i % 3];
        core::Timestamp due = plan.window_start + window * i / plan.incidents;
        clock.set(due - *policy.find_severity(severity)->update_every);
        // A refused declare shows up below: its incident is missing or another one has its id.
        front_door.handle(
            testing::typed_command("slack", "CGENERAL", "UBENCH",
                                   "declare Reminder load " + std::to_string(i) + " " + severity));
        planned.push_back(PlannedNudge{i + 1, severity, due});
    }
    clock.set(plan.window_start);
    for (const auto& p : planned)
        service.attach_conversation(p.incident_id, "CBENCH" + std::to_string(p.incident_id));
    mark_outbox_delivered(store, plan.window_start);

    // A fresh database numbers the incidents 1..N in declare order: check that each one is
    // what was declared and that its nudge is armed at the planned time.
    auto tx = store.read();
    for (const auto& p : planned) {
        auto incident = tx.incident(p.incident_id);
        auto reminder = tx.reminder(p.incident_id, app::kUpdateDueReminder);
        if (!incident || incident->severity != p.severity || !reminder || reminder->fired_at ||
            reminder->due_at != p.due || incident->next_update_due != p.due)
            throw std::runtime_error("incident " + std::to_string(p.incident_id) +
                                     " is not armed as planned");
    }
    std::stable_sort(planned.begin(), planned.end(),
                     [](const auto& a, const auto& b) { return a.due < b.due; });
    return planned;
}

}  // namespace firebreak::bench
