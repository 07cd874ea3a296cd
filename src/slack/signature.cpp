#include "firebreak/slack/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

namespace firebreak::slack {
namespace {

constexpr std::string_view kVersion = "v0";

std::string hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 0xf];
    }
    return out;
}

bool is_lower_hex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

std::string_view describe(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::valid:
            return "valid";
        case SignatureCheck::missing:
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        case SignatureCheck::malformed:
            return "malformed timestamp or signature";
        case SignatureCheck::stale:
            return "timestamp more than 300 s from now";
        case SignatureCheck::mismatch:
            return "signature does not match";
    }
    return "unknown";
}

SlackSignatureVerifier::SlackSignatureVerifier(std::string signing_secret)
    : secret_(std::move(signing_secret)) {}

std::string SlackSignatureVerifier::sign(std::string_view timestamp, std::string_view body) const {
    std::string base;
    base.reserve(kVersion.size() + timestamp.size() + body.size() + 2);
    base.append(kVersion).append(":").append(timestamp).append(":").append(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac, &length);
    return std::string(kVersion) + "=" + hex(mac, length);
}

SignatureCheck SlackSignatureVerifier::check(std::string_view timestamp, std::string_view signature,
                                             std::string_view body, core::Timestamp now) const {
    if (timestamp.empty() || signature.empty()) return SignatureCheck::missing;
    long long seconds = 0;
    auto [end, ec] =
        std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
    if (ec != std::errc() || end != timestamp.data() + timestamp.size())
        return SignatureCheck::malformed;
    // Far outside any clock (and outside what a duration can subtract safely).
    constexpr long long kYear9999 = 253402300799;
    if (seconds < 0 || seconds > kYear9999) return SignatureCheck::stale;
    // Only v0 exists; anything else is refused rather than guessed at.
    if (signature.size() != 3 + 64 || !signature.starts_with("v0=") ||
        !is_lower_hex(signature.substr(3)))
        return SignatureCheck::malformed;
    auto skew = now.time_since_epoch() - core::Duration(seconds);
    if (skew > kMaxSkew || skew < -kMaxSkew) return SignatureCheck::stale;
    std::string expected = sign(timestamp, body);
    if (CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) != 0)
        return SignatureCheck::mismatch;
    return SignatureCheck::valid;
}

}  // namespace firebreak::slack
