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
#include "localhost_certificate.hpp"
#include "support/loopback_client.hpp"
#include "test_server.hpp"

using namespace firebreak::http;
using namespace std::chrono_literals;
using firebreak::http::testing::LocalhostCertificate;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;
using firebreak::http::testing::TestServer;
namespace ssl = boost::asio::ssl;

namespace {

std::shared_ptr<Router> hello_router() {
    auto router = std::make_shared<Router>();
    router->add(Verb::get, "/hello",
                [](const Request&) { return text_response(Status::ok, "hi"); });
    return router;
}

std::shared_ptr<ssl::context> server_context(const LocalhostCertificate& cert) {
    boost::system::error_code ec;
    auto context = make_server_tls_context(cert.cert_file(), cert.key_file(), ec);
    REQUIRE_FALSE(ec);
    REQUIRE(context);
    return context;
}

}  // namespace

TEST_CASE("an HTTPS server answers requests on a keep-alive TLS connection") {
    const LocalhostCertificate cert;
    TestServer server(hello_router(), {}, server_context(cert));
    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);

    CHECK(client.request(make_request(Verb::get, "/hello")).body() == "hi");
    CHECK(client.request(make_request(Verb::get, "/missing")).result() == Status::not_found);
}

TEST_CASE("an HTTPS server refuses plain HTTP and keeps serving TLS clients") {
    const LocalhostCertificate cert;
    TestServer server(hello_router(), {}, server_context(cert));

    LoopbackClient plain(server.port());
    REQUIRE_FALSE(plain.send(make_request(Verb::get, "/hello")));
    CHECK_THROWS(plain.read_response());

    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("a TLS client that never handshakes does not delay another") {
    const LocalhostCertificate cert;
    TestServer server(hello_router(), {}, server_context(cert));
    LoopbackClient stalled(server.port());  // TCP only: the server waits for a ClientHello

    ssl::context client_tls = cert.client_context();
    LoopbackClient client(server.port(), client_tls, 2s);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("stop() closes an idle TLS connection with close_notify and run() returns") {
    const LocalhostCertificate cert;
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
    const LocalhostCertificate cert;
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
    const LocalhostCertificate cert;
    const LocalhostCertificate other;
    boost::system::error_code ec;
    CHECK(make_server_tls_context(cert.cert_file(), other.key_file(), ec) == nullptr);
    CHECK(ec);
}
