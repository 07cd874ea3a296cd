// The checks that look past the value itself: template placeholders, the channel-name
// pattern, secrets an enabled platform needs, and TLS files on disk. Each asserts where the
// error is reported (line, column, key path) and what it says.

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "config_test_support.hpp"
#include "firebreak/config/loader.hpp"

using namespace firebreak::config;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using test::describe_errors;
using test::environment;
using test::error_at;
using test::load;
using test::single_error;

namespace {

/// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
  public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("firebreak-config-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    /// Writes `name` with a line of text and returns its absolute path.
    std::string file(const std::string& name) const {
        std::ofstream(path_ / name) << "-----BEGIN TEST-----\n";
        return (path_ / name).string();
    }

    std::string path(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

std::string tls_yaml(const std::string& cert, const std::string& key) {
    return "server:\n  tls:\n    cert_file: \"" + cert + "\"\n    key_file: \"" + key + "\"\n";
}

}  // namespace

// --- templates -----------------------------------------------------------------------------

TEST_CASE("a template with an unknown placeholder is reported at its key with a suggestion") {
    ConfigError e = single_error(load(R"(templates:
  declared: "{severity} declared: {title}"
  update: "{sevrity} {text} {foo} {foo}"
)"));
    CHECK(e.line == 3);
    CHECK(e.column == 11);
    CHECK(e.key_path == "templates.update");
    CHECK_THAT(e.message,
               StartsWith("unknown placeholders {sevrity} (did you mean 'severity'?), {foo}; "
                          "the placeholders are {incident}, {title}, "));
    CHECK_THAT(e.message, EndsWith("{due}, {who}, {service}, {start} or {end}"));
}

TEST_CASE("every template key is checked for unknown placeholders") {
    for (const char* key :
         {"declared", "update", "no_change", "resolved", "update_due", "external_investigating",
          "external_identified", "external_resolved", "external_monitoring"}) {
        CAPTURE(key);
        ConfigError e = single_error(
            load(std::string("templates:\n  ") + key + ": \"Status {stauts} at {due}\"\n"));
        CHECK(e.line == 2);
        CHECK(e.key_path == std::string("templates.") + key);
        CHECK_THAT(e.message,
                   StartsWith("unknown placeholder {stauts} (did you mean 'status'?); "));
    }
}

TEST_CASE("braces that are not a placeholder are kept as text, not reported") {
    LoadResult result = load(R"(templates:
  update: "{} {Title} {next update} {{text}} {who}"
)");
    INFO(describe_errors(result));
    CHECK(result.ok());
}

TEST_CASE("templates.update_due is read and checked like the others") {
    LoadResult result = load("templates: { update_due: \"{who}: update due at {due}\" }\n");
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->templates.update_due == "{who}: update due at {due}");
}

// --- incident.channel_name -----------------------------------------------------------------

TEST_CASE("a channel_name pattern without {slug} is reported at the key with the reason") {
    ConfigError e = single_error(load("incident:\n  channel_name: \"Inc-{date}\"\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 17);
    CHECK(e.key_path == "incident.channel_name");
    CHECK(e.message ==
          "'Inc-{date}' must contain {slug}, so that each incident gets its own channel");
}

TEST_CASE("a channel_name pattern Slack would reject is reported with why") {
    struct Case {
        const char* pattern;
        const char* reason;
    };
    const Case cases[] = {
        {"Inc-{slug}", "lowercase letters, digits"},
        {"inc {date}-{slug}", "lowercase letters, digits"},
        {"inc-{slug}-{slug}", "must contain {slug} once"},
        {"inc-{day}-{slug}", "only the placeholders {date} and {slug}"},
        {"", "must contain {slug}"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.pattern);
        ConfigError e =
            single_error(load(std::string("incident: { channel_name: \"") + c.pattern + "\" }\n"));
        CHECK(e.line == 1);
        CHECK(e.key_path == "incident.channel_name");
        CHECK_THAT(e.message, Contains(c.reason));
    }
    CHECK(load("incident: { channel_name: \"incident_{slug}-{date}\" }\n").ok());
}

// --- secrets of enabled platforms ----------------------------------------------------------

TEST_CASE("an enabled Slack naming an unset variable is an error at that key") {
    LoadResult result = load(R"(slack:
  enabled: true
  signing_secret: "${SLACK_SIGNING_SECRET}"
  bot_token: "${SLACK_BOT_TOKEN}"
  app_token: "${SLACK_APP_TOKEN}"
)",
                             environment({{"SLACK_BOT_TOKEN", "xoxb-secret-value"}}));
    ConfigError e = single_error(result);  // app_token is not needed in http mode
    CHECK(e.line == 3);
    CHECK(e.column == 19);
    CHECK(e.key_path == "slack.signing_secret");
    CHECK(e.message ==
          "environment variable SLACK_SIGNING_SECRET is not set, and slack.enabled is true "
          "(export it, or set slack.enabled: false)");
    CHECK_THAT(e.to_string(), !Contains("xoxb-secret-value"));
}

TEST_CASE("Slack enabled by default still needs the variables its secrets name") {
    LoadResult result = load("slack:\n  signing_secret: \"${SIGN}\"\n  bot_token: \"${BOT}\"\n",
                             environment({{"SIGN", "s"}, {"BOT", ""}}));
    ConfigError e = single_error(result);  // an empty variable counts as unset
    CHECK(e.line == 3);
    CHECK(e.key_path == "slack.bot_token");
    CHECK_THAT(e.message, StartsWith("environment variable BOT is not set"));
}

TEST_CASE("Slack in socket mode is checked for its app and bot tokens") {
    LoadResult result = load(R"(slack:
  mode: socket
  signing_secret: "${UNSET_SIGNING}"
  bot_token: "${B}"
  app_token: "${UNSET_APP}"
)",
                             environment({{"B", "xoxb-1"}}));
    ConfigError e = single_error(result);
    CHECK(e.line == 5);
    CHECK(e.key_path == "slack.app_token");
    CHECK_THAT(e.message, Contains("UNSET_APP"));
}

TEST_CASE("Slack enabled explicitly with a secret not named is an error at each gap") {
    LoadResult result = load("slack:\n  enabled: true\n  bot_token: \"\"\n");
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 2);
    ConfigError signing = error_at(result, "slack.signing_secret");
    CHECK(signing.line == 2);  // not in the file: reported at enabled
    CHECK(signing.message ==
          "slack is enabled but has no signing_secret (write signing_secret: "
          "\"${SLACK_SIGNING_SECRET}\" and export it, or set slack.enabled: false)");
    ConfigError bot = error_at(result, "slack.bot_token");
    CHECK(bot.line == 3);
    CHECK_THAT(bot.message, StartsWith("slack is enabled but has no bot_token"));
}

TEST_CASE("an enabled Teams needs app_id and app_password") {
    LoadResult result = load(R"(teams:
  enabled: true
  app_id: "${TEAMS_APP_ID}"
  app_password: ""
  tenant_id: 72f988bf-86f1-41af-91ab-2d7cd011db47
  incidents_team: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
)");
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 2);
    ConfigError id = error_at(result, "teams.app_id");
    CHECK(id.line == 3);
    CHECK(id.column == 11);
    CHECK(id.message ==
          "environment variable TEAMS_APP_ID is not set, and teams.enabled is true (export it, "
          "or set teams.enabled: false)");
    ConfigError password = error_at(result, "teams.app_password");
    CHECK(password.line == 4);
    CHECK_THAT(password.message, StartsWith("teams is enabled but has no app_password"));
}

TEST_CASE("a disabled platform's unset variables are not checked") {
    LoadResult result = load(R"(
slack: { enabled: false, signing_secret: "${UNSET_1}", bot_token: "" }
teams: { app_id: "${UNSET_2}", app_password: "${UNSET_3}" }
)");
    INFO(describe_errors(result));
    CHECK(result.ok());
}

TEST_CASE("Slack left at its defaults with no secret named loads, and stays off") {
    for (const char* yaml :
         {"{}\n", "slack:\n", "slack: { mode: socket, announce_channel: C1 }\n"}) {
        CAPTURE(yaml);
        LoadResult result = load(yaml);
        INFO(describe_errors(result));
        REQUIRE(result.ok());
        CHECK(result.config->slack.enabled);
        CHECK_FALSE(result.config->slack.active());
    }
}

TEST_CASE("a secret that failed to parse, or a mode that failed, is not reported again") {
    ConfigError literal = single_error(load("slack:\n  bot_token: xoxb-literal\n"));
    CHECK(literal.key_path == "slack.bot_token");
    ConfigError mode = single_error(load("slack: { enabled: true, mode: sockets }\n"));
    CHECK(mode.key_path == "slack.mode");
}

// --- TLS files -----------------------------------------------------------------------------

TEST_CASE("a TLS file that cannot be read is reported at its key") {
    ScratchDir dir;
    const std::string cert = dir.file("cert.pem");
    const std::string missing = dir.path("missing-key.pem");
    ConfigError e = single_error(load(tls_yaml(cert, missing)));
    CHECK(e.line == 4);
    CHECK(e.column == 15);
    CHECK(e.key_path == "server.tls.key_file");
    CHECK(e.message == "cannot read " + missing + ": no such file");
}

TEST_CASE("a TLS path that is a directory is reported at its key") {
    ScratchDir dir;
    ConfigError e = single_error(load(tls_yaml(dir.path(""), dir.file("key.pem"))));
    CHECK(e.line == 3);
    CHECK(e.key_path == "server.tls.cert_file");
    CHECK_THAT(e.message, EndsWith(": is a directory"));
}

TEST_CASE("both TLS files missing gives one error each") {
    LoadResult result = load(tls_yaml("/nonexistent/cert.pem", "/nonexistent/key.pem"));
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 2);
    CHECK(error_at(result, "server.tls.cert_file").line == 3);
    CHECK(error_at(result, "server.tls.key_file").line == 4);
}

TEST_CASE("readable TLS files load, relative paths from the working directory") {
    ScratchDir dir;
    const std::string cert = dir.file("cert.pem");
    const std::string key = std::filesystem::relative(dir.file("key.pem")).string();
    REQUIRE_FALSE(std::filesystem::path(key).is_absolute());
    LoadResult result = load(tls_yaml(cert, key));
    INFO(describe_errors(result));
    REQUIRE(result.ok());
    CHECK(result.config->server.tls.enabled());
    CHECK(result.config->server.tls.key_file == key);
}
