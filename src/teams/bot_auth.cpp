#include "firebreak/teams/bot_auth.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <vector>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/teams/jwt.hpp"

namespace firebreak::teams {
namespace {

using nlohmann::json;

constexpr core::Duration kKeysMaxAge = std::chrono::hours(24);
constexpr core::Duration kUnknownKidInterval = std::chrono::hours(1);
constexpr core::Duration kFailedFetchRetry = std::chrono::minutes(1);

struct SigningKey {
    jwt::RsaPublicKey rsa;
    std::optional<std::vector<std::string>> endorsements;
};

AuthVerdict refuse(std::string reason) {
    return {false, std::move(reason)};
}

/// Something the token says, fit for a log line: printable ASCII only, at most 64 bytes.
std::string for_log(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 64)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
    if (text.size() > 64) out += "…";
    return "\"" + out + "\"";
}

std::string json_for_log(const json& value) {
    if (value.is_string()) return for_log(std::string_view(value.get_ref<const std::string&>()));
    return for_log(std::string_view(value.dump(-1, ' ', false, json::error_handler_t::replace)));
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// The token of "Bearer <token>", or nullopt.
std::optional<std::string_view> bearer_token(std::string_view authorization) {
    const std::size_t space = authorization.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    if (!equals_ignoring_case(authorization.substr(0, space), "Bearer")) return std::nullopt;
    std::string_view token = authorization.substr(space + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty() || token.find_first_of(" \t\r\n") != std::string_view::npos)
        return std::nullopt;
    return token;
}

bool audience_matches(const json& aud, const std::string& app_id) {
    if (aud.is_string()) return aud.get_ref<const std::string&>() == app_id;
    if (aud.is_array())
        return std::any_of(aud.begin(), aud.end(), [&](const json& a) { return a == app_id; });
    return false;
}

double seconds_of(core::Timestamp t) {
    return static_cast<double>(t.time_since_epoch().count());
}

}  // namespace

http::ClientOptions auth_client_options() {
    http::ClientOptions options;
    options.connect_timeout = std::chrono::seconds(2);
    options.read_timeout = std::chrono::seconds(3);
    options.max_response_body = 1024 * 1024;
    return options;
}

struct BotAuthenticator::State {
    State(AuthSettings s, const app::Clock& c)
        : settings(std::move(s)), clock(c), client(settings.client) {}

    /// Fetches the metadata and its keys; replaces the keys only on success.
    bool fetch_locked();
    /// The body of a 200 answer to GET `url`, or nullopt (with `error` set).
    std::optional<std::string> get_locked(const std::string& url, std::string& error);

    const AuthSettings settings;
    const app::Clock& clock;
    http::HttpClient client;

    std::mutex mutex;
    std::map<std::string, SigningKey, std::less<>> keys;
    std::optional<core::Timestamp> fetched_at;    // the last fetch that succeeded
    std::optional<core::Timestamp> attempted_at;  // the last fetch, whatever came of it
};

std::optional<std::string> BotAuthenticator::State::get_locked(const std::string& url,
                                                               std::string& error) {
    http::ClientResult result =
        client.request(http::Verb::get, url, {{"Accept", "application/json"}}, "");
    if (!result.ok()) {
        error = std::string(http::to_string(result.error->kind)) + ": " + result.error->message;
        return std::nullopt;
    }
    if (result.response->status != 200) {
        error = "HTTP " + std::to_string(result.response->status);
        return std::nullopt;
    }
    return std::move(result.response->body);
}

bool BotAuthenticator::State::fetch_locked() {
    attempted_at = clock.now();
    std::string error;
    const auto fail = [&](const std::string& what) {
        spdlog::warn("teams: could not fetch the Bot Framework signing keys ({}): {}; {}", what,
                     error, keys.empty() ? "no keys held" : "keeping the keys held");
        return false;
    };
    std::optional<std::string> metadata = get_locked(settings.openid_metadata_url, error);
    if (!metadata) return fail("OpenID metadata");
    std::optional<json> doc = chat::parse_untrusted_json(*metadata);
    const json* jwks_uri = nullptr;
    if (doc && doc->is_object() && doc->contains("jwks_uri") && (*doc)["jwks_uri"].is_string())
        jwks_uri = &(*doc)["jwks_uri"];
    if (!jwks_uri || !http::parse_client_url(jwks_uri->get_ref<const std::string&>())) {
        error = "no http(s) jwks_uri in the document";
        return fail("OpenID metadata");
    }
    std::optional<std::string> jwks = get_locked(jwks_uri->get<std::string>(), error);
    if (!jwks) return fail("JWKS");
    std::optional<std::map<std::string, jwt::Jwk>> parsed = jwt::parse_jwks(*jwks);
    if (!parsed) {
        error = "not a JWKS document";
        return fail("JWKS");
    }
    std::map<std::string, SigningKey, std::less<>> fresh;
    for (const auto& [kid, jwk] : *parsed) {
        if (std::optional<jwt::RsaPublicKey> rsa = jwt::RsaPublicKey::from_jwk(jwk))
            fresh.emplace(kid, SigningKey{*rsa, jwk.endorsements});
        else
            spdlog::warn("teams: ignoring signing key {}: not a usable RSA key", for_log(kid));
    }
    if (fresh.empty()) {
        error = "no usable RSA keys";
        return fail("JWKS");
    }
    spdlog::info("teams: fetched {} Bot Framework signing keys", fresh.size());
    keys = std::move(fresh);
    fetched_at = attempted_at;
    return true;
}

BotAuthenticator::BotAuthenticator(AuthSettings settings, const app::Clock& clock)
    : state_(std::make_unique<State>(std::move(settings), clock)) {}

BotAuthenticator::~BotAuthenticator() = default;

bool BotAuthenticator::refresh() {
    std::lock_guard lock(state_->mutex);
    return state_->fetch_locked();
}

AuthVerdict BotAuthenticator::verify(std::string_view authorization, std::string_view channel_id,
                                     std::string_view service_url) {
    State& s = *state_;
    std::optional<std::string_view> compact = bearer_token(authorization);
    if (!compact) return refuse("no bearer token in the Authorization header");
    jwt::ParsedToken parsed = jwt::parse_token(*compact);
    if (!parsed.token) return refuse("malformed token: " + parsed.error);
    const jwt::Token& token = *parsed.token;
    const json kid = token.header.value("kid", json());
    if (!kid.is_string() || kid.get_ref<const std::string&>().empty())
        return refuse("token names no signing key (kid)");
    const std::string& kid_text = kid.get_ref<const std::string&>();

    // 1. The key, by kid, from keys no older than a day.
    std::optional<SigningKey> key;
    {
        std::lock_guard lock(s.mutex);
        const core::Timestamp now = s.clock.now();
        const bool may_retry = !s.attempted_at || now - *s.attempted_at >= kFailedFetchRetry;
        if ((!s.fetched_at || now - *s.fetched_at >= kKeysMaxAge) && may_retry) s.fetch_locked();
        auto it = s.keys.find(kid_text);
        if (it == s.keys.end() && !s.keys.empty() &&
            (!s.attempted_at || now - *s.attempted_at >= kUnknownKidInterval)) {
            s.fetch_locked();
            it = s.keys.find(kid_text);
        }
        if (s.keys.empty()) return refuse("no Bot Framework signing keys could be fetched");
        if (it == s.keys.end()) return refuse("unknown signing key " + for_log(kid_text));
        key = it->second;
    }

    // 2. An RSA algorithm, and the signature.
    const json alg_name = token.header.value("alg", json());
    const std::optional<jwt::Alg> alg = alg_name.is_string()
                                            ? jwt::parse_alg(alg_name.get_ref<const std::string&>())
                                            : std::nullopt;
    if (!alg) return refuse("algorithm " + json_for_log(alg_name) + " is not allowed");
    if (!key->rsa.verify(*alg, token.signing_input, token.signature))
        return refuse("bad signature (key " + for_log(kid_text) + ")");

    // 3. Issuer and audience.
    const json& claims = token.claims;
    const json iss = claims.value("iss", json());
    if (iss != s.settings.issuer) return refuse("wrong issuer " + json_for_log(iss));
    const json aud = claims.value("aud", json());
    if (s.settings.app_id.empty() || !audience_matches(aud, s.settings.app_id))
        return refuse("wrong audience " + json_for_log(aud));

    // 4. Lifetime, within the tolerance.
    const double now = seconds_of(s.clock.now());
    const double tolerance = static_cast<double>(s.settings.clock_tolerance.count());
    const json exp = claims.value("exp", json());
    if (!exp.is_number()) return refuse("token has no numeric exp");
    if (now > exp.get<double>() + tolerance) return refuse("token expired");
    if (claims.contains("nbf")) {
        const json& nbf = claims["nbf"];
        if (!nbf.is_number()) return refuse("token has a non-numeric nbf");
        if (now + tolerance < nbf.get<double>()) return refuse("token not valid yet (nbf)");
    }

    // 5. Endorsements, when the key has them.
    if (key->endorsements &&
        (channel_id.empty() || std::find(key->endorsements->begin(), key->endorsements->end(),
                                         channel_id) == key->endorsements->end()))
        return refuse("key " + for_log(kid_text) + " is not endorsed for channel " +
                      for_log(channel_id));

    // 6. The serviceUrl the activity says it came from.
    const json service_url_claim = claims.value("serviceurl", json());
    if (!service_url_claim.is_string() ||
        service_url_claim.get_ref<const std::string&>() != service_url)
        return refuse("serviceurl claim " + json_for_log(service_url_claim) +
                      " does not match the activity's serviceUrl " + for_log(service_url));
    return {true, ""};
}

}  // namespace firebreak::teams
