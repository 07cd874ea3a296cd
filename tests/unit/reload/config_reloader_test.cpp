#include "firebreak/reload/config_reloader.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace firebreak;
using Outcome = reload::ReloadResult::Outcome;

namespace {

core::Timestamp at(int seconds) {
    return core::Timestamp{core::Duration{1'795'341'600 + seconds}};
}

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::trunc) << text;
}

std::string config_with(const std::string& sev1_cadence,
                        const std::string& listen = "127.0.0.1:0") {
    return "server:\n  listen: \"" + listen +
           "\"\nslack:\n  enabled: false\nseverities:\n"
           "  - { id: sev1, name: Critical, update_every: " +
           sev1_cadence +
           " }\n"
           "  - { id: sev2, name: High, update_every: 30m }\n";
}

config::Environment no_environment() {
    return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

}  // namespace

TEST_CASE("the first load makes a valid file current, with its version and time") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    auto r = reloader.reload(at(0));
    CHECK(r.outcome == Outcome::applied);
    REQUIRE(reloader.loaded());
    CHECK(reloader.current().version.size() == 12);
    CHECK(reloader.current().loaded_at == at(0));
    CHECK(reloader.current().config.severities[0].update_every == std::chrono::minutes(15));
}

TEST_CASE("reloading the same bytes changes nothing") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    reloader.reload(at(0));
    CHECK(reloader.reload(at(60)).outcome == Outcome::unchanged);
    CHECK(reloader.current().loaded_at == at(0));
}

TEST_CASE("an invalid edit keeps the last good config and reports every error once") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    reloader.reload(at(0));
    std::string good = reloader.current().version;

    write(dir.file("fb.yaml"), config_with("soon"));
    auto bad = reloader.reload(at(60));
    CHECK(bad.outcome == Outcome::rejected);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].line == 6);
    CHECK(bad.errors[0].key_path == "severities[0].update_every");
    CHECK(reloader.current().version == good);
    CHECK(reloader.current().config.severities[0].update_every == std::chrono::minutes(15));
    CHECK(reloader.reload(at(120)).outcome == Outcome::unchanged);  // warned once

    write(dir.file("fb.yaml"), config_with("5m"));
    CHECK(reloader.reload(at(180)).outcome == Outcome::applied);
    CHECK(reloader.current().config.severities[0].update_every == std::chrono::minutes(5));
    CHECK(reloader.current().version != good);
}

TEST_CASE("settings that need a restart are named") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    reloader.reload(at(0));
    write(dir.file("fb.yaml"), config_with("15m", "127.0.0.1:9999"));
    auto r = reloader.reload(at(60));
    CHECK(r.outcome == Outcome::applied);
    CHECK(r.needs_restart == std::vector<std::string>{"server.listen"});
}

TEST_CASE("a missing file is rejected, not fatal") {
    testing::TempDir dir;
    reload::ConfigReloader reloader(dir.file("absent.yaml"), no_environment());
    auto r = reloader.reload(at(0));
    CHECK(r.outcome == Outcome::rejected);
    CHECK_FALSE(reloader.loaded());
}

TEST_CASE("the version is the file's SHA-256") {
    CHECK(reload::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a changed status_page section is named as needing a restart") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    reloader.reload(at(0));
    write(dir.file("fb.yaml"),
          config_with("15m") + "status_page:\n  enabled: true\n  components: [{id: api}]\n");
    auto r = reloader.reload(at(60));
    CHECK(r.outcome == Outcome::applied);
    CHECK(r.needs_restart == std::vector<std::string>{"status_page"});
}

TEST_CASE("settings the platforms read at start are named as needing a restart") {
    testing::TempDir dir;
    write(dir.file("fb.yaml"), config_with("15m"));
    reload::ConfigReloader reloader(dir.file("fb.yaml"), no_environment());
    reloader.reload(at(0));

    std::string edited = config_with("15m");
    const std::string slack = "slack:\n  enabled: false\n";
    REQUIRE(edited.find(slack) != std::string::npos);
    edited.replace(edited.find(slack), slack.size(), slack + "  timeline_emoji: memo\n");
    write(dir.file("fb.yaml"), edited + "log:\n  format: json\n");
    auto r = reloader.reload(at(60));
    CHECK(r.outcome == Outcome::applied);
    CHECK(r.needs_restart == std::vector<std::string>{"slack.timeline_emoji", "log"});

    write(dir.file("fb.yaml"), edited +
                                   "log:\n  format: json\nteams:\n  enabled: false\n"
                                   "  timeline_reaction: heart\n");
    r = reloader.reload(at(120));
    CHECK(r.outcome == Outcome::applied);
    CHECK(r.needs_restart == std::vector<std::string>{"teams (platform settings)"});
}
