// String forms of roles and statuses: the ids used in commands, config and the database.
#include "firebreak/core/role.hpp"
#include "firebreak/core/status.hpp"

namespace firebreak::core {

std::string_view to_string(Role r) {
    switch (r) {
        case Role::ic:
            return "ic";
        case Role::tl:
            return "tl";
        case Role::comms:
            return "comms";
    }
    return "ic";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : kAllRoles)
        if (to_string(r) == text) return r;
    return std::nullopt;
}

std::string_view default_role_name(Role r) {
    switch (r) {
        case Role::ic:
            return "Incident Commander";
        case Role::tl:
            return "Tech Lead";
        case Role::comms:
            return "Comms Lead";
    }
    return "Incident Commander";
}

std::string_view to_string(Status s) {
    switch (s) {
        case Status::investigating:
            return "investigating";
        case Status::mitigating:
            return "mitigating";
        case Status::monitoring:
            return "monitoring";
        case Status::resolved:
            return "resolved";
        case Status::closed:
            return "closed";
        case Status::canceled:
            return "canceled";
    }
    return "investigating";
}

std::optional<Status> parse_status(std::string_view text) {
    for (Status s : {Status::investigating, Status::mitigating, Status::monitoring,
                     Status::resolved, Status::closed, Status::canceled})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

}  // namespace firebreak::core
