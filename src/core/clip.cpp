#include "firebreak/core/clip.hpp"

namespace firebreak::core {
namespace {

bool in(unsigned char c, unsigned char low, unsigned char high) {
    return c >= low && c <= high;
}

/// Bytes in the character starting at `i` (i < text.size()): the length of a well-formed
/// sequence (Unicode's Table 3-7), or 1 for a byte that does not start one.
std::size_t char_length(std::string_view text, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const std::size_t left = text.size() - i;
    const unsigned char lead = at(0);
    if (lead < 0x80) return 1;
    // The allowed range of the second byte rules out overlongs, surrogates and > U+10FFFF.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (in(lead, 0xC2, 0xDF)) {
        length = 2;
    } else if (in(lead, 0xE0, 0xEF)) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (in(lead, 0xF0, 0xF4)) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 1;
    }
    if (left < length || !in(at(1), low, high)) return 1;
    for (std::size_t k = 2; k < length; ++k)
        if (!in(at(k), 0x80, 0xBF)) return 1;
    return length;
}

/// Bytes in the longest prefix of `text` with at most `max_chars` characters.
std::size_t prefix_chars(std::string_view text, std::size_t max_chars) {
    std::size_t end = 0;
    for (std::size_t chars = 0; end < text.size() && chars < max_chars; ++chars)
        end += char_length(text, end);
    return end;
}

}  // namespace

std::size_t char_count(std::string_view text) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); i += char_length(text, i)) ++chars;
    return chars;
}

std::string_view prefix_bytes(std::string_view text, std::size_t max_bytes) {
    std::size_t end = 0;
    while (end < text.size()) {
        const std::size_t next = end + char_length(text, end);
        if (next > max_bytes) break;
        end = next;
    }
    return text.substr(0, end);
}

std::string clip_bytes(std::string_view text, std::size_t max_bytes, std::string_view ellipsis) {
    if (text.size() <= max_bytes) return std::string(text);
    if (ellipsis.size() > max_bytes) return std::string(prefix_bytes(text, max_bytes));
    return std::string(prefix_bytes(text, max_bytes - ellipsis.size())) + std::string(ellipsis);
}

std::string clip_chars(std::string_view text, std::size_t max_chars, std::string_view ellipsis) {
    const std::size_t whole = prefix_chars(text, max_chars);
    if (whole == text.size()) return std::string(text);
    const std::size_t marker = char_count(ellipsis);
    if (marker > max_chars) return std::string(text.substr(0, whole));
    return std::string(text.substr(0, prefix_chars(text, max_chars - marker))) +
           std::string(ellipsis);
}

}  // namespace firebreak::core
