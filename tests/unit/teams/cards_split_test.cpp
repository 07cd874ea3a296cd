#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

#include "cards_test_people.hpp"
#include "firebreak/teams/cards.hpp"

using firebreak::chat::Message;
using nlohmann::json;
using namespace cards_test;
namespace teams = firebreak::teams;

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
