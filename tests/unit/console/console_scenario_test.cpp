// A whole SEV1 driven through the console, as a person would type it, then checked
// against what the database holds afterwards.
#include <catch2/catch.hpp>
#include <sstream>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/clock.hpp"
#include "firebreak/console/console_session.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace std::chrono_literals;

namespace {

core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}  // 10:00 UTC

constexpr const char* kScript = R"(# a SEV1, start to finish
:as alice
/incident declare Checkout errors for EU customers sev2
:click 1
/incident tl me
/incident sev sev1
/incident comms me
/incident comms @carol
/incident tl @bob
/incident decision Fail over the primary database
:click 1
:as bob
:click 1
:as carol
/incident update Error rate 30%; failing over the primary
:advance 16m
:click 2
:as alice
/incident sev sev2
/incident sev sev1
/incident note Replica lag peaked at 40s
/incident mitigated Failover complete, errors back to baseline
/incident resolve Root cause: connection pool exhaustion
y
y
y
y
y
n
/incident action Alert on pool saturation owner:@bob due:2026-12-15 priority:p1 verify:alert fires in staging
/incident timeline
:quit
)";

struct Run {
    std::string output;
    int failures = 0;
};

Run run_script(const std::string& db_path, app::AdjustableClock& clock, const std::string& script) {
    store::Store store({db_path, "normal"});
    store.migrate();
    app::ServiceSettings settings;
    settings.announce_conversations["console"] = "incidents";
    app::IncidentService service(store, clock, settings);
    app::FrontDoor front_door(service, store, clock);
    front_door.add_platform(console::platform_profile());
    std::istringstream in(script);
    std::ostringstream out;
    console::ConsoleSession session(front_door, service, store, clock, in, out,
                                    console::ConsoleOptions{});
    int failures = session.run();
    return {out.str(), failures};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a whole SEV1 runs in the console and every step is persisted") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r = run_script(dir.file("fb.db"), clock, kScript);
    INFO(r.output);
    CHECK(r.failures == 0);
    const std::string name = "inc-20261122-checkout-errors-for-eu-customers";

    // What people saw.
    CHECK(contains(r.output, "(#" + name + " was created and you joined it)"));
    CHECK(contains(r.output,
                   "#incidents  firebreak:\n    SEV2 (High) declared: Checkout errors for EU "
                   "customers. Incident Commander: unassigned. Working in #" +
                       name + "."));
    CHECK(contains(r.output, "(@alice clicked \"Claim IC\")"));
    CHECK(contains(r.output, "@alice is now Incident Commander."));
    CHECK(contains(r.output, "Promoted from SEV2 (High) to SEV1 (Critical)."));
    CHECK(contains(r.output, "SEV1 (Critical) needs: Comms Lead."));
    CHECK(contains(r.output, "@bob is now Tech Lead (was @alice)."));
    CHECK(contains(r.output, "one person cannot hold all three roles"));
    CHECK(contains(r.output, "@carol is now Comms Lead."));
    CHECK(contains(r.output, "Decision #1 proposed: Fail over the primary database"));
    CHECK(contains(r.output, "@alice acknowledged decision #1 as Incident Commander."));
    CHECK(contains(
        r.output, "Decision #1 recorded (IC and TL acknowledged): Fail over the primary database"));
    CHECK(contains(r.output,
                   "SEV1 · investigating\n    Error rate 30%; failing over the primary\n    "
                   "Next update at 10:15 UTC."));
    CHECK(contains(r.output, "@carol a SEV1 (Critical) stakeholder update was due at 10:15 UTC."));
    CHECK(contains(r.output, "No change, still investigating; next update at 10:31 UTC."));
    CHECK(contains(r.output, "Downgraded from SEV1 (Critical) to SEV2 (High)."));
    CHECK(contains(r.output, "Status changed from investigating to monitoring. Failover complete"));
    CHECK(contains(r.output, "Status changed from monitoring to resolved. Root cause"));
    CHECK(
        contains(r.output, "Action item #1 (p1, @bob, due 2026-12-15): Alert on pool saturation"));
    CHECK(contains(r.output, "*Timeline of " + name + "*"));

    // What the database holds, read through a fresh connection.
    store::Store reopened({dir.file("fb.db"), "normal"});
    auto tx = reopened.begin();
    auto inc = tx.incident_by_name(name);
    REQUIRE(inc);
    CHECK(inc->severity == "sev1");
    CHECK(inc->status == core::Status::resolved);
    CHECK(inc->conversation == name);
    CHECK(inc->holds("alice", core::Role::ic));
    CHECK(inc->holds("bob", core::Role::tl));
    CHECK(inc->holds("carol", core::Role::comms));
    CHECK(inc->milestones.declared_at == t0());
    CHECK(inc->milestones.acknowledged_at == t0());
    CHECK(inc->milestones.mitigated_at == t0() + 16min);
    CHECK(inc->milestones.resolved_at == t0() + 16min);
    CHECK_FALSE(inc->next_update_due);

    auto decisions = tx.decisions(inc->id);
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].state == core::DecisionState::recorded);
    CHECK(decisions[0].ic_ack == "alice");
    CHECK(decisions[0].tl_ack == "bob");

    auto updates = tx.status_updates(inc->id);
    REQUIRE(updates.size() == 2);
    CHECK(updates[0].kind == core::UpdateKind::update);
    CHECK(updates[1].kind == core::UpdateKind::no_change);
    CHECK(updates[1].due_at == t0() + 15min);
    CHECK(updates[1].posted_at == t0() + 16min);

    auto items = tx.action_items(inc->id);
    REQUIRE(items.size() == 1);
    CHECK(items[0].owner == "bob");
    CHECK(items[0].verify == "alert fires in staging");

    auto events = tx.timeline(inc->id);
    std::vector<core::EventKind> kinds;
    for (const auto& e : events) kinds.push_back(e.kind);
    using K = core::EventKind;
    CHECK(kinds == std::vector<K>{K::declared,
                                  K::role_assigned,
                                  K::role_assigned,
                                  K::severity_changed,
                                  K::role_assigned,
                                  K::role_assigned,
                                  K::decision_proposed,
                                  K::decision_acknowledged,
                                  K::decision_acknowledged,
                                  K::decision_recorded,
                                  K::update_posted,
                                  K::reminder_sent,
                                  K::no_change_posted,
                                  K::severity_changed,
                                  K::severity_changed,
                                  K::note,
                                  K::status_changed,
                                  K::status_changed,
                                  K::resolution_checked,
                                  K::action_item_added});
    // The form's answers are on record: five criteria confirmed, the watch period not.
    CHECK(events[events.size() - 2].text.find("Not confirmed: Watch period completed.") !=
          std::string::npos);
    CHECK(tx.outbox_depth() == 0);  // the console delivered everything it queued
}

TEST_CASE("a console restart keeps the incident and fires a missed reminder once") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    run_script(dir.file("fb.db"), clock, ":as alice\n/incident declare DB down sev1\n");
    clock.advance(2h);  // the console was closed through eight update periods
    Run again =
        run_script(dir.file("fb.db"), clock, ":join #inc-20261122-db-down\n/incident summary\n");
    INFO(again.output);
    std::size_t first = again.output.find("stakeholder update was due at 10:15 UTC");
    REQUIRE(first != std::string::npos);
    CHECK(again.output.find("stakeholder update was due", first + 1) == std::string::npos);
    CHECK(again.output.find("[SEV1 (Critical)] DB down") != std::string::npos);
}

TEST_CASE("console input errors are reported and counted, never fatal") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r = run_script(dir.file("fb.db"), clock,
                       ":click 3\n:advance soon\n:dance\n/incidentx\n/incident nonsense\n");
    CHECK(r.failures == 4);
    CHECK(r.output.find("There is no button 3") != std::string::npos);
    CHECK(r.output.find(":advance needs a duration") != std::string::npos);
    CHECK(r.output.find("unknown command 'nonsense'") != std::string::npos);
}

TEST_CASE(":as takes one name of letters, digits, dots, dashes and underscores") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r = run_script(dir.file("fb.db"), clock,
                       ":as @\n:as bob smith\n:as\n:as al!ce\n:as @dana.o-k_2\n/incident help\n");
    INFO(r.output);
    CHECK(r.failures == 4);
    CHECK(contains(r.output, ":as needs one name of letters, digits, '.', '_' or '-'"));
    CHECK_FALSE(contains(r.output, "(you are now @)"));
    CHECK_FALSE(contains(r.output, "(you are now @bob smith)"));
    CHECK(contains(r.output, "(you are now @dana.o-k_2)"));
    CHECK(contains(r.output, "@dana.o-k_2 in #general> /incident help"));
}

TEST_CASE("a console user name is one plain word, with an optional @") {
    CHECK(console::console_user("alice") == "alice");
    CHECK(console::console_user("@alice") == "alice");
    CHECK(console::console_user("a.b-c_9") == "a.b-c_9");
    for (const char* bad : {"", "@", "@@a", "bob smith", "a\tb", "<@U1>", "al|ce", "é"}) {
        INFO(bad);
        CHECK_FALSE(console::console_user(bad));
    }
}

TEST_CASE(":click takes only a whole positive number") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r = run_script(dir.file("fb.db"), clock,
                       ":as alice\n/incident declare DB down sev2\n:click 1x\n:click +1\n"
                       ":click 0\n:click\n:click 99999999999\n");
    INFO(r.output);
    CHECK(r.failures == 5);
    CHECK_FALSE(contains(r.output, "clicked"));
    CHECK(contains(r.output, ":click needs a button number, such as :click 1."));
}

TEST_CASE(":advance moves the clock at most 30 days at a time") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r =
        run_script(dir.file("fb.db"), clock, ":advance 999999999d\n:advance 31d\n:advance 30d\n");
    INFO(r.output);
    CHECK(r.failures == 2);
    CHECK(contains(r.output, ":advance moves the clock at most 30d at a time."));
    CHECK(clock.now() == t0() + std::chrono::days{30});
}

TEST_CASE("a restart after :advance 2h keeps time moving forward") {
    firebreak::testing::TempDir dir;
    const std::string name = "inc-20261122-db-down";
    {
        fakes::ManualClock clock{t0()};
        run_script(dir.file("fb.db"), clock,
                   ":as alice\n/incident declare DB down sev2\n:advance 2h\n"
                   "/incident note before the restart\n");
    }
    // The restarted console's clock has forgotten the two hours, as OffsetClock does.
    fakes::ManualClock restarted{t0()};
    Run r = run_script(dir.file("fb.db"), restarted,
                       ":as alice\n:join #" + name + "\n/incident note after the restart\n");
    INFO(r.output);
    CHECK(r.failures == 0);
    CHECK(restarted.now() >= t0() + 2h);

    store::Store reopened({dir.file("fb.db"), "normal"});
    auto tx = reopened.begin();
    auto inc = tx.incident_by_name(name);
    REQUIRE(inc);
    auto events = tx.timeline(inc->id);
    REQUIRE(events.size() >= 2);
    CHECK(events.back().text == "after the restart");
    for (std::size_t i = 1; i < events.size(); ++i) {
        INFO(i);
        CHECK(events[i - 1].at <= events[i].at);
    }
}

TEST_CASE("a restarted console on the wall clock does not stamp events before older ones") {
    firebreak::testing::TempDir dir;
    {
        app::OffsetClock clock;
        run_script(dir.file("fb.db"), clock,
                   ":as alice\n/incident declare First sev2\n:advance 2h\n"
                   "/incident note two hours on\n");
    }
    app::OffsetClock restarted;
    run_script(dir.file("fb.db"), restarted, ":as bob\n/incident declare Second sev2\n");

    store::Store reopened({dir.file("fb.db"), "normal"});
    auto tx = reopened.begin();
    auto incidents = tx.incidents(false, 10);
    REQUIRE(incidents.size() == 2);
    auto by_title = [&](const std::string& title) {
        for (const auto& inc : incidents)
            if (inc.title == title) return tx.timeline(inc.id);
        FAIL("no incident titled " << title);
        return std::vector<core::TimelineEvent>{};
    };
    const auto first = by_title("First");
    const auto second = by_title("Second");
    REQUIRE_FALSE(first.empty());
    REQUIRE_FALSE(second.empty());
    CHECK(second.front().at >= first.back().at);
}

TEST_CASE("help in the console shows people as @user, not eaten by the mention renderer") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    Run r = run_script(dir.file("fb.db"), clock, "/incident help\n");
    INFO(r.output);
    CHECK(contains(r.output, "/incident ic @user|me"));
    CHECK(contains(r.output, "/incident handover <ic|tl|comms> @user|me <current-state summary>"));
    CHECK(contains(r.output, "owner:@user|me due:"));
}

TEST_CASE("the console shows a form as prompts and fills it line by line") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    // Declare through the form: a bad first answer is asked again, a refused submission
    // asks again for the refused fields only.
    Run r = run_script(dir.file("fb.db"), clock,
                       ":as alice\n"
                       "/incident declare\n"
                       "\n"   // title: empty, refused on submit
                       "1\n"  // severity: the first listed (sev1)
                       "Checkout fails\n"
                       "EU customers\n"
                       "20m\n"  // since: 20 minutes ago
                       "deploy 4812\n"
                       "maybe\n"  // not y or n: asked again
                       "n\n"
                       "Checkout errors\n"  // the title again, after the refusal
                       "/incident update\n"
                       ":cancel\n");
    INFO(r.output);
    CHECK(r.failures == 0);
    CHECK(contains(r.output, "Declare an incident (:cancel to leave the form)"));
    CHECK(contains(r.output, "That is not an answer to this question; try again."));
    CHECK(contains(r.output, "! Title: Give the incident a short title."));
    CHECK(contains(r.output, "Declared SEV1 (Critical): inc-20261122-checkout-errors."));
    CHECK(contains(r.output, "Post an update (:cancel to leave the form)"));
    CHECK(contains(r.output, "(the form was left; nothing was sent)"));

    store::Store reopened({dir.file("fb.db"), "normal"});
    auto tx = reopened.begin();
    auto inc = tx.incident_by_name("inc-20261122-checkout-errors");
    REQUIRE(inc);
    CHECK(inc->severity == "sev1");
    CHECK(inc->impact.what_broken == "Checkout fails");
    CHECK(inc->impact.who_affected == "EU customers");
    CHECK(inc->impact.recent_changes == "deploy 4812");
    CHECK(inc->impact.started_at == t0() - 20min);
    CHECK_FALSE(inc->is_private);
    CHECK(tx.status_updates(inc->id).empty());
}
