// What a loaded config holds when keys are left out, and the checked-in example file.

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>

#include "config_test_support.hpp"
#include "firebreak/config/loader.hpp"

using namespace firebreak;
using namespace firebreak::config;
using config::test::describe_errors;
using config::test::load;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string kExample = std::string(FIREBREAK_SOURCE_DIR) + "/config/firebreak.example.yaml";

void require_playbook_policy(const core::Policy& policy) {
    core::Policy playbook = core::Policy::playbook_default();
    REQUIRE(policy.severities.size() == playbook.severities.size());
    for (std::size_t i = 0; i < playbook.severities.size(); ++i) {
        CAPTURE(i);
        CHECK(policy.severities[i].id == playbook.severities[i].id);
        CHECK(policy.severities[i].name == playbook.severities[i].name);
        CHECK(policy.severities[i].description == playbook.severities[i].description);
        CHECK(policy.severities[i].update_every == playbook.severities[i].update_every);
        CHECK(policy.severities[i].roles_required == playbook.severities[i].roles_required);
        CHECK(policy.severities[i].external_update_every ==
              playbook.severities[i].external_update_every);
    }
    REQUIRE(policy.roles.size() == playbook.roles.size());
    for (std::size_t i = 0; i < playbook.roles.size(); ++i) {
        CAPTURE(i);
        CHECK(policy.roles[i].id == playbook.roles[i].id);
        CHECK(policy.roles[i].name == playbook.roles[i].name);
        CHECK(policy.roles[i].instructions == playbook.roles[i].instructions);
    }
    CHECK(policy.default_severity == playbook.default_severity);
}

/// The example file's text with `slack.enabled: false` switched to true.
std::string example_with_slack_enabled() {
    std::ifstream in(kExample);
    std::ostringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    const std::string off = "enabled: false";
    std::size_t at = yaml.find(off, yaml.find("\nslack:\n"));
    REQUIRE(at < yaml.find("\nteams:\n"));
    yaml.replace(at, off.size(), "enabled: true");
    return yaml;
}

}  // namespace

TEST_CASE("an empty top-level map gives every default") {
    LoadResult result = load("{}\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const Config& c = *result.config;

    CHECK(c.server.listen == "0.0.0.0:8080");
    CHECK(c.server.admin_listen == "127.0.0.1:9090");
    CHECK(c.server.admin_enabled());
    CHECK(c.server.public_url.empty());
    CHECK_FALSE(c.server.tls.enabled());
    CHECK(c.storage.sqlite.path == "var/firebreak.db");
    CHECK(c.storage.sqlite.synchronous == "normal");

    CHECK(c.slack.enabled);
    CHECK(c.slack.mode == "http");
    CHECK_FALSE(c.slack.signing_secret.present());
    CHECK_FALSE(c.slack.bot_token.present());
    CHECK_FALSE(c.slack.app_token.present());
    CHECK_FALSE(c.slack.active());
    CHECK(c.slack.api_base_url == "https://slack.com/api");
    CHECK(c.slack.announce_channel.empty());
    CHECK(c.slack.timeline_emoji == "pushpin");

    CHECK_FALSE(c.teams.enabled);
    CHECK_FALSE(c.teams.active());
    CHECK(c.teams.openid_metadata_url ==
          "https://login.botframework.com/v1/.well-known/openidconfiguration");
    CHECK(c.teams.tenant_id.empty());
    CHECK(c.teams.token_url ==
          "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
    CHECK(c.teams.graph_url == "https://graph.microsoft.com/v1.0");
    CHECK(c.teams.service_url == "https://smba.trafficmanager.net/teams/");
    CHECK(c.teams.incidents_team.empty());
    CHECK(c.teams.announce_channel.empty());
    CHECK(c.teams.incident_space == "channel");
    CHECK_FALSE(c.teams.thread_mode());
    CHECK(c.teams.timeline_reaction == "like");
    CHECK(c.teams.bot_host.empty());

    CHECK(c.incident.channel_name == "inc-{date}-{slug}");
    CHECK(c.incident.default_severity == "sev2");

    CHECK(c.reminders.unassigned_role_after == core::Cadence{minutes(5)});
    CHECK(c.reminders.overdue_escalate_after == core::Cadence{minutes(15)});
    CHECK(c.reminders.handover_after == core::Cadence{minutes(75)});
    CHECK(c.reminders.watch_period == core::Cadence{minutes(30)});
    CHECK(c.reminders.review_within_business_days == 5);

    CHECK(c.templates.no_change == "No change, still {status}; next update at {next_update}.");
    CHECK(c.permissions.admins.empty());
    CHECK(c.permissions.may_resolve == std::vector<std::string>{"ic", "admins"});
    CHECK(c.permissions.may_change_severity == std::vector<std::string>{"ic", "tl", "admins"});
    CHECK(c.permissions.may_cancel == std::vector<std::string>{"ic", "admins"});
    CHECK(c.permissions.may_snooze == std::vector<std::string>{"comms", "ic", "admins"});
    CHECK(c.permissions.may_assign_roles == std::vector<std::string>{"ic", "admins"});
}

TEST_CASE("absent severities and roles are the playbook's") {
    LoadResult result = load("server: {listen: \"127.0.0.1:9000\"}\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    require_playbook_policy(result.config->policy());
}

TEST_CASE("empty sections keep their defaults") {
    LoadResult result = load("server:\nslack:\nreminders:\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->server.listen == "0.0.0.0:8080");
    CHECK(result.config->slack.enabled);
    CHECK(result.config->reminders.handover_after == core::Cadence{minutes(75)});
}

TEST_CASE("keys that are present override their defaults, the rest keep them") {
    LoadResult result = load(
        R"(
server:
  listen: "[::1]:0"
storage: { sqlite: { synchronous: full } }
slack: { enabled: no, mode: socket }
teams: { enabled: true, app_id: "${ID}", app_password: "${PW}",
         tenant_id: 72f988bf-86f1-41af-91ab-2d7cd011db47,
         incidents_team: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0 }
reminders: { watch_period: off, handover_after: 90m, review_within_business_days: 3 }
permissions: { admins: [U1, U2], may_resolve: [ic, tl], may_cancel: [anyone] }
)",
        config::test::environment({{"ID", "00000000-0000-0000-0000-000000000001"}, {"PW", "pw"}}));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const Config& c = *result.config;
    CHECK(c.server.listen == "[::1]:0");
    CHECK(c.storage.sqlite.synchronous == "full");
    CHECK(c.storage.sqlite.path == "var/firebreak.db");
    CHECK_FALSE(c.slack.enabled);
    CHECK(c.slack.mode == "socket");
    CHECK(c.teams.enabled);
    CHECK(c.teams.active());
    CHECK(c.reminders.watch_period == core::Cadence{});
    CHECK(c.reminders.handover_after == core::Cadence{minutes(90)});
    CHECK(c.reminders.unassigned_role_after == core::Cadence{minutes(5)});
    CHECK(c.reminders.review_within_business_days == 3);
    CHECK(c.permissions.admins == std::vector<std::string>{"U1", "U2"});
    CHECK(c.permissions.may_resolve == std::vector<std::string>{"ic", "tl"});
    CHECK(c.permissions.may_change_severity == std::vector<std::string>{"ic", "tl", "admins"});
    CHECK(c.permissions.may_cancel == std::vector<std::string>{"anyone"});
    CHECK(c.permissions.may_assign_roles == std::vector<std::string>{"ic", "admins"});
}

TEST_CASE("every permission accepts role ids, admins and anyone") {
    LoadResult result = load(R"(
permissions:
  may_resolve: [anyone]
  may_change_severity: [comms, admins]
  may_cancel: [tl]
  may_assign_roles: [ic, tl, comms, admins, anyone]
)");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const Permissions& p = result.config->permissions;
    CHECK(p.may_resolve == std::vector<std::string>{"anyone"});
    CHECK(p.may_change_severity == std::vector<std::string>{"comms", "admins"});
    CHECK(p.may_cancel == std::vector<std::string>{"tl"});
    CHECK(p.may_assign_roles == std::vector<std::string>{"ic", "tl", "comms", "admins", "anyone"});
    CHECK(result.config->policy().permissions.may_assign_roles == p.may_assign_roles);
}

TEST_CASE("custom severities become the policy, most severe first") {
    LoadResult result = load(R"(
incident: { default_severity: major }
severities:
  - { id: critical, name: Critical, update_every: 10m, roles_required: [ic, comms] }
  - { id: major, update_every: 1h }
  - { id: minor, update_every: off }
)");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    core::Policy policy = result.config->policy();
    REQUIRE(policy.severities.size() == 3);
    CHECK(policy.severities[0].id == "critical");
    CHECK(policy.severities[0].update_every == core::Cadence{minutes(10)});
    CHECK(policy.severities[0].roles_required ==
          std::vector<core::Role>{core::Role::ic, core::Role::comms});
    CHECK(policy.severities[1].name.empty());
    CHECK(policy.severities[1].update_every == core::Cadence{hours(1)});
    CHECK(policy.severities[2].update_every == core::Cadence{});
    CHECK(policy.default_severity == "major");
    CHECK(policy.is_top("critical"));
}

TEST_CASE("a role left out of roles keeps the playbook's name and instructions") {
    LoadResult result = load(R"(
roles:
  - { id: comms, name: Communications }
  - { id: ic, instructions: "Coordinate." }
)");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const auto& roles = result.config->roles;
    core::Policy playbook = core::Policy::playbook_default();
    REQUIRE(roles.size() == 3);
    CHECK(roles[0].id == core::Role::ic);
    CHECK(roles[0].name == playbook.roles[0].name);
    CHECK(roles[0].instructions == "Coordinate.");
    CHECK(roles[1].id == core::Role::tl);
    CHECK(roles[1].name == playbook.roles[1].name);
    CHECK(roles[2].id == core::Role::comms);
    CHECK(roles[2].name == "Communications");
    CHECK(roles[2].instructions == playbook.roles[2].instructions);
}

TEST_CASE("the checked-in example file loads with no environment and no errors") {
    LoadResult result = load_file(kExample, config::test::environment());
    INFO(describe_errors(result));
    REQUIRE(result.errors.empty());
    REQUIRE(result.ok());
    const Config& c = *result.config;
    CHECK(c.server.listen == "127.0.0.1:8080");
    CHECK(c.server.admin_listen == "127.0.0.1:9090");
    CHECK(c.storage.sqlite.path == "var/firebreak.db");
    CHECK(c.slack.signing_secret.env_var == "SLACK_SIGNING_SECRET");
    CHECK(c.slack.bot_token.env_var == "SLACK_BOT_TOKEN");
    CHECK(c.slack.app_token.env_var == "SLACK_APP_TOKEN");
    CHECK(c.teams.app_id.env_var == "TEAMS_APP_ID");
    CHECK(c.teams.app_password.env_var == "TEAMS_APP_PASSWORD");
    CHECK_FALSE(c.slack.enabled);
    CHECK_FALSE(c.slack.active());
    CHECK_FALSE(c.teams.enabled);
    CHECK_FALSE(c.teams.active());
}

TEST_CASE("the example file states the defaults it documents") {
    LoadResult result = load_file(kExample, config::test::environment());
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const Config& c = *result.config;
    const Config d;
    require_playbook_policy(c.policy());
    CHECK(c.server.public_url == d.server.public_url);
    CHECK(c.storage.sqlite.synchronous == d.storage.sqlite.synchronous);
    CHECK(c.slack.api_base_url == d.slack.api_base_url);
    CHECK(c.slack.timeline_emoji == d.slack.timeline_emoji);
    CHECK(c.teams.openid_metadata_url == d.teams.openid_metadata_url);
    // Written as "", it is derived from the (empty) tenant_id once loaded.
    CHECK(c.teams.token_url == token_url_for(d.teams.tenant_id));
    CHECK(c.teams.tenant_id == d.teams.tenant_id);
    CHECK(c.teams.graph_url == d.teams.graph_url);
    CHECK(c.teams.service_url == d.teams.service_url);
    CHECK(c.teams.incidents_team == d.teams.incidents_team);
    CHECK(c.teams.announce_channel == d.teams.announce_channel);
    CHECK(c.teams.incident_space == d.teams.incident_space);
    CHECK(c.teams.timeline_reaction == d.teams.timeline_reaction);
    CHECK(c.teams.bot_host == d.teams.bot_host);
    CHECK(c.incident.channel_name == d.incident.channel_name);
    CHECK(c.incident.bridge_url == d.incident.bridge_url);
    CHECK(c.incident.escalation_channel == d.incident.escalation_channel);
    CHECK(c.checklist == d.checklist);
    CHECK(c.workstreams == d.workstreams);
    CHECK(c.resolution_checklist == d.resolution_checklist);
    CHECK(c.reminders.unassigned_role_after == d.reminders.unassigned_role_after);
    CHECK(c.reminders.overdue_escalate_after == d.reminders.overdue_escalate_after);
    CHECK(c.reminders.handover_after == d.reminders.handover_after);
    CHECK(c.reminders.watch_period == d.reminders.watch_period);
    CHECK(c.reminders.review_within_business_days == d.reminders.review_within_business_days);
    CHECK(c.templates.declared == d.templates.declared);
    CHECK(c.templates.update == d.templates.update);
    CHECK(c.templates.no_change == d.templates.no_change);
    CHECK(c.templates.resolved == d.templates.resolved);
    CHECK(c.templates.update_due == d.templates.update_due);
    CHECK(c.templates.external_investigating == d.templates.external_investigating);
    CHECK(c.templates.external_identified == d.templates.external_identified);
    CHECK(c.templates.external_resolved == d.templates.external_resolved);
    CHECK(c.templates.external_monitoring == d.templates.external_monitoring);
    CHECK(c.status_page.enabled == d.status_page.enabled);
    CHECK(c.status_page.title == d.status_page.title);
    CHECK(c.status_page.components.size() == 2);  // the example lists two
    CHECK(c.permissions.may_publish == d.permissions.may_publish);
    CHECK(c.permissions.admins == d.permissions.admins);
    CHECK(c.permissions.may_resolve == d.permissions.may_resolve);
    CHECK(c.permissions.may_change_severity == d.permissions.may_change_severity);
    CHECK(c.permissions.may_cancel == d.permissions.may_cancel);
    CHECK(c.permissions.may_assign_roles == d.permissions.may_assign_roles);
}

TEST_CASE("the example file with Slack enabled runs Slack over HTTP once its secrets are set") {
    LoadResult result = load_string(example_with_slack_enabled(), "example.yaml",
                                    config::test::environment({
                                        {"SLACK_SIGNING_SECRET", "sign"},
                                        {"SLACK_BOT_TOKEN", "xoxb-1"},
                                    }));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->slack.active());
    CHECK_FALSE(result.config->slack.app_token.present());
}

TEST_CASE("the example file with Slack enabled and nothing exported names what to export") {
    LoadResult result =
        load_string(example_with_slack_enabled(), "example.yaml", config::test::environment());
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 2);
    for (const char* key : {"slack.signing_secret", "slack.bot_token"}) {
        CAPTURE(key);
        ConfigError e = config::test::error_at(result, key);
        CHECK(e.line > 0);
        CHECK_THAT(e.message, Catch::Matchers::Contains("is not set, and slack.enabled is true"));
    }
}
