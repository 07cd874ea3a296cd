// The incident rules: declare, and every command that changes an incident.
#include "firebreak/core/rules.hpp"

#include <algorithm>

#include "firebreak/core/cadence.hpp"
#include "firebreak/core/clip.hpp"
#include "firebreak/core/transitions.hpp"
#include "rules_internal.hpp"

namespace firebreak::core {

using detail::mention;
using detail::record;
using detail::refuse_if_finished;
using detail::start;

std::vector<Role> unfilled_required_roles(const Incident& incident, const Policy& policy) {
    std::vector<Role> unfilled;
    const SeverityLevel* level = policy.find_severity(incident.severity);
    if (!level) return unfilled;
    for (Role r : kAllRoles) {
        bool required = std::find(level->roles_required.begin(), level->roles_required.end(), r) !=
                        level->roles_required.end();
        if (required && !incident.holder(r)) unfilled.push_back(r);
    }
    return unfilled;
}

namespace {

Refusal unknown_severity(const std::string& severity, const Policy& policy) {
    std::string known;
    for (const auto& level : policy.severities) known += (known.empty() ? "" : ", ") + level.id;
    return Refusal{"Unknown severity '" + severity + "'. Known severities: " + known + "."};
}

}  // namespace

std::optional<std::string> due_date_problem(Date due, Date today) {
    const std::chrono::sys_days day{due}, now{today};
    if (day < now) return "The due date " + format_date(due) + " is in the past.";
    if (day > now + kLongestDueIn)
        return "The due date " + format_date(due) +
               " is more than five years away; give a date within five years.";
    return std::nullopt;
}

Outcome declare(const cmd::Declare& c, const std::string& name, const Context& ctx) {
    const Policy& policy = *ctx.policy;
    if (c.title.empty()) return Refusal{"An incident needs a title."};
    std::size_t title_chars = char_count(c.title);
    if (title_chars > kMaxTitleChars)
        return Refusal{"An incident's title is at most " + std::to_string(kMaxTitleChars) +
                       " characters (this one has " + std::to_string(title_chars) +
                       "); put the details in a note."};
    std::string severity = c.severity.value_or(policy.default_severity);
    if (!policy.find_severity(severity)) return unknown_severity(severity, policy);
    Change change;
    Incident& inc = change.incident;
    inc.name = name;
    inc.title = c.title;
    inc.severity = severity;
    inc.impact = c.impact;
    inc.service = c.service;
    inc.is_private = c.is_private;
    inc.is_drill = c.is_drill;
    inc.declared_by = ctx.actor;
    inc.milestones.declared_at = ctx.now;
    inc.next_update_due = regular_next_update(inc, policy);
    record(change, ctx, EventKind::declared,
           mention(ctx.actor) + " declared " + std::string(c.is_drill ? "a drill: " : "") +
               policy.severity_label(severity) + ": " + c.title,
           "", severity);
    detail::add_role_notices(change, policy);
    return change;
}

namespace {

Outcome set_severity(const IncidentState& state, const cmd::SetSeverity& c, const Context& ctx) {
    const Policy& policy = *ctx.policy;
    const Incident& inc = state.incident;
    if (auto r = refuse_if_finished(inc)) return *r;
    if (!policy.find_severity(c.severity)) return unknown_severity(c.severity, policy);
    if (c.severity == inc.severity)
        return Refusal{"The incident is already " + policy.severity_label(inc.severity) + "."};

    Change change = start(state);
    change.incident.severity = c.severity;
    change.incident.next_update_due =
        next_update_after_severity_change(inc, change.incident, policy);
    bool promoted = policy.rank(c.severity) < policy.rank(inc.severity);
    record(change, ctx, EventKind::severity_changed,
           std::string(promoted ? "Promoted" : "Downgraded") + " from " +
               policy.severity_label(inc.severity) + " to " + policy.severity_label(c.severity) +
               ".",
           inc.severity, c.severity);
    detail::add_role_notices(change, policy);
    return change;
}

/// Moves the incident to `to` through the transition table, with the cadence that follows.
Outcome move_to(const IncidentState& state, Status to, const std::string& text,
                const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto reason = transition_refusal(inc.status, to)) return Refusal{*reason};
    Change change = start(state);
    Incident& next = change.incident;
    enter_status(next, to, ctx.now);
    if (!is_live(to)) {
        next.next_update_due.reset();
    } else if (!is_live(inc.status)) {  // reopened: the cadence starts again from now
        next.next_update_due = next_update_from(ctx.now, next, *ctx.policy);
    }
    std::string words = "Status changed from " + std::string(to_string(inc.status)) + " to " +
                        std::string(to_string(to)) + ".";
    if (!text.empty()) words += " " + text;
    record(change, ctx, EventKind::status_changed, std::move(words),
           std::string(to_string(inc.status)), std::string(to_string(to)));
    return change;
}

Outcome set_status(const IncidentState& state, const cmd::SetStatus& c, const Context& ctx) {
    if (state.incident.status == Status::resolved && c.status == Status::investigating)
        return Refusal{"Use /incident reopen to reopen a resolved incident."};
    return move_to(state, c.status, "", ctx);
}

Outcome reopen(const IncidentState& state, const cmd::Reopen& c, const Context& ctx) {
    if (state.incident.status != Status::resolved)
        return Refusal{"Only a resolved incident can be reopened; this one is " +
                       std::string(to_string(state.incident.status)) + "."};
    return move_to(state, Status::investigating, c.reason.empty() ? "" : "Reason: " + c.reason,
                   ctx);
}

std::string no_change_text(const Incident& inc, const std::optional<Timestamp>& next) {
    std::string text = "No change, still " + std::string(to_string(inc.status));
    return next ? text + "; next update at " + format_clock(*next) + "." : text + ".";
}

Outcome post_update(const IncidentState& state, UpdateKind kind, const std::string& text,
                    const Context& ctx) {
    const Incident& inc = state.incident;
    if (!is_live(inc.status))
        return Refusal{"The incident is " + std::string(to_string(inc.status)) +
                       "; status updates are for live incidents. Use /incident note instead."};
    Change change = start(state);
    Incident& next = change.incident;
    next.last_update_at = ctx.now;
    next.next_update_due = regular_next_update(next, *ctx.policy);
    std::string words =
        kind == UpdateKind::no_change ? no_change_text(inc, next.next_update_due) : text;
    change.update = StatusUpdate{.id = 0,
                                 .incident_id = inc.id,
                                 .kind = kind,
                                 .text = words,
                                 .author = ctx.actor,
                                 .posted_at = ctx.now,
                                 .due_at = inc.next_update_due};
    record(change, ctx,
           kind == UpdateKind::no_change ? EventKind::no_change_posted : EventKind::update_posted,
           std::move(words));
    return change;
}

Outcome add_note(const IncidentState& state, const cmd::Note& c, const Context& ctx) {
    if (auto r = refuse_if_finished(state.incident)) return *r;
    Change change = start(state);
    record(change, ctx, EventKind::note, c.text);
    return change;
}

Outcome add_action_item(const IncidentState& state, const cmd::AddActionItem& c,
                        const Context& ctx) {
    if (state.incident.status == Status::canceled)
        return Refusal{"The incident was canceled; it has no follow-ups."};
    if (c.owner.empty()) return Refusal{"An action item needs an owner."};
    if (auto problem = due_date_problem(c.due, date_of(ctx.now))) return Refusal{*problem};
    Change change = start(state);
    ActionItem item{.id = 0,
                    .incident_id = state.incident.id,
                    .number = state.action_item_count + 1,
                    .text = c.text,
                    .owner = c.owner,
                    .due = c.due,
                    .priority = c.priority,
                    .verify = c.verify,
                    .state = ActionState::open,
                    .created_by = ctx.actor,
                    .created_at = ctx.now};
    record(change, ctx, EventKind::action_item_added,
           "Action item #" + std::to_string(item.number) + " (" +
               std::string(to_string(c.priority)) + ", " + mention(c.owner) + ", due " +
               format_date(c.due) + "): " + c.text);
    change.action_items.push_back(std::move(item));
    return change;
}

/// "10:45 UTC" today, "2026-11-23 10:45 UTC" on another day.
std::string when(Timestamp t, Timestamp now) {
    return date_of(t) == date_of(now) ? format_clock(t) : format_time(t);
}

Outcome snooze(const IncidentState& state, const cmd::Snooze& c, const Context& ctx) {
    const Incident& inc = state.incident;
    if (!is_live(inc.status) || !inc.next_update_due)
        return Refusal{"There is no update reminder to snooze."};
    Duration by = c.by.value_or(kDefaultSnooze);
    if (by > kLongestSnooze)
        return Refusal{"Snooze for at most " + format_duration(kLongestSnooze) +
                       ": stakeholders still need to hear from the incident."};
    // Snoozes do not stack past a day from now: never silence.
    const Timestamp latest = ctx.now + kLongestSnooze;
    if (*inc.next_update_due >= latest)
        return Refusal{
            "The update reminder is already snoozed as far as it goes (a day from "
            "now, " +
            when(*inc.next_update_due, ctx.now) +
            "): stakeholders still need to hear from the incident."};
    Change change = start(state);
    Timestamp wanted = std::max(*inc.next_update_due, ctx.now) + by;
    change.incident.next_update_due = std::min(wanted, latest);
    std::string capped = wanted > latest ? " (a snooze reaches at most a day from now)" : "";
    record(change, ctx, EventKind::update_snoozed,
           "Update reminder snoozed by " +
               format_duration(*change.incident.next_update_due -
                               std::max(*inc.next_update_due, ctx.now)) +
               "; next update due at " + when(*change.incident.next_update_due, ctx.now) + capped +
               ".",
           format_iso8601(*inc.next_update_due), format_iso8601(*change.incident.next_update_due));
    return change;
}

Outcome keep_watching(const IncidentState& state, const Context& ctx) {
    if (state.incident.status != Status::monitoring)
        return Refusal{"Only a mitigated (monitoring) incident has a watch period to restart."};
    Change change = start(state);
    change.watch_restarted = true;
    record(change, ctx, EventKind::note, "Not resolving yet: the watch period starts again.", "",
           "");
    return change;
}

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Outcome apply(const IncidentState& state, const Command& command, const Context& ctx) {
    if (auto refusal = detail::refuse_without_permission(state.incident, command, ctx))
        return *refusal;
    return std::visit(
        Overloaded{
            [&](const cmd::SetSeverity& c) { return set_severity(state, c, ctx); },
            [&](const cmd::AssignRole& c) { return detail::assign_role(state, c, ctx); },
            [&](const cmd::Handover& c) { return detail::hand_over(state, c, ctx); },
            [&](const cmd::SetStatus& c) { return set_status(state, c, ctx); },
            [&](const cmd::Mitigated& c) {
                return move_to(state, Status::monitoring, c.text, ctx);
            },
            [&](const cmd::Resolve& c) {
                Outcome out = move_to(state, Status::resolved, c.force ? "" : c.text, ctx);
                if (auto* change = std::get_if<Change>(&out))
                    detail::record_resolution(*change, state, c, ctx);
                return out;
            },
            [&](const cmd::Reopen& c) { return reopen(state, c, ctx); },
            [&](const cmd::Close&) { return move_to(state, Status::closed, "", ctx); },
            [&](const cmd::Cancel& c) {
                return move_to(state, Status::canceled,
                               c.reason.empty() ? "" : "Reason: " + c.reason, ctx);
            },
            [&](const cmd::PostUpdate& c) {
                return post_update(state, UpdateKind::update, c.text, ctx);
            },
            [&](const cmd::NoChange&) {
                return post_update(state, UpdateKind::no_change, "", ctx);
            },
            [&](const cmd::Note& c) { return add_note(state, c, ctx); },
            [&](const cmd::ProposeDecision& c) { return detail::propose_decision(state, c, ctx); },
            [&](const cmd::AcknowledgeDecision& c) {
                return detail::acknowledge_decision(state, c, ctx);
            },
            [&](const cmd::AddActionItem& c) { return add_action_item(state, c, ctx); },
            [&](const cmd::CompleteActionItem& c) {
                return detail::complete_action_item(state, c, ctx);
            },
            [&](const cmd::DropActionItem& c) { return detail::drop_action_item(state, c, ctx); },
            [&](const cmd::ReassignActionItem& c) {
                return detail::reassign_action_item(state, c, ctx);
            },
            [&](const cmd::RescheduleActionItem& c) {
                return detail::reschedule_action_item(state, c, ctx);
            },
            [&](const cmd::RecordImpact& c) {
                return detail::record_review(state, EventKind::impact_recorded, c.text, ctx);
            },
            [&](const cmd::RecordRootCause& c) {
                return detail::record_review(state, EventKind::root_cause_recorded, c.text, ctx);
            },
            [&](const cmd::RecordFactor& c) {
                return detail::record_review(state, EventKind::contributing_factor_recorded, c.text,
                                             ctx);
            },
            [&](const cmd::RecordWentWell& c) {
                return detail::record_review(state, EventKind::went_well_recorded, c.text, ctx);
            },
            [&](const cmd::RecordWentBadly& c) {
                return detail::record_review(state, EventKind::went_badly_recorded, c.text, ctx);
            },
            [&](const cmd::Snooze& c) { return snooze(state, c, ctx); },
            [&](const cmd::KeepWatching&) { return keep_watching(state, ctx); },
            [&](const cmd::SetBridge& c) { return detail::set_bridge(state, c, ctx); },
            [&](const cmd::StartWorkstream& c) { return detail::start_workstream(state, c, ctx); },
            [&](const cmd::UpdateWorkstream& c) {
                return detail::update_workstream(state, c, ctx);
            },
            [&](const cmd::TickChecklist& c) { return detail::tick_checklist(state, c, ctx); },
            [&](const cmd::Escalate& c) { return detail::escalate(state, c, ctx); },
            [&](const cmd::JoinIncident&) { return detail::join_incident(state, ctx); },
            [&](const auto&) -> Outcome {
                return Refusal{"That command does not change an incident."};
            },
        },
        command);
}

}  // namespace firebreak::core
