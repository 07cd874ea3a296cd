// chat::serialize writes the outbox's message JSON directly: the same bytes the json
// library wrote before, for any text people may type, and deserialize() reads it back.
#include "firebreak/chat/message.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "firebreak/chat/json_text.hpp"

using namespace firebreak::chat;
using nlohmann::json;

namespace {

/// What serialize() wrote when it went through a json value: the oracle.
std::string through_json(const Message& m) {
    auto style = [](ButtonStyle s) {
        return s == ButtonStyle::primary  ? "primary"
               : s == ButtonStyle::danger ? "danger"
                                          : "normal";
    };
    json j{{"text", m.text}};
    if (!m.fields.empty()) {
        json fields = json::array();
        for (const auto& f : m.fields) fields.push_back({{"label", f.label}, {"value", f.value}});
        j["fields"] = std::move(fields);
    }
    if (!m.buttons.empty()) {
        json buttons = json::array();
        for (const auto& b : m.buttons)
            buttons.push_back(
                {{"label", b.label}, {"command", b.command}, {"style", style(b.style)}});
        j["buttons"] = std::move(buttons);
    }
    if (!m.pickers.empty()) {
        json pickers = json::array();
        for (const auto& p : m.pickers)
            pickers.push_back({{"label", p.label}, {"command", p.command}});
        j["pickers"] = std::move(pickers);
    }
    if (!m.footer.empty()) j["footer"] = m.footer;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Message full_message(const std::string& text) {
    Message m;
    m.text = text;
    m.fields = {{"Severity", "SEV1"}, {text, text}};
    m.buttons = {{"Ack", "ack", ButtonStyle::primary},
                 {text, text, ButtonStyle::danger},
                 {"Note", "note", ButtonStyle::normal}};
    m.pickers = {{"Tech Lead", "tl"}, {text, text}};
    m.footer = text;
    return m;
}

/// Random bytes, biased towards the ones JSON and UTF-8 treat specially.
std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {"a",
                                                    "Z",
                                                    " ",
                                                    "\"",
                                                    "\\",
                                                    "/",
                                                    "\n",
                                                    "\t",
                                                    "\r",
                                                    "\b",
                                                    "\f",
                                                    std::string(1, '\0'),
                                                    "\x01",
                                                    "\x1f",
                                                    "\x7f",
                                                    "é",
                                                    "€",
                                                    "😀",
                                                    "\xc3",
                                                    "\x80",
                                                    "\xbf",
                                                    "\xc0\x80",
                                                    "\xed\xa0\x80",
                                                    "\xef\xbf\xbd",
                                                    "\xf4\x8f\xbf\xbf",
                                                    "\xf4\x90\x80\x80",
                                                    "\xf5",
                                                    "\xff",
                                                    "\xe2\x82",
                                                    "\xf0\x9f\x98",
                                                    "<@U123>",
                                                    "*bold*"};
    std::uniform_int_distribution<std::size_t> length(0, 12);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string text;
    for (std::size_t n = length(rng); n > 0; --n)
        text += n % 5 == 0 ? std::string(1, static_cast<char>(byte(rng))) : pieces[pick(rng)];
    return text;
}

}  // namespace

TEST_CASE("a message is written as the json library wrote it, keys in its order") {
    Message plain;
    plain.text = "Declared SEV2: checkout is down";
    CHECK(serialize(plain) == R"({"text":"Declared SEV2: checkout is down"})");
    CHECK(serialize(plain) == through_json(plain));

    Message m = full_message("x");
    CHECK(serialize(m) ==
          R"({"buttons":[{"command":"ack","label":"Ack","style":"primary"},)"
          R"({"command":"x","label":"x","style":"danger"},)"
          R"({"command":"note","label":"Note","style":"normal"}],)"
          R"("fields":[{"label":"Severity","value":"SEV1"},{"label":"x","value":"x"}],)"
          R"("footer":"x","pickers":[{"command":"tl","label":"Tech Lead"},)"
          R"({"command":"x","label":"x"}],"text":"x"})");
    CHECK(serialize(m) == through_json(m));
    CHECK(serialize(Message{}) == through_json(Message{}));
}

TEST_CASE("quotes, backslashes and control characters are escaped as the library does") {
    std::string every_control;
    for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
    for (const std::string& text :
         {std::string("say \"hi\" \\ back"), every_control, std::string("\x7f and / stay"),
          std::string("naïve café € 😀 日本"), std::string("a\0b", 3)}) {
        const Message m = full_message(text);
        CHECK(serialize(m) == through_json(m));
        REQUIRE(deserialize(serialize(m)));
        CHECK(*deserialize(serialize(m)) == m);
    }
    std::string out;
    append_json_string(out, std::string("\x01\n\x1f", 3));
    CHECK(out == R"("\u0001\n\u001f")");
}

TEST_CASE("text that is not UTF-8 gets U+FFFD where the library put it") {
    for (const std::string& text :
         {std::string("\xc3"), std::string("abc\x80"), std::string("\xc0\x80"),
          std::string("\xed\xa0\x80 surrogate"), std::string("\xf4\x90\x80\x80"),
          std::string("\xf5\xff"), std::string("cut \xe2\x82"), std::string("\xf0\x9f\x98")}) {
        CHECK_FALSE(is_valid_utf8(text));
        const Message m = full_message(text);
        CHECK(serialize(m) == through_json(m));
        CHECK(deserialize(serialize(m)));
    }
    CHECK(is_valid_utf8("\xef\xbf\xbd \xf4\x8f\xbf\xbf \xc2\x80 \xe0\xa0\x80 \xf0\x90\x80\x80"));
}

TEST_CASE("for random text of every kind, the bytes match the library's") {
    std::mt19937 rng(20261202);
    for (int i = 0; i < 3000; ++i) {
        Message m;
        m.text = random_text(rng);
        if (i % 2 == 0) m.fields = {{random_text(rng), random_text(rng)}};
        if (i % 3 == 0) m.buttons = {{random_text(rng), random_text(rng), ButtonStyle::danger}};
        if (i % 5 == 0) m.pickers = {{random_text(rng), random_text(rng)}};
        if (i % 7 == 0) m.footer = random_text(rng);
        const std::string written = serialize(m);
        REQUIRE(written == through_json(m));
        // Valid UTF-8 exactly when the library's own parser takes the text back.
        const bool parses = json::accept("\"" + m.text + "\"");
        const bool plain = m.text.find_first_of(std::string("\"\\\0\x01\x02\x03\x04\x05\x06\x07"
                                                            "\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                                                            "\x10\x11\x12\x13\x14\x15\x16\x17"
                                                            "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
                                                            34)) == std::string::npos;
        if (plain) CHECK(is_valid_utf8(m.text) == parses);
        REQUIRE(deserialize(written));
        if (is_valid_utf8(written)) CHECK(serialize(*deserialize(written)) == written);
    }
}
