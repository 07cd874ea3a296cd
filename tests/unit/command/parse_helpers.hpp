#pragma once
// Shorthands for the command tests: parse as a fixed user and insist on the outcome.

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "firebreak/command/parser.hpp"

namespace firebreak::command::testing {

/// The user every test types as; `me` resolves to them.
inline const ParseContext kCtx{"U_ME"};

/// Parses `text` and requires it to give a command of type T.
template <class T>
T parsed_as(std::string_view text) {
    const ParseResult result = parse(text, kCtx);
    const auto* error = std::get_if<UsageError>(&result);
    INFO("input: " << std::string(text));
    INFO("refused: " << (error != nullptr ? render(*error) : std::string("no")));
    REQUIRE(std::holds_alternative<core::Command>(result));
    const auto& command = std::get<core::Command>(result);
    REQUIRE(std::holds_alternative<T>(command));
    return std::get<T>(command);
}

/// Parses `text` and requires a usage error.
inline UsageError refused(std::string_view text) {
    const ParseResult result = parse(text, kCtx);
    INFO("input: " << std::string(text));
    REQUIRE(std::holds_alternative<UsageError>(result));
    return std::get<UsageError>(result);
}

/// True when `haystack` contains `needle`.
inline bool mentions(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace firebreak::command::testing
