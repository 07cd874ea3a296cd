#include "firebreak/core/reminder_plan.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

namespace {

std::optional<std::optional<Timestamp>> planned(const std::vector<ReminderPlan>& plan,
                                                const std::string& kind) {
    for (const auto& p : plan)
        if (p.kind == kind) return p.due;
    return std::nullopt;  // not touched
}

/// "planned: remove this reminder" (as opposed to "not touched").
std::optional<std::optional<Timestamp>> removed() {
    return std::optional<std::optional<Timestamp>>(std::in_place, std::nullopt);
}

Timestamp on(int month, int day, std::chrono::hours hour) {
    return Timestamp{std::chrono::sys_days{Date{std::chrono::year{2026},
                                                std::chrono::month{static_cast<unsigned>(month)},
                                                std::chrono::day{static_cast<unsigned>(day)}}}} +
           hour;
}

}  // namespace

TEST_CASE("a new incident gets its update, escalation and unassigned-role reminders") {
    Incident inc = declared("sev1").incident;
    auto plan = plan_reminders(std::nullopt, inc, policy(), ReminderTimings{}, {}, false, t0());
    CHECK(planned(plan, reminder::update_due) == std::optional(inc.next_update_due));
    CHECK(planned(plan, reminder::update_overdue) ==
          std::optional(std::optional(*inc.next_update_due + 15min)));
    CHECK(planned(plan, reminder::roles_unassigned) == std::optional(std::optional(t0() + 5min)));
    CHECK_FALSE(planned(plan, reminder::watch));
}

TEST_CASE("a reminder that is off is not armed") {
    Incident inc = declared("sev1").incident;
    ReminderTimings quiet;
    quiet.overdue_escalate_after = std::nullopt;
    quiet.unassigned_role_after = std::nullopt;
    auto plan = plan_reminders(std::nullopt, inc, policy(), quiet, {}, false, t0());
    CHECK(planned(plan, reminder::update_overdue) == removed());
    CHECK(planned(plan, reminder::roles_unassigned) == removed());
}

TEST_CASE("the review's last day counts business days across the weekend") {
    Incident before = declared("sev2").incident;
    Incident after = before;
    after.status = Status::resolved;
    after.milestones.resolved_at = on(11, 27, 16h);  // a Friday afternoon
    after.next_update_due = std::nullopt;
    ReminderTimings t;
    t.review_within_business_days = 3;
    auto plan = plan_reminders(before, after, policy(), t, {}, false, on(11, 27, 16h));
    CHECK(planned(plan, reminder::review) == std::optional(std::optional(on(11, 27, 16h))));
    // Friday + 3 business days: Mon 30, Tue 1, Wed 2 December.
    CHECK(planned(plan, reminder::review_last_day) == std::optional(std::optional(on(12, 2, 9h))));
    // Resolving ends the live reminders.
    CHECK(planned(plan, reminder::update_due) == removed());
    CHECK(planned(plan, reminder::roles_unassigned) == removed());
}

TEST_CASE("an untouched incident keeps its reminders as they are") {
    Incident inc = declared("sev2").incident;
    inc.holder(Role::ic) = RoleHolder{"alice", t0()};
    auto plan = plan_reminders(inc, inc, policy(), ReminderTimings{}, {}, false, t0() + 1h);
    CHECK_FALSE(planned(plan, reminder::update_due));
    CHECK_FALSE(planned(plan, reminder::handover_ic));
    CHECK_FALSE(planned(plan, reminder::watch));
}

TEST_CASE("only open action items are planned, at 09:00 UTC on their due date") {
    Incident inc = declared("sev2").incident;
    ActionItem open;
    open.number = 1;
    open.due = Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{15}};
    ActionItem done = open;
    done.number = 2;
    done.state = ActionState::done;
    auto plan = plan_reminders(inc, inc, policy(), ReminderTimings{}, {open, done}, false, t0());
    CHECK(planned(plan, reminder::action_item(1)) == std::optional(std::optional(on(12, 15, 9h))));
    CHECK(planned(plan, reminder::action_item(2)) == removed());
}
