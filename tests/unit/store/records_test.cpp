#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"
#include "timeline_queries.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

namespace {
struct Fixture {
    Store store{{":memory:", "normal"}};
    Fixture() { store.migrate(); }
    std::int64_t add_incident(const std::string& name = "inc-20261122-db-down") {
        auto tx = store.begin();
        core::Incident inc = full_incident(name);
        inc.conversation = name;
        tx.insert(inc);
        tx.commit();
        return inc.id;
    }
};
}  // namespace

TEST_CASE_METHOD(Fixture, "an incident round-trips every field") {
    auto tx = store.begin();
    core::Incident inc = full_incident();
    tx.insert(inc);
    CHECK(inc.id > 0);
    check_same(*tx.incident(inc.id), inc);
    check_same(*tx.incident_by_name(inc.name), inc);
    check_same(*tx.incident_by_conversation("slack", "C123"), inc);
    CHECK_FALSE(tx.incident_by_conversation("slack", ""));
    CHECK(tx.name_taken(inc.name));
    CHECK_FALSE(tx.name_taken("inc-other"));

    inc.status = core::Status::resolved;
    inc.milestones.resolved_at = t0() + 2h;
    inc.holder(core::Role::comms).reset();
    inc.next_update_due.reset();
    tx.update(inc);
    check_same(*tx.incident(inc.id), inc);
}

TEST_CASE_METHOD(Fixture, "updating a missing incident is an error") {
    auto tx = store.begin();
    core::Incident ghost = full_incident();
    ghost.id = 404;
    CHECK_THROWS_AS(tx.update(ghost), StoreError);
}

TEST_CASE_METHOD(Fixture, "the same conversation id on two platforms is two incidents") {
    auto tx = store.begin();
    core::Incident on_slack = full_incident("inc-a");
    on_slack.conversation = "general";
    tx.insert(on_slack);
    core::Incident on_console = full_incident("inc-b");
    on_console.platform = "console";
    on_console.conversation = "general";
    tx.insert(on_console);
    CHECK(tx.incident_by_conversation("slack", "general")->id == on_slack.id);
    CHECK(tx.incident_by_conversation("console", "general")->id == on_console.id);
    CHECK(tx.incident_by_conversation("console", "general")->platform == "console");
    CHECK_FALSE(tx.incident_by_conversation("teams", "general"));
    core::Incident again = full_incident("inc-c");
    again.platform = "console";
    again.conversation = "general";
    CHECK_THROWS_AS(tx.insert(again), StoreError);
}

TEST_CASE_METHOD(Fixture, "an incident must say which platform it is run on") {
    auto tx = store.begin();
    core::Incident nowhere = full_incident();
    nowhere.platform = "";
    CHECK_THROWS_AS(tx.insert(nowhere), StoreError);
}

TEST_CASE_METHOD(Fixture, "incident names and conversations are unique") {
    add_incident("inc-a");
    auto tx = store.begin();
    core::Incident dup = full_incident("inc-a");
    dup.conversation = "other";
    CHECK_THROWS_AS(tx.insert(dup), StoreError);
}

TEST_CASE_METHOD(Fixture, "listing keeps live incidents when asked, newest first") {
    add_incident("inc-a");
    add_incident("inc-b");
    auto tx = store.begin();
    auto b = *tx.incident_by_name("inc-b");
    b.status = core::Status::resolved;
    tx.update(b);
    auto live = tx.incidents(true, 10);
    REQUIRE(live.size() == 1);
    CHECK(live[0].name == "inc-a");
    auto all = tx.incidents(false, 10);
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "inc-b");
}

TEST_CASE_METHOD(Fixture, "the timeline reads back in append order, whatever the times say") {
    auto id = add_incident();
    auto tx = store.begin();
    // A clock moved by hand (the console's :advance, then a restart) can stamp a later
    // event with an earlier time; the order it happened in is the order it was written.
    std::vector<core::TimelineEvent> events{
        {0, id, t0() + 2min, "bob", core::EventKind::note, "first", "", ""},
        {0, id, t0(), "alice", core::EventKind::severity_changed, "second", "sev2", "sev1"},
    };
    tx.append(events);
    CHECK(events[0].id > 0);
    CHECK(events[1].id > events[0].id);
    auto read = tx.timeline(id);
    REQUIRE(read.size() == 2);
    CHECK(read[0].text == "first");
    CHECK(read[0].actor == "bob");
    CHECK(read[1].text == "second");
    CHECK(read[1].kind == core::EventKind::severity_changed);
    CHECK(read[1].before == "sev2");
    CHECK(read[1].after == "sev1");
    tx.commit();
}

TEST_CASE("who was told is read through its own index, not the incident's whole timeline") {
    firebreak::testing::TempDir dir;
    Store store({dir.file("fb.db"), "normal"});
    store.migrate();
    auto tx = store.begin();
    core::Incident inc = full_incident();
    tx.insert(inc);
    std::vector<core::TimelineEvent> events;
    for (int i = 0; i < 500; ++i)
        events.push_back({0, inc.id, t0(), "bob", core::EventKind::note, "note", "", ""});
    events.push_back(
        {0, inc.id, t0(), "", core::EventKind::stakeholders_notified, "told a", "", "leadership"});
    events.push_back({0, inc.id, t0(), "bob", core::EventKind::note, "note", "", ""});
    events.push_back({0, inc.id, t0(), "", core::EventKind::stakeholders_notified, "told b", "",
                      "support,security"});
    tx.append(events);
    auto told = tx.stakeholder_notices(inc.id);
    REQUIRE(told.size() == 2);
    CHECK(told[0].after == "leadership");
    CHECK(told[1].after == "support,security");
    CHECK(tx.stakeholder_notices(inc.id + 1).empty());

    core::StatusUpdate update{0, inc.id, core::UpdateKind::update, "x", "carol", t0(), {}};
    CHECK(tx.status_update_count(inc.id) == 0);
    tx.insert(update);
    tx.insert(update);
    CHECK(tx.status_update_count(inc.id) == 2);
    CHECK(tx.status_update_count(inc.id + 1) == 0);
    tx.commit();

    Connection c(dir.file("fb.db"));
    for (bool analyzed : {false, true}) {
        if (analyzed) c.exec("ANALYZE");
        INFO("analyzed: " << analyzed);
        Statement& s = c.prepare("EXPLAIN QUERY PLAN " + timeline_queries::kStakeholderNotices);
        std::string plan;
        while (s.step()) plan += s.text(3) + "\n";
        s.reset();
        INFO(plan);
        CHECK_THAT(plan, Catch::Contains("USING INDEX timeline_stakeholder_notices"));
        CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
    }
}

TEST_CASE_METHOD(Fixture, "the latest event time is the greatest of any incident") {
    {
        auto tx = store.begin();
        CHECK_FALSE(tx.latest_event_time());
    }
    auto a = add_incident("inc-a");
    auto b = add_incident("inc-b");
    auto tx = store.begin();
    std::vector<core::TimelineEvent> events{
        {0, a, t0() + 3h, "bob", core::EventKind::note, "late", "", ""},
        {0, b, t0() + 1h, "alice", core::EventKind::note, "appended last", "", ""},
    };
    tx.append(events);
    CHECK(tx.latest_event_time() == t0() + 3h);
}

TEST_CASE_METHOD(Fixture, "decisions are inserted, then updated in place") {
    auto id = add_incident();
    auto tx = store.begin();
    core::Decision d;
    d.incident_id = id;
    d.number = 1;
    d.text = "Fail over";
    d.proposed_by = "bob";
    d.proposed_at = t0();
    tx.save(d);
    CHECK(d.id > 0);
    d.ic_ack = "alice";
    d.tl_ack = "bob";
    d.state = core::DecisionState::recorded;
    d.recorded_at = t0() + 1min;
    auto first_id = d.id;
    tx.save(d);
    CHECK(d.id == first_id);
    auto all = tx.decisions(id);
    REQUIRE(all.size() == 1);
    CHECK(all[0].state == core::DecisionState::recorded);
    CHECK(all[0].ic_ack == "alice");
    CHECK(all[0].recorded_at == t0() + 1min);
}

TEST_CASE_METHOD(Fixture, "action items and status updates round-trip") {
    auto id = add_incident();
    auto tx = store.begin();
    core::ActionItem a;
    a.incident_id = id;
    a.number = 1;
    a.text = "Add canary";
    a.owner = "erin";
    a.due = *core::parse_date("2026-12-01");
    a.priority = core::Priority::p1;
    a.verify = "bad push blocked in staging";
    a.created_by = "alice";
    a.created_at = t0();
    tx.insert(a);
    CHECK(tx.action_item_count(id) == 1);
    auto items = tx.action_items(id);
    REQUIRE(items.size() == 1);
    CHECK(core::format_date(items[0].due) == "2026-12-01");
    CHECK(items[0].priority == core::Priority::p1);
    CHECK(items[0].verify == "bad push blocked in staging");

    core::StatusUpdate u{
        0, id, core::UpdateKind::no_change, "No change", "carol", t0() + 16min, t0() + 15min};
    tx.insert(u);
    auto updates = tx.status_updates(id);
    REQUIRE(updates.size() == 1);
    CHECK(updates[0].kind == core::UpdateKind::no_change);
    CHECK(updates[0].due_at == t0() + 15min);
    CHECK(updates[0].posted_at == t0() + 16min);
}

TEST_CASE_METHOD(Fixture, "a reminder fires once per due time") {
    auto id = add_incident();
    auto tx = store.begin();
    tx.set_reminder(id, "update_due", t0() + 15min);
    CHECK(tx.next_reminder_due() == t0() + 15min);
    CHECK(tx.due_reminders(t0() + 14min, 10).empty());
    auto due = tx.due_reminders(t0() + 15min, 10);
    REQUIRE(due.size() == 1);
    tx.mark_fired(due[0].id, t0() + 15min);
    CHECK(tx.due_reminders(t0() + 1h, 10).empty());
    CHECK_FALSE(tx.next_reminder_due());

    tx.set_reminder(id, "update_due", t0() + 15min);  // same due time: still fired
    CHECK(tx.due_reminders(t0() + 1h, 10).empty());
    tx.set_reminder(id, "update_due", t0() + 30min);  // re-timed: armed again
    CHECK(tx.due_reminders(t0() + 1h, 10).size() == 1);
    tx.set_reminder(id, "update_due", std::nullopt);
    CHECK_FALSE(tx.reminder(id, "update_due"));
}

TEST_CASE_METHOD(Fixture, "the outbox hands out items in order until delivered or failed") {
    auto id = add_incident();
    auto tx = store.begin();
    for (const char* kind : {"create_conversation", "post", "post"}) {
        OutboxItem item;
        item.incident_id = id;
        item.kind = kind;
        item.payload = "{}";
        item.created_at = t0();
        item.next_attempt_at = t0();
        tx.enqueue(item);
    }
    CHECK(tx.outbox_depth() == 3);
    auto items = tx.deliverable(t0(), 10);
    REQUIRE(items.size() == 3);
    CHECK(items[0].kind == "create_conversation");
    tx.mark_delivered(items[0].id, t0());
    tx.mark_retry(items[1].id, t0() + 30s, "HTTP 503");
    tx.mark_failed(items[2].id, t0(), "channel_not_found");
    CHECK(tx.deliverable(t0() + 29s, 10).empty());
    auto retry = tx.deliverable(t0() + 30s, 10);
    REQUIRE(retry.size() == 1);
    CHECK(retry[0].attempts == 1);
    CHECK(retry[0].last_error == "HTTP 503");
    CHECK(tx.outbox_depth() == 1);
}

TEST_CASE_METHOD(Fixture, "a dedupe key is new once until it expires") {
    auto tx = store.begin();
    CHECK(tx.remember("slack", "slack:event:Ev1", t0(), t0() + 1h));
    CHECK_FALSE(tx.remember("slack", "slack:event:Ev1", t0() + 10min, t0() + 70min));
    CHECK(tx.remember("slack", "slack:event:Ev1", t0() + 2h, t0() + 3h));
    CHECK(tx.forget_expired(t0() + 4h, 10) == 1);
}

TEST_CASE_METHOD(Fixture, "a dedupe key is one platform's: the same key elsewhere is new") {
    auto tx = store.begin();
    CHECK(tx.remember("slack", "action:1", t0(), t0() + 1h));
    CHECK(tx.remembered("slack", "action:1", t0()));
    CHECK_FALSE(tx.remembered("teams", "action:1", t0()));
    CHECK(tx.remember("teams", "action:1", t0(), t0() + 1h));
    CHECK_FALSE(tx.remember("teams", "action:1", t0(), t0() + 1h));
}

TEST_CASE_METHOD(Fixture, "forgetting expired keys drops at most the batch asked for") {
    auto tx = store.begin();
    for (int i = 0; i < 5; ++i)
        REQUIRE(tx.remember("slack", "k" + std::to_string(i), t0(), t0() + 1h + i * 1min));
    REQUIRE(tx.remember("slack", "live", t0(), t0() + 24h));
    CHECK(tx.forget_expired(t0() + 2h, 2) == 2);
    CHECK_FALSE(tx.remembered("slack", "k0", t0()));  // the oldest expiries go first
    CHECK(tx.remembered("slack", "k2", t0()));
    CHECK(tx.forget_expired(t0() + 2h, 10) == 3);
    CHECK(tx.forget_expired(t0() + 2h, 10) == 0);
    CHECK(tx.remembered("slack", "live", t0() + 2h));
}
