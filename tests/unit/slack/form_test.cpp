#include "firebreak/slack/form.hpp"

#include <catch2/catch.hpp>

using firebreak::slack::field;
using firebreak::slack::parse_form;

TEST_CASE("form fields decode plus as space and percent escapes as bytes") {
    auto form = parse_form("text=declare+DB+down+%3C%40U1%3E&user_id=U2&empty=&a=%E2%9C%93");
    REQUIRE(form);
    CHECK(field(*form, "text") == "declare DB down <@U1>");
    CHECK(field(*form, "user_id") == "U2");
    CHECK(form->contains("empty"));
    CHECK(field(*form, "empty").empty());
    CHECK(field(*form, "a") == "\xE2\x9C\x93");
    CHECK(field(*form, "absent").empty());
}

TEST_CASE("the first of a repeated field wins and empty pairs are skipped") {
    auto form = parse_form("a=1&&a=2&");
    REQUIRE(form);
    CHECK(field(*form, "a") == "1");
}

TEST_CASE("malformed form data is refused") {
    CHECK_FALSE(parse_form("a=%"));
    CHECK_FALSE(parse_form("a=%4"));
    CHECK_FALSE(parse_form("a=%zz"));
    CHECK_FALSE(parse_form("novalue"));
    CHECK_FALSE(parse_form("{\"json\":true}"));
    CHECK(parse_form(""));
}
