#include "fakes/fake_bot_identity.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>
#include <utility>

#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"

namespace firebreak::fakes {
namespace {

using nlohmann::json;

/// Unpadded base64url, written here rather than borrowed from the code under test so that a
/// bug there cannot cancel out.
std::string b64url(std::string_view bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
    } else if (rest == 2) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

[[noreturn]] void openssl_failed(const char* what) {
    throw std::runtime_error(std::string("FakeBotIdentity: OpenSSL failed to ") + what);
}

std::string bn_param(EVP_PKEY* pkey, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) openssl_failed("read an RSA parameter");
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return bytes;
}

std::string public_pem(EVP_PKEY* pkey) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (!bio || PEM_write_bio_PUBKEY(bio, pkey) != 1) {
        BIO_free(bio);
        openssl_failed("write a PEM public key");
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return pem;
}

const EVP_MD* digest_for(const std::string& alg) {
    if (alg == "RS256") return EVP_sha256();
    if (alg == "RS384") return EVP_sha384();
    if (alg == "RS512") return EVP_sha512();
    return nullptr;
}

http::Response json_reply(const json& body) {
    return http::json_response(http::Status::ok, body.dump());
}

}  // namespace

struct FakeBotIdentity::Key {
    EVP_PKEY* pkey = nullptr;
    std::string n;  // raw big-endian
    std::string e;
    std::string pem;  // SubjectPublicKeyInfo
    bool published = true;
    std::optional<std::vector<std::string>> endorsements{{"msteams"}};

    Key() {
        pkey = EVP_RSA_gen(2048);
        if (!pkey) openssl_failed("generate an RSA key");
        n = bn_param(pkey, OSSL_PKEY_PARAM_RSA_N);
        e = bn_param(pkey, OSSL_PKEY_PARAM_RSA_E);
        pem = public_pem(pkey);
    }
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
    ~Key() { EVP_PKEY_free(pkey); }
};

FakeBotIdentity::FakeBotIdentity() {
    add_key("key-1");
    auto router = std::make_shared<http::Router>();
    router->add(http::Verb::get, "/v1/.well-known/openidconfiguration", [this](const auto&) {
        std::lock_guard lock(mutex_);
        ++metadata_fetches_;
        if (!available_) return http::text_response(http::Status::service_unavailable, "down");
        return json_reply({{"issuer", kIssuer},
                           {"authorization_endpoint", "https://invalid.botframework.com"},
                           {"jwks_uri", jwks_url()},
                           {"id_token_signing_alg_values_supported", {"RS256"}},
                           {"token_endpoint_auth_methods_supported", {"private_key_jwt"}}});
    });
    router->add(http::Verb::get, "/keys", [this](const auto&) {
        std::lock_guard lock(mutex_);
        ++jwks_fetches_;
        if (!available_) return http::text_response(http::Status::service_unavailable, "down");
        return json_reply(jwks_locked());
    });
    server_ = std::make_unique<http::Server>(ioc_, std::move(router));
    port_ = server_->listen("127.0.0.1", 0);
    thread_ = std::thread([this] { ioc_.run(); });
}

FakeBotIdentity::~FakeBotIdentity() {
    server_->stop();
    thread_.join();
}

std::string FakeBotIdentity::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string FakeBotIdentity::metadata_url() const {
    return base_url() + "/v1/.well-known/openidconfiguration";
}

std::string FakeBotIdentity::jwks_url() const {
    return base_url() + "/keys";
}

void FakeBotIdentity::add_key(const std::string& kid) {
    auto key = std::make_shared<Key>();  // slow: outside the lock
    std::lock_guard lock(mutex_);
    if (!keys_.emplace(kid, std::move(key)).second)
        throw std::invalid_argument("FakeBotIdentity: key " + kid + " exists");
    order_.push_back(kid);
}

void FakeBotIdentity::rotate_key(const std::string& new_kid) {
    add_key(new_kid);
    std::lock_guard lock(mutex_);
    for (auto& [kid, key] : keys_) key->published = kid == new_kid;
}

void FakeBotIdentity::withdraw_key(const std::string& kid) {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(kid);
    if (it == keys_.end()) throw std::invalid_argument("FakeBotIdentity: no key " + kid);
    it->second->published = false;
}

void FakeBotIdentity::set_endorsements(const std::string& kid,
                                       std::optional<std::vector<std::string>> channels) {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(kid);
    if (it == keys_.end()) throw std::invalid_argument("FakeBotIdentity: no key " + kid);
    it->second->endorsements = std::move(channels);
}

void FakeBotIdentity::set_available(bool available) {
    std::lock_guard lock(mutex_);
    available_ = available;
}

json FakeBotIdentity::jwks() const {
    std::lock_guard lock(mutex_);
    return jwks_locked();
}

json FakeBotIdentity::jwks_locked() const {
    json keys = json::array();
    for (const std::string& kid : order_) {
        const Key& key = *keys_.at(kid);
        if (!key.published) continue;
        json entry = {{"kty", "RSA"}, {"use", "sig"},       {"kid", kid},
                      {"x5t", kid},   {"n", b64url(key.n)}, {"e", b64url(key.e)}};
        if (key.endorsements) entry["endorsements"] = *key.endorsements;
        keys.push_back(std::move(entry));
    }
    return {{"keys", std::move(keys)}};
}

std::string FakeBotIdentity::sign(const json& claims, const SignOptions& options) const {
    std::shared_ptr<Key> key;
    std::string kid = options.kid;
    {
        std::lock_guard lock(mutex_);
        if (kid.empty()) kid = order_.front();
        auto it = keys_.find(kid);
        if (it == keys_.end()) throw std::invalid_argument("FakeBotIdentity: no key " + kid);
        key = it->second;
    }
    const json header = {{"alg", options.alg}, {"kid", kid}, {"typ", "JWT"}};
    const std::string input = b64url(header.dump()) + "." + b64url(claims.dump());
    if (options.alg == "none") return input + ".";
    std::string signature;
    if (options.alg == "HS256") {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        if (!HMAC(EVP_sha256(), key->pem.data(), static_cast<int>(key->pem.size()),
                  reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &size))
            openssl_failed("compute an HMAC");
        signature.assign(reinterpret_cast<const char*>(mac), size);
    } else {
        const EVP_MD* md = digest_for(options.alg);
        if (!md) throw std::invalid_argument("FakeBotIdentity: cannot sign with " + options.alg);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        std::size_t size = 0;
        if (!ctx || EVP_DigestSignInit(ctx, nullptr, md, nullptr, key->pkey) != 1 ||
            EVP_DigestSign(ctx, nullptr, &size,
                           reinterpret_cast<const unsigned char*>(input.data()),
                           input.size()) != 1) {
            EVP_MD_CTX_free(ctx);
            openssl_failed("sign");
        }
        signature.resize(size);
        const int rc =
            EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size());
        EVP_MD_CTX_free(ctx);
        if (rc != 1) openssl_failed("sign");
        signature.resize(size);
    }
    return input + "." + b64url(signature);
}

json FakeBotIdentity::valid_claims(const std::string& app_id, const std::string& service_url,
                                   core::Timestamp now) {
    const auto t = now.time_since_epoch().count();
    return {{"iss", kIssuer}, {"aud", app_id},   {"serviceurl", service_url},
            {"nbf", t - 300}, {"exp", t + 3600}, {"iat", t}};
}

std::size_t FakeBotIdentity::metadata_fetches() const {
    std::lock_guard lock(mutex_);
    return metadata_fetches_;
}

std::size_t FakeBotIdentity::jwks_fetches() const {
    std::lock_guard lock(mutex_);
    return jwks_fetches_;
}

}  // namespace firebreak::fakes
