#pragma once
// The `/incident` chat command grammar (DESIGN.md, "Chat command grammar"): turns what a
// person typed into a platform-neutral core::Command, or a usage message for them.

#include <string>
#include <string_view>
#include <variant>

#include "firebreak/command/command_table.hpp"
#include "firebreak/core/command.hpp"
#include "firebreak/core/incident.hpp"

namespace firebreak::command {

/// Why a command was refused, worded for the person who typed it.
struct UsageError {
    std::string command;  ///< "declare"; empty when the command word is unknown
    std::string message;  ///< what is wrong and, where it helps, why
    std::string usage;    ///< the usage line to show
};

struct ParseContext {
    core::UserId actor;  ///< who typed the command; `me` resolves to them
    /// Whether `@name` typed as plain text names a person (the console, whose people are
    /// names). A chat platform turns a real mention into its own markup (`<@U123>`), so
    /// there a plain `@nobody` is a typo, never a person.
    bool plain_names = true;
};

using ParseResult = std::variant<core::Command, UsageError>;

/// Parses `text`, what follows "/incident". Never throws and never reads past `text`,
/// whatever the bytes: it is fed untrusted chat input (and a fuzzer). Empty text means
/// "open the declare form".
ParseResult parse(std::string_view text, const ParseContext& ctx);

/// The message and its usage, for showing to the user: message + "\nUsage: " + usage.
std::string render(const UsageError& error);

}  // namespace firebreak::command
