#pragma once
// The Bot Framework's bearer token, checked on every activity before anything reads it,
// exactly as botbuilder-js does (reference/teams.md, "Bot Framework: inbound"):
//   1. the signing key is the OpenID metadata's JWKS key named by the token's `kid`;
//   2. `alg` is RS256, RS384 or RS512 and the signature verifies with that key;
//   3. `iss` is the Bot Framework's issuer and `aud` the bot's app id;
//   4. `exp` (required) and `nbf` (if present) hold within the clock tolerance;
//   5. a key that carries `endorsements` lists the activity's `channelId`;
//   6. the `serviceurl` claim equals the activity's `serviceUrl`.
//
// Keys are cached and refetched (metadata document, then its jwks_uri) when 24 h old; a
// token with an unknown `kid` refetches them at most once an hour. A failed fetch keeps the
// keys already held and is retried no sooner than a minute later.
//
// verify() runs on the thread that routes the server's requests, and a refetch is a
// blocking HTTP call made under the authenticator's lock: auth_client_options() keeps it
// short (2 s to connect, 3 s to read), so a stalled key server holds an activity for at
// most about 5 s per URL.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/app/clock.hpp"
#include "firebreak/http/client.hpp"

namespace firebreak::teams {

/// The HTTP client settings for the metadata and key fetches: 2 s connect, 3 s read, 1 MiB.
http::ClientOptions auth_client_options();

struct AuthSettings {
    std::string app_id;               ///< the bot's app id: the token's aud
    std::string openid_metadata_url;  ///< config teams.openid_metadata_url
    std::string issuer = "https://api.botframework.com";
    core::Duration clock_tolerance = std::chrono::seconds(300);
    http::ClientOptions client = auth_client_options();  ///< ca_file etc. for tests
};

/// ok, or why not. `reason` is for logs: it never holds the token, and what it quotes from
/// the token is clipped and stripped of control characters.
struct AuthVerdict {
    bool ok = false;
    std::string reason;
};

class BotAuthenticator {
  public:
    /// Fetches nothing yet. `clock` must outlive the authenticator. Throws what
    /// http::HttpClient throws for a bad settings.client (an unreadable ca_file).
    BotAuthenticator(AuthSettings settings, const app::Clock& clock);
    ~BotAuthenticator();
    BotAuthenticator(const BotAuthenticator&) = delete;
    BotAuthenticator& operator=(const BotAuthenticator&) = delete;

    /// `authorization` is the Authorization header's value ("Bearer <jwt>", the scheme in
    /// any case); `channel_id` and `service_url` are the activity's `channelId` and
    /// `serviceUrl`. Fetches the keys first when none are held or they are 24 h old. Safe
    /// from any thread (calls are serialised).
    AuthVerdict verify(std::string_view authorization, std::string_view channel_id,
                       std::string_view service_url);

    /// Fetches metadata + keys now (serve calls it at start); false (and a warn log) if not,
    /// keeping the keys already held.
    bool refresh();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace firebreak::teams
