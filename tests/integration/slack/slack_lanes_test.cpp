// Slack delivery lanes over loopback: with a slow Web API, incidents go out side by side,
// and a form opens while another channel's calls stall. The worker runs on its own threads
// here (start()), with the clock standing still; the tests wait for the fake's calls.
#include "slack_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using fakes::SlackAnswer;

TEST_CASE_METHOD(SlackHarness,
                 "with every Slack call taking 300 ms, ten declares' summaries go out side by "
                 "side") {
    fake.delay(300ms);
    for (int i = 0; i < 10; ++i)
        REQUIRE(command("U1", "CGENERAL", "declare Outage " + std::to_string(i) + " sev2",
                        "TRIG-" + std::to_string(i))
                    .result_int() == 200);
    worker.start();
    // Seven calls each (create, invite, topic, post and pin the summary and the checklist):
    // seventy, in far fewer rounds than
    // one call at a time would take.
    REQUIRE(fake.wait_for_calls("pins.add", 20, 60s));  // each summary and checklist
    worker.stop();
    CHECK(fake.peak_concurrent_calls() >= 4);
    CHECK(fake.peak_concurrent_calls() <= 8);  // max_in_flight
    CHECK(fake.calls("conversations.create").size() == 10);
    for (const auto& create : fake.calls("conversations.create")) {
        auto channel = fake.channel_named(create.body["name"]);
        REQUIRE(channel);
        CHECK(channel->pins.size() == 2);
    }
}

TEST_CASE_METHOD(SlackHarness, "a form opens while another channel's calls stall") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    clock.advance(1min);  // past the channel's post pacing; the clock stands still from here
    fake.script("chat.postMessage", SlackAnswer::stalled());
    action("U1", channel, {{"action_id", "run:9"}, {"value", "note stuck"}, {"action_ts", "1"}});
    std::size_t posts = fake.calls("chat.postMessage").size();
    worker.start();
    REQUIRE(fake.wait_for_calls("chat.postMessage", posts + 1));

    action("U1", channel, {{"action_id", "run:3"}, {"value", "update"}, {"action_ts", "2"}},
           "TRIG-9");
    worker.poke();
    REQUIRE(fake.wait_for_calls("views.open", 1));
    CHECK(fake.stalled_count() == 1);  // the note is still held while the form opened
    CHECK(fake.calls("views.open").front().body["trigger_id"] == "TRIG-9");
    fake.release_stalled();
    worker.stop();
    bool noted = false;
    for (const auto& m : fake.messages(channel))
        noted = noted || m.text.find("stuck") != std::string::npos;
    CHECK(noted);
}

TEST_CASE_METHOD(SlackHarness,
                 "a private reply does not wait behind its channel's stalled or paced posts") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    clock.advance(1min);
    // The channel's post is stuck at Slack, and more wait behind it for pacing.
    fake.script("chat.postMessage", SlackAnswer::stalled());
    for (int i = 0; i < 3; ++i)
        action("U1", channel,
               {{"action_id", "run:9"},
                {"value", "note step " + std::to_string(i)},
                {"action_ts", std::to_string(10 + i)}});
    std::size_t posts = fake.calls("chat.postMessage").size();
    worker.start();
    REQUIRE(fake.wait_for_calls("chat.postMessage", posts + 1));
    // A refused click: its private answer goes on a lane of its own, at once.
    action("U2", channel, {{"action_id", "run:4"}, {"value", "ack 99"}, {"action_ts", "20"}});
    worker.poke();
    REQUIRE(fake.wait_for_calls("chat.postEphemeral", 1));
    CHECK(fake.stalled_count() == 1);
    CHECK(fake.calls("chat.postEphemeral").front().body["user"] == "U2");
    fake.release_stalled();
    worker.stop();
}
