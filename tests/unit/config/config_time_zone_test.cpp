// incident.time_zone: an IANA name read from the system's zoneinfo database at load time.
#include <catch2/catch.hpp>
#include <filesystem>

#include "config_test_support.hpp"
#include "firebreak/config/loader.hpp"

using namespace firebreak::config;
using Catch::Matchers::Contains;
using test::error_at;
using test::load;

namespace {

firebreak::core::Timestamp utc(int y, unsigned m, unsigned d, int h) {
    using namespace std::chrono;
    return firebreak::core::Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{h};
}

}  // namespace

TEST_CASE("without incident.time_zone times are shown in UTC") {
    LoadResult result = load("incident:\n  default_severity: sev2\n");
    REQUIRE(result.config);
    CHECK(result.config->incident.time_zone == "UTC");
    CHECK(result.config->incident.zone.name() == "UTC");
}

TEST_CASE("a zone from the zoneinfo database follows its daylight saving time") {
    if (!std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"))
        return;  // no tzdata installed
    LoadResult result = load("incident:\n  time_zone: Europe/Berlin\n");
    REQUIRE(result.config);
    const auto& zone = result.config->incident.zone;
    CHECK(zone.name() == "Europe/Berlin");
    CHECK(zone.at(utc(2026, 1, 15, 12)).abbreviation == "CET");
    CHECK(zone.at(utc(2026, 7, 15, 12)).abbreviation == "CEST");
    CHECK(zone.at(utc(2026, 7, 15, 12)).offset == std::chrono::hours{2});
    // Past the file's table, its footer rule still knows the switches.
    CHECK(zone.at(utc(2061, 7, 15, 12)).abbreviation == "CEST");
    CHECK(zone.at(utc(2061, 12, 15, 12)).abbreviation == "CET");
    CHECK(firebreak::core::format_time(utc(1960, 7, 1, 12), zone) == "1960-07-01 13:00 CET");
}

TEST_CASE("an unknown time zone is reported at its line") {
    LoadResult result = load("incident:\n  time_zone: Mars/Olympus_Mons\n");
    CHECK_FALSE(result.config);
    ConfigError e = error_at(result, "incident.time_zone");
    CHECK(e.line == 2);
    CHECK_THAT(e.message, Contains("'Mars/Olympus_Mons' is not a usable time zone (no such zone"));
}

TEST_CASE("a time zone name cannot climb out of the zoneinfo directory") {
    for (const char* name : {"../../etc/passwd", "/etc/localtime", "Europe/../../x"}) {
        LoadResult result = load(std::string("incident:\n  time_zone: \"") + name + "\"\n");
        CHECK_FALSE(result.config);
        CHECK_THAT(error_at(result, "incident.time_zone").message,
                   Contains("not a time zone name"));
    }
}

TEST_CASE("a file that is not TZif is refused") {
    if (!std::filesystem::exists("/usr/share/zoneinfo/leapseconds")) return;
    LoadResult result = load("incident:\n  time_zone: leapseconds\n");
    CHECK_FALSE(result.config);
    CHECK_THAT(error_at(result, "incident.time_zone").message, Contains("not a TZif file"));
}
