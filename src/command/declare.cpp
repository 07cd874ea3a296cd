// `/incident declare <title> [sevN] [--private] [--drill]`; the severity may also come
// first: `/incident declare sev1 checkout down`.

#include <optional>
#include <vector>

#include "firebreak/command/detail/arguments.hpp"
#include "firebreak/command/text.hpp"

namespace firebreak::command::detail {
namespace {

enum class Flag { is_private, is_drill };

/// `--private`, `--drill` in any case. Phones and macOS turn a typed "--" into a dash
/// ("—private"), so a leading em or en dash counts too.
std::optional<Flag> known_flag(std::string_view word) {
    for (std::string_view dash : {"--", "—", "–"}) {
        if (!word.starts_with(dash)) continue;
        const std::string_view name = word.substr(dash.size());
        if (iequals(name, "private")) return Flag::is_private;
        if (iequals(name, "drill")) return Flag::is_drill;
    }
    return std::nullopt;
}

/// The byte length of the dash at the start of `text` (ASCII '-' or a Unicode dash or
/// minus: U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D), 0 when it starts with none.
std::size_t dash_at(std::string_view text) {
    if (text.starts_with('-')) return 1;
    for (std::string_view dash : {"‐", "‑", "‒", "–", "—", "―", "−", "﹘", "﹣", "－"})
        if (text.starts_with(dash)) return dash.size();
    return 0;
}

/// A word that starts with dashes followed by a letter ("-private", "‐‐private",
/// "−−drill"): meant as a flag. A lone dash or a number ("-5%") is not. Such a word that is
/// not a known flag is refused: a near-miss "--private" must never declare in public.
bool looks_like_flag(std::string_view word) {
    std::size_t at = 0;
    while (std::size_t n = dash_at(word.substr(at))) at += n;
    if (at == 0 || at == word.size()) return false;
    char c = word[at];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool opens_quote(std::string_view word) {
    return word.starts_with("\"") || word.starts_with("“");
}

bool closes_quote(std::string_view word) {
    return word.ends_with("\"") || word.ends_with("”");
}

/// `text` without one pair of surrounding double quotes, straight or curly.
std::string_view unquote(std::string_view text) {
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"\"", "\""},
                               std::pair<std::string_view, std::string_view>{"“", "”"}}) {
        if (text.size() >= open.size() + close.size() && text.starts_with(open) &&
            text.ends_with(close)) {
            return trim(text.substr(open.size(), text.size() - open.size() - close.size()));
        }
    }
    return text;
}

}  // namespace

ParseResult parse_declare(const Arguments& a) {
    if (a.words.empty()) return core::cmd::DeclareForm{};

    core::cmd::Declare declare;
    std::vector<std::size_t> kept;  // indexes of the words that make the title
    bool quoted = false;            // inside a quoted title, nothing is a flag
    for (std::size_t i = 0; i < a.words.size(); ++i) {
        const std::string_view word = a.words[i].text;
        bool in_quotes = quoted || opens_quote(word);
        if (in_quotes) {
            quoted = !(closes_quote(word) && (quoted || word.size() > 1));
            kept.push_back(i);
        } else if (const std::optional<Flag> flag = known_flag(word)) {
            (*flag == Flag::is_private ? declare.is_private : declare.is_drill) = true;
        } else if (looks_like_flag(word)) {
            return usage_error(a.command,
                               "unknown flag '" + excerpt(word) +
                                   "'; declare knows --private and --drill (to keep the word in "
                                   "the title, put the title in quotes)");
        } else {
            kept.push_back(i);
        }
    }
    // People type the severity first as often as last. A title that really starts or
    // ends with a sevN word is written in quotes, which makes that word part of another.
    const bool first_is_severity = !kept.empty() && is_severity_word(a.words[kept.front()].text);
    const bool last_is_severity = kept.size() > 1 && is_severity_word(a.words[kept.back()].text);
    if (first_is_severity && last_is_severity) {
        return usage_error(a.command,
                           "give the severity once, before or after the title; to keep a sevN "
                           "word in the title, put the title in quotes");
    }
    if (last_is_severity) {
        declare.severity = to_lower(a.words[kept.back()].text);
        kept.pop_back();
    } else if (first_is_severity) {
        declare.severity = to_lower(a.words[kept.front()].text);
        kept.erase(kept.begin());
    }

    // Rebuild the title from the raw text so its inner spacing survives; a dropped flag
    // takes the space after it along.
    std::string title;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const Word& word = a.words[kept[k]];
        title += word.text;
        if (k + 1 < kept.size()) {
            const std::size_t gap_end = a.words[kept[k] + 1].offset;
            title += a.rest.substr(word.end(), gap_end - word.end());
        }
    }
    declare.title = std::string(unquote(title));

    if (declare.title.empty()) {
        // Opening the form here would drop the severity and flags already typed, and a
        // private incident must never be opened in public by accident.
        return usage_error(a.command,
                           "give the incident a title, or type /incident declare alone to open "
                           "the form");
    }
    if (too_long(declare.title)) return too_long_error(a.command, "the title");
    return declare;
}

}  // namespace firebreak::command::detail
