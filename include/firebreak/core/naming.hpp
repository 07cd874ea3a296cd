#pragma once
// Incident names, built from the configured `incident.channel_name` pattern
// ("inc-{date}-{slug}" by default) and valid as a Slack channel name.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/time.hpp"

namespace firebreak::core {

inline constexpr std::size_t kMaxIncidentNameLength = 80;
inline constexpr std::string_view kDefaultChannelPattern = "inc-{date}-{slug}";

/// A platform's rules for conversation names, given to the naming as values: Slack allows
/// 80 characters of a-z0-9-_ (the characters are what slugify and a valid pattern give).
/// Teams allows 50, refuses some first characters and a few whole names.
struct NameRules {
    std::size_t max_length = kMaxIncidentNameLength;
    /// Whole names the platform refuses, compared without regard to case ("CON", "forms").
    std::vector<std::string> reserved_names = {};
    /// Characters a name may not start with ("_." for Teams).
    std::string forbidden_first = {};
    /// Who makes these rules, for messages: "Slack", "Teams".
    std::string platform = "Slack";
};

/// Lowercase a-z0-9 and single dashes from the title; "incident" when nothing is left.
std::string slugify(std::string_view title);

/// The `attempt`-th candidate name (1-based) for `pattern`: {date} becomes YYYYMMDD and
/// {slug} the slug, then "-2", "-3", ... for repeats. The slug is shortened so the whole
/// name, suffix included, fits `rules.max_length`. A name that would be one of
/// `rules.reserved_names` gets "-incident" before the suffix. `pattern` must pass
/// channel_pattern_problem.
std::string incident_name(std::string_view pattern, Timestamp declared_at, std::string_view slug,
                          int attempt, const NameRules& rules);

/// Why `pattern` could produce an invalid channel name (Slack allows lowercase letters,
/// digits, '-' and '_', at most 80 characters), or nullopt when it cannot.
std::optional<std::string> channel_pattern_problem(std::string_view pattern);

/// channel_pattern_problem, then `rules`: room for the title within rules.max_length, and a
/// first character the platform accepts. Reserved names cannot be ruled out by a pattern;
/// incident_name steers around them.
std::optional<std::string> channel_pattern_problem(std::string_view pattern,
                                                   const NameRules& rules);

}  // namespace firebreak::core
