#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

TEST_CASE("the first IC acknowledges the incident") {
    auto s = declared();
    Change c = step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice", t0() + 2min));
    CHECK(s.incident.holds("alice", Role::ic));
    CHECK(s.incident.holder(Role::ic)->since == t0() + 2min);
    CHECK(s.incident.milestones.acknowledged_at == t0() + 2min);
    CHECK(c.events[0].kind == EventKind::role_assigned);
    CHECK(c.events[0].text == "<@alice> is now Incident Commander.");
    CHECK(c.events[0].after == "alice");

    Change again = step(s, cmd::AssignRole{Role::ic, "bob"}, as("alice", t0() + 9min));
    CHECK(s.incident.milestones.acknowledged_at == t0() + 2min);
    CHECK(again.events[0].text == "<@bob> is now Incident Commander (was <@alice>).");
    CHECK(again.events[0].before == "alice");
}

TEST_CASE("assigning a role to its current holder is refused") {
    auto s = declared();
    step(s, cmd::AssignRole{Role::tl, "bob"}, as("bob"));
    CHECK(expect_refusal(apply(s, cmd::AssignRole{Role::tl, "bob"}, as("bob"))) ==
          "<@bob> is already the Tech Lead.");
}

TEST_CASE("a SEV1 cannot give all three roles to one person") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::tl, "alice"}, as("alice"));  // two roles are fine
    std::string reason =
        expect_refusal(apply(s, cmd::AssignRole{Role::comms, "alice"}, as("alice")));
    CHECK(
        reason.starts_with("In a SEV1 (Critical) incident one person cannot hold all three roles"));
    CHECK(reason.find("Comms Lead role") != std::string::npos);
    CHECK_FALSE(s.incident.holder(Role::comms));
}

TEST_CASE("below SEV1 one person may hold all three roles") {
    auto s = declared("sev2");
    for (Role r : kAllRoles) step(s, cmd::AssignRole{r, "alice"}, as("alice"));
    for (Role r : kAllRoles) CHECK(s.incident.holds("alice", r));
}

TEST_CASE("promoting to SEV1 while one person holds every role warns") {
    auto s = declared("sev2");
    for (Role r : kAllRoles) step(s, cmd::AssignRole{r, "alice"}, as("alice"));
    Change c = step(s, cmd::SetSeverity{"sev1"}, as("alice"));
    REQUIRE(c.notices.size() == 1);
    CHECK(c.notices[0] ==
          "<@alice> holds all three roles, which a SEV1 (Critical) must not: hand one over.");
}

TEST_CASE("a handover records the current-state summary") {
    auto s = declared();
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice", t0()));
    Change c = step(s, cmd::Handover{Role::ic, "bob", "DB failover done; watching replication lag"},
                    as("alice", t0() + 80min));
    CHECK(s.incident.holds("bob", Role::ic));
    CHECK(s.incident.holder(Role::ic)->since == t0() + 80min);
    CHECK(c.events[0].kind == EventKind::role_handed_over);
    CHECK(c.events[0].text ==
          "<@alice> handed Incident Commander over to <@bob>. Current state: DB failover done; "
          "watching replication lag");
    CHECK(c.events[0].before == "alice");
    CHECK(c.events[0].after == "bob");
}

TEST_CASE("a handover keeps the SEV1 triple-role rule") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::tl, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::comms, "bob"}, as("bob"));
    CHECK(expect_refusal(apply(s, cmd::Handover{Role::comms, "alice", "summary"}, as("bob")))
              .starts_with("In a SEV1"));
}

TEST_CASE("outside SEV1 a decision is recorded at once") {
    auto s = declared("sev2");
    Change c = step(s, cmd::ProposeDecision{"Fail over to the replica"}, as("bob"));
    REQUIRE(c.decisions.size() == 1);
    CHECK(c.decisions[0].state == DecisionState::recorded);
    CHECK(c.decisions[0].number == 1);
    CHECK(c.events[0].kind == EventKind::decision_recorded);
    CHECK(c.notices.empty());
}

TEST_CASE("in a SEV1 a decision needs both IC and TL to acknowledge it") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::tl, "bob"}, as("bob"));
    Change proposed = step(s, cmd::ProposeDecision{"Fail over to the replica"}, as("bob"));
    CHECK(proposed.decisions[0].state == DecisionState::proposed);
    CHECK(proposed.events[0].kind == EventKind::decision_proposed);
    CHECK(proposed.notices[0].find("/incident ack 1") != std::string::npos);

    Change first = step(s, cmd::AcknowledgeDecision{1}, as("alice"));
    CHECK(first.decisions[0].state == DecisionState::proposed);
    CHECK(first.decisions[0].ic_ack == "alice");
    CHECK(first.notices[0] == "Decision #1 still needs the Tech Lead's acknowledgement.");

    Change second = step(s, cmd::AcknowledgeDecision{1}, as("bob"));
    CHECK(second.decisions[0].state == DecisionState::recorded);
    CHECK(second.decisions[0].tl_ack == "bob");
    REQUIRE(second.events.size() == 2);
    CHECK(second.events[1].kind == EventKind::decision_recorded);
}

TEST_CASE("one person holding IC and TL cannot satisfy the two-person rule alone") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::tl, "alice"}, as("alice"));
    step(s, cmd::ProposeDecision{"Restart the fleet"}, as("alice"));
    step(s, cmd::AcknowledgeDecision{1}, as("alice"));
    CHECK(expect_refusal(apply(s, cmd::AcknowledgeDecision{1}, as("alice")))
              .starts_with("The two-person rule needs two different people"));
    CHECK(s.decisions[0].state == DecisionState::proposed);
}

TEST_CASE("only the IC or the TL can acknowledge, and only open decisions") {
    auto s = declared("sev1");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::ProposeDecision{"x"}, as("alice"));
    CHECK(expect_refusal(apply(s, cmd::AcknowledgeDecision{1}, as("mallory"))) ==
          "Only the Incident Commander or the Tech Lead can acknowledge a decision.");
    CHECK(expect_refusal(apply(s, cmd::AcknowledgeDecision{2}, as("alice"))) ==
          "There is no decision #2.");
    auto low = declared("sev2");
    step(low, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(low, cmd::ProposeDecision{"x"}, as("alice"));
    CHECK(expect_refusal(apply(low, cmd::AcknowledgeDecision{1}, as("alice"))) ==
          "Decision #1 is already recorded.");
}
