#pragma once
// The incident rules: pure functions of (state, command, now). No clock, no I/O.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "firebreak/core/command.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/timeline.hpp"

namespace firebreak::core {

/// Who is acting, when, under which policy.
struct Context {
    UserId actor;
    Timestamp now{};
    const Policy* policy = nullptr;
};

/// Everything the rules need to know about one incident.
struct IncidentState {
    Incident incident;
    std::vector<Decision> decisions;
    int action_item_count = 0;
    std::vector<ActionItem> action_items;  ///< the existing ones, for commands that change one
    std::vector<Workstream> workstreams = {};
    std::vector<ChecklistTick> checklist_ticks = {};
};

/// The guides' "Need support" request, for the app to post in the escalation channel.
struct HelpRequest {
    std::string area;
    std::string why;
};

/// The command is not allowed; `reason` is shown to the person who ran it.
struct Refusal {
    std::string reason;
};

/// What a command changed. The caller persists all of it in one transaction.
struct Change {
    Incident incident;                             ///< the new state
    std::vector<TimelineEvent> events;             ///< to append, in order
    std::vector<Decision> decisions;               ///< new or changed decisions
    std::vector<ActionItem> action_items;          ///< new action items
    std::vector<ActionItem> changed_action_items;  ///< existing action items, as they now are
    std::optional<StatusUpdate> update;            ///< a posted stakeholder update
    std::vector<std::string> notices;          ///< things people should know (unfilled roles, ...)
    bool watch_restarted = false;              ///< "not yet": the watch period starts again now
    std::vector<Workstream> workstreams = {};  ///< new or changed workstreams
    std::vector<ChecklistTick> checklist_ticks = {};  ///< items ticked by hand
    std::optional<HelpRequest> help_request = {};     ///< to post in the escalation channel
};

using Outcome = std::variant<Refusal, Change>;

/// The furthest an action item may be due: beyond that a date is a typo (and a date in
/// year 9999 would overflow reminder arithmetic).
inline constexpr std::chrono::days kLongestDueIn{5 * 366};

/// Why `due` cannot be an action item's due date on `today`'s date, if it cannot: before
/// today, or more than five years out.
std::optional<std::string> due_date_problem(Date due, Date today);

/// How long `snooze` with no duration postpones the update reminder.
inline constexpr Duration kDefaultSnooze = std::chrono::minutes(15);
/// The longest snooze: a day. Longer silences are a severity change, not a snooze.
inline constexpr Duration kLongestSnooze = std::chrono::hours(24);

/// Declares a new incident named `name` (see naming.hpp). Refused for an unknown severity
/// or an empty title.
Outcome declare(const cmd::Declare& command, const std::string& name, const Context& ctx);

/// Applies a command to an existing incident. Commands that change nothing (queries,
/// declare) are refused: the caller handles those itself.
Outcome apply(const IncidentState& state, const Command& command, const Context& ctx);

/// Records that the review started, when the postmortem draft is posted: a change with one
/// review_started event for a resolved incident whose `timeline` has none yet; nullopt
/// when there is nothing to record (not resolved, or the review already started).
std::optional<Change> start_review(const IncidentState& state,
                                   const std::vector<TimelineEvent>& timeline, const Context& ctx);

/// Whether a decision needs the IC's and the TL's acknowledgement (the two-person rule):
/// every decision in the top severity, and an irreversible one at any severity.
bool needs_two_people(const Incident& incident, Reversibility reversibility, const Policy& policy);

/// Roles the incident's severity requires that nobody holds, in role order.
std::vector<Role> unfilled_required_roles(const Incident& incident, const Policy& policy);

}  // namespace firebreak::core
