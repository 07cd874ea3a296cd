// Fuzzes the config loader: admins' YAML is hand-edited, may be reloaded while incidents
// run, and must never take the bot down whatever its bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/config/loader.hpp"

namespace {

// Values no input is likely to contain, so finding one in an error means a leaked secret.
constexpr std::string_view kSigningSecret = "fuzz-signing-secret-7f3a9c";
constexpr std::string_view kBotToken = "xoxb-fuzz-bot-token-51d2e8";
constexpr std::string_view kTeamsAppId = "fuzz-teams-app-id-0b64aa";

/// A fixed environment: some variables set, one set but empty, the rest unset.
std::optional<std::string> fake_env(const std::string& name) {
    if (name == "SLACK_SIGNING_SECRET") return std::string(kSigningSecret);
    if (name == "SLACK_BOT_TOKEN") return std::string(kBotToken);
    if (name == "TEAMS_APP_ID") return std::string(kTeamsAppId);
    if (name == "EMPTY") return std::string();
    return std::nullopt;
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "config_loader fuzzer: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view yaml(reinterpret_cast<const char*>(data), size);
    const firebreak::config::Environment env = fake_env;

    firebreak::config::LoadResult result;
    try {
        result = firebreak::config::load_string(yaml, "fuzz.yaml", env);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("load_string threw; it promises never to");
    } catch (...) {
        fail("load_string threw a non-std exception; it promises never to");
    }

    if (result.ok() != result.errors.empty()) fail("ok() disagrees with errors.empty()");
    if (result.config.has_value() != result.errors.empty())
        fail("config must be set exactly when there are no errors");

    for (const auto& error : result.errors) {
        const std::string text = error.to_string();
        if (error.line < 0 || error.column < 0) fail("negative error position");
        for (std::string_view secret : {kSigningSecret, kBotToken, kTeamsAppId}) {
            if (yaml.find(secret) == std::string_view::npos &&
                text.find(secret) != std::string::npos) {
                std::fprintf(stderr, "error: %s\n", text.c_str());
                fail("an error message contains a secret's value");
            }
        }
    }
    return 0;
}
