// The grammar of the status page's commands.
#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command::testing;

TEST_CASE("publish takes an optional public status and optional text") {
    auto bare = parsed_as<core::cmd::Publish>("publish");
    CHECK_FALSE(bare.status);
    CHECK(bare.text.empty());
    CHECK_FALSE(bare.confirmed);  // typed: a preview first

    auto status_only = parsed_as<core::cmd::Publish>("publish Identified");
    CHECK(status_only.status == core::PublicStatus::identified);
    CHECK(status_only.text.empty());

    auto both = parsed_as<core::cmd::Publish>("publish monitoring  A fix is out.");
    CHECK(both.status == core::PublicStatus::monitoring);
    CHECK(both.text == "A fix is out.");

    auto text_only = parsed_as<core::cmd::Publish>("publish We are looking into errors.");
    CHECK_FALSE(text_only.status);
    CHECK(text_only.text == "We are looking into errors.");
}

TEST_CASE("the preview's and the reminder's buttons have exact shapes") {
    CHECK(parsed_as<core::cmd::ConfirmPublish>("publish confirm 12").draft == 12);
    CHECK(parsed_as<core::cmd::CancelPublish>("publish cancel #3").draft == 3);
    CHECK(parsed_as<core::cmd::EditPublish>("publish edit 4").draft == 4);
    parsed_as<core::cmd::PublishNoChange>("publish nochange");
    CHECK_FALSE(parsed_as<core::cmd::SnoozePublic>("publish snooze").by);
    CHECK(parsed_as<core::cmd::SnoozePublic>("publish snooze 30m").by == std::chrono::minutes(30));
    // An update that merely starts with one of those words stays an update.
    CHECK(parsed_as<core::cmd::Publish>("publish cancel 3 orders failed").text ==
          "cancel 3 orders failed");
    CHECK(parsed_as<core::cmd::Publish>("publish snooze alarms went off").text ==
          "snooze alarms went off");
}

TEST_CASE("publish --title sets the public title, quotes or not") {
    CHECK(parsed_as<core::cmd::SetPublicTitle>("publish --title \"Errors when paying\"").title ==
          "Errors when paying");
    CHECK(parsed_as<core::cmd::SetPublicTitle>("publish --title Errors when paying").title ==
          "Errors when paying");
    CHECK(mentions(refused("publish --title").message, "give the public title"));
}

TEST_CASE("affects names components with degraded, partial or major; partial by default") {
    auto a = parsed_as<core::cmd::Affects>("affects api=partial Checkout=MAJOR web");
    REQUIRE(a.affects.size() == 3);
    CHECK(a.affects[0] == core::Affected{"api", core::ComponentImpact::partial});
    CHECK(a.affects[1] == core::Affected{"checkout", core::ComponentImpact::major});
    CHECK(a.affects[2] == core::Affected{"web", core::ComponentImpact::partial});
    CHECK(parsed_as<core::cmd::Affects>("affects api=degraded_performance").affects[0].impact ==
          core::ComponentImpact::degraded);
    CHECK(parsed_as<core::cmd::Affects>("affects none").affects.empty());
    CHECK(mentions(refused("affects").message, "affects api=partial"));
    CHECK(mentions(refused("affects api=broken").message, "degraded, partial or major"));
}
