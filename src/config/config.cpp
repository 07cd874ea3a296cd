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

std::string token_url_for(const std::string& tenant_id) {
    return "https://login.microsoftonline.com/" +
           (tenant_id.empty() ? std::string("botframework.com") : tenant_id) + "/oauth2/v2.0/token";
}

core::NameRules teams_name_rules() {
    core::NameRules rules;
    rules.max_length = 50;
    rules.reserved_names = {"forms", "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3",
                            "COM4",  "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
                            "LPT3",  "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    rules.forbidden_first = "_.";
    rules.platform = "Teams";
    return rules;
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
