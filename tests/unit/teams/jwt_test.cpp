#include "firebreak/teams/jwt.hpp"

#include <catch2/catch.hpp>

#include "fakes/fake_bot_identity.hpp"

namespace jwt = firebreak::teams::jwt;
using nlohmann::json;

TEST_CASE("base64url decodes RFC 4648's vectors and refuses every other spelling") {
    CHECK(jwt::base64url_decode("") == "");
    CHECK(jwt::base64url_decode("Zg") == "f");
    CHECK(jwt::base64url_decode("Zm8") == "fo");
    CHECK(jwt::base64url_decode("Zm9v") == "foo");
    CHECK(jwt::base64url_decode("Zm9vYg") == "foob");
    CHECK(jwt::base64url_decode("Zm9vYmFy") == "foobar");
    CHECK(jwt::base64url_decode("-_8") == std::string("\xfb\xff"));
    CHECK_FALSE(jwt::base64url_decode("Zg=="));   // padding
    CHECK_FALSE(jwt::base64url_decode("+/8"));    // the standard alphabet
    CHECK_FALSE(jwt::base64url_decode("Zm9vY"));  // a length no encoding has
    CHECK_FALSE(jwt::base64url_decode("Zh"));     // "f" with a stray low bit
    CHECK_FALSE(jwt::base64url_decode("Zm 9v"));
    CHECK(jwt::base64url_encode("\xfb\xff") == "-_8");
    CHECK(jwt::base64url_encode("foob") == "Zm9vYg");
}

TEST_CASE("a compact token splits into its header, claims and signature") {
    const std::string h = jwt::base64url_encode(R"({"alg":"RS256","kid":"k"})");
    const std::string c = jwt::base64url_encode(R"({"aud":"app"})");
    const std::string sig = jwt::base64url_encode("sig-bytes");
    jwt::ParsedToken parsed = jwt::parse_token(h + "." + c + "." + sig);
    REQUIRE(parsed.token);
    CHECK(parsed.token->header["kid"] == "k");
    CHECK(parsed.token->claims["aud"] == "app");
    CHECK(parsed.token->signing_input == h + "." + c);
    CHECK(parsed.token->signature == "sig-bytes");
    CHECK(jwt::parse_token(h + "." + c + ".").token->signature.empty());
}

TEST_CASE("a malformed compact token is refused with the reason") {
    const std::string h = jwt::base64url_encode(R"({"alg":"RS256"})");
    const std::string c = jwt::base64url_encode(R"({"aud":"app"})");
    CHECK(jwt::parse_token("").error == "empty token");
    CHECK(jwt::parse_token(h + "." + c).error == "not three dot-separated parts");
    CHECK(jwt::parse_token(h + "." + c + ".x.y").error == "not three dot-separated parts");
    CHECK(jwt::parse_token("...").error == "not three dot-separated parts");
    CHECK(jwt::parse_token("..").error == "header is not base64url JSON object");
    CHECK_FALSE(jwt::parse_token(h + "." + jwt::base64url_encode("[1]") + ".").token);
    CHECK_FALSE(jwt::parse_token(h + "." + jwt::base64url_encode("{nope") + ".").token);
    CHECK_FALSE(jwt::parse_token(h + "." + c + ".a+b").token);
    CHECK(jwt::parse_token(std::string(jwt::kMaxTokenSize + 1, 'a')).error == "token over 16 KiB");
    // Nesting deeper than the JSON limit is not built.
    const std::string deep = jwt::base64url_encode(std::string(100, '[') + std::string(100, ']'));
    CHECK_FALSE(jwt::parse_token(h + "." + deep + ".").token);
}

TEST_CASE("only RS256, RS384 and RS512 are algorithms a token may use") {
    CHECK(jwt::parse_alg("RS256") == jwt::Alg::rs256);
    CHECK(jwt::parse_alg("RS384") == jwt::Alg::rs384);
    CHECK(jwt::parse_alg("RS512") == jwt::Alg::rs512);
    for (const char* other : {"none", "HS256", "ES256", "PS256", "rs256", ""})
        CHECK_FALSE(jwt::parse_alg(other));
}

TEST_CASE("a JWKS yields its RSA signing keys by kid with their endorsements") {
    const std::string n = jwt::base64url_encode(std::string(256, '\x81'));
    const json doc = {
        {"keys",
         {{{"kty", "RSA"},
           {"use", "sig"},
           {"kid", "a"},
           {"n", n},
           {"e", "AQAB"},
           {"endorsements", {"msteams", "webchat"}}},
          {{"kty", "RSA"}, {"kid", "b"}, {"n", n}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"kid", "c"}, {"n", n}, {"e", "AQAB"}, {"endorsements", "msteams"}},
          {{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}},
          {{"kty", "RSA"}, {"use", "enc"}, {"kid", "enc"}, {"n", n}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"kid", "no-n"}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"kid", "bad-n"}, {"n", "a+b"}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"n", n}, {"e", "AQAB"}},
          {{"kty", "RSA"}, {"kid", "a"}, {"n", "AQAB"}, {"e", "AQAB"}},
          "not a key"}}};
    auto keys = jwt::parse_jwks(doc.dump());
    REQUIRE(keys);
    REQUIRE(keys->size() == 3);
    const jwt::Jwk& a = keys->at("a");
    CHECK(a.modulus == std::string(256, '\x81'));  // the first "a" wins
    CHECK(a.exponent == std::string("\x01\x00\x01", 3));
    CHECK(a.endorsements == std::vector<std::string>{"msteams", "webchat"});
    CHECK_FALSE(keys->at("b").endorsements);
    CHECK(keys->at("c").endorsements == std::vector<std::string>{});  // malformed: none
}

TEST_CASE("a document that is not a JWKS is refused") {
    CHECK_FALSE(jwt::parse_jwks(""));
    CHECK_FALSE(jwt::parse_jwks("[]"));
    CHECK_FALSE(jwt::parse_jwks(R"({"keys":{}})"));
    CHECK_FALSE(jwt::parse_jwks(R"({"key":[]})"));
    CHECK(jwt::parse_jwks(R"({"keys":[]})")->empty());
}

TEST_CASE("an RSA key from a JWK verifies the signatures made with its private key") {
    firebreak::fakes::FakeBotIdentity identity;
    auto keys = jwt::parse_jwks(identity.jwks().dump());
    REQUIRE(keys);
    auto key = jwt::RsaPublicKey::from_jwk(keys->at("key-1"));
    REQUIRE(key);
    const json claims = {{"aud", "app"}};
    for (auto [name, alg] : {std::pair{"RS256", jwt::Alg::rs256},
                             {"RS384", jwt::Alg::rs384},
                             {"RS512", jwt::Alg::rs512}}) {
        auto token = jwt::parse_token(identity.sign(claims, {"key-1", name})).token;
        REQUIRE(token);
        CHECK(key->verify(alg, token->signing_input, token->signature));
        // The same signature under another digest, or over other bytes, fails.
        CHECK_FALSE(key->verify(alg == jwt::Alg::rs256 ? jwt::Alg::rs512 : jwt::Alg::rs256,
                                token->signing_input, token->signature));
        CHECK_FALSE(key->verify(alg, token->signing_input + "x", token->signature));
        CHECK_FALSE(key->verify(alg, token->signing_input, ""));
        CHECK_FALSE(key->verify(alg, token->signing_input, token->signature.substr(1)));
    }
}

TEST_CASE("an RSA key that is too small or has a bad exponent is not built") {
    const std::string n2048 = "\x80" + std::string(255, '\x01');
    CHECK(jwt::RsaPublicKey::from_jwk({"k", n2048, std::string("\x01\x00\x01", 3), std::nullopt}));
    CHECK(jwt::RsaPublicKey::from_jwk({"k", std::string(3, '\0') + n2048, "\x03", {}}));
    CHECK_FALSE(jwt::RsaPublicKey::from_jwk({"k", std::string(255, '\xff'), "\x03", {}}));
    CHECK_FALSE(jwt::RsaPublicKey::from_jwk({"k", std::string(1025, '\xff'), "\x03", {}}));
    CHECK_FALSE(jwt::RsaPublicKey::from_jwk({"k", n2048, "\x01", {}}));
    CHECK_FALSE(jwt::RsaPublicKey::from_jwk({"k", n2048, std::string("\x01\x00", 2), {}}));  // even
    CHECK_FALSE(jwt::RsaPublicKey::from_jwk({"k", n2048, std::string(9, '\x01'), {}}));
}

// Signed by `openssl dgst -sha256 -sign` rather than by the fake, so that the fake's
// signer and this verifier cannot share a mistake (also tests/fuzz/corpus/teams_jwt/).
const char* const kOpensslToken =
    R"(eyJhbGciOiJSUzI1NiIsImtpZCI6Ik1DZVlfNk9EWTBzVDFLS0JWdzl2Z1lQZnlZNCIsIng1dCI6Ik1DZVlfNk9E)"
    R"(WTBzVDFLS0JWdzl2Z1lQZnlZNCIsInR5cCI6IkpXVCJ9.eyJzZXJ2aWNldXJsIjoiaHR0cHM6Ly9zbWJhLnRyYWZ)"
    R"(maWNtYW5hZ2VyLm5ldC9lbWVhLyIsIm5iZiI6MTc5NjAwMDAwMCwiZXhwIjoxNzk2MDAzNjAwLCJpc3MiOiJodHR)"
    R"(wczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMTExMS0yMjIyLTMzMzMtNDQ0NDQ0NDQ)"
    R"(0NDQ0In0.S3q47Bh0Buu5TcTfybxtpEKduL2O6oduRh4M0hR_QAJhLTCoNuAA_wITz6wofXzpcYXao1lhsDaBx06)"
    R"(N-ztQ-i-KtI-UqD4mFuWMDTqkQVES5hWMCrvFwQ6gAWNK6GWT7CC_3Fe_ws1-3mW3i4Nj7aQ3T0T5ajcMullUyCi)"
    R"(dj89ZVGmXgeWmo8MsnaVYT7mEBDchKUa8KU5M-6Mb1doRrPI2JXKHrtcHcDXA3Yhw_hZXsNB3UVNSuQ5yfMxDROB)"
    R"(wDjpsOz-SWlhLwuimwYNmDX40tbqhoVAoutatR09hBC_HahXLZIe4Hie_QfHOVFW77HF8TC65HDXN9aJfEwHn2Q)";
const char* const kOpensslJwks =
    R"({"keys":[{"kty":"RSA","use":"sig","kid":"MCeY_6ODY0sT1KKBVw9vgYPfyY4","x5t":"MCeY_6ODY0s)"
    R"(T1KKBVw9vgYPfyY4","n":"v-_EEOxAgD77tDWndN09G_bhIiuN56I7xZkeY2mLkvbnnEW-0nngGq8mNLXmZvKct)"
    R"(Psxzh1Jh3NyySMfs-s2ly-ObChVnTHXcfjyd2qDH2lENNY_WgpZQd_YgOv_CXb2Mf5i5OtARWzaAg53Y0mBgJwkG)"
    R"(uXn_Pd9tB60TdH4429uVoi287ZlAGv7Zc5-9dT1cwR57rGK4GWi0AMnMxg7DrVTgCMH3xpayW2XIAdH3zZfDvHem)"
    R"(79CULzcaGD0AdvlhpiH_myrLBpcC_flMc0n3XVDlYYXPnR1ZFGaphtS-KEiNAKmphRDUKH3c7ESqmgR2a2QOwITM)"
    R"(UnqnVblMqwKtQ","e":"AQAB","x5c":["MIIB"],"endorsements":["msteams","webchat","skype"]},{)"
    R"("kty":"RSA","kid":"k2","n":"v-_EEOxAgD77tDWndN09G_bhIiuN56I7xZkeY2mLkvbnnEW-0nngGq8mNLXm)"
    R"(ZvKctPsxzh1Jh3NyySMfs-s2ly-ObChVnTHXcfjyd2qDH2lENNY_WgpZQd_YgOv_CXb2Mf5i5OtARWzaAg53Y0mB)"
    R"(gJwkGuXn_Pd9tB60TdH4429uVoi287ZlAGv7Zc5-9dT1cwR57rGK4GWi0AMnMxg7DrVTgCMH3xpayW2XIAdH3zZf)"
    R"(DvHem79CULzcaGD0AdvlhpiH_myrLBpcC_flMc0n3XVDlYYXPnR1ZFGaphtS-KEiNAKmphRDUKH3c7ESqmgR2a2Q)"
    R"(OwITMUnqnVblMqwKtQ","e":"AQAB"},{"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8)"
    R"(vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})";

TEST_CASE("a token signed by the openssl command line verifies with its JWKS key") {
    auto keys = jwt::parse_jwks(kOpensslJwks);
    REQUIRE(keys);
    CHECK(keys->size() == 2);  // the EC key is left out
    const jwt::Jwk& jwk = keys->at("MCeY_6ODY0sT1KKBVw9vgYPfyY4");
    CHECK(jwk.endorsements == std::vector<std::string>{"msteams", "webchat", "skype"});
    auto key = jwt::RsaPublicKey::from_jwk(jwk);
    REQUIRE(key);
    auto token = jwt::parse_token(kOpensslToken).token;
    REQUIRE(token);
    CHECK(token->header["alg"] == "RS256");
    CHECK(token->claims["iss"] == "https://api.botframework.com");
    CHECK(key->verify(jwt::Alg::rs256, token->signing_input, token->signature));
    CHECK_FALSE(key->verify(jwt::Alg::rs384, token->signing_input, token->signature));
}
