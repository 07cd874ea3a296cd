#include "firebreak/slack/ids.hpp"

#include <catch2/catch.hpp>

using namespace firebreak::slack;

TEST_CASE("Slack ids are a type letter and upper-case letters and digits") {
    CHECK(is_user_id("U024BE7LH"));
    CHECK(is_user_id("W012A3CDE"));
    CHECK(is_channel_id("C012AB3CD"));
    CHECK(is_channel_id("G0PRIVATE"));
    CHECK(is_team_id("T0001"));
    CHECK(is_team_id(""));
    for (const char* bad :
         {"", "U", "u024be7lh", "C012AB3CD", "U0BOB> <!channel", "U0BOB|x", "@nobody", "U02 4"})
        CHECK_FALSE(is_user_id(bad));
    for (const char* bad : {"", "general", "U024BE7LH", "C01<!here>", "C01\n"})
        CHECK_FALSE(is_channel_id(bad));
}
