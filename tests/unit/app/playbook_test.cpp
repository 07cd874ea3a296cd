// The rest of the playbook through the front door: help requests and Join, stakeholders,
// workstreams on the summary card, and the resolution criteria as a form.
#include <nlohmann/json.hpp>

#include "checklist.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/message.hpp"
#include "service_fixture.hpp"
#include "views.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

struct PlaybookFixture : ServiceFixture {
    explicit PlaybookFixture(ServiceSettings s = settings()) { service.reconfigure(std::move(s)); }

    std::vector<store::OutboxItem> posts_to(const std::string& conversation) {
        std::vector<store::OutboxItem> out;
        for (auto& item : outbox())
            if (item.conversation == conversation && item.kind == outbox_kind::post)
                out.push_back(item);
        return out;
    }

    std::vector<core::TimelineEvent> events_of(const std::string& name, core::EventKind kind) {
        auto id = incident(name).id;
        auto tx = store.begin();
        std::vector<core::TimelineEvent> out;
        for (auto& e : tx.timeline(id))
            if (e.kind == kind) out.push_back(e);
        return out;
    }

    Answer press(const std::string& user, const std::string& conversation,
                 const std::string& command) {
        Inbound in = typed(user, conversation, "");
        in.body = ButtonPress{command};
        return front_door.handle(in);
    }
};

std::string field(const chat::Message& m, const std::string& label) {
    for (const auto& f : m.fields)
        if (f.label == label) return f.value;
    return "<none>";
}

chat::Message message_of(const store::OutboxItem& item) {
    auto m = chat::deserialize(item.payload);
    REQUIRE(m);
    return *m;
}

ServiceSettings with_escalation() {
    ServiceSettings s = ServiceFixture::settings();
    s.escalation_conversations["console"] = "help";
    return s;
}

ServiceSettings with_stakeholders() {
    ServiceSettings s = ServiceFixture::settings();
    s.policy.severities[0].notify = {{"leadership", false}, {"security", true}};
    s.policy.severities[1].notify = {{"support", false}};
    return s;
}

}  // namespace

TEST_CASE("escalate posts the Need support message once, and Join brings the clicker in") {
    PlaybookFixture f{with_escalation()};
    auto name = f.declare("Checkout errors sev1");
    f.run("alice", name, "ic me");
    f.run("bob", name, "tl me");
    f.run("bob", name, "bridge https://meet.jit.si/acme-checkout");
    Reply r = f.run("bob", name, "escalate database replica lag at 40s");
    CHECK(r.visibility == Visibility::in_channel);
    auto posts = f.posts_to("help");
    REQUIRE(posts.size() == 1);
    chat::Message m = message_of(posts[0]);
    CHECK(m.text == "*Need support: database* for Checkout errors (" + name + ")");
    CHECK(field(m, "What we need") == "database");
    CHECK(field(m, "Why") == "replica lag at 40s");
    CHECK(field(m, "Urgency") == "SEV1 (Critical)");
    CHECK(field(m, "Owner") == "<@bob>");  // the TL
    CHECK(field(m, "Where to join") ==
          "<#" + name + "> · bridge https://meet.jit.si/acme-checkout");
    REQUIRE(m.buttons.size() == 1);
    CHECK(m.buttons[0].label == "Join");
    CHECK(m.buttons[0].command == "join " + name);
    CHECK(f.events_of(name, core::EventKind::help_requested).size() == 1);

    // Dave clicks Join in the escalation channel: invited, and the incident hears of it.
    auto before = f.outbox().size();
    Answer joined = f.press("dave", "help", m.buttons[0].command);
    REQUIRE(joined.reply.messages.size() == 1);
    CHECK(joined.reply.visibility == Visibility::ephemeral);
    CHECK(joined.reply.messages[0].text.find("Adding you to <#" + name + ">") != std::string::npos);
    auto items = f.outbox();
    std::vector<store::OutboxItem> invites;
    for (auto& i : items)
        if (i.kind == outbox_kind::invite) invites.push_back(i);
    REQUIRE(invites.size() == 1);
    CHECK(nlohmann::json::parse(invites[0].payload)["user"] == "dave");
    CHECK(invites[0].conversation.empty());  // the incident's own
    CHECK(items.size() > before);
    auto joins = f.events_of(name, core::EventKind::help_joined);
    REQUIRE(joins.size() == 1);
    CHECK(joins[0].actor == "dave");
    CHECK(f.posts_to("help").size() == 1);  // the request was posted once
}

TEST_CASE("a private incident's help request has no Join, and Join is refused") {
    PlaybookFixture f{with_escalation()};
    auto name = f.declare("Leaked keys sev1 --private");
    f.run("alice", name, "ic me");
    f.run("alice", name, "escalate security rotate the keys");
    auto posts = f.posts_to("help");
    REQUIRE(posts.size() == 1);
    chat::Message m = message_of(posts[0]);
    CHECK(m.buttons.empty());
    CHECK(m.footer.find("private") != std::string::npos);
    Answer a = f.press("mallory", "help", "join " + name);
    CHECK(a.reply.messages.at(0).text.find("private") != std::string::npos);
    CHECK(f.events_of(name, core::EventKind::help_joined).empty());
}

TEST_CASE("without an escalation channel help goes to the announce channel, else is refused") {
    PlaybookFixture f;
    auto name = f.declare("API down sev2");
    f.run("alice", name, "escalate networking packet loss");
    CHECK(f.posts_to("incidents").size() >= 1);
    ServiceSettings none = ServiceFixture::settings();
    none.announce_conversations.clear();
    f.service.reconfigure(none);
    Reply r = f.run("alice", name, "escalate networking packet loss");
    CHECK(r.visibility == Visibility::ephemeral);
    CHECK(text_of(r).find("no escalation channel") != std::string::npos);
}

TEST_CASE("stakeholders hear of the declare, a promotion, every update and the resolution") {
    PlaybookFixture f{with_stakeholders()};
    auto name = f.declare("Checkout errors sev2");
    auto support = f.posts_to("support");
    REQUIRE(support.size() == 1);
    chat::Message declared = message_of(support[0]);
    CHECK(declared.text == "*Incident declared: Checkout errors*");
    CHECK(field(declared, "Severity") == "SEV2 (High)");
    CHECK(field(declared, "Since") == "2026-11-22 10:00 UTC");
    CHECK(field(declared, "Current action") == "investigating");
    CHECK(field(declared, "Next update") == "10:30 UTC");
    CHECK(field(declared, "Roles") == "IC unassigned, TL unassigned, Comms unassigned");
    CHECK(f.posts_to("leadership").empty());

    f.run("alice", name, "ic me");
    f.clock.set(t0() + 3min);
    f.run("alice", name, "sev sev1");  // the SEV1 stakeholders now hear of it
    CHECK(f.posts_to("leadership").size() == 1);
    CHECK(f.posts_to("security").size() == 1);
    CHECK(f.posts_to("support").size() == 1);  // not told twice
    CHECK(field(message_of(f.posts_to("leadership")[0]), "Roles").find("IC <@alice>") == 0);

    f.clock.set(t0() + 5min);
    f.run("alice", name, "update Error rate 30%; failing over");
    for (const char* who : {"support", "leadership", "security"}) {
        INFO(who);
        auto posts = f.posts_to(who);
        REQUIRE(posts.size() == 2);
        CHECK(message_of(posts[1]).text ==
              "*Update #1 — 10:05 UTC: investigating* (Checkout errors)\nError rate 30%; "
              "failing over\nNext update: 10:20 UTC.");
    }
    f.run("alice", name, "nochange");
    CHECK(message_of(f.posts_to("support")[2]).text.starts_with("*Update #2 — 10:05 UTC"));

    f.clock.set(t0() + 40min);
    f.run("alice", name, "resolve Pool size restored");
    auto last = message_of(f.posts_to("leadership").back());
    CHECK(
        last.text.starts_with("*Resolved: Checkout errors* at 10:40 UTC, 40m after it began. "
                              "Pool size restored"));
    CHECK(f.posts_to("support").size() == 4);
    auto told = f.events_of(name, core::EventKind::stakeholders_notified);
    REQUIRE(told.size() == 2);
    CHECK(told[0].after == "support");
    CHECK(told[1].after == "leadership,security");
}

TEST_CASE("a private incident notifies only conversations marked private-safe") {
    PlaybookFixture f{with_stakeholders()};
    auto name = f.declare("Leaked keys sev1 --private");
    CHECK(f.posts_to("leadership").empty());
    REQUIRE(f.posts_to("security").size() == 1);
    f.run("alice", name, "update Keys rotated");
    CHECK(f.posts_to("leadership").empty());
    CHECK(f.posts_to("security").size() == 2);
}

TEST_CASE("the summary card lists the bridge and each workstream with owner and state") {
    ServiceSettings s = ServiceFixture::settings();
    s.bridge_url = "https://meet.jit.si/acme-{slug}";
    PlaybookFixture f{s};
    auto name = f.declare("Checkout errors sev2");
    CHECK(f.incident(name).bridge_url == "https://meet.jit.si/acme-checkout-errors");
    // The announcement names the bridge too.
    CHECK(views::announcement(f.incident(name), f.service.settings())
              .text.ends_with("\nVideo bridge: https://meet.jit.si/acme-checkout-errors"));
    f.run("alice", name, "workstream mitigation @bob fail over the primary");
    f.run("alice", name, "workstream diagnosis @carol");
    f.run("carol", name, "workstream diagnosis blocked waiting for logs");
    Reply refused = f.run("alice", name, "workstream firefighting @bob");
    CHECK(text_of(refused).find("The workstreams are: mitigation, diagnosis, comms, vendor.") !=
          std::string::npos);
    Reply summary = f.run("alice", name, "summary");
    REQUIRE(summary.messages.size() == 1);
    CHECK(field(summary.messages[0], "Video bridge") == "https://meet.jit.si/acme-checkout-errors");
    CHECK(field(summary.messages[0], "Workstreams") ==
          "mitigation — <@bob>, active: fail over the primary\ndiagnosis — <@carol>, blocked: "
          "waiting for logs");
    // Each change went to the pinned summary, and into the timeline.
    CHECK(f.events_of(name, core::EventKind::workstream_changed).size() == 3);
}

TEST_CASE("resolve shows the criteria as a form; --force skips it with a timeline entry") {
    PlaybookFixture f;
    PlatformProfile with_forms = plain_platform();
    with_forms.forms = PlatformProfile::Forms::in_answer;
    f.front_door.add_platform(with_forms);
    auto name = f.declare("API down sev2");
    f.run("alice", name, "ic me");
    f.run("alice", name, "mitigated");

    // Someone who may not resolve gets the refusal, not a form.
    Answer tl = f.front_door.handle(typed("bob", name, "resolve"));
    CHECK(tl.kind == Answer::Kind::reply);
    CHECK(text_of(tl.reply).find("may resolve") != std::string::npos);

    Answer a = f.front_door.handle(typed("alice", name, "resolve Pool restored"));
    REQUIRE(a.kind == Answer::Kind::form);
    REQUIRE(a.form);
    CHECK(a.form->id == "resolve");
    REQUIRE(a.form->fields.size() == 6);
    CHECK(a.form->fields[0].label == "Core user actions succeed");
    CHECK(a.form->fields[0].kind == chat::FieldKind::checkbox);
    CHECK(a.form->fields[5].label == "Watch period completed");
    CHECK(a.form->fields[5].initial.empty());  // the watch period has not run yet
    CHECK(f.incident(name).status == core::Status::monitoring);

    Inbound submit = typed("alice", name, "");
    submit.body = FormSubmission{a.form->id,
                                 a.form->context,
                                 {{"criterion_1", "true"},
                                  {"criterion_2", "true"},
                                  {"criterion_3", ""},
                                  {"criterion_4", "true"},
                                  {"criterion_5", "true"},
                                  {"criterion_6", ""}}};
    f.front_door.handle(submit);
    CHECK(f.incident(name).status == core::Status::resolved);
    auto checked = f.events_of(name, core::EventKind::resolution_checked);
    REQUIRE(checked.size() == 1);
    CHECK(checked[0].text ==
          "Resolution criteria confirmed: Core user actions succeed; Errors back to baseline; "
          "Queues draining; No dependency degradation. Not confirmed: Latency back to "
          "baseline; Watch period completed.");
    auto resolved = f.events_of(name, core::EventKind::status_changed);
    CHECK(resolved.back().text == "Status changed from monitoring to resolved. Pool restored");

    auto other = f.declare("DB down sev2");
    f.run("alice", other, "ic me");
    Answer forced = f.front_door.handle(typed("alice", other, "resolve --force customers waiting"));
    CHECK(forced.kind == Answer::Kind::reply);
    CHECK(f.incident(other).status == core::Status::resolved);
    auto skipped = f.events_of(other, core::EventKind::resolution_checked);
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].text ==
          "Resolved with --force, without the resolution criteria: customers waiting");
}

TEST_CASE("the watch period's criterion is ticked once the watch period has run") {
    PlaybookFixture f;
    PlatformProfile with_forms = plain_platform();
    with_forms.forms = PlatformProfile::Forms::in_answer;
    f.front_door.add_platform(with_forms);
    auto name = f.declare("API down sev2");
    f.run("alice", name, "ic me");
    f.run("alice", name, "mitigated");
    f.clock.set(t0() + 31min);
    f.service.fire_due_reminders();
    Answer a = f.front_door.handle(typed("alice", name, "resolve"));
    REQUIRE(a.form);
    CHECK(a.form->fields[5].initial == "true");
    auto id = f.incident(name).id;
    auto tx = f.store.begin();
    bool watch_ticked = false;
    for (const auto& t : tx.checklist_ticks(id))
        if (t.item == "watch") watch_ticked = t.at == t0() + 31min && t.by.empty();
    CHECK(watch_ticked);
}

TEST_CASE("a declare ticks what its own row settles, without reading what cannot exist yet") {
    // tick_declared() skips the reads tick_observed() makes; with the whole playbook
    // checklist, whatever tick_observed() would add right after the declare is a miss.
    ServiceSettings s = ServiceFixture::settings();
    s.bridge_url = "https://meet.example.com/{slug}";
    PlaybookFixture f(s);
    for (const std::string severity : {"sev1", "sev2", "sev4"}) {
        CAPTURE(severity);
        f.run("alice", "general", "declare API down " + severity);
        auto tx = f.store.begin();
        const core::Incident inc = tx.incidents(false, 1).front();
        REQUIRE(inc.severity == severity);
        std::vector<std::string> ticked;
        for (const auto& t : tx.checklist_ticks(inc.id)) ticked.push_back(t.item);
        // sev4 has no update cadence: nothing to set. The channel is ticked once it exists.
        CHECK(ticked == std::vector<std::string>{"severity", "bridge", "cadence"});
        auto again = tick_observed(tx, inc, s.policy, f.clock.now());
        CHECK(again.size() == ticked.size());
    }
}
