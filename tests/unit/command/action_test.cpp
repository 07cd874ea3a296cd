#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;
using namespace std::chrono_literals;

namespace {
constexpr core::Date kDue{std::chrono::year{2026}, std::chrono::December, std::chrono::day{1}};
}

TEST_CASE("action takes text, owner and due date, with priority p2 by default") {
    const auto item =
        parsed_as<core::cmd::AddActionItem>("action Add  alert on p99 owner:@alice due:2026-12-01");
    CHECK(item.text == "Add  alert on p99");
    CHECK(item.owner == "alice");
    CHECK(item.due == kDue);
    CHECK(item.priority == core::Priority::p2);
    CHECK(item.verify.empty());
}

TEST_CASE("action fields may come in any order and any case") {
    const auto item = parsed_as<core::cmd::AddActionItem>(
        "ACTION Rate-limit retries Priority:P1 DUE:2026-12-01 verify:load test passes Owner:me");
    CHECK(item.text == "Rate-limit retries");
    CHECK(item.owner == "U_ME");
    CHECK(item.due == kDue);
    CHECK(item.priority == core::Priority::p1);
    CHECK(item.verify == "load test passes");
}

TEST_CASE("action verify text may contain spaces and ends at the next field") {
    const auto item = parsed_as<core::cmd::AddActionItem>(
        "action Fix it verify: the  canary stays green for 1h owner:<@U7|dana> due:2026-12-01");
    CHECK(item.verify == "the  canary stays green for 1h");
    CHECK(item.owner == "U7");
    const auto last = parsed_as<core::cmd::AddActionItem>(
        "action Fix it owner:@a due:2026-12-01 verify:dashboards: all green");
    CHECK(last.verify == "dashboards: all green");
}

TEST_CASE("action owner accepts all three ways of naming a person") {
    const std::string tail = " due:2026-12-01";
    CHECK(parsed_as<core::cmd::AddActionItem>("action x owner:<@U1>" + tail).owner == "U1");
    CHECK(parsed_as<core::cmd::AddActionItem>("action x owner:<@U1|Jane Doe>" + tail).owner ==
          "U1");
    CHECK(parsed_as<core::cmd::AddActionItem>("action x owner:@bob" + tail).owner == "bob");
    CHECK(parsed_as<core::cmd::AddActionItem>("action x owner:ME" + tail).owner == "U_ME");
}

TEST_CASE("action forgives a space after a field's colon") {
    const auto item = parsed_as<core::cmd::AddActionItem>(
        "action Fix it owner: @bob due: 2026-12-01 priority: p3");
    CHECK(item.owner == "bob");
    CHECK(item.due == kDue);
    CHECK(item.priority == core::Priority::p3);
}

TEST_CASE("action without an owner is refused with the reason") {
    const auto e = refused("action Fix it due:2026-12-01");
    CHECK(e.command == "action");
    CHECK(mentions(e.message, "needs an owner"));
    CHECK(mentions(e.message, "accountable"));
    CHECK(mentions(e.usage, "owner:@user|me"));
}

TEST_CASE("action without a due date is refused with the reason") {
    const auto e = refused("action Fix it owner:@bob");
    CHECK(mentions(e.message, "needs a due date"));
    CHECK(mentions(e.message, "YYYY-MM-DD"));
}

TEST_CASE("action without owner and due date names both") {
    const auto e = refused("action Fix it");
    CHECK(mentions(e.message, "an owner and a due date"));
}

TEST_CASE("action without a description is refused") {
    CHECK(mentions(refused("action owner:@bob due:2026-12-01").message, "describe"));
    CHECK(refused("action").command == "action");
}

TEST_CASE("action refuses an invalid date") {
    for (const char* due : {"2026-13-01", "2026-02-30", "tomorrow", "01-12-2026", "2026-1-1"}) {
        INFO(due);
        const auto e = refused(std::string("action Fix owner:@bob due:") + due);
        CHECK(mentions(e.message, "not a date"));
    }
}

TEST_CASE("action refuses a bad priority") {
    CHECK(mentions(refused("action Fix owner:@b due:2026-12-01 priority:p4").message, "p1, p2"));
    CHECK(refused("action Fix owner:@b due:2026-12-01 priority:high").command == "action");
}

TEST_CASE("action refuses a field given twice") {
    const auto e = refused("action Fix owner:@a due:2026-12-01 owner:@b");
    CHECK(mentions(e.message, "owner: is given twice"));
    CHECK(refused("action Fix owner:@a due:2026-12-01 verify:x verify:y").command == "action");
}

TEST_CASE("action refuses an empty field and a bad owner") {
    CHECK(mentions(refused("action Fix owner:@a due:2026-12-01 verify:").message, "no value"));
    CHECK(mentions(refused("action Fix owner: due:2026-12-01").message, "no value"));
    CHECK(mentions(refused("action Fix owner:bob due:2026-12-01").message, "@name or me"));
}

TEST_CASE("action refuses words after a single-valued field") {
    const auto e = refused("action Fix owner:@a due:2026-12-01 and more");
    CHECK(mentions(e.message, "description first"));
}

TEST_CASE("action text and verify text longer than chat can show are refused") {
    CHECK(refused("action " + std::string(3001, 'a') + " owner:@a due:2026-12-01").command ==
          "action");
    CHECK(refused("action a owner:@a due:2026-12-01 verify:" + std::string(3001, 'v')).command ==
          "action");
}
