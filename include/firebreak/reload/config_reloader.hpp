#pragma once
// Loads the admins' config file, and reloads it keeping the last good version when an
// edit is invalid.

#include <filesystem>
#include <string>
#include <vector>

#include "firebreak/config/config.hpp"
#include "firebreak/config/config_error.hpp"
#include "firebreak/config/secret.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::reload {

/// A config that validated, with what identifies it.
struct LoadedConfig {
    config::Config config;
    std::string version;  ///< first 12 hex digits of the file's SHA-256
    core::Timestamp loaded_at{};
};

struct ReloadResult {
    enum class Outcome {
        applied,    ///< a new valid version is now current
        unchanged,  ///< the file's bytes are the version already loaded (or last rejected)
        rejected,   ///< invalid: the current version stays; `errors` says why
    };
    Outcome outcome = Outcome::unchanged;
    std::string version;  ///< of the file as read
    std::vector<config::ConfigError> errors;
    /// Keys that changed but only take effect on restart (listen address, TLS, storage,
    /// platform credentials).
    std::vector<std::string> needs_restart;
};

class ConfigReloader {
  public:
    ConfigReloader(std::filesystem::path path, config::Environment env);

    /// Reads and validates the file. A valid file that differs from the current version
    /// becomes current; an invalid one leaves the current version in place. A version
    /// already rejected is reported `unchanged`, so one bad edit warns once.
    ReloadResult reload(core::Timestamp now);

    /// True once a version has loaded.
    bool loaded() const { return loaded_; }
    /// The current version; only valid when loaded().
    const LoadedConfig& current() const { return current_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
    config::Environment env_;
    LoadedConfig current_;
    bool loaded_ = false;
    std::string last_rejected_;
};

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace firebreak::reload
