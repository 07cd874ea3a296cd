#include "firebreak/core/naming.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;

TEST_CASE("a slug keeps lowercase letters and digits joined by single dashes") {
    CHECK(slugify("Checkout 5xx errors!!") == "checkout-5xx-errors");
    CHECK(slugify("  DB -- primary   down ") == "db-primary-down");
    CHECK(slugify("Zahlungen über API") == "zahlungen-ber-api");
}

TEST_CASE("a title with nothing usable still gets a slug") {
    CHECK(slugify("!!!") == "incident");
    CHECK(slugify("") == "incident");
}

TEST_CASE("incident names carry the declare date and a suffix for repeats") {
    auto t = testing::t0();
    CHECK(incident_name(kDefaultChannelPattern, t, "db-down", 1, NameRules{}) ==
          "inc-20261122-db-down");
    CHECK(incident_name(kDefaultChannelPattern, t, "db-down", 2, NameRules{}) ==
          "inc-20261122-db-down-2");
}

TEST_CASE("incident names never exceed 80 characters, suffix included") {
    std::string slug = slugify(std::string(200, 'a'));
    auto name = incident_name(kDefaultChannelPattern, testing::t0(), slug, 1, NameRules{});
    CHECK(name.size() == 80);
    auto second = incident_name(kDefaultChannelPattern, testing::t0(), slug, 12, NameRules{});
    CHECK(second.size() == 80);
    CHECK(second.substr(77) == "-12");
}

TEST_CASE("a truncated slug does not end in a dash") {
    std::string slug = std::string(66, 'a') + "-bbbb";  // the cut lands on the dash
    auto name = incident_name(kDefaultChannelPattern, testing::t0(), slug, 1, NameRules{});
    CHECK(name.back() != '-');
    CHECK(name.size() <= 80);
}

TEST_CASE("a custom channel pattern places the date and slug where it says") {
    CHECK(incident_name("{slug}_{date}", testing::t0(), "db-down", 1, NameRules{}) ==
          "db-down_20261122");
    CHECK(incident_name("incident-{slug}", testing::t0(), "db-down", 3, NameRules{}) ==
          "incident-db-down-3");
}

TEST_CASE("channel patterns that could make an invalid Slack channel are named") {
    CHECK_FALSE(channel_pattern_problem("inc-{date}-{slug}"));
    CHECK(*channel_pattern_problem("inc-{date}") ==
          "must contain {slug}, so that each incident gets its own channel");
    CHECK(channel_pattern_problem("Inc-{slug}")->starts_with("may contain only lowercase letters"));
    CHECK(channel_pattern_problem("inc {slug}")->starts_with("may contain only lowercase letters"));
    CHECK(*channel_pattern_problem("inc-{sev}-{slug}") ==
          "may use only the placeholders {date} and {slug}");
    CHECK(*channel_pattern_problem("{slug}-{slug}") == "must contain {slug} once");
    CHECK(channel_pattern_problem(std::string(70, 'a') + "{slug}")
              ->starts_with("leaves too little room"));
}

TEST_CASE("the platform's name length is the one the name fits") {
    auto name = incident_name(kDefaultChannelPattern, testing::t0(),
                              "checkout-errors-for-eu-customers", 2, NameRules{30});
    CHECK(name == "inc-20261122-checkout-errors-2");
    CHECK(name.size() <= 30);
}

namespace {

NameRules teams_like() {
    NameRules rules;
    rules.max_length = 50;
    rules.reserved_names = {"forms", "CON", "COM1"};
    rules.forbidden_first = "_.";
    rules.platform = "Teams";
    return rules;
}

}  // namespace

TEST_CASE("a name that would be reserved on the platform steers around it") {
    CHECK(incident_name("{slug}", testing::t0(), "con", 1, teams_like()) == "con-incident");
    CHECK(incident_name("{slug}", testing::t0(), "forms", 1, teams_like()) == "forms-incident");
    CHECK(incident_name("c{slug}", testing::t0(), "om1", 1, teams_like()) == "com1-incident");
    // A repeat's suffix already makes it a different name.
    CHECK(incident_name("{slug}", testing::t0(), "con", 2, teams_like()) == "con-2");
    CHECK(incident_name("{slug}", testing::t0(), "con", 1, NameRules{}) == "con");
}

TEST_CASE("a pattern is checked against the platform's length and first character") {
    CHECK_FALSE(channel_pattern_problem("inc-{date}-{slug}", teams_like()));
    CHECK(*channel_pattern_problem(std::string(40, 'a') + "{slug}", teams_like()) ==
          "leaves too little room for the title in the 50-character channel names Teams allows");
    CHECK_FALSE(channel_pattern_problem(std::string(40, 'a') + "{slug}"));
    CHECK(*channel_pattern_problem("_inc-{slug}", teams_like()) ==
          "may not start with '_' (Teams refuses channel names that do)");
    CHECK_FALSE(channel_pattern_problem("{slug}_x", teams_like()));
    // The Slack rules still come first.
    CHECK(channel_pattern_problem("Inc-{slug}", teams_like())
              ->starts_with("may contain only lowercase letters"));
}
