#pragma once
// The wording shared by the YAML reader and the checks, kept in one place so that
// suggestions and quoting stay consistent across every error.

#include <yaml-cpp/node/node.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::config::detail {

/// "server" + "tls" -> "server.tls"; "" + "server" -> "server".
std::string child_path(std::string_view parent, std::string_view key);

/// "severities" + 1 -> "severities[1]".
std::string item_path(std::string_view parent, std::size_t index);

/// 'value' in single quotes, shortened when long. Only for values of non-secret keys.
std::string quoted(std::string_view value);

/// What a node is, for "expected a list, got a map": never its content.
std::string describe(const YAML::Node& node);

/// "a, b or c".
std::string one_of(const std::vector<std::string>& allowed);

/// " (did you mean 'socket'?)" when one allowed word is a likely typo of `got`; else "".
std::string suggestion(std::string_view got, const std::vector<std::string>& allowed);

/// "expected http or socket, got 'sockets' (did you mean 'socket'?)".
std::string not_one_of(std::string_view got, const std::vector<std::string>& allowed);

}  // namespace firebreak::config::detail
