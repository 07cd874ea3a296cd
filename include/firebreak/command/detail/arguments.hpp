#pragma once
// Shared by the per-command parsers; not part of the module's interface.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/command/parser.hpp"
#include "firebreak/command/text.hpp"

namespace firebreak::command::detail {

/// What follows the command word.
struct Arguments {
    std::string_view command;  ///< the command word, lowercase: "declare"
    std::string_view rest;     ///< the trimmed text after the command word
    std::vector<Word> words;   ///< `rest` split into words; offsets index into `rest`
    const ParseContext& ctx;

    /// The raw text from word `i` to the end, trimmed; empty when there is no word `i`.
    std::string_view from(std::size_t i) const {
        return i < words.size() ? trim(rest.substr(words[i].offset)) : std::string_view{};
    }
};

/// A usage error for `command`, with the command's usage line from the table.
UsageError usage_error(std::string_view command, std::string message);

/// The error for free text longer than kMaxFreeTextChars; `what` names it ("the title").
UsageError too_long_error(std::string_view command, std::string_view what);

ParseResult parse_declare(const Arguments& args);
ParseResult parse_action(const Arguments& args);
/// `publish [status] [text]`, `publish --title <text>`, and the buttons' `publish confirm|
/// cancel|edit <n>`, `publish nochange`, `publish snooze [duration]` (publish.cpp).
ParseResult parse_publish(const Arguments& args);
/// `affects <component>[=degraded|partial|major] ...` or `affects none` (publish.cpp).
ParseResult parse_affects(const Arguments& args);
// The rest of the playbook (playbook.cpp).
ParseResult parse_bridge(const Arguments& args);
ParseResult parse_workstream(const Arguments& args);
ParseResult parse_check(const Arguments& args);
ParseResult parse_escalate(const Arguments& args);
ParseResult parse_join(const Arguments& args);
ParseResult parse_resolve(const Arguments& args);
ParseResult parse_decision(const Arguments& args);

}  // namespace firebreak::command::detail
