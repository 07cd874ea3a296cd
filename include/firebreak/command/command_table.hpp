#pragma once
// The list of `/incident` commands: what help shows and what usage messages quote.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace firebreak::command {

struct CommandSpec {
    std::string_view name;     ///< the command word, lowercase: "declare"
    std::string_view usage;    ///< "/incident declare <title> [sev1|…] [--private] [--drill]"
    std::string_view summary;  ///< one line for help
    bool needs_incident;       ///< acts on the incident of the channel it is typed in
};

/// Every command, in the order help lists them.
std::span<const CommandSpec> command_table();

/// The command named `name` (lowercase), or nullptr.
const CommandSpec* find_command(std::string_view name);

/// The command name closest to `word` within edit distance 2, for "did you mean";
/// nullopt when none is that close. Ties go to the command listed first.
std::optional<std::string_view> suggest_command(std::string_view word);

/// Every command with its usage and summary, one line each.
std::string help_text();

}  // namespace firebreak::command
