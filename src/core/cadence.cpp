#include "firebreak/core/cadence.hpp"

#include <algorithm>

namespace firebreak::core {

std::optional<Timestamp> next_update_from(Timestamp base, const Incident& incident,
                                          const Policy& policy) {
    if (!is_live(incident.status)) return std::nullopt;
    const SeverityLevel* level = policy.find_severity(incident.severity);
    if (!level || !level->update_every) return std::nullopt;
    return base + *level->update_every;
}

std::optional<Timestamp> regular_next_update(const Incident& incident, const Policy& policy) {
    return next_update_from(incident.last_update_at.value_or(incident.milestones.declared_at),
                            incident, policy);
}

std::optional<Timestamp> next_update_after_severity_change(const Incident& before,
                                                           const Incident& after,
                                                           const Policy& policy) {
    auto fresh = regular_next_update(after, policy);
    bool promoted = policy.rank(after.severity) < policy.rank(before.severity);
    if (promoted && fresh && before.next_update_due)
        return std::min(*fresh, *before.next_update_due);
    return fresh;
}

}  // namespace firebreak::core
