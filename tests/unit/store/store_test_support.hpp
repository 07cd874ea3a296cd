#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "connection.hpp"
#include "firebreak/core/incident.hpp"

namespace firebreak::store::testing {

using namespace std::chrono_literals;

/// The first column of the first row of `sql` (a COUNT).
inline std::int64_t count(Connection& c, const std::string& sql) {
    Statement& s = c.prepare(sql);
    s.step();
    const std::int64_t n = s.integer(0);
    s.reset();
    return n;
}

/// What SQLite's EXPLAIN QUERY PLAN says about `sql` (parameters left unbound), one
/// line per step.
inline std::string query_plan(Connection& c, const std::string& sql) {
    Statement& s = c.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (s.step()) plan += s.text(3) + "\n";
    s.reset();
    return plan;
}

inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'000'000}};
}

/// An incident with every field set, so a round trip checks every column.
inline core::Incident full_incident(const std::string& name = "inc-20261122-db-down") {
    core::Incident inc;
    inc.name = name;
    inc.platform = "slack";
    inc.title = "DB down";
    inc.severity = "sev1";
    inc.status = core::Status::monitoring;
    inc.holder(core::Role::ic) = core::RoleHolder{"alice", t0() + 1min};
    inc.holder(core::Role::comms) = core::RoleHolder{"carol", t0() + 3min};
    inc.impact = {"checkout", "all EU customers", t0() - 5min, "deploy 4.2"};
    inc.service = "payments";
    inc.is_private = true;
    inc.is_drill = true;
    inc.declared_by = "alice";
    inc.conversation = "C123";
    inc.milestones.declared_at = t0();
    inc.milestones.acknowledged_at = t0() + 1min;
    inc.milestones.mitigated_at = t0() + 20min;
    inc.last_update_at = t0() + 10min;
    inc.next_update_due = t0() + 25min;
    return inc;
}

inline void check_same(const core::Incident& a, const core::Incident& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.platform == b.platform);
    CHECK(a.title == b.title);
    CHECK(a.severity == b.severity);
    CHECK(a.status == b.status);
    CHECK(a.roles == b.roles);
    CHECK(a.impact.what_broken == b.impact.what_broken);
    CHECK(a.impact.who_affected == b.impact.who_affected);
    CHECK(a.impact.started_at == b.impact.started_at);
    CHECK(a.impact.recent_changes == b.impact.recent_changes);
    CHECK(a.service == b.service);
    CHECK(a.is_private == b.is_private);
    CHECK(a.is_drill == b.is_drill);
    CHECK(a.declared_by == b.declared_by);
    CHECK(a.conversation == b.conversation);
    CHECK(a.milestones.declared_at == b.milestones.declared_at);
    CHECK(a.milestones.acknowledged_at == b.milestones.acknowledged_at);
    CHECK(a.milestones.mitigated_at == b.milestones.mitigated_at);
    CHECK(a.milestones.resolved_at == b.milestones.resolved_at);
    CHECK(a.milestones.closed_at == b.milestones.closed_at);
    CHECK(a.milestones.canceled_at == b.milestones.canceled_at);
    CHECK(a.last_update_at == b.last_update_at);
    CHECK(a.next_update_due == b.next_update_due);
}

}  // namespace firebreak::store::testing
