#pragma once
// Which reminders an incident should have armed, and when, after a change. Pure: the app
// writes the plan into the reminders table in the same transaction as the change.

#include <optional>
#include <string>
#include <vector>

#include "firebreak/core/cadence.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/policy.hpp"

namespace firebreak::core {

/// The admins' `reminders` section.
struct ReminderTimings {
    Cadence unassigned_role_after = std::chrono::minutes(5);
    Cadence overdue_escalate_after = std::chrono::minutes(15);
    Cadence handover_after = std::chrono::minutes(75);
    Cadence watch_period = std::chrono::minutes(30);
    int review_within_business_days = 5;
};

/// Reminder kinds (the reminders table's `kind`; one row per incident and kind).
namespace reminder {
inline constexpr const char* update_due = "update_due";          ///< the update is due
inline constexpr const char* update_overdue = "update_overdue";  ///< still none: tell the IC
inline constexpr const char* roles_unassigned = "roles_unassigned";
inline constexpr const char* handover_ic = "handover_ic";
inline constexpr const char* handover_tl = "handover_tl";
inline constexpr const char* watch = "watch";  ///< the watch period after mitigation ended
inline constexpr const char* review = "review";
inline constexpr const char* review_last_day = "review_last_day";
/// The next customer-facing update on the status page is due (PublicFace::next_update_due);
/// armed by the publishing commands, not by plan_reminders.
inline constexpr const char* public_update_due = "public_update_due";
/// "action_item:<n>": action item n is due.
std::string action_item(int number);
}  // namespace reminder

/// Arm (due set) or remove (due nullopt) one reminder.
struct ReminderPlan {
    std::string kind;
    std::optional<Timestamp> due;
    friend bool operator==(const ReminderPlan&, const ReminderPlan&) = default;
};

/// What the reminders of `after` must become, given what it was (`before`; nullopt for a
/// new incident), the action items that are new or changed, and whether someone asked to
/// keep watching (`watch_restarted`). Kinds not listed stay as they are.
///
/// - update_due and update_overdue follow next_update_due (overdue_escalate_after later);
/// - roles_unassigned: unassigned_role_after after the declare or a severity change while
///   required roles are unfilled; removed once they are filled;
/// - handover_ic/tl: handover_after into each holder's stint;
/// - watch: watch_period after entering monitoring or a "not yet";
/// - review: at resolve; review_last_day: 09:00 UTC on the last business day;
/// - action items: 09:00 UTC on the due date while open.
/// Everything that belongs to a live incident is removed when it stops being live, and
/// the review reminders when it leaves resolved.
std::vector<ReminderPlan> plan_reminders(const std::optional<Incident>& before,
                                         const Incident& after, const Policy& policy,
                                         const ReminderTimings& timings,
                                         const std::vector<ActionItem>& changed_items,
                                         bool watch_restarted, Timestamp now);

/// 09:00 UTC on `date`: when a date-only reminder fires.
Timestamp morning_of(Date date);

}  // namespace firebreak::core
