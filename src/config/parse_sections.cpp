// The sections other than severities and roles: one small parser per section.

#include <algorithm>

#include "parse.hpp"

namespace firebreak::config::detail {

namespace {

void parse_tls(const Field& field, TlsConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("cert_file", out.cert_file, read_string);
    r.read("key_file", out.key_file, read_string);
    r.finish();
}

void parse_server(const Field& field, ServerConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("listen", out.listen, read_string);
    r.read("admin_listen", out.admin_listen, read_string);
    r.read("public_url", out.public_url, read_string);
    if (auto tls = r.field("tls")) parse_tls(*tls, out.tls, diag);
    r.finish();
}

void parse_log(const Field& field, LogConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("format", out.format, [](const Field& f, Diagnostics& d) {
        return read_choice(f, {"text", "json"}, d);
    });
    r.read("level", out.level, [](const Field& f, Diagnostics& d) {
        return read_choice(f, {"trace", "debug", "info", "warn", "error", "off"}, d);
    });
    r.finish();
}

void parse_storage(const Field& field, StorageConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    if (auto sqlite = r.field("sqlite")) {
        MapReader s(*sqlite, diag);
        s.read("path", out.sqlite.path, read_string);
        s.read("synchronous", out.sqlite.synchronous, [](const Field& f, Diagnostics& d) {
            return read_choice(f, {"off", "normal", "full", "extra"}, d);
        });
        s.finish();
    }
    r.finish();
}

void parse_slack(const Field& field, const Environment& env, SlackConfig& out, Diagnostics& diag) {
    auto secret = [&env](const Field& f, Diagnostics& d) { return read_secret(f, env, d); };
    MapReader r(field, diag);
    r.read("enabled", out.enabled, read_bool);
    r.read("mode", out.mode, [](const Field& f, Diagnostics& d) {
        return read_choice(f, {"http", "socket"}, d);
    });
    r.read("signing_secret", out.signing_secret, secret);
    r.read("bot_token", out.bot_token, secret);
    r.read("app_token", out.app_token, secret);
    r.read("api_base_url", out.api_base_url, read_string);
    r.read("announce_channel", out.announce_channel, read_string);
    r.read("timeline_emoji", out.timeline_emoji, read_string);
    r.finish();
}

void parse_teams(const Field& field, const Environment& env, TeamsConfig& out, Diagnostics& diag) {
    auto secret = [&env](const Field& f, Diagnostics& d) { return read_secret(f, env, d); };
    MapReader r(field, diag);
    r.read("enabled", out.enabled, read_bool);
    r.read("app_id", out.app_id, secret);
    r.read("app_password", out.app_password, secret);
    r.read("tenant_id", out.tenant_id, read_string);
    r.read("openid_metadata_url", out.openid_metadata_url, read_string);
    r.read("token_url", out.token_url, read_string);
    r.read("graph_url", out.graph_url, read_string);
    r.read("service_url", out.service_url, read_string);
    r.read("incidents_team", out.incidents_team, read_string);
    r.read("announce_channel", out.announce_channel, read_string);
    r.read("incident_space", out.incident_space, [](const Field& f, Diagnostics& d) {
        return read_choice(f, {"channel", "thread"}, d);
    });
    r.read("timeline_reaction", out.timeline_reaction, read_string);
    r.read("bot_host", out.bot_host, read_string);
    r.finish();
}

void parse_incident(const Field& field, IncidentConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("channel_name", out.channel_name, read_string);
    r.read("default_severity", out.default_severity, read_string);
    r.read("time_zone", out.time_zone, read_string);
    r.read("bridge_url", out.bridge_url, read_string);
    r.read("escalation_channel", out.escalation_channel, read_string);
    r.finish();
}

void parse_reminders(const Field& field, RemindersConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("unassigned_role_after", out.unassigned_role_after, read_cadence);
    r.read("overdue_escalate_after", out.overdue_escalate_after, read_cadence);
    r.read("handover_after", out.handover_after, read_cadence);
    r.read("watch_period", out.watch_period, read_cadence);
    r.read("review_within_business_days", out.review_within_business_days,
           [](const Field& f, Diagnostics& d) { return read_int(f, 1, 90, d); });
    r.finish();
}

void parse_templates(const Field& field, Templates& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("declared", out.declared, read_string);
    r.read("update", out.update, read_string);
    r.read("no_change", out.no_change, read_string);
    r.read("resolved", out.resolved, read_string);
    r.read("update_due", out.update_due, read_string);
    r.read("external_investigating", out.external_investigating, read_string);
    r.read("external_identified", out.external_identified, read_string);
    r.read("external_resolved", out.external_resolved, read_string);
    r.read("external_monitoring", out.external_monitoring, read_string);
    r.finish();
}

/// Component ids are typed in commands ("/incident affects api=partial"): one lowercase word.
std::optional<std::string> read_component_id(const Field& field, Diagnostics& diag) {
    auto id = read_string(field, diag);
    if (!id) return std::nullopt;
    bool word = !id->empty() && std::all_of(id->begin(), id->end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (word) return id;
    diag.error(
        field.mark, field.path,
        "expected one word of lowercase letters, digits, '-' or '_' like api, got '" + *id + "'");
    return std::nullopt;
}

void parse_status_page(const Field& field, StatusPageConfig& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("enabled", out.enabled, read_bool);
    r.read("title", out.title, read_string);
    r.read("public_url", out.public_url, read_string);
    r.read("time_zone", out.time_zone, read_string);
    if (auto list = r.field("components")) {
        out.components.clear();
        if (auto items = read_list(*list, diag)) {
            for (const Field& item : *items) {
                core::StatusPageComponent c;
                MapReader m(item, diag);
                if (auto id = m.required("id", "a one-word id like api"))
                    if (auto text = read_component_id(*id, diag)) c.id = *text;
                m.read("name", c.name, read_string);
                m.read("description", c.description, read_string);
                m.read("group", c.group, read_string);
                m.finish();
                if (c.name.empty()) c.name = c.id;
                out.components.push_back(std::move(c));
            }
        }
    }
    r.finish();
}

/// Role ids, "admins" or "anyone"; other entries are reported and left out.
std::optional<std::vector<std::string>> read_grantees(const Field& field, Diagnostics& diag) {
    static const std::vector<std::string> allowed{"ic", "tl", "comms", "admins", "anyone"};
    auto items = read_list(field, diag);
    if (!items) return std::nullopt;
    std::vector<std::string> grantees;
    for (const Field& item : *items)
        if (auto grantee = read_choice(item, allowed, diag))
            grantees.push_back(std::move(*grantee));
    return grantees;
}

void parse_permissions(const Field& field, Permissions& out, Diagnostics& diag) {
    MapReader r(field, diag);
    r.read("admins", out.admins, read_string_list);
    r.read("may_resolve", out.may_resolve, read_grantees);
    r.read("may_change_severity", out.may_change_severity, read_grantees);
    r.read("may_cancel", out.may_cancel, read_grantees);
    r.read("may_snooze", out.may_snooze, read_grantees);
    r.read("may_assign_roles", out.may_assign_roles, read_grantees);
    r.read("may_publish", out.may_publish, read_grantees);
    r.finish();
}

}  // namespace

void parse_config(const Field& root, const Environment& env, Config& out, Diagnostics& diag) {
    MapReader r(root, diag);
    if (!r.valid()) return;
    if (auto f = r.field("server")) parse_server(*f, out.server, diag);
    if (auto f = r.field("log")) parse_log(*f, out.log, diag);
    if (auto f = r.field("storage")) parse_storage(*f, out.storage, diag);
    if (auto f = r.field("slack")) parse_slack(*f, env, out.slack, diag);
    if (auto f = r.field("teams")) parse_teams(*f, env, out.teams, diag);
    if (auto f = r.field("incident")) parse_incident(*f, out.incident, diag);
    if (auto f = r.field("severities")) parse_severities(*f, out.severities, diag);
    if (auto f = r.field("roles")) parse_roles(*f, out.roles, diag);
    if (auto f = r.field("reminders")) parse_reminders(*f, out.reminders, diag);
    if (auto f = r.field("templates")) parse_templates(*f, out.templates, diag);
    if (auto f = r.field("permissions")) parse_permissions(*f, out.permissions, diag);
    if (auto f = r.field("status_page")) parse_status_page(*f, out.status_page, diag);
    if (auto f = r.field("checklist")) parse_checklist(*f, out.checklist, diag);
    if (auto f = r.field("workstreams")) parse_workstreams(*f, out.workstreams, diag);
    if (auto f = r.field("resolution_checklist"))
        parse_resolution_checklist(*f, out.resolution_checklist, diag);
    r.finish();
}

}  // namespace firebreak::config::detail
