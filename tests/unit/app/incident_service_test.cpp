#include <sqlite3.h>

#include <algorithm>

#include "firebreak/app/outbox_kinds.hpp"
#include "service_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

TEST_CASE_METHOD(ServiceFixture,
                 "declaring commits the incident, timeline, reminder and outbox together") {
    Reply r = run("alice", "general", "declare Checkout errors sev1");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(text_of(r).find("Declared SEV1 (Critical): inc-20261122-checkout-errors.") !=
          std::string::npos);

    auto tx = store.begin();
    auto inc = tx.incident_by_name("inc-20261122-checkout-errors");
    REQUIRE(inc);
    CHECK(inc->severity == "sev1");
    CHECK(inc->declared_by == "alice");
    CHECK(tx.timeline(inc->id).size() == 1);
    auto reminder = tx.reminder(inc->id, kUpdateDueReminder);
    REQUIRE(reminder);
    CHECK(reminder->due_at == t0() + 15min);

    auto items = tx.deliverable(core::Timestamp::max(), 10);
    REQUIRE(items.size() == 3);
    CHECK(items[0].kind == outbox_kind::create_conversation);
    CHECK(items[0].payload.find("\"name\":\"inc-20261122-checkout-errors\"") != std::string::npos);
    CHECK(items[0].payload.find("\"topic\":\"SEV1") != std::string::npos);
    // What follows the creation: the announcement (it names the conversation, so it is
    // queued once the conversation exists), and where to say so if creation fails.
    CHECK(items[0].payload.find("\"announce\":{\"conversation\":\"incidents\"") !=
          std::string::npos);
    CHECK(items[0].payload.find("\"origin\":{\"conversation\":\"general\",\"user\":\"alice\"}") !=
          std::string::npos);
    CHECK(items[1].kind == outbox_kind::post_summary);
    CHECK(items[1].conversation.empty());  // the incident's own, once it exists
    auto summary = chat::deserialize(items[1].payload);
    REQUIRE(summary);
    REQUIRE(summary->buttons.size() == 4);  // a Claim per role, then Post update
    CHECK(summary->buttons[0].command == "ic me");
    CHECK(summary->buttons[3].command == "update");
    REQUIRE(summary->pickers.size() == 3);
    CHECK(summary->pickers[1].command == "tl");
    // The live checklist is pinned next to it.
    CHECK(items[2].kind == outbox_kind::post_checklist);
    CHECK(items[2].conversation.empty());
}

TEST_CASE_METHOD(ServiceFixture,
                 "a second incident with the same title on the same day gets a suffix") {
    CHECK(declare("DB down") == "inc-20261122-db-down");
    CHECK(declare("DB down!") == "inc-20261122-db-down-2");
}

TEST_CASE_METHOD(ServiceFixture, "a private incident is not announced") {
    run("alice", "general", "declare Leaked key --private");
    for (const auto& item : outbox()) CHECK(item.conversation != "incidents");
    auto tx = store.begin();
    CHECK(tx.incidents(false, 1)[0].is_private);
}

TEST_CASE_METHOD(ServiceFixture, "a usage error is private and changes nothing") {
    Reply r = run("alice", "general", "sev critical");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(text_of(r).find("Usage:") != std::string::npos);
    CHECK(outbox().empty());
}

TEST_CASE_METHOD(ServiceFixture, "commands outside an incident conversation say where to go") {
    Reply r = run("alice", "general", "update all good");
    CHECK(text_of(r).starts_with("There is no incident in this conversation."));
}

TEST_CASE_METHOD(ServiceFixture,
                 "a state change is shown to the channel and refreshes the pinned summary") {
    auto name = declare("DB down sev2");
    auto before = outbox().size();
    Reply r = run("bob", name, "ic me");
    CHECK(r.visibility == Visibility::in_channel);
    CHECK(text_of(r).find("<@bob> is now Incident Commander.") != std::string::npos);
    auto items = outbox();
    // The summary card follows and the topic names the new IC. The checklist's edit (it
    // ticks the IC) replaces the one still waiting from the channel's creation.
    REQUIRE(items.size() == before + 2);
    CHECK(items[before].kind == outbox_kind::update_summary);
    CHECK(items[before + 1].kind == outbox_kind::set_topic);
    auto edit = std::find_if(items.begin(), items.end(), [](const store::OutboxItem& i) {
        return i.kind == outbox_kind::update_checklist;
    });
    REQUIRE(edit != items.end());
    CHECK(edit->payload.find("☑ Incident Commander assigned") != std::string::npos);
    CHECK(edit->payload.find("☑ Incident channel open") != std::string::npos);
    CHECK(items[before + 1].payload.find("IC: <@bob>") != std::string::npos);
    CHECK(incident(name).holds("bob", core::Role::ic));

    // A note changes neither the topic nor the summary: nothing is queued for it.
    before = items.size();
    run("bob", name, "note checking the replica lag");
    CHECK(outbox().size() == before);
}

TEST_CASE_METHOD(ServiceFixture, "a refusal is private and writes nothing") {
    auto name = declare("DB down sev1");
    run("alice", name, "ic me");
    run("alice", name, "tl me");
    auto before = outbox().size();
    Reply r = run("alice", name, "comms me");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(text_of(r).find("one person cannot hold all three roles") != std::string::npos);
    CHECK(outbox().size() == before);
    CHECK_FALSE(incident(name).holder(core::Role::comms));
    auto id = incident(name).id;
    auto tx = store.begin();
    CHECK(tx.timeline(id).size() == 3);  // declared, IC, TL: nothing for the refusal
}

TEST_CASE_METHOD(ServiceFixture, "an update re-times the reminder in the same transaction") {
    auto name = declare("DB down sev1");
    clock.advance(10min);
    run("carol", name, "update Failing over");
    auto inc = incident(name);
    auto tx = store.begin();
    CHECK(tx.reminder(inc.id, kUpdateDueReminder)->due_at == t0() + 25min);
    auto updates = tx.status_updates(inc.id);
    REQUIRE(updates.size() == 1);
    CHECK(updates[0].due_at == t0() + 15min);
    CHECK(updates[0].posted_at == t0() + 10min);
}

TEST_CASE_METHOD(ServiceFixture, "resolving removes the update reminder") {
    auto name = declare("DB down sev1");
    run("alice", name, "resolve Fixed");
    auto id = incident(name).id;
    auto tx = store.begin();
    CHECK_FALSE(tx.reminder(id, kUpdateDueReminder));
}

TEST_CASE_METHOD(ServiceFixture, "decisions and action items are stored") {
    auto name = declare("DB down sev2");
    run("alice", name, "decision Roll back 4.2");
    run("alice", name,
        "action Add a canary owner:@erin due:2026-12-01 verify:staging blocks bad push");
    auto inc = incident(name);
    auto tx = store.begin();
    REQUIRE(tx.decisions(inc.id).size() == 1);
    CHECK(tx.decisions(inc.id)[0].state == core::DecisionState::recorded);
    REQUIRE(tx.action_items(inc.id).size() == 1);
    CHECK(tx.action_items(inc.id)[0].verify == "staging blocks bad push");
}

TEST_CASE_METHOD(ServiceFixture, "queries answer privately") {
    auto name = declare("DB down sev2");
    CHECK(text_of(run("a", name, "timeline")).find("declared SEV2 (High): DB down") !=
          std::string::npos);
    CHECK(text_of(run("a", name, "summary")).find("[SEV2 (High)] DB down") != std::string::npos);
    CHECK(text_of(run("a", "general", "list")).find("#" + name) != std::string::npos);
    CHECK(text_of(run("a", "general", "help")).find("declare") != std::string::npos);
    CHECK(text_of(run("a", name, "postmortem")).find("*Postmortem draft: DB down*") !=
          std::string::npos);
    CHECK(run("a", "general", "").messages.at(0).text.find("cannot show forms") !=
          std::string::npos);
}

TEST_CASE("a failure mid-way through a command leaves nothing written") {
    // Make the last write of a declare (the outbox) fail, as a full disk would.
    firebreak::testing::TempDir dir;
    std::string path = dir.file("fb.db");
    store::Store store({path, "normal"});
    store.migrate();
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox "
                             "BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    fakes::ManualClock clock{t0()};
    IncidentService service(store, clock, ServiceSettings{});
    FrontDoor front_door(service, store, clock);
    front_door.add_platform(plain_platform());
    CHECK_THROWS_WITH(
        front_door.handle(typed("alice", "general", "declare DB down sev1", "trigger:T1")),
        Catch::Contains("disk full"));
    auto tx = store.begin();
    CHECK(tx.incidents(false, 10).empty());
    CHECK_FALSE(tx.next_reminder_due());
    // The request's dedupe key went with its change: the same request may come again.
    CHECK_FALSE(tx.remembered("console", "console:trigger:T1", t0()));
}

TEST_CASE_METHOD(ServiceFixture, "invalid UTF-8 in what people type never breaks a command") {
    const std::string cut = "caf\xc3";  // a paste cut in the middle of a character
    Reply declared = run("alice", "general", "declare " + cut + " down sev1");
    CHECK(text_of(declared).find("Declared SEV1 (Critical): inc-20261122-caf-down.") !=
          std::string::npos);
    auto name = std::string("inc-20261122-caf-down");
    service.attach_conversation(incident(name).id, name);
    CHECK(run("alice", name, "update " + cut + " is slow").visibility == Visibility::in_channel);
    CHECK(run("alice", name, "ic @" + cut).visibility == Visibility::in_channel);
    int replaced = 0;
    for (const auto& item : outbox())
        replaced += item.payload.find("\xef\xbf\xbd") != std::string::npos;
    CHECK(replaced > 0);  // the bad byte shows as U+FFFD
}

TEST_CASE_METHOD(ServiceFixture, "private incidents are listed only to the people in them") {
    run("alice", "general", "declare Leaked key --private sev1");
    run("alice", "general", "declare Slow search sev3");
    std::string eve = text_of(run("eve", "general", "list"));
    CHECK(eve.find("Leaked key") == std::string::npos);
    CHECK(eve.find("Slow search") != std::string::npos);
    CHECK(eve.find("1 private incident not shown.") != std::string::npos);
    CHECK(text_of(run("alice", "general", "list")).find("Leaked key") != std::string::npos);
}

TEST_CASE("a failure mid-way through an ordinary command leaves the incident as it was") {
    firebreak::testing::TempDir dir;
    std::string path = dir.file("fb.db");
    store::Store store({path, "normal"});
    store.migrate();
    fakes::ManualClock clock{t0()};
    IncidentService service(store, clock, ServiceSettings{});
    FrontDoor front_door(service, store, clock);
    front_door.add_platform(plain_platform());
    front_door.handle(typed("alice", "general", "declare DB down sev1"));
    service.attach_conversation(1, "inc-20261122-db-down");
    {
        // The summary refresh is the last write of a change that moves it: make it fail.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox "
                             "BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    clock.advance(5min);  // the update moves the next one due, and so the summary
    CHECK_THROWS_WITH(front_door.handle(typed("alice", "inc-20261122-db-down",
                                              "update Failing over", "action:A1")),
                      Catch::Contains("disk full"));
    CHECK_FALSE(store.begin().remembered("console", "console:action:A1", t0()));
    auto tx = store.begin();
    auto inc = tx.incident(1);
    REQUIRE(inc);
    CHECK_FALSE(inc->last_update_at);
    CHECK(inc->next_update_due == t0() + 15min);
    CHECK(tx.timeline(1).size() == 1);
    CHECK(tx.status_updates(1).empty());
    CHECK(tx.reminder(1, kUpdateDueReminder)->due_at == t0() + 15min);
}

TEST_CASE_METHOD(ServiceFixture, "a permission refusal is private and changes nothing") {
    auto name = declare("DB down sev2");
    run("alice", name, "ic me");
    auto before_outbox = outbox().size();
    auto before = incident(name);
    Reply r = run("bob", name, "resolve Looks fine to me");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(text_of(r).starts_with(
        "Only the Incident Commander or an admin may resolve the incident."));
    CHECK(outbox().size() == before_outbox);
    auto after = incident(name);
    CHECK(after.status == before.status);
    CHECK_FALSE(after.milestones.resolved_at);
    auto tx = store.begin();
    CHECK(tx.timeline(after.id).size() == 2);  // declared, IC
}

namespace {
int review_started_events(store::Transaction& tx, std::int64_t incident_id) {
    int count = 0;
    for (const auto& e : tx.timeline(incident_id))
        if (e.kind == core::EventKind::review_started) ++count;
    return count;
}
}  // namespace

TEST_CASE_METHOD(ServiceFixture, "the first postmortem of a resolved incident starts the review") {
    auto name = declare("DB down sev2");
    Reply live = run("alice", name, "postmortem");
    CHECK(live.visibility == Visibility::in_channel);  // the draft is for everyone
    auto id = incident(name).id;
    {
        auto tx = store.begin();
        CHECK(review_started_events(tx, id) == 0);
    }
    run("alice", name, "resolve Fixed");
    Reply first = run("bob", name, "postmortem");
    CHECK(first.visibility == Visibility::in_channel);
    CHECK(text_of(first).find("*Postmortem draft: DB down*") != std::string::npos);
    run("bob", name, "postmortem");
    auto tx = store.begin();
    CHECK(review_started_events(tx, id) == 1);
    CHECK(tx.timeline(id).back().actor == "bob");
}

TEST_CASE_METHOD(ServiceFixture,
                 "actions lists the items privately with a Done button per open one") {
    auto name = declare("DB down sev2");
    CHECK(text_of(run("a", name, "actions")).find("no action items yet") != std::string::npos);
    run("alice", name, "action Add a canary owner:@erin due:2026-11-23 priority:p1");
    run("alice", name, "action Alert on pool owner:@bob due:2026-12-01");
    run("alice", name, "done 2");
    clock.set(t0() + 48h);
    Reply r = run("a", name, "actions");
    CHECK(r.visibility == Visibility::ephemeral);
    const std::string text = text_of(r);
    CHECK(text.find("#1 Add a canary — <@erin>, due 2026-11-23, p1, open, *overdue*") !=
          std::string::npos);
    CHECK(text.find("#2 Alert on pool — <@bob>, due 2026-12-01, p2, done") != std::string::npos);
    REQUIRE(r.messages.at(0).buttons.size() == 1);
    CHECK(r.messages[0].buttons[0].label == "Done #1");
    CHECK(r.messages[0].buttons[0].command == "done 1");
}

TEST_CASE_METHOD(ServiceFixture, "action item changes are stored with their timeline event") {
    auto name = declare("DB down sev2");
    run("alice", name, "action Add a canary owner:@erin due:2026-12-01");
    run("alice", name, "action Alert on pool owner:@bob due:2026-12-01");
    CHECK(run("alice", name, "reassign 1 me").visibility == Visibility::in_channel);
    CHECK(run("alice", name, "due 1 2026-12-11").visibility == Visibility::in_channel);
    Reply done = run("alice", name, "done 1");
    CHECK(done.visibility == Visibility::in_channel);
    CHECK(text_of(done).find("Action item #1 marked done.") != std::string::npos);
    CHECK(run("bob", name, "notdoing 2 superseded").visibility == Visibility::in_channel);
    Reply again = run("alice", name, "done 1");
    CHECK(again.visibility == Visibility::ephemeral);
    CHECK(text_of(again).find("already done") != std::string::npos);
    CHECK(run("alice", name, "done 7").visibility == Visibility::ephemeral);

    auto id = incident(name).id;
    auto tx = store.begin();
    auto items = tx.action_items(id);
    REQUIRE(items.size() == 2);
    CHECK(items[0].owner == "alice");
    CHECK(core::format_date(items[0].due) == "2026-12-11");
    CHECK(items[0].state == core::ActionState::done);
    CHECK(items[1].state == core::ActionState::wont_do);
    int changes = 0;
    for (const auto& e : tx.timeline(id))
        if (e.kind == core::EventKind::action_item_changed) ++changes;
    CHECK(changes == 4);
}

TEST_CASE_METHOD(ServiceFixture, "close ends a resolved incident's review") {
    auto name = declare("DB down sev2");
    CHECK(text_of(run("alice", name, "close")).find("Only a resolved incident can be closed") !=
          std::string::npos);
    run("alice", name, "resolve Fixed");
    CHECK(run("alice", name, "close").visibility == Visibility::in_channel);
    auto inc = incident(name);
    CHECK(inc.status == core::Status::closed);
    CHECK(inc.milestones.closed_at);
}

TEST_CASE_METHOD(ServiceFixture, "a note does not edit the pinned summary; a change does, once") {
    auto name = declare("DB down sev2");
    auto edits = [&] {
        int n = 0;
        for (const auto& item : outbox()) n += item.kind == "update_summary";
        return n;
    };
    int before = edits();
    for (int i = 0; i < 100; ++i) run("alice", name, "note step " + std::to_string(i));
    CHECK(edits() == before);  // the summary did not change: 100 notes, no edit
    // Severity changes while the channel is still being created: the first edit waits
    // behind the creation, and each newer one replaces its content instead of queueing.
    for (int i = 0; i < 10; ++i) run("alice", name, i % 2 == 0 ? "sev sev1" : "sev sev2");
    CHECK(edits() == before + 1);
}

TEST_CASE("an incident's name follows its platform's naming rules") {
    store::Store store({":memory:", "normal"});
    store.migrate();
    fakes::ManualClock clock{t0()};
    ServiceSettings settings;
    settings.name_rules["console"] = core::NameRules{30};
    IncidentService service(store, clock, settings);
    FrontDoor front_door(service, store, clock);
    front_door.add_platform(plain_platform());
    front_door.handle(typed("alice", "general", "declare Checkout errors for EU customers sev2"));
    auto tx = store.begin();
    auto incidents = tx.incidents(false, 1);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].name == "inc-20261122-checkout-errors-f");  // 30 characters
}
