#pragma once
// JSON Web Tokens as the Bot Framework sends them (RFC 7515/7519, compact form, RSA
// PKCS#1 v1.5 signatures) and the JSON Web Key Sets that publish its keys (RFC 7517).
// Pure: no I/O, no clock. Everything here sees untrusted bytes and never throws for them.

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace firebreak::teams::jwt {

/// The longest compact token accepted; the Bot Framework's are about 1.5 KB.
inline constexpr std::size_t kMaxTokenSize = 16 * 1024;

/// `text` decoded as unpadded base64url (RFC 4648 §5, as JWS uses it), or nullopt when it
/// holds any other character ('=' included), has an impossible length, or is not the
/// canonical encoding (non-zero bits left over in the last character).
std::optional<std::string> base64url_decode(std::string_view text);

/// `bytes` as unpadded base64url.
std::string base64url_encode(std::string_view bytes);

/// A compact JWS split and decoded; nothing in it is checked or trusted yet.
struct Token {
    nlohmann::json header;  ///< always an object
    nlohmann::json claims;  ///< always an object
    /// "<header>.<claims>" exactly as received: what the signature covers.
    std::string signing_input;
    std::string signature;  ///< raw bytes; empty for an unsigned ("alg":"none") token
};

struct ParsedToken {
    std::optional<Token> token;
    std::string error;  ///< why not, when token is empty: "not three parts", …
};

/// `compact` ("<b64url header>.<b64url claims>.<b64url signature>") decoded: exactly two
/// dots, at most kMaxTokenSize bytes, each part valid base64url, header and claims JSON
/// objects (parsed with bounded nesting). The signature part may be empty.
ParsedToken parse_token(std::string_view compact);

/// The signature algorithms a token may use: RSASSA-PKCS1-v1_5 with SHA-256/384/512.
enum class Alg { rs256, rs384, rs512 };

/// "RS256" → rs256 …; nullopt for anything else ("none", "HS256", "ES256", "rs256").
std::optional<Alg> parse_alg(std::string_view name);

/// One RSA signing key from a JWKS.
struct Jwk {
    std::string kid;
    std::string modulus;   ///< n, raw big-endian bytes
    std::string exponent;  ///< e, raw big-endian bytes
    /// The channels the key is endorsed for ("msteams", …); nullopt when the key has no
    /// `endorsements` member at all (then it is good for every channel). A member that is
    /// not an array of strings counts as endorsing nothing.
    std::optional<std::vector<std::string>> endorsements;
};

/// The RSA keys of a JWKS document ({"keys":[…]}) by kid, or nullopt when `text` is not
/// such a document. Keys whose `kty` is not "RSA", whose `use` is present and not "sig",
/// or that lack a kid, n or e (valid base64url, non-empty) are left out; the first key of
/// a kid wins.
std::optional<std::map<std::string, Jwk>> parse_jwks(std::string_view text);

/// An RSA public key ready to check signatures. Cheap to copy (shared, immutable).
class RsaPublicKey {
  public:
    /// The key of `jwk`, or nullopt when its modulus is under 2048 or over 8192 bits, or its
    /// exponent is even, below 3 or over 64 bits.
    static std::optional<RsaPublicKey> from_jwk(const Jwk& jwk);

    /// True when `signature` is a valid `alg` signature of `signing_input` by this key.
    bool verify(Alg alg, std::string_view signing_input, std::string_view signature) const;

  private:
    struct Key;
    explicit RsaPublicKey(std::shared_ptr<const Key> key) : key_(std::move(key)) {}
    std::shared_ptr<const Key> key_;
};

}  // namespace firebreak::teams::jwt
