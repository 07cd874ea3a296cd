#pragma once
// Loading helpers shared by the config tests: an injected environment, never the real one.

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/config/loader.hpp"

namespace firebreak::config::test {

inline Environment environment(std::map<std::string, std::string> vars = {}) {
    return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

inline LoadResult load(std::string_view yaml, const Environment& env = environment()) {
    return load_string(yaml, "test.yaml", env);
}

/// Every error, one per line, for failure messages.
inline std::string describe_errors(const LoadResult& result) {
    std::string text;
    for (const auto& e : result.errors) text += e.to_string() + "\n";
    return text.empty() ? "(no errors)" : text;
}

/// The one error `result` must hold.
inline ConfigError single_error(const LoadResult& result) {
    INFO(describe_errors(result));
    REQUIRE(result.errors.size() == 1);
    REQUIRE_FALSE(result.config.has_value());
    return result.errors.front();
}

/// The error reported at `key_path`; fails the test when there is none.
inline ConfigError error_at(const LoadResult& result, std::string_view key_path) {
    for (const auto& e : result.errors)
        if (e.key_path == key_path) return e;
    INFO("no error at " << key_path << "; errors:\n" << describe_errors(result));
    FAIL();
    return {};
}

}  // namespace firebreak::config::test
