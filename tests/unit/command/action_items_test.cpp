#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("actions lists the action items and takes nothing after it") {
    parsed_as<core::cmd::ListActionItems>("actions");
    CHECK(refused("actions all").command == "actions");
}

TEST_CASE("done and notdoing name an action item by number, with or without #") {
    CHECK(parsed_as<core::cmd::CompleteActionItem>("done 2").number == 2);
    CHECK(parsed_as<core::cmd::CompleteActionItem>("Done #3").number == 3);
    const auto dropped = parsed_as<core::cmd::DropActionItem>("notdoing 1 covered by INC-7");
    CHECK(dropped.number == 1);
    CHECK(dropped.reason == "covered by INC-7");
    CHECK(parsed_as<core::cmd::DropActionItem>("notdoing 4").reason.empty());
}

TEST_CASE("action item commands refuse a missing or malformed number") {
    for (const char* text : {"done", "done 0", "done x", "done 1 2", "notdoing", "notdoing -1",
                             "reassign", "reassign two @bob", "due", "due ## 2026-12-01"}) {
        INFO(text);
        refused(text);
    }
}

TEST_CASE("reassign takes one person, me included") {
    const auto r = parsed_as<core::cmd::ReassignActionItem>("reassign 2 @bob");
    CHECK(r.number == 2);
    CHECK(r.owner == "bob");
    CHECK(parsed_as<core::cmd::ReassignActionItem>("reassign 2 me").owner == "U_ME");
    CHECK(refused("reassign 2").command == "reassign");
    CHECK(refused("reassign 2 @bob @carol").command == "reassign");
}

TEST_CASE("due takes one date written YYYY-MM-DD") {
    const auto d = parsed_as<core::cmd::RescheduleActionItem>("due 1 2026-12-18");
    CHECK(d.number == 1);
    CHECK(d.due ==
          core::Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{18}});
    CHECK(refused("due 1 tomorrow").message.find("is not a date") != std::string::npos);
    CHECK(refused("due 1").command == "due");
}
