#pragma once
// Whether a file named in the config can be read, for checks such as the TLS files.

#include <string>

namespace firebreak::config::detail {

/// Why `file` cannot be opened for reading ("no such file", "is a directory", "permission
/// denied", ...), or "" when it can. Relative paths are resolved against the working
/// directory. Only regular files, or links to them, qualify: opening a FIFO would block.
std::string unreadable_reason(const std::string& file);

}  // namespace firebreak::config::detail
