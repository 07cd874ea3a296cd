#pragma once
// Words and text measures for the command grammar. Everything here works on raw bytes,
// so any input, valid UTF-8 or not, is safe to feed in.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::command {

/// Longest free text a command accepts: chat platforms cannot show more in one block
/// (Slack's section text limit is 3000 characters).
inline constexpr std::size_t kMaxFreeTextChars = 3000;

/// A whitespace-separated word and where it starts in the text it was split from.
struct Word {
    std::string_view text;
    std::size_t offset = 0;

    std::size_t end() const { return offset + text.size(); }
};

/// ASCII whitespace: space, tab, newline, carriage return, vertical tab, form feed.
constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);

/// Splits on whitespace. A `<…>` span on one line stays inside a single word, because
/// Slack's mention and link markup may contain spaces: `<@U123|Jane Doe>`. Runs in
/// linear time whatever the input.
std::vector<Word> split_words(std::string_view text);

/// ASCII letters lowered; every other byte is kept as it is.
std::string to_lower(std::string_view text);

/// Equal when ASCII case is ignored.
bool iequals(std::string_view a, std::string_view b);

/// True for `sev` followed by one or more digits, in any case ("SEV1", "sev12").
bool is_severity_word(std::string_view word);

/// UTF-8 characters in `text`; each byte of an invalid sequence counts as one.
std::size_t char_count(std::string_view text);

/// True when `text` is longer than kMaxFreeTextChars.
inline bool too_long(std::string_view text) {
    return char_count(text) > kMaxFreeTextChars;
}

/// User input made safe to quote back in a message: at most 43 bytes, cut on a
/// character boundary and ending in "…" when cut (core::clip_bytes), control characters
/// shown as '?'.
std::string excerpt(std::string_view text);

}  // namespace firebreak::command
