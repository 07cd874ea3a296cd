// Who may run which command: the `permissions` section, applied before any rule.
#include <algorithm>

#include "rules_internal.hpp"

namespace firebreak::core::detail {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

/// True when `actor` matches an entry of `allowed`.
bool allowed(const std::vector<std::string>& allowed, const Incident& inc, const Context& ctx) {
    const Permissions& p = ctx.policy->permissions;
    if (contains(p.admins, ctx.actor) || contains(allowed, "anyone")) return true;
    bool no_ic_yet = !inc.holder(Role::ic);
    for (Role r : kAllRoles)
        if (contains(allowed, to_string(r)) && (no_ic_yet || inc.holds(ctx.actor, r))) return true;
    return false;
}

/// "the Incident Commander, the Tech Lead or an admin" for a permission list.
std::string who(const std::vector<std::string>& list, const Policy& policy) {
    std::vector<std::string> names;
    for (const auto& entry : list) {
        if (entry == "admins")
            names.push_back("an admin");
        else if (auto r = parse_role(entry))
            names.push_back("the " + policy.role_name(*r));
    }
    if (names.empty()) return "an admin";
    std::string out = names[0];
    for (std::size_t i = 1; i < names.size(); ++i)
        out += (i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

std::optional<Refusal> require(const std::vector<std::string>& list, const std::string& action,
                               const Incident& inc, const Context& ctx) {
    if (allowed(list, inc, ctx)) return std::nullopt;
    return Refusal{"Only " + who(list, *ctx.policy) + " may " + action + "."};
}

/// Giving `role` to `user`: free to claim for yourself or to pass on when you hold it.
std::optional<Refusal> require_role_change(Role role, const UserId& user, const Incident& inc,
                                           const Context& ctx) {
    bool claiming_free_role = user == ctx.actor && !inc.holder(role);
    bool passing_own_role = inc.holds(ctx.actor, role);
    if (claiming_free_role || passing_own_role) return std::nullopt;
    std::string action = user == ctx.actor
                             ? "take the " + ctx.policy->role_name(role) + " role from " +
                                   mention(inc.holder(role)->user) + " (ask them to hand it over)"
                             : "give someone else a role";
    return require(ctx.policy->permissions.may_assign_roles, action, inc, ctx);
}

}  // namespace

std::optional<Refusal> require_permission(const std::vector<std::string>& list,
                                          const std::string& action, const Incident& incident,
                                          const Context& ctx) {
    return require(list, action, incident, ctx);
}

std::optional<Refusal> refuse_without_permission(const Incident& inc, const Command& command,
                                                 const Context& ctx) {
    const Permissions& p = ctx.policy->permissions;
    if (const auto* c = std::get_if<cmd::AssignRole>(&command))
        return require_role_change(c->role, c->user, inc, ctx);
    if (const auto* c = std::get_if<cmd::Handover>(&command))
        return require_role_change(c->role, c->to, inc, ctx);
    if (std::holds_alternative<cmd::SetSeverity>(command))
        return require(p.may_change_severity, "change the severity", inc, ctx);
    if (std::holds_alternative<cmd::Resolve>(command))
        return require(p.may_resolve, "resolve the incident", inc, ctx);
    if (std::holds_alternative<cmd::Reopen>(command))
        return require(p.may_resolve, "reopen the incident", inc, ctx);
    if (std::holds_alternative<cmd::Close>(command))
        return require(p.may_resolve, "close the incident", inc, ctx);
    if (std::holds_alternative<cmd::Cancel>(command))
        return require(p.may_cancel, "cancel the incident", inc, ctx);
    if (std::holds_alternative<cmd::Snooze>(command))
        return require(p.may_snooze, "snooze the update reminder", inc, ctx);
    return std::nullopt;
}

}  // namespace firebreak::core::detail
