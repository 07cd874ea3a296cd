#pragma once
// Cutting user text to a platform's limit without breaking a UTF-8 character. Lives in
// `core` rather than `chat` because `command` (which depends on `core` alone) clips too.
//
// A "character" is a Unicode code point. Any input is safe: a byte that does not start a
// well-formed UTF-8 sequence (a stray continuation byte, a truncated or overlong sequence,
// a surrogate, 0xF5..0xFF) is one character of its own and is kept as it is. Nothing reads
// past the end of `text`.

#include <cstddef>
#include <string>
#include <string_view>

namespace firebreak::core {

inline constexpr std::string_view kEllipsis = "…";

/// Characters in `text`; each byte of an ill-formed sequence counts as one.
std::size_t char_count(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a character
/// boundary; empty when `text` is, or when its first character is longer than `max_bytes`.
std::string_view prefix_bytes(std::string_view text, std::size_t max_bytes);

/// `text` when it fits in `max_bytes` bytes; otherwise its longest prefix that leaves room
/// for `ellipsis`, followed by `ellipsis`. The result is never longer than `max_bytes`:
/// when even the ellipsis does not fit, the text is cut without one.
std::string clip_bytes(std::string_view text, std::size_t max_bytes,
                       std::string_view ellipsis = kEllipsis);

/// As clip_bytes, counting characters instead of bytes: at most `max_chars` characters,
/// the ellipsis's own characters included.
std::string clip_chars(std::string_view text, std::size_t max_chars,
                       std::string_view ellipsis = kEllipsis);

}  // namespace firebreak::core
