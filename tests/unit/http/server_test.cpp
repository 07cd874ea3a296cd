#include "firebreak/http/server.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "firebreak/http/connection_events.hpp"
#include "firebreak/http/router.hpp"
#include "support/loopback_client.hpp"
#include "test_server.hpp"

using namespace firebreak::http;
using namespace std::chrono_literals;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;
using firebreak::http::testing::TestServer;
using Clock = std::chrono::steady_clock;

namespace {

/// GET /hello → "hi"; POST /echo → its body (counted in `echoes`); GET /boom throws.
struct TestRoutes {
    std::atomic<int> echoes{0};
    std::shared_ptr<Router> router = std::make_shared<Router>();

    TestRoutes() {
        router->add(Verb::get, "/hello",
                    [](const Request&) { return text_response(Status::ok, "hi"); });
        router->add(Verb::post, "/echo", [this](const Request& request) {
            ++echoes;
            return text_response(Status::ok, request.body());
        });
        router->add(Verb::get, "/boom",
                    [](const Request&) -> Response { throw std::runtime_error("boom"); });
    }
};

}  // namespace

TEST_CASE("a keep-alive connection serves two requests in a row") {
    TestRoutes routes;
    TestServer server(routes.router);
    LoopbackClient client(server.port());

    const Response first = client.request(make_request(Verb::get, "/hello"));
    CHECK(first.result() == Status::ok);
    CHECK(first.keep_alive());
    const Response second = client.request(make_request(Verb::post, "/echo", "again"));
    CHECK(second.result() == Status::ok);
    CHECK(second.body() == "again");
}

TEST_CASE("over the wire, an unknown path is 404 and a wrong method 405 with Allow") {
    TestRoutes routes;
    TestServer server(routes.router);
    LoopbackClient client(server.port());

    CHECK(client.request(make_request(Verb::get, "/missing")).result() == Status::not_found);
    const Response wrong = client.request(make_request(Verb::put, "/hello"));
    CHECK(wrong.result() == Status::method_not_allowed);
    CHECK(wrong[Field::allow] == "GET");
}

TEST_CASE("a body over the limit is answered 413 and never reaches the handler") {
    TestRoutes routes;
    TestServer server(routes.router);  // body_limit 1 MiB
    LoopbackClient client(server.port());

    // The server may stop reading before all of it is sent: the write's result is moot.
    (void)client.send(make_request(Verb::post, "/echo", std::string(2 * 1024 * 1024, 'x')));
    CHECK(client.read_response().result() == Status::payload_too_large);
    CHECK(client.wait_for_close());
    CHECK(routes.echoes == 0);
}

TEST_CASE("a request whose body never comes is answered 408 at the read deadline") {
    TestRoutes routes;
    ServerLimits limits;
    limits.read_deadline = 200ms;
    TestServer server(routes.router, limits);
    LoopbackClient client(server.port());

    const auto start = Clock::now();
    REQUIRE_FALSE(client.send_raw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n"));
    CHECK(client.read_response().result() == Status::request_timeout);
    const auto elapsed = Clock::now() - start;
    CHECK(elapsed >= limits.read_deadline);
    CHECK(elapsed < limits.read_deadline + 2s);
    CHECK(client.wait_for_close());
    CHECK(routes.echoes == 0);
}

TEST_CASE("a garbage request line is answered 400 and the connection closed") {
    TestRoutes routes;
    TestServer server(routes.router);
    LoopbackClient client(server.port());

    REQUIRE_FALSE(client.send_raw("this is not http\r\n\r\n"));
    CHECK(client.read_response().result() == Status::bad_request);
    CHECK(client.wait_for_close());

    LoopbackClient next(server.port());
    CHECK(next.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("an oversized header block is answered 431") {
    TestRoutes routes;
    TestServer server(routes.router);
    LoopbackClient client(server.port());

    REQUIRE_FALSE(client.send_raw(
        "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n"));
    CHECK(client.read_response().result() == Status::request_header_fields_too_large);
    CHECK(client.wait_for_close());
}

TEST_CASE("a handler that throws gets a 500 and the server keeps serving") {
    TestRoutes routes;
    TestServer server(routes.router);
    LoopbackClient client(server.port());

    const Response failed = client.request(make_request(Verb::get, "/boom"));
    CHECK(failed.result() == Status::internal_server_error);
    CHECK(failed.body().find("boom") == std::string::npos);
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);

    LoopbackClient other(server.port());
    CHECK(other.request(make_request(Verb::get, "/hello")).result() == Status::ok);
}

TEST_CASE("stalled clients do not delay another client's request") {
    TestRoutes routes;
    const ServerLimits limits;  // read_deadline 10 s: the stalled clients outlast this test
    TestServer server(routes.router, limits);

    LoopbackClient silent(server.port());  // connected, sends nothing
    LoopbackClient slow(server.port());    // starts a request and never finishes its header
    REQUIRE_FALSE(slow.send_raw("GET /hello HTTP/1.1\r\nHost: t\r\n"));

    const auto start = Clock::now();
    LoopbackClient other(server.port(), 2s);
    CHECK(other.request(make_request(Verb::get, "/hello")).result() == Status::ok);
    CHECK(Clock::now() - start < 2s);
}

TEST_CASE("an idle keep-alive connection is closed after the idle timeout") {
    TestRoutes routes;
    ServerLimits limits;
    limits.idle_timeout = 100ms;
    TestServer server(routes.router, limits);
    LoopbackClient client(server.port());

    // The server's idle clock starts after it has sent the response, so after this.
    const auto start = Clock::now();
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);
    CHECK(client.wait_for_close());
    CHECK(Clock::now() - start >= limits.idle_timeout);
}

TEST_CASE("a connection over max_connections with none idle is answered 503") {
    TestRoutes routes;
    ServerLimits limits;
    limits.max_connections = 1;
    TestServer server(routes.router, limits);
    LoopbackClient first(server.port());
    // Mid-request: not idle, so not reclaimable.
    REQUIRE_FALSE(first.send_raw("GET /hello HTTP/1.1\r\nHost: t\r\n"));

    LoopbackClient second(server.port());
    CHECK(second.read_response().result() == Status::service_unavailable);
    CHECK(second.wait_for_close());

    REQUIRE_FALSE(first.send_raw("\r\n"));
    CHECK(first.read_response().result() == Status::ok);
}

TEST_CASE("at max_connections the oldest idle connection is closed to admit a new one") {
    TestRoutes routes;
    ServerLimits limits;
    limits.max_connections = 3;
    TestServer server(routes.router, limits);
    std::vector<ConnectionEvent> events;
    std::mutex events_mutex;
    server.server().set_connection_observer([&](ConnectionEvent event) {
        const std::lock_guard lock(events_mutex);
        events.push_back(event);
    });

    LoopbackClient silent(server.port());  // sent nothing: idle since it connected
    LoopbackClient kept(server.port());    // idle between keep-alive requests, more recently
    CHECK(kept.request(make_request(Verb::get, "/hello")).result() == Status::ok);
    LoopbackClient slow(server.port());  // mid-request: never reclaimed
    REQUIRE_FALSE(slow.send_raw("GET /hello HTTP/1.1\r\nHost: t\r\n"));

    LoopbackClient newcomer(server.port());
    CHECK(newcomer.request(make_request(Verb::get, "/hello")).result() == Status::ok);
    CHECK(silent.wait_for_close());

    LoopbackClient another(server.port());
    CHECK(another.request(make_request(Verb::get, "/hello")).result() == Status::ok);
    CHECK(kept.wait_for_close());

    REQUIRE_FALSE(slow.send_raw("\r\n"));
    CHECK(slow.read_response().result() == Status::ok);
    CHECK(server.server().open_connections() <= limits.max_connections);
    const std::lock_guard lock(events_mutex);
    CHECK(std::count(events.begin(), events.end(), ConnectionEvent::reclaimed) == 2);
}

TEST_CASE("a new connection that sends nothing is closed at the first-byte deadline") {
    TestRoutes routes;
    ServerLimits limits;
    limits.first_byte_deadline = 100ms;  // read_deadline stays 10 s: outlasts the guard
    TestServer server(routes.router, limits);
    std::mutex mutex;
    std::condition_variable counted;
    int timeouts = 0;
    server.server().set_connection_observer([&](ConnectionEvent event) {
        {
            const std::lock_guard lock(mutex);
            if (event == ConnectionEvent::first_byte_timeout) ++timeouts;
        }
        counted.notify_all();
    });
    LoopbackClient silent(server.port(), 5s);
    CHECK(silent.wait_for_close());
    // The server counts the event on its own thread, which may be after the client saw
    // the close.
    std::unique_lock lock(mutex);
    CHECK(counted.wait_for(lock, 5s, [&] { return timeouts == 1; }));
}

TEST_CASE("oversized and garbage requests are counted for the metrics") {
    TestRoutes routes;
    TestServer server(routes.router);
    std::mutex events_mutex;
    std::vector<ConnectionEvent> events;
    server.server().set_connection_observer([&](ConnectionEvent event) {
        const std::lock_guard lock(events_mutex);
        events.push_back(event);
    });
    {
        LoopbackClient garbage(server.port());
        REQUIRE_FALSE(garbage.send_raw("\x16\x03\x01 not http\r\n\r\n"));
        CHECK(garbage.read_response().result() == Status::bad_request);
        CHECK(garbage.wait_for_close());
    }
    {
        LoopbackClient big(server.port());
        REQUIRE_FALSE(big.send_raw("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " +
                                   std::string(17 * 1024, 'a') + "\r\n\r\n"));
        CHECK(big.read_response().result() == Status::request_header_fields_too_large);
        CHECK(big.wait_for_close());
    }
    const std::lock_guard lock(events_mutex);
    CHECK(std::count(events.begin(), events.end(), ConnectionEvent::bad_request) == 1);
    CHECK(std::count(events.begin(), events.end(), ConnectionEvent::header_too_large) == 1);
}

TEST_CASE("stop() lets an in-flight response complete, then run() returns") {
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto router = std::make_shared<Router>();
    router->add(Verb::get, "/slow", [&entered, released](const Request&) {
        entered.set_value();
        released.wait();
        return text_response(Status::ok, "done");
    });
    TestServer server(router);
    LoopbackClient client(server.port());

    REQUIRE_FALSE(client.send(make_request(Verb::get, "/slow")));
    entered.get_future().wait();
    server.server().stop();  // from this thread, while the handler runs on the server's
    release.set_value();

    const Response response = client.read_response();
    CHECK(response.result() == Status::ok);
    CHECK(response.body() == "done");
    CHECK(client.wait_for_close());
    server.join();
    CHECK_THROWS(LoopbackClient(server.port()));
}

TEST_CASE("stop() closes idle keep-alive connections at once") {
    TestRoutes routes;
    ServerLimits limits;
    limits.idle_timeout = 30s;
    TestServer server(routes.router, limits);
    LoopbackClient client(server.port());
    CHECK(client.request(make_request(Verb::get, "/hello")).result() == Status::ok);

    const auto start = Clock::now();
    server.stop_and_join();
    CHECK(Clock::now() - start < 5s);
    CHECK(client.wait_for_close());
}

TEST_CASE("several I/O threads serve concurrent clients, and stop() still ends run()") {
    TestRoutes routes;
    TestServer server(routes.router, {}, nullptr, 2);
    std::vector<std::future<int>> clients;
    for (int c = 0; c < 4; ++c) {
        clients.push_back(std::async(std::launch::async, [port = server.port(), c] {
            LoopbackClient client(port);
            int echoed = 0;
            for (int i = 0; i < 5; ++i) {
                const std::string body = std::to_string(c) + "/" + std::to_string(i);
                echoed += client.request(make_request(Verb::post, "/echo", body)).body() == body;
            }
            return echoed;
        }));
    }
    for (auto& client : clients) CHECK(client.get() == 5);
    CHECK(routes.echoes == 20);
    server.stop_and_join();
}

TEST_CASE("listen reports an address that cannot be bound") {
    boost::asio::io_context ioc;
    Server server(ioc, std::make_shared<Router>());
    boost::system::error_code ec;
    CHECK(server.listen("not-an-address", 0, ec) == 0);
    CHECK(ec);
}
