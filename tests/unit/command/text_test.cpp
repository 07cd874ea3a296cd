#include "firebreak/command/text.hpp"

#include <catch2/catch.hpp>

#include "firebreak/command/mention.hpp"

using namespace firebreak::command;

namespace {
std::vector<std::string_view> texts(const std::vector<Word>& words) {
    std::vector<std::string_view> out;
    for (const Word& w : words) out.push_back(w.text);
    return out;
}
}  // namespace

TEST_CASE("words split on any whitespace and remember where they start") {
    const std::string_view text = " a\tbb\n\nccc  ";
    const auto words = split_words(text);
    REQUIRE(words.size() == 3);
    CHECK(words[1].text == "bb");
    CHECK(words[1].offset == 3);
    CHECK(text.substr(words[2].offset, 3) == "ccc");
    CHECK(split_words("   ").empty());
}

TEST_CASE("a Slack markup span with spaces stays one word") {
    CHECK(texts(split_words("ic <@U1|Jane Doe> now")) ==
          std::vector<std::string_view>{"ic", "<@U1|Jane Doe>", "now"});
    CHECK(texts(split_words("owner:<@U1|J D> due:x")) ==
          std::vector<std::string_view>{"owner:<@U1|J D>", "due:x"});
}

TEST_CASE("an unclosed or multi-line angle bracket does not join words") {
    CHECK(texts(split_words("p99 <5ms and rising")).size() == 4);
    CHECK(texts(split_words("a <b\nc> d")).size() == 4);
    CHECK(texts(split_words("a < b > c")).size() == 5);
}

TEST_CASE("people are named by Slack mention, console @name or me") {
    CHECK(resolve_person("<@U123>", "U_ME") == "U123");
    CHECK(resolve_person("<@U123|jane>", "U_ME") == "U123");
    CHECK(resolve_person("@alice", "U_ME") == "alice");
    CHECK(resolve_person("Me", "U_ME") == "U_ME");
    for (std::string_view bad :
         {"alice", "@", "<@>", "<@|x>", "<@U1", "<#C1|general>", "@a<b", "<@U 1>", "", "<@U1>x"}) {
        INFO(bad);
        CHECK_FALSE(resolve_person(bad, "U_ME"));
    }
}

TEST_CASE("severity words are sev and digits in any case") {
    CHECK(is_severity_word("sev1"));
    CHECK(is_severity_word("SEV12"));
    CHECK_FALSE(is_severity_word("sev"));
    CHECK_FALSE(is_severity_word("sev1a"));
    CHECK_FALSE(is_severity_word("severe"));
}

TEST_CASE("text length counts UTF-8 characters, not bytes") {
    CHECK(char_count("héllo") == 5);
    CHECK(char_count("日本") == 2);
    CHECK(char_count("\xff\xfe") == 2);
}

TEST_CASE("an excerpt is cut on a character boundary and marked") {
    std::string long_text(39, 'a');
    long_text += "日本語";
    const std::string cut = excerpt(long_text);
    CHECK(cut == std::string(39, 'a') + "…");
    CHECK(excerpt("short\n") == "short?");
}
