#include "diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace firebreak::config::detail {

namespace {

bool has_position(const YAML::Mark& mark) {
    return !mark.is_null() && mark.line >= 0;
}

/// "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
std::string_view parent_of(std::string_view path) {
    auto cut = path.find_last_of(".[");
    return cut == std::string_view::npos ? std::string_view{} : path.substr(0, cut);
}

}  // namespace

void SourceMap::record(const std::string& key_path, const YAML::Mark& mark) {
    marks_.insert_or_assign(key_path, mark);
}

bool SourceMap::contains(std::string_view key_path) const {
    return marks_.find(key_path) != marks_.end();
}

YAML::Mark SourceMap::locate(std::string_view key_path) const {
    for (std::string_view path = key_path;; path = parent_of(path)) {
        if (auto it = marks_.find(path); it != marks_.end()) return it->second;
        if (path.empty()) return YAML::Mark::null_mark();
    }
}

void Diagnostics::error(const YAML::Mark& mark, std::string key_path, std::string message) {
    ConfigError e;
    e.file = file_;
    if (has_position(mark)) {
        e.line = mark.line + 1;
        e.column = mark.column + 1;
    }
    e.key_path = std::move(key_path);
    e.message = std::move(message);
    errors_.push_back(std::move(e));
}

void Diagnostics::error_at(const std::string& key_path, std::string message) {
    error(sources_.locate(key_path), key_path, std::move(message));
}

bool Diagnostics::failed(std::string_view key_path) const {
    for (const auto& e : errors_)
        if (e.key_path == key_path) return true;
    return false;
}

std::string Diagnostics::line_of(std::string_view key_path) const {
    YAML::Mark mark = sources_.locate(key_path);
    return has_position(mark) ? "line " + std::to_string(mark.line + 1) : "an earlier line";
}

std::vector<ConfigError> Diagnostics::take_errors() {
    // Parsing reads keys in schema order and cross-key checks run last; people read top down.
    std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return std::move(errors_);
}

}  // namespace firebreak::config::detail
