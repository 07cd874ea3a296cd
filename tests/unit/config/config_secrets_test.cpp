// "${NAME}" secrets: read from an injected environment, absent when unset, never printed.

#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "firebreak/config/loader.hpp"

using namespace firebreak::config;
using Catch::Matchers::Contains;
using test::describe_errors;
using test::environment;
using test::load;
using test::single_error;

TEST_CASE("a ${NAME} secret is read from the injected environment") {
    LoadResult result = load(R"(
slack:
  signing_secret: "${SIGNING}"
  bot_token: "${BOT}"
teams: { enabled: true, app_id: "${TEAMS_ID}", app_password: "${TEAMS_PASSWORD}",
         tenant_id: botframework.com, incident_space: thread,
         announce_channel: "19:a@thread.tacv2" }
)",
                             environment({{"SIGNING", "s1"},
                                          {"BOT", "xoxb-2"},
                                          {"TEAMS_ID", "00000000-0000-0000-0000-000000000003"},
                                          {"TEAMS_PASSWORD", "pw-4"}}));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const Config& c = *result.config;
    CHECK(c.slack.signing_secret.env_var == "SIGNING");
    CHECK(c.slack.signing_secret.present());
    CHECK(c.slack.signing_secret.value() == "s1");
    CHECK(c.slack.bot_token.value() == "xoxb-2");
    CHECK(c.slack.active());
    CHECK(c.teams.app_id.value() == "00000000-0000-0000-0000-000000000003");
    CHECK(c.teams.app_password.value() == "pw-4");
    CHECK(c.teams.active());
}

TEST_CASE("for a disabled platform, a secret whose variable is unset or empty is absent") {
    LoadResult result = load(R"(
slack: { enabled: false, signing_secret: "${UNSET}", bot_token: "${EMPTY}", app_token: "" }
)",
                             environment({{"EMPTY", ""}}));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    const SlackConfig& slack = result.config->slack;
    CHECK(slack.signing_secret.env_var == "UNSET");
    CHECK_FALSE(slack.signing_secret.present());
    CHECK(slack.signing_secret.value().empty());
    CHECK_FALSE(slack.bot_token.present());
    CHECK(slack.app_token.env_var.empty());
    CHECK_FALSE(slack.app_token.present());
    CHECK_FALSE(slack.active());
}

TEST_CASE("Slack in socket mode needs the app and bot tokens, not the signing secret") {
    LoadResult result = load("slack: { mode: socket, bot_token: \"${B}\", app_token: \"${A}\" }\n",
                             environment({{"A", "xapp-1"}, {"B", "xoxb-1"}}));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->slack.active());
}

TEST_CASE("a disabled platform is not active even with its secrets") {
    LoadResult result =
        load("slack: { enabled: false, signing_secret: \"${S}\", bot_token: \"${B}\" }\n",
             environment({{"S", "s"}, {"B", "b"}}));
    REQUIRE(result.ok());
    CHECK_FALSE(result.config->slack.active());
}

TEST_CASE("a secret written literally in the file is an error that does not repeat it") {
    ConfigError e = single_error(load("slack:\n  bot_token: xoxb-literal-token-123\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 14);
    CHECK(e.key_path == "slack.bot_token");
    CHECK_THAT(e.message, Contains("${NAME}"));
    CHECK_THAT(e.to_string(), !Contains("xoxb-literal-token-123"));
}

TEST_CASE("a malformed ${...} reference is an error") {
    CHECK(single_error(load("teams: { app_id: \"${1BAD}\" }\n")).key_path == "teams.app_id");
    CHECK(single_error(load("teams: { app_id: \"${}\" }\n")).key_path == "teams.app_id");
    CHECK(single_error(load("teams: { app_id: \"$TEAMS_APP_ID\" }\n")).key_path == "teams.app_id");
}

TEST_CASE("a secret's value never appears in any error text") {
    const std::string value = "hunter2-value-from-the-environment";
    Environment env = [&value](const std::string&) -> std::optional<std::string> { return value; };
    LoadResult result = load(R"(
server: { listen: nowhere, public_url: "${PUBLIC}" }
slack:
  signing_secret: "${SIGNING}"
  bot_token: ["${BOT}"]
  app_token: "${APP}"
  mode: "${MODE}"
  signing_secrett: "${SIGNING}"
teams: { app_id: "${ID}", app_password: {x: "${PW}"}, enabled: "${ENABLED}" }
incident: { default_severity: "${SEV}" }
severities: [{ id: "${ID}", update_every: "${EVERY}" }]
)",
                             env);
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() >= 8);
    for (const ConfigError& e : result.errors) {
        CHECK_THAT(e.to_string(), !Contains(value));
        CHECK_THAT(e.to_string(), !Contains("hunter2"));
    }
}

TEST_CASE("the environment is consulted only for the secrets named in the file") {
    std::vector<std::string> asked;
    Environment env = [&asked](const std::string& name) -> std::optional<std::string> {
        asked.push_back(name);
        return std::nullopt;
    };
    LoadResult result = load(
        "slack: { enabled: false, bot_token: \"${BOT}\", announce_channel: \"${CHAN}\" }\n", env);
    REQUIRE(result.ok());
    CHECK(asked == std::vector<std::string>{"BOT"});
    CHECK(result.config->slack.announce_channel == "${CHAN}");
}

TEST_CASE("Secret::from_value holds a value for tests and composition roots") {
    Secret s = Secret::from_value("X", "v");
    CHECK(s.present());
    CHECK(s.value() == "v");
    CHECK(s.env_var == "X");
    CHECK_FALSE(Secret{}.present());
}
