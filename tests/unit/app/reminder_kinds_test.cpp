// Every reminder kind of issue #4, with the manual clock: each nudges the right person at
// the right time, once per due time, and stays quiet when its reason went away.
#include "firebreak/app/outbox_kinds.hpp"
#include "service_fixture.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

std::vector<std::string> posts(const std::vector<store::OutboxItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
        if (i.kind == outbox_kind::post) out.push_back(i.payload);
    return out;
}

int count_containing(const std::vector<store::OutboxItem>& items, const std::string& text) {
    int n = 0;
    for (const auto& p : posts(items))
        if (p.find(text) != std::string::npos) ++n;
    return n;
}

std::string last_containing(const std::vector<store::OutboxItem>& items, const std::string& text) {
    std::string found;
    for (const auto& p : posts(items))
        if (p.find(text) != std::string::npos) found = p;
    return found;
}

}  // namespace

TEST_CASE_METHOD(ServiceFixture,
                 "an update still missing after the escalation delay tells the IC") {
    auto name = declare("DB down sev1");
    run("alice", name, "ic me");
    run("carol", name, "comms me");
    clock.advance(15min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "is still missing") == 0);
    clock.advance(15min);  // overdue_escalate_after: 15m past due
    service.fire_due_reminders();
    std::string escalation = last_containing(outbox(), "is still missing");
    CHECK(escalation.find("<@alice> and <@carol>") != std::string::npos);
    CHECK(escalation.find("due at 10:15 UTC") != std::string::npos);
    clock.advance(2h);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "is still missing") == 1);  // once for that due time
}

TEST_CASE_METHOD(ServiceFixture, "an update posted in time cancels the escalation") {
    auto name = declare("DB down sev1");
    run("alice", name, "ic me");
    clock.advance(20min);
    run("alice", name, "update failing over");
    clock.advance(10min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "is still missing") == 0);
}

TEST_CASE_METHOD(ServiceFixture, "unfilled required roles are nudged with claim buttons") {
    auto name = declare("DB down sev2");  // SEV2 requires an IC
    clock.advance(4min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "still has no") == 0);
    clock.advance(1min);
    service.fire_due_reminders();
    std::string nudge = last_containing(outbox(), "still has no");
    CHECK(nudge.find("still has no Incident Commander") != std::string::npos);
    CHECK(nudge.find("\"command\":\"ic me\"") != std::string::npos);
    CHECK(nudge.find("\"pickers\"") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture, "roles filled in time mean no unassigned nudge") {
    auto name = declare("DB down sev2");
    run("bob", name, "ic me");
    clock.advance(10min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "still has no") == 0);
}

TEST_CASE_METHOD(ServiceFixture,
                 "a promotion re-times the unassigned-role nudge from the promotion") {
    auto name = declare("Slow search sev3");
    run("alice", name, "ic me");
    clock.advance(30min);
    run("alice", name, "sev sev1");  // now TL and Comms are required too
    clock.advance(4min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "still has no") == 0);
    clock.advance(1min);
    service.fire_due_reminders();
    CHECK(last_containing(outbox(), "still has no").find("Tech Lead and Comms Lead") !=
          std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture, "a long stint as IC suggests a handover with a button") {
    auto name = declare("DB down sev2");
    run("alice", name, "ic me");
    clock.advance(74min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "Consider handing over") == 0);
    clock.advance(1min);
    service.fire_due_reminders();
    std::string nudge = last_containing(outbox(), "Consider handing over");
    CHECK(nudge.find("<@alice> you have been Incident Commander for 1h15m") != std::string::npos);
    CHECK(nudge.find("\"command\":\"handover ic\"") != std::string::npos);

    // A handover starts a new stint: the next suggestion is 75 minutes after it.
    run("alice", name, "handover ic @bob DB failover done, watching replica lag");
    clock.advance(74min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "Consider handing over") == 1);
    clock.advance(1min);
    service.fire_due_reminders();
    CHECK(last_containing(outbox(), "Consider handing over").find("<@bob>") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture,
                 "the end of the watch period asks to resolve; not yet restarts it") {
    auto name = declare("DB down sev2");
    run("alice", name, "ic me");
    clock.advance(10min);
    run("alice", name, "mitigated failover complete");
    clock.advance(30min);
    service.fire_due_reminders();
    std::string nudge = last_containing(outbox(), "Resolve?");
    CHECK(nudge.find("stable for 30m since the mitigation") != std::string::npos);
    CHECK(nudge.find("\"command\":\"resolve\"") != std::string::npos);
    CHECK(nudge.find("\"command\":\"notyet\"") != std::string::npos);

    run("alice", name, "notyet");
    clock.advance(29min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "Resolve?") == 1);
    clock.advance(1min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "Resolve?") == 2);
}

TEST_CASE_METHOD(ServiceFixture, "not yet is refused outside the watch period") {
    auto name = declare("DB down sev2");
    Reply r = run("alice", name, "notyet");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(r.messages.front().text.find("Only a mitigated") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture,
                 "resolve nudges the IC about the review, and again on the last business day") {
    auto name = declare("DB down sev2");  // Sunday 2026-11-22
    run("alice", name, "ic me");
    run("alice", name, "resolve");
    service.fire_due_reminders();
    std::string first = last_containing(outbox(), "blameless review");
    CHECK(first.find("<@alice> the incident is resolved") != std::string::npos);
    CHECK(first.find("by 2026-11-27") != std::string::npos);  // 5 business days: Mon..Fri

    clock.set(core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}} +
              std::chrono::hours(9) - 1min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "last day for the blameless review") == 0);
    clock.advance(1min);
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "last day for the blameless review") == 1);
}

TEST_CASE_METHOD(ServiceFixture, "a review already started means no last-day nudge") {
    auto name = declare("DB down sev2");
    run("alice", name, "ic me");
    run("alice", name, "resolve");
    run("alice", name, "postmortem");
    clock.advance(std::chrono::days{7});
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "last day for the blameless review") == 0);
}

TEST_CASE_METHOD(ServiceFixture, "an action item's owner is nudged on its due date unless done") {
    auto name = declare("DB down sev2");
    run("alice", name, "ic me");
    run("alice", name, "action Alert on pool saturation owner:@bob due:2026-11-24");
    run("alice", name, "action Runbook for failover owner:@carol due:2026-11-24");
    run("carol", name, "done 2");
    clock.set(core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 24}} +
              std::chrono::hours(9));
    service.fire_due_reminders();
    CHECK(count_containing(outbox(), "action item #1") == 1);
    CHECK(last_containing(outbox(), "action item #1").find("<@bob>") != std::string::npos);
    CHECK(count_containing(outbox(), "action item #2") == 0);
}

TEST_CASE_METHOD(ServiceFixture, "resolve stops the live reminders and reopen restarts them") {
    auto name = declare("DB down sev1");
    run("alice", name, "ic me");
    run("alice", name, "resolve");
    auto id = incident(name).id;
    {
        auto tx = store.begin();
        for (const char* kind : {core::reminder::update_due, core::reminder::update_overdue,
                                 core::reminder::roles_unassigned, core::reminder::handover_ic})
            CHECK_FALSE(tx.reminder(id, kind));
    }
    run("alice", name, "reopen the errors are back");
    CHECK(update_reminder_due(name));
    auto tx = store.begin();
    CHECK(tx.reminder(id, core::reminder::handover_ic));
}

TEST_CASE_METHOD(ServiceFixture, "a drill's reminders are marked as a drill") {
    auto name = declare("Failover practice sev2 --drill");
    clock.advance(5min);
    service.fire_due_reminders();
    CHECK(last_containing(outbox(), "still has no").find("[DRILL]") != std::string::npos);
}
