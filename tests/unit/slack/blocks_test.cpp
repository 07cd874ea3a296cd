#include "firebreak/slack/blocks.hpp"

#include <catch2/catch.hpp>

using namespace firebreak;
using nlohmann::json;

TEST_CASE("mrkdwn escapes &, < and > but keeps user and channel references") {
    CHECK(slack::to_mrkdwn("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d");
    CHECK(slack::to_mrkdwn("ask <@U123> in <#C9|ops>") == "ask <@U123> in <#C9|ops>");
    CHECK(slack::to_mrkdwn("<!channel> look") == "<!channel> look");  // the bot's own {who}
    CHECK(slack::to_mrkdwn("<!subteam^S1> look") == "&lt;!subteam^S1&gt; look");
    CHECK(slack::to_mrkdwn("<https://evil|click>") == "&lt;https://evil|click&gt;");
}

TEST_CASE("broadcasts people type are defused into plain words") {
    CHECK(slack::defuse_broadcasts("<!channel> db is down, <!here|here> too") ==
          "@channel db is down, @here too");
    CHECK(slack::defuse_broadcasts("ask <@U1>") == "ask <@U1>");
    CHECK(slack::defuse_broadcasts("unclosed <!chan") == "unclosed <!chan");
}

TEST_CASE("command text from Slack is unescaped back to what was typed") {
    CHECK(slack::unescape("x &lt; y &amp;&amp; z &gt; 0 &amp;lt;") == "x < y && z > 0 &lt;");
}

TEST_CASE("long text is split at line ends within the section limit") {
    std::string text;
    for (int i = 0; i < 400; ++i) text += "line " + std::to_string(i) + " of the timeline\n";
    auto pieces = slack::split_text(text, 3000);
    REQUIRE(pieces.size() > 1);
    std::string joined;
    for (const auto& p : pieces) {
        CHECK(p.size() <= 3000);
        joined += (joined.empty() ? "" : "\n") + p;  // each cut consumed one line end
    }
    CHECK(joined == text);
}

TEST_CASE("a long line is cut between UTF-8 characters, never inside one") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "\xE2\x9C\x93";  // ✓, 3 bytes each
    for (const auto& p : slack::split_text(text, 3000 - 1)) {
        CHECK(p.size() <= 2999);
        CHECK(p.size() % 3 == 0);
    }
}

TEST_CASE("a message renders as sections, fields, buttons, pickers and a footer") {
    chat::Message m;
    m.text = "*[SEV1] Checkout down*";
    m.fields = {{"Status", "investigating"}, {"Incident Commander", "<@U1>"}};
    m.buttons = {{"Claim TL", "tl me", chat::ButtonStyle::primary},
                 {"Post update", "update", chat::ButtonStyle::normal}};
    m.pickers = {{"Assign Tech Lead", "tl"}};
    m.footer = "This is a drill.";
    json out = slack::render(m);
    CHECK(out["text"] == "*[SEV1] Checkout down*");
    const json& blocks = out["blocks"];
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0]["text"]["text"] == "*[SEV1] Checkout down*");
    CHECK(blocks[1]["fields"].size() == 2);
    CHECK(blocks[1]["fields"][1]["text"] == "*Incident Commander*\n<@U1>");
    const json& elements = blocks[2]["elements"];
    REQUIRE(elements.size() == 3);
    CHECK(elements[0]["value"] == "tl me");
    CHECK(elements[0]["style"] == "primary");
    CHECK_FALSE(elements[1].contains("style"));
    CHECK(elements[1]["action_id"] != elements[0]["action_id"]);
    CHECK(elements[2]["type"] == "users_select");
    CHECK(elements[2]["action_id"] == "pick:tl");
    CHECK(blocks[3]["type"] == "context");
}

TEST_CASE("a huge message stays within 50 blocks and 3000 characters a section") {
    chat::Message m;
    for (int i = 0; i < 3000; ++i)
        m.text += "entry " + std::to_string(i) + ": something happened\n";
    for (int i = 0; i < 120; ++i) m.fields.push_back({"f" + std::to_string(i), "v"});
    json out = slack::render(std::vector<chat::Message>{m, m});
    const json& blocks = out["blocks"];
    CHECK(blocks.size() <= slack::kMaxBlocks);
    for (const auto& b : blocks)
        if (b.contains("text")) CHECK(b["text"]["text"].get<std::string>().size() <= 3000);
    CHECK(blocks.back()["type"] == "context");  // says what was left out
    CHECK(out["text"].get<std::string>().size() <= 3000);
}
