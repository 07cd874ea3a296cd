#include "firebreak/core/clip.hpp"

#include <catch2/catch.hpp>

using namespace firebreak::core;

TEST_CASE("ASCII text that fits is kept whole, exact fit included") {
    CHECK(clip_bytes("hello", 10) == "hello");
    CHECK(clip_bytes("hello", 5) == "hello");
    CHECK(clip_chars("hello", 5) == "hello");
    CHECK(clip_bytes("", 0) == "");
    CHECK(clip_chars("", 0) == "");
}

TEST_CASE("ASCII text that does not fit ends in the ellipsis, within the limit") {
    CHECK(clip_bytes("hello world", 8) == "hello…");  // 5 + 3 bytes
    CHECK(clip_chars("hello world", 8) == "hello w…");
    CHECK(clip_bytes("hello world", 8, "...") == "hello...");
    CHECK(clip_bytes("hello world", 5, "") == "hello");
}

TEST_CASE("a multi-byte character at the boundary is dropped whole, never split") {
    // "aé" is 3 bytes; é (C3 A9) straddles a 2-byte cut.
    CHECK(prefix_bytes("aé", 2) == "a");
    CHECK(prefix_bytes("aé", 3) == "aé");
    // 39 'a' + 日 ends at byte 42: with 3 bytes of ellipsis only 40 are left, so 日 goes.
    const std::string text = std::string(39, 'a') + "日本語";
    CHECK(clip_bytes(text, 43) == std::string(39, 'a') + "…");
    CHECK(clip_bytes(text, 45) == std::string(39, 'a') + "日…");
    CHECK(clip_chars("日本語です", 4) == "日本語…");
    CHECK(clip_chars("日本語", 3) == "日本語");
}

TEST_CASE("a 4-byte emoji counts as one character and four bytes") {
    const std::string fire = "\xF0\x9F\x94\xA5";  // U+1F525
    CHECK(char_count(fire + fire) == 2);
    CHECK(clip_chars(fire + fire + fire, 2) == fire + "…");
    CHECK(clip_bytes(fire + fire, 7) == fire + "…");
    CHECK(clip_bytes(fire + fire, 6) == "…");
    for (std::size_t limit = 0; limit <= 8; ++limit)
        CHECK(prefix_bytes(fire + fire, limit).size() == limit / 4 * 4);
}

TEST_CASE("invalid UTF-8 counts byte by byte and is never read past its end") {
    CHECK(char_count("\xff\xfe") == 2);
    CHECK(char_count("\x80\x80\x80") == 3);      // stray continuation bytes
    CHECK(char_count("a\xE6\x97") == 3);         // a sequence cut short at the end
    CHECK(char_count("\xC0\xAF") == 2);          // overlong '/'
    CHECK(char_count("\xED\xA0\x80") == 3);      // a UTF-16 surrogate
    CHECK(char_count("\xF4\x90\x80\x80") == 4);  // beyond U+10FFFF
    CHECK(prefix_bytes("\x80\x80\x80", 2) == "\x80\x80");
    CHECK(clip_chars("a\xE6\x97", 2) == "a…");
    CHECK(clip_bytes("ab\xF0\x9F\x94", 5) == "ab\xF0\x9F\x94");
    CHECK(clip_bytes("ab\xF0\x9F\x94z", 5) == "ab…");
    // A lead byte at the very end of the buffer: the view stops there, the string does not.
    const std::string buffer = "xy\xE6\x97\xA5";
    CHECK(char_count(std::string_view(buffer).substr(0, 3)) == 3);
    CHECK(prefix_bytes(std::string_view(buffer).substr(0, 3), 3) == "xy\xE6");
}

TEST_CASE("a limit smaller than the ellipsis cuts without one and still fits") {
    CHECK(clip_bytes("hello", 2) == "he");
    CHECK(clip_bytes("héllo", 2) == "h");
    CHECK(clip_bytes("hello", 0) == "");
    CHECK(clip_bytes("hello", 3) == "…");
    CHECK(clip_chars("hello", 0) == "");
    CHECK(clip_chars("hello", 1) == "…");
    CHECK(clip_chars("hello", 2, "...") == "he");
}
