#pragma once
// Collects load errors with their file positions, and remembers where each key was read so
// checks that run after parsing can still point at the right line.

#include <yaml-cpp/mark.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/config/config_error.hpp"

namespace firebreak::config::detail {

/// Where the value of each key path sits in the file.
class SourceMap {
  public:
    void record(const std::string& key_path, const YAML::Mark& mark);

    /// True when `key_path` itself appeared in the file.
    bool contains(std::string_view key_path) const;

    /// The mark of `key_path`, else of its nearest recorded ancestor, else a null mark.
    YAML::Mark locate(std::string_view key_path) const;

  private:
    std::map<std::string, YAML::Mark, std::less<>> marks_;
};

class Diagnostics {
  public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    /// An error at yaml-cpp's 0-based `mark`; a null mark records no position.
    void error(const YAML::Mark& mark, std::string key_path, std::string message);

    /// An error wherever `key_path` (or its nearest ancestor) was read from.
    void error_at(const std::string& key_path, std::string message);

    /// True when an error was recorded for exactly `key_path`, so later checks can skip
    /// values that already failed instead of reporting them twice.
    bool failed(std::string_view key_path) const;

    bool has_errors() const { return !errors_.empty(); }

    /// "line 12" for where `key_path` was read, to cite a first occurrence.
    std::string line_of(std::string_view key_path) const;

    SourceMap& sources() { return sources_; }
    const SourceMap& sources() const { return sources_; }

    /// The errors in file order (those without a position first), then cleared.
    std::vector<ConfigError> take_errors();

  private:
    std::string file_;
    SourceMap sources_;
    std::vector<ConfigError> errors_;
};

}  // namespace firebreak::config::detail
