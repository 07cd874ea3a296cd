#pragma once
// A fake Bot Framework identity service for tests: RSA-2048 keys generated with OpenSSL,
// published the way login.botframework.com publishes them (an OpenID metadata document whose
// jwks_uri names a JWKS), served by the project's real http::Server on 127.0.0.1:<any port>,
// and tokens signed with them as the Bot Framework signs the ones it sends a bot.
//
//   GET {base_url()}/v1/.well-known/openidconfiguration   (metadata_url())
//   GET {base_url()}/keys                                 (jwks_url())
//
// In a config: teams.openid_metadata_url: <metadata_url()>.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "firebreak/core/time.hpp"

namespace firebreak::http {
class Server;
}

namespace firebreak::fakes {

struct SignOptions {
    /// The kid in the header; "" means the first key added (the constructor's "key-1").
    std::string kid;
    /// "RS256" (default), "RS384", "RS512": signed with the kid's private key. "none": no
    /// signature. "HS256": HMAC-SHA256 keyed with the kid's public key as PEM (the classic
    /// algorithm-confusion attack). Anything else throws std::invalid_argument.
    std::string alg = "RS256";
};

class FakeBotIdentity {
  public:
    static constexpr const char* kIssuer = "https://api.botframework.com";

    /// Generates and publishes one key, "key-1", endorsed for "msteams"; listens on
    /// 127.0.0.1 (any free port) and serves at once on its own thread.
    FakeBotIdentity();
    /// Stops the server and joins its thread.
    ~FakeBotIdentity();
    FakeBotIdentity(const FakeBotIdentity&) = delete;
    FakeBotIdentity& operator=(const FakeBotIdentity&) = delete;

    std::uint16_t port() const { return port_; }
    /// "http://127.0.0.1:<port>".
    std::string base_url() const;
    /// base_url() + "/v1/.well-known/openidconfiguration".
    std::string metadata_url() const;
    /// base_url() + "/keys": the metadata's jwks_uri.
    std::string jwks_url() const;

    /// Generates a new RSA-2048 key and publishes it (endorsed for "msteams"). Throws
    /// std::invalid_argument when `kid` exists.
    void add_key(const std::string& kid);
    /// Publishes a new key `new_kid` and withdraws every other one from the JWKS; the old
    /// keys can still sign (tokens a real identity service would no longer send).
    void rotate_key(const std::string& new_kid);
    /// Stops publishing `kid` (it can still sign). Throws std::invalid_argument if unknown.
    void withdraw_key(const std::string& kid);
    /// The key's `endorsements` in the JWKS; nullopt leaves the member out.
    void set_endorsements(const std::string& kid, std::optional<std::vector<std::string>> channels);
    /// Answers 503 to both URLs while false.
    void set_available(bool available);

    /// The JWKS document served now.
    nlohmann::json jwks() const;

    /// A compact JWS of `claims` with header {"alg","kid","typ":"JWT"}. Throws
    /// std::invalid_argument for an unknown kid or alg.
    std::string sign(const nlohmann::json& claims, const SignOptions& options = {}) const;
    /// Claims the Bot Framework would send: iss, aud = app_id, serviceurl, nbf = now - 5 min,
    /// exp = now + 1 h, iat = now.
    static nlohmann::json valid_claims(const std::string& app_id, const std::string& service_url,
                                       core::Timestamp now);

    /// GETs of the metadata document and of the JWKS so far (503s included).
    std::size_t metadata_fetches() const;
    std::size_t jwks_fetches() const;

  private:
    struct Key;
    nlohmann::json jwks_locked() const;

    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Key>> keys_;
    std::vector<std::string> order_;  // kids in the order they were added
    bool available_ = true;
    std::size_t metadata_fetches_ = 0;
    std::size_t jwks_fetches_ = 0;

    boost::asio::io_context ioc_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

}  // namespace firebreak::fakes
