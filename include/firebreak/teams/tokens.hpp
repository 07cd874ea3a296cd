#pragma once
// Access tokens by the OAuth 2.0 client-credentials grant, for the Bot Framework connector
// (scope https://api.botframework.com/.default) and Microsoft Graph
// (https://graph.microsoft.com/.default): one TokenSource per scope, same app id and secret.

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/http/client.hpp"

namespace firebreak::teams {

inline constexpr const char* kBotFrameworkScope = "https://api.botframework.com/.default";
inline constexpr const char* kGraphScope = "https://graph.microsoft.com/.default";

struct TokenSettings {
    /// "https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token" (config teams.token_url).
    std::string token_url;
    std::string client_id;
    std::string client_secret;  ///< sent in the form body only; never logged
    std::string scope;
};

/// What asking for a token gave: the token, or why not.
struct TokenResult {
    std::optional<std::string> token;
    /// Why there is no token, for logs: names the token URL's host and the HTTP status or the
    /// identity platform's error code, never the secret or a token.
    std::string error;
    /// True for network trouble, 429 and 5xx: asking later may work. False for refused
    /// credentials or a malformed answer.
    bool transient = false;
    std::optional<core::Duration> retry_after;
};

class TokenSource {
  public:
    /// `client` and `clock` must outlive the source.
    TokenSource(TokenSettings settings, http::HttpClient& client, const app::Clock& clock);

    /// A token valid for at least the next five minutes: the cached one, else a new one from
    /// the token endpoint. Safe from several threads: one fetch at a time, and the threads
    /// that waited for it share its token.
    TokenResult get();
    /// Forgets the cached token (after an API answered 401 with it): the next get() fetches.
    /// `rejected` is the token the API refused; a newer one another thread fetched since is
    /// kept. "" forgets whatever is cached.
    void invalidate(std::string_view rejected = "");
    /// Tokens fetched from the endpoint so far (tests, metrics).
    int fetches() const;
    const std::string& scope() const { return settings_.scope; }

  private:
    TokenResult fetch();

    const TokenSettings settings_;
    http::HttpClient& client_;
    const app::Clock& clock_;
    mutable std::mutex mutex_;  // held for the whole fetch: one at a time
    std::string token_;
    core::Timestamp refresh_at_{};
    int fetches_ = 0;
};

}  // namespace firebreak::teams
