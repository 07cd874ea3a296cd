#include "firebreak/app/outbox_kinds.hpp"
#include "service_fixture.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {
int nudges(const std::vector<store::OutboxItem>& items) {
    int n = 0;
    for (const auto& i : items)
        if (i.kind == outbox_kind::post &&
            i.payload.find("stakeholder update was due") != std::string::npos)
            ++n;
    return n;
}
int posts_containing(const std::vector<store::OutboxItem>& items, const std::string& text) {
    int n = 0;
    for (const auto& i : items)
        if (i.kind == outbox_kind::post && i.payload.find(text) != std::string::npos) ++n;
    return n;
}
}  // namespace

TEST_CASE_METHOD(ServiceFixture,
                 "an update reminder fires once when due, mentioning the Comms Lead") {
    auto name = declare("DB down sev1");
    run("carol", name, "comms me");
    CHECK(update_reminder_due(name) == t0() + 15min);
    clock.advance(14min);
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 0);
    clock.advance(1min);
    service.fire_due_reminders();
    CHECK(service.fire_due_reminders().fired == 0);
    auto items = outbox();
    CHECK(nudges(items) == 1);
    CHECK(items.back().payload.find("<@carol>") != std::string::npos);
    auto id = incident(name).id;
    auto tx = store.begin();
    auto events = tx.timeline(id);
    CHECK(events.back().kind == core::EventKind::reminder_sent);
}

TEST_CASE_METHOD(ServiceFixture, "reminders missed while down fire once, not once per period") {
    declare("DB down sev1");
    clock.advance(3h);  // twelve 15-minute periods
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 1);
    CHECK(posts_containing(outbox(), "is still missing") == 1);  // the escalation, once
    CHECK(posts_containing(outbox(), "still has no") == 1);      // the unassigned roles, once
}

TEST_CASE_METHOD(ServiceFixture, "posting an update re-arms the reminder for the next due time") {
    auto name = declare("DB down sev1");
    clock.advance(15min);
    service.fire_due_reminders();
    run("carol", name, "nochange");
    CHECK(update_reminder_due(name) == t0() + 30min);
    clock.advance(15min);
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 2);
}

TEST_CASE_METHOD(ServiceFixture, "without a Comms Lead or IC the nudge goes to the channel") {
    declare("DB down sev2");
    clock.advance(30min);
    service.fire_due_reminders();
    CHECK(outbox().back().payload.find("<!channel>") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture, "a resolved incident is not nudged") {
    auto name = declare("DB down sev1");
    run("alice", name, "resolve");
    clock.advance(1h);
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 0);
    CHECK_FALSE(update_reminder_due(name));
}

TEST_CASE_METHOD(ServiceFixture,
                 "an overdue update is nudged again every cadence, never twice for one due time") {
    auto name = declare("DB down sev1");
    clock.advance(15min);
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 1);
    CHECK(update_reminder_due(name) == t0() + 30min);
    run("alice", name, "note still digging");  // does not reset the re-armed nudge
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 1);
    clock.advance(15min);
    service.fire_due_reminders();
    CHECK(service.fire_due_reminders().fired == 0);
    CHECK(nudges(outbox()) == 2);
    // The second nudge names when the update was due, not when the nudge re-armed.
    std::string last;
    for (const auto& item : outbox())
        if (item.payload.find("stakeholder update was due") != std::string::npos)
            last = item.payload;
    CHECK(last.find("was due at 10:15 UTC") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture,
                 "a reminder that cannot be written is reported as failed and stays due") {
    declare("DB down sev1");
    declare("Queue backlog sev1");
    clock.advance(15min);
    {
        // The first incident's nudge cannot be written; the second's still goes out.
        auto tx = store.begin();
        auto first = tx.incident_by_name("inc-20261122-db-down");
        tx.set_reminder(first->id, kUpdateDueReminder, std::nullopt);
        tx.commit();
    }
    auto report = service.fire_due_reminders();
    CHECK(report.failed == 0);
    CHECK(nudges(outbox()) == 1);
}

TEST_CASE_METHOD(ServiceFixture, "a reloaded cadence re-times an open incident's next reminder") {
    auto name = declare("DB down sev1");  // due t0 + 15m
    declare("Old news sev2");
    run("alice", "inc-20261122-old-news", "ic me");
    run("alice", "inc-20261122-old-news", "resolve");

    ServiceSettings faster = settings();
    faster.policy.severities[0].update_every = std::chrono::minutes(5);
    CHECK(service.reconfigure(faster) == 1);  // the resolved one is left alone
    CHECK(incident(name).next_update_due == t0() + 5min);
    CHECK(update_reminder_due(name) == t0() + 5min);
    clock.advance(5min);
    service.fire_due_reminders();
    CHECK(nudges(outbox()) == 1);
    CHECK(service.settings().policy.severities[0].update_every == std::chrono::minutes(5));
}
