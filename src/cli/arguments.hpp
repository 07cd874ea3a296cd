#pragma once
// Command-line parsing shared by the subcommands.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace firebreak::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitUsage = 2;

struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  ///< "--config" → "firebreak.yaml"
    bool help = false;

    std::optional<std::string> option(const std::string& name) const;
};

/// Parses `args` (after the subcommand). `--name value` and `--name=value` for names in
/// `with_value`; `-h`/`--help` anywhere. Returns an error message on anything else.
std::variant<Arguments, std::string> parse_arguments(const std::vector<std::string>& args,
                                                     const std::set<std::string>& with_value);

/// parse_arguments(), then the answers every subcommand gives: `usage` on stdout for
/// --help (exit 0), the problem and `usage` on stderr for a usage error (exit 2).
/// Returns the parsed arguments, or the exit code to return at once.
std::variant<Arguments, int> parse_or_exit(const std::vector<std::string>& args,
                                           const std::set<std::string>& with_value,
                                           const char* usage);

/// For subcommands of the form `firebreak X --config FILE [--other VALUE…]`, where
/// `other_options` names the options besides --config. Prints `usage` for --help (exit
/// 0), or the problem and `usage` on a usage error (exit 2): an unknown option, an
/// unexpected argument, a missing or empty --config. Returns the parsed arguments, whose
/// --config is set, or the exit code to return at once.
std::variant<Arguments, int> config_arguments(const std::vector<std::string>& args,
                                              const char* usage,
                                              const std::set<std::string>& other_options = {});

/// config_arguments() for subcommands whose only option is --config: returns the config
/// path, or the exit code to return at once.
std::variant<std::string, int> config_path_argument(const std::vector<std::string>& args,
                                                    const char* usage);

}  // namespace firebreak::cli
