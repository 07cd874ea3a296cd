#include "firebreak/teams/directory.hpp"

#include <catch2/catch.hpp>

using firebreak::teams::Directory;
using firebreak::teams::Person;

TEST_CASE("the directory maps Teams member ids to Entra ids and keeps what it learned") {
    Directory d;
    d.remember({"aad-1", "29:one", "Ada"});
    d.remember({"aad-1", "", ""});  // a later activity without the name forgets nothing
    REQUIRE(d.by_member_id("29:one"));
    CHECK(d.by_member_id("29:one")->aad_id == "aad-1");
    CHECK(d.name_of("aad-1") == "Ada");
    CHECK(d.name_of("aad-2") == "someone");
    CHECK(d.name_of("aad-2", "aad-2") == "aad-2");
    d.remember({"aad-1", "29:new", ""});
    CHECK_FALSE(d.by_member_id("29:one"));
    CHECK(d.by_member_id("29:new")->name == "Ada");
    d.remember({"", "29:x", "No id"});  // nothing to key it by
    CHECK_FALSE(d.by_member_id("29:x"));
}

TEST_CASE("the directory forgets the least recently seen people first") {
    Directory d(2);
    d.remember({"a", "29:a", "A"});
    d.remember({"b", "29:b", "B"});
    d.by_aad_id("a");
    d.remember({"a", "", ""});  // seen again: b is now the oldest
    d.remember({"c", "29:c", "C"});
    CHECK(d.by_aad_id("a"));
    CHECK_FALSE(d.by_aad_id("b"));
    CHECK_FALSE(d.by_member_id("29:b"));
    CHECK(d.by_aad_id("c"));
}

TEST_CASE("a conversation's serviceUrl is found from its threads too, with fallbacks") {
    Directory d;
    CHECK(d.service_url_of("19:c@thread.tacv2", "https://fallback/") == "https://fallback/");
    d.remember_service_url("19:c@thread.tacv2;messageid=17", "https://smba.example/emea/");
    CHECK(d.service_url_of("19:c@thread.tacv2", "x") == "https://smba.example/emea/");
    CHECK(d.service_url_of("19:c@thread.tacv2;messageid=99", "x") == "https://smba.example/emea/");
    // Another conversation: the last one seen anywhere beats the configured fallback.
    CHECK(d.service_url_of("19:other@thread.tacv2", "x") == "https://smba.example/emea/");
}
