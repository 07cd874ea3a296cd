// One case per kind of error: where it is reported (line, column, key path) and what it says.

#include <algorithm>
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "firebreak/config/loader.hpp"

using namespace firebreak::config;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using test::describe_errors;
using test::error_at;
using test::load;
using test::single_error;

TEST_CASE("a YAML syntax error is reported at yaml-cpp's position") {
    ConfigError e = single_error(load("server:\n  listen: [1, 2\nslack: {}\n"));
    CHECK(e.file == "test.yaml");
    CHECK(e.line == 3);
    CHECK(e.column > 0);
    CHECK(e.key_path.empty());
    CHECK_THAT(e.message, StartsWith("invalid YAML: "));
}

TEST_CASE("the top level must be a map of sections") {
    ConfigError e = single_error(load("- server\n- slack\n"));
    CHECK(e.line == 1);
    CHECK(e.column == 1);
    CHECK(e.key_path.empty());
    CHECK_THAT(e.message, Contains("got a list"));

    CHECK_THAT(single_error(load("just text\n")).message, Contains("got a single value"));
}

TEST_CASE("an empty file is an error, not a silent all-defaults config") {
    ConfigError e = single_error(load("# only a comment\n"));
    CHECK(e.line == 1);
    CHECK_THAT(e.message, Contains("empty"));
}

TEST_CASE("a file holding more than one YAML document is rejected") {
    ConfigError e = single_error(load("server: {}\n---\nslack: {}\n"));
    CHECK(e.line == 2);  // the separator that starts the second document
    CHECK(e.column == 1);
    CHECK_THAT(e.message, Contains("one YAML document"));
}

TEST_CASE("an unknown top-level key is reported at the key with a suggestion") {
    ConfigError e = single_error(load("server: {}\nsever:\n  listen: x\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 1);
    CHECK(e.key_path == "sever");
    CHECK_THAT(e.message, StartsWith("unknown key (did you mean 'server'?)"));
    CHECK_THAT(e.message, Contains("permissions"));
}

TEST_CASE("unknown keys are reported at every level") {
    struct Case {
        const char* yaml;
        const char* path;
    };
    const Case cases[] = {
        {"server: {tsl: {}}", "server.tsl"},
        {"server: {tls: {cert: a}}", "server.tls.cert"},
        {"storage: {sqlite3: {}}", "storage.sqlite3"},
        {"storage: {sqlite: {paht: x}}", "storage.sqlite.paht"},
        {"slack: {signing: x}", "slack.signing"},
        {"teams: {password: x}", "teams.password"},
        {"incident: {severity: sev1}", "incident.severity"},
        {"severities: [{id: sev2, update_every: 5m, every: 5m}]", "severities[0].every"},
        {"roles: [{id: ic, title: x}]", "roles[0].title"},
        {"reminders: {handover: 1h}", "reminders.handover"},
        {"templates: {closed: x}", "templates.closed"},
        {"permissions: {may_close: [ic]}", "permissions.may_close"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.yaml);
        ConfigError e = single_error(load(c.yaml));
        CHECK(e.key_path == c.path);
        CHECK(e.line == 1);
        CHECK_THAT(e.message, StartsWith("unknown key"));
    }
}

TEST_CASE("a key given twice in one map is an error at the second") {
    ConfigError e = single_error(load("server:\n  listen: a:1\n  listen: b:2\n"));
    CHECK(e.line == 3);
    CHECK(e.column == 3);
    CHECK(e.key_path == "server.listen");
    CHECK_THAT(e.message, Contains("duplicate key; first given at line 2"));
}

TEST_CASE("a value of the wrong kind names what was expected and what was found") {
    SECTION("a list where a string belongs") {
        ConfigError e = single_error(load("server:\n  listen: [a, b]\n"));
        CHECK(e.line == 2);
        CHECK(e.column == 11);
        CHECK(e.key_path == "server.listen");
        CHECK(e.message == "expected a string, got a list");
    }
    SECTION("a single value where a section belongs") {
        ConfigError e = single_error(load("slack: on\n"));
        CHECK(e.key_path == "slack");
        CHECK(e.message == "expected a map, got a single value");
    }
    SECTION("a map where a list belongs") {
        ConfigError e = single_error(load("severities:\n  id: sev1\n"));
        CHECK(e.line == 2);
        CHECK(e.column == 3);
        CHECK(e.key_path == "severities");
        CHECK(e.message == "expected a list, got a map");
    }
    SECTION("nothing where a string belongs, pointing at the key") {
        ConfigError e = single_error(load("slack:\n  announce_channel:\n"));
        CHECK(e.line == 2);
        CHECK(e.column == 3);
        CHECK(e.key_path == "slack.announce_channel");
        CHECK_THAT(e.message, StartsWith("expected a string, got nothing"));
    }
    SECTION("a word where a boolean belongs") {
        ConfigError e = single_error(load("teams: {enabled: maybe}\n"));
        CHECK(e.key_path == "teams.enabled");
        CHECK(e.column == 18);
        CHECK(e.message == "expected true or false, got 'maybe'");
    }
    SECTION("a word where a number belongs") {
        ConfigError e = single_error(load("reminders:\n  review_within_business_days: five\n"));
        CHECK(e.key_path == "reminders.review_within_business_days");
        CHECK(e.message == "expected a whole number from 1 to 90, got 'five'");
    }
    SECTION("a number out of range") {
        ConfigError e = single_error(load("reminders: {review_within_business_days: 0}\n"));
        CHECK_THAT(e.message, Contains("from 1 to 90, got '0'"));
    }
}

TEST_CASE("a bad duration gives file, line, column and key path") {
    ConfigError e = single_error(load(R"(severities:
  - { id: sev1, update_every: 15m }
  - { id: sev2, update_every: soon }
)"));
    CHECK(e.line == 3);
    CHECK(e.column == 31);
    CHECK(e.key_path == "severities[1].update_every");
    CHECK(e.to_string() ==
          "test.yaml:3:31: severities[1].update_every: expected a duration like 15m, 2h or off, "
          "got 'soon'");
}

TEST_CASE("reminder durations are checked like severity cadences") {
    ConfigError e = single_error(load("reminders:\n  watch_period: 0m\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 17);
    CHECK(e.key_path == "reminders.watch_period");
    CHECK_THAT(e.message, Contains("got '0m'"));
}

TEST_CASE("a bad enum value lists the allowed ones and suggests the nearest") {
    ConfigError mode = single_error(load("slack:\n  mode: sockets\n"));
    CHECK(mode.line == 2);
    CHECK(mode.column == 9);
    CHECK(mode.key_path == "slack.mode");
    CHECK(mode.message == "expected http or socket, got 'sockets' (did you mean 'socket'?)");

    ConfigError sync = single_error(load("storage: {sqlite: {synchronous: always}}\n"));
    CHECK(sync.key_path == "storage.sqlite.synchronous");
    CHECK(sync.message == "expected off, normal, full or extra, got 'always'");
}

TEST_CASE("duplicate severity ids are reported at the second one") {
    ConfigError e = single_error(load(R"(severities:
  - { id: sev2, update_every: 15m }
  - { id: sev2, update_every: 30m }
)"));
    CHECK(e.line == 3);
    CHECK(e.column == 11);
    CHECK(e.key_path == "severities[1].id");
    CHECK(e.message == "duplicate severity id 'sev2'; first given at line 2");
}

TEST_CASE("duplicate role ids are reported at the second one") {
    ConfigError e = single_error(load("roles:\n  - id: tl\n  - id: ic\n  - id: tl\n"));
    CHECK(e.line == 4);
    CHECK(e.column == 9);
    CHECK(e.key_path == "roles[2].id");
    CHECK(e.message == "duplicate role id 'tl'; first given at line 2");
}

TEST_CASE("a role id other than ic, tl or comms is rejected") {
    ConfigError e = single_error(load("roles:\n  - id: scribe\n    name: Scribe\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 9);
    CHECK(e.key_path == "roles[0].id");
    CHECK(e.message == "unknown role 'scribe'; the roles are ic, tl or comms");
}

TEST_CASE("roles_required naming an unknown role is reported at the item") {
    ConfigError e = single_error(
        load("severities:\n  - id: sev2\n    update_every: 15m\n    roles_required: [ic, lt]\n"));
    CHECK(e.line == 4);
    CHECK(e.column == 26);
    CHECK(e.key_path == "severities[0].roles_required[1]");
    CHECK_THAT(e.message, StartsWith("unknown role 'lt'"));
}

TEST_CASE("a severity without an id or cadence is reported at the item") {
    LoadResult result = load("severities:\n  - name: Critical\n");
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 2);
    ConfigError id = error_at(result, "severities[0].id");
    CHECK(id.line == 2);
    CHECK(id.column == 5);
    CHECK_THAT(id.message, StartsWith("missing key 'id'"));
    CHECK_THAT(error_at(result, "severities[0].update_every").message,
               StartsWith("missing key 'update_every'"));
}

TEST_CASE("a severity id must be one word typed in commands") {
    ConfigError e =
        single_error(load("severities: [{id: Sev 1, update_every: 15m}]\n"
                          "incident: {default_severity: Sev 1}\n"));
    CHECK(e.key_path == "severities[0].id");
    CHECK_THAT(e.message, Contains("got 'Sev 1'"));
}

TEST_CASE("a default_severity that is not a listed severity is reported at the key") {
    ConfigError e = single_error(load("incident:\n  default_severity: sev5\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 21);
    CHECK(e.key_path == "incident.default_severity");
    CHECK(e.message == "'sev5' is not one of the severities sev1, sev2, sev3 or sev4");
}

TEST_CASE("the implicit default severity must exist in custom severities") {
    ConfigError e = single_error(load("severities:\n  - { id: p1, update_every: 15m }\n"));
    CHECK(e.line == 2);
    CHECK(e.key_path == "incident.default_severity");
    CHECK_THAT(e.message, Contains("the default 'sev2'"));
}

TEST_CASE("an empty severities list is rejected") {
    ConfigError e = single_error(load("severities: []\n"));
    CHECK(e.line == 1);
    CHECK(e.column == 13);
    CHECK(e.key_path == "severities");
    CHECK_THAT(e.message, Contains("at least one severity"));
}

TEST_CASE("a permissions entry must be a role id or admins") {
    ConfigError e = single_error(load("permissions:\n  may_resolve: [ic, admin]\n"));
    CHECK(e.line == 2);
    CHECK(e.column == 21);
    CHECK(e.key_path == "permissions.may_resolve[1]");
    CHECK_THAT(e.message, Contains("(did you mean 'admins'?)"));
}

TEST_CASE("server values are checked: listen address, TLS pair, URLs") {
    LoadResult result = load(R"(
server:
  listen: "8080"
  public_url: "firebreak.example.com"
  tls: { cert_file: cert.pem }
slack: { api_base_url: "" }
)");
    INFO(describe_errors(result));
    CHECK(result.errors.size() == 4);
    CHECK(error_at(result, "server.listen").line == 3);
    CHECK_THAT(error_at(result, "server.public_url").message,
               StartsWith("expected an absolute URL"));
    CHECK_THAT(error_at(result, "server.tls.key_file").message, Contains("set both"));
    CHECK(error_at(result, "server.tls.key_file").line == 5);
    CHECK(error_at(result, "slack.api_base_url").line == 6);
}

TEST_CASE("server.admin_listen is host:port or off, and not the public listener's") {
    CHECK(load("server: { admin_listen: \"[::1]:9191\" }\n").ok());
    LoadResult off = load("server: { admin_listen: off }\n");
    REQUIRE(off.ok());
    CHECK_FALSE(off.config->server.admin_enabled());

    ConfigError bad = single_error(load("server:\n  admin_listen: \"9090\"\n"));
    CHECK(bad.key_path == "server.admin_listen");
    CHECK(bad.line == 2);
    CHECK_THAT(bad.message, Contains("or off"));
    CHECK(single_error(load("server: { admin_listen: \"\" }\n")).key_path == "server.admin_listen");

    ConfigError same = single_error(
        load("server: { listen: \"0.0.0.0:8080\", admin_listen: \"0.0.0.0:8080\" }\n"));
    CHECK(same.key_path == "server.admin_listen");
    CHECK_THAT(same.message, Contains("must differ from server.listen"));
    // Port 0 picks a free port for each: tests run both listeners that way.
    CHECK(load("server: { listen: \"127.0.0.1:0\", admin_listen: \"127.0.0.1:0\" }\n").ok());
}

TEST_CASE("every error in a file is reported in one load") {
    LoadResult result = load(R"(
server: { listen: [x] }
slack: { mode: websocket, enabled: sometimes }
severities:
  - { id: sev1, update_every: soon, roles_required: [boss] }
  - { id: sev1, update_every: 15m }
roles: [{ id: cto }]
incident: { default_severity: sev9 }
colour: blue
)");
    INFO(describe_errors(result));
    CHECK_FALSE(result.config.has_value());
    CHECK(result.errors.size() == 9);
    for (const char* path :
         {"server.listen", "slack.mode", "slack.enabled", "severities[0].update_every",
          "severities[0].roles_required[0]", "severities[1].id", "roles[0].id",
          "incident.default_severity", "colour"}) {
        CAPTURE(path);
        CHECK(error_at(result, path).line > 0);
    }
    auto in_file_order = [](const ConfigError& a, const ConfigError& b) {
        return a.line < b.line || (a.line == b.line && a.column < b.column);
    };
    CHECK(std::is_sorted(result.errors.begin(), result.errors.end(), in_file_order));
}

TEST_CASE("an unreadable file is an error naming the file, not an exception") {
    LoadResult result = load_file("/nonexistent/firebreak.yaml", test::environment());
    ConfigError e = single_error(result);
    CHECK(e.line == 0);
    CHECK_THAT(e.to_string(), StartsWith("/nonexistent/firebreak.yaml: cannot read the file"));
}

TEST_CASE("input that makes yaml-cpp 0.7's LoadAll loop forever is an error") {
    // jbeder/yaml-cpp#1040: a stray flow entry at the top level.
    CHECK_THAT(single_error(load(",\n")).message, Contains("expected a map of sections"));
    CHECK_FALSE(load("server: {}\n---\n,\n").ok());
}

TEST_CASE("deeply nested input is an error, not a crash") {
    std::string yaml = "server: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    LoadResult result = load(yaml);
    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.errors.empty());
}
