#pragma once
// The rest of the guides' playbook as values: the live checklist's items and what ticks
// them, the parallel workstreams, the resolution criteria, the video bridge. Pure: the
// app gathers the facts, core says what they mean.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

/// The guides' four phases of an incident, in order.
enum class Phase { declare, triage, manage, close };
inline constexpr std::array<Phase, 4> kAllPhases{Phase::declare, Phase::triage, Phase::manage,
                                                 Phase::close};
std::string_view to_string(Phase p);
std::optional<Phase> parse_phase(std::string_view text);
/// "Declare", "Triage", "Manage", "Close".
std::string_view phase_title(Phase p);

/// What ticks a checklist item by itself. `manual` items have a button instead.
inline constexpr std::array<std::string_view, 19> kChecklistTriggers{
    "manual",          ///< only by hand: /incident check <id>, or its button
    "declared",        ///< the incident exists, so its severity is set
    "ic_assigned",     ///< someone holds the Incident Commander role
    "tl_assigned",     ///< someone holds the Tech Lead role
    "comms_assigned",  ///< someone holds the Comms Lead role
    "channel_open",    ///< the platform created the incident's conversation
    "bridge_open",     ///< the incident has a video bridge
    "cadence_set",     ///< an update is due at a fixed time (or the severity has none)
    "what_broken",     ///< the triage field is filled
    "who_affected",
    "impact_started",  ///< since when
    "recent_changes",
    "workstream_started",  ///< any workstream has an owner
    "decision_logged",     ///< any decision is in the log
    "update_on_time",      ///< a stakeholder update was posted by the time it was due
    "mitigated",           ///< `mitigated` (or monitoring) was declared
    "watch_completed",     ///< the watch period after mitigation ran its course
    "review_started",      ///< the postmortem draft was posted for the resolved incident
    "action_item_added",   ///< the review has an action item (each has owner and due date)
};

/// True for the names in kChecklistTriggers.
bool is_checklist_trigger(std::string_view trigger);

struct ChecklistItem {
    std::string id;  ///< one word, typed in `/incident check <id>`
    Phase phase = Phase::declare;
    std::string text;                     ///< how the item reads
    std::string when = "manual";          ///< a trigger (kChecklistTriggers)
    std::vector<std::string> severities;  ///< the levels it applies to; empty: every level
    friend bool operator==(const ChecklistItem&, const ChecklistItem&) = default;

    bool applies_to(std::string_view severity) const;
};

/// The guides' checklist: Declare (severity set, IC and TL assigned, channel and bridge
/// open, update cadence set), Triage (what is broken, who is affected, since when, what
/// changed recently, workstreams started), Manage (decisions captured, updates on
/// schedule, mitigated declared explicitly), Close (watch period completed, timeline
/// summarised, review scheduled, action items with owners and due dates).
std::vector<ChecklistItem> playbook_checklist();

/// The guides' parallel workstreams: mitigation, diagnosis, comms, vendor.
std::vector<std::string> playbook_workstreams();

/// The guides' resolution criteria; the last is the watch period.
std::vector<std::string> playbook_resolution_checklist();
/// The criterion ticked by itself once the watch period has run.
inline constexpr std::string_view kWatchCriterion = "Watch period completed";

/// One ticked checklist item of one incident. Ticks are never taken back.
struct ChecklistTick {
    std::int64_t id = 0;  ///< order of ticking
    std::int64_t incident_id = 0;
    std::string item;  ///< ChecklistItem::id
    Timestamp at{};
    UserId by;  ///< who ticked it by hand; "" when it ticked itself
    friend bool operator==(const ChecklistTick&, const ChecklistTick&) = default;
};

/// What the app observed about an incident, for the triggers that the incident row alone
/// does not answer.
struct ChecklistFacts {
    bool channel_open = false;
    bool cadence_off = false;  ///< the severity has no update cadence: nothing to set
    bool workstream_started = false;
    bool decision_logged = false;
    bool update_on_time = false;
    bool watch_completed = false;
    bool review_started = false;
    bool action_item_added = false;
};

/// Whether `trigger` holds for `incident` given `facts`; always false for "manual".
bool observed(std::string_view trigger, const Incident& incident, const ChecklistFacts& facts);

/// The items of `items` that apply to the incident's severity, are not in `ticks`, and
/// whose trigger now holds, in checklist order.
std::vector<const ChecklistItem*> newly_observed(const std::vector<ChecklistItem>& items,
                                                 const Incident& incident,
                                                 const ChecklistFacts& facts,
                                                 const std::vector<ChecklistTick>& ticks);

/// The placeholders a bridge_url template may use.
inline constexpr std::array<std::string_view, 3> kBridgePlaceholders{"slug", "incident", "date"};

/// `pattern` with {slug} (from the title), {incident} (the incident's name) and {date}
/// (YYYYMMDD of the declare) filled; "" for an empty pattern.
std::string bridge_url(std::string_view pattern, const Incident& incident);

/// Why `url` cannot be a bridge: not http(s), spaces or chat markup in it; nullopt if fine.
std::optional<std::string> bridge_url_problem(std::string_view url);

}  // namespace firebreak::core
