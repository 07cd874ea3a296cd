// Reminders over Slack (issue #4): the update nudge reaches the channel with its buttons,
// "No change" from the button posts the template and re-times, and the update form opens.
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/slack/blocks.hpp"
#include "slack_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using nlohmann::json;

namespace {

/// The button of `message` whose label is `label`, as the Slack client would send it.
json button(const fakes::FakeSlack::Posted& message, const std::string& label) {
    for (const auto& block : message.blocks)
        if (block.value("type", "") == "actions")
            for (const auto& e : block["elements"])
                if (e.value("type", "") == "button" && e["text"]["text"] == label)
                    return json{{"action_id", e["action_id"]},
                                {"type", "button"},
                                {"value", e["value"]},
                                {"action_ts", "9.9"}};
    FAIL("no button " << label);
    return {};
}

}  // namespace

TEST_CASE_METHOD(SlackHarness, "a SEV1's update nudge reaches Slack and No change re-times it") {
    command("U1", "CGENERAL", "declare Checkout down sev1");
    settle();
    std::string channel = incident_channel();
    command("U1", channel, "ic me");
    command("U2", channel, "tl me");
    command("U3", channel, "comms me");
    settle();
    auto before = fake.messages(channel).size();

    clock.set(t0() + 15min);
    service.fire_due_reminders();
    settle();
    auto posted = fake.messages(channel);
    REQUIRE(posted.size() == before + 1);
    const auto& nudge = posted.back();
    CHECK(nudge.text.find("<@U3> a SEV1 (Critical) stakeholder update was due at 10:15 UTC") !=
          std::string::npos);

    auto r = action("U3", channel, button(nudge, "No change"));
    REQUIRE(r.result_int() == 200);
    settle();
    auto after = fake.messages(channel);
    bool said = false;
    for (const auto& m : after)
        said = said ||
               m.text.find("No change, still investigating; next update at") != std::string::npos;
    CHECK(said);
    CHECK(count("SELECT COUNT(*) FROM status_updates WHERE kind = 'no_change'") == 1);
    // Re-timed: the next nudge is one cadence after the no-change update.
    CHECK(count("SELECT r.due_at - u.posted_at FROM reminders r, status_updates u "
                "WHERE r.kind = 'update_due' AND u.kind = 'no_change'") == 15 * 60);

    // "Post update" on the nudge opens the update form.
    action("U3", channel, button(nudge, "Post update"), "TRIG-U");
    settle();
    REQUIRE(fake.calls("views.open").size() == 1);
    CHECK(fake.calls("views.open")[0].body["view"]["callback_id"] == slack::kUpdateCallback);
}

TEST_CASE_METHOD(SlackHarness, "the handover suggestion's button opens the handover form") {
    command("U1", "CGENERAL", "declare Checkout down sev2");
    settle();
    std::string channel = incident_channel();
    command("U1", channel, "ic me");
    clock.advance(75min);
    service.fire_due_reminders();
    settle();
    const auto nudge = fake.messages(channel).back();
    REQUIRE(nudge.text.find("Consider handing over") != std::string::npos);
    action("U1", channel, button(nudge, "Hand over"), "TRIG-H");
    settle();
    REQUIRE(fake.calls("views.open").size() == 1);
    json view = fake.calls("views.open")[0].body["view"];
    CHECK(view["callback_id"] == slack::kHandoverCallback);

    view["id"] = "VH";
    view["state"]["values"] = {
        {"to", {{"value", {{"selected_user", "U9"}}}}},
        {"summary", {{"value", {{"value", "failover done; watching lag"}}}}}};
    auto r = submit("U1", view);
    REQUIRE(r.result_int() == 200);
    CHECK(r.body().empty());
    auto tx = store.begin();
    auto inc = tx.incident_by_conversation("slack", channel);
    REQUIRE(inc->holder(core::Role::ic));
    CHECK(inc->holder(core::Role::ic)->user == "U9");
    bool summarized = false;
    for (const auto& e : tx.timeline(inc->id))
        summarized = summarized || e.text.find("failover done; watching lag") != std::string::npos;
    CHECK(summarized);
}

TEST_CASE_METHOD(SlackHarness,
                 "a user id from a form or a picker is checked against Slack's syntax") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    command("U1", channel, "ic me");
    command("U1", channel, "handover ic", "TRIG-H2");
    settle();
    REQUIRE(fake.calls("views.open").size() == 1);
    json view = fake.calls("views.open")[0].body["view"];
    view["id"] = "VH2";
    // Forged markup where an id belongs: it must never reach the topic or the summary.
    view["state"]["values"] = {{"to", {{"value", {{"selected_user", "U0BOB> <!channel"}}}}},
                               {"summary", {{"value", {{"value", "all quiet"}}}}}};
    auto r = submit("U1", view);
    REQUIRE(r.result_int() == 200);
    json answer = json::parse(r.body());
    CHECK(answer["response_action"] == "errors");
    CHECK(answer["errors"].contains("to"));
    auto picked = action("U1", channel,
                         {{"action_id", std::string(slack::kPickAction) + "tl"},
                          {"selected_user", "U0BOB> <!channel"},
                          {"action_ts", "1795341700.1"}});
    CHECK(picked.result_int() == 200);
    auto tx = store.begin();
    auto inc = tx.incident_by_conversation("slack", channel);
    CHECK(inc->holder(core::Role::ic)->user == "U1");
    CHECK_FALSE(inc->holder(core::Role::tl));
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%<!channel%'") == 0);
}
