#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("the review commands take the rest as text, keeping case and spacing") {
    CHECK(parsed_as<core::cmd::RecordImpact>("impact 20% of EU checkouts failed  for 42m").text ==
          "20% of EU checkouts failed  for 42m");
    CHECK(parsed_as<core::cmd::RecordRootCause>("ROOTCAUSE Pool size halved in v2.3").text ==
          "Pool size halved in v2.3");
    CHECK(parsed_as<core::cmd::RecordFactor>("factor No alert on pool\nsaturation").text ==
          "No alert on pool\nsaturation");
    CHECK(parsed_as<core::cmd::RecordWentWell>("wentwell Rollback took 3 minutes").text ==
          "Rollback took 3 minutes");
    CHECK(parsed_as<core::cmd::RecordWentBadly>("wentbadly Paging reached the wrong team").text ==
          "Paging reached the wrong team");
}

TEST_CASE("the review commands refuse empty text and say what to write") {
    for (const char* name : {"impact", "rootcause", "factor", "wentwell", "wentbadly"}) {
        INFO(name);
        const auto e = refused(name);
        CHECK(e.command == name);
        CHECK(e.usage == "/incident " + std::string(name) + " <text>");
        CHECK_FALSE(e.message.empty());
    }
    CHECK(mentions(refused("impact   ").message, "who or what"));
}

TEST_CASE("review text longer than 3000 characters is refused") {
    for (const char* name : {"impact", "rootcause", "factor", "wentwell", "wentbadly"}) {
        INFO(name);
        CHECK(mentions(refused(std::string(name) + " " + std::string(3001, 'a')).message, "3000"));
    }
    parsed_as<core::cmd::RecordRootCause>("rootcause " + std::string(3000, 'a'));
}

TEST_CASE("help lists the review commands") {
    const std::string help = help_text();
    CHECK(mentions(help, "/incident impact <text>"));
    CHECK(mentions(help, "/incident rootcause <text>"));
    CHECK(mentions(help, "/incident factor <text> — record a contributing factor"));
    CHECK(mentions(help, "/incident wentwell <text>"));
    CHECK(mentions(help, "/incident wentbadly <text>"));
}
