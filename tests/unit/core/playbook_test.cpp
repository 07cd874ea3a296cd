// The rest of the playbook in core: bridge, workstreams, checklist, help requests, the
// resolution criteria and the kind of a decision.
#include "firebreak/core/playbook.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

namespace {

/// step() that also folds workstreams and hand ticks back into the state.
Change play(IncidentState& s, const Command& command, const Context& ctx) {
    Change c = step(s, command, ctx);
    for (const auto& w : c.workstreams) {
        bool replaced = false;
        for (auto& existing : s.workstreams)
            if (existing.name == w.name) existing = w, replaced = true;
        if (!replaced) s.workstreams.push_back(w);
    }
    for (const auto& t : c.checklist_ticks) s.checklist_ticks.push_back(t);
    return c;
}

}  // namespace

TEST_CASE("a bridge template fills slug, incident and date and keeps anything else") {
    IncidentState s = declared("sev1");
    CHECK(bridge_url("https://meet.jit.si/acme-{slug}", s.incident) ==
          "https://meet.jit.si/acme-checkout-errors");
    CHECK(bridge_url("https://meet.example/{incident}?d={date}", s.incident) ==
          "https://meet.example/inc-20261122-checkout-errors?d=20261122");
    CHECK(bridge_url("https://x/{other}-{slug", s.incident) == "https://x/{other}-{slug");
    CHECK(bridge_url("", s.incident).empty());
}

TEST_CASE("bridge sets and replaces the incident's bridge, with a timeline entry") {
    IncidentState s = declared();
    Change c = play(s, cmd::SetBridge{"https://meet.jit.si/a"}, as("bob"));
    CHECK(s.incident.bridge_url == "https://meet.jit.si/a");
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].kind == EventKind::bridge_set);
    CHECK(c.events[0].text == "Video bridge: https://meet.jit.si/a");
    c = play(s, cmd::SetBridge{"https://meet.jit.si/b"}, as("bob"));
    CHECK(c.events[0].before == "https://meet.jit.si/a");
    CHECK(c.events[0].after == "https://meet.jit.si/b");
    CHECK(expect_refusal(apply(s, cmd::SetBridge{"https://meet.jit.si/b"}, as("bob"))) ==
          "The bridge is already https://meet.jit.si/b.");
    CHECK(expect_refusal(apply(s, cmd::SetBridge{"meet.jit.si/c"}, as("bob")))
              .starts_with("A bridge is a web address"));
    CHECK(expect_refusal(apply(s, cmd::SetBridge{"https://x/<!channel>"}, as("bob")))
              .find("no spaces") != std::string::npos);
}

TEST_CASE("a workstream starts with one owner, is blocked, done, and restarts") {
    IncidentState s = declared();
    Change c =
        play(s, cmd::StartWorkstream{"mitigation", "bob", "fail over the primary"}, as("alice"));
    REQUIRE(s.workstreams.size() == 1);
    CHECK(s.workstreams[0].owner == "bob");
    CHECK(s.workstreams[0].state == WorkstreamState::active);
    CHECK(c.events[0].kind == EventKind::workstream_changed);
    CHECK(c.events[0].text ==
          "Workstream mitigation started, owned by <@bob>: fail over the primary.");

    c = play(s, cmd::UpdateWorkstream{"mitigation", WorkstreamState::blocked, "waiting on DBA"},
             as("bob"));
    CHECK(s.workstreams[0].state == WorkstreamState::blocked);
    CHECK(c.events[0].text == "Workstream mitigation (<@bob>) is blocked: waiting on DBA");

    c = play(s, cmd::StartWorkstream{"mitigation", "carol", ""}, as("alice"));
    CHECK(s.workstreams[0].owner == "carol");
    CHECK(s.workstreams[0].what == "fail over the primary");  // kept when none is given
    CHECK(c.events[0].text ==
          "Workstream mitigation is now <@carol>'s (was <@bob>), active again: fail over the "
          "primary.");

    play(s, cmd::UpdateWorkstream{"mitigation", WorkstreamState::done, ""}, as("carol"));
    CHECK(s.workstreams[0].state == WorkstreamState::done);
    CHECK(expect_refusal(apply(s, cmd::UpdateWorkstream{"mitigation", WorkstreamState::blocked, ""},
                               as("carol")))
              .find("already done") != std::string::npos);
    play(s, cmd::StartWorkstream{"mitigation", "carol", "second attempt"}, as("carol"));
    CHECK(s.workstreams[0].state == WorkstreamState::active);
    CHECK(s.workstreams.size() == 1);
}

TEST_CASE("workstream names outside the configured ones are refused with the list") {
    IncidentState s = declared();
    CHECK(expect_refusal(apply(s, cmd::StartWorkstream{"firefighting", "bob", ""}, as("a"))) ==
          "There is no workstream 'firefighting'. The workstreams are: mitigation, diagnosis, "
          "comms, vendor.");
    CHECK(expect_refusal(
              apply(s, cmd::UpdateWorkstream{"firefighting", WorkstreamState::done, ""}, as("a")))
              .starts_with("There is no workstream 'firefighting'."));
    CHECK(expect_refusal(
              apply(s, cmd::UpdateWorkstream{"diagnosis", WorkstreamState::done, ""}, as("a"))) ==
          "The diagnosis workstream has not started: give it an owner with /incident "
          "workstream diagnosis @owner [what].");
    play(s, cmd::StartWorkstream{"diagnosis", "bob", "read the logs"}, as("a"));
    CHECK(expect_refusal(apply(s, cmd::StartWorkstream{"diagnosis", "bob", ""}, as("a"))) ==
          "The diagnosis workstream is already <@bob>'s and active.");
    play(s, cmd::Resolve{"fixed"}, as("a"));
    CHECK(expect_refusal(apply(s, cmd::StartWorkstream{"comms", "bob", ""}, as("a")))
              .find("workstreams are for live incidents") != std::string::npos);
}

TEST_CASE("an irreversible decision below SEV1 needs the IC and the TL") {
    IncidentState s = declared("sev2");
    play(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    play(s, cmd::AssignRole{Role::tl, "bob"}, as("bob"));
    // Reversible, or not said: recorded at once below the top severity.
    Change c =
        play(s, cmd::ProposeDecision{"Restart the pods", Reversibility::reversible}, as("bob"));
    CHECK(s.decisions[0].state == DecisionState::recorded);
    CHECK(s.decisions[0].reversibility == Reversibility::reversible);
    CHECK(c.events[0].text == "Decision #1 (reversible): Restart the pods");

    c = play(s, cmd::ProposeDecision{"Drop the old index", Reversibility::irreversible}, as("bob"));
    CHECK(s.decisions[1].state == DecisionState::proposed);
    CHECK(c.events[0].kind == EventKind::decision_proposed);
    CHECK(c.events[0].text == "Decision #2 (irreversible) proposed: Drop the old index");
    REQUIRE(c.notices.size() == 1);
    CHECK(c.notices[0].find("two-person rule, for an irreversible decision") != std::string::npos);
    play(s, cmd::AcknowledgeDecision{2}, as("alice"));
    CHECK(s.decisions[1].state == DecisionState::proposed);
    CHECK(
        expect_refusal(apply(s, cmd::AcknowledgeDecision{2}, as("alice"))).find("two different") !=
        std::string::npos);
    play(s, cmd::AcknowledgeDecision{2}, as("bob"));
    CHECK(s.decisions[1].state == DecisionState::recorded);
    CHECK(needs_two_people(s.incident, Reversibility::irreversible, policy()));
    CHECK_FALSE(needs_two_people(s.incident, Reversibility::unstated, policy()));
}

TEST_CASE("in a SEV1 even a reversible decision needs the two-person rule") {
    IncidentState s = declared("sev1");
    play(s, cmd::ProposeDecision{"Roll back", Reversibility::reversible}, as("bob"));
    CHECK(s.decisions[0].state == DecisionState::proposed);
}

TEST_CASE("a checklist item is ticked by hand once, and only one of the incident's") {
    IncidentState s = declared("sev2");
    Change c = play(s, cmd::TickChecklist{"review"}, as("carol", t0() + 5min));
    REQUIRE(s.checklist_ticks.size() == 1);
    CHECK(s.checklist_ticks[0].item == "review");
    CHECK(s.checklist_ticks[0].by == "carol");
    CHECK(s.checklist_ticks[0].at == t0() + 5min);
    CHECK(c.events[0].kind == EventKind::checklist_ticked);
    CHECK(c.events[0].text == "<@carol> ticked \"Review scheduled\" on the checklist.");
    CHECK(expect_refusal(apply(s, cmd::TickChecklist{"review"}, as("carol"))) ==
          "'Review scheduled' is already ticked.");
    CHECK(expect_refusal(apply(s, cmd::TickChecklist{"coffee"}, as("carol")))
              .starts_with("This incident's checklist has no item 'coffee'. Its items are: "
                           "severity, ic, tl,"));
}

TEST_CASE("checklist items tick from what is observed, only for their severities") {
    Policy p = Policy::playbook_default();
    p.checklist.push_back({"stakeholders", Phase::manage, "Stakeholders told", "manual", {"sev1"}});
    IncidentState s = declared("sev2");
    ChecklistFacts facts;
    auto ids = [&](const std::vector<const ChecklistItem*>& items) {
        std::vector<std::string> out;
        for (const auto* i : items) out.push_back(i->id);
        return out;
    };
    CHECK(ids(newly_observed(p.checklist, s.incident, facts, {})) ==
          std::vector<std::string>{"severity", "cadence"});
    s.incident.holder(Role::ic) = RoleHolder{"alice", t0()};
    s.incident.conversation = "C1";
    facts.workstream_started = true;
    std::vector<ChecklistTick> ticks{{1, 7, "severity", t0(), ""}};
    CHECK(ids(newly_observed(p.checklist, s.incident, facts, ticks)) ==
          std::vector<std::string>{"ic", "channel", "cadence", "workstreams"});
    CHECK_FALSE(p.checklist.back().applies_to("sev2"));
    CHECK(p.checklist.back().applies_to("sev1"));
    CHECK_FALSE(observed("manual", s.incident, facts));
}

TEST_CASE("escalate asks for help on a live incident with an area and a reason") {
    IncidentState s = declared("sev1");
    Change c = play(s, cmd::Escalate{"database", "replica lag at 40s"}, as("bob"));
    REQUIRE(c.help_request);
    CHECK(c.help_request->area == "database");
    CHECK(c.events[0].kind == EventKind::help_requested);
    CHECK(c.events[0].text == "<@bob> asked for help from database: replica lag at 40s");
    s.incident.is_private = true;
    s.incident.conversation = "C1";
    CHECK(expect_refusal(apply(s, cmd::JoinIncident{"x"}, as("dave"))).find("private") !=
          std::string::npos);
    s.incident.is_private = false;
    c = play(s, cmd::JoinIncident{"x"}, as("dave"));
    CHECK(c.events[0].kind == EventKind::help_joined);
    CHECK(c.events[0].after == "dave");
}

TEST_CASE("resolve records the criteria confirmed, or that --force skipped them") {
    IncidentState s = declared("sev2");
    cmd::Resolve r{"fixed"};
    r.confirmed = std::vector<std::string>{"Errors back to baseline", "Queues draining"};
    Change c = play(s, r, as("alice"));
    REQUIRE(c.events.size() == 2);
    CHECK(c.events[1].kind == EventKind::resolution_checked);
    CHECK(c.events[1].text ==
          "Resolution criteria confirmed: Errors back to baseline; Queues draining. Not "
          "confirmed: Core user actions succeed; Latency back to baseline; No dependency "
          "degradation; Watch period completed.");

    IncidentState f = declared("sev2");
    c = play(f, cmd::Resolve{"customers waiting", true}, as("alice"));
    CHECK(f.incident.status == Status::resolved);
    REQUIRE(c.events.size() == 2);
    CHECK(c.events[1].text ==
          "Resolved with --force, without the resolution criteria: customers waiting");
    CHECK(c.events[1].after == "forced");

    IncidentState plain = declared("sev2");
    c = play(plain, cmd::Resolve{"fixed"}, as("alice"));
    CHECK(c.events.size() == 1);  // no form was shown: nothing to record
}
