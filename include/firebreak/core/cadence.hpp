#pragma once
// Update cadence arithmetic: when stakeholders must next hear from the incident.

#include <optional>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/policy.hpp"

namespace firebreak::core {

/// `base` plus the severity's cadence; nullopt when the cadence is off or the incident
/// is not live.
std::optional<Timestamp> next_update_from(Timestamp base, const Incident& incident,
                                          const Policy& policy);

/// Last update (or the declare time when none yet) plus the severity's cadence.
std::optional<Timestamp> regular_next_update(const Incident& incident, const Policy& policy);

/// The next due time after a severity change: a promotion re-times to the earlier of the
/// current due time and the new cadence's; a downgrade takes the new cadence's.
std::optional<Timestamp> next_update_after_severity_change(const Incident& before,
                                                           const Incident& after,
                                                           const Policy& policy);

}  // namespace firebreak::core
