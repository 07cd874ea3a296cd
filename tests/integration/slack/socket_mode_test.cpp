// Slack over Socket Mode, over loopback: envelopes from the fake Socket Mode server, Web API
// calls out to the fake, every ack after its commit, nothing lost or doubled across
// reconnects.
#include <map>

#include "firebreak/slack/modals.hpp"
#include "socket_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using fakes::SlackAnswer;
using nlohmann::json;

namespace {

/// What a request got back: HTTP's body, or the ack's payload; null when empty.
json body_of(const http::Response& r) {
    return r.body().empty() ? json() : json::parse(r.body(), nullptr, false);
}
json body_of(const fakes::SocketAck& ack) {
    return ack.payload;
}

/// The SEV1 walk-through: declare, claim roles, the update form (refused, then accepted),
/// a 📌, a note. Runs on either harness; returns what each step answered.
template <class Harness>
std::vector<json> sev1_scenario(Harness& h) {
    std::vector<json> answers;
    answers.push_back(body_of(h.command("U1", "CGENERAL", "declare Checkout errors in EU sev1")));
    h.settle();
    std::string channel = h.incident_channel();
    answers.push_back(body_of(h.action(
        "U2", channel, {{"action_id", "run:1"}, {"value", "tl me"}, {"action_ts", "1.1"}})));
    // The same click delivered twice does nothing more.
    answers.push_back(body_of(h.action(
        "U2", channel, {{"action_id", "run:1"}, {"value", "tl me"}, {"action_ts", "1.1"}})));
    answers.push_back(body_of(
        h.action("U3", channel,
                 {{"action_id", "pick:comms"}, {"selected_user", "U3"}, {"action_ts", "1.2"}})));
    h.settle();
    answers.push_back(body_of(
        h.action("U1", channel, {{"action_id", "run:3"}, {"value", "update"}, {"action_ts", "3"}},
                 "TRIG-1")));
    h.settle();
    auto opens = h.fake.calls("views.open");
    REQUIRE(opens.size() == 1);
    json view = opens[0].body["view"];
    view["id"] = "V1";
    view["state"]["values"] = json::object();
    answers.push_back(body_of(h.submit("U1", view)));
    auto typed = [](std::string t) { return json{{"value", {{"value", t}}}}; };
    auto chosen = [](std::string v) {
        return json{{"value", {{"selected_option", {{"value", v}}}}}};
    };
    view["state"]["values"] = {{"status", chosen("mitigating")},
                               {"known", typed("bad deploy")},
                               {"doing", typed("rolling back")},
                               {"trend", chosen("improving")}};
    answers.push_back(body_of(h.submit("U1", view)));
    h.settle();
    h.fake.add_message(channel, "1795341700.000100", "U3", "p99 back to normal");
    json reaction{
        {"type", "reaction_added"},
        {"user", "U1"},
        {"reaction", "pushpin"},
        {"item", {{"type", "message"}, {"channel", channel}, {"ts", "1795341700.000100"}}},
        {"event_ts", "1795341800.1"}};
    answers.push_back(body_of(h.event(reaction, "Ev1")));
    answers.push_back(body_of(h.event(reaction, "Ev1")));  // Slack's retry
    answers.push_back(body_of(h.command("U1", channel, "note checked the EU load balancer")));
    h.settle();
    return answers;
}

/// The Web API calls made, as method and arguments, without Socket Mode's own, per
/// conversation: the lanes keep the order within one conversation, not across them.
std::map<std::string, std::vector<std::pair<std::string, json>>> web_api_calls(
    const fakes::FakeSlack& fake) {
    std::map<std::string, std::vector<std::pair<std::string, json>>> calls;
    for (const auto& c : fake.calls())
        if (c.method != "apps.connections.open") {
            // The fake numbers messages across channels in the order they arrive, and the
            // lanes post to two channels at once: which ts a message got is not ours to pin.
            json body = c.body;
            body.erase("ts");
            body.erase("timestamp");
            calls[c.body.value("channel", "")].emplace_back(c.method, body);
        }
    return calls;
}

}  // namespace

TEST_CASE("the SEV1 scenario over Socket Mode makes the same Web API calls as over HTTP") {
    SlackHarness over_http;
    auto http_answers = sev1_scenario(over_http);

    SocketHarness over_socket;
    over_socket.start();
    auto socket_answers = sev1_scenario(over_socket);

    // Same answers: the command's reply in the ack's payload, the form's errors too.
    REQUIRE(socket_answers.size() == http_answers.size());
    for (std::size_t i = 0; i < http_answers.size(); ++i) {
        INFO("step " << i);
        CHECK(socket_answers[i] == http_answers[i]);
    }
    CHECK(socket_answers[0]["response_type"] == "ephemeral");
    CHECK(socket_answers[5]["response_action"] == "errors");
    CHECK(socket_answers[6].is_null());  // accepted: an empty answer closes the form

    auto http_calls = web_api_calls(over_http.fake);
    auto socket_calls = web_api_calls(over_socket.fake);
    CHECK(http_calls.size() >= 3);  // the announce channel, the incident's, none (create)
    REQUIRE(socket_calls.size() == http_calls.size());
    for (const auto& [channel, calls] : http_calls) {
        INFO("channel " << channel);
        const auto& theirs = socket_calls[channel];
        REQUIRE(theirs.size() == calls.size());
        for (std::size_t i = 0; i < calls.size(); ++i) {
            INFO("call " << i << ": " << calls[i].first);
            CHECK(theirs[i].first == calls[i].first);
            CHECK(theirs[i].second == calls[i].second);
        }
    }
    for (SlackHarness* h : std::initializer_list<SlackHarness*>{&over_http, &over_socket}) {
        CHECK(h->count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'role_assigned' AND "
                       "text LIKE '%U2%'") <= 1);
        CHECK(h->count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured'") ==
              1);
        CHECK(h->count("SELECT COUNT(*) FROM status_updates") == 1);
        CHECK(h->count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'note'") == 1);
    }
    // The app-level token opened the connections; the bot token made every other call.
    for (const auto& c : over_socket.fake.calls())
        CHECK(c.authorization == (c.method == "apps.connections.open" ? "Bearer xapp-test-token"
                                                                      : "Bearer xoxb-test-token"));
}
