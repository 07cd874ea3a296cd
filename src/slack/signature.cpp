#include "firebreak/slack/signature.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <charconv>
#include <memory>
#include <stdexcept>

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

SlackSignatureVerifier::SlackSignatureVerifier(std::string signing_secret) {
    // Fetching HMAC and SHA-256 and setting the key cost more than hashing a request: done
    // once here, and each request hashes in a copy of this context.
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr;
    EVP_MAC_free(mac);  // the context holds its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (ctx == nullptr ||
        EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(signing_secret.data()),
                     signing_secret.size(), params) != 1) {
        EVP_MAC_CTX_free(ctx);
        throw std::runtime_error("OpenSSL cannot compute HMAC-SHA256");
    }
    keyed_.reset(ctx, [](const EVP_MAC_CTX* c) { EVP_MAC_CTX_free(const_cast<EVP_MAC_CTX*>(c)); });
}

std::string SlackSignatureVerifier::sign(std::string_view timestamp, std::string_view body) const {
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_dup(keyed_.get()),
                                                                  &EVP_MAC_CTX_free);
    if (!ctx) throw std::runtime_error("OpenSSL cannot copy an HMAC context");
    // "v0:<timestamp>:<body>", fed in pieces: the body is not copied.
    auto feed = [&](std::string_view piece) {
        return EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(piece.data()),
                              piece.size()) == 1;
    };
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    if (!feed(kVersion) || !feed(":") || !feed(timestamp) || !feed(":") || !feed(body) ||
        EVP_MAC_final(ctx.get(), mac, &length, sizeof mac) != 1)
        throw std::runtime_error("OpenSSL failed to compute an HMAC");
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
