// The SEV1 walk-through of the Slack tests, over Teams: signed activities in, connector and
// Graph calls out to the fake, the clock moved by hand.
#include <regex>

#include "teams_harness.hpp"

using namespace firebreak;
using namespace firebreak::teams::testing;
using fakes::TeamsAnswer;
using nlohmann::json;
namespace route = fakes::teams_route;

namespace {

json body_of(const http::Response& r) {
    return json::parse(r.body(), nullptr, false);
}

/// The firebreak data of the first action in `conversation`'s messages titled `title`.
json data_of(const fakes::FakeTeams& fake, const std::string& conversation,
             const std::string& title) {
    for (const auto& a : fake.activities(conversation))
        if (a.activity.dump().find("\"title\":\"" + title + "\"") != std::string::npos)
            return action_data(a.activity, title);
    FAIL("no action " << title << " in " << conversation);
    return {};
}

/// What the 1:1 chat with `who` was told, all of it.
std::string told_privately(const fakes::FakeTeams& fake, const Someone& who) {
    std::string text;
    for (const auto& [chat, member] : fake.chats())
        if (member == who.aad || member == who.member)
            for (const auto& a : fake.activities(chat)) text += a.activity.dump();
    return text;
}

}  // namespace

TEST_CASE_METHOD(TeamsHarness, "a SEV1 runs in Teams from declare to the action item") {
    const Someone ada = person(1), bea = person(2), cem = person(3);

    // Declared in General: a channel of its own in the incidents team, the summary card.
    auto r = say(ada, kGeneral, "declare Checkout errors in EU sev2");
    REQUIRE(r.result_int() == 200);
    CHECK(count("SELECT COUNT(*) FROM incidents WHERE platform = 'teams'") == 1);
    settle();
    auto creates = fake.calls(route::create_channel);
    REQUIRE(creates.size() == 1);
    const std::string name = creates[0].body["displayName"];
    CHECK(std::regex_match(name, std::regex("inc-[0-9]{8}-checkout-errors-in-eu")));
    CHECK(creates[0].body["membershipType"] == "standard");
    auto channel = fake.channel_named(kTeam, name);
    REQUIRE(channel);
    const std::string incident = incident_conversation();
    CHECK(incident == channel->id);
    CHECK(fake.channel(incident)->description.find("SEV2") == 0);
    REQUIRE_FALSE(containing(fake, incident, "Claim IC").empty());
    CHECK(data_of(fake, incident, "Claim IC") == json{{"firebreak", {{"command", "ic me"}}}});
    {
        std::string announced;
        for (const auto& a : fake.activities(kAnnounce)) announced += a.activity.dump() + "\n";
        INFO(announced);
        CHECK(containing(fake, kAnnounce, name).size() == 1);  // the announcement names it
    }
    // Connector calls carry the Bot Framework token, Graph calls the Graph one.
    for (const auto& call : fake.calls()) {
        if (call.route == route::token) continue;
        CHECK(call.authorization.starts_with("Bearer "));
    }
    CHECK(fake.tokens_issued(teams::kBotFrameworkScope) == 1);
    CHECK(fake.tokens_issued(teams::kGraphScope) == 1);

    // Claimed with the card's button; the same click delivered twice does nothing more.
    json click = activity("invoke", ada, incident);
    click["name"] = "adaptiveCard/action";
    click["value"] = {{"action",
                       {{"type", "Action.Execute"},
                        {"verb", "firebreak"},
                        {"data", data_of(fake, incident, "Claim IC")}}}};
    auto first = post(click);
    REQUIRE(first.result_int() == 200);
    CHECK(body_of(first)["statusCode"] == 200);
    CHECK(post(click).result_int() == 200);
    settle();
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'role_assigned'") == 1);
    auto summary = fake.activities(incident).front();
    CHECK(summary.edits >= 1);  // kept current by editing it
    CHECK(fake.activity(summary.id)->activity.dump().find("<at>Ada</at>") != std::string::npos);

    // Promoted; Ada takes TL too, and is refused the third role, privately.
    say(ada, incident, "sev sev1");
    say(ada, incident, "tl me");
    say(ada, incident, "comms me");
    settle();
    CHECK(told_privately(fake, ada).find("one person cannot hold all three roles") !=
          std::string::npos);
    CHECK(count("SELECT COUNT(*) FROM incidents WHERE severity = 'sev1'") == 1);

    // Comms chosen by the IC with the people picker (anyone else is refused, privately).
    say(cem, incident, "note watching the EU dashboards");
    json picker = data_of(fake, incident, "Assign Comms Lead");
    std::string input = picker["firebreak"]["input"];
    REQUIRE(execute(bea, incident, picker, {{input, cem.aad}}).result_int() == 200);
    settle();
    CHECK(told_privately(fake, bea).find("Only the Incident Commander") != std::string::npos);
    REQUIRE(execute(ada, incident, picker, {{input, cem.aad}}).result_int() == 200);
    settle();
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'role_assigned' AND (text || "
                "after_value) LIKE "
                "'%" +
                cem.aad + "%'") == 1);

    // The update form: posted as a card, refused empty with the reasons, then accepted.
    REQUIRE(execute(ada, incident, data_of(fake, incident, "Post update")).result_int() == 200);
    settle();
    auto forms = containing(fake, incident, "field.");
    REQUIRE_FALSE(forms.empty());
    json submit = action_data(forms.back().activity, "Post");
    json refused = body_of(execute(ada, incident, submit, json::object()));
    CHECK(refused["statusCode"] == 400);
    CHECK(count("SELECT COUNT(*) FROM status_updates") == 0);
    json accepted = body_of(execute(ada, incident, submit,
                                    {{"field.status", "mitigating"},
                                     {"field.known", "bad deploy"},
                                     {"field.doing", "rolling back"},
                                     {"field.trend", "improving"}}));
    CHECK(accepted["statusCode"] == 200);
    settle();
    CHECK(count("SELECT COUNT(*) FROM status_updates") == 1);

    // The nudge arrives on cadence, naming the Comms Lead, with its buttons.
    clock.advance(16min);
    service.fire_due_reminders();
    settle();
    auto nudges = containing(fake, incident, "update was due");
    REQUIRE(nudges.size() == 1);
    CHECK(nudges[0].activity.dump().find("<at>Cem</at>") != std::string::npos);
    CHECK(data_of(fake, incident, "No change") == json{{"firebreak", {{"command", "nochange"}}}});

    // An irreversible decision needs the IC and the TL: both acknowledge with the button.
    say(ada, incident, "decision fail over to us-west --irreversible");
    settle();
    json ack = data_of(fake, incident, "Acknowledge decision #1");
    execute(ada, incident, ack);
    settle();
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'decision_acknowledged'") >= 1);

    // "Add to timeline" on someone's message: captured once though Teams retries it twice.
    json capture = activity("invoke", bea, incident);
    capture["name"] = "composeExtensions/submitAction";
    capture["value"] = {
        {"commandId", "addToTimeline"},
        {"commandContext", "message"},
        {"messagePayload",
         {{"id", "1700000000999"},
          {"createdDateTime", "2026-11-22T10:20:00.000Z"},
          {"from", {{"user", {{"id", cem.aad}, {"displayName", "Cem"}}}}},
          {"body", {{"contentType", "html"}, {"content", "<p>p99 back to normal</p>"}}}}}};
    for (int attempt = 0; attempt < 3; ++attempt) {
        capture["id"] = "f:capture-" + std::to_string(attempt);  // each retry is a new activity
        CHECK(post(capture).result_int() == 200);
    }
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'message_captured' AND text "
                "LIKE '%p99 back to normal%'") == 1);

    // Mitigated, resolved, an action item: the timeline has it all.
    say(ada, incident, "mitigated failover done");
    say(ada, incident, "resolve --force all clear");
    say(ada, incident, "action add a canary for the EU checkout owner:<at>Bea</at> due:2026-12-01",
        json::array({{{"type", "mention"},
                      {"text", "<at>Bea</at>"},
                      {"mentioned", {{"id", bea.member}, {"name", "Bea"}}}}}));
    settle();
    CHECK(count("SELECT COUNT(*) FROM incidents WHERE status = 'resolved'") == 1);
    CHECK(count("SELECT COUNT(*) FROM action_items WHERE owner = '" + bea.aad + "'") == 1);
    say(ada, incident, "timeline");
    settle();
    CHECK_FALSE(told_privately(fake, ada).empty());
}

TEST_CASE_METHOD(TeamsHarness, "bad tokens and bad bodies get 401 or 400 and change nothing") {
    const Someone ada = person(1);
    json a = activity("message", ada, std::string(kGeneral) + ";messageid=1");
    a["text"] = "<at>firebreak</at> declare Forged sev1";
    a["entities"] = json::array({{{"type", "mention"},
                                  {"text", "<at>firebreak</at>"},
                                  {"mentioned", {{"id", kBotId}, {"name", "firebreak"}}}}});
    CHECK(post(a, "").result_int() == 401);
    CHECK(post(a, "not.a.token").result_int() == 401);
    json claims =
        fakes::FakeBotIdentity::valid_claims("someone-else", fake.service_url(), clock.now());
    CHECK(post(a, identity.sign(claims)).result_int() == 401);  // another bot's token
    claims = fakes::FakeBotIdentity::valid_claims(fake.credentials().client_id,
                                                  "https://elsewhere.example/", clock.now());
    CHECK(post(a, identity.sign(claims)).result_int() == 401);  // serviceUrl mismatch
    CHECK(post(a, identity.sign(fakes::FakeBotIdentity::valid_claims(
                                    fake.credentials().client_id, fake.service_url(), clock.now()),
                                fakes::SignOptions{"", "none"}))
              .result_int() == 401);
    CHECK(auth_failures == 5);
    CHECK(count("SELECT COUNT(*) FROM incidents") == 0);

    http::Request request{http::Verb::post, "/teams/messages", 11};
    request.set(http::Field::authorization, "Bearer " + token());
    request.body() = "{\"type\": \"message\", ";
    http::testing::LoopbackClient loopback(server->port());
    CHECK(loopback.request(std::move(request)).result_int() == 400);
    json no_from = a;
    no_from.erase("from");
    CHECK(post(no_from).result_int() == 400);
    // A card action firebreak cannot read is refused on the card, as an invoke error.
    json refused =
        body_of(execute(ada, kGeneral, {{"firebreak", {{"picker", "tl"}, {"input", "picker.0"}}}},
                        {{"picker.0", ""}}));
    CHECK(refused["statusCode"] == 400);
    CHECK(refused["type"] == "application/vnd.microsoft.error");
    json typing = activity("typing", ada, kGeneral);
    CHECK(post(typing).result_int() == 200);  // unknown to firebreak: ignored
    CHECK(count("SELECT COUNT(*) FROM incidents") == 0);
    CHECK(fake.calls().empty());
    CHECK(post(a).result_int() == 200);  // the same activity, signed: declared
    CHECK(count("SELECT COUNT(*) FROM incidents") == 1);
}

TEST_CASE_METHOD(TeamsHarness, "a taken channel name gets -2, and Graph's 429 is waited out") {
    // The name the default pattern gives on the clock's day, taken already.
    fake.add_channel(fakes::TeamsChannel{
        kTeam, "19:taken@thread.tacv2", "inc-20261122-checkout-errors", "", false, {}, {}});
    fake.script(fakes::teams_route::create_channel, TeamsAnswer::rate_limited(7));
    say(person(1), kGeneral, "declare Checkout errors sev2");
    auto before = clock.now();
    settle();
    auto creates = fake.calls(fakes::teams_route::create_channel);
    REQUIRE(creates.size() == 3);                            // the 429, the taken name, then "-2"
    CHECK(clock.now() - before >= std::chrono::seconds(7));  // Retry-After was honoured
    auto channel = fake.channel(incident_conversation());
    REQUIRE(channel);
    CHECK(channel->name == "inc-20261122-checkout-errors-2");
}

TEST_CASE_METHOD(TeamsHarness, "where Graph may not create channels, the failure says what to do") {
    fake.script(route::create_channel, TeamsAnswer::error(403, "Forbidden"));
    say(person(1), kGeneral, "declare Checkout errors sev2");
    settle();
    CHECK(containing(fake, kAnnounce, "incident_space").size() +
              containing(fake, kGeneral, "incident_space").size() >=
          1);
}

TEST_CASE("in thread mode an incident is a thread in the announce channel") {
    TeamsHarness h(true);
    h.say(person(1), kGeneral, "declare Checkout errors sev2");
    h.settle();
    CHECK(h.fake.calls(route::create_channel).empty());
    std::string incident = h.incident_conversation();
    CHECK(incident.starts_with(std::string(kAnnounce) + ";messageid="));
    CHECK_FALSE(containing(h.fake, incident, "Claim IC").empty());
    // A command typed in the thread reaches the incident.
    h.say(person(1), incident, "ic me");
    h.settle();
    CHECK(h.count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'role_assigned'") == 1);
}
