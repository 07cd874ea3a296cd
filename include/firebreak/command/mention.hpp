#pragma once
// People named in commands: owners, role holders, handover targets.

#include <optional>
#include <string_view>

#include "firebreak/core/incident.hpp"

namespace firebreak::command {

/// What a usage message says when a person could not be recognised.
inline constexpr std::string_view kPersonHint = "name a person as @name or me";

/// Resolves one word naming a person. Slack's `<@U123>` and `<@U123|name>` give "U123",
/// the console's `@alice` gives "alice", and `me` (any case) gives `actor`. Returns
/// nullopt for anything else, including a bare name without `@`: a typo must not
/// silently assign a stranger.
std::optional<core::UserId> resolve_person(std::string_view word, const core::UserId& actor);

}  // namespace firebreak::command
