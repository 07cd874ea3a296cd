#include "firebreak/core/time_zone.hpp"

#include <catch2/catch.hpp>

using namespace firebreak::core;
using namespace std::chrono;

namespace {

Timestamp utc(int y, unsigned m, unsigned d, int h, int min, int s = 0) {
    return Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min} + seconds{s};
}

TimeZone rule_only(const std::string& name, const std::string& posix) {
    auto rule = parse_posix_zone_rule(posix);
    REQUIRE(rule);
    return TimeZone(name, rule->standard, {}, rule);
}

}  // namespace

TEST_CASE("a POSIX rule reads names, offsets west-positive, and the DST days") {
    auto rule = parse_posix_zone_rule("CET-1CEST,M3.5.0,M10.5.0/3");
    REQUIRE(rule);
    CHECK(rule->standard == LocalOffset{hours{1}, "CET"});
    REQUIRE(rule->daylight);
    CHECK(*rule->daylight == LocalOffset{hours{2}, "CEST"});
    auto india = parse_posix_zone_rule("<+0530>-5:30");
    REQUIRE(india);
    CHECK(india->standard == LocalOffset{hours{5} + minutes{30}, "+0530"});
    CHECK_FALSE(india->daylight);
    CHECK(parse_posix_zone_rule("EST5EDT,M3.2.0,M11.1.0")->standard.offset == hours{-5});
    for (const char* bad : {"", "X1", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0",
                            "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.0,M10.5.0/x"})
        CHECK_FALSE(parse_posix_zone_rule(bad));
}

TEST_CASE("Berlin switches to CEST and back at 01:00 UTC on the last Sundays") {
    const TimeZone berlin = rule_only("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3");
    // 2026: the last Sunday of March is the 29th, of October the 25th.
    CHECK(berlin.at(utc(2026, 3, 29, 0, 59, 59)).abbreviation == "CET");
    CHECK(berlin.at(utc(2026, 3, 29, 1, 0)).abbreviation == "CEST");
    CHECK(berlin.at(utc(2026, 10, 25, 0, 59, 59)).abbreviation == "CEST");
    CHECK(berlin.at(utc(2026, 10, 25, 1, 0)).abbreviation == "CET");
    CHECK(format_time(utc(2026, 7, 1, 12, 0), berlin) == "2026-07-01 14:00 CEST");
    CHECK(format_time(utc(2026, 11, 22, 23, 30), berlin) == "2026-11-23 00:30 CET");
    CHECK(format_clock(utc(2026, 11, 22, 10, 5), berlin) == "11:05 CET");
}

TEST_CASE("New York follows the US rule, second Sunday of March to first of November") {
    const TimeZone ny = rule_only("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
    CHECK(ny.at(utc(2026, 3, 8, 6, 59)).abbreviation == "EST");  // 01:59 EST
    CHECK(ny.at(utc(2026, 3, 8, 7, 0)).abbreviation == "EDT");   // 03:00 EDT
    CHECK(ny.at(utc(2026, 11, 1, 5, 59)).abbreviation == "EDT");
    CHECK(ny.at(utc(2026, 11, 1, 6, 0)).abbreviation == "EST");
    CHECK(format_time(utc(2026, 1, 1, 3, 0), ny) == "2025-12-31 22:00 EST");
}

TEST_CASE("in the southern hemisphere daylight time spans the new year") {
    const TimeZone sydney = rule_only("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(sydney.at(utc(2026, 1, 15, 0, 0)) == LocalOffset{hours{11}, "AEDT"});
    CHECK(sydney.at(utc(2026, 7, 15, 0, 0)) == LocalOffset{hours{10}, "AEST"});
    CHECK(sydney.at(utc(2026, 12, 31, 20, 0)).abbreviation == "AEDT");
}

TEST_CASE("a transition table applies before its rule, and the first type before it all") {
    const auto rule = parse_posix_zone_rule("CET-1CEST,M3.5.0,M10.5.0/3");
    const TimeZone zone("Test/Zone", LocalOffset{minutes{53}, "LMT"},
                        {{utc(1900, 1, 1, 0, 0), LocalOffset{hours{1}, "CET"}},
                         {utc(2000, 6, 1, 0, 0), LocalOffset{hours{3}, "XST"}},
                         {utc(2001, 1, 1, 0, 0), LocalOffset{hours{1}, "CET"}}},
                        rule);
    CHECK(zone.at(utc(1890, 1, 1, 0, 0)).abbreviation == "LMT");
    CHECK(zone.at(utc(1950, 1, 1, 0, 0)).abbreviation == "CET");
    CHECK(zone.at(utc(2000, 6, 1, 0, 0)).abbreviation == "XST");  // exactly at it
    CHECK(zone.at(utc(2000, 5, 31, 23, 59, 59)).abbreviation == "CET");
    CHECK(zone.at(utc(2000, 12, 31, 23, 59, 59)).abbreviation == "XST");
    // After the last transition, the rule: summer is CEST, winter CET.
    CHECK(zone.at(utc(2040, 7, 1, 0, 0)).abbreviation == "CEST");
    CHECK(zone.at(utc(2040, 1, 1, 0, 0)).abbreviation == "CET");
}

TEST_CASE("UTC has no offset and says so") {
    CHECK(format_time(utc(2026, 11, 22, 20, 47), TimeZone::utc()) == "2026-11-22 20:47 UTC");
    CHECK(TimeZone::utc().name() == "UTC");
}
