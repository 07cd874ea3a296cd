#include <catch2/catch.hpp>
#include <chrono>

#include "fakes/fake_bot_identity.hpp"
#include "fakes/manual_clock.hpp"
#include "firebreak/teams/bot_auth.hpp"
#include "firebreak/teams/jwt.hpp"

using namespace std::chrono_literals;
using firebreak::fakes::FakeBotIdentity;
using firebreak::fakes::ManualClock;
using firebreak::fakes::SignOptions;
using firebreak::teams::AuthSettings;
using firebreak::teams::AuthVerdict;
using firebreak::teams::BotAuthenticator;
using nlohmann::json;

namespace {

const std::string kAppId = "00000000-1111-2222-3333-444444444444";
const std::string kServiceUrl = "https://smba.trafficmanager.net/emea/";
const firebreak::core::Timestamp kStart{std::chrono::seconds(1'796'000'000)};

struct Harness {
    FakeBotIdentity identity;
    ManualClock clock{kStart};
    BotAuthenticator auth{settings(), clock};

    AuthSettings settings() const {
        AuthSettings s;
        s.app_id = kAppId;
        s.openid_metadata_url = identity.metadata_url();
        return s;
    }
    json claims() const { return FakeBotIdentity::valid_claims(kAppId, kServiceUrl, clock.now()); }
    std::string bearer(const json& c, const SignOptions& o = {}) const {
        return "Bearer " + identity.sign(c, o);
    }
    AuthVerdict verify(const std::string& authorization, std::string_view channel = "msteams",
                       std::string_view service_url = kServiceUrl) {
        return auth.verify(authorization, channel, service_url);
    }
    /// Both documents fetched `n` times so far.
    bool fetched(std::size_t n) const {
        return identity.metadata_fetches() == n && identity.jwks_fetches() == n;
    }
};

/// `c` with the claim `name` set to `value`.
json with(json c, const char* name, std::int64_t value) {
    c[name] = value;
    return c;
}

std::int64_t seconds(firebreak::core::Timestamp t) {
    return t.time_since_epoch().count();
}

}  // namespace

TEST_CASE("a token the Bot Framework would send is accepted, with RS256, RS384 and RS512") {
    Harness h;
    for (const char* alg : {"RS256", "RS384", "RS512"}) {
        AuthVerdict v = h.verify(h.bearer(h.claims(), {"key-1", alg}));
        CHECK(v.ok);
        CHECK(v.reason.empty());
    }
    CHECK(h.verify("bearer " + h.identity.sign(h.claims())).ok);  // the scheme in any case
    CHECK(h.fetched(1));  // keys cached after the first fetch
}

TEST_CASE("a token for another bot is refused") {
    Harness h;
    REQUIRE(h.verify(h.bearer(h.claims())).ok);
    json other = h.claims();
    other["aud"] = "another-app";
    AuthVerdict v = h.verify(h.bearer(other));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "wrong audience \"another-app\"");
    other.erase("aud");
    CHECK_FALSE(h.verify(h.bearer(other)).ok);
    other["aud"] = json::array({"x", kAppId});
    CHECK(h.verify(h.bearer(other)).ok);  // aud may be a list that holds the app id
}

TEST_CASE("a token from another issuer is refused") {
    Harness h;
    json c = h.claims();
    c["iss"] = "https://sts.windows.net/tenant/";
    AuthVerdict v = h.verify(h.bearer(c));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "wrong issuer \"https://sts.windows.net/tenant/\"");
    c.erase("iss");
    CHECK_FALSE(h.verify(h.bearer(c)).ok);
}

TEST_CASE("an expired token is accepted within the 300 s tolerance and refused beyond it") {
    Harness h;
    const std::int64_t now = seconds(h.clock.now());
    CHECK(h.verify(h.bearer(with(h.claims(), "exp", now - 300))).ok);
    AuthVerdict v = h.verify(h.bearer(with(h.claims(), "exp", now - 301)));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "token expired");
    // The same token, once the clock passes the tolerance.
    const std::string token = h.bearer(with(h.claims(), "exp", now + 10));
    CHECK(h.verify(token).ok);
    h.clock.advance(310s);
    CHECK(h.verify(token).ok);
    h.clock.advance(1s);
    CHECK_FALSE(h.verify(token).ok);
    json no_exp = h.claims();
    no_exp.erase("exp");
    CHECK(h.verify(h.bearer(no_exp)).reason == "token has no numeric exp");
    CHECK_FALSE(h.verify(h.bearer(with(no_exp, "exp", 0))).ok);
}

TEST_CASE("a token not valid yet is accepted within the 300 s tolerance and refused beyond it") {
    Harness h;
    const std::int64_t now = seconds(h.clock.now());
    CHECK(h.verify(h.bearer(with(h.claims(), "nbf", now + 300))).ok);
    AuthVerdict v = h.verify(h.bearer(with(h.claims(), "nbf", now + 301)));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "token not valid yet (nbf)");
    json c = h.claims();
    c["nbf"] = "soon";
    CHECK_FALSE(h.verify(h.bearer(c)).ok);
    c.erase("nbf");
    CHECK(h.verify(h.bearer(c)).ok);  // nbf is optional
}

TEST_CASE("an unknown kid refetches the keys once and accepts a rotated key") {
    Harness h;
    REQUIRE(h.verify(h.bearer(h.claims())).ok);
    REQUIRE(h.fetched(1));
    h.clock.advance(1h);
    h.identity.rotate_key("key-2");
    CHECK(h.verify(h.bearer(h.claims(), {"key-2"})).ok);
    CHECK(h.fetched(2));
    // key-1 was withdrawn by the rotation: gone from the cache too.
    AuthVerdict v = h.verify(h.bearer(h.claims(), {"key-1"}));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "unknown signing key \"key-1\"");
    CHECK(h.fetched(2));  // within the hour: no refetch
}

TEST_CASE(
    "an unknown kid still unknown after the refetch is refused, and not refetched again "
    "within the hour") {
    Harness h;
    REQUIRE(h.verify(h.bearer(h.claims())).ok);
    h.clock.advance(2h);
    h.identity.add_key("unpublished");
    h.identity.withdraw_key("unpublished");
    AuthVerdict v = h.verify(h.bearer(h.claims(), {"unpublished"}));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "unknown signing key \"unpublished\"");
    CHECK(h.fetched(2));
    h.identity.add_key("key-3");  // published now, but the last fetch was just now
    h.clock.advance(59min);
    CHECK_FALSE(h.verify(h.bearer(h.claims(), {"key-3"})).ok);
    CHECK_FALSE(h.verify(h.bearer(h.claims(), {"unpublished"})).ok);
    CHECK(h.fetched(2));
    h.clock.advance(1min);  // an hour since the last fetch
    CHECK(h.verify(h.bearer(h.claims(), {"key-3"})).ok);
    CHECK(h.fetched(3));
}

TEST_CASE("keys 24 hours old are refetched before a token is checked") {
    Harness h;
    REQUIRE(h.auth.refresh());
    REQUIRE(h.fetched(1));
    h.clock.advance(24h - 1s);
    CHECK(h.verify(h.bearer(h.claims())).ok);
    CHECK(h.fetched(1));
    h.clock.advance(1s);
    CHECK(h.verify(h.bearer(h.claims())).ok);
    CHECK(h.fetched(2));
}

TEST_CASE("a failed fetch keeps the keys held and is not retried for a minute") {
    Harness h;
    REQUIRE(h.auth.refresh());
    h.identity.set_available(false);
    CHECK_FALSE(h.auth.refresh());
    CHECK(h.verify(h.bearer(h.claims())).ok);  // the old keys still work
    h.clock.advance(24h);
    CHECK(h.verify(h.bearer(h.claims())).ok);  // stale, but the fetch failed
    CHECK(h.identity.metadata_fetches() == 3);
    CHECK(h.verify(h.bearer(h.claims())).ok);
    CHECK(h.identity.metadata_fetches() == 3);  // not retried within the minute
    h.identity.set_available(true);
    h.clock.advance(1min);
    CHECK(h.verify(h.bearer(h.claims())).ok);
    CHECK(h.identity.metadata_fetches() == 4);
}

TEST_CASE("with no keys at all every token is refused") {
    FakeBotIdentity identity;
    identity.set_available(false);
    ManualClock clock{kStart};
    AuthSettings s;
    s.app_id = kAppId;
    s.openid_metadata_url = identity.metadata_url();
    BotAuthenticator auth(s, clock);
    const std::string token =
        "Bearer " + identity.sign(FakeBotIdentity::valid_claims(kAppId, kServiceUrl, kStart));
    AuthVerdict v = auth.verify(token, "msteams", kServiceUrl);
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "no Bot Framework signing keys could be fetched");
    identity.set_available(true);
    CHECK_FALSE(auth.verify(token, "msteams", kServiceUrl).ok);  // retried after a minute only
    clock.advance(1min);
    CHECK(auth.verify(token, "msteams", kServiceUrl).ok);
}

TEST_CASE("a key endorsed for other channels is refused; a key without endorsements is not") {
    Harness h;
    h.identity.set_endorsements("key-1", std::vector<std::string>{"webchat", "skype"});
    AuthVerdict v = h.verify(h.bearer(h.claims()));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "key \"key-1\" is not endorsed for channel \"msteams\"");
    CHECK(h.verify(h.bearer(h.claims()), "webchat").ok);
    CHECK_FALSE(h.verify(h.bearer(h.claims()), "").ok);  // no channel: not endorsed
    h.identity.set_endorsements("key-1", std::vector<std::string>{});
    h.clock.advance(24h);
    CHECK_FALSE(h.verify(h.bearer(h.claims())).ok);
    h.identity.set_endorsements("key-1", std::nullopt);
    h.clock.advance(24h);
    CHECK(h.verify(h.bearer(h.claims())).ok);
    CHECK(h.verify(h.bearer(h.claims()), "anything").ok);
}

TEST_CASE("a token for another serviceUrl is refused") {
    Harness h;
    AuthVerdict v = h.verify(h.bearer(h.claims()), "msteams", "https://evil.example/");
    CHECK_FALSE(v.ok);
    CHECK(v.reason ==
          "serviceurl claim \"https://smba.trafficmanager.net/emea/\" does not match "
          "the activity's serviceUrl \"https://evil.example/\"");
    CHECK_FALSE(h.verify(h.bearer(h.claims()), "msteams", "https://smba.trafficmanager.net/emea")
                    .ok);  // compared exactly
    json c = h.claims();
    c.erase("serviceurl");
    CHECK_FALSE(h.verify(h.bearer(c)).ok);
    c["serviceurl"] = 1;
    CHECK_FALSE(h.verify(h.bearer(c)).ok);
}

TEST_CASE("an unsigned token (alg none) is refused") {
    Harness h;
    const std::string token = h.identity.sign(h.claims(), {"key-1", "none"});
    CHECK(token.back() == '.');
    AuthVerdict v = h.verify("Bearer " + token);
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "algorithm \"none\" is not allowed");
}

TEST_CASE("an HS256 token keyed with the public key is refused") {
    Harness h;
    AuthVerdict v = h.verify(h.bearer(h.claims(), {"key-1", "HS256"}));
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "algorithm \"HS256\" is not allowed");
}

TEST_CASE("a token whose claims were changed after signing is refused") {
    Harness h;
    const std::string token = h.identity.sign(h.claims());
    REQUIRE(h.verify("Bearer " + token).ok);
    const std::size_t dot1 = token.find('.');
    const std::size_t dot2 = token.find('.', dot1 + 1);
    json changed = h.claims();
    changed["aud"] = kAppId;
    changed["exp"] = seconds(h.clock.now()) + 365 * 86400;
    const std::string forged = token.substr(0, dot1 + 1) +
                               firebreak::teams::jwt::base64url_encode(changed.dump()) +
                               token.substr(dot2);
    AuthVerdict v = h.verify("Bearer " + forged);
    CHECK_FALSE(v.ok);
    CHECK(v.reason == "bad signature (key \"key-1\")");
    // A token signed by a key that merely has a published kid.
    h.identity.add_key("key-2");
    std::string other = h.identity.sign(h.claims(), {"key-2"});
    const std::string swapped = token.substr(0, dot2) + other.substr(other.rfind('.'));
    CHECK(h.verify("Bearer " + swapped).reason == "bad signature (key \"key-1\")");
}

TEST_CASE("an Authorization header that holds no well-formed bearer token is refused") {
    Harness h;
    const std::string token = h.identity.sign(h.claims());
    for (const std::string& header :
         {std::string(""), std::string("Bearer"), std::string("Bearer "), std::string("Basic x"),
          "Basic " + token, token, "Bearer " + token + " extra", std::string("Bearer ..."),
          std::string("Bearer .."), std::string("Bearer a.b.c"), std::string("Bearer !!.??.**"),
          "Bearer " + token + ".x", "Bearer " + token.substr(0, token.rfind('.'))}) {
        AuthVerdict v = h.verify(header);
        CHECK_FALSE(v.ok);
        CHECK_FALSE(v.reason.empty());
        CHECK(v.reason.find(token) == std::string::npos);  // never the token
    }
    CHECK(h.verify("Bearer").reason == "no bearer token in the Authorization header");
    CHECK(h.verify("Bearer ...").reason == "malformed token: not three dot-separated parts");
    CHECK(h.verify("Bearer ..").reason == "malformed token: header is not base64url JSON object");
    CHECK(h.identity.metadata_fetches() == 0);  // nothing fetched for garbage
}

TEST_CASE("a token without a kid is refused and what it quotes is clipped for the log") {
    Harness h;
    namespace jwt = firebreak::teams::jwt;
    const std::string body = jwt::base64url_encode(h.claims().dump());
    const std::string no_kid = jwt::base64url_encode(R"({"alg":"RS256"})") + "." + body + ".";
    CHECK(h.verify("Bearer " + no_kid).reason == "token names no signing key (kid)");
    const std::string odd_kid =
        jwt::base64url_encode(
            json{{"alg", "RS256"}, {"kid", "a\nb" + std::string(100, 'x')}}.dump()) +
        "." + body + ".";
    const std::string reason = h.verify("Bearer " + odd_kid).reason;
    CHECK(reason.find('\n') == std::string::npos);
    CHECK(reason.size() < 120);
}
