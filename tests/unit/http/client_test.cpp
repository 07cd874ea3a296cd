#include "firebreak/http/client.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "firebreak/http/tls_context.hpp"
#include "localhost_certificate.hpp"
#include "test_server.hpp"

using namespace firebreak::http;
using namespace std::chrono_literals;
using firebreak::http::testing::LocalhostCertificate;
using firebreak::http::testing::TestServer;
namespace asio = boost::asio;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

/// A TCP forwarder on 127.0.0.1 in front of a server: it counts the connections it accepts,
/// can cut them all (as a server's idle timeout or restart would), and can hide from the client
/// that the server closed (to tell whether the client honours Connection: close).
class CountingProxy {
  public:
    explicit CountingProxy(std::uint16_t upstream, bool hide_server_close = false)
        : upstream_(upstream),
          hide_server_close_(hide_server_close),
          acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
        do_accept();
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~CountingProxy() {
        ioc_.stop();
        thread_.join();
    }
    CountingProxy(const CountingProxy&) = delete;
    CountingProxy& operator=(const CountingProxy&) = delete;

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    int accepted() const { return accepted_; }

    /// Closes every forwarded connection, both sides, and returns once they are closed.
    void drop_all() {
        std::promise<void> dropped;
        asio::post(ioc_, [&] {
            for (const auto& link : links_) {
                error_code ignored;
                link->client.close(ignored);
                link->server.close(ignored);
            }
            links_.clear();
            dropped.set_value();
        });
        dropped.get_future().wait();
    }

  private:
    struct Link {
        explicit Link(tcp::socket accepted)
            : client(std::move(accepted)), server(client.get_executor()) {}
        tcp::socket client;
        tcp::socket server;
        std::array<char, 4096> up{};
        std::array<char, 4096> down{};
    };

    void do_accept() {
        acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
            if (ec) return;
            ++accepted_;
            auto link = std::make_shared<Link>(std::move(socket));
            link->server.connect({asio::ip::make_address("127.0.0.1"), upstream_}, ec);
            if (!ec) {
                links_.push_back(link);
                pump(link, link->client, link->server, link->up, true);
                pump(link, link->server, link->client, link->down, !hide_server_close_);
            }
            do_accept();
        });
    }

    /// Copies `from` to `to` until `from` closes, then (if `pass_close`) closes `to` for
    /// sending.
    static void pump(std::shared_ptr<Link> link, tcp::socket& from, tcp::socket& to,
                     std::array<char, 4096>& buffer, bool pass_close) {
        from.async_read_some(asio::buffer(buffer), [link, &from, &to, &buffer, pass_close](
                                                       error_code ec, std::size_t n) {
            if (ec) {
                error_code ignored;
                if (pass_close) to.shutdown(tcp::socket::shutdown_send, ignored);
                return;
            }
            asio::async_write(to, asio::buffer(buffer.data(), n),
                              [link, &from, &to, &buffer, pass_close](error_code ec, std::size_t) {
                                  if (!ec) pump(link, from, to, buffer, pass_close);
                              });
        });
    }

    asio::io_context ioc_;
    std::uint16_t upstream_;
    bool hide_server_close_;
    tcp::acceptor acceptor_;
    std::vector<std::shared_ptr<Link>> links_;
    std::atomic<int> accepted_{0};
    std::thread thread_;
};

/// A raw TCP server on 127.0.0.1 that answers each connection's first request with `reply`,
/// byte for byte, then closes it: for responses the project's Server would never send.
class ScriptedServer {
  public:
    explicit ScriptedServer(std::string reply)
        : reply_(std::move(reply)), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
        do_accept();
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~ScriptedServer() {
        ioc_.stop();
        thread_.join();
    }
    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  private:
    struct Exchange {
        explicit Exchange(tcp::socket s) : socket(std::move(s)) {}
        tcp::socket socket;
        std::string request;
    };

    void do_accept() {
        acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
            if (ec) return;
            auto exchange = std::make_shared<Exchange>(std::move(socket));
            asio::async_read_until(exchange->socket, asio::dynamic_buffer(exchange->request),
                                   "\r\n\r\n", [this, exchange](error_code ec, std::size_t) {
                                       if (ec) return;
                                       asio::async_write(exchange->socket, asio::buffer(reply_),
                                                         [exchange](error_code, std::size_t) {
                                                             error_code ignored;
                                                             exchange->socket.shutdown(
                                                                 tcp::socket::shutdown_both,
                                                                 ignored);
                                                         });
                                   });
            do_accept();
        });
    }

    std::string reply_;
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::thread thread_;
};

/// POST /api/echo answers with the request's body and what it saw of its headers;
/// GET /hello says "hi"; GET /bye says "bye" with Connection: close; GET /big sends 2000 bytes.
std::shared_ptr<Router> test_router() {
    auto router = std::make_shared<Router>();
    router->add(Verb::post, "/api/echo", [](const Request& request) {
        Response response = json_response(Status::created, request.body());
        response.set("X-Seen-Host", request[Field::host]);
        response.set("X-Seen-User-Agent", request[Field::user_agent]);
        response.set("X-Seen-Content-Length", request[Field::content_length]);
        response.set("X-Seen-Content-Type", request[Field::content_type]);
        response.set("X-Seen-Target", request.target());
        return response;
    });
    router->add(Verb::get, "/hello",
                [](const Request&) { return text_response(Status::ok, "hi"); });
    router->add(Verb::get, "/bye", [](const Request&) {
        Response response = text_response(Status::ok, "bye");
        response.set(Field::connection, "close");
        return response;
    });
    router->add(Verb::get, "/big",
                [](const Request&) { return text_response(Status::ok, std::string(2000, 'x')); });
    return router;
}

std::string local_url(std::uint16_t port, const std::string& path,
                      const std::string& scheme = "http", const std::string& host = "127.0.0.1") {
    return scheme + "://" + host + ":" + std::to_string(port) + path;
}

/// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
std::uint16_t closed_port() {
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

/// For tests that expect a timeout: 200 ms, so that they finish quickly.
ClientOptions short_timeouts() {
    ClientOptions options;
    options.connect_timeout = 200ms;
    options.read_timeout = 200ms;
    return options;
}

ClientErrorKind error_kind(const ClientResult& result) {
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.error);
    return result.error->kind;
}

}  // namespace

TEST_CASE(
    "a POST sends its JSON body with Host, User-Agent and Content-Length and reads the reply") {
    TestServer server(test_router());
    HttpClient client;

    const std::string json = R"({"channel":"C1","text":"SEV1 declared"})";
    const ClientResult result =
        client.request(Verb::post, local_url(server.port(), "/api/echo?x=1"),
                       {{"Content-Type", "application/json; charset=utf-8"},
                        {"Authorization", "Bearer xoxb-secret"}},
                       json);

    REQUIRE(result.ok());
    CHECK_FALSE(result.error);
    const ClientResponse& response = *result.response;
    CHECK(response.status == 201);
    CHECK(response.body == json);
    CHECK(response.header("Content-Type") == "application/json");
    CHECK(response.headers.at("content-type") == "application/json");
    CHECK(response.header("x-seen-host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(response.header("X-SEEN-USER-AGENT") == "firebreak");
    CHECK(response.header("x-seen-content-length") == std::to_string(json.size()));
    CHECK(response.header("x-seen-content-type") == "application/json; charset=utf-8");
    CHECK(response.header("x-seen-target") == "/api/echo?x=1");
    CHECK(response.header("x-not-there").empty());
}

TEST_CASE("a caller's User-Agent replaces the configured one") {
    TestServer server(test_router());
    ClientOptions options;
    options.user_agent = "firebreak/2";
    HttpClient client(options);

    const ClientResult configured =
        client.request(Verb::post, local_url(server.port(), "/api/echo"), {}, "{}");
    REQUIRE(configured.ok());
    CHECK(configured.response->header("x-seen-user-agent") == "firebreak/2");

    const ClientResult own = client.request(Verb::post, local_url(server.port(), "/api/echo"),
                                            {{"user-agent", "other"}}, "{}");
    REQUIRE(own.ok());
    CHECK(own.response->header("x-seen-user-agent") == "other");
}

TEST_CASE("two requests to the same server share one kept-alive connection") {
    TestServer server(test_router());
    CountingProxy proxy(server.port());
    HttpClient client;

    const ClientResult first = client.request(Verb::get, local_url(proxy.port(), "/hello"), {}, {});
    const ClientResult second =
        client.request(Verb::post, local_url(proxy.port(), "/api/echo"), {}, "again");

    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first.response->body == "hi");
    CHECK(second.response->body == "again");
    CHECK(proxy.accepted() == 1);
    CHECK(client.connections_opened() == 1);
}

namespace {

/// `threads` threads each send `each` POSTs through `client` at once; the bodies that came
/// back wrong (empty when every request succeeded with its own body).
std::vector<std::string> echo_from_threads(HttpClient& client, const std::string& url, int threads,
                                           int each) {
    std::mutex mutex;
    std::vector<std::string> wrong;
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t) {
        senders.emplace_back([&, t] {
            for (int i = 0; i < each; ++i) {
                const std::string body =
                    "thread " + std::to_string(t) + " request " + std::to_string(i);
                const ClientResult result = client.request(Verb::post, url, {}, body);
                if (!result.ok() || result.response->body != body) {
                    std::lock_guard lock(mutex);
                    wrong.push_back(body + ": " +
                                    (result.error ? result.error->message : result.response->body));
                }
            }
        });
    }
    for (auto& sender : senders) sender.join();
    return wrong;
}

}  // namespace

TEST_CASE("concurrent requests from several threads all succeed and reuse their connections") {
    TestServer server(test_router(), {}, nullptr, /*threads=*/4);
    CountingProxy proxy(server.port());
    HttpClient client;

    CHECK(echo_from_threads(client, local_url(proxy.port(), "/api/echo"), 4, 25).empty());
    // A hundred requests, never more than four at once: at most one connection each.
    CHECK(proxy.accepted() >= 1);
    CHECK(proxy.accepted() <= 4);
    CHECK(client.connections_opened() == static_cast<std::size_t>(proxy.accepted()));
}

TEST_CASE("over TLS too, concurrent requests from several threads reuse their connections") {
    const LocalhostCertificate cert;
    TestServer server(test_router(), {}, cert.server_context(), /*threads=*/3);
    CountingProxy proxy(server.port());
    ClientOptions options;
    options.ca_file = cert.cert_file();
    HttpClient client(options);

    CHECK(
        echo_from_threads(client, local_url(proxy.port(), "/api/echo", "https", "localhost"), 3, 10)
            .empty());
    CHECK(proxy.accepted() >= 1);
    CHECK(proxy.accepted() <= 3);
}

TEST_CASE("a kept-alive connection closed between requests is replaced transparently") {
    TestServer server(test_router());
    CountingProxy proxy(server.port());
    HttpClient client;

    REQUIRE(client.request(Verb::get, local_url(proxy.port(), "/hello"), {}, {}).ok());
    proxy.drop_all();
    const ClientResult second =
        client.request(Verb::post, local_url(proxy.port(), "/api/echo"), {}, "again");

    REQUIRE(second.ok());
    CHECK(second.response->body == "again");
    CHECK(proxy.accepted() == 2);
}

TEST_CASE("over TLS too, a kept-alive connection closed between requests is replaced") {
    const LocalhostCertificate cert;
    TestServer server(test_router(), {}, cert.server_context());
    CountingProxy proxy(server.port());
    ClientOptions options;
    options.ca_file = cert.cert_file();
    HttpClient client(options);

    REQUIRE(
        client.request(Verb::get, local_url(proxy.port(), "/hello", "https", "localhost"), {}, {})
            .ok());
    proxy.drop_all();
    const ClientResult second =
        client.request(Verb::get, local_url(proxy.port(), "/hello", "https", "localhost"), {}, {});

    REQUIRE(second.ok());
    CHECK(second.response->body == "hi");
    CHECK(proxy.accepted() == 2);
}

TEST_CASE("a response with Connection: close is not followed by a request on that connection") {
    TestServer server(test_router());
    // The client never sees the server close: only the header tells it not to reuse.
    CountingProxy proxy(server.port(), /*hide_server_close=*/true);
    ClientOptions options;
    options.read_timeout = 2s;  // a reused connection would time out here, not hang the test
    HttpClient client(options);

    const ClientResult bye = client.request(Verb::get, local_url(proxy.port(), "/bye"), {}, {});
    REQUIRE(bye.ok());
    CHECK(bye.response->header("connection") == "close");
    const ClientResult next = client.request(Verb::get, local_url(proxy.port(), "/hello"), {}, {});

    REQUIRE(next.ok());
    CHECK(next.response->body == "hi");
    CHECK(proxy.accepted() == 2);
}

TEST_CASE("a server that accepts the request but never answers times out") {
    std::promise<void> release;
    auto router = std::make_shared<Router>();
    router->add(Verb::post, "/stall", [answer = release.get_future().share()](const Request&) {
        answer.wait();
        return text_response(Status::ok, "late");
    });
    TestServer server(router);
    // Declared after the server, so the handler returns before the server is stopped.
    const std::unique_ptr<std::promise<void>, void (*)(std::promise<void>*)> releaser(
        &release, [](std::promise<void>* p) { p->set_value(); });
    HttpClient client(short_timeouts());

    const ClientResult result =
        client.request(Verb::post, local_url(server.port(), "/stall"), {}, "{}");

    CHECK(error_kind(result) == ClientErrorKind::timeout);
}

TEST_CASE("a TLS server that never handshakes times out within the connect timeout") {
    asio::io_context ioc;
    // Listening but never accepting: the kernel completes the TCP handshake, nobody speaks TLS.
    tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    HttpClient client(short_timeouts());

    const ClientResult result =
        client.request(Verb::get, local_url(silent.local_endpoint().port(), "/", "https"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::timeout);
}

TEST_CASE("a refused connection is a connect error") {
    HttpClient client;

    const ClientResult result = client.request(Verb::get, local_url(closed_port(), "/"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::connect);
}

TEST_CASE("a URL that is not absolute http or https is a bad_url error") {
    HttpClient client;
    for (const char* url :
         {"", "slack.com/api", "ftp://slack.com/", "https://", "https://:443/",
          "https://slack.com:0/", "https://slack.com:65536/", "https://slack.com:44x/",
          "https://user:pw@slack.com/", "https://slack.com/a b", "https://slack.com/\r\nX: y",
          "https://[::1/", "https://sla ck.com/"}) {
        CAPTURE(url);
        CHECK(error_kind(client.request(Verb::get, url, {}, {})) == ClientErrorKind::bad_url);
    }
}

TEST_CASE("a header with CR or LF in it is refused before anything is sent") {
    HttpClient client;
    const ClientResult result = client.request(Verb::get, local_url(closed_port(), "/"),
                                               {{"X-Injected", "a\r\nHost: evil"}}, {});
    CHECK(error_kind(result) == ClientErrorKind::bad_url);
}

TEST_CASE("a URL is split into scheme, host, port and target") {
    const auto slack = parse_client_url("HTTPS://Slack.com/api/chat.postMessage?a=1#frag");
    REQUIRE(slack);
    CHECK(slack->https);
    CHECK(slack->host == "slack.com");
    CHECK(slack->port == 443);
    CHECK(slack->target == "/api/chat.postMessage?a=1");

    const auto local = parse_client_url("http://127.0.0.1:8080");
    REQUIRE(local);
    CHECK_FALSE(local->https);
    CHECK(local->port == 8080);
    CHECK(local->target == "/");

    const auto v6 = parse_client_url("http://[::1]:9?q");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 9);
    CHECK(v6->target == "/?q");
}

TEST_CASE("HTTPS to a server whose certificate is in ca_file succeeds") {
    const LocalhostCertificate cert;
    TestServer server(test_router(), {}, cert.server_context());
    ClientOptions options;
    options.ca_file = cert.cert_file();
    HttpClient client(options);

    const ClientResult result =
        client.request(Verb::get, local_url(server.port(), "/hello", "https", "localhost"), {}, {});

    REQUIRE(result.ok());
    CHECK(result.response->status == 200);
    CHECK(result.response->body == "hi");
}

TEST_CASE("HTTPS to a trusted certificate under another host name fails with a tls error") {
    const LocalhostCertificate cert;  // for localhost, not 127.0.0.1
    TestServer server(test_router(), {}, cert.server_context());
    ClientOptions options;
    options.ca_file = cert.cert_file();
    HttpClient client(options);

    const ClientResult result =
        client.request(Verb::get, local_url(server.port(), "/hello", "https", "127.0.0.1"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::tls);
}

TEST_CASE("HTTPS to a self-signed certificate not in ca_file fails with a tls error") {
    const LocalhostCertificate cert;
    TestServer server(test_router(), {}, cert.server_context());
    HttpClient client;

    const ClientResult result =
        client.request(Verb::get, local_url(server.port(), "/hello", "https", "localhost"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::tls);
}

TEST_CASE("an unreadable ca_file is reported when the client is made") {
    ClientOptions options;
    options.ca_file = "/nonexistent/ca.pem";
    CHECK_THROWS_AS(HttpClient(options), boost::system::system_error);
}

TEST_CASE("a response body over max_response_body is too_large and the next request works") {
    TestServer server(test_router());
    ClientOptions options;
    options.max_response_body = 1000;
    HttpClient client(options);

    const ClientResult big = client.request(Verb::get, local_url(server.port(), "/big"), {}, {});
    CHECK(error_kind(big) == ClientErrorKind::too_large);

    const ClientResult next = client.request(Verb::get, local_url(server.port(), "/hello"), {}, {});
    REQUIRE(next.ok());
    CHECK(next.response->body == "hi");
}

TEST_CASE("a response that is not HTTP is a protocol error") {
    ScriptedServer server("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    HttpClient client;

    const ClientResult result = client.request(Verb::get, local_url(server.port(), "/"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::protocol);
}

TEST_CASE("a connection closed in the middle of a response is a reset error") {
    ScriptedServer server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    HttpClient client;

    const ClientResult result = client.request(Verb::get, local_url(server.port(), "/"), {}, {});

    CHECK(error_kind(result) == ClientErrorKind::reset);
}

TEST_CASE("a response framed by the end of the connection is read whole") {
    ScriptedServer server("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\n\r\nuntil the end");
    HttpClient client;

    const ClientResult first = client.request(Verb::get, local_url(server.port(), "/"), {}, {});
    REQUIRE(first.ok());
    CHECK(first.response->body == "until the end");
    CHECK(first.response->header("x-a") == "1, 2");

    // The connection ended with the response: the next request needs a new one.
    const ClientResult second = client.request(Verb::get, local_url(server.port(), "/"), {}, {});
    REQUIRE(second.ok());
    CHECK(client.connections_opened() == 2);
}

TEST_CASE("form bodies and path segments are percent-encoded; Retry-After is read in seconds") {
    CHECK(percent_encode("19:abc@thread.tacv2;messageid=1") ==
          "19%3Aabc%40thread.tacv2%3Bmessageid%3D1");
    CHECK(percent_encode("a-Z_0.9~") == "a-Z_0.9~");
    CHECK(percent_encode("caf\xC3\xA9 &+") == "caf%C3%A9%20%26%2B");
    CHECK(form_encode({{"grant_type", "client_credentials"},
                       {"scope", "https://api.botframework.com/.default"}}) ==
          "grant_type=client_credentials&scope=https%3A%2F%2Fapi.botframework.com%2F.default");
    CHECK(form_encode({}).empty());

    ClientResponse r;
    CHECK_FALSE(r.retry_after());
    r.headers["retry-after"] = "7";
    CHECK(r.retry_after() == std::chrono::seconds(7));
    for (const char* bad : {"", "-1", "7s", "86401", "Wed, 21 Oct 2015 07:28:00 GMT"}) {
        r.headers["retry-after"] = bad;
        INFO(bad);
        CHECK_FALSE(r.retry_after());
    }
}
