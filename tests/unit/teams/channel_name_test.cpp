// Teams' rules for channel names.
#include <catch2/catch.hpp>

#include "firebreak/core/clip.hpp"
#include "firebreak/teams/deliverer.hpp"

using firebreak::teams::channel_display_name;

TEST_CASE("a channel name keeps within Teams' rules") {
    CHECK(channel_display_name("inc-20261122-checkout-errors", 1) ==
          "inc-20261122-checkout-errors");
    CHECK(channel_display_name("inc-20261122-checkout-errors", 2) ==
          "inc-20261122-checkout-errors-2");
    CHECK(channel_display_name("a/b:c?d#e%f&g*h{i}j+k\\l<m>n|o'p\"q,r~s", 1) ==
          "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s");
    CHECK(channel_display_name("a..b...c", 1) == "a.b.c");
    CHECK(channel_display_name("_.hidden.", 1) == "hidden");
    CHECK(channel_display_name("tab\there", 1) == "tab-here");
    CHECK(channel_display_name("forms", 1) == "forms-incident");
    CHECK(channel_display_name("COM3", 1) == "COM3-incident");
    CHECK(channel_display_name("LPT9", 1) == "LPT9-incident");
    CHECK(channel_display_name("COM10", 1) == "COM10");
    CHECK(channel_display_name("...", 1) == "incident");
    CHECK(channel_display_name("", 3) == "incident-3");
}

TEST_CASE("a long channel name is cut to 50 characters, suffix included, UTF-8 intact") {
    std::string base = "inc-20261122-" + std::string(80, 'x');
    CHECK(channel_display_name(base, 1).size() == 50);
    auto second = channel_display_name(base, 12);
    CHECK(second.size() == 50);
    CHECK(second.ends_with("xx-12"));
    std::string accents;
    for (int i = 0; i < 60; ++i) accents += "é";
    auto cut = channel_display_name(accents, 1);
    CHECK(firebreak::core::char_count(cut) == 50);
    CHECK(cut.find("é") == 0);
    CHECK(cut.size() == 100);  // whole two-byte characters only
}
