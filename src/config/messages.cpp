#include "messages.hpp"

#include <algorithm>
#include <cctype>

// Node member functions such as Type() are defined inline here; without it an optimised
// build calls them as external symbols that the library does not export.
#include <yaml-cpp/node/impl.h>

namespace firebreak::config::detail {

namespace {

constexpr std::size_t kMaxQuoted = 40;

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// Levenshtein distance, case-insensitive; inputs are short key names and enum words.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t replace = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, replace});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string child_path(std::string_view parent, std::string_view key) {
    std::string path(parent);
    if (!path.empty()) path += '.';
    path += key;
    return path;
}

std::string item_path(std::string_view parent, std::size_t index) {
    return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string quoted(std::string_view value) {
    std::string shown;
    for (char c : value.substr(0, kMaxQuoted))
        shown += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
    if (value.size() > kMaxQuoted) shown += "...";
    return "'" + shown + "'";
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Scalar:
            return "a single value";
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return "nothing";
}

std::string one_of(const std::vector<std::string>& allowed) {
    std::string text;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (i > 0) text += i + 1 == allowed.size() ? " or " : ", ";
        text += allowed[i];
    }
    return text;
}

std::string suggestion(std::string_view got, const std::vector<std::string>& allowed) {
    // A third of the word may be wrong, at most two edits: close enough to be a typo,
    // far enough apart that "tl" is not offered for "ic".
    std::size_t best = std::min<std::size_t>(2, got.size() / 3) + 1;
    const std::string* match = nullptr;
    for (const auto& word : allowed) {
        std::size_t d = edit_distance(got, word);
        if (d < best) {
            best = d;
            match = &word;
        }
    }
    return match ? " (did you mean '" + *match + "'?)" : "";
}

std::string not_one_of(std::string_view got, const std::vector<std::string>& allowed) {
    return "expected " + one_of(allowed) + ", got " + quoted(got) + suggestion(got, allowed);
}

}  // namespace firebreak::config::detail
