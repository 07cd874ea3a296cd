#include "firebreak/config/config.hpp"

namespace firebreak::config {

bool SlackConfig::active() const {
    if (!enabled || !bot_token.present()) return false;
    // Socket Mode receives events over a websocket opened with the app token; HTTP mode
    // receives signed requests.
    return mode == "socket" ? app_token.present() : signing_secret.present();
}

bool TeamsConfig::active() const {
    return enabled && app_id.present() && app_password.present();
}

core::Policy Config::policy() const {
    core::Policy policy;
    policy.severities = severities;
    policy.roles = roles;
    policy.default_severity = incident.default_severity;
    policy.permissions = permissions;
    policy.status_page = status_page.enabled;
    policy.components = status_page.components;
    policy.checklist = checklist;
    policy.workstreams = workstreams;
    policy.resolution_checklist = resolution_checklist;
    return policy;
}

}  // namespace firebreak::config
