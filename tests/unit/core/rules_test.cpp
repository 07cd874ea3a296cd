#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

TEST_CASE("declaring records who, what severity and when") {
    cmd::Declare d;
    d.title = "Checkout errors";
    d.severity = "sev1";
    d.is_drill = true;
    Change c = expect_change(declare(d, "inc-20261122-checkout-errors", as("alice")));
    CHECK(c.incident.status == Status::investigating);
    CHECK(c.incident.severity == "sev1");
    CHECK(c.incident.declared_by == "alice");
    CHECK(c.incident.is_drill);
    CHECK(c.incident.milestones.declared_at == t0());
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].kind == EventKind::declared);
    CHECK(c.events[0].text == "<@alice> declared a drill: SEV1 (Critical): Checkout errors");
    CHECK(c.events[0].after == "sev1");
}

TEST_CASE("declaring without a severity takes the configured default") {
    cmd::Declare d;
    d.title = "Slow search";
    Change c = expect_change(declare(d, "inc-x", as("alice")));
    CHECK(c.incident.severity == "sev2");
}

TEST_CASE("declaring with an unknown severity or no title is refused") {
    cmd::Declare d;
    d.title = "x";
    d.severity = "sev9";
    CHECK(expect_refusal(declare(d, "inc-x", as("a"))) ==
          "Unknown severity 'sev9'. Known severities: sev1, sev2, sev3, sev4.");
    CHECK(expect_refusal(declare(cmd::Declare{}, "inc-x", as("a"))) ==
          "An incident needs a title.");
}

TEST_CASE("declaring a SEV1 says which required roles are unfilled") {
    Change c = expect_change(declare(cmd::Declare{.title = "t",
                                                  .severity = "sev1",
                                                  .is_private = false,
                                                  .is_drill = false,
                                                  .impact = {},
                                                  .service = {}},
                                     "inc-x", as("a")));
    REQUIRE(c.notices.size() == 1);
    CHECK(c.notices[0] ==
          "SEV1 (Critical) needs: Incident Commander, Tech Lead, Comms Lead. Claim with "
          "/incident ic me or /incident tl me or /incident comms me.");
}

TEST_CASE("changing severity records before and after") {
    auto s = declared("sev2");
    Change c = step(s, cmd::SetSeverity{"sev1"}, as("bob"));
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].kind == EventKind::severity_changed);
    CHECK(c.events[0].before == "sev2");
    CHECK(c.events[0].after == "sev1");
    CHECK(c.events[0].text == "Promoted from SEV2 (High) to SEV1 (Critical).");
    Change down = step(s, cmd::SetSeverity{"sev3"}, as("bob"));
    CHECK(down.events[0].text == "Downgraded from SEV1 (Critical) to SEV3 (Medium).");
}

TEST_CASE("promoting to a severity with unfilled required roles says which") {
    auto s = declared("sev3");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    Change c = step(s, cmd::SetSeverity{"sev1"}, as("alice"));
    REQUIRE(c.notices.size() == 1);
    CHECK(c.notices[0].find("Tech Lead, Comms Lead") != std::string::npos);
    CHECK(c.notices[0].find("Incident Commander") == std::string::npos);
}

TEST_CASE("setting the same or an unknown severity is refused") {
    auto s = declared("sev2");
    CHECK(expect_refusal(apply(s, cmd::SetSeverity{"sev2"}, as("a"))) ==
          "The incident is already SEV2 (High).");
    CHECK(expect_refusal(apply(s, cmd::SetSeverity{"sev0"}, as("a")))
              .starts_with("Unknown severity"));
}

TEST_CASE("mitigated moves to monitoring and stamps the milestone") {
    auto s = declared();
    Change c = step(s, cmd::Mitigated{"Rolled back 4.2"}, as("bob", t0() + 40min));
    CHECK(s.incident.status == Status::monitoring);
    CHECK(s.incident.milestones.mitigated_at == t0() + 40min);
    CHECK(c.events[0].text == "Status changed from investigating to monitoring. Rolled back 4.2");
    CHECK(c.events[0].before == "investigating");
    CHECK(c.events[0].after == "monitoring");
}

TEST_CASE("status mitigating keeps the incident live without stamping mitigated") {
    auto s = declared();
    step(s, cmd::SetStatus{Status::mitigating}, as("bob"));
    CHECK(s.incident.status == Status::mitigating);
    CHECK_FALSE(s.incident.milestones.mitigated_at);
    CHECK(s.incident.next_update_due == t0() + 30min);
}

TEST_CASE("only a live incident can be mitigated") {
    auto s = declared();
    step(s, cmd::Resolve{}, as("a"));
    CHECK(expect_refusal(apply(s, cmd::Mitigated{}, as("a"))) ==
          "Only a live incident can be mitigated; this one is resolved.");
}

TEST_CASE("resolve stamps a skipped mitigation") {
    auto s = declared();
    step(s, cmd::Resolve{"Fixed by config revert"}, as("a", t0() + 2h));
    CHECK(s.incident.status == Status::resolved);
    CHECK(s.incident.milestones.mitigated_at == t0() + 2h);
    CHECK(s.incident.milestones.resolved_at == t0() + 2h);
}

TEST_CASE("reopen works only from resolved") {
    auto s = declared();
    CHECK(expect_refusal(apply(s, cmd::Reopen{}, as("a"))) ==
          "Only a resolved incident can be reopened; this one is investigating.");
    step(s, cmd::Resolve{}, as("a"));
    CHECK(expect_refusal(apply(s, cmd::SetStatus{Status::investigating}, as("a"))) ==
          "Use /incident reopen to reopen a resolved incident.");
    Change c = step(s, cmd::Reopen{"errors are back"}, as("a"));
    CHECK(s.incident.status == Status::investigating);
    CHECK_FALSE(s.incident.milestones.resolved_at);
    CHECK(c.events[0].text.ends_with("Reason: errors are back"));
}

TEST_CASE("cancel works only from live statuses and then nothing changes") {
    auto s = declared();
    step(s, cmd::Cancel{"false alarm"}, as("a"));
    CHECK(s.incident.milestones.canceled_at == t0());
    CHECK(expect_refusal(apply(s, cmd::Note{"x"}, as("a"))) ==
          "The incident is canceled; nothing more can change.");
    CHECK(expect_refusal(apply(s, cmd::AssignRole{Role::ic, "a"}, as("a")))
              .starts_with("The incident is canceled"));
    auto r = declared();
    step(r, cmd::Resolve{}, as("a"));
    CHECK(expect_refusal(apply(r, cmd::Cancel{}, as("a"))) ==
          "Only a live incident can be canceled; this one is resolved.");
}

TEST_CASE("an update records when it was due and when it was posted") {
    auto s = declared("sev2");
    Change c = step(s, cmd::PostUpdate{"Found the bad deploy"}, as("carol", t0() + 35min));
    REQUIRE(c.update);
    CHECK(c.update->kind == UpdateKind::update);
    CHECK(c.update->text == "Found the bad deploy");
    CHECK(c.update->author == "carol");
    CHECK(c.update->due_at == t0() + 30min);
    CHECK(c.update->posted_at == t0() + 35min);
    CHECK(s.incident.last_update_at == t0() + 35min);
    CHECK(c.events[0].kind == EventKind::update_posted);
}

TEST_CASE("no change says so and names the next update time") {
    auto s = declared("sev1");
    Change c = step(s, cmd::NoChange{}, as("carol", t0() + 14min));
    REQUIRE(c.update);
    CHECK(c.update->kind == UpdateKind::no_change);
    CHECK(c.update->text == "No change, still investigating; next update at 10:29 UTC.");
    CHECK(c.events[0].kind == EventKind::no_change_posted);
    auto quiet = declared("sev4");
    CHECK(step(quiet, cmd::NoChange{}, as("c")).update->text == "No change, still investigating.");
}

TEST_CASE("updates are refused once the incident is no longer live") {
    auto s = declared();
    step(s, cmd::Resolve{}, as("a"));
    CHECK(expect_refusal(apply(s, cmd::PostUpdate{"x"}, as("a")))
              .starts_with("The incident is resolved; status updates"));
}

TEST_CASE("a note lands in the timeline even after resolve") {
    auto s = declared();
    step(s, cmd::Resolve{}, as("a"));
    Change c = step(s, cmd::Note{"Customer 42 saw duplicate charges"}, as("dave"));
    CHECK(c.events[0].kind == EventKind::note);
    CHECK(c.events[0].actor == "dave");
    CHECK(c.events[0].text == "Customer 42 saw duplicate charges");
}

TEST_CASE("action items are numbered and need a due date that is not past") {
    auto s = declared();
    cmd::AddActionItem a{"Add a canary for config pushes", "erin", *parse_date("2026-12-01"),
                         Priority::p1, "canary blocks a bad push in staging"};
    Change c = step(s, a, as("alice"));
    REQUIRE(c.action_items.size() == 1);
    CHECK(c.action_items[0].number == 1);
    CHECK(c.action_items[0].owner == "erin");
    CHECK(c.action_items[0].state == ActionState::open);
    CHECK(c.events[0].text ==
          "Action item #1 (p1, <@erin>, due 2026-12-01): Add a canary for config pushes");
    CHECK(step(s, a, as("alice")).action_items[0].number == 2);

    a.due = *parse_date("2026-11-21");
    CHECK(expect_refusal(apply(s, a, as("alice"))) == "The due date 2026-11-21 is in the past.");
    a.due = *parse_date("2026-11-22");  // today is fine
    CHECK(std::holds_alternative<Change>(apply(s, a, as("alice"))));
}

TEST_CASE("an action item due more than five years out is refused") {
    auto s = declared("sev2");
    cmd::AddActionItem a{"Fix it", "bob", *parse_date("9999-12-31"), Priority::p2, ""};
    CHECK(expect_refusal(apply(s, a, as("alice"))) ==
          "The due date 9999-12-31 is more than five years away; give a date within five years.");
    a.due = *parse_date("2031-11-01");  // within five years
    step(s, a, as("alice"));
    cmd::RescheduleActionItem r{1, *parse_date("9999-12-31")};
    CHECK(expect_refusal(apply(s, r, as("alice"))).find("more than five years") !=
          std::string::npos);
}

TEST_CASE("snooze postpones the update reminder from the later of due and now") {
    auto s = declared("sev2");  // due t0 + 30m
    step(s, cmd::Snooze{}, as("a", t0() + 5min));
    CHECK(s.incident.next_update_due == t0() + 45min);
    step(s, cmd::Snooze{std::chrono::minutes(10)}, as("a", t0() + 60min));  // overdue
    CHECK(s.incident.next_update_due == t0() + 70min);
}

TEST_CASE("snooze is capped at a day and names the date when it is not today") {
    auto s = declared("sev3");  // due t0 + 2h
    CHECK(expect_refusal(apply(s, cmd::Snooze{std::chrono::hours(25)}, as("a"))) ==
          "Snooze for at most 1d: stakeholders still need to hear from the incident.");
    Change c = step(s, cmd::Snooze{std::chrono::hours(20)}, as("a"));
    CHECK(c.events[0].text ==
          "Update reminder snoozed by 20h; next update due at 2026-11-23 08:00 UTC.");
}

TEST_CASE("snoozes do not stack: the update is never more than a day away") {
    auto s = declared("sev1");  // due t0 + 15m
    // The tenth 24h snooze in a row must not move a SEV1's update ten days out.
    Change first = step(s, cmd::Snooze{std::chrono::hours(24)}, as("a"));
    CHECK(s.incident.next_update_due == t0() + 24h);
    CHECK(first.events[0].text ==
          "Update reminder snoozed by 23h45m; next update due at 2026-11-23 10:00 UTC (a snooze "
          "reaches at most a day from now).");
    for (int i = 0; i < 9; ++i) {
        auto again = apply(s, cmd::Snooze{std::chrono::hours(24)}, as("a"));
        CHECK(expect_refusal(again).find("already snoozed as far as it goes") != std::string::npos);
    }
    CHECK(s.incident.next_update_due == t0() + 24h);
    // An hour later the limit has moved an hour.
    step(s, cmd::Snooze{std::chrono::hours(24)}, as("a", t0() + 1h));
    CHECK(s.incident.next_update_due == t0() + 25h);
}

TEST_CASE("only the Comms Lead, the IC or an admin may snooze the update reminder") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "ic"}, as("ic"));
    step(s, cmd::AssignRole{Role::comms, "comms"}, as("comms"));
    CHECK(expect_refusal(apply(s, cmd::Snooze{}, as("eve"))) ==
          "Only the Comms Lead, the Incident Commander or an admin may snooze the update "
          "reminder.");
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Snooze{}, as("comms"))));
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Snooze{}, as("ic"))));
}

TEST_CASE("snooze is refused when no update is due") {
    auto s = declared("sev4");
    CHECK(expect_refusal(apply(s, cmd::Snooze{}, as("a"))) ==
          "There is no update reminder to snooze.");
}

TEST_CASE("queries are not changes") {
    auto s = declared();
    CHECK(expect_refusal(apply(s, cmd::ShowTimeline{}, as("a"))) ==
          "That command does not change an incident.");
}

TEST_CASE("timeline events carry the incident id, actor and time") {
    auto s = declared();
    Change c = step(s, cmd::Note{"n"}, as("zoe", t0() + 3min));
    CHECK(c.events[0].incident_id == 7);
    CHECK(c.events[0].actor == "zoe");
    CHECK(c.events[0].at == t0() + 3min);
}

TEST_CASE("close moves a resolved incident to closed and stamps closed_at") {
    auto s = declared();
    CHECK(expect_refusal(apply(s, cmd::Close{}, as("a"))) ==
          "Only a resolved incident can be closed; this one is investigating.");
    step(s, cmd::Resolve{}, as("a", t0() + 1h));
    Change c = step(s, cmd::Close{}, as("a", t0() + 50h));
    CHECK(s.incident.status == Status::closed);
    CHECK(s.incident.milestones.closed_at == t0() + 50h);
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].kind == EventKind::status_changed);
    CHECK(c.events[0].before == "resolved");
    CHECK(c.events[0].after == "closed");
    CHECK(expect_refusal(apply(s, cmd::Close{}, as("a"))) == "The incident is already closed.");
}
