#include <catch2/catch.hpp>
#include <random>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

namespace {

/// Parses and checks the invariants every outcome must meet.
void parse_safely(std::string_view text) {
    ParseResult result = core::cmd::DeclareForm{};
    REQUIRE_NOTHROW(result = parse(text, kCtx));
    if (const auto* error = std::get_if<UsageError>(&result)) {
        CHECK_FALSE(error->message.empty());
        CHECK_FALSE(error->usage.empty());
        CHECK_NOTHROW(render(*error));
    }
}

}  // namespace

TEST_CASE("random byte strings never make the parser throw") {
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 200);
    for (int i = 0; i < 5000; ++i) {
        std::string text(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : text) c = static_cast<char>(byte(rng));
        parse_safely(text);
    }
}

TEST_CASE("random mixes of command words and tricky tokens never make the parser throw") {
    const std::vector<std::string> pieces{"declare",
                                          "sev",
                                          "ic",
                                          "tl",
                                          "comms",
                                          "status",
                                          "update",
                                          "nochange",
                                          "note",
                                          "decision",
                                          "ack",
                                          "mitigated",
                                          "resolve",
                                          "reopen",
                                          "cancel",
                                          "handover",
                                          "action",
                                          "snooze",
                                          "timeline",
                                          "summary",
                                          "postmortem",
                                          "list",
                                          "help",
                                          "me",
                                          "@",
                                          "@a",
                                          "<@",
                                          "<@U1|",
                                          ">",
                                          "<",
                                          "<@U1|a b>",
                                          "owner:",
                                          "due:",
                                          "priority:",
                                          "verify:",
                                          "owner:me",
                                          "due:2026-02-29",
                                          "priority:p1",
                                          "--private",
                                          "--drill",
                                          "—private",
                                          "--x",
                                          "sev1",
                                          "SEV9999999999999999999",
                                          "#",
                                          "#1",
                                          "\"",
                                          "“",
                                          "”",
                                          "\xe2\x80",
                                          "\xff",
                                          std::string(1, '\0'),
                                          "\t",
                                          "\n",
                                          "  ",
                                          "2147483648",
                                          "-1",
                                          "15m",
                                          "0m",
                                          "9999999999d",
                                          "résumé",
                                          "日本"};
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> count(0, 12);
    std::uniform_int_distribution<int> space(0, 3);
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (int n = count(rng); n > 0; --n) {
            text += pieces[pick(rng)];
            if (space(rng) != 0) text += ' ';
        }
        parse_safely(text);
    }
}

TEST_CASE("huge and degenerate inputs are refused quickly without throwing") {
    parse_safely(std::string(1'000'000, 'a'));
    parse_safely("update " + std::string(1'000'000, 'a'));
    parse_safely("note " + std::string(200'000, '<'));
    parse_safely("action " + std::string(20'000, '<') + " owner:@a due:2026-01-01");
    parse_safely("declare " + std::string(30'000, ' ') + "x");
    parse_safely(std::string(100'000, '\n'));
    parse_safely("action " + std::string(5'000, ':'));
    std::string many_fields = "action x";
    for (int i = 0; i < 3'000; ++i) many_fields += " verify:a";
    parse_safely(many_fields);
    CHECK(refused("update " + std::string(1'000'000, 'a')).command == "update");
}

TEST_CASE("embedded NUL and control bytes are kept inside free text") {
    const std::string text("note a\0b\x01", 9);
    CHECK(parsed_as<core::cmd::Note>(text).text == std::string("a\0b\x01", 4));
}
