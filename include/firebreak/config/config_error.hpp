#pragma once
// One problem found while loading the config, pointing at the file position and key.

#include <string>

namespace firebreak::config {

struct ConfigError {
    std::string file;
    int line = 0;    ///< 1-based; 0 when the problem has no position (e.g. unreadable file)
    int column = 0;  ///< 1-based; 0 when unknown
    std::string
        key_path;         ///< "severities[1].update_every" (list indexes are 0-based); may be empty
    std::string message;  ///< never contains a secret's value

    /// "file:line:col: key_path: message"; the position and key path are left out when
    /// unknown.
    std::string to_string() const;
};

}  // namespace firebreak::config
