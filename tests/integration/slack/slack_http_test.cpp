// The Slack adapter over loopback: signed requests in, Web API calls out to the fake.
#include <regex>

#include "firebreak/app/postmortem.hpp"
#include "firebreak/slack/blocks.hpp"
#include "slack_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using fakes::SlackAnswer;
using nlohmann::json;

namespace {

json body_of(const http::Response& r) {
    return json::parse(r.body(), nullptr, false);
}

}  // namespace

TEST_CASE_METHOD(SlackHarness,
                 "a declare makes the whole call sequence with a valid channel name") {
    auto reply = command("U1", "CGENERAL", "declare Checkout errors in EU sev1");
    REQUIRE(reply.result_int() == 200);
    json answer = body_of(reply);
    CHECK(answer["response_type"] == "ephemeral");
    CHECK(count("SELECT COUNT(*) FROM incidents") == 1);

    settle();
    // In order for the incident's channel; the announcement goes its own way.
    std::vector<std::string> incident_calls;
    int announcements = 0;
    for (const auto& c : fake.calls()) {
        if (c.body.value("channel", "") == kAnnounce)
            ++announcements;
        else
            incident_calls.push_back(c.method);
    }
    // The summary, then the live checklist, each pinned.
    CHECK(incident_calls == std::vector<std::string>{"conversations.create", "conversations.invite",
                                                     "conversations.setTopic", "chat.postMessage",
                                                     "pins.add", "chat.postMessage", "pins.add"});
    CHECK(announcements == 1);
    auto create = fake.calls("conversations.create").front().body;
    std::string name = create["name"];
    CHECK(std::regex_match(name, std::regex("inc-[0-9]{8}-checkout-errors-in-eu")));
    CHECK(create["is_private"] == false);
    auto channel = fake.channel_named(name);
    REQUIRE(channel);
    CHECK(incident_channel() == channel->id);
    CHECK(fake.calls("conversations.invite").front().body["users"] == "U1");
    CHECK(channel->topic.find("SEV1") == 0);
    REQUIRE(channel->pins.size() == 2);
    auto posted = fake.messages(channel->id);
    REQUIRE(posted.size() == 2);
    CHECK(channel->pins.front() == posted.front().ts);
    CHECK(channel->pins.back() == posted.back().ts);
    CHECK(posted.back().blocks.dump().find("Checklist") != std::string::npos);
    std::string blocks = posted.front().blocks.dump();
    CHECK(blocks.find("\"value\":\"ic me\"") != std::string::npos);
    CHECK(blocks.find("users_select") != std::string::npos);
    CHECK(blocks.find("\"value\":\"update\"") != std::string::npos);
    CHECK(fake.messages(kAnnounce).size() == 1);
    for (const auto& call : fake.calls()) CHECK(call.authorization == "Bearer xoxb-test-token");
}

TEST_CASE_METHOD(SlackHarness, "a taken channel name gets a suffix") {
    fake.add_channel("CTAKEN", "inc-20261122-db-down");
    command("U1", "CGENERAL", "declare DB down");
    settle();
    auto creates = fake.calls("conversations.create");
    REQUIRE(creates.size() == 2);
    CHECK(creates[1].body["name"] == "inc-20261122-db-down-2");
    CHECK(fake.channel_named("inc-20261122-db-down-2"));
}

TEST_CASE_METHOD(
    SlackHarness,
    "a squatted channel name: the reply, announcement and list name the real channel") {
    // Anyone may create the incident's channel name ahead of the bot.
    fake.add_channel("CSQUATTED", "inc-20261122-payments-outage");
    json reply = body_of(command("U1", "CGENERAL", "declare Payments outage sev1"));
    // Sent before any channel exists: it names none, least of all the squatted one.
    CHECK(reply.dump().find("#inc-20261122-payments-outage") == std::string::npos);
    CHECK(reply.dump().find("creating its channel") != std::string::npos);
    settle();
    auto created = fake.channel_named("inc-20261122-payments-outage-2");
    REQUIRE(created);
    CHECK(incident_channel() == created->id);
    const std::string reference = "<#" + created->id + ">";

    auto announced = fake.messages(kAnnounce);
    REQUIRE(announced.size() == 1);
    std::string announcement = announced[0].text + announced[0].blocks.dump();
    CHECK(announcement.find(reference) != std::string::npos);
    CHECK(announcement.find("CSQUATTED") == std::string::npos);
    CHECK(announcement.find("#inc-20261122-payments-outage") == std::string::npos);

    std::string list = body_of(command("U2", "CGENERAL", "list")).dump();
    CHECK(list.find(reference) != std::string::npos);
    CHECK(list.find("CSQUATTED") == std::string::npos);
    CHECK(list.find("#inc-20261122-payments-outage") == std::string::npos);
    // The summary still goes to the channel created, after its creation.
    REQUIRE(created->pins.size() == 2);  // the summary and the checklist
    CHECK(fake.messages(created->id).size() == 2);
}

TEST_CASE_METHOD(
    SlackHarness,
    "when every channel name is taken the declarer and the announce channel are told") {
    fake.add_channel("CTAKEN1", "inc-20261122-payments-outage");
    for (int n = 2; n <= 20; ++n)
        fake.add_channel("CTAKEN" + std::to_string(n),
                         "inc-20261122-payments-outage-" + std::to_string(n));
    command("U1", "CGENERAL", "declare Payments outage sev1");
    settle();
    CHECK(fake.calls("conversations.create").size() == 20);
    CHECK(incident_channel().empty());

    auto privately = fake.calls("chat.postEphemeral");
    REQUIRE(privately.size() == 1);
    CHECK(privately[0].body["channel"] == "CGENERAL");
    CHECK(privately[0].body["user"] == "U1");
    std::string told = privately[0].body.dump();
    CHECK(told.find("could not create the channel") != std::string::npos);
    CHECK(told.find("inc-20261122-payments-outage-20 is taken") != std::string::npos);

    auto announced = fake.messages(kAnnounce);
    REQUIRE(announced.size() == 1);  // the warning, and no announcement of a channel
    std::string warning = announced[0].text + announced[0].blocks.dump();
    CHECK(warning.find("could not create its channel") != std::string::npos);
    CHECK(warning.find("inc-20261122-payments-outage-20 is taken") != std::string::npos);
    CHECK(warning.find("<@U1>") != std::string::npos);
}

TEST_CASE_METHOD(SlackHarness,
                 "a private incident whose channel cannot be created tells only the "
                 "declarer") {
    fake.script("conversations.create", SlackAnswer::failure("restricted_action"));
    command("U1", "CGENERAL", "declare Leaked keys sev1 --private");
    settle();
    auto privately = fake.calls("chat.postEphemeral");
    REQUIRE(privately.size() == 1);
    CHECK(privately[0].body.dump().find("restricted_action") != std::string::npos);
    CHECK(fake.messages(kAnnounce).empty());
}

TEST_CASE_METHOD(SlackHarness, "a private declare creates a private channel and no announcement") {
    command("U1", "CGENERAL", "declare Leaked keys sev1 --private");
    settle();
    CHECK(fake.calls("conversations.create").front().body["is_private"] == true);
    CHECK(fake.messages(kAnnounce).empty());
}

TEST_CASE_METHOD(SlackHarness, "forged, stale and missing signatures get 401 and change nothing") {
    std::string body =
        form_encode({{"channel_id", "C1"}, {"user_id", "U1"}, {"text", "declare X"}});
    std::string ts = std::to_string(clock.now().time_since_epoch().count());
    SECTION("forged") {
        auto r = post("/slack/commands", body, "application/x-www-form-urlencoded",
                      slack::SlackSignatureVerifier("wrong").sign(ts, body), ts);
        CHECK(r.result_int() == 401);
    }
    SECTION("stale") {
        std::string old = std::to_string(clock.now().time_since_epoch().count() - 301);
        auto r = post("/slack/commands", body, "application/x-www-form-urlencoded",
                      slack::SlackSignatureVerifier(kSecret).sign(old, body), old);
        CHECK(r.result_int() == 401);
    }
    SECTION("missing") {
        auto r = post("/slack/events", "{}", "application/json", std::string(), std::string());
        CHECK(r.result_int() == 401);
    }
    SECTION("a body changed after signing") {
        auto r = post("/slack/interactions", body + "x", "application/x-www-form-urlencoded",
                      slack::SlackSignatureVerifier(kSecret).sign(ts, body), ts);
        CHECK(r.result_int() == 401);
    }
    CHECK(signature_failures == 1);
    CHECK(count("SELECT COUNT(*) FROM incidents") == 0);
    CHECK(count("SELECT COUNT(*) FROM outbox") == 0);
    CHECK(count("SELECT COUNT(*) FROM dedupe_keys") == 0);
}

TEST_CASE_METHOD(SlackHarness, "ssl_check and url_verification are answered") {
    auto ssl = post("/slack/commands", "ssl_check=1&token=x", "application/x-www-form-urlencoded");
    CHECK(ssl.result_int() == 200);
    auto verify = post("/slack/events", R"({"type":"url_verification","challenge":"c-123"})",
                       "application/json");
    REQUIRE(verify.result_int() == 200);
    CHECK(body_of(verify)["challenge"] == "c-123");
}

TEST_CASE_METHOD(SlackHarness, "malformed form data and JSON get 400 and change nothing") {
    CHECK(post("/slack/commands", "text=%zz&user_id=U1", "application/x-www-form-urlencoded")
              .result_int() == 400);
    CHECK(post("/slack/interactions", "payload=%7Bnot+json", "application/x-www-form-urlencoded")
              .result_int() == 400);
    CHECK(post("/slack/events", "{\"type\":", "application/json").result_int() == 400);
    CHECK(post("/slack/commands", "text=hi", "application/x-www-form-urlencoded").result_int() ==
          400);
    CHECK(count("SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE_METHOD(SlackHarness, "a body nested 400,000 levels deep gets 400 and serving goes on") {
    // Copying the event or the view out of a document this deep overflowed the stack.
    const std::string deep = std::string(400'000, '[') + std::string(400'000, ']');
    auto events = post("/slack/events", R"({"type":"event_callback","event":)" + deep + "}",
                       "application/json");
    CHECK(events.result_int() == 400);
    CHECK(events.body() == "the body nests deeper than 64 levels\n");
    // In a form value these characters may go unencoded, which keeps the body under 1 MiB.
    auto interaction =
        post("/slack/interactions",
             R"(payload={"type":"view_submission","user":{"id":"U1"},"view":)" + deep + "}",
             "application/x-www-form-urlencoded");
    CHECK(interaction.result_int() == 400);
    CHECK(interaction.body() == "the payload field nests deeper than 64 levels\n");
    // A modal's private_metadata is JSON inside the payload's JSON: bounded too, and a
    // form firebreak cannot read is acknowledged and ignored.
    auto submitted =
        submit("U1", {{"id", "V1"},
                      {"callback_id", std::string(slack::kFormCallbackPrefix) + "update"},
                      {"private_metadata", std::string(100'000, '[') + std::string(100'000, ']')},
                      {"state", {{"values", json::object()}}}});
    CHECK(submitted.result_int() == 200);

    auto verify = post("/slack/events", R"({"type":"url_verification","challenge":"still-up"})",
                       "application/json");
    REQUIRE(verify.result_int() == 200);
    CHECK(body_of(verify)["challenge"] == "still-up");
    CHECK(count("SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE("a Web API answer nested 400,000 levels deep is an error, not a crash") {
    auto router = std::make_shared<http::Router>();
    router->add(http::Verb::post, "/api/chat.postMessage", [](const http::Request&) {
        return http::json_response(http::Status::ok, R"({"ok":true,"message":)" +
                                                         std::string(400'000, '[') +
                                                         std::string(400'000, ']') + "}");
    });
    http::testing::TestServer server(router);
    slack::SlackWebApi api("http://127.0.0.1:" + std::to_string(server.port()) + "/api", "xoxb-t");
    auto result = api.call("chat.postMessage", {{"channel", "C1"}, {"text", "hi"}});
    CHECK(result.kind == slack::ApiResult::Kind::error);
    CHECK(result.error ==
          "chat.postMessage: HTTP 200 with a body that is not JSON nested at most 64 deep");
    CHECK(result.body.is_null());
}

TEST_CASE_METHOD(SlackHarness, "a 2 MiB body is refused with 413") {
    std::string body(2 * 1024 * 1024, 'a');
    CHECK(post("/slack/events", body, "application/json").result_int() == 413);
}

TEST_CASE_METHOD(SlackHarness, "an unknown command gets a private usage message") {
    auto r = command("U1", "CGENERAL", "frobnicate now");
    REQUIRE(r.result_int() == 200);
    json answer = body_of(r);
    CHECK(answer["response_type"] == "ephemeral");
    CHECK(answer["text"].get<std::string>().find("frobnicate") != std::string::npos);
}

TEST_CASE_METHOD(SlackHarness, "a command whose user or channel is not a Slack id is refused") {
    CHECK(command("U0BOB> <!channel", "CGENERAL", "help").result_int() == 400);
    CHECK(command("U1", "general", "help").result_int() == 400);
    CHECK(count("SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE_METHOD(SlackHarness, "mentions in command text are unescaped before parsing") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    auto r = command("U1", channel, "tl <@U2|bob>");
    CHECK(body_of(r)["response_type"] == "in_channel");
    auto tx = store.begin();
    auto inc = tx.incident_by_conversation("slack", channel);
    REQUIRE(inc);
    REQUIRE(inc->holder(core::Role::tl));
    CHECK(inc->holder(core::Role::tl)->user == "U2");
}

TEST_CASE_METHOD(SlackHarness, "a plain @word is not a person in Slack: no phantom role holder") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    auto r = command("U1", channel, "ic @nobody");
    json answer = body_of(r);
    CHECK(answer["response_type"] == "ephemeral");
    CHECK(answer["text"].get<std::string>().find("mention") != std::string::npos);
    auto tx = store.begin();
    CHECK_FALSE(tx.incident_by_conversation("slack", channel)->holder(core::Role::ic));
}

TEST_CASE_METHOD(SlackHarness, "a Claim button assigns the role and the pinned summary follows") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    std::string summary_ts = fake.channel(channel)->pins.front();
    std::string checklist_ts = fake.channel(channel)->pins.back();
    auto r = action("U2", channel,
                    {{"action_id", "run:1"},
                     {"block_id", "b"},
                     {"type", "button"},
                     {"value", "tl me"},
                     {"action_ts", "1.1"}});
    REQUIRE(r.result_int() == 200);
    CHECK(r.body().empty());
    // The same click delivered twice does nothing more.
    action("U2", channel, {{"action_id", "run:1"}, {"value", "tl me"}, {"action_ts", "1.1"}});
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'role_assigned'") == 1);
    settle();
    auto updates = fake.calls("chat.update");
    // The summary names the TL; the checklist ticks "Tech Lead assigned", edited in place.
    REQUIRE(updates.size() == 2);
    CHECK(updates[0].body["ts"] == summary_ts);
    CHECK(updates[0].body.dump().find("<@U2>") != std::string::npos);
    CHECK(updates[1].body["ts"] == checklist_ts);
    CHECK(updates[1].body.dump().find("☑ Tech Lead assigned") != std::string::npos);
    // The change is said in the channel; nothing was posted again.
    auto posted = fake.messages(channel);
    REQUIRE(posted.size() == 3);
    CHECK(posted[2].text.find("<@U2>") != std::string::npos);
}

TEST_CASE_METHOD(SlackHarness, "a user picker assigns the picked person") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    action("U1", channel,
           {{"action_id", "pick:comms"},
            {"type", "users_select"},
            {"selected_user", "U7"},
            {"action_ts", "2.2"}});
    auto tx = store.begin();
    auto inc = tx.incident_by_conversation("slack", channel);
    REQUIRE(inc->holder(core::Role::comms));
    CHECK(inc->holder(core::Role::comms)->user == "U7");
}

TEST_CASE_METHOD(SlackHarness, "the update modal opens, checks its fields and posts the update") {
    command("U1", "CGENERAL", "declare API down sev1");
    settle();
    std::string channel = incident_channel();
    auto r = action("U1", channel,
                    {{"action_id", "run:3"}, {"value", "update"}, {"action_ts", "3"}}, "TRIG-1");
    REQUIRE(r.result_int() == 200);
    settle();
    auto opens = fake.calls("views.open");
    REQUIRE(opens.size() == 1);
    CHECK(opens[0].body["trigger_id"] == "TRIG-1");
    json view = opens[0].body["view"];
    CHECK(view["callback_id"] == slack::kUpdateCallback);

    view["id"] = "V1";
    view["state"]["values"] = json::object();
    auto refused = submit("U1", view);
    REQUIRE(refused.result_int() == 200);
    CHECK(body_of(refused)["response_action"] == "errors");
    CHECK(count("SELECT COUNT(*) FROM status_updates") == 0);

    auto typed = [](std::string t) { return json{{"value", {{"value", t}}}}; };
    auto chosen = [](std::string v) {
        return json{{"value", {{"selected_option", {{"value", v}}}}}};
    };
    view["state"]["values"] = {{"status", chosen("mitigating")},
                               {"known", typed("bad deploy")},
                               {"doing", typed("rolling back")},
                               {"trend", chosen("improving")}};
    auto accepted = submit("U1", view);
    REQUIRE(accepted.result_int() == 200);
    CHECK(accepted.body().empty());
    CHECK(count("SELECT COUNT(*) FROM status_updates") == 1);
    CHECK(count("SELECT COUNT(*) FROM incidents WHERE status = 'mitigating'") == 1);
    settle();
    bool posted = false;
    for (const auto& m : fake.messages(channel))
        posted = posted || m.text.find("rolling back") != std::string::npos;
    CHECK(posted);
}

TEST_CASE_METHOD(SlackHarness,
                 "/incident with no text opens the declare form; submitting declares") {
    auto r = command("U1", "CGENERAL", "", "TRIG-D");
    REQUIRE(r.result_int() == 200);
    CHECK(r.body().empty());
    settle();
    auto opens = fake.calls("views.open");
    REQUIRE(opens.size() == 1);
    json view = opens[0].body["view"];
    CHECK(view["callback_id"] == slack::kDeclareCallback);
    view["id"] = "V2";
    view["state"]["values"] = {
        {"title", {{"value", {{"value", "Search is slow"}}}}},
        {"severity", {{"value", {{"selected_option", {{"value", "sev3"}}}}}}},
        {"broken", {{"value", {{"value", "search p99 10s"}}}}}};
    auto submitted = submit("U1", view);
    CHECK(submitted.result_int() == 200);
    submit("U1", view);  // a retried submission declares nothing more
    CHECK(count("SELECT COUNT(*) FROM incidents WHERE severity = 'sev3'") == 1);
    settle();
    CHECK(fake.calls("conversations.create").size() == 1);
}

TEST_CASE_METHOD(SlackHarness, "a pushpin reaction lands in the timeline once, even when retried") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    fake.add_message(channel, "1795341700.000100", "U3", "p99 back to normal after the rollback");
    json reaction{
        {"type", "reaction_added"},
        {"user", "U1"},
        {"reaction", "pushpin"},
        {"item", {{"type", "message"}, {"channel", channel}, {"ts", "1795341700.000100"}}},
        {"event_ts", "1795341800.1"}};
    for (int retry = 0; retry <= 3; ++retry)
        CHECK(event(reaction, "Ev1", retry).result_int() == 200);
    // The same message pinned, as a different event, is still the same message.
    json pin{{"type", "pin_added"},
             {"user", "U2"},
             {"channel_id", channel},
             {"item", {{"type", "message"}, {"message", {{"ts", "1795341700.000100"}}}}}};
    event(pin, "Ev2");
    // Another emoji is not a timeline mark.
    json other = reaction;
    other["reaction"] = "eyes";
    event(other, "Ev3");
    settle();
    CHECK(fake.calls("conversations.history").size() == 2);
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured'") == 1);
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured' AND "
                "actor = 'U3' AND text = 'p99 back to normal after the rollback'") == 1);
}

TEST_CASE_METHOD(SlackHarness, "the bot's own summary pin is not added to the timeline") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    std::string ts = fake.channel(channel)->pins.front();
    event({{"type", "pin_added"},
           {"user", "UBOT"},
           {"channel_id", channel},
           {"item", {{"type", "message"}, {"message", {{"ts", ts}}}}}},
          "Ev9");
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE kind = 'capture_message'") == 0);
}

TEST_CASE_METHOD(SlackHarness, "a 429 delays the next attempt exactly as Retry-After says") {
    fake.script("conversations.create", SlackAnswer::rate_limited(7));
    command("U1", "CGENERAL", "declare API down sev2");
    core::Timestamp start = clock.now();
    drain();
    CHECK(fake.calls("conversations.create").size() == 1);
    CHECK(count("SELECT next_attempt_at - created_at FROM outbox WHERE kind = "
                "'create_conversation'") == 7);
    clock.set(start + 6s);
    drain();
    CHECK(fake.calls("conversations.create").size() == 1);
    clock.set(start + 7s);
    drain();
    CHECK(fake.calls("conversations.create").size() == 2);
    CHECK(fake.channel_named("inc-20261122-api-down"));
}

TEST_CASE_METHOD(SlackHarness, "5xx answers are retried with backoff until they succeed") {
    fake.script("chat.postMessage", SlackAnswer::server_error(500));
    fake.script("chat.postMessage", SlackAnswer::server_error(503));
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    // 2 failures, the summary, the checklist, the announcement
    CHECK(fake.calls("chat.postMessage").size() == 5);
    CHECK(fake.channel(incident_channel())->pins.size() == 2);
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") == 0);
}

TEST_CASE_METHOD(SlackHarness, "a permanent error fails the item and says so in the channel") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    fake.script("chat.update", SlackAnswer::failure("cant_update_message"));
    command("U1", channel, "sev sev1");
    settle();
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL AND "
                "last_error LIKE '%cant_update_message%'") == 1);
    bool noticed = false;
    for (const auto& m : fake.messages(channel))
        noticed =
            noticed || m.text.find("could not update the pinned summary") != std::string::npos;
    CHECK(noticed);
}

TEST_CASE_METHOD(SlackHarness,
                 "ordering holds per channel and pacing keeps a second between posts") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    for (int i = 0; i < 3; ++i)
        action("U1", channel,
               {{"action_id", "run:9"},
                {"value", "note step " + std::to_string(i)},
                {"action_ts", std::to_string(i)}});
    core::Timestamp start = clock.now();
    drain();
    CHECK(fake.messages(channel).size() <= 2);  // at most one post in the same second
    settle();
    auto posted = fake.messages(channel);
    std::vector<std::string> notes;
    for (const auto& m : posted)
        if (m.text.find("step") != std::string::npos) notes.push_back(m.text);
    REQUIRE(notes.size() == 3);
    CHECK(notes[0].find("step 0") != std::string::npos);
    CHECK(notes[2].find("step 2") != std::string::npos);
    CHECK(clock.now() - start >= 2s);
}

TEST_CASE_METHOD(SlackHarness, "the ack arrives while the Slack API is stalled") {
    fake.script("conversations.create", SlackAnswer::stalled());
    command("U1", "CGENERAL", "declare API down sev2");
    std::thread delivering([this] { worker.deliver_due(); });
    REQUIRE(fake.wait_for_calls("conversations.create", 1));
    auto r = command("U2", "CGENERAL", "declare Second thing sev3");
    CHECK(r.result_int() == 200);
    CHECK(count("SELECT COUNT(*) FROM incidents") == 2);
    fake.release_stalled();
    delivering.join();
}

namespace {

/// Declares an incident, fills its timeline with `notes` notes in one transaction and
/// resolves it; returns its Slack channel.
std::string long_incident(SlackHarness& h, int notes) {
    h.command("U1", "CGENERAL", "declare API down sev3");
    h.settle();
    std::string channel = h.incident_channel();
    {
        auto tx = h.store.begin();
        auto inc = tx.incidents(false, 1).front();
        std::vector<core::TimelineEvent> events;
        for (int i = 0; i < notes; ++i)
            events.push_back(core::TimelineEvent{.id = 0,
                                                 .incident_id = inc.id,
                                                 .at = t0() + std::chrono::seconds(i),
                                                 .actor = "U1",
                                                 .kind = core::EventKind::note,
                                                 .text = "step " + std::to_string(i) + " done",
                                                 .before = "",
                                                 .after = ""});
        tx.append(events);
        tx.commit();
    }
    h.command("U1", channel, "resolve");
    h.settle();
    return channel;
}

/// The draft as `postmortem` saw it: the record before that run started the review.
std::string markdown_draft(SlackHarness& h) {
    auto tx = h.store.begin();
    auto record = app::load_record(tx, std::to_string(tx.incidents(false, 1).front().id));
    REQUIRE(record);
    std::erase_if(record->timeline,
                  [](const auto& e) { return e.kind == core::EventKind::review_started; });
    std::erase_if(record->checklist_ticks, [](const auto& t) { return t.item == "summarised"; });
    return app::postmortem_markdown(*record, h.service.settings().policy);
}

}  // namespace

TEST_CASE_METHOD(SlackHarness, "a 10,000-entry postmortem draft is uploaded as one file") {
    std::string channel = long_incident(*this, 10000);
    std::size_t posts = fake.calls("chat.postMessage").size();
    auto r = command("U1", channel, "postmortem");
    REQUIRE(r.result_int() == 200);
    json answer = body_of(r);
    CHECK(answer["response_type"] == "ephemeral");
    CHECK(answer.dump().find("as a file") != std::string::npos);
    // The file, and the checklist's "Timeline summarised" tick.
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") == 2);
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND "
                "kind = 'post_document'") == 1);
    settle();

    auto files = fake.files();
    REQUIRE(files.size() == 1);
    CHECK(files[0].content == markdown_draft(*this));
    CHECK(files[0].content.find("step 9999 done") != std::string::npos);
    CHECK(files[0].channel == channel);
    CHECK(files[0].filename == "inc-20261122-api-down-postmortem.md");
    CHECK(files[0].title == "Postmortem draft: API down");
    CHECK(files[0].initial_comment.find("inc-20261122-api-down") != std::string::npos);
    CHECK(files[0].initial_comment.size() < 300);
    // Form-encoded, as these methods require, and nothing else posted.
    auto asked = fake.calls("files.getUploadURLExternal");
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].content_type.starts_with("application/x-www-form-urlencoded"));
    CHECK(asked[0].body["length"] == std::to_string(files[0].content.size()));
    CHECK(fake.calls(fakes::FakeSlack::kUploadMethod).size() == 1);
    CHECK(fake.calls(fakes::FakeSlack::kUploadMethod)[0].authorization.empty());
    CHECK(fake.calls("files.completeUploadExternal").size() == 1);
    CHECK(fake.calls("chat.postMessage").size() == posts);
    auto posted = fake.messages(channel);
    REQUIRE_FALSE(posted.empty());
    CHECK(posted.back().files == std::vector<std::string>{files[0].filename});
}

TEST_CASE_METHOD(SlackHarness, "a second postmortem while the file is on its way queues nothing") {
    std::string channel = long_incident(*this, 600);
    command("U1", channel, "postmortem");
    auto again = command("U2", channel, "postmortem");
    CHECK(body_of(again).dump().find("already on its way") != std::string::npos);
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE kind = 'post_document'") == 1);
    settle();
    CHECK(fake.files().size() == 1);
}

TEST_CASE_METHOD(SlackHarness, "a short postmortem draft is still posted as a message") {
    command("U1", "CGENERAL", "declare API down sev3");
    settle();
    std::string channel = incident_channel();
    command("U1", channel, "resolve");
    auto r = command("U1", channel, "postmortem");
    json answer = body_of(r);
    CHECK(answer["response_type"] == "in_channel");
    CHECK(answer.dump().find("Postmortem draft: API down") != std::string::npos);
    settle();
    CHECK(fake.files().empty());
    CHECK(fake.calls("files.getUploadURLExternal").empty());
}

TEST_CASE_METHOD(SlackHarness, "an upload that fails part way resumes without a second file") {
    std::string channel = long_incident(*this, 600);
    fake.script(fakes::FakeSlack::kUploadMethod, SlackAnswer::server_error(503));
    fake.script("files.completeUploadExternal", SlackAnswer::server_error(500));
    command("U1", channel, "postmortem");
    settle();
    // One upload URL; the bytes sent again after the 503; the share asked for again.
    CHECK(fake.calls("files.getUploadURLExternal").size() == 1);
    CHECK(fake.calls(fakes::FakeSlack::kUploadMethod).size() == 2);
    CHECK(fake.calls("files.completeUploadExternal").size() == 2);
    auto files = fake.files();
    REQUIRE(files.size() == 1);
    CHECK(files[0].content == markdown_draft(*this));
    CHECK(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") == 0);
}

TEST_CASE_METHOD(SlackHarness, "an upload URL that is refused is replaced by a new one") {
    std::string channel = long_incident(*this, 600);
    fake.script(fakes::FakeSlack::kUploadMethod, SlackAnswer{404, std::nullopt, "gone", false});
    command("U1", channel, "postmortem");
    settle();
    CHECK(fake.calls("files.getUploadURLExternal").size() == 2);
    CHECK(fake.files().size() == 1);
}

namespace {

fakes::SlackMessage other_bot(std::string channel, std::string ts, std::string text,
                              std::string bot_name, std::string username) {
    fakes::SlackMessage m;
    m.channel = std::move(channel);
    m.ts = std::move(ts);
    m.text = std::move(text);
    m.bot_id = "B9";
    m.bot_name = std::move(bot_name);
    m.username = std::move(username);
    return m;
}

json pin_of(const std::string& channel, const std::string& ts) {
    return {{"type", "pin_added"},
            {"user", "U2"},
            {"channel_id", channel},
            {"item", {{"type", "message"}, {"message", {{"ts", ts}}}}}};
}

}  // namespace

TEST_CASE_METHOD(SlackHarness, "a pinned post of another bot is recorded under the bot's name") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    fake.add_message(other_bot(channel, "1795341700.000100", "CPU above 95% on db-1", "PagerDuty",
                               "pagerduty-legacy"));
    fake.add_message(
        other_bot(channel, "1795341701.000100", "deploy 42 rolled back", "", "deploys"));
    event(pin_of(channel, "1795341700.000100"), "EvB1");
    event(pin_of(channel, "1795341701.000100"), "EvB2");
    settle();
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured' AND "
                "actor = 'bot:PagerDuty'") == 1);
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured' AND "
                "actor = 'bot:deploys'") == 1);
    std::string shown = body_of(command("U1", channel, "timeline")).dump();
    CHECK(shown.find("PagerDuty  CPU above 95% on db-1") != std::string::npos);
    CHECK(shown.find("deploys  deploy 42 rolled back") != std::string::npos);
    CHECK(shown.find("firebreak  CPU") == std::string::npos);
    CHECK(shown.find("<@bot:") == std::string::npos);
    CHECK(shown.find("<@>") == std::string::npos);
}

TEST_CASE_METHOD(SlackHarness, "a pinned message with only a file records the file's name") {
    command("U1", "CGENERAL", "declare API down sev2");
    settle();
    std::string channel = incident_channel();
    fakes::SlackMessage m;
    m.channel = channel;
    m.ts = "1795341700.000100";
    m.user = "U3";
    m.files = {"report.pdf"};
    fake.add_message(m);
    event(pin_of(channel, m.ts), "EvF1");
    settle();
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured' AND "
                "actor = 'U3' AND text = '(file: report.pdf)'") == 1);
    std::string shown = body_of(command("U1", channel, "timeline")).dump();
    CHECK(shown.find("<@U3>  (file: report.pdf)") != std::string::npos);
}
