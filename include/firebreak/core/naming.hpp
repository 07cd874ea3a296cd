#pragma once
// Incident names: "inc-YYYYMMDD-<slug>", valid as a Slack channel name.

#include <cstddef>
#include <string>
#include <string_view>

#include "firebreak/core/time.hpp"

namespace firebreak::core {

inline constexpr std::size_t kMaxIncidentNameLength = 80;

/// Lowercase a-z0-9 and single dashes from the title; "incident" when nothing is left.
std::string slugify(std::string_view title);

/// The `attempt`-th candidate name (1-based): "inc-20261122-db-down", then "...-2", ...
/// The slug is shortened so the whole name, suffix included, fits 80 characters.
std::string incident_name(Timestamp declared_at, std::string_view slug, int attempt);

}  // namespace firebreak::core
