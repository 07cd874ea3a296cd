#pragma once
// The review's raw material: impact, root cause, contributing factors, what went well
// and what did not. Each is a timeline entry whose text starts with its label
// ("Root cause: …"), so the chat timeline reads on its own and the draft can take the
// words back out.

#include <array>
#include <string_view>

#include "firebreak/core/timeline.hpp"

namespace firebreak::core {

/// The review kinds, in the order the postmortem draft shows them.
inline constexpr std::array<EventKind, 5> kReviewKinds{
    EventKind::impact_recorded, EventKind::root_cause_recorded,
    EventKind::contributing_factor_recorded, EventKind::went_well_recorded,
    EventKind::went_badly_recorded};

/// True for the kinds above: entries that feed the review, not facts of the incident.
bool is_review_material(EventKind kind);

/// "Impact", "Root cause", "Contributing factor", "Went well", "Did not go well"; empty
/// for any other kind.
std::string_view review_label(EventKind kind);

/// What the person wrote: the event's text without its "Label: " prefix. The whole text
/// for an event that carries no such prefix.
std::string_view review_text(const TimelineEvent& event);

}  // namespace firebreak::core
