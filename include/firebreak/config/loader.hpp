#pragma once
// Reads the admins' YAML config into a Config, reporting every problem at once.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/config/config.hpp"
#include "firebreak/config/config_error.hpp"
#include "firebreak/config/secret.hpp"

namespace firebreak::config {

struct LoadResult {
    std::optional<Config> config;  ///< set exactly when there are no errors
    std::vector<ConfigError>
        errors;  ///< all of them, in file order; those without a position first

    bool ok() const { return config.has_value() && errors.empty(); }
};

/// Loads and validates `path`. Never throws: an unreadable file, a YAML syntax error and
/// every invalid value come back as errors. Errors name the file as `path` was given.
LoadResult load_file(const std::filesystem::path& path, const Environment& env);

/// As load_file, for text already in memory; `file_name` is used in the errors.
LoadResult load_string(std::string_view yaml, const std::string& file_name, const Environment& env);

}  // namespace firebreak::config
