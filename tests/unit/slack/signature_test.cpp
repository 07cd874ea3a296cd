#include "firebreak/slack/signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using firebreak::core::Duration;
using firebreak::core::Timestamp;
using firebreak::slack::SignatureCheck;
using firebreak::slack::SlackSignatureVerifier;

namespace {

// Slack's documented example (reference/slack.md), used by both official SDKs' tests.
const std::string kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const std::string kTimestamp = "1531420618";
const std::string kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
const std::string kSignature =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

Timestamp at(long long seconds) {
    return Timestamp{Duration{seconds}};
}

}  // namespace

TEST_CASE("Slack's official example request verifies") {
    REQUIRE(kBody.size() == 362);
    SlackSignatureVerifier v(kSecret);
    CHECK(v.sign(kTimestamp, kBody) == kSignature);
    CHECK(v.check(kTimestamp, kSignature, kBody, at(1531420618)) == SignatureCheck::valid);
}

TEST_CASE("the example body with bytes appended does not verify") {
    SlackSignatureVerifier v(kSecret);
    CHECK(v.check(kTimestamp, kSignature, kBody + "------", at(1531420618)) ==
          SignatureCheck::mismatch);
}

TEST_CASE("another secret does not verify") {
    SlackSignatureVerifier v("not-the-secret");
    CHECK(v.check(kTimestamp, kSignature, kBody, at(1531420618)) == SignatureCheck::mismatch);
}

TEST_CASE("a timestamp more than five minutes away either way is stale") {
    SlackSignatureVerifier v(kSecret);
    CHECK(v.check(kTimestamp, kSignature, kBody, at(1531420618 + 300)) == SignatureCheck::valid);
    CHECK(v.check(kTimestamp, kSignature, kBody, at(1531420618 + 301)) == SignatureCheck::stale);
    CHECK(v.check(kTimestamp, kSignature, kBody, at(1531420618 - 301)) == SignatureCheck::stale);
    CHECK(v.check("99999999999999999", kSignature, kBody, at(1531420618)) == SignatureCheck::stale);
}

TEST_CASE("missing and malformed headers are refused before any HMAC") {
    SlackSignatureVerifier v(kSecret);
    auto now = at(1531420618);
    CHECK(v.check("", kSignature, kBody, now) == SignatureCheck::missing);
    CHECK(v.check(kTimestamp, "", kBody, now) == SignatureCheck::missing);
    CHECK(v.check("15314x0618", kSignature, kBody, now) == SignatureCheck::malformed);
    CHECK(v.check(kTimestamp, "v1=" + kSignature.substr(3), kBody, now) ==
          SignatureCheck::malformed);
    CHECK(v.check(kTimestamp, kSignature.substr(0, 40), kBody, now) == SignatureCheck::malformed);
    std::string upper = kSignature;
    upper[5] = 'A';
    CHECK(v.check(kTimestamp, upper, kBody, now) == SignatureCheck::malformed);
}

namespace {

/// The oracle: OpenSSL's one-shot HMAC of Slack's base string.
std::string one_shot(const std::string& secret, const std::string& ts, const std::string& body) {
    const std::string base = "v0:" + ts + ":" + body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac, &length);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "v0=";
    for (unsigned int i = 0; i < length; ++i) {
        out += kDigits[mac[i] >> 4];
        out += kDigits[mac[i] & 0xf];
    }
    return out;
}

}  // namespace

TEST_CASE("one verifier signs request after request from its keyed context, as HMAC does") {
    SlackSignatureVerifier v(kSecret);
    const SlackSignatureVerifier copy = v;  // shares the keyed context
    const std::vector<std::string> bodies = {kBody, "", std::string("a\0b", 3), kBody + kBody,
                                             "text=%2Fincident+declare+checkout+down"};
    for (int round = 0; round < 3; ++round)
        for (const auto& body : bodies) {
            CHECK(v.sign(kTimestamp, body) == one_shot(kSecret, kTimestamp, body));
            CHECK(copy.sign("1700000000", body) == one_shot(kSecret, "1700000000", body));
        }
    // An empty secret is a key like any other (Slack never issues one; nothing breaks).
    CHECK(SlackSignatureVerifier("").sign(kTimestamp, kBody) == one_shot("", kTimestamp, kBody));
}
