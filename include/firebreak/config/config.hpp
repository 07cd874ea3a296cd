#pragma once
// The admins' configuration as typed values. Every field has the default that applies when
// its key is absent; config/firebreak.example.yaml documents each key.

#include <chrono>
#include <string>
#include <vector>

#include "firebreak/config/secret.hpp"
#include "firebreak/core/naming.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/reminder_plan.hpp"
#include "firebreak/core/templates.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/core/time_zone.hpp"

namespace firebreak::config {

struct TlsConfig {
    std::string cert_file;  ///< PEM certificate chain
    std::string key_file;   ///< PEM private key

    /// True when both files are set; the loader rejects one without the other.
    bool enabled() const { return !cert_file.empty() && !key_file.empty(); }
};

struct ServerConfig {
    std::string listen = "0.0.0.0:8080";  ///< "host:port"; "[::1]:8080" for IPv6
    /// Where /healthz, /readyz and /metrics are served: "host:port", or "off" for nowhere
    /// but the public /healthz. Plain HTTP, for the operators' network only.
    std::string admin_listen = "127.0.0.1:9090";
    std::string public_url;  ///< how platforms reach us; may be empty
    TlsConfig tls;

    /// False when admin_listen is "off".
    bool admin_enabled() const { return admin_listen != "off"; }
};

struct LogConfig {
    std::string format = "text";  ///< text | json (one JSON object per line)
    std::string level = "info";   ///< trace | debug | info | warn | error | off
};

struct SqliteConfig {
    std::string path = "var/firebreak.db";  ///< relative to the working directory
    std::string synchronous = "normal";     ///< off | normal | full | extra
};

struct StorageConfig {
    SqliteConfig sqlite;
};

struct SlackConfig {
    bool enabled = true;
    std::string mode = "http";  ///< http | socket
    Secret signing_secret;      ///< verifies requests in http mode
    Secret bot_token;           ///< xoxb-…, for the Web API
    Secret app_token;           ///< xapp-…, for socket mode
    std::string api_base_url = "https://slack.com/api";
    std::string announce_channel;  ///< channel id where new incidents are announced; may be empty
    std::string timeline_emoji = "pushpin";  ///< reacting with it adds a message to the timeline

    /// Enabled and holding the secrets its mode needs; otherwise the bot runs without Slack.
    bool active() const;
};

/// The `teams` section: the Azure Bot that serves Microsoft Teams (docs/teams.md).
struct TeamsConfig {
    bool enabled = false;
    Secret app_id;        ///< the Azure Bot's Microsoft App ID, a GUID
    Secret app_password;  ///< its client secret
    /// The bot's Microsoft Entra tenant: a GUID for a single-tenant bot, or
    /// "botframework.com" for a legacy multi-tenant one. Required while enabled.
    std::string tenant_id;
    std::string openid_metadata_url =
        "https://login.botframework.com/v1/.well-known/openidconfiguration";
    /// The client-credentials token endpoint. Left out of the file it is derived from
    /// tenant_id (token_url_for); after loading it is always set.
    std::string token_url;
    /// Microsoft Graph's base; after loading it never ends with '/'.
    std::string graph_url = "https://graph.microsoft.com/v1.0";
    /// The connector's serviceUrl until an activity names one; after loading it ends with '/'.
    std::string service_url = "https://smba.trafficmanager.net/teams/";
    /// The team incident channels are created in: its group id, a GUID. Required while
    /// enabled with incident_space "channel".
    std::string incidents_team;
    /// The channel new incidents are announced in ("19:…@thread.tacv2"); "" for none.
    /// Required with incident_space "thread", whose incident threads start there.
    std::string announce_channel;
    /// "channel": a channel per incident in incidents_team (through Graph); "thread": a
    /// thread per incident in announce_channel (no Graph permission needed).
    std::string incident_space = "channel";
    /// The reaction (a Teams reaction type such as like or heart) that copies a bot message
    /// into the timeline.
    std::string timeline_reaction = "like";
    /// The public host the app package lists in validDomains ("firebreak.example.com").
    /// Left out of the file it is server.public_url's host; "" when neither is set.
    std::string bot_host;

    /// Enabled and holding both secrets; otherwise the bot runs without Teams.
    bool active() const;
    /// True when each incident is a thread in announce_channel rather than a channel.
    bool thread_mode() const { return incident_space == "thread"; }
};

/// "https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token", with "botframework.com"
/// standing in for an empty tenant.
std::string token_url_for(const std::string& tenant_id);

/// Teams' rules for channel display names (reference/teams.md): at most 50 characters, not
/// starting with '_' or '.', none of the reserved names. check-config and the incident
/// service both use them.
core::NameRules teams_name_rules();

struct IncidentConfig {
    std::string channel_name = "inc-{date}-{slug}";
    std::string default_severity = "sev2";  ///< must be one of the configured severities
    /// IANA name of the zone times are shown in ("Europe/Berlin"); must exist in the
    /// system's zoneinfo database.
    std::string time_zone = "UTC";
    /// `time_zone` as read from that database when the config was loaded.
    core::TimeZone zone = core::TimeZone::utc();
    /// Every incident's video bridge, a template of {slug}, {incident} and {date}; "" for
    /// none (`/incident bridge <url>` sets one per incident).
    std::string bridge_url;
    /// Where `/incident escalate` asks for help (a Slack channel id); "" for the announce
    /// channel.
    std::string escalation_channel;
};

/// The `status_page` section: the public page at /status and /api/v2/*.json.
struct StatusPageConfig {
    bool enabled = false;
    std::string title = "Service status";
    /// Where customers reach the page ("https://status.example.com"): the links in the feed
    /// and the card. "" uses server.public_url.
    std::string public_url;
    /// IANA zone the page shows times in; "" takes incident.time_zone.
    std::string time_zone;
    /// `time_zone` as loaded (incident.zone when time_zone is "").
    core::TimeZone zone = core::TimeZone::utc();
    std::vector<core::StatusPageComponent> components;
};

/// The `reminders` section: when each reminder fires.
using RemindersConfig = core::ReminderTimings;

/// Message wording (core::Templates lists the keys, defaults and placeholders).
using Templates = core::Templates;

/// Who may do what (core::Permissions documents the rules).
using Permissions = core::Permissions;

struct Config {
    ServerConfig server;
    LogConfig log;
    StorageConfig storage;
    SlackConfig slack;
    TeamsConfig teams;
    IncidentConfig incident;
    /// Most severe first; the playbook's sev1..sev4 when the section is absent.
    std::vector<core::SeverityLevel> severities = core::Policy::playbook_default().severities;
    /// Always ic, tl, comms in that order after loading; unlisted roles keep the playbook's.
    std::vector<core::RoleInfo> roles = core::Policy::playbook_default().roles;
    RemindersConfig reminders;
    Templates templates;
    Permissions permissions;
    StatusPageConfig status_page;
    /// The live checklist's items by phase; the guides' list when the section is absent.
    std::vector<core::ChecklistItem> checklist = core::playbook_checklist();
    /// The names `/incident workstream` accepts.
    std::vector<std::string> workstreams = core::playbook_workstreams();
    /// What `/incident resolve` asks to confirm first; empty: resolve asks nothing.
    std::vector<std::string> resolution_checklist = core::playbook_resolution_checklist();

    /// What core needs: severities, roles and the default severity.
    core::Policy policy() const;
};

}  // namespace firebreak::config
