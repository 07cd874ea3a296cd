// The `teams` section: derived defaults, id shapes, what an enabled bot needs, and Teams'
// channel names.

#include <catch2/catch.hpp>
#include <string>

#include "config_test_support.hpp"

namespace firebreak::config {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using test::describe_errors;
using test::environment;
using test::error_at;
using test::load;
using test::single_error;

constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
constexpr const char* kTeam = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
constexpr const char* kAppId = "00000000-0000-0000-0000-000000000001";

Environment secrets() {
    return environment({{"TEAMS_APP_ID", kAppId}, {"TEAMS_APP_PASSWORD", "pw"}});
}

/// An enabled Teams section with the secrets and `extra` keys (YAML lines, indented).
LoadResult enabled(const std::string& extra, const Environment& env = secrets()) {
    return load(
        "teams:\n  enabled: true\n  app_id: \"${TEAMS_APP_ID}\"\n"
        "  app_password: \"${TEAMS_APP_PASSWORD}\"\n" +
            extra,
        env);
}

std::string keys(const std::string& tenant, const std::string& team) {
    return "  tenant_id: \"" + tenant + "\"\n  incidents_team: \"" + team + "\"\n";
}

}  // namespace

TEST_CASE("a single-tenant bot gets its tenant's token endpoint") {
    LoadResult result = enabled(keys(kTenant, kTeam));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const TeamsConfig& t = result.config->teams;
    CHECK(t.active());
    CHECK(t.token_url ==
          std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/v2.0/token");
    CHECK(t.incidents_team == kTeam);
    CHECK(t.incident_space == "channel");
}

TEST_CASE("a legacy multi-tenant bot uses botframework.com, and a written token_url wins") {
    LoadResult legacy = enabled(keys("botframework.com", kTeam));
    INFO(describe_errors(legacy));
    REQUIRE(legacy.ok());
    CHECK(legacy.config->teams.token_url ==
          "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    LoadResult own = enabled(keys(kTenant, kTeam) + "  token_url: \"http://127.0.0.1:9/t\"\n");
    INFO(describe_errors(own));
    REQUIRE(own.ok());
    CHECK(own.config->teams.token_url == "http://127.0.0.1:9/t");
}

TEST_CASE("graph_url loses and service_url gains a trailing slash") {
    LoadResult result = enabled(keys(kTenant, kTeam) +
                                "  graph_url: \"http://127.0.0.1:9/graph/v1.0/\"\n"
                                "  service_url: \"http://127.0.0.1:9/connector\"\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->teams.graph_url == "http://127.0.0.1:9/graph/v1.0");
    CHECK(result.config->teams.service_url == "http://127.0.0.1:9/connector/");
}

TEST_CASE("bot_host defaults to server.public_url's host") {
    LoadResult result =
        load("server: { public_url: \"https://ops@firebreak.example.com:8443/base\" }\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->teams.bot_host == "firebreak.example.com");

    LoadResult own = load(
        "server: { public_url: \"https://a.example.com\" }\nteams: { bot_host: b.example.com }\n");
    REQUIRE(own.ok());
    CHECK(own.config->teams.bot_host == "b.example.com");
}

TEST_CASE("an enabled Teams without tenant_id points at the enabled line") {
    ConfigError e = single_error(enabled("  incidents_team: \"" + std::string(kTeam) + "\"\n"));
    CHECK(e.key_path == "teams.tenant_id");
    CHECK(e.line == 2);
    CHECK_THAT(e.message, StartsWith("teams is enabled but has no tenant_id"));
    CHECK_THAT(e.message, Contains("botframework.com"));
}

TEST_CASE("a tenant id that is neither a GUID nor botframework.com is refused") {
    ConfigError e = single_error(enabled(keys("contoso", kTeam)));
    CHECK(e.key_path == "teams.tenant_id");
    CHECK(e.line == 5);
    CHECK_THAT(e.message, Contains("got 'contoso'"));
}

TEST_CASE("incidents_team must be the team's group id, not a channel id") {
    ConfigError e = single_error(enabled(keys(kTenant, "19:abc@thread.tacv2")));
    CHECK(e.key_path == "teams.incidents_team");
    CHECK(e.line == 6);
    CHECK_THAT(e.message, StartsWith("'19:abc@thread.tacv2' is a channel id; incidents_team is "
                                     "the team's group id, a GUID"));
}

TEST_CASE("channel mode needs incidents_team, thread mode needs announce_channel") {
    ConfigError team = single_error(enabled("  tenant_id: \"" + std::string(kTenant) + "\"\n"));
    CHECK(team.key_path == "teams.incidents_team");
    CHECK_THAT(team.message, Contains("incident_space: thread"));

    ConfigError channel = single_error(
        enabled("  tenant_id: \"" + std::string(kTenant) + "\"\n  incident_space: thread\n"));
    CHECK(channel.key_path == "teams.announce_channel");
    CHECK(channel.line == 2);
    CHECK_THAT(channel.message, StartsWith("teams.incident_space is thread"));

    LoadResult thread = enabled("  tenant_id: \"" + std::string(kTenant) +
                                "\"\n  incident_space: thread\n"
                                "  announce_channel: \"19:abc@thread.tacv2\"\n");
    INFO(describe_errors(thread));
    REQUIRE(thread.ok());
    CHECK(thread.config->teams.thread_mode());
    CHECK(thread.config->teams.incidents_team.empty());
}

TEST_CASE("announce_channel must be a channel id; a team id or a thread id is explained") {
    auto with_channel = [](const std::string& id) {
        return enabled(keys(kTenant, kTeam) + "  announce_channel: \"" + id + "\"\n");
    };
    CHECK(with_channel("19:abc@thread.tacv2").ok());
    CHECK(with_channel("19:old@thread.skype").ok());
    CHECK_THAT(single_error(with_channel(kTeam)).message, Contains("is a team's group id"));
    CHECK_THAT(single_error(with_channel("19:abc@thread.tacv2;messageid=17")).message,
               Contains("is a thread"));
    ConfigError other = single_error(with_channel("general"));
    CHECK(other.key_path == "teams.announce_channel");
    CHECK(other.line == 7);
    CHECK_THAT(other.message, Contains("expected a channel id like 19:abc123@thread.tacv2"));
}

TEST_CASE("an unknown incident_space is a parse error with a suggestion") {
    ConfigError e = single_error(load("teams: { incident_space: threads }\n"));
    CHECK(e.key_path == "teams.incident_space");
    CHECK_THAT(e.message, Contains("did you mean 'thread'?"));
}

TEST_CASE("an app id that is not a GUID is refused without printing it") {
    LoadResult result =
        enabled(keys(kTenant, kTeam),
                environment({{"TEAMS_APP_ID", "s3cr3t-name"}, {"TEAMS_APP_PASSWORD", "pw"}}));
    ConfigError e = single_error(result);
    CHECK(e.key_path == "teams.app_id");
    CHECK_THAT(e.message, StartsWith("environment variable TEAMS_APP_ID does not hold a "
                                     "Microsoft App ID"));
    CHECK_THAT(e.to_string(), !Contains("s3cr3t"));
}

TEST_CASE("bot_host is a host name and timeline_reaction one word") {
    CHECK_THAT(single_error(load("teams: { bot_host: \"https://bot.example.com\" }\n")).message,
               Contains("not a URL"));
    CHECK(single_error(load("teams: { bot_host: localhost }\n")).key_path == "teams.bot_host");
    CHECK(load("teams: { bot_host: bot.example.com }\n").ok());
    ConfigError reaction = single_error(load("teams: { timeline_reaction: \"thumbs up\" }\n"));
    CHECK(reaction.key_path == "teams.timeline_reaction");
    CHECK_THAT(reaction.message, Contains("like, heart"));
    CHECK(load("teams: { timeline_reaction: heart }\n").ok());
}

TEST_CASE("Teams' URLs must be absolute") {
    CHECK(single_error(load("teams: { graph_url: graph.microsoft.com }\n")).key_path ==
          "teams.graph_url");
    CHECK(single_error(load("teams: { service_url: \"\" }\n")).key_path == "teams.service_url");
}

TEST_CASE("the signing keys and the token endpoint are https, except on loopback") {
    auto e =
        single_error(load("teams: { openid_metadata_url: \"http://login.example/openid\" }\n"));
    CHECK(e.key_path == "teams.openid_metadata_url");
    CHECK_THAT(e.message, Contains("must be https://"));
    CHECK(single_error(load("teams: { token_url: \"http://login.example/t/oauth2/v2.0/token\" }\n"))
              .key_path == "teams.token_url");
    CHECK(load("teams: { openid_metadata_url: \"http://127.0.0.1:9/openid\", token_url: "
               "\"http://localhost:9/t\" }\n")
              .errors.empty());
    CHECK_FALSE(load("teams: { token_url: \"http://localhost.evil.example/t\" }\n").errors.empty());
}

TEST_CASE("the old announce_conversation key is unknown and points at announce_channel") {
    ConfigError e = single_error(load("teams: { announce_conversation: \"19:a@thread.tacv2\" }\n"));
    CHECK(e.key_path == "teams.announce_conversation");
    CHECK_THAT(e.message, Contains("announce_channel"));
}

TEST_CASE("with Teams enabled the channel name pattern keeps to Teams' channel names") {
    auto with_pattern = [](const std::string& pattern, bool teams_on) {
        std::string incident = "incident: { channel_name: \"" + pattern + "\" }\n";
        if (!teams_on) return load(incident);
        return load(incident +
                        "teams:\n  enabled: true\n  app_id: \"${TEAMS_APP_ID}\"\n"
                        "  app_password: \"${TEAMS_APP_PASSWORD}\"\n" +
                        keys(kTenant, kTeam),
                    secrets());
    };
    // 40 fixed characters fit Slack's 80 but leave Teams' 50 too little room for a title.
    const std::string long_prefix = "major-incident-in-production-{date}-{slug}";
    CHECK(with_pattern(long_prefix, false).ok());
    ConfigError room = single_error(with_pattern(long_prefix, true));
    CHECK(room.key_path == "incident.channel_name");
    CHECK(room.line == 1);
    CHECK_THAT(room.message, Contains("the 50-character channel names Teams allows"));

    CHECK(with_pattern("_inc-{slug}", false).ok());
    CHECK_THAT(single_error(with_pattern("_inc-{slug}", true)).message,
               Contains("may not start with '_'"));

    CHECK(with_pattern("inc-{date}-{slug}", true).ok());
    // A pattern Slack already refuses is reported once, not again for Teams.
    CHECK(single_error(with_pattern("Inc-{slug}", true)).key_path == "incident.channel_name");
}

}  // namespace firebreak::config
