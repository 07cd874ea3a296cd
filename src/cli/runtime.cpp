#include "runtime.hpp"

#include <ostream>

#include "firebreak/config/loader.hpp"

namespace firebreak::cli {

std::optional<config::Config> load_config(const std::string& path, std::ostream& err) {
    config::LoadResult result = config::load_file(path, config::process_environment());
    for (const auto& e : result.errors) err << e.to_string() << "\n";
    if (!result.ok()) {
        err << path << ": " << result.errors.size() << " error(s); nothing was started\n";
        return std::nullopt;
    }
    return std::move(result.config);
}

std::unique_ptr<store::Store> open_store(const config::Config& config) {
    auto store = std::make_unique<store::Store>(
        store::StoreOptions{config.storage.sqlite.path, config.storage.sqlite.synchronous});
    store->migrate();
    return store;
}

app::ServiceSettings service_settings(const config::Config& config) {
    app::ServiceSettings settings;
    settings.policy = config.policy();
    settings.templates = config.templates;
    settings.channel_pattern = config.incident.channel_name;
    settings.reminders = config.reminders;
    // The console's pretend workspace announces in #incidents; a platform announces where
    // its admins said (nowhere when unset).
    settings.announce_conversations["console"] = "incidents";
    // Channel names: Slack's are at most 80 characters; the console takes the same. Teams'
    // are at most 50, with reserved names (config::teams_name_rules).
    settings.name_rules["slack"] = core::NameRules{80};
    settings.name_rules["console"] = core::NameRules{80};
    settings.name_rules["teams"] = config::teams_name_rules();
    if (config.slack.active())
        settings.announce_conversations["slack"] = config.slack.announce_channel;
    if (config.teams.active())
        settings.announce_conversations["teams"] = config.teams.announce_channel;
    settings.time_zone = config.incident.zone;
    settings.status_page_url = config.status_page.public_url.empty()
                                   ? config.server.public_url
                                   : config.status_page.public_url;
    settings.status_page_zone = config.status_page.zone;
    settings.bridge_url = config.incident.bridge_url;
    if (config.slack.active() && !config.incident.escalation_channel.empty())
        settings.escalation_conversations["slack"] = config.incident.escalation_channel;
    return settings;
}

web::StatusSiteSettings status_site_settings(const config::Config& config) {
    web::StatusSiteSettings settings;
    settings.title = config.status_page.title;
    settings.public_url = config.status_page.public_url.empty() ? config.server.public_url
                                                                : config.status_page.public_url;
    settings.zone = config.status_page.zone;
    settings.components = config.status_page.components;
    return settings;
}

}  // namespace firebreak::cli
