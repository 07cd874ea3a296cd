#pragma once
// Secrets are never written in the config file: a value "${NAME}" is read from the environment.

#include <functional>
#include <optional>
#include <string>

namespace firebreak::config {

/// Looks an environment variable up by name; nullopt when it is unset. Injected so tests
/// never touch the real environment.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;

/// The environment of this process (std::getenv).
Environment process_environment();

/// A secret named in the config as "${NAME}" and read from the environment variable NAME.
/// Deliberately unprintable: there is no operator<< and no to_string, and the loader's
/// error messages name the variable, never the value.
class Secret {
  public:
    Secret() = default;

    /// Reads `env_var` through `env`. An unset or empty variable gives a secret that is not
    /// present. The loader reports that as an error when the platform that needs it is
    /// enabled; a disabled platform simply stays off.
    static Secret from_environment(std::string env_var, const Environment& env);

    /// A secret whose value is already known: for tests and composition roots.
    static Secret from_value(std::string env_var, std::string value);

    /// "SLACK_SIGNING_SECRET"; empty when the config does not name a variable.
    std::string env_var;

    bool present() const { return value_.has_value(); }

    /// The secret; an empty string when not present.
    const std::string& value() const;

  private:
    std::optional<std::string> value_;
};

}  // namespace firebreak::config
