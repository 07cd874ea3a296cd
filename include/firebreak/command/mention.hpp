#pragma once
// People named in commands: owners, role holders, handover targets.

#include <optional>
#include <string_view>

#include "firebreak/core/incident.hpp"

namespace firebreak::command {

/// What a usage message says when a person could not be recognised: "name a person as
/// @name or me" where plain names are people, else a hint to mention them.
std::string_view person_hint(bool plain_names);

/// Resolves one word naming a person. Slack's `<@U123>` and `<@U123|name>` give "U123",
/// the console's `@alice` gives "alice" (only with `plain_names`), and `me` (any case)
/// gives `actor`. Returns nullopt for anything else, including a bare name without `@`:
/// a typo must not silently assign a stranger.
std::optional<core::UserId> resolve_person(std::string_view word, const core::UserId& actor,
                                           bool plain_names = true);

}  // namespace firebreak::command
