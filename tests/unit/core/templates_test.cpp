#include "firebreak/core/templates.hpp"

#include <catch2/catch.hpp>

using namespace firebreak::core;

TEST_CASE("placeholders are filled and other text is kept") {
    std::map<std::string, std::string> values{{"title", "DB down"}, {"severity", "SEV1"}};
    CHECK(fill_template("{severity}: {title} {x} {} { title} }{", values) ==
          "SEV1: DB down  {} { title} }{");
}

TEST_CASE("unknown placeholders are listed in order") {
    CHECK(unknown_placeholders("{title} {sevrity} {next_update} {foo}") ==
          std::vector<std::string>{"sevrity", "foo"});
    CHECK(unknown_placeholders("no placeholders {} {UPPER}").empty());
}

TEST_CASE("the default templates use only known placeholders") {
    Templates t;
    for (const auto* text :
         {&t.declared, &t.update, &t.no_change, &t.resolved, &t.update_due,
          &t.external_investigating, &t.external_identified, &t.external_resolved})
        CHECK(unknown_placeholders(*text).empty());
}
