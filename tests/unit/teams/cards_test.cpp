#include "firebreak/teams/cards.hpp"

#include <catch2/catch.hpp>

using firebreak::chat::Button;
using firebreak::chat::ButtonStyle;
using firebreak::chat::Message;
using firebreak::teams::Directory;
using nlohmann::json;
namespace teams = firebreak::teams;

namespace {

constexpr const char* kAda = "8d9c5b7e-0000-4000-8000-00000000ada1";
constexpr const char* kBob = "8d9c5b7e-0000-4000-8000-000000000b0b";

/// A directory that knows Ada and Bob (a Directory holds a mutex: it cannot be returned).
struct People : Directory {
    People() {
        remember({kAda, "29:ada", "Ada Lovelace"});
        remember({kBob, "29:bob", "Bob"});
    }
};

/// As app's views::summary builds it for a live SEV2 with an IC and no TL or Comms.
Message summary_message() {
    Message m;
    m.text = "*SEV2 · checkout is failing* (investigating)";
    m.fields = {{"Incident", "inc-2026-12-01-checkout"},
                {"Status", "investigating"},
                {"Incident Commander", std::string("<@") + kAda + ">"},
                {"Tech Lead", "nobody yet"},
                {"Communications Lead", "nobody yet"},
                {"Declared", std::string("2026-12-01 15:02 UTC by <@") + kBob + ">"}};
    m.buttons = {{"Claim TL", "tl me", ButtonStyle::primary},
                 {"Claim Comms", "comms me", ButtonStyle::primary},
                 {"Post update", "update", ButtonStyle::normal},
                 {"Resolve", "resolve", ButtonStyle::danger}};
    m.pickers = {{"Assign Incident Commander", "ic"},
                 {"Assign Tech Lead", "tl"},
                 {"Assign Communications Lead", "comms"}};
    m.footer = "This is a drill.";
    return m;
}

/// Every element of `body` (ActionSets' actions excluded) whose type is `type`.
std::vector<json> of_type(const json& body, std::string_view type) {
    std::vector<json> out;
    for (const auto& e : body)
        if (e.value("type", "") == type) out.push_back(e);
    return out;
}

std::vector<json> actions_of(const json& body) {
    std::vector<json> out;
    for (const auto& set : of_type(body, "ActionSet"))
        for (const auto& a : set["actions"]) out.push_back(a);
    return out;
}

}  // namespace

TEST_CASE("the summary is a 1.5 card: headline, a FactSet, Claim buttons and people pickers") {
    People names;
    json card = teams::message_card(summary_message(), names);
    CHECK(card["type"] == "AdaptiveCard");
    CHECK(card["version"] == "1.5");
    const json& body = card["body"];
    REQUIRE(body.size() >= 2);
    CHECK(body[0]["type"] == "TextBlock");
    CHECK(body[0]["text"] == "**SEV2 · checkout is failing** (investigating)");
    CHECK(body[0]["wrap"] == true);

    auto facts = of_type(body, "FactSet");
    REQUIRE(facts.size() == 1);
    const json& f = facts[0]["facts"];
    REQUIRE(f.size() == 6);
    CHECK(f[0] == json{{"title", "Incident"}, {"value", "inc-2026-12-01-checkout"}});
    CHECK(f[2]["value"] == "<at>Ada Lovelace</at>");
    CHECK(f[5]["value"] == "2026-12-01 15:02 UTC by <at>Bob</at>");

    auto actions = actions_of(body);
    REQUIRE(actions.size() == 4 + 3);
    CHECK(actions[0]["type"] == "Action.Execute");
    CHECK(actions[0]["title"] == "Claim TL");
    CHECK(actions[0]["verb"] == "firebreak");
    CHECK(actions[0]["style"] == "positive");
    CHECK(actions[0]["data"] == json{{"firebreak", {{"command", "tl me"}}}});
    CHECK(actions[2]["data"]["firebreak"]["command"] == "update");
    CHECK_FALSE(actions[2].contains("style"));
    CHECK(actions[3]["style"] == "destructive");
    for (const auto& a : actions) {
        CHECK(a["fallback"]["type"] == "Action.Submit");
        CHECK(a["fallback"]["data"] == a["data"]);
        CHECK(a["fallback"]["title"] == a["title"]);
    }

    auto pickers = of_type(body, "Input.ChoiceSet");
    REQUIRE(pickers.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(pickers[i]["id"] == "picker." + std::to_string(i));
        CHECK(pickers[i]["choices.data"]["type"] == "Data.Query");
        CHECK(pickers[i]["choices.data"]["dataset"] ==
              "graph.microsoft.com/users?scope=currentContext");
        CHECK(pickers[i]["isMultiSelect"] == false);
    }
    CHECK(pickers[1]["label"] == "Assign Tech Lead");
    CHECK(actions[5]["title"] == "Assign Tech Lead");
    CHECK(actions[5]["data"] == json{{"firebreak", {{"picker", "tl"}, {"input", "picker.1"}}}});
    CHECK(actions[5]["fallback"]["data"] == actions[5]["data"]);

    const json& footer = body.back();
    CHECK(footer["type"] == "TextBlock");
    CHECK(footer["text"] == "This is a drill.");
    CHECK(footer["size"] == "small");
    CHECK(footer["isSubtle"] == true);
}

TEST_CASE("every mention in a card has one msteams entity with the Entra id and the name") {
    People names;
    Message m;
    m.text = std::string("<@") + kAda + "> and <@" + kBob + "> take over from <@" + kAda +
             ">; <@unknown-id> was paged";
    json card = teams::message_card(m, names);
    CHECK(card["body"][0]["text"] ==
          "<at>Ada Lovelace</at> and <at>Bob</at> take over from <at>Ada Lovelace</at>; "
          "<at>someone</at> was paged");
    const json& entities = card["msteams"]["entities"];
    REQUIRE(entities.size() == 3);
    CHECK(entities[0] == json{{"type", "mention"},
                              {"text", "<at>Ada Lovelace</at>"},
                              {"mentioned", {{"id", kAda}, {"name", "Ada Lovelace"}}}});
    CHECK(entities[1]["mentioned"]["id"] == kBob);
    CHECK(entities[2]["mentioned"]["id"] == "unknown-id");
    CHECK(entities[2]["text"] == "<at>someone</at>");
}

TEST_CASE("a display name cannot break out of its <at> tag") {
    Directory names;
    names.remember({kAda, "29:ada", "<b>Ada</at>\nX"});
    Message m;
    m.text = std::string("hi <@") + kAda + ">";
    json card = teams::message_card(m, names);
    CHECK(card["body"][0]["text"] == "hi <at>bAda/atX</at>");
    CHECK(card["msteams"]["entities"][0]["mentioned"]["name"] == "bAda/atX");
}

TEST_CASE("markup becomes Teams Markdown and other Markdown is shown as typed") {
    Directory names;
    auto text_of = [&](std::string text) {
        Message m;
        m.text = std::move(text);
        return teams::message_card(m, names)["body"][0]["text"].get<std::string>();
    };
    CHECK(text_of("*bold* and *two words*") == "**bold** and **two words**");
    CHECK(text_of("2 * 3 * 4") == "2 \\* 3 \\* 4");
    CHECK(text_of("snake_case_name [link](x) back\\slash") ==
          "snake\\_case\\_name \\[link\\](x) back\\\\slash");
    CHECK(text_of("- not a list") == "\\- not a list");
    CHECK(text_of("12. not numbered") == "12\\. not numbered");
    CHECK(text_of("*a_b*") == "**a\\_b**");
    CHECK(text_of(std::string("*<@") + kAda + ">*") == "**<at>someone</at>**");
}

TEST_CASE("each line of text is its own TextBlock, a blank line leaves a gap") {
    Directory names;
    Message m;
    m.text = "first\nsecond\r\n\nthird";
    json body = teams::message_card(m, names)["body"];
    REQUIRE(body.size() == 3);
    CHECK(body[0]["text"] == "first");
    CHECK_FALSE(body[0].contains("spacing"));
    CHECK(body[1]["text"] == "second");
    CHECK(body[1]["spacing"] == "none");
    CHECK(body[2]["text"] == "third");
    CHECK(body[2]["spacing"] == "medium");
}

TEST_CASE("more than six buttons go in several ActionSets") {
    Directory names;
    Message m;
    for (int i = 0; i < 8; ++i)
        m.buttons.push_back({"B" + std::to_string(i), "c" + std::to_string(i)});
    json body = teams::message_card(m, names)["body"];
    auto sets = of_type(body, "ActionSet");
    REQUIRE(sets.size() == 2);
    CHECK(sets[0]["actions"].size() == 6);
    CHECK(sets[1]["actions"].size() == 2);
    CHECK(sets[1]["actions"][1]["data"]["firebreak"]["command"] == "c7");
}

TEST_CASE("a message activity carries the card and a plain notification text with mentions") {
    People names;
    Message m = summary_message();
    m.text = std::string("*Paged:* <@") + kAda + "> for 2 * 3 things";
    json a = teams::message_activity(m, names);
    CHECK(a["type"] == "message");
    CHECK(a["text"] == "Paged: <at>Ada Lovelace</at> for 2 * 3 things");
    REQUIRE(a["attachments"].size() == 1);
    CHECK(a["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
    CHECK(a["attachments"][0]["content"] == teams::message_card(m, names));
    // Only the people the text names: Bob is mentioned in a field, which the card covers.
    REQUIRE(a["entities"].size() == 1);
    CHECK(a["entities"][0]["mentioned"]["id"] == kAda);
    CHECK(a["attachments"][0]["content"]["msteams"]["entities"].size() == 2);
}

TEST_CASE("a message without text is announced by its footer") {
    Directory names;
    Message m;
    m.fields = {{"Status", "resolved"}};
    m.footer = "This is a drill.";
    json a = teams::message_activity(m, names);
    CHECK(a["text"] == "This is a drill.");
    CHECK(a["entities"].empty());
    CHECK_FALSE(a["attachments"][0]["content"]["msteams"].contains("entities"));
}

TEST_CASE("invoke answers replace the card, show a message, or refuse") {
    json card{{"type", "AdaptiveCard"}, {"version", "1.5"}, {"body", json::array()}};
    CHECK(teams::invoke_card(card) == json{{"statusCode", 200},
                                           {"type", "application/vnd.microsoft.card.adaptive"},
                                           {"value", card}});
    CHECK(teams::invoke_message("Done.") ==
          json{{"statusCode", 200},
               {"type", "application/vnd.microsoft.activity.message"},
               {"value", "Done."}});
    CHECK(teams::invoke_error(400, "BadRequest", "That form has expired.") ==
          json{{"statusCode", 400},
               {"type", "application/vnd.microsoft.error"},
               {"value", {{"code", "BadRequest"}, {"message", "That form has expired."}}}});
}

TEST_CASE("teams_size counts UTF-16 code units of the JSON") {
    CHECK(teams::teams_size(json{{"t", "ab"}}) == std::string(R"({"t":"ab"})").size());
    CHECK(teams::teams_size(json{{"t", "é"}}) == 9);   // 2 bytes, 1 unit
    CHECK(teams::teams_size(json{{"t", "€"}}) == 9);   // 3 bytes, 1 unit
    CHECK(teams::teams_size(json{{"t", "😀"}}) == 10);  // 4 bytes, 2 units (a surrogate pair)
    CHECK(teams::teams_size(json{{"t", std::string("\xff")}}) == 9);  // sent as U+FFFD
}
