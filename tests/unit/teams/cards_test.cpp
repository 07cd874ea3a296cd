#include "firebreak/teams/cards.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

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

namespace {

using firebreak::chat::FieldKind;
using firebreak::chat::Form;

/// A form with one field of every kind, like app's declare and handover forms together.
Form every_kind_form() {
    Form f;
    f.id = "declare";
    f.title = "Declare an incident";
    f.submit_label = "Declare";
    f.context = {{"conversation", "19:abc@thread.tacv2"}, {"role", "tl"}};
    f.fields = {
        {"title", FieldKind::text, "Title", false, 80, "", {}},
        {"what", FieldKind::multiline, "What is broken", true, 0, "checkout", {}},
        {"severity",
         FieldKind::select,
         "Severity",
         false,
         0,
         "sev2",
         {{"sev1", "SEV1", "Critical: customers cannot pay"}, {"sev2", "SEV2", ""}}},
        {"drill", FieldKind::checkbox, "This is a drill", true, 0, "", {}},
        {"since", FieldKind::datetime, "Impact started", true, 0, "", {}},
        {"to", FieldKind::user, "Hand over to", false, 0, "", {}},
    };
    return f;
}

json find_input(const json& body, std::string_view id) {
    for (const auto& e : body)
        if (e.value("id", "") == id) return e;
    FAIL("no input " << id);
    return {};
}

/// The element right after the input `id`.
json after(const json& body, std::string_view id) {
    for (std::size_t i = 0; i + 1 < body.size(); ++i)
        if (body[i].value("id", "") == id) return body[i + 1];
    return {};
}

}  // namespace

TEST_CASE("a form card has an input of the right kind for every field") {
    People names;
    json card = teams::form_card(every_kind_form(), {}, {}, names);
    CHECK(card["version"] == "1.5");
    const json& body = card["body"];
    CHECK(body[0]["text"] == "Declare an incident");
    CHECK(body[0]["weight"] == "bolder");

    json title = find_input(body, "field.title");
    CHECK(title["type"] == "Input.Text");
    CHECK(title["label"] == "Title");
    CHECK(title["maxLength"] == 80);
    CHECK(title["isRequired"] == true);
    CHECK(title["errorMessage"] == "Title is required.");
    CHECK_FALSE(title.contains("isMultiline"));
    CHECK_FALSE(title.contains("value"));

    json what = find_input(body, "field.what");
    CHECK(what["isMultiline"] == true);
    CHECK_FALSE(what.contains("maxLength"));  // 0: Teams' own limit
    CHECK_FALSE(what.contains("isRequired"));
    CHECK(what["value"] == "checkout");  // the initial value

    json severity = find_input(body, "field.severity");
    CHECK(severity["type"] == "Input.ChoiceSet");
    CHECK(severity["style"] == "compact");
    CHECK(severity["isMultiSelect"] == false);
    CHECK(severity["choices"] ==
          json::array({{{"title", "SEV1 — Critical: customers cannot pay"}, {"value", "sev1"}},
                       {{"title", "SEV2"}, {"value", "sev2"}}}));
    CHECK(severity["value"] == "sev2");

    json drill = find_input(body, "field.drill");
    CHECK(drill["type"] == "Input.Toggle");
    CHECK(drill["title"] == "This is a drill");
    CHECK(drill["valueOn"] == "true");
    CHECK(drill["valueOff"] == "");
    CHECK(drill["value"] == "");

    json date = find_input(body, "field.since.date");
    json time = find_input(body, "field.since.time");
    CHECK(date["type"] == "Input.Date");
    CHECK(time["type"] == "Input.Time");
    CHECK(time["label"].get<std::string>().find("UTC") != std::string::npos);
    CHECK_FALSE(date.contains("isRequired"));

    json to = find_input(body, "field.to");
    CHECK(to["type"] == "Input.ChoiceSet");
    CHECK(to["isMultiSelect"] == false);
    CHECK(to["choices.data"] ==
          json{{"type", "Data.Query"},
               {"dataset", "graph.microsoft.com/users?scope=currentContext"}});
    CHECK(to["isRequired"] == true);

    REQUIRE(card["actions"].size() == 1);
    const json& submit = card["actions"][0];
    CHECK(submit["type"] == "Action.Execute");
    CHECK(submit["verb"] == "firebreak");
    CHECK(submit["title"] == "Declare");
    CHECK(submit["data"] ==
          json{{"firebreak",
                {{"form", "declare"},
                 {"context", {{"conversation", "19:abc@thread.tacv2"}, {"role", "tl"}}}}}});
    CHECK(submit["fallback"]["type"] == "Action.Submit");
    CHECK(submit["fallback"]["data"] == submit["data"]);
}

TEST_CASE("a refused form keeps what was entered and shows each error under its field") {
    People names;
    firebreak::chat::FieldErrors errors{{"title", "Give the incident a short title."},
                                        {"since", "The impact cannot start in the future."},
                                        {"gone", "This form lost its role; open it again."}};
    firebreak::chat::FieldValues values{
        {"title", ""},     {"what", "payments *down*"},       {"severity", "sev1"},
        {"drill", "true"}, {"since", "2026-12-02T09:30:00Z"}, {"to", kAda}};
    json body = teams::form_card(every_kind_form(), errors, values, names)["body"];
    // An error for no field sits under the title.
    CHECK(body[1]["type"] == "TextBlock");
    CHECK(body[1]["text"] == "This form lost its role; open it again.");
    CHECK(body[1]["color"] == "attention");

    CHECK_FALSE(find_input(body, "field.title").contains("value"));  // entered empty
    json title_error = after(body, "field.title");
    CHECK(title_error["type"] == "TextBlock");
    CHECK(title_error["text"] == "Give the incident a short title.");
    CHECK(title_error["color"] == "attention");

    CHECK(find_input(body, "field.what")["value"] == "payments *down*");
    CHECK(after(body, "field.what").value("type", "") != "TextBlock");  // no error: no text
    CHECK(find_input(body, "field.severity")["value"] == "sev1");
    CHECK(find_input(body, "field.drill")["value"] == "true");
    CHECK(find_input(body, "field.since.date")["value"] == "2026-12-02");
    CHECK(find_input(body, "field.since.time")["value"] == "09:30");
    CHECK(after(body, "field.since.time")["text"] == "The impact cannot start in the future.");

    json to = find_input(body, "field.to");
    CHECK(to["value"] == kAda);
    CHECK(to["choices"] == json::array({{{"title", "Ada Lovelace"}, {"value", kAda}}}));
}

TEST_CASE("a datetime value that does not read as one leaves the inputs empty") {
    Directory names;
    json body = teams::form_card(every_kind_form(), {}, {{"since", "tomorrow-ish"}}, names)["body"];
    CHECK_FALSE(find_input(body, "field.since.date").contains("value"));
    CHECK_FALSE(find_input(body, "field.since.time").contains("value"));
}

TEST_CASE("a form activity posts the fresh form card") {
    Directory names;
    Form f = every_kind_form();
    json a = teams::form_activity(f, names);
    CHECK(a["type"] == "message");
    CHECK(a["text"] == "Declare an incident");
    CHECK(a["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
    CHECK(a["attachments"][0]["content"] == teams::form_card(f, {}, {}, names));
}

namespace {

std::string without_spaces(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n') out += c;
    return out;
}

bool valid_utf8(std::string_view s) {
    try {
        (void)json(std::string(s)).dump();
        return true;
    } catch (const json::exception&) {
        return false;
    }
}

}  // namespace

TEST_CASE("a message that fits is not split") {
    People names;
    Message m = summary_message();
    auto parts = teams::split_message(m, names);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0] == m);
}

TEST_CASE("a long message splits into parts under the limit, losing nothing") {
    People names;
    Message m = summary_message();
    std::string text;
    for (int i = 0; i < 400; ++i)
        text += "Paragraph " + std::to_string(i) + ": the café’s checkout 😀 fails for <@" + kAda +
                "> again.\n" + (i % 3 == 0 ? "\n" : "");
    m.text = text;
    const std::size_t limit = 6000;
    auto parts = teams::split_message(m, names, limit);
    REQUIRE(parts.size() > 3);
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        INFO("part " << i);
        CHECK(teams::teams_size(teams::message_activity(parts[i], names)) < limit);
        CHECK(valid_utf8(parts[i].text));
        joined += parts[i].text;
        if (i + 1 < parts.size()) {
            CHECK(parts[i].fields.empty());
            CHECK(parts[i].buttons.empty());
            CHECK(parts[i].pickers.empty());
            CHECK(parts[i].footer.empty());
        }
    }
    CHECK(without_spaces(joined) == without_spaces(text));
    CHECK(parts.back().fields == m.fields);
    CHECK(parts.back().buttons == m.buttons);
    CHECK(parts.back().pickers == m.pickers);
    CHECK(parts.back().footer == m.footer);
    // Cut at line boundaries: every part but the last ends a paragraph line.
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) CHECK(parts[i].text.ends_with("again."));
}

TEST_CASE("one endless line splits at words, and text without spaces at characters") {
    Directory names;
    const std::size_t limit = 3000;
    Message words;
    for (int i = 0; i < 2000; ++i) words.text += "mot" + std::to_string(i) + " ";
    auto parts = teams::split_message(words, names, limit);
    REQUIRE(parts.size() > 2);
    std::string joined;
    for (const auto& p : parts) {
        CHECK(teams::teams_size(teams::message_activity(p, names)) < limit);
        std::string kept = p.text.substr(0, p.text.find_last_not_of(' ') + 1);
        CHECK(std::isdigit(static_cast<unsigned char>(kept.back())));  // a whole word
        CHECK(p.text.starts_with("mot"));
        joined += p.text + " ";
    }
    CHECK(without_spaces(joined) == without_spaces(words.text));

    Message emoji;
    for (int i = 0; i < 3000; ++i) emoji.text += "😀é";
    parts = teams::split_message(emoji, names, limit);
    REQUIRE(parts.size() > 2);
    joined.clear();
    for (const auto& p : parts) {
        CHECK(teams::teams_size(teams::message_activity(p, names)) < limit);
        CHECK(valid_utf8(p.text));
        joined += p.text;
    }
    CHECK(joined == emoji.text);
}

TEST_CASE("text without spaces is never cut inside a mention") {
    People names;
    Message m;
    for (int i = 0; i < 500; ++i) m.text += std::string("<@") + kAda + ">,<@" + kBob + ">;";
    auto parts = teams::split_message(m, names, 2500);
    REQUIRE(parts.size() > 2);
    std::string joined;
    for (const auto& p : parts) {
        CHECK(teams::teams_size(teams::message_activity(p, names)) < 2500);
        CHECK(std::count(p.text.begin(), p.text.end(), '<') ==
              std::count(p.text.begin(), p.text.end(), '>'));
        CHECK(p.text.starts_with("<@"));
        joined += p.text;
    }
    CHECK(joined == m.text);
}

TEST_CASE("fields too many for one part get parts of their own, in order") {
    Directory names;
    Message m;
    m.text = "Timeline";
    for (int i = 0; i < 200; ++i)
        m.fields.push_back({"Event " + std::to_string(i), std::string(40, 'x')});
    m.buttons = {{"Resolve", "resolve", ButtonStyle::danger}};
    const std::size_t limit = 4000;
    auto parts = teams::split_message(m, names, limit);
    REQUIRE(parts.size() > 2);
    std::vector<firebreak::chat::Field> fields;
    for (const auto& p : parts) {
        CHECK(teams::teams_size(teams::message_activity(p, names)) < limit);
        fields.insert(fields.end(), p.fields.begin(), p.fields.end());
    }
    CHECK(fields == m.fields);
    CHECK(parts.front().text == "Timeline");
    CHECK(parts.back().buttons == m.buttons);
}

TEST_CASE("a single field too long for any part is cut to fit") {
    Directory names;
    Message m;
    m.fields = {{"Log", std::string(10000, 'y')}};
    auto parts = teams::split_message(m, names, 3000);
    REQUIRE(parts.size() == 1);
    CHECK(teams::teams_size(teams::message_activity(parts[0], names)) < 3000);
    CHECK(parts[0].fields[0].value.ends_with("…"));
    CHECK(parts[0].fields[0].value.size() > 2000);
}
