#include "firebreak/app/postmortem.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "firebreak/app/outbox_kinds.hpp"
#include "service_fixture.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

/// A SEV1 run from declare to resolve, then reviewed the next morning.
struct ScriptedIncident : ServiceFixture {
    std::string name;

    void at(core::Duration since_t0, const std::string& user, const std::string& text) {
        clock.set(t0() + since_t0);
        Reply r = run(user, name, text);
        INFO(text << " → " << text_of(r));
        REQUIRE(r.visibility == Visibility::in_channel);
    }

    ScriptedIncident() {
        name = declare("Checkout errors sev1");
        at(2min, "alice", "ic me");
        at(3min, "bob", "tl me");
        at(5min, "carol", "comms me");
        at(10min, "carol",
           "update Checkout fails for about 20% of EU customers; rolling back v2.3");
        at(11min, "carol", "snooze 10m");
        at(12min, "bob", "decision Roll back v2.3 | keep v2.4 behind a flag");
        at(13min, "alice", "ack 1");
        at(14min, "bob", "ack 1");
        at(20min, "bob", "note Rollback complete;\nerror rate falling");
        at(25min, "alice", "mitigated Error rate back to baseline");
        at(40min, "alice", "resolve Pool size restored");
        at(23h, "bob",
           "impact 20% of EU checkout attempts failed for 25 minutes, about 1,400 orders");
        at(23h + 1min, "bob", "rootcause v2.3 halved the database connection pool size");
        at(23h + 2min, "carol", "factor No alert on connection pool saturation");
        at(23h + 3min, "carol", "factor The canary ran in a region with 2% of the traffic");
        at(23h + 4min, "alice", "wentwell Rollback took 4 minutes from the decision");
        at(23h + 5min, "carol",
           "wentbadly The status page went out 18 minutes after <@alice> declared");
        at(23h + 6min, "alice",
           "action Alert on connection pool saturation owner:@bob due:2026-12-04 priority:p1 "
           "verify:the alert fires in the staging load test");
        at(23h + 7min, "alice",
           "action Canary in a region with real traffic owner:@dave due:2026-12-11");
    }

    IncidentRecord record() {
        auto tx = store.begin();
        auto r = load_record(tx, name);
        REQUIRE(r);
        return *r;
    }
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE_METHOD(ScriptedIncident, "the postmortem draft matches the golden file byte for byte") {
    const std::string golden_path = FIREBREAK_GOLDEN_DIR "/postmortem.md";
    const std::string actual = postmortem_markdown(record(), service.settings().policy);
    if (std::getenv("FIREBREAK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(golden_path, std::ios::binary) << actual;
        WARN("rewrote " << golden_path);
    }
    const std::string expected = read_file(golden_path);
    if (actual != expected) {
        const std::string actual_path = std::filesystem::absolute("postmortem.md.actual").string();
        std::ofstream(actual_path, std::ios::binary) << actual;
        const auto want = lines_of(expected);
        const auto got = lines_of(actual);
        std::size_t line = 0;
        while (line < want.size() && line < got.size() && want[line] == got[line]) ++line;
        FAIL("the draft differs from "
             << golden_path << " first at line " << line + 1
             << "\n  expected: " << (line < want.size() ? want[line] : "<end of file>")
             << "\n  actual:   " << (line < got.size() ? got[line] : "<end of file>")
             << "\nThe whole draft is in " << actual_path << "\nCompare with:\n  diff -u "
             << golden_path << " " << actual_path
             << "\nIf the change is intended, rerun with "
                "FIREBREAK_UPDATE_GOLDEN=1 and review the diff.");
    }
}

TEST_CASE_METHOD(ScriptedIncident, "the JSON export holds the whole record") {
    const auto j = nlohmann::json::parse(record_json(record(), service.settings().policy));
    const auto& inc = j.at("incident");
    CHECK(inc.at("name") == "inc-20261122-checkout-errors");
    CHECK(inc.at("severity") == "sev1");
    CHECK(inc.at("platform") == "console");  // where it ran
    CHECK(inc.at("severity_label") == "SEV1 (Critical)");
    CHECK(inc.at("status") == "resolved");
    CHECK(inc.at("roles").at("ic").at("user") == "alice");
    CHECK(inc.at("roles").at("tl").at("since") == "2026-11-22T10:03:00Z");
    CHECK(inc.at("milestones").at("declared_at") == "2026-11-22T10:00:00Z");
    CHECK(inc.at("milestones").at("acknowledged_at") == "2026-11-22T10:02:00Z");
    CHECK(inc.at("milestones").at("mitigated_at") == "2026-11-22T10:25:00Z");
    CHECK(inc.at("milestones").at("resolved_at") == "2026-11-22T10:40:00Z");
    CHECK(inc.at("milestones").at("closed_at").is_null());
    CHECK(inc.at("next_update_due").is_null());
    CHECK(inc.at("drill") == false);

    const auto& timeline = j.at("timeline");
    REQUIRE(timeline.size() == 21);
    CHECK(timeline.front().at("kind") == "declared");
    CHECK(timeline.front().at("actor") == "alice");
    CHECK(timeline[5].at("kind") == "update_snoozed");
    CHECK(timeline[18].at("kind") == "went_badly_recorded");
    CHECK(timeline[18].at("at") == "2026-11-23T09:05:00Z");
    CHECK(timeline[18].at("text") ==
          "Did not go well: The status page went out 18 minutes after <@alice> declared");

    REQUIRE(j.at("decisions").size() == 1);
    CHECK(j.at("decisions")[0].at("state") == "recorded");
    CHECK(j.at("decisions")[0].at("ic_ack") == "alice");
    REQUIRE(j.at("status_updates").size() == 1);
    CHECK(j.at("status_updates")[0].at("due_at") == "2026-11-22T10:15:00Z");
    REQUIRE(j.at("action_items").size() == 2);
    CHECK(j.at("action_items")[0].at("owner") == "bob");
    CHECK(j.at("action_items")[0].at("due") == "2026-12-04");
    CHECK(j.at("action_items")[0].at("priority") == "p1");
    CHECK(j.at("action_items")[1].at("verify") == "");
    CHECK(j.at("action_items")[1].at("state") == "open");
}

TEST_CASE("invalid UTF-8 in stored text is replaced in the JSON, not an error") {
    IncidentRecord r;
    r.incident.name = "inc-x";
    r.incident.title = std::string("bad \xff byte");
    const std::string out = record_json(r, core::Policy::playbook_default());
    CHECK(nlohmann::json::parse(out).at("incident").at("title") == "bad \xef\xbf\xbd byte");
}

TEST_CASE_METHOD(ServiceFixture, "a record is found by its number or its name, else not at all") {
    const std::string name = declare("DB down sev2");
    auto tx = store.begin();
    const auto by_name = load_record(tx, name);
    REQUIRE(by_name);
    const auto by_id = load_record(tx, std::to_string(by_name->incident.id));
    REQUIRE(by_id);
    CHECK(by_id->incident.name == name);
    CHECK(by_id->timeline.size() == 1);
    CHECK_FALSE(load_record(tx, "999"));
    CHECK_FALSE(load_record(tx, "inc-nope"));
    CHECK_FALSE(load_record(tx, ""));
    CHECK_FALSE(load_record(tx, "-1"));
}

TEST_CASE_METHOD(ServiceFixture, "a fresh incident's draft says what is not yet written") {
    const std::string name = declare("DB down sev2");
    auto tx = store.begin();
    const std::string md = postmortem_markdown(*load_record(tx, name), service.settings().policy);
    for (const char* heading :
         {"## Customer impact\n\n_Not yet written._", "## Root cause\n\n_Not yet written._",
          "## Contributing factors\n\n_Not yet written._",
          "## What went well\n\n_Not yet written._",
          "## What did not go well\n\n_Not yet written._",
          "## Action items\n\n_Not yet written._"}) {
        INFO(heading);
        CHECK(md.find(heading) != std::string::npos);
    }
    CHECK(md.find("- **Duration:** not resolved yet") != std::string::npos);
    CHECK(md.find("- Incident Commander: unassigned") != std::string::npos);
    CHECK(md.find("| Resolved | — | — |\n\n## Process") != std::string::npos);
    CHECK(md.find("## What we did\n\n_Not yet written._") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture,
                 "review material is shown in the channel, and refused once canceled") {
    const std::string name = declare("DB down sev2");
    Reply r = run("bob", name, "rootcause disk filled by debug logs");
    CHECK(r.visibility == Visibility::in_channel);
    CHECK(text_of(r).starts_with("Root cause: disk filled by debug logs"));
    run("alice", name, "cancel false alarm");
    Reply refused = run("bob", name, "wentwell quick cancel");
    CHECK(refused.visibility == Visibility::ephemeral);
    CHECK(text_of(refused).starts_with("The incident was canceled; it has no review."));
}

TEST_CASE("durations run from when impact began, when it is known") {
    IncidentRecord r;
    r.incident.name = "inc-x";
    r.incident.title = "Search slow";
    r.incident.severity = "sev3";
    r.incident.status = core::Status::resolved;
    r.incident.impact.what_broken = "search p99 at 8s";
    r.incident.impact.who_affected = "all EU users";
    r.incident.impact.started_at = t0() - 30min;
    r.incident.milestones.declared_at = t0();
    r.incident.milestones.mitigated_at = t0() + 15min;
    r.incident.milestones.resolved_at = t0() + 1h;
    r.incident.is_drill = true;
    const std::string md = postmortem_markdown(r, core::Policy::playbook_default());
    CHECK(md.find("- **What happened:** Search slow. search p99 at 8s\n") != std::string::npos);
    CHECK(md.find("- **Impact:** all EU users\n") != std::string::npos);
    CHECK(md.find("- **Duration:** 1h30m, from impact began (2026-11-22 09:30 UTC) to resolved") !=
          std::string::npos);
    CHECK(md.find("- **Drill:** yes") != std::string::npos);
    CHECK(md.find("- Who was affected: all EU users\n- Impact began: 2026-11-22 09:30 UTC\n") !=
          std::string::npos);
    CHECK(md.find("| Mitigated | 2026-11-22 10:15 UTC | 45m after impact began |") !=
          std::string::npos);
}

TEST_CASE("action item text cannot break the Markdown table") {
    IncidentRecord r;
    r.incident.name = "inc-x";
    r.incident.title = "t";
    r.incident.milestones.declared_at = t0();
    core::ActionItem a;
    a.number = 1;
    a.text = "Split a|b\nacross lines";
    a.owner = "U1";
    a.due = core::date_of(t0());
    r.action_items.push_back(a);
    const std::string md = postmortem_markdown(r, core::Policy::playbook_default());
    CHECK(
        md.find("| 1 | Split a\\|b across lines | @U1 | 2026-11-22 | p2 | _not set_ | open |\n") !=
        std::string::npos);
}

TEST_CASE("a canceled incident's duration says it was canceled") {
    IncidentRecord r;
    r.incident.name = "inc-x";
    r.incident.title = "t";
    r.incident.status = core::Status::canceled;
    r.incident.milestones.declared_at = t0();
    r.incident.milestones.canceled_at = t0() + 5min;
    const std::string md = postmortem_markdown(r, core::Policy::playbook_default());
    CHECK(md.find("- **Duration:** canceled 5m after it was declared\n") != std::string::npos);
    CHECK(md.find("| Canceled | 2026-11-22 10:05 UTC | 5m after declared |") != std::string::npos);
}

namespace {

/// Appends `count` notes to the incident's timeline in one transaction (as quick as the
/// store allows: the commands themselves are tested elsewhere).
void add_notes(ServiceFixture& f, const std::string& name, int count) {
    auto id = f.incident(name).id;
    std::vector<core::TimelineEvent> events;
    for (int i = 0; i < count; ++i)
        events.push_back(core::TimelineEvent{.id = 0,
                                             .incident_id = id,
                                             .at = t0() + std::chrono::seconds(i),
                                             .actor = "alice",
                                             .kind = core::EventKind::note,
                                             .text = "step " + std::to_string(i) + " done",
                                             .before = "",
                                             .after = ""});
    auto tx = f.store.begin();
    tx.append(events);
    tx.commit();
}

std::vector<store::OutboxItem> documents(ServiceFixture& f) {
    std::vector<store::OutboxItem> out;
    for (auto& item : f.outbox())
        if (item.kind == outbox_kind::post_document) out.push_back(std::move(item));
    return out;
}

}  // namespace

TEST_CASE_METHOD(ServiceFixture,
                 "a 10,000-entry timeline's postmortem queues one file, not a post per part") {
    auto name = declare("DB down sev3");
    run("alice", name, "ic me");
    add_notes(*this, name, 10000);
    run("alice", name, "resolve");
    std::size_t before = outbox().size();
    Reply r = run("alice", name, "postmortem");
    CHECK(outbox().size() == before + 1);
    auto queued = documents(*this);
    REQUIRE(queued.size() == 1);
    // The answer is private and short; the channel gets the file and a line about it.
    CHECK(r.visibility == Visibility::ephemeral);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].text.find("as a file") != std::string::npos);
    auto payload = nlohmann::json::parse(queued[0].payload);
    auto tx = store.begin();
    auto record = load_record(tx, name);
    REQUIRE(record);
    // The draft is the record as it was asked for: before this run started the review.
    IncidentRecord asked = *record;
    std::erase_if(asked.timeline,
                  [](const auto& e) { return e.kind == core::EventKind::review_started; });
    std::erase_if(asked.checklist_ticks, [](const auto& t) { return t.item == "summarised"; });
    CHECK(payload["text"] == postmortem_markdown(asked, service.settings().policy));
    CHECK(payload["text"].get<std::string>().find("step 9999 done") != std::string::npos);
    CHECK(payload["filename"] == name + "-postmortem.md");
    CHECK(payload["title"] == "Postmortem draft: DB down");
    auto message = chat::deserialize(payload["message"].dump());
    REQUIRE(message);
    CHECK(message->text.size() < 300);
    CHECK(message->text.find(name) != std::string::npos);
    CHECK(queued[0].conversation == name);
    int started = 0;
    for (const auto& e : tx.timeline(record->incident.id))
        started += e.kind == core::EventKind::review_started;
    CHECK(started == 1);
}

TEST_CASE_METHOD(ServiceFixture,
                 "a second postmortem while the file is pending queues nothing and says so") {
    auto name = declare("DB down sev3");
    add_notes(*this, name, 400);
    run("alice", name, "postmortem");
    std::size_t before = outbox().size();
    Reply again = run("bob", name, "postmortem");
    CHECK(outbox().size() == before);
    CHECK(documents(*this).size() == 1);
    CHECK(again.visibility == Visibility::ephemeral);
    CHECK(text_of(again).find("already on its way") != std::string::npos);
    // Once it has gone, the next run posts a fresh draft.
    {
        auto id = documents(*this).front().id;
        auto tx = store.begin();
        tx.mark_delivered(id, clock.now());
        tx.commit();
    }
    run("bob", name, "postmortem");
    CHECK(documents(*this).size() == 1);
}

TEST_CASE_METHOD(ServiceFixture, "a short postmortem draft is still one message in the channel") {
    auto name = declare("DB down sev3");
    add_notes(*this, name, 20);
    std::size_t before = outbox().size();
    Reply r = run("alice", name, "postmortem");
    CHECK(r.visibility == Visibility::in_channel);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].text.find("step 19 done") != std::string::npos);
    CHECK(outbox().size() == before);
}

TEST_CASE("captured messages in the Markdown draft name their author: a person or a bot") {
    IncidentRecord r;
    r.incident.name = "inc-x";
    r.incident.title = "t";
    r.incident.milestones.declared_at = t0();
    auto captured = [](core::UserId author, std::string text) {
        return core::TimelineEvent{.id = 0,
                                   .incident_id = 1,
                                   .at = t0(),
                                   .actor = std::move(author),
                                   .kind = core::EventKind::message_captured,
                                   .text = std::move(text),
                                   .before = "",
                                   .after = "U2"};
    };
    r.timeline = {captured(core::bot_author("PagerDuty"), "CPU above 95%"),
                  captured("U3", "(file: report.pdf)")};
    const std::string md = postmortem_markdown(r, core::Policy::playbook_default());
    CHECK(md.find("- 2026-11-22 10:00 UTC — PagerDuty: CPU above 95%\n") != std::string::npos);
    CHECK(md.find("- 2026-11-22 10:00 UTC — @U3: (file: report.pdf)\n") != std::string::npos);
    CHECK(md.find("bot:") == std::string::npos);
    CHECK(md.find("firebreak:") == std::string::npos);
}

TEST_CASE("a bot author keeps only plain text of its name") {
    CHECK(core::bot_author("Pager<@U1>Duty\n") == "bot:Pager@U1Duty");
    CHECK(core::bot_author("") == "bot:a bot");
    CHECK(core::author_label("bot:PagerDuty") == "PagerDuty");
    CHECK(core::author_label("U1") == "<@U1>");
    CHECK(core::author_label("") == "firebreak");
}
