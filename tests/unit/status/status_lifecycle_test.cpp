// Publishing from chat to the status page: the preview, the lifecycle, and what the page,
// its JSON and its feed say at each step.
#include <catch2/catch.hpp>

#include "status_fixture.hpp"

using namespace firebreak;
using namespace firebreak::status_testing;

namespace {

int feed_entries(const std::string& feed) {
    int n = 0;
    for (std::size_t at = feed.find("<entry>"); at != std::string::npos;
         at = feed.find("<entry>", at + 1))
        ++n;
    return n;
}

/// The title of the feed's first (newest) entry.
std::string first_entry_title(const std::string& feed) {
    std::size_t entry = feed.find("<entry>");
    REQUIRE(entry != std::string::npos);
    std::size_t open = feed.find("<title>", entry) + 7;
    return feed.substr(open, feed.find("</title>", open) - open);
}

}  // namespace

TEST_CASE("a preview publishes nothing until its Publish button is pressed") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "comms me");
    const std::string before = f.doc("/api/v2/summary.json");

    app::Reply preview = f.run("alice", channel, "publish investigating Checkout is failing.");
    REQUIRE(preview.visibility == app::Visibility::ephemeral);
    CHECK_THAT(text_of(preview), Catch::Contains("nothing is public yet"));
    std::vector<std::string> labels;
    for (const auto& b : preview.messages.at(0).buttons) labels.push_back(b.label);
    CHECK(labels == std::vector<std::string>{"Publish", "Edit", "Cancel"});

    CHECK(f.doc("/api/v2/summary.json") == before);
    CHECK(f.json("/api/v2/incidents.json")["incidents"].empty());
    CHECK(feed_entries(f.doc("/status/feed.atom")) == 0);

    app::Reply published = f.run(
        "alice", channel, "publish confirm " + std::to_string(StatusFixture::draft_of(preview)));
    CHECK(published.visibility == app::Visibility::in_channel);
    CHECK_THAT(text_of(published), Catch::Contains("Published to the status page"));
    CHECK_THAT(text_of(published), Catch::Contains("https://status.example.com/status/incidents/"));
    auto incidents = f.json("/api/v2/incidents.json")["incidents"];
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0]["incident_updates"][0]["body"] == "Checkout is failing.");
}

TEST_CASE("Cancel discards the draft; its buttons no longer work") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    app::Reply preview = f.run("alice", channel, "publish Checkout is failing.");
    std::string n = std::to_string(StatusFixture::draft_of(preview));
    CHECK_THAT(text_of(f.run("alice", channel, "publish cancel " + n)),
               Catch::Contains("nothing was published"));
    CHECK_THAT(text_of(f.run("alice", channel, "publish confirm " + n)),
               Catch::Contains("already published or canceled"));
    CHECK(f.json("/api/v2/incidents.json")["incidents"].empty());
}

TEST_CASE("Edit opens the form with the draft's text; submitting it publishes the edit") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    app::Reply preview = f.run("alice", channel, "publish Checkout is failing.");
    std::int64_t n = StatusFixture::draft_of(preview);
    app::Answer form = f.handle("alice", channel, "publish edit " + std::to_string(n));
    REQUIRE(form.kind == app::Answer::Kind::form);
    REQUIRE(form.form);
    CHECK(form.form->id == "publish");
    CHECK(form.form->fields.at(1).initial == "Checkout is failing.");
    CHECK(form.form->fields.at(0).initial == "investigating");

    app::Inbound submit;
    submit.platform = "console";
    submit.conversation = channel;
    submit.user = "alice";
    submit.body = app::FormSubmission{
        "publish", form.form->context, {{"status", "identified"}, {"text", "Edited wording."}}};
    f.front_door.handle(submit);
    auto incidents = f.json("/api/v2/incidents.json")["incidents"];
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0]["status"] == "identified");
    CHECK(incidents[0]["incident_updates"][0]["body"] == "Edited wording.");
    // The draft it replaced is closed.
    CHECK_THAT(text_of(f.run("alice", channel, "publish confirm " + std::to_string(n))),
               Catch::Contains("already published or canceled"));
}

TEST_CASE("investigating, identified, monitoring, resolved: page, JSON and feed agree") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "comms me");
    REQUIRE_THAT(text_of(f.run("alice", channel, "affects api=partial checkout=major")),
                 Catch::Contains("Public API partial, Checkout major"));

    struct Step {
        std::string status;
        std::string label;          // on the page
        std::string indicator;      // status.json
        std::string api_component;  // components.json
    };
    const Step steps[] = {
        {"investigating", "Investigating", "critical", "partial_outage"},
        {"identified", "Identified", "critical", "partial_outage"},
        {"monitoring", "Monitoring", "critical", "partial_outage"},
        {"resolved", "Resolved", "none", "operational"},
    };
    int published = 0;
    for (const auto& step : steps) {
        f.clock.advance(10min);
        f.publish("alice", channel, step.status + " Update for " + step.status + ".");
        ++published;
        INFO(step.status);
        auto summary = f.json("/api/v2/summary.json");
        auto all = f.json("/api/v2/incidents.json")["incidents"];
        auto unresolved = f.json("/api/v2/incidents/unresolved.json")["incidents"];
        REQUIRE(all.size() == 1);
        const auto& inc = all[0];
        CHECK(inc["status"] == step.status);
        CHECK(inc["name"] == "Checkout errors");
        CHECK(inc["incident_updates"].size() == static_cast<std::size_t>(published));
        CHECK(inc["incident_updates"][0]["status"] == step.status);  // newest first
        CHECK(inc["incident_updates"][0]["body"] == "Update for " + step.status + ".");
        CHECK(f.json("/api/v2/status.json")["status"]["indicator"] == step.indicator);
        CHECK(summary["status"]["indicator"] == step.indicator);
        CHECK(summary["components"][0]["id"] == "api");
        CHECK(summary["components"][0]["status"] == step.api_component);
        CHECK(f.json("/api/v2/components.json")["components"][0]["status"] == step.api_component);
        bool resolved = step.status == "resolved";
        CHECK(unresolved.size() == (resolved ? 0u : 1u));
        CHECK(summary["incidents"].size() == (resolved ? 0u : 1u));
        CHECK((inc["resolved_at"].is_null()) == !resolved);
        CHECK((inc["monitoring_at"].is_null()) ==
              (step.status == "investigating" || step.status == "identified"));

        const std::string id = inc["id"];
        const std::string& html = f.doc("/status");
        // Active incidents show every update; resolved ones are listed under their day.
        CHECK_THAT(html, Catch::Contains(resolved ? "Checkout errors</a> — resolved"
                                                  : "Update for " + step.status + "."));
        CHECK_THAT(html,
                   Catch::Contains(resolved ? "All Systems Operational" : "Major System Outage"));
        CHECK((html.find("Active incidents") != std::string::npos) == !resolved);
        const std::string& page = f.doc("/status/incidents/" + id);
        CHECK_THAT(page, Catch::Contains("<strong>" + step.label + "</strong>"));
        CHECK((page.find("Next update") != std::string::npos) == !resolved);

        const std::string& feed = f.doc("/status/feed.atom");
        CHECK(feed_entries(feed) == published);
        CHECK(first_entry_title(feed) == step.label + ": Checkout errors");
        CHECK_THAT(feed, Catch::Contains("https://status.example.com/status/incidents/" + id));
    }
    // Each publish is a timeline entry.
    int events = 0;
    {
        auto tx = f.store.read();
        auto inc = tx.incident_by_name(channel);
        for (const auto& e : tx.timeline(inc->id)) events += e.kind == core::EventKind::published;
    }
    CHECK(events == 4);
    // ... and so in the postmortem draft's timeline.
    CHECK_THAT(text_of(f.run("alice", channel, "postmortem")),
               Catch::Contains("Published to the status page (identified): Update for "
                               "identified."));
}

TEST_CASE("with no text the status's external template fills the update") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "affects checkout=major");
    app::Reply preview = f.run("alice", channel, "publish");
    std::string text = text_of(preview);
    CHECK_THAT(text, Catch::Contains("We are aware of an issue impacting Checkout."));
    CHECK_THAT(text, Catch::Contains("Users may experience a major outage of Checkout."));
    // SEV1's external cadence is 30 minutes: 10:30 UTC, with its offset.
    CHECK_THAT(text, Catch::Contains("Next update at 2026-11-22 10:30 UTC (UTC+00:00)."));
    CHECK_THAT(text, Catch::Contains("Public status: investigating"));

    f.clock.advance(20min);
    text = text_of(f.run("alice", channel, "publish identified"));
    CHECK_THAT(text, Catch::Contains("We have identified the cause"));
    CHECK_THAT(text, Catch::Contains("Public status: identified"));

    f.clock.advance(40min);
    text = text_of(f.run("alice", channel, "publish resolved"));
    CHECK_THAT(text, Catch::Contains("between 2026-11-22 10:00 UTC (UTC+00:00) and 2026-11-22 "
                                     "11:00 UTC (UTC+00:00)"));
    CHECK(text.find('{') == std::string::npos);
}

TEST_CASE("the public title is the incident's until set with publish --title") {
    StatusFixture f;
    std::string channel = f.declare("db-7 primary OOM after deploy 4411 sev2");
    f.publish("alice", channel, "We are looking into errors.");
    CHECK(f.json("/api/v2/incidents.json")["incidents"][0]["name"] ==
          "db-7 primary OOM after deploy 4411");
    CHECK_THAT(text_of(f.run("alice", channel, "publish --title \"Errors when paying\"")),
               Catch::Contains("Status page title set to: Errors when paying"));
    CHECK(f.json("/api/v2/incidents.json")["incidents"][0]["name"] == "Errors when paying");
    CHECK(f.doc("/status").find("db-7") == std::string::npos);
}

TEST_CASE("the summary card shows the components hit and offers the publish button") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "affects api=degraded");
    app::Reply summary = f.run("alice", channel, "summary");
    CHECK_THAT(text_of(summary), Catch::Contains("Components: Public API: degraded"));
    bool button = false;
    for (const auto& b : summary.messages.at(0).buttons)
        button = button || (b.label == "Publish to status page" && b.command == "publish");
    CHECK(button);
}

TEST_CASE("an unknown component is refused with the known ones, and changes nothing") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    CHECK_THAT(text_of(f.run("alice", channel, "affects payments=major")),
               Catch::Contains("Unknown component 'payments'. The components are: api, "
                               "checkout, web."));
    auto tx = f.store.read();
    CHECK_FALSE(tx.public_face(tx.incident_by_name(channel)->id));
}

TEST_CASE("resolving while customers still see the incident open asks for the resolved update") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev2");
    f.publish("alice", channel, "We are looking into errors.");
    // --force: the resolution criteria form (issue #17) is not what this test is about.
    app::Reply resolve = f.run("alice", channel, "resolve --force fixed");
    CHECK_THAT(text_of(resolve), Catch::Contains("Customers still see this incident as "
                                                 "investigating on the status page."));
    bool button = false;
    for (const auto& m : resolve.messages)
        for (const auto& b : m.buttons) button = button || b.command == "publish resolved";
    CHECK(button);
    // Once resolved there, nothing more is asked.
    f.run("alice", channel, "reopen");
    f.publish("alice", channel, "resolved All good.");
    CHECK(text_of(f.run("alice", channel, "resolve --force")).find("Customers still see") ==
          std::string::npos);
}
