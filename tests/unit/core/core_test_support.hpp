#pragma once
// Builders shared by the core tests: a fixed "now" and incidents in known states.

#include <catch2/catch.hpp>

#include "firebreak/core/rules.hpp"

namespace firebreak::core::testing {

using namespace std::chrono_literals;

/// 2026-11-22 10:00:00 UTC, a Sunday.
inline Timestamp t0() {
    return Timestamp{std::chrono::sys_days{
               Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{22}}}} +
           10h;
}

inline const Policy& policy() {
    static const Policy p = Policy::playbook_default();
    return p;
}

inline Context as(const UserId& actor, Timestamp now = t0()) {
    return Context{actor, now, &policy()};
}

inline Change expect_change(const Outcome& outcome) {
    if (const auto* r = std::get_if<Refusal>(&outcome)) FAIL("refused: " << r->reason);
    return std::get<Change>(outcome);
}

inline std::string expect_refusal(const Outcome& outcome) {
    REQUIRE(std::holds_alternative<Refusal>(outcome));
    return std::get<Refusal>(outcome).reason;
}

/// A freshly declared incident at t0 with the given severity, stored as id 7.
inline IncidentState declared(const std::string& severity = "sev2") {
    cmd::Declare d;
    d.title = "Checkout errors";
    d.severity = severity;
    Change c = expect_change(declare(d, "inc-20261122-checkout-errors", as("alice")));
    IncidentState s;
    s.incident = c.incident;
    s.incident.id = 7;
    return s;
}

/// Applies a command and folds the change back into the state, as the store would.
inline Change step(IncidentState& s, const Command& command, const Context& ctx) {
    Change c = expect_change(apply(s, command, ctx));
    s.incident = c.incident;
    for (const auto& d : c.decisions) {
        bool replaced = false;
        for (auto& existing : s.decisions)
            if (existing.number == d.number) existing = d, replaced = true;
        if (!replaced) s.decisions.push_back(d);
    }
    s.action_item_count += static_cast<int>(c.action_items.size());
    for (const auto& a : c.action_items) s.action_items.push_back(a);
    for (const auto& a : c.changed_action_items)
        for (auto& existing : s.action_items)
            if (existing.number == a.number) existing = a;
    return c;
}

}  // namespace firebreak::core::testing
