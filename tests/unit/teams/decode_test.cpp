// Typed messages, mentions and HTML, conversations, the envelope and malformed input.
// (Cards, captures and installations: decode_actions_test.cpp.)
#include "firebreak/teams/decode.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "unit/teams/decode_fixtures.hpp"

using namespace firebreak;
using namespace firebreak::teams;
using namespace firebreak::teams::test;
using nlohmann::json;

namespace {

Decoded decode(const json& a, Directory& d, DecodeSettings settings = {}) {
    return decode_activity(a.dump(), settings, kNow, d);
}

std::string typed(const Decoded& r) {
    REQUIRE_FALSE(r.refusal);
    REQUIRE(r.inbound);
    REQUIRE(std::holds_alternative<app::TypedCommand>(r.inbound->body));
    return std::get<app::TypedCommand>(r.inbound->body).text;
}

}  // namespace

TEST_CASE("a channel message that mentions the bot is a typed command from its Entra id") {
    Directory d;
    auto r = decode(channel_message("declare Checkout is down sev1"), d);
    CHECK(typed(r) == "declare Checkout is down sev1");
    const app::Inbound& in = *r.inbound;
    CHECK(in.platform == "teams");
    CHECK(in.workspace == kTenant);
    CHECK(in.user == kAda);
    CHECK(in.received_at == kNow);
    CHECK(in.dedupe_key == "activity:1764601234567");
    // A channel per incident: the thread is part of the channel's incident, but a form
    // is posted back into the thread it was asked for in.
    CHECK(in.conversation == kChannel);
    CHECK(in.form_token == kThread);
    CHECK_FALSE(r.invoke);
    CHECK_FALSE(r.installed);
    CHECK(r.unknown_mentions.empty());

    const Activity& a = r.activity;
    CHECK(a.type == "message");
    CHECK(a.id == "1764601234567");
    CHECK(a.service_url == kServiceUrl);
    CHECK(a.channel_id == "msteams");
    CHECK(a.conversation_id == kThread);
    CHECK(a.conversation_type == "channel");
    CHECK(a.tenant_id == kTenant);
    CHECK(a.team_id == "19:team0000@thread.tacv2");
    CHECK(a.channel == kChannel);
    CHECK(a.from_member_id == "29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada");
    CHECK(a.from_aad_id == kAda);
    CHECK(a.from_name == "Ada Lovelace");
    CHECK(a.recipient_id == kBot);
}

TEST_CASE("the directory learns the sender and the conversation's serviceUrl") {
    Directory d;
    decode(channel_message("help"), d);
    REQUIRE(d.by_member_id("29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada"));
    CHECK(d.by_member_id("29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada")->aad_id == kAda);
    CHECK(d.name_of(kAda) == "Ada Lovelace");
    CHECK(d.service_url_of(kThread, "fallback") == kServiceUrl);
}

TEST_CASE("in thread mode an incident's conversation is the thread") {
    Directory d;
    DecodeSettings threads;
    threads.thread_per_incident = true;
    auto r = decode(channel_message("note db restarted"), d, threads);
    REQUIRE(r.inbound);
    CHECK(r.inbound->conversation == kThread);
    CHECK(r.inbound->form_token == kThread);
}

TEST_CASE("a channel or group-chat message that does not mention the bot is ignored") {
    Directory d;
    auto a = channel_message("declare x");
    a["entities"] = json::array({mention("29:someone-else", "Grace Hopper")});
    a["text"] = "<at>Grace Hopper</at> declare x";
    auto r = decode(a, d);
    CHECK_FALSE(r.refusal);
    CHECK_FALSE(r.inbound);

    auto group = channel_message("declare x");
    group["conversation"] = {{"conversationType", "groupChat"},
                             {"tenantId", kTenant},
                             {"id", "19:meeting_abc@thread.v2"}};
    group["entities"] = json::array();
    CHECK_FALSE(decode(group, d).inbound);
    group["entities"] = json::array({mention(kBot, "firebreak")});
    CHECK(typed(decode(group, d)) == "declare x");
}

TEST_CASE("a 1:1 chat needs no mention and the incident word is optional") {
    Directory d;
    auto a = activity("message");
    a["conversation"] = {{"conversationType", "personal"},
                         {"tenantId", kTenant},
                         {"id", "a:1xYzPersonalChatIdGoesHere"}};
    for (auto [text, expected] : std::initializer_list<std::pair<const char*, const char*>>{
             {"list", "list"},
             {"incident list", "list"},
             {"/incident status mitigating", "status mitigating"},
             {"INCIDENT help", "help"},
             {"incidents are fun", "incidents are fun"},
             {"incident", ""}}) {
        a["text"] = text;
        auto r = decode(a, d);
        CHECK(typed(r) == expected);
        CHECK(r.inbound->conversation == "a:1xYzPersonalChatIdGoesHere");
    }
    a["text"] = "";
    CHECK_FALSE(decode(a, d).inbound);  // an attachment without text
}

TEST_CASE("HTML text is made plain: tags stripped, entities decoded, whitespace collapsed") {
    Directory d;
    auto a = channel_message("");
    a["text"] =
        "<p><at>firebreak</at>&nbsp;update DB &amp; cache &lt;slow&gt;<br>still \n\t looking</p>"
        "<div>next: <b>sev</b>2 &#x1F525; &#233;t&eacute;</div>";
    CHECK(typed(decode(a, d)) ==
          "update DB & cache <slow> still looking next: sev2 \xF0\x9F\x94\xA5 \xC3\xA9t&eacute;");
    // A '<' that opens no tag, an '&' that opens no entity: text as typed.
    a["text"] = "<at>firebreak</at> note p95 < 200ms & falling \xC2\xA0 fast";
    CHECK(typed(decode(a, d)) == "note p95 < 200ms & falling fast");
    // A NUL written as an entity never reaches a command.
    a["text"] = "<at>firebreak</at> note a&#0;b";
    CHECK(typed(decode(a, d)) == "note a b");
}

TEST_CASE("typed text that looks like a mention never becomes one") {
    Directory d;
    auto a = channel_message("");
    // Escaped, raw and half-escaped: each stays text, so no role goes to a made-up id.
    a["text"] = "<at>firebreak</at> ic &lt;@00000000-0000-0000-0000-000000000009&gt;";
    CHECK(typed(decode(a, d)) == "ic < @00000000-0000-0000-0000-000000000009>");
    a["text"] = "<at>firebreak</at> tl <@x')/y> and <#C1> and &lt;&#64;z&gt;";
    std::string text = typed(decode(a, d));
    CHECK(text.find("<@") == std::string::npos);
    CHECK(text.find("<#") == std::string::npos);
}

TEST_CASE("mentions of people become <@ENTRA-ID> through the directory") {
    Directory d;
    d.remember({kGrace, "29:grace-member", "Grace Hopper"});
    auto a = channel_message("tl <at>Grace Hopper</at>");
    a["entities"].push_back(mention("29:grace-member", "Grace Hopper"));
    auto r = decode(a, d);
    CHECK(typed(r) == std::string("tl <@") + kGrace + ">");
    CHECK(r.unknown_mentions.empty());
}

TEST_CASE("a mention entity carrying an aadObjectId is used and remembered") {
    Directory d;
    auto a = channel_message("ic <at>Grace</at> comms <at>Ada Lovelace</at>");
    auto grace = mention("29:grace-member", "Grace");
    grace["mentioned"]["aadObjectId"] = kGrace;
    auto ada = mention("29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada", "Ada Lovelace");
    a["entities"].push_back(grace);
    a["entities"].push_back(ada);  // known from `from` only after this activity
    auto r = decode(a, d);
    CHECK(typed(r) == std::string("ic <@") + kGrace + "> comms @Ada Lovelace");
    CHECK(r.unknown_mentions == std::vector<std::string>{"29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada"});
    REQUIRE(d.by_member_id("29:grace-member"));
    CHECK(d.by_member_id("29:grace-member")->aad_id == kGrace);
    // Decoded again once the endpoint knows her: the same words with her id.
    CHECK(typed(decode(a, d)) == std::string("ic <@") + kGrace + "> comms <@" + kAda + ">");
}

TEST_CASE("an unknown mention stays @Name and is listed for the endpoint to look up") {
    Directory d;
    auto a =
        channel_message("handover ic <at>Grace Hopper</at> db is back, ask <at>Grace Hopper</at>");
    a["entities"].push_back(mention("29:grace-member", "Grace Hopper"));
    a["entities"].push_back(mention("29:grace-member", "Grace Hopper"));
    auto r = decode(a, d);
    CHECK(typed(r) == "handover ic @Grace Hopper db is back, ask @Grace Hopper");
    CHECK(r.unknown_mentions == std::vector<std::string>{"29:grace-member"});
    d.remember({kGrace, "29:grace-member", "Grace Hopper"});
    r = decode(a, d);
    CHECK(typed(r) ==
          std::string("handover ic <@") + kGrace + "> db is back, ask <@" + kGrace + ">");
    CHECK(r.unknown_mentions.empty());
}

TEST_CASE("a mention's claimed aadObjectId that is not an Entra id is never markup") {
    Directory d;
    auto a = channel_message("tl <at>Eve</at>");
    auto eve = mention("29:eve", "Eve");
    eve["mentioned"]["aadObjectId"] = "x> <@0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";
    a["entities"].push_back(eve);
    auto r = decode(a, d);
    CHECK(typed(r) == "tl @Eve");
    CHECK(r.unknown_mentions == std::vector<std::string>{"29:eve"});
    CHECK_FALSE(d.by_member_id("29:eve"));
}

TEST_CASE("malformed bodies are refused and teach the directory nothing") {
    Directory d;
    DecodeSettings s;
    auto refused = [&](const std::string& body) {
        auto r = decode_activity(body, s, kNow, d);
        CHECK_FALSE(r.inbound);
        return r.refusal.value_or("");
    };
    CHECK(refused("{\"type\":") == "the activity is not JSON");
    CHECK(refused("") == "the activity is not JSON");
    CHECK(refused("[1,2]") == "the activity is not a JSON object");
    CHECK(refused(std::string(100000, '[') + std::string(100000, ']')) ==
          "the activity nests too deeply");

    auto no_from = channel_message("help");
    no_from.erase("from");
    CHECK(refused(no_from.dump()) == "the activity has no from.id");
    auto bad_id = channel_message("help");
    bad_id["id"] = 42;
    CHECK(refused(bad_id.dump()) == "the activity has no id");
    auto no_type = channel_message("help");
    no_type["type"] = json::array();
    CHECK(refused(no_type.dump()) == "the activity has no type");
    auto no_url = channel_message("help");
    no_url.erase("serviceUrl");
    CHECK(refused(no_url.dump()) == "the activity has no serviceUrl");
    auto no_conversation = channel_message("help");
    no_conversation["conversation"] = "19:x";
    CHECK(refused(no_conversation.dump()) == "the activity has no conversation.id");

    // A message from someone without an Entra id (another bot, a guest without one).
    auto no_person = channel_message("declare x");
    no_person["from"].erase("aadObjectId");
    no_person["entities"].push_back(
        {{"type", "mention"},
         {"text", "<at>G</at>"},
         {"mentioned", {{"id", "29:g"}, {"name", "G"}, {"aadObjectId", kGrace}}}});
    CHECK(refused(no_person.dump()) == "the activity names no person (from.aadObjectId)");
    CHECK_FALSE(d.by_member_id("29:g"));
    CHECK(d.service_url_of(kThread, "none") == "none");
    CHECK_FALSE(d.by_aad_id(kAda));
}

TEST_CASE("activity types firebreak does not act on are answered and ignored") {
    Directory d;
    for (const char* type : {"typing", "endOfConversation", "event", "messageUpdate"}) {
        auto r = decode(activity(type), d);
        CHECK_FALSE(r.refusal);
        CHECK_FALSE(r.inbound);
        CHECK_FALSE(r.invoke);
    }
    auto unknown_invoke = activity("invoke");
    unknown_invoke["name"] = "task/fetch";
    auto r = decode(unknown_invoke, d);
    CHECK(r.invoke);
    CHECK_FALSE(r.refusal);
    CHECK_FALSE(r.inbound);
    CHECK(r.activity.name == "task/fetch");
}

TEST_CASE("an Entra object id is a GUID") {
    CHECK(is_entra_id(kAda));
    CHECK(is_entra_id("6B8D7A3E-1F2C-4C5D-9E8F-0A1B2C3D4E5F"));
    CHECK_FALSE(is_entra_id(""));
    CHECK_FALSE(is_entra_id("29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada"));
    CHECK_FALSE(is_entra_id("6b8d7a3e-1f2c-4c5d-9e8f-0a1b2c3d4e5g"));
    CHECK_FALSE(is_entra_id("6b8d7a3e1f2c-4c5d-9e8f-0a1b2c3d4e5f-"));
}

TEST_CASE("a hostile megabyte of text decodes in one pass, as typed") {
    Directory d;
    std::string junk;
    for (int i = 0; i < 300000; ++i) junk += "<a&";
    auto a = channel_message("note " + junk);
    CHECK(typed(decode(a, d)) == "note " + junk);

    std::string many;
    for (int i = 0; i < 100000; ++i) many += "<at>G</at>";
    a = channel_message("note " + many);
    for (int i = 0; i < 500; ++i) a["entities"].push_back(mention("29:g" + std::to_string(i), "G"));
    auto r = decode(a, d);
    REQUIRE(r.inbound);
    // Only the first 100 entities are matched (the bot's among them): 99 people to look up.
    CHECK(r.unknown_mentions.size() == 99);
    CHECK(typed(r).size() == std::string("note ").size() + 2 * 100000);
}
