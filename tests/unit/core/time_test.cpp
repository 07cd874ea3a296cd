#include "firebreak/core/time.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace std::chrono_literals;

TEST_CASE("durations parse in seconds, minutes, hours and days") {
    CHECK(parse_duration("90s") == Duration{90});
    CHECK(parse_duration("15m") == Duration{900});
    CHECK(parse_duration("2h") == Duration{7200});
    CHECK(parse_duration("3d") == Duration{3 * 86400});
}

TEST_CASE("malformed durations are rejected") {
    for (const char* bad :
         {"", "m", "0m", "-5m", "15", "15x", "1.5h", "15 m", "off", "99999999999s"})
        CHECK_FALSE(parse_duration(bad));
}

TEST_CASE("a cadence is a duration or off") {
    CHECK(parse_cadence("off") == std::optional<Cadence>{Cadence{}});
    CHECK(parse_cadence("30m") == std::optional<Cadence>{Cadence{Duration{1800}}});
    CHECK_FALSE(parse_cadence("never"));
}

TEST_CASE("durations format in their shortest exact spelling") {
    CHECK(format_duration(Duration{45}) == "45s");
    CHECK(format_duration(15min) == "15m");
    CHECK(format_duration(90min) == "1h30m");
    CHECK(format_duration(48h) == "2d");
    CHECK(format_cadence(std::nullopt) == "off");
}

TEST_CASE("timestamps format for people and for machines") {
    auto t = testing::t0() + 5min + 7s;
    CHECK(format_time(t) == "2026-11-22 10:05 UTC");
    CHECK(format_clock(t) == "10:05 UTC");
    CHECK(format_iso8601(t) == "2026-11-22T10:05:07Z");
    CHECK(format_compact_date(t) == "20261122");
}

TEST_CASE("business days skip the weekend") {
    auto friday = *parse_date("2026-11-20");
    CHECK(format_date(add_business_days(friday, 1)) == "2026-11-23");  // Monday
    CHECK(format_date(add_business_days(friday, 5)) == "2026-11-27");
    auto sunday = *parse_date("2026-11-22");
    CHECK(format_date(add_business_days(sunday, 1)) == "2026-11-23");
    CHECK(format_date(add_business_days(sunday, 0)) == "2026-11-22");
}

TEST_CASE("dates parse only when they exist on the calendar") {
    CHECK(parse_date("2026-02-28"));
    CHECK_FALSE(parse_date("2026-02-30"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("26-01-01"));
    CHECK_FALSE(parse_date("2026/01/01"));
    CHECK(format_date(*parse_date("2027-01-05")) == "2027-01-05");
}
