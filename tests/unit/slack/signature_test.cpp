#include "firebreak/slack/signature.hpp"

#include <catch2/catch.hpp>

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
