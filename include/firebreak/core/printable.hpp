#pragma once
// Text as it may reach a terminal or a file people open: what chat users typed can hold
// escape sequences (ESC]0;…BEL retitles a terminal, ESC[2J clears it) and invalid UTF-8.

#include <string>
#include <string_view>

namespace firebreak::core {

/// `text` safe to print: every C0 control but newline and tab, and DEL, becomes its
/// visible Control Pictures sign (ESC → "␛", BEL → "␇"), C1 controls (U+0080–U+009F) and
/// every ill-formed UTF-8 byte become U+FFFD. Well-formed text without controls comes back
/// unchanged.
std::string printable(std::string_view text);

}  // namespace firebreak::core
