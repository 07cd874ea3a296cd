// `/incident stats` from any channel, and `/incident timeline [page]` paged for Slack.
#include "service_fixture.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

std::string field(const chat::Message& m, const std::string& label) {
    for (const auto& f : m.fields)
        if (f.label == label) return f.value;
    FAIL("no field " << label);
    return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE_METHOD(ServiceFixture,
                 "stats answers privately in any channel, drills and cancels left out") {
    auto db = declare("DB down sev1");
    clock.advance(4min);
    run("bob", db, "ic me");
    declare("Cache slow sev2");
    declare("Game day sev3 --drill");
    auto oops = declare("Wrong button sev2");
    run("alice", oops, "cancel mistake");

    Reply r = run("carol", "random", "stats");
    REQUIRE(r.visibility == Visibility::ephemeral);
    REQUIRE(r.messages.size() == 1);
    const chat::Message& m = r.messages.front();
    CHECK(contains(m.text, "*Incident stats, last 30d*"));
    CHECK(contains(field(m, "Incidents"), "2 ("));
    CHECK(contains(field(m, "Incidents"), "SEV1 (Critical): 1"));
    CHECK(field(m, "MTTA (declared → acknowledged)") == "median 4m, p90 4m (1 incident)");
    CHECK(field(m, "MTTR (impact → resolved)") == "no incident reached it");
    CHECK(contains(field(m, "Action items"), "0 open, 0 overdue"));
    CHECK(contains(m.footer, "Drills and canceled incidents are excluded: 1 drill and 1 canceled"));
}

TEST_CASE_METHOD(ServiceFixture, "stats for one severity and a shorter window") {
    declare("DB down sev1");
    clock.advance(std::chrono::days{3});
    declare("Cache slow sev2");
    const chat::Message m = run("carol", "random", "stats since:1d sev2").messages.front();
    CHECK(contains(m.text, "last 1d"));
    CHECK(contains(m.text, "only"));
    CHECK(contains(field(m, "Incidents"), "1 ("));
    CHECK_FALSE(contains(field(m, "Incidents"), "SEV1"));
}

TEST_CASE_METHOD(ServiceFixture,
                 "stats leave private incidents out unless an admin asks in a private one") {
    ServiceSettings with_admin = settings();
    with_admin.policy.permissions.admins = {"root"};
    service.reconfigure(with_admin);
    auto outage = declare("DB down sev1");
    auto leak = declare("Payroll data exposed sev1 --private");
    clock.advance(4min);
    run("bob", leak, "ic me");

    auto incidents = [this](const std::string& user, const std::string& where) {
        const chat::Message m = run(user, where, "stats").messages.front();
        return std::pair{field(m, "Incidents"), m.footer};
    };
    for (const auto& [user, where] : {std::pair<std::string, std::string>{"carol", "random"},
                                      {"root", "random"},
                                      {"root", outage},
                                      {"bob", leak}}) {
        CAPTURE(user, where);
        auto [count, footer] = incidents(user, where);
        CHECK(contains(count, "1 (SEV1 (Critical): 1"));
        CHECK(contains(footer, "Private incidents are left out: 1 "));
    }
    const chat::Message all = run("root", leak, "stats").messages.front();
    CHECK(contains(field(all, "Incidents"), "2 (SEV1 (Critical): 2"));
    CHECK(field(all, "MTTA (declared → acknowledged)") == "median 4m, p90 4m (1 incident)");
    CHECK(contains(all.footer, "Private incidents are included."));
}

TEST_CASE_METHOD(ServiceFixture, "stats left-out count follows the window and the severity") {
    declare("Old leak sev2 --private");
    clock.advance(std::chrono::days{3});
    declare("New leak sev2 --private");
    declare("Other leak sev3 --private");
    CHECK(contains(run("carol", "random", "stats").messages.front().footer,
                   "Private incidents are left out: 3 "));
    CHECK(contains(run("carol", "random", "stats since:1d sev2").messages.front().footer,
                   "Private incidents are left out: 1 "));
}

namespace {

/// An incident with `notes` notes after its declaration, one a minute.
std::string busy_incident(ServiceFixture& f, int notes, const std::string& text = "step") {
    auto name = f.declare("DB down sev2");
    for (int i = 1; i <= notes; ++i) {
        f.clock.advance(1min);
        f.run("bob", name, "note " + text + " " + std::to_string(i));
    }
    return name;
}

int entries_on(const chat::Message& m) {
    int lines = 0;
    for (char c : m.text) lines += c == '\n';
    return lines;  // the header is the first line
}

}  // namespace

TEST_CASE_METHOD(ServiceFixture,
                 "the timeline opens on its last page, with a button to older entries") {
    auto name = busy_incident(*this, 44);  // 45 entries: the declaration and the notes
    Reply r = run("alice", name, "timeline");
    REQUIRE(r.visibility == Visibility::ephemeral);
    const chat::Message& m = r.messages.front();
    CHECK(entries_on(m) == 5);
    CHECK(contains(m.footer, "Page 3 of 3"));
    CHECK(contains(m.text, "step 44"));
    REQUIRE(m.buttons.size() == 1);
    CHECK(m.buttons[0] == chat::Button{"Older", "timeline 2", chat::ButtonStyle::normal});
}

TEST_CASE_METHOD(ServiceFixture, "page 1 holds the earliest twenty entries, oldest first") {
    auto name = busy_incident(*this, 44);
    const chat::Message m = run("alice", name, "timeline 1").messages.front();
    CHECK(entries_on(m) == 20);
    CHECK(contains(m.footer, "Page 1 of 3"));
    CHECK(contains(m.text, "\n2026-11-22 10:00 UTC  <@alice>  declared SEV2 (High): DB down\n"));
    CHECK(m.text.find("declared") < m.text.find("step 1\n"));
    CHECK(contains(m.text, "step 19"));
    CHECK_FALSE(contains(m.text, "step 20"));
    REQUIRE(m.buttons.size() == 1);
    CHECK(m.buttons[0].label == "Newer");
    CHECK(m.buttons[0].command == "timeline 2");

    const chat::Message middle = run("alice", name, "timeline 2").messages.front();
    REQUIRE(middle.buttons.size() == 2);
    CHECK(middle.buttons[0].command == "timeline 1");
    CHECK(middle.buttons[1].command == "timeline 3");
}

TEST_CASE_METHOD(ServiceFixture, "each entry shows its time, who as a mention, and what") {
    auto name = busy_incident(*this, 1);
    const chat::Message m = run("alice", name, "timeline").messages.front();
    CHECK(contains(m.text, "\n2026-11-22 10:01 UTC  <@bob>  step 1"));
    CHECK(contains(m.footer, "Page 1 of 1"));
    CHECK(m.buttons.empty());
}

TEST_CASE_METHOD(ServiceFixture, "long entries are cut, and a page ends before Slack's limit") {
    auto name = busy_incident(*this, 30, std::string(2000, 'x'));
    const chat::Message first = run("alice", name, "timeline 1").messages.front();
    CHECK(first.text.size() <= 2800u);
    CHECK(contains(first.text, "…"));
    CHECK(entries_on(first) < 20);
    // Every entry is on some page, once.
    int total = 0, pages = 0;
    for (int p = 1;; ++p) {
        const chat::Message m =
            run("alice", name, "timeline " + std::to_string(p)).messages.front();
        CHECK(m.text.size() <= 2800u);
        total += entries_on(m);
        ++pages;
        if (contains(m.footer, "Page " + std::to_string(p) + " of " + std::to_string(p))) break;
        REQUIRE(p < 100);
    }
    CHECK(total == 31);
    CHECK(pages > 2);
}

TEST_CASE_METHOD(ServiceFixture, "a page past the end shows the last one and says so") {
    auto name = busy_incident(*this, 3);
    const chat::Message m = run("alice", name, "timeline 7").messages.front();
    CHECK(contains(m.footer, "Page 1 of 1"));
    CHECK(contains(m.footer, "There is no page 7"));
}

TEST_CASE_METHOD(ServiceFixture, "timeline times are shown in the configured zone, DST included") {
    ServiceSettings s = settings();
    auto rule = core::parse_posix_zone_rule("CET-1CEST,M3.5.0,M10.5.0/3");
    REQUIRE(rule);
    s.time_zone = core::TimeZone("Europe/Berlin", rule->standard, {}, rule);
    service.reconfigure(s);
    auto name = declare("DB down sev2");  // 10:00 UTC in November: 11:00 CET
    clock.set(
        core::Timestamp{std::chrono::sys_days{std::chrono::year{2027} / std::chrono::July / 1}} +
        12h);
    run("bob", name, "note summer");
    const chat::Message m = run("alice", name, "timeline").messages.front();
    CHECK(contains(m.text, "2026-11-22 11:00 CET"));
    CHECK(contains(m.text, "2027-07-01 14:00 CEST"));
    CHECK(contains(m.footer, "Times in Europe/Berlin."));
}
