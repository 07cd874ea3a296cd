#include "firebreak/command/mention.hpp"

#include <algorithm>

#include "firebreak/command/text.hpp"

namespace firebreak::command {
namespace {

/// A user id may hold no markup, whitespace or control characters.
bool is_plain_id(std::string_view id) {
    return !id.empty() && std::none_of(id.begin(), id.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F || c == ' ' || c == '<' || c == '>' || c == '|' || c == '@';
    });
}

/// Slack's escaped mention: `<@U123>` or `<@U123|name>`.
std::optional<core::UserId> slack_mention(std::string_view word) {
    if (word.size() < 4 || !word.starts_with("<@") || !word.ends_with('>')) return std::nullopt;
    const std::string_view inside = word.substr(2, word.size() - 3);
    if (inside.find_first_of("<>") != std::string_view::npos) return std::nullopt;
    const std::string_view id = inside.substr(0, inside.find('|'));
    if (!is_plain_id(id)) return std::nullopt;
    return core::UserId(id);
}

}  // namespace

std::string_view person_hint(bool plain_names) {
    return plain_names ? "name a person as @name or me"
                       : "mention a person (choose them from the @ list, so it becomes a real "
                         "mention) or write me";
}

std::optional<core::UserId> resolve_person(std::string_view word, const core::UserId& actor,
                                           bool plain_names) {
    if (iequals(word, "me")) {
        if (actor.empty()) return std::nullopt;
        return actor;
    }
    if (word.starts_with("<@")) return slack_mention(word);
    if (plain_names && word.starts_with('@') && is_plain_id(word.substr(1)))
        return core::UserId(word.substr(1));
    return std::nullopt;
}

}  // namespace firebreak::command
