#include "firebreak/config/secret.hpp"

#include <cstdlib>

namespace firebreak::config {

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

Secret Secret::from_environment(std::string env_var, const Environment& env) {
    Secret secret;
    std::optional<std::string> value = env ? env(env_var) : std::nullopt;
    // An empty variable is as good as unset: an empty signing secret would verify nothing.
    if (value && !value->empty()) secret.value_ = std::move(value);
    secret.env_var = std::move(env_var);
    return secret;
}

Secret Secret::from_value(std::string env_var, std::string value) {
    Secret secret;
    secret.env_var = std::move(env_var);
    secret.value_ = std::move(value);
    return secret;
}

const std::string& Secret::value() const {
    static const std::string kEmpty;
    return value_ ? *value_ : kEmpty;
}

}  // namespace firebreak::config
