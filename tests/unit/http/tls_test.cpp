#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <boost/asio/ssl/context.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "firebreak/http/tls_context.hpp"
#include "loopback_client.hpp"
#include "test_server.hpp"

using namespace firebreak::http;
using namespace std::chrono_literals;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;
using firebreak::http::testing::TestServer;
namespace fs = std::filesystem;
namespace ssl = boost::asio::ssl;

namespace {

/// A fresh self-signed P-256 certificate for CN=localhost, as PEM files in a temporary
/// directory that goes away with this object.
class SelfSignedCert {
  public:
    SelfSignedCert()
        : dir_(fs::temp_directory_path() /
               ("firebreak-tls-" + std::to_string(::getpid()) + "-" + std::to_string(++count_))) {
        fs::create_directories(dir_);
        const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"),
                                                                      &EVP_PKEY_free);
        const std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
        if (!key || !cert) throw std::runtime_error("openssl: cannot make a key");
        X509_set_version(cert.get(), 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
        X509_set_pubkey(cert.get(), key.get());
        X509_NAME* name = X509_get_subject_name(cert.get());
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
        X509_set_issuer_name(cert.get(), name);
        if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
            throw std::runtime_error("openssl: cannot sign");
        }
        write(key_file(), [&](FILE* f) {
            return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        });
        write(cert_file(), [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
    }
    ~SelfSignedCert() {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    SelfSignedCert(const SelfSignedCert&) = delete;
    SelfSignedCert& operator=(const SelfSignedCert&) = delete;

    std::string cert_file() const { return (dir_ / "cert.pem").string(); }
    std::string key_file() const { return (dir_ / "key.pem").string(); }

    /// A client context that trusts this certificate only.
    ssl::context client_context() const {
        ssl::context context(ssl::context::tls_client);
        context.load_verify_file(cert_file());
        context.set_verify_mode(ssl::verify_peer);
        return context;
    }

  private:
    template <class Write>
    static void write(const std::string& path, Write write_pem) {
        FILE* file = std::fopen(path.c_str(), "w");
        if (file == nullptr) throw std::runtime_error("cannot open " + path);
        const int ok = write_pem(file);
        std::fclose(file);
        if (ok == 0) throw std::runtime_error("cannot write " + path);
    }

    static inline int count_ = 0;
    fs::path dir_;
};

std::shared_ptr<Router> hello_router() {
    auto router = std::make_shared<Router>();
    router->add(Verb::get, "/hello",
                [](const Request&) { return text_response(Status::ok, "hi"); });
    return router;
}

std::shared_ptr<ssl::context> server_context(const SelfSignedCert& cert) {
    boost::system::error_code ec;
    auto context = make_server_tls_context(cert.cert_file(), cert.key_file(), ec);
    REQUIRE_FALSE(ec);
    REQUIRE(context);
    return context;
}

}  // namespace

TEST_CASE("an HTTPS server answers requests on a keep-alive TLS connection") {
    const SelfSignedCert cert;
    TestServer server(hello_router(), {}, server_context(cert));
    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);

    CHECK(client.request(make_request(Verb::get, "/hello")).body() == "hi");
    CHECK(client.request(make_request(Verb::get, "/missing")).result() == Status::not_found);
}

TEST_CASE("an HTTPS server refuses plain HTTP and keeps serving TLS clients") {
    const SelfSignedCert cert;
    TestServer server(hello_router(), {}, server_context(cert));

    LoopbackClient plain(server.port());
    REQUIRE_FALSE(plain.send(make_request(Verb::get, "/hello")));
    CHECK_THROWS(plain.read_response());

    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("a TLS client that never handshakes does not delay another") {
    const SelfSignedCert cert;
    TestServer server(hello_router(), {}, server_context(cert));
    LoopbackClient stalled(server.port());  // TCP only: the server waits for a ClientHello

    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls, 2s);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("stop() closes an idle TLS connection with close_notify and run() returns") {
    const SelfSignedCert cert;
    TestServer server(hello_router(), {}, server_context(cert));
    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);

    const auto start = std::chrono::steady_clock::now();
    server.stop_and_join();
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    CHECK(client.wait_for_close());
}

TEST_CASE("over TLS too, a request whose body never comes is answered 408") {
    const SelfSignedCert cert;
    ServerLimits limits;
    limits.read_deadline = 200ms;
    TestServer server(hello_router(), limits, server_context(cert));
    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);

    REQUIRE_FALSE(client.send_raw("GET /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n"));
    CHECK(client.read_response().result() == Status::request_timeout);
}

TEST_CASE("a TLS context reports a missing certificate file") {
    boost::system::error_code ec;
    CHECK(make_server_tls_context("/nonexistent/cert.pem", "/nonexistent/key.pem", ec) == nullptr);
    CHECK(ec);
}

TEST_CASE("a TLS context reports a key that does not match the certificate") {
    const SelfSignedCert cert;
    const SelfSignedCert other;
    boost::system::error_code ec;
    CHECK(make_server_tls_context(cert.cert_file(), other.key_file(), ec) == nullptr);
    CHECK(ec);
}
