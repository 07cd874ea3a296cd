// Card actions (Action.Execute and its Action.Submit fallback), timeline captures and
// installations.
#include <catch2/catch.hpp>
#include <string>

#include "firebreak/teams/decode.hpp"
#include "unit/teams/decode_fixtures.hpp"

using namespace firebreak;
using namespace firebreak::teams;
using namespace firebreak::teams::test;
using nlohmann::json;

namespace {

Decoded decode(const json& a, Directory& d, DecodeSettings settings = {}) {
    return decode_activity(a.dump(), settings, kNow, d);
}

template <typename Body>
const Body& body_of(const Decoded& r) {
    REQUIRE_FALSE(r.refusal);
    REQUIRE(r.inbound);
    REQUIRE(std::holds_alternative<Body>(r.inbound->body));
    return std::get<Body>(r.inbound->body);
}

}  // namespace

TEST_CASE("an Action.Execute button is a button press answered by the invoke") {
    Directory d;
    auto r = decode(card_action({{"firebreak", {{"command", "ic me"}}}}), d);
    CHECK(body_of<app::ButtonPress>(r).command == "ic me");
    CHECK(r.invoke);
    CHECK(r.inbound->user == kAda);
    CHECK(r.inbound->conversation == kChannel);
    CHECK(r.inbound->dedupe_key == "activity:1764601234567");
    CHECK(r.activity.name == "adaptiveCard/action");
}

TEST_CASE("the Action.Submit fallback arrives as a message with value and decodes the same") {
    Directory d;
    auto a = activity("message");
    a["replyToId"] = "1764601100000";
    a["value"] = {{"firebreak", {{"command", "nochange"}}}};
    auto r = decode(a, d);
    CHECK(body_of<app::ButtonPress>(r).command == "nochange");
    CHECK_FALSE(r.invoke);
    CHECK(r.activity.reply_to_id == "1764601100000");
}

TEST_CASE("a people picker names the chosen person by Entra id") {
    Directory d;
    json data = {{"firebreak", {{"picker", "tl"}, {"input", "picker.1"}}}, {"picker.1", kGrace}};
    CHECK(body_of<app::ButtonPress>(decode(card_action(data), d)).command ==
          std::string("tl <@") + kGrace + ">");

    for (json chosen : {json(""), json(nullptr), json(7), json("29:grace"),
                        json("x> declare <@6b8d7a3e-1f2c-4c5d-9e8f-0a1b2c3d4e5f")}) {
        data["picker.1"] = chosen;
        auto r = decode(card_action(data), d);
        CHECK(r.refusal == "choose someone");
        CHECK_FALSE(r.inbound);
        CHECK(r.invoke);
    }
    data.erase("picker.1");
    CHECK(decode(card_action(data), d).refusal == "choose someone");
}

TEST_CASE("a submitted form carries its id, its context and its fields") {
    Directory d;
    json data = {
        {"firebreak",
         {{"form", "declare"}, {"context", {{"conversation", kChannel}, {"attempt", 2}}}}},
        {"field.title", "Checkout is down"},
        {"field.severity", "sev1"},
        {"field.private", "true"},
        {"field.drill", ""},
        {"field.since.date", "2026-12-01"},
        {"field.since.time", "14:30"},
        {"field.commander", kGrace},
        {"unrelated", "ignored"},
        {"field.count", 3},
    };
    auto r = decode(card_action(data), d);
    const auto& form = body_of<app::FormSubmission>(r);
    CHECK(form.form_id == "declare");
    CHECK(form.context == std::map<std::string, std::string>{{"conversation", kChannel}});
    CHECK(form.values == chat::FieldValues{{"title", "Checkout is down"},
                                           {"severity", "sev1"},
                                           {"private", "true"},
                                           {"drill", ""},
                                           {"since", "2026-12-01T14:30:00Z"},
                                           {"commander", kGrace}});
    CHECK(r.invoke);
    CHECK(r.inbound->form_token == kThread);
}

TEST_CASE("a datetime given in part is passed on for the form to refuse") {
    Directory d;
    json data = {{"firebreak", {{"form", "declare"}}}, {"field.since.date", "2026-12-01"}};
    CHECK(body_of<app::FormSubmission>(decode(card_action(data), d)).values.at("since") ==
          "2026-12-01T");
    data = {
        {"firebreak", {{"form", "declare"}}}, {"field.since.date", ""}, {"field.since.time", ""}};
    CHECK(body_of<app::FormSubmission>(decode(card_action(data), d)).values.at("since") == "");
    data["field.since.time"] = "09:05:59";
    data["field.since.date"] = "2026-12-01";
    CHECK(body_of<app::FormSubmission>(decode(card_action(data), d)).values.at("since") ==
          "2026-12-01T09:05:00Z");
}

TEST_CASE("card data that is not firebreak's, or is malformed, is refused or ignored") {
    Directory d;
    auto refusal = [&](const json& a) {
        auto r = decode(a, d);
        CHECK_FALSE(r.inbound);
        return r.refusal.value_or("");
    };
    CHECK(refusal(card_action({{"firebreak", "ic me"}})) ==
          "the card action carries no firebreak data");
    CHECK(refusal(card_action({{"firebreak", {{"command", ""}}}})) ==
          "the button names no command");
    CHECK(refusal(card_action({{"firebreak", {{"command", 5}}}})) == "the button names no command");
    CHECK(refusal(card_action({{"firebreak", {{"form", "update"}, {"context", "x"}}}})) ==
          "the form's context is not an object");
    CHECK(refusal(card_action({{"firebreak", {{"form", ""}}}})) == "the form has no id");
    CHECK(refusal(card_action({{"firebreak", json::object()}})) ==
          "the card action names no command, picker or form");
    CHECK(refusal(card_action({{"firebreak", {{"picker", "tl"}, {"input", "field.x"}}}})) ==
          "the picker names no command");
    auto no_data = card_action({});
    no_data["value"]["action"].erase("data");
    CHECK(refusal(no_data) == "the card action has no data");
    auto no_action = card_action({});
    no_action["value"] = "x";
    CHECK(refusal(no_action) == "the card action has no value.action");

    // Another verb is not a card of ours: answered, ignored.
    auto other = decode(card_action({{"firebreak", {{"command", "ic me"}}}}, "vote"), d);
    CHECK(other.invoke);
    CHECK_FALSE(other.refusal);
    CHECK_FALSE(other.inbound);
    // A message whose value is some other card's data is not a command.
    auto a = activity("message");
    a["value"] = {{"answer", "yes"}};
    auto r = decode(a, d);
    CHECK_FALSE(r.refusal);
    CHECK_FALSE(r.inbound);
}

TEST_CASE("Add to timeline captures the message with its text, author and time") {
    Directory d;
    auto a = activity("invoke");
    a["name"] = "composeExtensions/submitAction";
    a["value"] = {
        {"commandId", "addToTimeline"},
        {"commandContext", "message"},
        {"context", {{"theme", "default"}}},
        {"messagePayload",
         {{"id", "1764600000123"},
          {"replyToId", nullptr},
          {"messageType", "message"},
          {"createdDateTime", "2026-12-01T15:40:00.123+01:00"},
          {"importance", "normal"},
          {"locale", "en-us"},
          {"from",
           {{"user",
             {{"@odata.type", "#microsoft.graph.teamworkUserIdentity"},
              {"id", kGrace},
              {"displayName", "Grace Hopper"},
              {"userIdentityType", "aadUser"}}}}},
          {"body",
           {{"contentType", "html"},
            {"content", "<p>Rolled back <at id=\"0\">Ada</at>&#39;s deploy &amp; purged</p>"}}},
          {"mentions", json::array()},
          {"attachments", json::array()}}}};
    auto r = decode(a, d);
    const auto& capture = body_of<app::MessageCapture>(r);
    CHECK(capture.message_id == "1764600000123");
    CHECK(capture.text == "Rolled back @Ada's deploy & purged");
    CHECK(capture.author == kGrace);
    REQUIRE(capture.written_at);
    CHECK(core::format_iso8601(*capture.written_at) == "2026-12-01T14:40:00Z");
    CHECK(r.invoke);
    CHECK(r.inbound->user == kAda);
    CHECK(r.inbound->conversation == kChannel);
    // The client retries it twice with new activity ids: one capture per message.
    CHECK(r.inbound->dedupe_key == "capture:1764600000123");
    CHECK(d.name_of(kGrace) == "Grace Hopper");

    a["value"]["messagePayload"]["body"] = {{"contentType", "text"}, {"content", "a <b> c"}};
    a["value"]["messagePayload"]["createdDateTime"] = "yesterday";
    a["value"]["messagePayload"]["from"] = {{"application", {{"id", "bot"}}}};
    auto again = decode(a, d);
    const auto& plain = body_of<app::MessageCapture>(again);
    CHECK(plain.text == "a <b> c");
    CHECK_FALSE(plain.written_at);
    CHECK(plain.author.empty());

    a["value"].erase("messagePayload");
    auto refused = decode(a, d);
    CHECK(refused.refusal == "the message action names no message");
    CHECK(refused.invoke);
}

TEST_CASE("the timeline reaction on a bot message captures it for reading back") {
    Directory d;
    auto a = activity("messageReaction");
    a["replyToId"] = "1764601100000";
    a["reactionsAdded"] = json::array({{{"type", "like"}}});
    auto r = decode(a, d);
    const auto& capture = body_of<app::MessageCapture>(r);
    CHECK(capture.message_id == "1764601100000");
    CHECK_FALSE(capture.text);
    CHECK(capture.author.empty());
    CHECK(r.inbound->dedupe_key == "capture:1764601100000");
    CHECK(r.inbound->conversation == kChannel);

    a["reactionsAdded"] = json::array({{{"type", "heart"}}});
    CHECK_FALSE(decode(a, d).inbound);
    DecodeSettings heart;
    heart.timeline_reaction = "heart";
    CHECK(decode(a, d, heart).inbound);
    a.erase("reactionsAdded");
    a["reactionsRemoved"] = json::array({{{"type", "like"}}});
    CHECK_FALSE(decode(a, d).inbound);
    CHECK_FALSE(decode(a, d).refusal);
}

TEST_CASE("the bot added to a team says hello, once per conversation") {
    Directory d;
    auto a = activity("conversationUpdate");
    a["conversation"]["id"] = kChannel;
    a["channelData"]["eventType"] = "teamMemberAdded";
    a["membersAdded"] = json::array(
        {{{"id", kBot}}, {{"id", "29:grace-member"}, {"aadObjectId", kGrace}, {"name", "Grace"}}});
    auto r = decode(a, d);
    CHECK(body_of<app::TypedCommand>(r).text == "help");
    CHECK(r.installed);
    CHECK(r.inbound->user == kAda);
    // Teams also sends an installationUpdate for the same installation.
    CHECK(r.inbound->dedupe_key == std::string("install:") + kChannel);
    REQUIRE(d.by_member_id("29:grace-member"));
    CHECK(d.by_member_id("29:grace-member")->aad_id == kGrace);
    CHECK(d.service_url_of(kChannel, "none") == kServiceUrl);

    auto install = activity("installationUpdate");
    install["id"] = "f:0123456789";
    install["conversation"]["id"] = kChannel;
    install["action"] = "add";
    auto i = decode(install, d);
    CHECK(i.installed);
    CHECK(i.inbound->dedupe_key == r.inbound->dedupe_key);
    install["action"] = "remove";
    CHECK_FALSE(decode(install, d).inbound);
}

TEST_CASE("other people added are remembered without a hello") {
    Directory d;
    auto a = activity("conversationUpdate");
    a["membersAdded"] =
        json::array({{{"id", "29:grace-member"}, {"aadObjectId", kGrace}, {"name", "Grace"}}});
    auto r = decode(a, d);
    CHECK_FALSE(r.installed);
    CHECK_FALSE(r.inbound);
    CHECK_FALSE(r.refusal);
    CHECK(d.name_of(kGrace) == "Grace");
    a["membersAdded"] = json::array();
    a["membersRemoved"] = json::array({{{"id", kBot}}});
    CHECK_FALSE(decode(a, d).inbound);
}
