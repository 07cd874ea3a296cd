#include "firebreak/chat/untrusted_json.hpp"

#include <catch2/catch.hpp>
#include <string>

using firebreak::chat::kMaxJsonDepth;
using firebreak::chat::nests_deeper_than;
using firebreak::chat::parse_untrusted_json;
using nlohmann::json;

namespace {

/// `depth` arrays inside one another around `inner`: "[[[inner]]]".
std::string arrays(std::size_t depth, const std::string& inner = "") {
    return std::string(depth, '[') + inner + std::string(depth, ']');
}

/// `depth` objects inside one another: {"a":{"a":…{}…}}.
std::string objects(std::size_t depth) {
    std::string out;
    for (std::size_t i = 1; i < depth; ++i) out += "{\"a\":";
    out += "{}";
    out += std::string(depth - 1, '}');
    return out;
}

}  // namespace

TEST_CASE("a document 64 levels deep is parsed, one 65 deep is refused") {
    CHECK(kMaxJsonDepth == 64);
    REQUIRE(parse_untrusted_json(arrays(64)));
    REQUIRE(parse_untrusted_json(objects(64)));
    CHECK_FALSE(parse_untrusted_json(arrays(65)));
    CHECK_FALSE(parse_untrusted_json(objects(65)));
    CHECK(nests_deeper_than(arrays(65), 64));
    CHECK_FALSE(nests_deeper_than(arrays(64), 64));
    // Depth is nesting, not count: many siblings at depth one are fine.
    std::string siblings = "[";
    for (int i = 0; i < 1000; ++i) siblings += "[],{},";
    siblings += "0]";
    CHECK(parse_untrusted_json(siblings));
}

TEST_CASE("the limit is the caller's to set") {
    CHECK(parse_untrusted_json(arrays(3), 3));
    CHECK_FALSE(parse_untrusted_json(arrays(4), 3));
    CHECK(parse_untrusted_json("7", 0));
    CHECK_FALSE(parse_untrusted_json("[]", 0));
}

TEST_CASE("brackets inside strings and escaped quotes do not count") {
    const std::string brackets(400'000, '[');
    auto in_string = parse_untrusted_json("{\"text\":\"" + brackets + "\"}");
    REQUIRE(in_string);
    CHECK(in_string->at("text").get<std::string>() == brackets);
    // \" does not end the string, so the brackets after it are still inside it.
    CHECK(parse_untrusted_json(arrays(63, "\"\\\"" + std::string(10, '[') + "\"")));
    CHECK_FALSE(nests_deeper_than("[\"\\\"[[[[\"]", 2));
    // \\ is a whole escape: the quote after it ends the string, and the brackets count.
    CHECK(nests_deeper_than("[\"\\\\\"[[[]]]]", 3));
    CHECK_FALSE(nests_deeper_than("[\"\\\\\"[[[]]]]", 4));
}

TEST_CASE("a document 400,000 levels deep is refused without a crash") {
    const std::size_t deep = 400'000;
    CHECK_FALSE(parse_untrusted_json(arrays(deep)));
    CHECK_FALSE(parse_untrusted_json(objects(deep)));
    CHECK(nests_deeper_than(arrays(deep)));
    // Unclosed, as an attacker need not close anything.
    CHECK_FALSE(parse_untrusted_json(std::string(deep, '[')));
    CHECK_FALSE(parse_untrusted_json("{\"event\":" + std::string(deep, '{')));
}

TEST_CASE("malformed text is refused, never thrown") {
    for (const char* bad : {"", " ", "{", "}", "[1,]", "{\"a\"}", "{\"a\":1,}", "nul", "\"open",
                            "[1] [2]", "{'a':1}", "]]]]]]", "\"\xff\""})
        CHECK_FALSE(parse_untrusted_json(bad));
    // Unmatched closers do not buy depth back.
    CHECK(nests_deeper_than(std::string(10, ']') + arrays(65), 64));
}

TEST_CASE("valid documents come back as nlohmann would parse them") {
    for (const char* text :
         {"null", "true", "0", "-1.5e3", "\"x\"", "[]", "{}",
          R"({"type":"event_callback","event":{"type":"pin_added","item":{"ts":"1.2"}}})",
          R"(["a\"b","\\",{"k":[1,{"l":null}]}])", R"({"emoji":"\u00e9\ud83d\ude00"})"}) {
        auto parsed = parse_untrusted_json(text);
        REQUIRE(parsed);
        CHECK(*parsed == json::parse(text));
        CHECK(parse_untrusted_json(parsed->dump()) == parsed);
    }
}
