#include "firebreak/core/printable.hpp"

#include <catch2/catch.hpp>

using firebreak::core::printable;

TEST_CASE("escape sequences in what people typed cannot act on a terminal") {
    // Retitle the terminal, then clear it.
    CHECK(printable("a\x1b]0;pwned\x07 b\x1b[2J") == "a␛]0;pwned␇ b␛[2J");
    CHECK(printable(std::string("nul\0here", 8)) == "nul␀here");
    CHECK(printable("del\x7f") == "del␡");
    CHECK(printable("\xc2\x9b"
                    "31m") ==
          "\xEF\xBF\xBD"
          "31m");  // C1 CSI
}

TEST_CASE("newlines, tabs and well-formed text pass unchanged") {
    const std::string text = "Line 1\n\tcafé ☕ 🔥 — 東京";
    CHECK(printable(text) == text);
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, byte by byte, without reading past the end") {
    const std::string r = "\xEF\xBF\xBD";
    CHECK(printable("caf\xc3") == "caf" + r);
    CHECK(printable("\xff\xfe") == r + r);
    CHECK(printable("\xed\xa0\x80") == r + r + r);  // a surrogate is ill-formed
    CHECK(printable("\xf0\x9f\x94") == r + r + r);  // cut 4-byte sequence
    CHECK(printable("\xc0\xaf") == r + r);          // overlong
}
