#include "fakes/fake_slack.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/loopback_client.hpp"

using firebreak::fakes::FakeSlack;
using firebreak::fakes::SlackAnswer;
using firebreak::http::Field;
using firebreak::http::Response;
using firebreak::http::Status;
using firebreak::http::Verb;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;
using nlohmann::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kToken = "xoxb-test-token";

firebreak::http::Request slack_request(const std::string& method, const json& args,
                                       const std::string& authorization) {
    auto request = make_request(Verb::post, "/api/" + method, args.dump());
    if (!authorization.empty()) request.set(Field::authorization, authorization);
    request.set(Field::content_type, "application/json; charset=utf-8");
    return request;
}

/// One Web API call as the bot makes it; the parsed answer.
json call(const FakeSlack& slack, const std::string& method, const json& args = json::object(),
          const std::string& authorization = std::string("Bearer ") + kToken) {
    LoopbackClient client(slack.port());
    const Response response = client.request(slack_request(method, args, authorization));
    REQUIRE(response.result() == Status::ok);
    return json::parse(response.body());
}

std::string error_of(const json& answer) {
    return answer.value("error", std::string());
}

json section(const std::string& text) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}};
}

}  // namespace

TEST_CASE("the base URL names the bound port and the /api prefix") {
    FakeSlack slack;
    CHECK(slack.port() != 0);
    CHECK(slack.base_url() == "http://127.0.0.1:" + std::to_string(slack.port()) + "/api");
}

TEST_CASE("a call is recorded with its method, Authorization header and JSON body") {
    FakeSlack slack;
    const auto before = Clock::now();
    CHECK(call(slack, "auth.test")["user_id"] == "UBOT");
    slack.add_channel("C1", "announce");
    call(slack, "chat.postMessage", {{"channel", "C1"}, {"text", "hello"}});

    const auto calls = slack.calls();
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].method == "auth.test");
    CHECK(calls[1].method == "chat.postMessage");
    CHECK(calls[1].authorization == "Bearer xoxb-test-token");
    CHECK(calls[1].content_type == "application/json; charset=utf-8");
    CHECK(calls[1].body == json{{"channel", "C1"}, {"text", "hello"}});
    CHECK(calls[1].received_at >= before);
    CHECK(slack.calls("chat.postMessage").size() == 1);
}

TEST_CASE("a missing token is not_authed and a wrong one invalid_auth; neither changes state") {
    FakeSlack slack;
    CHECK(error_of(call(slack, "conversations.create", {{"name", "a"}}, "")) == "not_authed");
    CHECK(error_of(call(slack, "conversations.create", {{"name", "a"}}, "Bearer xoxb-wrong")) ==
          "invalid_auth");
    CHECK(error_of(call(slack, "conversations.create", {{"name", "a"}}, kToken)) == "invalid_auth");
    CHECK_FALSE(slack.channel_named("a"));
    CHECK(slack.calls().size() == 3);
}

TEST_CASE("a body that is not JSON is invalid_json and recorded as its raw text") {
    FakeSlack slack;
    LoopbackClient client(slack.port());
    auto request = make_request(Verb::post, "/api/chat.postMessage", "{not json");
    request.set(Field::authorization, std::string("Bearer ") + kToken);
    request.set(Field::content_type, "application/json");
    const Response response = client.request(request);
    CHECK(response.result() == Status::ok);
    CHECK(error_of(json::parse(response.body())) == "invalid_json");
    CHECK(slack.calls()[0].body == json("{not json"));
}

TEST_CASE("a form-encoded body is recorded as its fields and may carry the token") {
    FakeSlack slack;
    slack.add_channel("C1", "announce");
    LoopbackClient client(slack.port());
    auto request = make_request(Verb::post, "/api/chat.postMessage",
                                "token=xoxb-test-token&channel=C1&text=a+b%21");
    request.set(Field::content_type, "application/x-www-form-urlencoded");
    const json answer = json::parse(client.request(request).body());
    CHECK(answer["ok"] == true);
    CHECK(slack.calls()[0].body["text"] == "a b!");
    CHECK(slack.messages("C1").at(0).text == "a b!");
}

TEST_CASE("a routed method the fake does not implement is unknown_method") {
    FakeSlack slack;
    CHECK(error_of(call(slack, "users.info", {{"user", "U1"}})) == "unknown_method");
    CHECK_THROWS_AS(slack.script("no.such.method", SlackAnswer::failure("x")),
                    std::invalid_argument);
}

TEST_CASE("conversations.create makes a channel, and the same name again is name_taken") {
    FakeSlack slack;
    const json created =
        call(slack, "conversations.create", {{"name", "inc-42-db"}, {"is_private", false}});
    REQUIRE(created["ok"] == true);
    const std::string id = created["channel"]["id"];
    CHECK(id.size() == 9);
    CHECK(id[0] == 'C');
    CHECK(created["channel"]["name"] == "inc-42-db");
    CHECK(created["channel"]["is_private"] == false);
    REQUIRE(slack.channel(id));
    CHECK(slack.channel_named("inc-42-db")->id == id);

    CHECK(error_of(call(slack, "conversations.create", {{"name", "inc-42-db"}})) == "name_taken");
    const json other =
        call(slack, "conversations.create", {{"name", "inc_43"}, {"is_private", true}});
    CHECK(other["channel"]["id"] != id);
    CHECK(slack.channel_named("inc_43")->is_private);
}

TEST_CASE("channel names Slack rejects are refused, not fixed") {
    FakeSlack slack;
    CHECK(error_of(call(slack, "conversations.create", {{"name", "Inc-1"}})) ==
          "invalid_name_specials");
    CHECK(error_of(call(slack, "conversations.create", {{"name", "inc 1"}})) ==
          "invalid_name_specials");
    CHECK(error_of(call(slack, "conversations.create", {{"name", std::string(81, 'a')}})) ==
          "invalid_name_maxlength");
    CHECK(error_of(call(slack, "conversations.create", {{"name", ""}})) == "invalid_name_required");
    CHECK(call(slack, "conversations.create", {{"name", std::string(80, 'a')}})["ok"] == true);
}

TEST_CASE("invite adds members, and inviting only members is already_in_channel") {
    FakeSlack slack;
    slack.add_channel("C1", "inc-1");
    CHECK(call(slack, "conversations.invite", {{"channel", "C1"}, {"users", "U1,U2"}})["ok"] ==
          true);
    CHECK(slack.channel("C1")->members == std::vector<std::string>{"U1", "U2"});
    CHECK(error_of(call(slack, "conversations.invite", {{"channel", "C1"}, {"users", "U2,U1"}})) ==
          "already_in_channel");
    CHECK(call(slack, "conversations.invite", {{"channel", "C1"}, {"users", "U2,U3"}})["ok"] ==
          true);
    CHECK(slack.channel("C1")->members.size() == 3);
    CHECK(error_of(call(slack, "conversations.invite", {{"channel", "C9"}, {"users", "U1"}})) ==
          "channel_not_found");
}

TEST_CASE("setTopic sets the topic and refuses one over 250 characters") {
    FakeSlack slack;
    slack.add_channel("C1", "inc-1");
    const json answer =
        call(slack, "conversations.setTopic", {{"channel", "C1"}, {"topic", "SEV1: db down"}});
    CHECK(answer["ok"] == true);
    CHECK(answer["channel"]["id"] == "C1");
    CHECK(slack.channel("C1")->topic == "SEV1: db down");
    CHECK(error_of(call(slack, "conversations.setTopic",
                        {{"channel", "C1"}, {"topic", std::string(251, 'x')}})) == "too_long");
    CHECK(slack.channel("C1")->topic == "SEV1: db down");
}

TEST_CASE("postMessage answers increasing ts, and chat.update replaces text and blocks") {
    FakeSlack slack;
    slack.add_channel("C1", "announce");
    const json first = call(slack, "chat.postMessage", {{"channel", "C1"}, {"text", "one"}});
    const json second =
        call(slack, "chat.postMessage",
             {{"channel", "#announce"}, {"text", "two"}, {"blocks", {section("two")}}});
    REQUIRE(first["ok"] == true);
    REQUIRE(second["ok"] == true);
    CHECK(second["channel"] == "C1");
    const std::string ts1 = first["ts"];
    const std::string ts2 = second["ts"];
    CHECK(ts1 == "1700000000.000100");
    CHECK(ts2 > ts1);
    CHECK(second["message"]["text"] == "two");

    const json updated = call(
        slack, "chat.update",
        {{"channel", "C1"}, {"ts", ts1}, {"text", "one, edited"}, {"blocks", {section("edited")}}});
    CHECK(updated["ok"] == true);
    const auto messages = slack.messages("C1");
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].text == "one, edited");
    CHECK(messages[0].updated);
    CHECK(messages[0].blocks.at(0)["text"]["text"] == "edited");
    CHECK_FALSE(messages[1].updated);

    CHECK(error_of(call(slack, "chat.update", {{"channel", "C1"}, {"ts", "1.2"}, {"text", "x"}})) ==
          "message_not_found");
    CHECK(error_of(call(slack, "chat.postMessage", {{"channel", "C9"}, {"text", "x"}})) ==
          "channel_not_found");
}

TEST_CASE("postMessage refuses no text, more than 50 blocks and a section over 3000 characters") {
    FakeSlack slack;
    slack.add_channel("C1", "announce");
    CHECK(error_of(call(slack, "chat.postMessage", {{"channel", "C1"}})) == "no_text");
    json many = json::array();
    for (int i = 0; i < 51; ++i) many.push_back(section("b"));
    CHECK(error_of(call(slack, "chat.postMessage", {{"channel", "C1"}, {"blocks", many}})) ==
          "invalid_blocks");
    many.erase(many.begin());
    CHECK(call(slack, "chat.postMessage", {{"channel", "C1"}, {"blocks", many}})["ok"] == true);
    CHECK(error_of(call(slack, "chat.postMessage",
                        {{"channel", "C1"}, {"blocks", {section(std::string(3001, 'x'))}}})) ==
          "invalid_blocks");
    CHECK(slack.messages("C1").size() == 1);
}

TEST_CASE("pins.add pins a posted message once") {
    FakeSlack slack;
    slack.add_channel("C1", "inc-1");
    const std::string ts =
        call(slack, "chat.postMessage", {{"channel", "C1"}, {"text", "summary"}})["ts"];
    CHECK(call(slack, "pins.add", {{"channel", "C1"}, {"timestamp", ts}})["ok"] == true);
    CHECK(slack.channel("C1")->pins == std::vector<std::string>{ts});
    CHECK(error_of(call(slack, "pins.add", {{"channel", "C1"}, {"timestamp", ts}})) ==
          "already_pinned");
    CHECK(error_of(call(slack, "pins.add", {{"channel", "C1"}, {"timestamp", "1.000001"}})) ==
          "message_not_found");
}

TEST_CASE("history answers the message at latest when inclusive, and newest first") {
    FakeSlack slack;
    slack.add_channel("C1", "inc-1");
    slack.add_message("C1", "1600000000.000200", "U2", "second");
    slack.add_message("C1", "1600000000.000100", "U1", "first");
    const std::string posted =
        call(slack, "chat.postMessage", {{"channel", "C1"}, {"text", "bot"}})["ts"];

    const json one = call(
        slack, "conversations.history",
        {{"channel", "C1"}, {"latest", "1600000000.000100"}, {"inclusive", true}, {"limit", 1}});
    REQUIRE(one["ok"] == true);
    REQUIRE(one["messages"].size() == 1);
    CHECK(
        one["messages"][0] ==
        json{{"type", "message"}, {"user", "U1"}, {"text", "first"}, {"ts", "1600000000.000100"}});

    const json all = call(slack, "conversations.history", {{"channel", "C1"}});
    REQUIRE(all["messages"].size() == 3);
    CHECK(all["messages"][0]["ts"] == posted);
    CHECK(all["messages"][0]["user"] == "UBOT");
    CHECK(all["messages"][1]["text"] == "second");
    CHECK(all["messages"][2]["text"] == "first");

    const json exclusive =
        call(slack, "conversations.history", {{"channel", "C1"}, {"latest", "1600000000.000200"}});
    REQUIRE(exclusive["messages"].size() == 1);
    CHECK(exclusive["messages"][0]["text"] == "first");
}

TEST_CASE("ephemeral messages, modals and auth.test answer as Slack does") {
    FakeSlack slack;
    slack.add_channel("C1", "inc-1");
    const json ephemeral = call(slack, "chat.postEphemeral",
                                {{"channel", "C1"}, {"user", "U1"}, {"text", "only you"}});
    CHECK(ephemeral["ok"] == true);
    CHECK(ephemeral["message_ts"].is_string());
    CHECK(slack.messages("C1").empty());

    const json view = {{"type", "modal"}, {"title", {{"type", "plain_text"}, {"text", "Declare"}}}};
    const json opened = call(slack, "views.open", {{"trigger_id", "1.2.abc"}, {"view", view}});
    CHECK(opened["ok"] == true);
    CHECK(opened["view"]["id"].get<std::string>().front() == 'V');
    CHECK(error_of(call(slack, "views.open", {{"trigger_id", "1.2.abc"}})) == "invalid_arguments");
    CHECK(call(slack, "views.update", {{"view_id", opened["view"]["id"]}, {"view", view}})["ok"] ==
          true);

    const json auth = call(slack, "auth.test");
    CHECK(auth["user_id"] == "UBOT");
    CHECK(auth["team_id"] == "T1");
}

TEST_CASE("a scripted 429 carries Retry-After and applies to one call only") {
    FakeSlack slack;
    slack.add_channel("C1", "announce");
    slack.script("chat.postMessage", SlackAnswer::rate_limited(7));
    LoopbackClient client(slack.port());
    const auto args = json{{"channel", "C1"}, {"text", "hi"}};
    const std::string bearer = std::string("Bearer ") + kToken;

    const Response limited = client.request(slack_request("chat.postMessage", args, bearer));
    CHECK(limited.result() == Status::too_many_requests);
    CHECK(limited[Field::retry_after] == "7");
    CHECK(error_of(json::parse(limited.body())) == "ratelimited");
    CHECK(slack.messages("C1").empty());

    const Response next = client.request(slack_request("chat.postMessage", args, bearer));
    CHECK(next.result() == Status::ok);
    CHECK(next.count(Field::retry_after) == 0);
    CHECK(slack.messages("C1").size() == 1);
    CHECK(slack.calls("chat.postMessage").size() == 2);
}

TEST_CASE("a scripted 500 and a scripted ok:false come in order, then defaults resume") {
    FakeSlack slack;
    slack.script("conversations.create", SlackAnswer::server_error());
    slack.script("conversations.create", SlackAnswer::failure("restricted_action"));
    LoopbackClient client(slack.port());
    const std::string bearer = std::string("Bearer ") + kToken;
    const json args = {{"name", "inc-1"}};

    const Response broken = client.request(slack_request("conversations.create", args, bearer));
    CHECK(broken.result() == Status::internal_server_error);
    const Response refused = client.request(slack_request("conversations.create", args, bearer));
    CHECK(refused.result() == Status::ok);
    CHECK(error_of(json::parse(refused.body())) == "restricted_action");
    CHECK_FALSE(slack.channel_named("inc-1"));
    CHECK(call(slack, "conversations.create", args)["ok"] == true);
    CHECK(slack.calls("conversations.create").size() == 3);
}

TEST_CASE("a stalled call is recorded on arrival and answered after release_stalled()") {
    FakeSlack slack;
    slack.add_channel("C1", "announce");
    slack.script("chat.postMessage", SlackAnswer::stalled());
    LoopbackClient client(slack.port());
    REQUIRE_FALSE(client.send(slack_request("chat.postMessage", {{"channel", "C1"}, {"text", "x"}},
                                            std::string("Bearer ") + kToken)));

    REQUIRE(slack.wait_for_calls("chat.postMessage", 1));
    CHECK(slack.stalled_count() == 1);
    CHECK(slack.messages("C1").empty());
    // The server still answers other calls while one is held.
    CHECK(call(slack, "auth.test")["ok"] == true);

    slack.release_stalled();
    const Response answer = client.read_response();
    CHECK(answer.result() == Status::ok);
    CHECK(json::parse(answer.body())["ok"] == true);
    CHECK(slack.messages("C1").size() == 1);
    CHECK(slack.stalled_count() == 0);
}

TEST_CASE("wait_for_calls gives up after its timeout when nothing arrives") {
    FakeSlack slack;
    const auto start = Clock::now();
    CHECK_FALSE(slack.wait_for_calls("", 1, 50ms));
    CHECK(Clock::now() - start >= 50ms);
    call(slack, "auth.test");
    CHECK(slack.wait_for_calls("", 1, 50ms));
    CHECK_FALSE(slack.wait_for_calls("chat.postMessage", 1, 20ms));
}

TEST_CASE("destroying the fake with a stalled call answers it 503 instead of hanging") {
    auto slack = std::make_unique<FakeSlack>();
    slack->script("auth.test", SlackAnswer::stalled());
    LoopbackClient client(slack->port());
    REQUIRE_FALSE(
        client.send(slack_request("auth.test", json::object(), std::string("Bearer ") + kToken)));
    REQUIRE(slack->wait_for_calls("auth.test", 1));

    const auto start = Clock::now();
    slack.reset();
    CHECK(Clock::now() - start < 3s);
    const Response answer = client.read_response();
    CHECK(answer.result() == Status::service_unavailable);
}

TEST_CASE("the fake takes an external upload: URL, bytes to itself, then the share") {
    FakeSlack slack;
    slack.add_channel("C1", "incident");
    json url = call(slack, "files.getUploadURLExternal", {{"filename", "a.md"}, {"length", "5"}});
    REQUIRE(url["ok"] == true);
    const std::string upload_url = url["upload_url"];
    const std::string prefix = "http://127.0.0.1:" + std::to_string(slack.port());
    REQUIRE(upload_url.starts_with(prefix + "/upload?file="));
    // Sharing before the bytes arrive is refused.
    json early = call(slack, "files.completeUploadExternal",
                      {{"files", json::array({{{"id", url["file_id"]}}}).dump()}});
    CHECK(early["ok"] == false);

    LoopbackClient client(slack.port());
    auto upload = make_request(Verb::post, upload_url.substr(prefix.size()), "hello");
    CHECK(client.request(std::move(upload)).result() == Status::ok);
    json shared = call(slack, "files.completeUploadExternal",
                       {{"files", json::array({{{"id", url["file_id"]}, {"title", "A"}}}).dump()},
                        {"channel_id", "C1"},
                        {"initial_comment", "here it is"}});
    CHECK(shared["ok"] == true);
    auto files = slack.files();
    REQUIRE(files.size() == 1);
    CHECK(files[0].content == "hello");
    CHECK(files[0].title == "A");
    CHECK(files[0].channel == "C1");
    auto posted = slack.messages("C1");
    REQUIRE(posted.size() == 1);
    CHECK(posted[0].text == "here it is");
    CHECK(posted[0].files == std::vector<std::string>{"a.md"});
    CHECK(slack.calls(FakeSlack::kUploadMethod).size() == 1);
}

TEST_CASE("the fake serves another bot's post and a file message as Slack does") {
    FakeSlack slack;
    slack.add_channel("C1", "incident");
    firebreak::fakes::SlackMessage bot;
    bot.channel = "C1";
    bot.ts = "1700000001.000100";
    bot.text = "CPU high";
    bot.bot_id = "B9";
    bot.bot_name = "PagerDuty";
    bot.username = "pd";
    slack.add_message(bot);
    json history = call(slack, "conversations.history", {{"channel", "C1"}});
    REQUIRE(history["messages"].size() == 1);
    const json& m = history["messages"][0];
    CHECK_FALSE(m.contains("user"));
    CHECK(m["subtype"] == "bot_message");
    CHECK(m["bot_profile"]["name"] == "PagerDuty");
    CHECK(m["username"] == "pd");
}
