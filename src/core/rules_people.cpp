// Rules about people: roles, handovers, and the decision log's two-person rule.
#include <algorithm>

#include "rules_internal.hpp"

namespace firebreak::core::detail {

std::optional<Refusal> refuse_if_finished(const Incident& incident) {
    if (incident.status == Status::closed || incident.status == Status::canceled)
        return Refusal{"The incident is " + std::string(to_string(incident.status)) +
                       "; nothing more can change."};
    return std::nullopt;
}

std::optional<Refusal> refuse_triple_role(const Incident& incident, Role role, const UserId& user,
                                          const Policy& policy) {
    if (!policy.is_top(incident.severity)) return std::nullopt;
    bool holds_all = std::all_of(kAllRoles.begin(), kAllRoles.end(),
                                 [&](Role r) { return r == role || incident.holds(user, r); });
    if (!holds_all) return std::nullopt;
    return Refusal{"In a " + policy.severity_label(incident.severity) +
                   " incident one person cannot hold all three roles: " + mention(user) +
                   " would be Incident Commander, Tech Lead and Comms Lead. Ask someone else "
                   "to take the " +
                   policy.role_name(role) + " role."};
}

void add_role_notices(Change& change, const Policy& policy) {
    auto unfilled = unfilled_required_roles(change.incident, policy);
    if (!unfilled.empty()) {
        std::string names, claims;
        for (Role r : unfilled) {
            names += (names.empty() ? "" : ", ") + policy.role_name(r);
            claims +=
                (claims.empty() ? "" : " or ") + ("/incident " + std::string(to_string(r)) + " me");
        }
        change.notices.push_back(policy.severity_label(change.incident.severity) +
                                 " needs: " + names + ". Claim with " + claims + ".");
    }
    const Incident& inc = change.incident;
    if (policy.is_top(inc.severity) && inc.holder(Role::ic)) {
        const UserId& ic = inc.holder(Role::ic)->user;
        if (inc.holds(ic, Role::tl) && inc.holds(ic, Role::comms))
            change.notices.push_back(mention(ic) + " holds all three roles, which a " +
                                     policy.severity_label(inc.severity) +
                                     " must not: hand one over.");
    }
}

namespace {

Outcome give_role(const IncidentState& state, Role role, const UserId& to, const Context& ctx,
                  EventKind kind, const std::string& summary) {
    const Incident& inc = state.incident;
    if (auto r = refuse_if_finished(inc)) return *r;
    const Policy& policy = *ctx.policy;
    if (inc.holds(to, role))
        return Refusal{mention(to) + " is already the " + policy.role_name(role) + "."};
    if (auto r = refuse_triple_role(inc, role, to, policy)) return *r;

    Change change = start(state);
    std::string before = inc.holder(role) ? inc.holder(role)->user : "";
    change.incident.holder(role) = RoleHolder{to, ctx.now};
    if (role == Role::ic && !change.incident.milestones.acknowledged_at)
        change.incident.milestones.acknowledged_at = ctx.now;

    std::string text;
    if (kind == EventKind::role_handed_over)
        text = (before.empty() ? std::string("Nobody") : mention(before)) + " handed " +
               policy.role_name(role) + " over to " + mention(to) + ". Current state: " + summary;
    else
        text = mention(to) + " is now " + policy.role_name(role) +
               (before.empty() ? "" : " (was " + mention(before) + ")") + ".";
    record(change, ctx, kind, std::move(text), before, to);
    add_role_notices(change, policy);
    return change;
}

}  // namespace

Outcome assign_role(const IncidentState& state, const cmd::AssignRole& c, const Context& ctx) {
    return give_role(state, c.role, c.user, ctx, EventKind::role_assigned, {});
}

Outcome hand_over(const IncidentState& state, const cmd::Handover& c, const Context& ctx) {
    if (c.summary.empty()) return Refusal{"A handover needs a written current-state summary."};
    return give_role(state, c.role, c.to, ctx, EventKind::role_handed_over, c.summary);
}

Outcome propose_decision(const IncidentState& state, const cmd::ProposeDecision& c,
                         const Context& ctx) {
    if (auto r = refuse_if_finished(state.incident)) return *r;
    const Policy& policy = *ctx.policy;
    Change change = start(state);
    Decision d;
    d.incident_id = state.incident.id;
    d.number = static_cast<int>(state.decisions.size()) + 1;
    d.text = c.text;
    d.proposed_by = ctx.actor;
    d.proposed_at = ctx.now;
    d.reversibility = c.reversibility;
    std::string num = "#" + std::to_string(d.number);
    std::string kind = c.reversibility == Reversibility::unstated
                           ? ""
                           : " (" + std::string(to_string(c.reversibility)) + ")";
    if (needs_two_people(state.incident, c.reversibility, policy)) {
        record(change, ctx, EventKind::decision_proposed,
               "Decision " + num + kind + " proposed: " + c.text, "", "proposed");
        change.notices.push_back(
            "Decision " + num + " needs acknowledgement from the Incident Commander and the Tech " +
            "Lead (two-person rule" +
            (policy.is_top(state.incident.severity) ? "" : ", for an irreversible decision") +
            "): /incident ack " + std::to_string(d.number));
    } else {
        d.state = DecisionState::recorded;
        d.recorded_at = ctx.now;
        record(change, ctx, EventKind::decision_recorded, "Decision " + num + kind + ": " + c.text,
               "", "recorded");
    }
    change.decisions.push_back(std::move(d));
    return change;
}

Outcome acknowledge_decision(const IncidentState& state, const cmd::AcknowledgeDecision& c,
                             const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_if_finished(inc)) return *r;
    auto it = std::find_if(state.decisions.begin(), state.decisions.end(),
                           [&](const Decision& d) { return d.number == c.number; });
    std::string num = "#" + std::to_string(c.number);
    if (it == state.decisions.end()) return Refusal{"There is no decision " + num + "."};
    if (it->state == DecisionState::recorded)
        return Refusal{"Decision " + num + " is already recorded."};

    Decision d = *it;
    bool is_ic = inc.holds(ctx.actor, Role::ic);
    bool is_tl = inc.holds(ctx.actor, Role::tl);
    if (!is_ic && !is_tl)
        return Refusal{"Only the Incident Commander or the Tech Lead can acknowledge a decision."};
    if (d.ic_ack == ctx.actor || d.tl_ack == ctx.actor)
        return Refusal{"The two-person rule needs two different people: " + mention(ctx.actor) +
                       " has already acknowledged decision " + num + "."};

    std::string as;
    if (is_ic && !d.ic_ack) {
        d.ic_ack = ctx.actor;
        as = "Incident Commander";
    } else if (is_tl && !d.tl_ack) {
        d.tl_ack = ctx.actor;
        as = "Tech Lead";
    } else {
        return Refusal{"Decision " + num + " already has that role's acknowledgement."};
    }

    Change change = start(state);
    record(change, ctx, EventKind::decision_acknowledged,
           mention(ctx.actor) + " acknowledged decision " + num + " as " + as + ".");
    if (d.ic_ack && d.tl_ack) {
        d.state = DecisionState::recorded;
        d.recorded_at = ctx.now;
        record(change, ctx, EventKind::decision_recorded,
               "Decision " + num + " recorded (IC and TL acknowledged): " + d.text, "proposed",
               "recorded");
    } else {
        change.notices.push_back("Decision " + num + " still needs the " +
                                 (d.ic_ack ? "Tech Lead" : "Incident Commander") +
                                 "'s acknowledgement.");
    }
    change.decisions.push_back(std::move(d));
    return change;
}

}  // namespace firebreak::core::detail

namespace firebreak::core {

bool needs_two_people(const Incident& incident, Reversibility reversibility, const Policy& policy) {
    return policy.is_top(incident.severity) || reversibility == Reversibility::irreversible;
}

}  // namespace firebreak::core
