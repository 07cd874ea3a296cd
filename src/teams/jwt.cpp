#include "firebreak/teams/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <cstdint>

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::teams::jwt {
namespace {

using nlohmann::json;

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::optional<json> decode_object(std::string_view part) {
    std::optional<std::string> bytes = base64url_decode(part);
    if (!bytes) return std::nullopt;
    std::optional<json> parsed = chat::parse_untrusted_json(*bytes);
    if (!parsed || !parsed->is_object()) return std::nullopt;
    return parsed;
}

/// A member that must be a non-empty string, decoded from base64url.
std::optional<std::string> decoded_member(const json& key, const char* name) {
    auto it = key.find(name);
    if (it == key.end() || !it->is_string()) return std::nullopt;
    std::optional<std::string> bytes = base64url_decode(it->get_ref<const std::string&>());
    if (!bytes || bytes->empty()) return std::nullopt;
    return bytes;
}

std::optional<std::vector<std::string>> endorsements_of(const json& key) {
    auto it = key.find("endorsements");
    if (it == key.end()) return std::nullopt;
    std::vector<std::string> channels;
    if (!it->is_array()) return channels;  // malformed: endorses nothing
    for (const json& channel : *it)
        if (channel.is_string()) channels.push_back(channel.get<std::string>());
    return channels;
}

std::string_view without_leading_zeros(std::string_view bytes) {
    while (!bytes.empty() && bytes.front() == '\0') bytes.remove_prefix(1);
    return bytes;
}

const EVP_MD* digest_of(Alg alg) {
    switch (alg) {
        case Alg::rs256:
            return EVP_sha256();
        case Alg::rs384:
            return EVP_sha384();
        case Alg::rs512:
            return EVP_sha512();
    }
    return nullptr;
}

struct BnFree {
    void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
    void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

std::unique_ptr<BIGNUM, BnFree> to_bignum(std::string_view bytes) {
    return std::unique_ptr<BIGNUM, BnFree>(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                  static_cast<int>(bytes.size()), nullptr));
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3 + 2);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = sextet(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    // The bits left over must be zero, or two texts would decode to the same bytes.
    if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

ParsedToken parse_token(std::string_view compact) {
    if (compact.empty()) return {std::nullopt, "empty token"};
    if (compact.size() > kMaxTokenSize) return {std::nullopt, "token over 16 KiB"};
    const std::size_t first = compact.find('.');
    const std::size_t second =
        first == std::string_view::npos ? first : compact.find('.', first + 1);
    if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos)
        return {std::nullopt, "not three dot-separated parts"};
    std::optional<json> header = decode_object(compact.substr(0, first));
    if (!header) return {std::nullopt, "header is not base64url JSON object"};
    std::optional<json> claims = decode_object(compact.substr(first + 1, second - first - 1));
    if (!claims) return {std::nullopt, "claims are not a base64url JSON object"};
    std::optional<std::string> signature = base64url_decode(compact.substr(second + 1));
    if (!signature) return {std::nullopt, "signature is not base64url"};
    Token token{std::move(*header), std::move(*claims), std::string(compact.substr(0, second)),
                std::move(*signature)};
    return {std::move(token), ""};
}

std::optional<Alg> parse_alg(std::string_view name) {
    if (name == "RS256") return Alg::rs256;
    if (name == "RS384") return Alg::rs384;
    if (name == "RS512") return Alg::rs512;
    return std::nullopt;
}

std::optional<std::map<std::string, Jwk>> parse_jwks(std::string_view text) {
    std::optional<json> doc = chat::parse_untrusted_json(text);
    if (!doc || !doc->is_object()) return std::nullopt;
    auto keys = doc->find("keys");
    if (keys == doc->end() || !keys->is_array()) return std::nullopt;
    std::map<std::string, Jwk> out;
    for (const json& key : *keys) {
        if (!key.is_object()) continue;
        auto kty = key.find("kty");
        if (kty == key.end() || *kty != "RSA") continue;
        auto use = key.find("use");
        if (use != key.end() && *use != "sig") continue;
        auto kid = key.find("kid");
        if (kid == key.end() || !kid->is_string() || kid->get_ref<const std::string&>().empty())
            continue;
        std::optional<std::string> n = decoded_member(key, "n");
        std::optional<std::string> e = decoded_member(key, "e");
        if (!n || !e) continue;
        out.try_emplace(kid->get<std::string>(), Jwk{kid->get<std::string>(), std::move(*n),
                                                     std::move(*e), endorsements_of(key)});
    }
    return out;
}

struct RsaPublicKey::Key {
    EVP_PKEY* pkey = nullptr;
    Key() = default;
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
    ~Key() { EVP_PKEY_free(pkey); }
};

std::optional<RsaPublicKey> RsaPublicKey::from_jwk(const Jwk& jwk) {
    const std::string_view n = without_leading_zeros(jwk.modulus);
    const std::string_view e = without_leading_zeros(jwk.exponent);
    if (n.size() < 256 || n.size() > 1024) return std::nullopt;  // 2048..8192 bits
    if (e.empty() || e.size() > 8 || (static_cast<unsigned char>(e.back()) & 1) == 0 ||
        (e.size() == 1 && static_cast<unsigned char>(e.back()) < 3))
        return std::nullopt;
    auto bn_n = to_bignum(n);
    auto bn_e = to_bignum(e);
    if (!bn_n || !bn_e || BN_num_bits(bn_n.get()) < 2048) return std::nullopt;

    std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
        return std::nullopt;
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return std::nullopt;
    auto key = std::make_shared<Key>();
    if (EVP_PKEY_fromdata(ctx.get(), &key->pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 ||
        key->pkey == nullptr)
        return std::nullopt;
    return RsaPublicKey(std::move(key));
}

bool RsaPublicKey::verify(Alg alg, std::string_view signing_input,
                          std::string_view signature) const {
    if (!key_ || signature.empty() ||
        signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key_->pkey)))
        return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    // EVP_DigestVerifyInit takes a non-const key but only reads it.
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digest_of(alg), nullptr, key_->pkey) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(signing_input.data()),
                            signing_input.size()) == 1;
}

}  // namespace firebreak::teams::jwt
