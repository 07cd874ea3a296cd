#pragma once
// The one table of allowed status moves, and the milestones each move stamps.

#include <optional>
#include <string>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/status.hpp"

namespace firebreak::core {

/// Why `from → to` is not allowed, or nullopt when it is.
std::optional<std::string> transition_refusal(Status from, Status to);

/// Applies an allowed move to `incident`: sets the status and stamps the milestones of
/// the new status and of any milestone skipped on the way (resolving a never-mitigated
/// incident stamps `mitigated_at` too). Going back to investigating or mitigating from
/// monitoring or resolved clears `mitigated_at` (and `resolved_at`): that mitigation did
/// not hold.
void enter_status(Incident& incident, Status to, Timestamp now);

}  // namespace firebreak::core
