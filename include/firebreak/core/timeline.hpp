#pragma once
// The append-only timeline: every step of an incident, who took it, and what changed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

enum class EventKind {
    declared,
    severity_changed,
    role_assigned,
    role_handed_over,
    status_changed,
    update_posted,
    no_change_posted,
    update_snoozed,
    note,
    decision_proposed,
    decision_acknowledged,
    decision_recorded,
    action_item_added,
    action_item_changed,  ///< done, not doing, reassigned or re-dated; before and after
    reminder_sent,
    // The review's raw material (see review.hpp).
    impact_recorded,
    root_cause_recorded,
    contributing_factor_recorded,
    went_well_recorded,
    went_badly_recorded,
    review_started,  ///< the postmortem draft was first posted for a resolved incident
    /// A chat message someone pinned (or marked) into the timeline: `at` is when it was
    /// written, `actor` who wrote it, `text` what it said, `after` who captured it.
    message_captured,
    /// A customer-facing update went out on the status page; `after` is its public status.
    published,
    /// The incident's public face changed: its public title, components or the external
    /// update reminder.
    status_page_changed,
    // The rest of the playbook (playbook.hpp).
    bridge_set,             ///< the video bridge was set or replaced: before and after
    workstream_changed,     ///< started, re-owned, blocked or done; `after` is its name
    checklist_ticked,       ///< a checklist item ticked by hand; `after` is its id
    help_requested,         ///< `escalate`: `before` the area, the text says why
    help_joined,            ///< someone came in through a help request's Join button
    resolution_checked,     ///< the resolution criteria at resolve: confirmed, or skipped
    stakeholders_notified,  ///< stakeholders told of it; `after` lists the conversations
};

std::string_view to_string(EventKind k);
std::optional<EventKind> parse_event_kind(std::string_view text);

struct TimelineEvent {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    Timestamp at{};
    UserId actor;  ///< empty for the bot itself
    EventKind kind = EventKind::note;
    std::string text;    ///< what happened, in words
    std::string before;  ///< the value before the change, when one changed
    std::string after;   ///< the value after it
};

}  // namespace firebreak::core
