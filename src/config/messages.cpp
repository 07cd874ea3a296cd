#include "messages.hpp"

#include <algorithm>
#include <cctype>

#include "firebreak/core/edit_distance.hpp"

// Node member functions such as Type() are defined inline here; without it an optimised
// build calls them as external symbols that the library does not export.
#include <yaml-cpp/node/impl.h>

namespace firebreak::config::detail {

namespace {

constexpr std::size_t kMaxQuoted = 40;

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
        std::size_t d = core::edit_distance(got, word);
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
