#pragma once
// The parts of the admins' configuration that domain rules depend on, passed in as values.

#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/role.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

struct SeverityLevel {
    std::string id;  ///< "sev1"
    std::string name;
    std::string description;
    Cadence update_every;  ///< how often stakeholders must hear from us; nullopt = no cadence
    std::vector<Role> roles_required;
};

struct RoleInfo {
    Role id = Role::ic;
    std::string name;
    std::string instructions;
};

/// Severity levels ordered most severe first. The first level is the "SEV1" of the
/// playbook: the triple-role rule and the two-person rule apply to it.
struct Policy {
    std::vector<SeverityLevel> severities;
    std::vector<RoleInfo> roles;
    std::string default_severity;

    /// nullptr when no level has that id.
    const SeverityLevel* find_severity(std::string_view id) const;

    /// 0 for the most severe level, -1 when unknown.
    int rank(std::string_view severity_id) const;

    /// True for the most severe level.
    bool is_top(std::string_view severity_id) const { return rank(severity_id) == 0; }

    /// "SEV1 (Critical)": how people read a severity; the id alone when unknown.
    std::string severity_label(std::string_view id) const;

    /// The configured name ("Incident Commander"), or the built-in one.
    std::string role_name(Role r) const;

    /// The playbook defaults: sev1 15m (ic, tl, comms), sev2 30m (ic), sev3 2h, sev4 off.
    static Policy playbook_default();
};

}  // namespace firebreak::core
