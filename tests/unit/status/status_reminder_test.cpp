// The external update cadence: a reminder to Comms when the next public update is due,
// once per due time, across a restart.
#include <catch2/catch.hpp>

#include "firebreak/app/outbox_kinds.hpp"
#include "status_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::status_testing;

namespace {

std::vector<chat::Message> posts(StatusFixture& f, const std::string& needle) {
    std::vector<chat::Message> out;
    auto tx = f.store.read();
    for (const auto& item : tx.deliverable(core::Timestamp::max(), 1000)) {
        if (item.kind != app::outbox_kind::post) continue;
        auto m = chat::deserialize(item.payload);
        if (m && m->text.find(needle) != std::string::npos) out.push_back(*m);
    }
    return out;
}

std::optional<core::Timestamp> public_reminder(StatusFixture& f, const std::string& name) {
    auto tx = f.store.read();
    auto r = tx.reminder(tx.incident_by_name(name)->id, core::reminder::public_update_due);
    if (!r || r->fired_at) return std::nullopt;
    return r->due_at;
}

constexpr const char* kNudge = "the next status page update was due";

}  // namespace

TEST_CASE("the external reminder fires once per due time, with No change and Snooze") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "comms @carol");
    f.publish("carol", channel, "We are aware of errors.");
    // SEV1: customers hear from us every 30 minutes.
    CHECK(public_reminder(f, channel) == f.clock.now() + 30min);

    f.clock.advance(29min);
    f.service.fire_due_reminders();
    CHECK(posts(f, kNudge).empty());

    f.clock.advance(1min);
    f.service.fire_due_reminders();
    auto nudges = posts(f, kNudge);
    REQUIRE(nudges.size() == 1);
    CHECK_THAT(nudges[0].text, Catch::StartsWith("<@carol>"));
    std::vector<std::string> commands;
    for (const auto& b : nudges[0].buttons) commands.push_back(b.command);
    CHECK(commands == std::vector<std::string>{"publish nochange", "publish", "publish snooze"});

    f.clock.advance(10min);
    f.service.fire_due_reminders();
    CHECK(posts(f, kNudge).size() == 1);  // once per due time

    // "No change" publishes at once and re-arms the cadence.
    f.run("carol", channel, "publish nochange");
    auto updates = f.json("/api/v2/incidents.json")["incidents"][0]["incident_updates"];
    REQUIRE(updates.size() == 2);
    CHECK_THAT(updates[0]["body"].get<std::string>(),
               Catch::StartsWith("No change: we are still investigating the issue."));
    CHECK(public_reminder(f, channel) == f.clock.now() + 30min);

    // Snooze moves it by 15 minutes.
    f.run("carol", channel, "publish snooze");
    CHECK(public_reminder(f, channel) == f.clock.now() + 45min);

    // Resolved on the page: no more reminders.
    f.publish("carol", channel, "resolved");
    CHECK_FALSE(public_reminder(f, channel));

    // External cadence adherence, apart from the internal one: the "No change" came 10
    // minutes late; the resolved update (due 45 minutes after it) on time.
    app::Reply stats = f.run("alice", channel, "stats");
    CHECK_THAT(text_of(stats),
               Catch::Contains("Status page updates: 50% on time (1 of 2 due); late ones by "
                               "10m (median)"));
}

TEST_CASE("a cadence that is off arms no external reminder") {
    StatusFixture f;
    std::string channel = f.declare("Slow search sev3");
    f.publish("alice", channel, "Search is slow.");
    CHECK_FALSE(public_reminder(f, channel));
    CHECK_THAT(text_of(f.run("alice", channel, "publish snooze")),
               Catch::Contains("There is no status page reminder to snooze."));
}

TEST_CASE("an external reminder due while the bot was down fires once after a restart") {
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("status.db");
    std::string channel;
    core::Timestamp published_at;
    {
        StatusFixture f(path);
        channel = f.declare("Checkout errors sev1");
        f.publish("alice", channel, "We are aware of errors.");
        published_at = f.clock.now();
    }
    StatusFixture after(path);
    after.clock.set(published_at + 2h);  // down for four due times
    after.service.fire_due_reminders();
    after.service.fire_due_reminders();
    CHECK(posts(after, kNudge).size() == 1);
}
