#include "firebreak/core/reminder_plan.hpp"

#include "firebreak/core/rules.hpp"

namespace firebreak::core {
namespace {

std::optional<Timestamp> after_by(std::optional<Timestamp> start, Cadence delay) {
    if (!start || !delay) return std::nullopt;
    return *start + *delay;
}

bool same_holder(const std::optional<RoleHolder>& a, const std::optional<RoleHolder>& b) {
    if (!a || !b) return !a && !b;
    return a->user == b->user && a->since == b->since;
}

}  // namespace

std::string reminder::action_item(int number) {
    return "action_item:" + std::to_string(number);
}

Timestamp morning_of(Date date) {
    return std::chrono::sys_days(date) + std::chrono::hours(9);
}

std::vector<ReminderPlan> plan_reminders(const std::optional<Incident>& before,
                                         const Incident& after, const Policy& policy,
                                         const ReminderTimings& timings,
                                         const std::vector<ActionItem>& changed_items,
                                         bool watch_restarted, Timestamp now) {
    std::vector<ReminderPlan> plan;
    bool live = is_live(after.status);
    bool was_live = before && is_live(before->status);

    if (!before || before->next_update_due != after.next_update_due || live != was_live) {
        std::optional<Timestamp> due = live ? after.next_update_due : std::nullopt;
        plan.push_back({reminder::update_due, due});
        plan.push_back({reminder::update_overdue, after_by(due, timings.overdue_escalate_after)});
    }

    if (!live) {
        plan.push_back({reminder::roles_unassigned, std::nullopt});
    } else if (unfilled_required_roles(after, policy).empty()) {
        if (before) plan.push_back({reminder::roles_unassigned, std::nullopt});
    } else if (!before || before->severity != after.severity || !was_live) {
        plan.push_back({reminder::roles_unassigned, after_by(now, timings.unassigned_role_after)});
    }

    for (auto [role, kind] :
         {std::pair{Role::ic, reminder::handover_ic}, std::pair{Role::tl, reminder::handover_tl}}) {
        const auto& holder = after.holder(role);
        if (!live || !holder) {
            if (before) plan.push_back({kind, std::nullopt});
        } else if (!before || !was_live || !same_holder(before->holder(role), holder)) {
            plan.push_back({kind, after_by(holder->since, timings.handover_after)});
        }
    }

    bool watching = after.status == Status::monitoring;
    bool started_watching = watching && (!before || before->status != Status::monitoring);
    if (watching && (started_watching || watch_restarted))
        plan.push_back({reminder::watch, after_by(now, timings.watch_period)});
    else if (!watching && before && before->status == Status::monitoring)
        plan.push_back({reminder::watch, std::nullopt});

    bool resolved = after.status == Status::resolved;
    if (resolved && before && before->status != Status::resolved && after.milestones.resolved_at) {
        Date last = add_business_days(date_of(*after.milestones.resolved_at),
                                      timings.review_within_business_days);
        plan.push_back({reminder::review, now});
        plan.push_back({reminder::review_last_day, morning_of(last)});
    } else if (!resolved && before && before->status == Status::resolved) {
        plan.push_back({reminder::review, std::nullopt});
        plan.push_back({reminder::review_last_day, std::nullopt});
    }

    for (const auto& item : changed_items) {
        std::optional<Timestamp> due;
        if (item.state == ActionState::open) due = morning_of(item.due);
        plan.push_back({reminder::action_item(item.number), due});
    }
    return plan;
}

}  // namespace firebreak::core
