#pragma once
// Shared pieces of the rules, private to src/core.

#include <string>

#include "firebreak/core/rules.hpp"

namespace firebreak::core::detail {

using core::mention;

/// A change that starts from the current state.
inline Change start(const IncidentState& state) {
    Change change;
    change.incident = state.incident;
    return change;
}

/// Appends a timeline event stamped with the actor and the time.
inline void record(Change& change, const Context& ctx, EventKind kind, std::string text,
                   std::string before = {}, std::string after = {}) {
    change.events.push_back(TimelineEvent{.id = 0,
                                          .incident_id = change.incident.id,
                                          .at = ctx.now,
                                          .actor = ctx.actor,
                                          .kind = kind,
                                          .text = std::move(text),
                                          .before = std::move(before),
                                          .after = std::move(after)});
}

/// Refuses changes to closed or canceled incidents.
std::optional<Refusal> refuse_if_finished(const Incident& incident);

/// Refuses giving `user` role `role` when that would leave one person holding all three
/// roles in the top severity.
std::optional<Refusal> refuse_triple_role(const Incident& incident, Role role, const UserId& user,
                                          const Policy& policy);

/// Notices for required roles that nobody holds, and for a top-severity incident whose
/// roles all sit with one person.
void add_role_notices(Change& change, const Policy& policy);

/// Refuses a command the actor's permissions do not cover (see Permissions).
std::optional<Refusal> refuse_without_permission(const Incident& incident, const Command& command,
                                                 const Context& ctx);

/// Refuses the actor unless an entry of `list` covers them; `action` completes "Only … may".
std::optional<Refusal> require_permission(const std::vector<std::string>& list,
                                          const std::string& action, const Incident& incident,
                                          const Context& ctx);

Outcome assign_role(const IncidentState& state, const cmd::AssignRole& c, const Context& ctx);
Outcome hand_over(const IncidentState& state, const cmd::Handover& c, const Context& ctx);
Outcome propose_decision(const IncidentState& state, const cmd::ProposeDecision& c,
                         const Context& ctx);
Outcome acknowledge_decision(const IncidentState& state, const cmd::AcknowledgeDecision& c,
                             const Context& ctx);
// Changes to existing action items (rules_action_items.cpp): refused for an unknown
// number, a canceled incident, or an item that is no longer open.
Outcome complete_action_item(const IncidentState& state, const cmd::CompleteActionItem& c,
                             const Context& ctx);
Outcome drop_action_item(const IncidentState& state, const cmd::DropActionItem& c,
                         const Context& ctx);
Outcome reassign_action_item(const IncidentState& state, const cmd::ReassignActionItem& c,
                             const Context& ctx);
Outcome reschedule_action_item(const IncidentState& state, const cmd::RescheduleActionItem& c,
                               const Context& ctx);
/// Records review material of `kind` (see review.hpp); refused on a canceled incident.
Outcome record_review(const IncidentState& state, EventKind kind, const std::string& text,
                      const Context& ctx);

// The rest of the playbook (rules_playbook.cpp).
Outcome set_bridge(const IncidentState& state, const cmd::SetBridge& c, const Context& ctx);
/// Refused for a name not in the policy's workstreams, or a change that changes nothing.
Outcome start_workstream(const IncidentState& state, const cmd::StartWorkstream& c,
                         const Context& ctx);
/// Refused for a workstream that has not started or is already in that state.
Outcome update_workstream(const IncidentState& state, const cmd::UpdateWorkstream& c,
                          const Context& ctx);
Outcome tick_checklist(const IncidentState& state, const cmd::TickChecklist& c, const Context& ctx);
Outcome escalate(const IncidentState& state, const cmd::Escalate& c, const Context& ctx);
/// Refused for an incident that is not live, private, or without its conversation yet.
Outcome join_incident(const IncidentState& state, const Context& ctx);
/// Adds to a resolve's change what became of the resolution criteria: skipped with
/// --force, or which were confirmed on the form (nothing when no form was shown).
void record_resolution(Change& change, const IncidentState& state, const cmd::Resolve& c,
                       const Context& ctx);

}  // namespace firebreak::core::detail
