#include "firebreak/core/templates.hpp"

#include <algorithm>

namespace firebreak::core {
namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
}

/// Calls `on_text(piece)` and `on_placeholder(name)` in order over `text`.
template <typename Text, typename Placeholder>
void scan(std::string_view text, Text on_text, Placeholder on_placeholder) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t open = text.find('{', i);
        if (open == std::string_view::npos) break;
        std::size_t end = open + 1;
        while (end < text.size() && is_name_char(text[end])) ++end;
        if (end < text.size() && text[end] == '}' && end > open + 1) {
            on_text(text.substr(i, open - i));
            on_placeholder(text.substr(open + 1, end - open - 1));
            i = end + 1;
        } else {
            on_text(text.substr(i, open + 1 - i));
            i = open + 1;
        }
    }
    on_text(text.substr(std::min(i, text.size())));
}

}  // namespace

std::vector<std::string> unknown_placeholders(std::string_view text) {
    return unknown_placeholders(text, kTemplatePlaceholders);
}

std::vector<std::string> unknown_placeholders(std::string_view text,
                                              std::span<const std::string_view> known) {
    std::vector<std::string> unknown;
    scan(
        text, [](std::string_view) {},
        [&](std::string_view name) {
            if (std::find(known.begin(), known.end(), name) == known.end())
                unknown.emplace_back(name);
        });
    return unknown;
}

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    scan(
        text, [&](std::string_view piece) { out += piece; },
        [&](std::string_view name) {
            if (auto it = values.find(std::string(name)); it != values.end()) out += it->second;
        });
    return out;
}

}  // namespace firebreak::core
