// IncidentService: firing due reminders.
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "checklist.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/core/publishing.hpp"
#include "firebreak/core/rules.hpp"
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

namespace {

/// What a reminder has to say now, if anything: a reminder whose reason went away (the
/// roles were filled, the item was done, the review started) fires silently.
struct Nudge {
    chat::Message message;
    std::string timeline_text;
};

bool review_started(store::Transaction& tx, std::int64_t incident_id) {
    for (const auto& e : tx.timeline(incident_id))
        if (e.kind == core::EventKind::review_started) return true;
    return false;
}

std::optional<Nudge> nudge_for(store::Transaction& tx, const store::Reminder& reminder,
                               const core::Incident& inc, const ServiceSettings& settings,
                               core::Timestamp now) {
    namespace kind = core::reminder;
    const auto& timings = settings.reminders;
    const std::string& k = reminder.kind;
    bool live = core::is_live(inc.status);
    if (k == kind::update_due && live) {
        // A re-armed nudge fires later than the update was due: name the real due time.
        core::Timestamp due = inc.next_update_due.value_or(reminder.due_at);
        return Nudge{
            views::update_due(inc, settings, due),
            "Reminded that a stakeholder update was due at " + core::format_clock(due) + "."};
    }
    if (k == kind::update_overdue && live && inc.next_update_due && *inc.next_update_due <= now) {
        return Nudge{views::update_overdue(inc, settings, *inc.next_update_due),
                     "Escalated to the IC: the update due at " +
                         core::format_clock(*inc.next_update_due) + " is still missing."};
    }
    if (k == kind::roles_unassigned && live) {
        auto missing = core::unfilled_required_roles(inc, settings.policy);
        if (missing.empty()) return std::nullopt;
        return Nudge{views::roles_unassigned(inc, settings.policy, missing),
                     "Reminded that required roles are unassigned."};
    }
    if ((k == kind::handover_ic || k == kind::handover_tl) && live) {
        core::Role role = k == kind::handover_ic ? core::Role::ic : core::Role::tl;
        const auto& holder = inc.holder(role);
        if (!holder) return std::nullopt;
        return Nudge{views::handover_due(inc, settings.policy, role, now - holder->since),
                     "Suggested a handover of " + settings.policy.role_name(role) + " after " +
                         core::format_duration(now - holder->since) + "."};
    }
    if (k == kind::watch && inc.status == core::Status::monitoring) {
        core::Duration stable = timings.watch_period ? *timings.watch_period : core::Duration{};
        return Nudge{views::watch_ended(inc, stable),
                     "The watch period ended: asked whether to resolve."};
    }
    if ((k == kind::review || k == kind::review_last_day) && inc.status == core::Status::resolved &&
        inc.milestones.resolved_at && !review_started(tx, inc.id)) {
        core::Date due = core::add_business_days(core::date_of(*inc.milestones.resolved_at),
                                                 timings.review_within_business_days);
        bool last_day = k == kind::review_last_day;
        return Nudge{views::review_due(inc, due, last_day),
                     last_day ? "Reminded the IC that today is the last day for the review."
                              : "Asked the IC to hold the blameless review by " +
                                    core::format_date(due) + "."};
    }
    if (k == kind::public_update_due && !core::never_published(inc, settings.policy)) {
        auto face = tx.public_face(inc.id);
        if (!face || !face->status || *face->status == core::PublicStatus::resolved ||
            !face->next_update_due)
            return std::nullopt;
        return Nudge{views::public_update_due(inc, *face, settings),
                     "Reminded that a status page update was due at " +
                         core::format_clock(*face->next_update_due) + "."};
    }
    if (k.starts_with("action_item:")) {
        int number = std::atoi(k.c_str() + std::string_view("action_item:").size());
        for (const auto& item : tx.action_items(inc.id))
            if (item.number == number && item.state == core::ActionState::open)
                return Nudge{views::action_item_due(inc, item),
                             "Reminded " + core::mention(item.owner) + " that action item #" +
                                 std::to_string(number) + " is due."};
    }
    return std::nullopt;
}

}  // namespace

bool IncidentService::fire_reminder(std::int64_t reminder_id) {
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    auto reminder = tx.reminder_by_id(reminder_id);
    if (!reminder || reminder->fired_at || reminder->due_at > now) return false;
    auto incident = tx.incident(reminder->incident_id);
    std::optional<Nudge> nudge =
        incident ? nudge_for(tx, *reminder, *incident, settings_, now) : std::nullopt;
    if (nudge) {
        enqueue_message(tx, incident->platform, incident->id, "", outbox_kind::post, nudge->message,
                        now);
        std::vector<core::TimelineEvent> events{core::TimelineEvent{0, incident->id, now, "",
                                                                    core::EventKind::reminder_sent,
                                                                    nudge->timeline_text, "", ""}};
        tx.append(events);
    }
    // An update nudge re-arms one cadence later while the update stays overdue: never
    // silence. Everything else fires once per due time.
    const core::SeverityLevel* level =
        incident ? settings_.policy.find_severity(incident->severity) : nullptr;
    if (nudge && reminder->kind == kUpdateDueReminder && level && level->update_every)
        tx.set_reminder(incident->id, reminder->kind, now + *level->update_every);
    else
        tx.mark_fired(reminder->id, now);
    // The watch period running its course ticks the checklist.
    if (incident && reminder->kind == core::reminder::watch)
        refresh_checklist(tx, *incident, settings_.policy, now);
    tx.commit();
    if (observer_ != nullptr) observer_->reminder_fired(now - reminder->due_at);
    return true;
}

}  // namespace firebreak::app
