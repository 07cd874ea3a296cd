// The `teams` section's checks: id shapes (a team's group id is a GUID, a channel id is
// "19:…@thread.tacv2"), what an enabled bot needs, and the channel names Teams accepts.

#include "validate_teams.hpp"

#include <algorithm>
#include <string_view>

#include "firebreak/core/ids.hpp"
#include "firebreak/core/naming.hpp"
#include "messages.hpp"

namespace firebreak::config::detail {

namespace {

constexpr std::string_view kGuidExample = "72f988bf-86f1-41af-91ab-2d7cd011db47";
constexpr std::string_view kChannelExample = "19:abc123@thread.tacv2";
constexpr std::string_view kLegacyTenant = "botframework.com";

/// "19:<something>@thread.tacv2"; teams created before 2020 may still have
/// "@thread.skype" channel ids.
bool channel_id_shaped(std::string_view text) {
    if (!text.starts_with("19:") || text.find(';') != std::string_view::npos) return false;
    for (std::string_view end : {"@thread.tacv2", "@thread.skype"})
        if (text.ends_with(end) && text.size() > 3 + end.size()) return true;
    return false;
}

/// Reports `problem` at `path` when the key was written, else at teams.enabled (the line
/// that makes the key necessary).
void require(const std::string& path, const std::string& problem, Diagnostics& diag) {
    const SourceMap& sources = diag.sources();
    diag.error(sources.locate(sources.contains(path) ? path : "teams.enabled"), path, problem);
}

void tenant_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.tenant_id";
    if (diag.failed(path)) return;
    const std::string& tenant = teams.tenant_id;
    const std::string where =
        "the bot's tenant id, a GUID like " + std::string(kGuidExample) +
        " (Azure portal: Microsoft Entra ID, Overview, Tenant ID), or botframework.com for a "
        "legacy multi-tenant bot";
    if (tenant.empty()) {
        if (teams.enabled)
            require(path, "teams is enabled but has no tenant_id: set it to " + where, diag);
        return;
    }
    if (!core::is_guid(tenant) && tenant != kLegacyTenant)
        diag.error_at(path, "expected " + where + ", got " + quoted(tenant));
}

void app_id_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.app_id";
    if (!teams.enabled || !teams.app_id.present() || diag.failed(path) ||
        core::is_guid(teams.app_id.value()))
        return;
    // The value is a secret: name the variable, never print what it holds.
    diag.error_at(path, "environment variable " + teams.app_id.env_var +
                            " does not hold a Microsoft App ID: expected a GUID like " +
                            std::string(kGuidExample) +
                            " (Azure portal: the Azure Bot, Configuration, Microsoft App ID)");
}

void incidents_team_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.incidents_team";
    if (diag.failed(path) || diag.failed("teams.incident_space")) return;
    const std::string& team = teams.incidents_team;
    const std::string what = "the team's group id, a GUID like " + std::string(kGuidExample) +
                             " (the groupId=… in the team's \"Get link to team\")";
    if (team.empty()) {
        if (teams.enabled && !teams.thread_mode())
            require(path,
                    "teams.incident_space is channel, so incidents_team is needed: " + what +
                        "; or set teams.incident_space: thread",
                    diag);
        return;
    }
    if (core::is_guid(team)) return;
    if (team.starts_with("19:"))
        diag.error_at(path, quoted(team) + " is a channel id; incidents_team is " + what);
    else
        diag.error_at(path, "expected " + what + ", got " + quoted(team));
}

void announce_channel_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.announce_channel";
    if (diag.failed(path) || diag.failed("teams.incident_space")) return;
    const std::string& channel = teams.announce_channel;
    const std::string what = "a channel id like " + std::string(kChannelExample) +
                             " (the 19:… part of the channel's \"Get link to channel\")";
    if (channel.empty()) {
        if (teams.enabled && teams.thread_mode())
            require(path,
                    "teams.incident_space is thread, so each incident's thread starts in "
                    "announce_channel: set it to " +
                        what,
                    diag);
        return;
    }
    if (channel_id_shaped(channel)) return;
    if (core::is_guid(channel))
        diag.error_at(path, quoted(channel) + " is a team's group id; announce_channel is " + what);
    else if (channel.starts_with("19:") && channel.find(";messageid=") != std::string::npos)
        diag.error_at(path,
                      quoted(channel) + " is a thread; give the channel's id without ;messageid=…");
    else
        diag.error_at(path, "expected " + what + ", got " + quoted(channel));
}

void reaction_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.timeline_reaction";
    if (diag.failed(path)) return;
    const std::string& reaction = teams.timeline_reaction;
    bool word = !reaction.empty() && std::all_of(reaction.begin(), reaction.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (!word)
        diag.error_at(path,
                      "expected a Teams reaction type such as like, heart, laugh, surprised, "
                      "sad or angry, got " +
                          (reaction.empty() ? std::string("an empty value") : quoted(reaction)));
}

bool host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

void bot_host_valid(const TeamsConfig& teams, Diagnostics& diag) {
    const std::string path = "teams.bot_host";
    // "" (or leaving the key out) takes server.public_url's host.
    if (diag.failed(path) || teams.bot_host.empty()) return;
    std::string_view host = teams.bot_host;
    if (host.find("://") != std::string_view::npos || host.find('/') != std::string_view::npos) {
        diag.error_at(path,
                      "expected a host name alone like firebreak.example.com, not a URL; got " +
                          quoted(host));
        return;
    }
    bool ok = host.front() != '.' && host.back() != '.' &&
              host.find('.') != std::string_view::npos &&
              std::all_of(host.begin(), host.end(), host_char);
    if (!ok)
        diag.error_at(
            path, "expected a public host name like firebreak.example.com, got " + quoted(host));
}

/// "https://user@host:8443/x" -> "host"; "" when there is no host.
std::string host_of(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return "";
    url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    if (url.starts_with('[')) return std::string(url.substr(0, url.find(']') + 1));
    return std::string(url.substr(0, url.find(':')));
}

}  // namespace

void teams_settings_valid(const Config& config, Diagnostics& diag) {
    const TeamsConfig& teams = config.teams;
    if (diag.failed("teams") || diag.failed("teams.enabled")) return;
    tenant_valid(teams, diag);
    app_id_valid(teams, diag);
    incidents_team_valid(teams, diag);
    announce_channel_valid(teams, diag);
    reaction_valid(teams, diag);
    bot_host_valid(teams, diag);
}

void teams_channel_name_valid(const Config& config, Diagnostics& diag) {
    const std::string path = "incident.channel_name";
    if (!config.teams.enabled || diag.failed(path)) return;
    const std::string& pattern = config.incident.channel_name;
    // The Slack rules were checked already; report only what Teams adds.
    if (core::channel_pattern_problem(pattern)) return;
    if (auto problem = core::channel_pattern_problem(pattern, teams_name_rules()))
        diag.error_at(path, quoted(pattern) + " " + *problem + "; teams.enabled is true");
}

void complete_teams(Config& config) {
    TeamsConfig& teams = config.teams;
    if (teams.token_url.empty()) teams.token_url = token_url_for(teams.tenant_id);
    while (teams.graph_url.ends_with('/')) teams.graph_url.pop_back();
    if (!teams.service_url.ends_with('/')) teams.service_url += '/';
    if (teams.bot_host.empty()) teams.bot_host = host_of(config.server.public_url);
}

}  // namespace firebreak::config::detail
