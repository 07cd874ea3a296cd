// Fuzzes what the Bot Framework's Authorization header and key documents carry before
// anything trusts them: base64url, the compact token split and its header and claims JSON,
// and the JWKS parse with the RSA keys built from it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "firebreak/teams/jwt.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "teams_jwt fuzzer: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace jwt = firebreak::teams::jwt;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    // Only the canonical spelling decodes, so decoding and encoding again is the identity.
    if (auto decoded = jwt::base64url_decode(bytes)) {
        if (jwt::base64url_encode(*decoded) != bytes) fail("base64url is not canonical");
    }
    if (jwt::base64url_decode(jwt::base64url_encode(bytes)) != std::string(bytes))
        fail("base64url does not round-trip");

    jwt::ParsedToken parsed = jwt::parse_token(bytes);
    if (parsed.token) {
        if (!parsed.token->header.is_object() || !parsed.token->claims.is_object())
            fail("a token whose header or claims are not objects");
        if (!bytes.starts_with(parsed.token->signing_input)) fail("signing input not a prefix");
        const auto alg = parsed.token->header.find("alg");
        if (alg != parsed.token->header.end() && alg->is_string())
            (void)jwt::parse_alg(alg->get_ref<const std::string&>());
        (void)parsed.token->claims.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else if (parsed.error.empty()) {
        fail("a refused token without a reason");
    }

    if (auto keys = jwt::parse_jwks(bytes)) {
        for (const auto& [kid, key] : *keys) {
            if (kid.empty() || key.kid != kid || key.modulus.empty() || key.exponent.empty())
                fail("a JWKS key without kid, n or e");
            if (auto rsa = jwt::RsaPublicKey::from_jwk(key)) {
                if (rsa->verify(jwt::Alg::rs256, bytes, key.modulus))
                    fail("the modulus verified as a signature");
            }
        }
    }
    return 0;
}
