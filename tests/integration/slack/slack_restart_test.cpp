// kill -9 (or a second SIGTERM) in the middle of a declare's Slack steps, then a restart: the
// remaining steps complete and none is repeated.
#include <signal.h>

#include <catch2/catch.hpp>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fakes/fake_slack.hpp"
#include "firebreak/slack/signature.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using fakes::SlackAnswer;

namespace {

constexpr const char* kSecret = "restart-test-signing-secret";

std::string write_config(const firebreak::testing::TempDir& dir, const fakes::FakeSlack& fake) {
    std::string path = dir.file("firebreak.yaml");
    std::ofstream(path) << firebreak::testing::slack_http_config(dir.file("firebreak.db"),
                                                                 fake.base_url());
    return path;
}

http::Response declare(std::uint16_t port, const std::string& text) {
    return firebreak::testing::post_signed_command(
        port, kSecret,
        "team_id=T1&channel_id=CGENERAL&user_id=U1&command=%2Fincident&text=" + text +
            "&trigger_id=TR1");
}

}  // namespace

TEST_CASE(
    "a declare's steps cut short by kill -9 or by a second SIGTERM; the restart finishes "
    "them without duplicates") {
    // A second SIGTERM ends the graceful stop, which waits for the unanswered topic call.
    const bool second_sigterm = GENERATE(false, true);
    INFO((second_sigterm ? "SIGTERM twice" : "kill -9"));
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    fake.add_channel("CANNOUNCE", "incidents");
    std::string config = write_config(dir, fake);
    std::vector<std::pair<std::string, std::string>> env{{"SLACK_SIGNING_SECRET", kSecret},
                                                         {"SLACK_BOT_TOKEN", "xoxb-test-token"}};
    // The topic call hangs: the channel exists and the declarer is invited when the bot dies.
    fake.script("conversations.setTopic", SlackAnswer::stalled());
    {
        firebreak::testing::ServeProcess serve(config, env);
        auto reply = declare(serve.port(), "declare+Checkout+down+sev1");
        REQUIRE(reply.result_int() == 200);
        REQUIRE(fake.wait_for_calls("conversations.setTopic", 1, std::chrono::seconds(30)));
        if (second_sigterm) {
            REQUIRE(::kill(serve.pid(), SIGTERM) == 0);
            REQUIRE(serve.wait_for_output("a second SIGINT or SIGTERM stops at once"));
            CHECK(serve.stop(SIGTERM) == 128 + SIGTERM);
        } else {
            CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
        }
    }
    fake.release_stalled();  // its answer reaches nobody

    firebreak::testing::ServeProcess serve(config, env);
    REQUIRE(fake.wait_for_calls("pins.add", 1, std::chrono::seconds(30)));
    REQUIRE(fake.wait_for_calls("chat.postMessage", 2, std::chrono::seconds(30)));
    CHECK(fake.calls("conversations.create").size() == 1);
    CHECK(fake.calls("conversations.invite").size() == 1);
    CHECK(fake.calls("conversations.setTopic").size() == 2);  // the unanswered one is repeated
    CHECK(fake.calls("chat.postMessage").size() == 2);        // summary and announcement
    CHECK(fake.calls("pins.add").size() == 1);
    auto channel = fake.channel_named(
        "inc-" +
        fake.calls("conversations.create").front().body["name"].get<std::string>().substr(4));
    REQUIRE(channel);
    CHECK(channel->topic.find("SEV1") == 0);
    CHECK(fake.messages("CANNOUNCE").size() == 1);
    // A graceful stop after all that.
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(serve.output().find("xoxb-test-token") == std::string::npos);
    CHECK(serve.output().find(kSecret) == std::string::npos);
}

TEST_CASE("kill -9 between a postmortem file's upload and its share; the restart shares it once") {
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    fake.add_channel("CANNOUNCE", "incidents");
    std::string config = write_config(dir, fake);
    std::vector<std::pair<std::string, std::string>> env{{"SLACK_SIGNING_SECRET", kSecret},
                                                         {"SLACK_BOT_TOKEN", "xoxb-test-token"}};
    // The share hangs: the URL was asked for and the bytes sent when the bot dies.
    fake.script("files.completeUploadExternal", SlackAnswer::stalled());
    std::string channel;
    {
        firebreak::testing::ServeProcess serve(config, env);
        REQUIRE(declare(serve.port(), "declare+Checkout+down+sev2").result_int() == 200);
        REQUIRE(fake.wait_for_calls("pins.add", 1, std::chrono::seconds(30)));
        channel = fake.calls("pins.add").front().body["channel"].get<std::string>();
        int trigger = 100;  // each command has its own trigger, as in Slack
        auto in_channel = [&](const std::string& text) {
            return firebreak::testing::post_signed_command(
                serve.port(), kSecret,
                "team_id=T1&channel_id=" + channel + "&user_id=U1&command=%2Fincident&text=" +
                    text + "&trigger_id=TR" + std::to_string(++trigger));
        };
        // About 20 kB of notes: more than one message holds.
        for (int i = 0; i < 60; ++i)
            REQUIRE(in_channel("note+step+" + std::to_string(i) + "+" + std::string(300, 'x'))
                        .result_int() == 200);
        auto asked = in_channel("postmortem");
        REQUIRE(asked.result_int() == 200);
        CHECK(asked.body().find("as a file") != std::string::npos);
        REQUIRE(fake.wait_for_calls("files.completeUploadExternal", 1, std::chrono::seconds(30)));
        CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
    }
    fake.release_stalled();  // its answer reaches nobody

    firebreak::testing::ServeProcess serve(config, env);
    REQUIRE(fake.wait_for_calls("files.completeUploadExternal", 2, std::chrono::seconds(30)));
    CHECK(fake.calls("files.getUploadURLExternal").size() == 1);
    CHECK(fake.calls(fakes::FakeSlack::kUploadMethod).size() == 1);
    auto files = fake.files();
    REQUIRE(files.size() == 1);
    CHECK(files[0].channel == channel);
    CHECK(files[0].content.find("step 59 ") != std::string::npos);
    CHECK(serve.stop(SIGTERM) == 0);
}
