// `/incident stats [since:<duration>] [sev1..sev4]` and `/incident timeline [page]`.
#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command::testing;
using namespace std::chrono_literals;

TEST_CASE("stats with nothing after it covers the last 30 days of every severity") {
    const auto s = parsed_as<core::cmd::ShowStats>("stats");
    CHECK(s.since == core::Duration{30 * 24h});
    CHECK_FALSE(s.severity);
}

TEST_CASE("stats takes since:<duration> and one severity, in either order") {
    auto s = parsed_as<core::cmd::ShowStats>("stats since:7d SEV2");
    CHECK(s.since == core::Duration{7 * 24h});
    CHECK(s.severity == "sev2");
    s = parsed_as<core::cmd::ShowStats>("Stats sev1 Since:12h");
    CHECK(s.since == core::Duration{12h});
    CHECK(s.severity == "sev1");
}

TEST_CASE("stats refuses a bad duration, a second severity and stray words") {
    CHECK(mentions(refused("stats since:soon").message, "not a duration"));
    CHECK(mentions(refused("stats since:").message, "not a duration"));
    CHECK(mentions(refused("stats since:1d since:2d").message, "twice"));
    CHECK(mentions(refused("stats sev1 sev2").message, "at most one severity"));
    const auto e = refused("stats everything");
    CHECK(mentions(e.message, "neither since:<duration> nor a severity"));
    CHECK(e.usage == "/incident stats [since:<duration>] [sev1..sev4]");
}

TEST_CASE("timeline without a page asks for the latest; with one, for that page") {
    CHECK_FALSE(parsed_as<core::cmd::ShowTimeline>("timeline").page);
    CHECK(parsed_as<core::cmd::ShowTimeline>("timeline 3").page == 3);
    CHECK(parsed_as<core::cmd::ShowTimeline>("timeline #2").page == 2);
}

TEST_CASE("timeline refuses a page that is not a positive number, or more than one") {
    CHECK(mentions(refused("timeline 0").message, "not a page"));
    CHECK(mentions(refused("timeline all").message, "not a page"));
    CHECK(mentions(refused("timeline 1 2").message, "one page number"));
}
