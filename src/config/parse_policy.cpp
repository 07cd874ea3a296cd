// The severities and roles lists: what core::Policy is built from.

#include <algorithm>
#include <cctype>

#include "messages.hpp"
#include "parse.hpp"

namespace firebreak::config::detail {

namespace {

const std::vector<std::string>& role_ids() {
    static const std::vector<std::string> ids{"ic", "tl", "comms"};
    return ids;
}

/// Severity ids are typed in commands ("/incident sev sev1"): one lowercase word.
bool is_severity_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '-' || c == '_';
    });
}

std::optional<std::string> read_severity_id(const Field& field, Diagnostics& diag) {
    auto id = read_string(field, diag);
    if (!id) return std::nullopt;
    if (is_severity_id(*id)) return id;
    diag.error(
        field.mark, field.path,
        "expected one word of lowercase letters, digits, '-' or '_' like sev1, got " + quoted(*id));
    return std::nullopt;
}

std::optional<core::Role> read_role(const Field& field, Diagnostics& diag) {
    auto text = read_string(field, diag);
    if (!text) return std::nullopt;
    if (auto role = core::parse_role(*text)) return role;
    diag.error(field.mark, field.path,
               "unknown role " + quoted(*text) + suggestion(*text, role_ids()) +
                   "; the roles are " + one_of(role_ids()));
    return std::nullopt;
}

std::optional<std::vector<core::Role>> read_role_list(const Field& field, Diagnostics& diag) {
    auto items = read_list(field, diag);
    if (!items) return std::nullopt;
    std::vector<core::Role> roles;
    for (const Field& item : *items) {
        auto role = read_role(item, diag);
        if (!role) continue;
        if (std::find(roles.begin(), roles.end(), *role) != roles.end()) {
            diag.error(item.mark, item.path,
                       "role '" + std::string(core::to_string(*role)) + "' is listed twice");
            continue;
        }
        roles.push_back(*role);
    }
    return roles;
}

const core::RoleInfo& playbook_role(core::Role role) {
    static const std::vector<core::RoleInfo> roles = core::Policy::playbook_default().roles;
    for (const auto& info : roles)
        if (info.id == role) return info;
    return roles.front();
}

}  // namespace

void parse_severities(const Field& field, std::vector<core::SeverityLevel>& out,
                      Diagnostics& diag) {
    out.clear();
    auto items = read_list(field, diag);
    if (!items) return;
    for (const Field& item : *items) {
        core::SeverityLevel level;
        MapReader r(item, diag);
        if (auto id = r.required("id", "a one-word id like sev1"))
            if (auto text = read_severity_id(*id, diag)) level.id = *text;
        r.read("name", level.name, read_string);
        r.read("description", level.description, read_string);
        if (auto every = r.required("update_every", "a duration like 15m, 2h or off"))
            if (auto cadence = read_cadence(*every, diag)) level.update_every = *cadence;
        r.read("roles_required", level.roles_required, read_role_list);
        r.read("external_update_every", level.external_update_every, read_cadence);
        r.read("notify", level.notify, read_stakeholders);
        r.finish();
        out.push_back(std::move(level));
    }
}

void parse_roles(const Field& field, std::vector<core::RoleInfo>& out, Diagnostics& diag) {
    out.clear();
    auto items = read_list(field, diag);
    if (!items) return;
    for (const Field& item : *items) {
        core::RoleInfo info;
        MapReader r(item, diag);
        if (auto id = r.required("id", "ic, tl or comms"))
            if (auto role = read_role(*id, diag)) info = playbook_role(*role);
        r.read("name", info.name, read_string);
        r.read("instructions", info.instructions, read_string);
        r.finish();
        out.push_back(std::move(info));
    }
}

void complete_roles(std::vector<core::RoleInfo>& roles) {
    std::vector<core::RoleInfo> complete;
    for (core::Role role : core::kAllRoles) {
        auto listed = std::find_if(roles.begin(), roles.end(),
                                   [role](const core::RoleInfo& r) { return r.id == role; });
        complete.push_back(listed != roles.end() ? *listed : playbook_role(role));
    }
    roles = std::move(complete);
}

}  // namespace firebreak::config::detail
