#include "firebreak/core/cadence.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

TEST_CASE("the first update is due one cadence after the declare") {
    auto s = declared("sev2");
    CHECK(s.incident.next_update_due == t0() + 30min);
    CHECK(declared("sev1").incident.next_update_due == t0() + 15min);
    CHECK(declared("sev3").incident.next_update_due == t0() + 2h);
}

TEST_CASE("a severity with cadence off has no update due") {
    CHECK_FALSE(declared("sev4").incident.next_update_due);
}

TEST_CASE("posting an update re-times the cadence from the post") {
    auto s = declared("sev2");
    step(s, cmd::PostUpdate{"Rolling back"}, as("bob", t0() + 20min));
    CHECK(s.incident.next_update_due == t0() + 50min);
}

TEST_CASE("promoting re-times to the earlier of the current due time and the new cadence") {
    auto s = declared("sev3");  // due t0 + 2h
    step(s, cmd::SetSeverity{"sev1"}, as("alice", t0() + 5min));
    CHECK(s.incident.next_update_due == t0() + 15min);  // declare + 15m < t0 + 2h

    auto late = declared("sev2");                                 // due t0 + 30m
    step(late, cmd::PostUpdate{"x"}, as("alice", t0() + 29min));  // due t0 + 59m
    step(late, cmd::SetSeverity{"sev1"}, as("alice", t0() + 30min));
    CHECK(late.incident.next_update_due == t0() + 44min);  // last update + 15m
}

TEST_CASE("promoting never pushes an earlier due time later") {
    Policy p = policy();
    p.severities[0].update_every = std::chrono::hours(1);  // a sev1 slower than sev2 (30m)
    Incident before = declared("sev2").incident;
    Incident after = before;
    after.severity = "sev1";
    CHECK(next_update_after_severity_change(before, after, p) == t0() + 30min);
}

TEST_CASE("downgrading takes the new, slower cadence") {
    auto s = declared("sev1");
    step(s, cmd::SetSeverity{"sev3"}, as("alice", t0() + 5min));
    CHECK(s.incident.next_update_due == t0() + 2h);
    step(s, cmd::SetSeverity{"sev4"}, as("alice", t0() + 6min));
    CHECK_FALSE(s.incident.next_update_due);
}

TEST_CASE("resolved and canceled incidents have no update due") {
    auto s = declared("sev2");
    step(s, cmd::Resolve{}, as("alice", t0() + 1h));
    CHECK_FALSE(s.incident.next_update_due);
    auto c = declared("sev2");
    step(c, cmd::Cancel{"false alarm"}, as("alice", t0() + 1min));
    CHECK_FALSE(c.incident.next_update_due);
}

TEST_CASE("reopening restarts the cadence from the reopen") {
    auto s = declared("sev2");
    step(s, cmd::Resolve{}, as("alice", t0() + 1h));
    step(s, cmd::Reopen{"errors are back"}, as("alice", t0() + 3h));
    CHECK(s.incident.status == Status::investigating);
    CHECK(s.incident.next_update_due == t0() + 3h + 30min);
}
