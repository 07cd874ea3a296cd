#pragma once
// Writing JSON text directly, for the documents the outbox stores on every command: the
// same bytes nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) writes, without
// building a json value first.

#include <string>
#include <string_view>

namespace firebreak::chat {

/// Appends `text` to `out` as a JSON string: quoted, with `"`, `\` and control characters
/// escaped and everything else (non-ASCII included) as it is. Text that is not valid UTF-8
/// (chat text is whatever people typed) has each bad sequence replaced by U+FFFD, as the
/// json library does.
void append_json_string(std::string& out, std::string_view text);

/// True if `text` is well-formed UTF-8: no stray continuation bytes, overlong forms,
/// surrogates or code points past U+10FFFF.
bool is_valid_utf8(std::string_view text);

}  // namespace firebreak::chat
