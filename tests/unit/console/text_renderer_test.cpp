#include "firebreak/console/text_renderer.hpp"

#include <catch2/catch.hpp>

using namespace firebreak;

TEST_CASE("mentions render as @names") {
    CHECK(console::render_mentions("<@alice> and <@U1|Bob> ping <!channel>") ==
          "@alice and @U1 ping @channel");
    CHECK(console::render_mentions("a < b > c <@unterminated") == "a < b > c <@unterminated");
}

TEST_CASE("a conversation reference renders as its #name") {
    CHECK(console::render_mentions("Working in <#inc-20261122-db-down>.") ==
          "Working in #inc-20261122-db-down.");
    CHECK(console::render_mentions("<#unterminated") == "<#unterminated");
}

TEST_CASE("a message renders text, fields, footer and numbered buttons") {
    chat::Message m{"*Title*\nsecond line",
                    {{"Status", "investigating"}},
                    {{"Claim IC", "ic me", chat::ButtonStyle::primary},
                     {"Claim TL", "tl me", chat::ButtonStyle::primary}},
                    "note",
                    {}};
    CHECK(console::render(m, 1, "") ==
          "*Title*\nsecond line\n  Status: investigating\n  > note\n  [1] Claim IC  [2] Claim TL   "
          "(:click N)\n");
}
