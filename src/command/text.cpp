#include "firebreak/command/text.hpp"

#include <algorithm>

#include "firebreak/core/clip.hpp"

namespace firebreak::command {
namespace {

constexpr char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
}

/// Finds `c` at or after `from`, remembering the answer so that a scan over the whole
/// text stays linear even when the text holds many `<` and no `>`.
class NextFinder {
  public:
    NextFinder(std::string_view text, char c) : text_(text), c_(c) {}

    std::size_t at_or_after(std::size_t from) {
        if (!known_ || (found_ != std::string_view::npos && found_ < from)) {
            found_ = text_.find(c_, from);
            known_ = true;
        }
        return found_;
    }

  private:
    std::string_view text_;
    char c_;
    bool known_ = false;
    std::size_t found_ = std::string_view::npos;
};

}  // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    NextFinder close(text, '>');
    NextFinder newline(text, '\n');
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        if (i == text.size()) break;
        const std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) {
            if (text[i] == '<' && i + 1 < text.size() && !is_space(text[i + 1])) {
                const std::size_t end = close.at_or_after(i + 1);
                const std::size_t eol = newline.at_or_after(i + 1);
                if (end != std::string_view::npos && end < eol) {
                    i = end + 1;
                    continue;
                }
            }
            ++i;
        }
        words.push_back(Word{text.substr(start, i - start), start});
    }
    return words;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool is_severity_word(std::string_view word) {
    if (word.size() < 4 || !iequals(word.substr(0, 3), "sev")) return false;
    return std::all_of(word.begin() + 3, word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t char_count(std::string_view text) {
    return core::char_count(text);
}

std::string excerpt(std::string_view text) {
    constexpr std::size_t kMaxBytes = 43;  // 40 of the text, 3 of "…"
    std::string out = core::clip_bytes(text, kMaxBytes);
    // Control characters are ASCII, so replacing them cannot break a UTF-8 character.
    std::replace_if(out.begin(), out.end(), is_control, '?');
    return out;
}

}  // namespace firebreak::command
