#include "firebreak/core/policy.hpp"

namespace firebreak::core {

const SeverityLevel* Policy::find_severity(std::string_view id) const {
    for (const auto& level : severities)
        if (level.id == id) return &level;
    return nullptr;
}

int Policy::rank(std::string_view severity_id) const {
    for (std::size_t i = 0; i < severities.size(); ++i)
        if (severities[i].id == severity_id) return static_cast<int>(i);
    return -1;
}

std::string Policy::severity_code(std::string_view id) {
    std::string code(id);
    for (char& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return code;
}

std::string Policy::severity_label(std::string_view id) const {
    std::string label = severity_code(id);
    if (const SeverityLevel* level = find_severity(id); level && !level->name.empty())
        label += " (" + level->name + ")";
    return label;
}

std::string Policy::role_name(Role r) const {
    for (const auto& info : roles)
        if (info.id == r && !info.name.empty()) return info.name;
    return std::string(default_role_name(r));
}

Policy Policy::playbook_default() {
    using std::chrono::hours;
    using std::chrono::minutes;
    Policy p;
    p.severities = {
        {"sev1",
         "Critical",
         "Widespread outage, data loss or a security breach",
         Duration{minutes(15)},
         {Role::ic, Role::tl, Role::comms},
         Duration{minutes(30)},
         {}},
        {"sev2",
         "High",
         "Partial outage or severe degradation",
         Duration{minutes(30)},
         {Role::ic},
         Duration{hours(1)},
         {}},
        {"sev3",
         "Medium",
         "Limited impact with a workaround",
         Duration{hours(2)},
         {},
         std::nullopt,
         {}},
        {"sev4", "Low", "No immediate customer impact", std::nullopt, {}, std::nullopt, {}},
    };
    p.roles = {
        {Role::ic, "Incident Commander", "Own coordination, not the fix."},
        {Role::tl, "Tech Lead", "Own diagnosis and mitigation."},
        {Role::comms, "Comms Lead", "Own stakeholder updates, on cadence."},
    };
    p.default_severity = "sev2";
    return p;
}

}  // namespace firebreak::core
