#pragma once
// The three incident roles of the playbook.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace firebreak::core {

/// Incident Commander owns coordination, Tech Lead owns diagnosis and mitigation,
/// Comms Lead owns updates.
enum class Role { ic, tl, comms };

inline constexpr std::array<Role, 3> kAllRoles{Role::ic, Role::tl, Role::comms};

/// Index of a role in per-role arrays.
constexpr std::size_t index(Role r) {
    return static_cast<std::size_t>(r);
}

/// "ic", "tl", "comms": the ids used in commands and config.
std::string_view to_string(Role r);

/// Accepts the ids above; nullopt otherwise.
std::optional<Role> parse_role(std::string_view text);

/// Static role names ("Incident Commander", ...) for when no config is at hand.
std::string_view default_role_name(Role r);

}  // namespace firebreak::core
