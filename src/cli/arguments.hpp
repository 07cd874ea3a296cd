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

}  // namespace firebreak::cli

namespace firebreak::cli {

/// For subcommands of the form `firebreak X --config FILE`: parses `args`, prints `usage`
/// for --help (exit 0) or with the problem on a usage error (exit 2). Returns the config
/// path, or the exit code to return at once.
std::variant<std::string, int> config_path_argument(const std::vector<std::string>& args,
                                                    const char* usage);

}  // namespace firebreak::cli
