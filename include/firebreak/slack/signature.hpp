#pragma once
// Slack's request signing (reference/slack.md): every request to /slack/* carries
// X-Slack-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body)).

#include <memory>
#include <string>
#include <string_view>

#include "firebreak/core/time.hpp"

struct evp_mac_ctx_st;  // OpenSSL's EVP_MAC_CTX

namespace firebreak::slack {

enum class SignatureCheck {
    valid,
    missing,    ///< no timestamp or no signature header
    malformed,  ///< a timestamp that is not a number, or a signature that is not v0=<64 hex>
    stale,      ///< timestamp more than five minutes from now: a replay, or a bad clock
    mismatch,   ///< signed with another secret, or the body was changed
};

/// Why a check failed, for the log line (never includes the secret or the signature).
std::string_view describe(SignatureCheck check);

class SlackSignatureVerifier {
  public:
    /// How far a request's timestamp may be from now, either way.
    static constexpr core::Duration kMaxSkew = std::chrono::seconds(300);

    explicit SlackSignatureVerifier(std::string signing_secret);

    /// Checks the headers' values against the exact body bytes, in constant time.
    SignatureCheck check(std::string_view timestamp, std::string_view signature,
                         std::string_view body, core::Timestamp now) const;

    /// "v0=<hex>" for `timestamp` and `body`: what Slack would send (tests and the bench).
    std::string sign(std::string_view timestamp, std::string_view body) const;

  private:
    /// HMAC-SHA256 keyed with the signing secret; never used itself, only copied (shared
    /// by copies of this verifier: copying from it only reads it).
    std::shared_ptr<const evp_mac_ctx_st> keyed_;
};

}  // namespace firebreak::slack
