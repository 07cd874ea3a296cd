// The playbook over Slack: a help request's Join button invites whoever clicks it into the
// incident's channel (conversations.invite), and the checklist is edited in place.
#include <algorithm>
#include <catch2/catch.hpp>

#include "slack_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using nlohmann::json;

TEST_CASE_METHOD(SlackHarness, "escalate posts once with a Join button that invites the clicker") {
    command("U1", "CGENERAL", "declare Checkout errors sev1");
    settle();
    std::string channel = incident_channel();
    command("U1", channel, "ic me");
    command("U2", channel, "tl me");
    auto r = command("U2", channel, "escalate database replica lag at 40s");
    REQUIRE(r.result_int() == 200);
    settle();

    // The announce channel (no escalation_channel is set) has the declare and the request.
    std::vector<fakes::SlackMessage> requests;
    for (const auto& m : fake.messages(kAnnounce))
        if (m.blocks.dump().find("Need support: database") != std::string::npos)
            requests.push_back(m);
    REQUIRE(requests.size() == 1);
    std::string blocks = requests[0].blocks.dump();
    CHECK(blocks.find("replica lag at 40s") != std::string::npos);
    CHECK(blocks.find("SEV1 (Critical)") != std::string::npos);
    CHECK(blocks.find("<@U2>") != std::string::npos);  // the owner: the TL
    CHECK(blocks.find("<#" + channel + ">") != std::string::npos);
    const std::string join = "join inc-20261122-checkout-errors";
    CHECK(blocks.find("\"value\":\"" + join + "\"") != std::string::npos);

    auto invites_before = fake.calls("conversations.invite").size();
    auto click = action("U9", kAnnounce,
                        {{"action_id", "run:0"},
                         {"block_id", "b"},
                         {"type", "button"},
                         {"value", join},
                         {"action_ts", "9.1"}});
    REQUIRE(click.result_int() == 200);
    settle();
    auto invites = fake.calls("conversations.invite");
    REQUIRE(invites.size() == invites_before + 1);
    CHECK(invites.back().body["channel"] == channel);
    CHECK(invites.back().body["users"] == "U9");
    const auto members = fake.channel(channel)->members;
    CHECK(std::find(members.begin(), members.end(), "U9") != members.end());
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'help_joined' AND "
                "actor = 'U9'") == 1);
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'help_requested'") == 1);
    // The pinned checklist was edited in place, never posted again.
    CHECK(fake.channel(channel)->pins.size() == 2);
    std::size_t checklists = 0;
    for (const auto& m : fake.messages(channel))
        if (m.blocks.dump().find("*Checklist*") != std::string::npos) ++checklists;
    CHECK(checklists == 1);
}
