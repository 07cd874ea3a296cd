#pragma once
// The parts of the admins' configuration that domain rules depend on, passed in as values.

#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/playbook.hpp"
#include "firebreak/core/role.hpp"
#include "firebreak/core/status_page.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

/// A conversation of stakeholders (leadership, support) told of incidents of a severity.
struct Stakeholders {
    std::string conversation;
    /// May hear of private incidents too; otherwise a private incident is kept from it.
    bool private_safe = false;
    friend bool operator==(const Stakeholders&, const Stakeholders&) = default;
};

struct SeverityLevel {
    std::string id;  ///< "sev1"
    std::string name;
    std::string description;
    Cadence update_every;  ///< how often stakeholders must hear from us; nullopt = no cadence
    std::vector<Role> roles_required;
    /// How often customers must hear from us on the status page; nullopt = no cadence.
    Cadence external_update_every;
    /// Told on declare or promotion to this level, then of every update and the resolution.
    std::vector<Stakeholders> notify;
};

struct RoleInfo {
    Role id = Role::ic;
    std::string name;
    std::string instructions;
};

/// Who may do what. Each list holds role ids ("ic", "tl", "comms"), "admins" or "anyone".
/// Admins may do anything. While an incident has no Incident Commander, role entries are
/// met by anyone: before someone coordinates, nobody is locked out of the basics.
struct Permissions {
    std::vector<std::string> admins;                       ///< platform user ids
    std::vector<std::string> may_resolve{"ic", "admins"};  ///< resolve and reopen
    std::vector<std::string> may_change_severity{"ic", "tl", "admins"};
    std::vector<std::string> may_cancel{"ic", "admins"};
    /// Postpone the update reminder (`snooze`, and the reminder's Snooze buttons).
    std::vector<std::string> may_snooze{"comms", "ic", "admins"};
    /// Give a role to someone else, or take a role someone else holds. Claiming a free
    /// role for yourself, and handing over a role you hold, need no permission.
    std::vector<std::string> may_assign_roles{"ic", "admins"};
    /// Publish to the public status page, and say which components an incident hits.
    std::vector<std::string> may_publish{"comms", "ic", "admins"};
};

/// Severity levels ordered most severe first. The first level is the "SEV1" of the
/// playbook: the triple-role rule and the two-person rule apply to it.
struct Policy {
    std::vector<SeverityLevel> severities;
    std::vector<RoleInfo> roles;
    std::string default_severity;
    Permissions permissions;
    /// Whether the public status page is on (status_page.enabled), and its components.
    bool status_page = false;
    std::vector<StatusPageComponent> components;
    /// The live checklist's items (the `checklist` section), in the order they are shown.
    std::vector<ChecklistItem> checklist = playbook_checklist();
    /// The names `/incident workstream` accepts (the `workstreams` section).
    std::vector<std::string> workstreams = playbook_workstreams();
    /// What is confirmed before resolving (the `resolution_checklist` section).
    std::vector<std::string> resolution_checklist = playbook_resolution_checklist();

    /// nullptr when no level has that id.
    const SeverityLevel* find_severity(std::string_view id) const;

    /// 0 for the most severe level, -1 when unknown.
    int rank(std::string_view severity_id) const;

    /// True for the most severe level.
    bool is_top(std::string_view severity_id) const { return rank(severity_id) == 0; }

    /// "SEV1": the id in capitals, as people write it.
    static std::string severity_code(std::string_view id);

    /// "SEV1 (Critical)": how people read a severity; the code alone when unknown.
    std::string severity_label(std::string_view id) const;

    /// The configured name ("Incident Commander"), or the built-in one.
    std::string role_name(Role r) const;

    /// The playbook defaults: sev1 15m (ic, tl, comms), sev2 30m (ic), sev3 2h, sev4 off;
    /// externally sev1 30m, sev2 1h, sev3 and sev4 off.
    static Policy playbook_default();
};

}  // namespace firebreak::core
