#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

namespace {
constexpr Date kDue = std::chrono::year{2026} / 12 / 4;

/// A resolved incident with two action items: #1 for bob, #2 for dave.
IncidentState with_items() {
    auto s = declared();
    step(s, cmd::Resolve{}, as("alice"));
    step(s,
         cmd::AddActionItem{.text = "Alert on pool saturation",
                            .owner = "bob",
                            .due = kDue,
                            .priority = Priority::p1,
                            .verify = ""},
         as("alice"));
    step(s,
         cmd::AddActionItem{.text = "Canary with real traffic",
                            .owner = "dave",
                            .due = kDue,
                            .priority = Priority::p2,
                            .verify = ""},
         as("alice"));
    return s;
}
}  // namespace

TEST_CASE("done marks an open action item done, once") {
    auto s = with_items();
    Change c = step(s, cmd::CompleteActionItem{2}, as("dave"));
    REQUIRE(c.changed_action_items.size() == 1);
    CHECK(c.changed_action_items[0].number == 2);
    CHECK(c.changed_action_items[0].state == ActionState::done);
    CHECK(c.action_items.empty());
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].kind == EventKind::action_item_changed);
    CHECK(c.events[0].text == "Action item #2 marked done.");
    CHECK(c.events[0].before == "open");
    CHECK(c.events[0].after == "done");
    CHECK(expect_refusal(apply(s, cmd::CompleteActionItem{2}, as("dave"))) ==
          "Action item #2 is already done; only open items change.");
}

TEST_CASE("notdoing records the reason and closes the item") {
    auto s = with_items();
    Change c = step(s, cmd::DropActionItem{1, "the alert exists already"}, as("bob"));
    CHECK(c.changed_action_items.at(0).state == ActionState::wont_do);
    CHECK(c.events.at(0).text ==
          "Action item #1 marked not doing. Reason: the alert exists already");
    CHECK(expect_refusal(apply(s, cmd::CompleteActionItem{1}, as("bob"))) ==
          "Action item #1 is already marked not doing; only open items change.");
}

TEST_CASE("reassign gives an open item a new owner, before and after recorded") {
    auto s = with_items();
    Change c = step(s, cmd::ReassignActionItem{1, "erin"}, as("alice"));
    CHECK(c.changed_action_items.at(0).owner == "erin");
    CHECK(c.events.at(0).text == "Action item #1 reassigned from <@bob> to <@erin>.");
    CHECK(c.events.at(0).before == "bob");
    CHECK(c.events.at(0).after == "erin");
    CHECK(expect_refusal(apply(s, cmd::ReassignActionItem{1, "erin"}, as("alice"))) ==
          "Action item #1 is already owned by <@erin>.");
}

TEST_CASE("due moves the date, never into the past") {
    auto s = with_items();
    constexpr Date later = std::chrono::year{2026} / 12 / 18;
    Change c = step(s, cmd::RescheduleActionItem{2, later}, as("dave"));
    CHECK(c.changed_action_items.at(0).due == later);
    CHECK(c.events.at(0).text == "Action item #2 now due 2026-12-18 (was 2026-12-04).");
    CHECK(c.events.at(0).before == "2026-12-04");
    CHECK(c.events.at(0).after == "2026-12-18");
    constexpr Date past = std::chrono::year{2026} / 11 / 1;
    CHECK(expect_refusal(apply(s, cmd::RescheduleActionItem{2, past}, as("dave"))) ==
          "The due date 2026-11-01 is in the past.");
}

TEST_CASE("an unknown action item number is refused") {
    auto s = with_items();
    CHECK(expect_refusal(apply(s, cmd::CompleteActionItem{3}, as("a"))) ==
          "There is no action item #3; this incident has 2. /incident actions lists them.");
    CHECK(expect_refusal(apply(s, cmd::ReassignActionItem{9, "x"}, as("a")))
              .starts_with("There is no action item #9"));
}

TEST_CASE("a canceled incident's action items do not change") {
    auto s = declared();
    step(s,
         cmd::AddActionItem{
             .text = "x", .owner = "bob", .due = kDue, .priority = Priority::p2, .verify = ""},
         as("alice"));
    step(s, cmd::Cancel{}, as("alice"));
    CHECK(expect_refusal(apply(s, cmd::CompleteActionItem{1}, as("bob"))) ==
          "The incident was canceled; it has no follow-ups.");
    CHECK(expect_refusal(apply(s, cmd::RescheduleActionItem{1, kDue}, as("bob"))) ==
          "The incident was canceled; it has no follow-ups.");
}
