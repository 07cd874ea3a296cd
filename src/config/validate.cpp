#include "validate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "firebreak/core/naming.hpp"
#include "firebreak/core/templates.hpp"
#include "messages.hpp"
#include "parse.hpp"
#include "readable_file.hpp"
#include "time_zone_file.hpp"
#include "validate_teams.hpp"

namespace firebreak::config::detail {

namespace {

using Check = void (*)(const Config&, Diagnostics&);

void severities_not_empty(const Config& config, Diagnostics& diag) {
    if (config.severities.empty() && !diag.failed("severities"))
        diag.error_at("severities", "list at least one severity level, most severe first");
}

void severity_ids_unique(const Config& config, Diagnostics& diag) {
    const auto& levels = config.severities;
    for (std::size_t j = 0; j < levels.size(); ++j) {
        if (levels[j].id.empty()) continue;  // its id already failed
        for (std::size_t i = 0; i < j; ++i) {
            if (levels[i].id != levels[j].id) continue;
            diag.error_at(item_path("severities", j) + ".id",
                          "duplicate severity id " + quoted(levels[j].id) + "; first given at " +
                              diag.line_of(item_path("severities", i) + ".id"));
            break;
        }
    }
}

void role_ids_unique(const Config& config, Diagnostics& diag) {
    auto usable = [&diag](std::size_t i) {
        std::string path = item_path("roles", i);
        return !diag.failed(path) && !diag.failed(path + ".id");
    };
    const auto& roles = config.roles;
    for (std::size_t j = 0; j < roles.size(); ++j) {
        if (!usable(j)) continue;
        for (std::size_t i = 0; i < j; ++i) {
            if (!usable(i) || roles[i].id != roles[j].id) continue;
            diag.error_at(item_path("roles", j) + ".id",
                          "duplicate role id '" + std::string(core::to_string(roles[j].id)) +
                              "'; first given at " + diag.line_of(item_path("roles", i) + ".id"));
            break;
        }
    }
}

void default_severity_listed(const Config& config, Diagnostics& diag) {
    const std::string path = "incident.default_severity";
    const auto& levels = config.severities;
    bool ids_known = !levels.empty() && std::none_of(levels.begin(), levels.end(),
                                                     [](auto& l) { return l.id.empty(); });
    if (!ids_known || diag.failed(path)) return;
    std::vector<std::string> ids;
    for (const auto& level : levels) ids.push_back(level.id);
    const std::string& wanted = config.incident.default_severity;
    if (std::find(ids.begin(), ids.end(), wanted) != ids.end()) return;
    if (diag.sources().contains(path)) {
        diag.error_at(path, quoted(wanted) + " is not one of the severities " + one_of(ids));
    } else {
        diag.error(diag.sources().locate("severities"), path,
                   "the default " + quoted(wanted) + " is not one of the severities " +
                       one_of(ids) + "; set incident.default_severity");
    }
}

void tls_files_paired(const Config& config, Diagnostics& diag) {
    const TlsConfig& tls = config.server.tls;
    if (tls.cert_file.empty() == tls.key_file.empty()) return;
    std::string missing = tls.cert_file.empty() ? "cert_file" : "key_file";
    diag.error_at("server.tls." + missing, "missing " + missing +
                                               ": set both cert_file and key_file to serve TLS, or "
                                               "neither");
}

/// "host:port" or "[v6]:port", port 0..65535 (0 picks a free port, for tests).
bool is_listen_address(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos && !(host.front() == '[' && host.back() == ']'))
        return false;
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    return !port.empty() && ec == std::errc{} && ptr == port.data() + port.size() && value <= 65535;
}

void listen_address_valid(const Config& config, Diagnostics& diag) {
    const std::string& listen = config.server.listen;
    if (!is_listen_address(listen) && !diag.failed("server.listen"))
        diag.error_at("server.listen",
                      "expected host:port like 0.0.0.0:8080, got " + quoted(listen));
    const std::string& admin = config.server.admin_listen;
    if (diag.failed("server.admin_listen") || !config.server.admin_enabled()) return;
    if (!is_listen_address(admin))
        diag.error_at("server.admin_listen",
                      "expected host:port like 127.0.0.1:9090, or off, got " + quoted(admin));
    else if (admin == listen && !admin.ends_with(":0"))
        diag.error_at("server.admin_listen",
                      "must differ from server.listen: health, readiness and metrics need a "
                      "listener of their own");
}

void urls_absolute(const Config& config, Diagnostics& diag) {
    struct Url {
        const char* path;
        const std::string& value;
        bool may_be_empty;
    };
    const Url urls[] = {
        {"server.public_url", config.server.public_url, true},
        {"status_page.public_url", config.status_page.public_url, true},
        {"slack.api_base_url", config.slack.api_base_url, false},
        {"teams.openid_metadata_url", config.teams.openid_metadata_url, false},
        {"teams.token_url", config.teams.token_url, true},  // "": derived from tenant_id
        {"teams.graph_url", config.teams.graph_url, false},
        {"teams.service_url", config.teams.service_url, false},
    };
    for (const Url& url : urls) {
        std::string_view v = url.value;
        if ((v.empty() && url.may_be_empty) || v.starts_with("https://") ||
            v.starts_with("http://"))
            continue;
        diag.error_at(url.path, "expected an absolute URL starting with https://, got " +
                                    (v.empty() ? std::string("an empty value") : quoted(v)));
    }
    // Where the keys that sign incoming activities come from, and where the client secret
    // is sent: plain http would let anyone on the way forge tokens or read the secret.
    // Loopback stays allowed, for test doubles.
    auto loopback = [](std::string_view v) {
        for (const char* host : {"http://127.0.0.1", "http://localhost", "http://[::1]"})
            if (v.starts_with(host) && (v.size() == std::strlen(host) ||
                                        v[std::strlen(host)] == ':' || v[std::strlen(host)] == '/'))
                return true;
        return false;
    };
    for (const auto& [path, value] :
         {std::pair<const char*, const std::string&>{"teams.openid_metadata_url",
                                                     config.teams.openid_metadata_url},
          std::pair<const char*, const std::string&>{"teams.token_url", config.teams.token_url}}) {
        std::string_view v = value;
        if (v.starts_with("http://") && !loopback(v))
            diag.error_at(
                path,
                "must be https:// (only a loopback test double may use http), got " + quoted(v));
    }
}

void sqlite_path_set(const Config& config, Diagnostics& diag) {
    if (config.storage.sqlite.path.empty())
        diag.error_at("storage.sqlite.path",
                      "expected a file path like var/firebreak.db, got an empty value");
}

void templates_use_known_placeholders(const Config& config, Diagnostics& diag) {
    const core::Templates& t = config.templates;
    const std::pair<std::string_view, const std::string&> templates[] = {
        {"declared", t.declared},
        {"update", t.update},
        {"no_change", t.no_change},
        {"resolved", t.resolved},
        {"update_due", t.update_due},
        {"external_investigating", t.external_investigating},
        {"external_identified", t.external_identified},
        {"external_resolved", t.external_resolved},
        {"external_monitoring", t.external_monitoring},
    };
    const std::vector<std::string> known(core::kTemplatePlaceholders.begin(),
                                         core::kTemplatePlaceholders.end());
    std::vector<std::string> braced;
    for (const auto& name : known) braced.push_back("{" + name + "}");
    for (const auto& [key, text] : templates) {
        const std::string path = child_path("templates", key);
        if (diag.failed(path)) continue;
        std::vector<std::string> unknown;
        for (auto& name : core::unknown_placeholders(text))
            if (std::find(unknown.begin(), unknown.end(), name) == unknown.end())
                unknown.push_back(std::move(name));
        if (unknown.empty() && key.starts_with("external_")) {
            // Customer-facing: only what may be public.
            const std::vector<std::string> external(core::kExternalPlaceholders.begin(),
                                                    core::kExternalPlaceholders.end());
            for (auto& name : core::unknown_placeholders(text, core::kExternalPlaceholders))
                if (std::find(unknown.begin(), unknown.end(), name) == unknown.end())
                    unknown.push_back(std::move(name));
            if (unknown.empty()) continue;
            std::vector<std::string> allowed;
            for (const auto& name : external) allowed.push_back("{" + name + "}");
            std::string names;
            for (std::size_t i = 0; i < unknown.size(); ++i)
                names += (i > 0 ? ", {" : "{") + unknown[i] + "}";
            diag.error_at(path, names + (unknown.size() == 1 ? " is" : " are") +
                                    " internal and may not reach the status page; a "
                                    "customer-facing template may use " +
                                    one_of(allowed));
            continue;
        }
        if (unknown.empty()) continue;
        std::string message =
            unknown.size() == 1 ? "unknown placeholder " : "unknown placeholders ";
        for (std::size_t i = 0; i < unknown.size(); ++i)
            message += (i > 0 ? ", {" : "{") + unknown[i] + "}" + suggestion(unknown[i], known);
        diag.error_at(path, message + "; the placeholders are " + one_of(braced));
    }
}

void channel_name_valid(const Config& config, Diagnostics& diag) {
    const std::string path = "incident.channel_name";
    if (diag.failed(path)) return;
    const std::string& pattern = config.incident.channel_name;
    if (auto problem = core::channel_pattern_problem(pattern))
        diag.error_at(path, quoted(pattern) + " " + *problem);
}

struct NeededSecret {
    std::string_view key;
    const Secret& secret;
};

/// An enabled platform must hold the secrets it needs. A "${VAR}" naming an unset variable
/// is always reported; a secret left unnamed only when the file mentions it or sets
/// `enabled` explicitly, so a file that never mentions the platform still loads (with the
/// platform off) and the default `slack.enabled: true` stays harmless. Never prints values.
void platform_secrets_set(std::string_view platform, bool enabled,
                          std::initializer_list<NeededSecret> needed, Diagnostics& diag) {
    const std::string enabled_path = child_path(platform, "enabled");
    if (!enabled || diag.failed(platform) || diag.failed(enabled_path)) return;
    const bool enabled_written = diag.sources().contains(enabled_path);
    const std::string turn_off = "set " + enabled_path + ": false";
    for (const NeededSecret& s : needed) {
        const std::string path = child_path(platform, s.key);
        if (s.secret.present() || diag.failed(path)) continue;
        if (!s.secret.env_var.empty()) {
            diag.error_at(path, "environment variable " + s.secret.env_var + " is not set, and " +
                                    enabled_path + " is true (export it, or " + turn_off + ")");
            continue;
        }
        const bool key_written = diag.sources().contains(path);
        if (!key_written && !enabled_written) continue;
        std::string variable;
        for (char c : std::string(platform) + "_" + std::string(s.key))
            variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        diag.error(diag.sources().locate(key_written ? path : enabled_path), path,
                   std::string(platform) + " is enabled but has no " + std::string(s.key) +
                       " (write " + std::string(s.key) + ": \"${" + variable +
                       "}\" and export it, or " + turn_off + ")");
    }
}

void slack_secrets_set(const Config& config, Diagnostics& diag) {
    const SlackConfig& slack = config.slack;
    if (diag.failed("slack.mode")) return;  // which secrets it needs is unknown
    if (slack.mode == "socket")
        platform_secrets_set("slack", slack.enabled,
                             {{"app_token", slack.app_token}, {"bot_token", slack.bot_token}},
                             diag);
    else
        platform_secrets_set(
            "slack", slack.enabled,
            {{"signing_secret", slack.signing_secret}, {"bot_token", slack.bot_token}}, diag);
}

void teams_secrets_set(const Config& config, Diagnostics& diag) {
    const TeamsConfig& teams = config.teams;
    platform_secrets_set("teams", teams.enabled,
                         {{"app_id", teams.app_id}, {"app_password", teams.app_password}}, diag);
}

void tls_files_readable(const Config& config, Diagnostics& diag) {
    const TlsConfig& tls = config.server.tls;
    if (!tls.enabled()) return;  // tls_files_paired reports one without the other
    auto check = [&diag](const std::string& path, const std::string& file) {
        if (diag.failed(path)) return;
        if (std::string reason = unreadable_reason(file); !reason.empty())
            diag.error_at(path, "cannot read " + file + ": " + reason);
    };
    check("server.tls.cert_file", tls.cert_file);
    check("server.tls.key_file", tls.key_file);
}

void time_zone_known(const Config& config, Diagnostics& diag) {
    const std::string path = "incident.time_zone";
    if (diag.failed(path)) return;
    const auto zone = load_time_zone(config.incident.time_zone);
    if (const auto* reason = std::get_if<std::string>(&zone))
        diag.error_at(path, quoted(config.incident.time_zone) + " is not a usable time zone (" +
                                *reason + "); use an IANA name such as UTC or Europe/Berlin");
}

void status_page_valid(const Config& config, Diagnostics& diag) {
    const StatusPageConfig& page = config.status_page;
    const auto& components = page.components;
    for (std::size_t j = 0; j < components.size(); ++j) {
        if (components[j].id.empty()) continue;  // its id already failed
        for (std::size_t i = 0; i < j; ++i) {
            if (components[i].id != components[j].id) continue;
            diag.error_at(item_path("status_page.components", j) + ".id",
                          "duplicate component id " + quoted(components[j].id) +
                              "; first given at " +
                              diag.line_of(item_path("status_page.components", i) + ".id"));
            break;
        }
    }
    if (page.enabled && page.title.empty() && !diag.failed("status_page.title"))
        diag.error_at("status_page.title", "the status page needs a title");
    const std::string path = "status_page.time_zone";
    if (page.time_zone.empty() || diag.failed(path)) return;
    const auto zone = load_time_zone(page.time_zone);
    if (const auto* reason = std::get_if<std::string>(&zone))
        diag.error_at(path, quoted(page.time_zone) + " is not a usable time zone (" + *reason +
                                "); use an IANA name such as UTC or Europe/Berlin");
}

// Every cross-key check, in the order their errors are reported.
constexpr Check kChecks[] = {
    severities_not_empty,
    severity_ids_unique,
    role_ids_unique,
    default_severity_listed,
    tls_files_paired,
    tls_files_readable,
    listen_address_valid,
    urls_absolute,
    sqlite_path_set,
    channel_name_valid,
    teams_channel_name_valid,
    time_zone_known,  // reads the zone file (the loader reads it again to keep it)
    templates_use_known_placeholders,
    status_page_valid,
    checklist_severities_known,
    bridge_url_valid,
    slack_secrets_set,
    teams_secrets_set,
    teams_settings_valid,
};

}  // namespace

void validate(const Config& config, Diagnostics& diag) {
    for (Check check : kChecks) check(config, diag);
}

}  // namespace firebreak::config::detail
