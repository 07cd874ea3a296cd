// The review's raw material: recorded on the timeline during the incident or after it.
#include <algorithm>

#include "firebreak/core/review.hpp"
#include "rules_internal.hpp"

namespace firebreak::core::detail {

Outcome record_review(const IncidentState& state, EventKind kind, const std::string& text,
                      const Context& ctx) {
    // A canceled incident was declared by mistake: there is nothing to review. A resolved
    // or closed one is exactly when the review happens.
    if (state.incident.status == Status::canceled)
        return Refusal{"The incident was canceled; it has no review."};
    if (text.empty())
        return Refusal{std::string(review_label(kind)) + " needs text for the review."};
    Change change = start(state);
    record(change, ctx, kind, std::string(review_label(kind)) + ": " + text);
    return change;
}

}  // namespace firebreak::core::detail

namespace firebreak::core {

std::optional<Change> start_review(const IncidentState& state,
                                   const std::vector<TimelineEvent>& timeline, const Context& ctx) {
    if (state.incident.status != Status::resolved) return std::nullopt;
    bool started = std::any_of(timeline.begin(), timeline.end(), [](const TimelineEvent& e) {
        return e.kind == EventKind::review_started;
    });
    if (started) return std::nullopt;
    Change change = detail::start(state);
    detail::record(change, ctx, EventKind::review_started,
                   "The review started: the postmortem draft was posted.");
    return change;
}

}  // namespace firebreak::core
