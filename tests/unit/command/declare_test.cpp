#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("empty text opens the declare form") {
    parsed_as<core::cmd::DeclareForm>("");
    parsed_as<core::cmd::DeclareForm>("   \t\n ");
}

TEST_CASE("declare without a title opens the declare form") {
    parsed_as<core::cmd::DeclareForm>("declare");
    parsed_as<core::cmd::DeclareForm>("  DECLARE  ");
}

TEST_CASE("declare takes the rest as the title, keeping its case and inner spacing") {
    const auto d = parsed_as<core::cmd::Declare>("declare  Checkout  errors in EU  ");
    CHECK(d.title == "Checkout  errors in EU");
    CHECK_FALSE(d.severity);
    CHECK_FALSE(d.is_private);
    CHECK_FALSE(d.is_drill);
}

TEST_CASE("a last word sevN is the severity, stored lowercase") {
    CHECK(parsed_as<core::cmd::Declare>("declare db down sev1").severity == "sev1");
    const auto d = parsed_as<core::cmd::Declare>("declare db down SEV2");
    CHECK(d.severity == "sev2");
    CHECK(d.title == "db down");
}

TEST_CASE("a first word sevN is the severity too") {
    const auto d = parsed_as<core::cmd::Declare>("declare sev1 checkout down");
    CHECK(d.severity == "sev1");
    CHECK(d.title == "checkout down");
    const auto flagged =
        parsed_as<core::cmd::Declare>("declare --private SEV3 login  leak --drill");
    CHECK(flagged.severity == "sev3");
    CHECK(flagged.title == "login  leak");
    CHECK(flagged.is_private);
    CHECK(flagged.is_drill);
}

TEST_CASE("sevN in the middle of the title stays in the title") {
    const auto d = parsed_as<core::cmd::Declare>("declare pager sev1 broken");
    CHECK(d.title == "pager sev1 broken");
    CHECK_FALSE(d.severity);
}

TEST_CASE("a severity both first and last is refused rather than one being guessed") {
    const auto e = refused("declare sev1 checkout down sev2");
    CHECK(e.command == "declare");
    CHECK(mentions(e.message, "give the severity once"));
    CHECK(mentions(refused("declare sev2 sev2").message, "give the severity once"));
}

TEST_CASE("a quoted title keeps a sevN word it starts or ends with") {
    const auto first = parsed_as<core::cmd::Declare>("declare \"sev1 pager broken\" sev2");
    CHECK(first.title == "sev1 pager broken");
    CHECK(first.severity == "sev2");
    const auto both = parsed_as<core::cmd::Declare>("declare “sev1 paging, fixed in sev2”");
    CHECK(both.title == "sev1 paging, fixed in sev2");
    CHECK_FALSE(both.severity);
    const auto leading = parsed_as<core::cmd::Declare>("declare sev2 \"checkout down\"");
    CHECK(leading.title == "checkout down");
    CHECK(leading.severity == "sev2");
}

TEST_CASE("declare flags are recognised anywhere and in any case") {
    const auto first = parsed_as<core::cmd::Declare>("declare --private login leak sev1");
    CHECK(first.is_private);
    CHECK(first.title == "login leak");
    CHECK(first.severity == "sev1");

    const auto middle = parsed_as<core::cmd::Declare>("declare login --DRILL leak");
    CHECK(middle.is_drill);
    CHECK(middle.title == "login leak");

    const auto last = parsed_as<core::cmd::Declare>("declare login leak sev3 --Private --drill");
    CHECK(last.is_private);
    CHECK(last.is_drill);
    CHECK(last.severity == "sev3");
    CHECK(last.title == "login leak");
}

TEST_CASE("a dash that autocorrect made of -- still counts as a flag") {
    const auto d = parsed_as<core::cmd::Declare>("declare api down —private –drill");
    CHECK(d.is_private);
    CHECK(d.is_drill);
    CHECK(d.title == "api down");
    // Any other dashed word is meant as a flag too: refused, unless the title is quoted.
    CHECK(mentions(refused("declare api —slow").message, "put the title in quotes"));
    CHECK(parsed_as<core::cmd::Declare>("declare \"api —slow\"").title == "api —slow");
}

TEST_CASE("a near-miss flag never declares a public incident") {
    for (const char* near_miss :
         {"-private", "‐‐private", "−−private", "---private", "－private"}) {
        const auto e = refused(std::string("declare Payroll data exposed ") + near_miss + " sev1");
        CHECK(e.command == "declare");
        CHECK(mentions(e.message, "unknown flag"));
    }
    // A dash that is not a flag stays in the title.
    CHECK(parsed_as<core::cmd::Declare>("declare Checkout - EU down").title ==
          "Checkout - EU down");
    CHECK(parsed_as<core::cmd::Declare>("declare Error rate -5% sev3").title == "Error rate -5%");
}

TEST_CASE("a quoted title loses its quotes") {
    CHECK(parsed_as<core::cmd::Declare>("declare \"Checkout errors\" sev2").title ==
          "Checkout errors");
    CHECK(parsed_as<core::cmd::Declare>("declare “Checkout errors”").title == "Checkout errors");
    CHECK(parsed_as<core::cmd::Declare>("declare the \"new\" checkout").title ==
          "the \"new\" checkout");
}

TEST_CASE("quotes keep a title that ends in a sevN word whole") {
    const auto d = parsed_as<core::cmd::Declare>("declare \"paging broken for sev1\"");
    CHECK(d.title == "paging broken for sev1");
    CHECK_FALSE(d.severity);
}

TEST_CASE("declare refuses an unknown flag") {
    const auto e = refused("declare db down --public");
    CHECK(e.command == "declare");
    CHECK(mentions(e.message, "--public"));
    CHECK(mentions(e.usage, "/incident declare"));
}

TEST_CASE("declare with a severity or flags but no title is refused rather than dropping them") {
    CHECK(refused("declare sev1").command == "declare");
    CHECK(mentions(refused("declare --private").message, "title"));
    CHECK(refused("declare \"\" sev2").command == "declare");
}

TEST_CASE("declare refuses a title longer than chat can show") {
    const auto e = refused("declare " + std::string(3001, 'x'));
    CHECK(mentions(e.message, "3000"));
    parsed_as<core::cmd::Declare>("declare " + std::string(3000, 'x'));
}
