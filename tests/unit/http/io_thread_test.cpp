// A Server whose connections run on an IoThread: requests are read, and their routes' stages
// run, there; they are routed on the application's context; and a graceful stop still
// answers a request that was being routed.
#include "firebreak/http/io_thread.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "firebreak/http/connection_events.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "support/loopback_client.hpp"

using namespace firebreak::http;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;

namespace {

/// The threads a handler ran on.
struct Threads {
    std::mutex mutex;
    std::set<std::thread::id> seen;

    void note() {
        std::lock_guard lock(mutex);
        seen.insert(std::this_thread::get_id());
    }
    std::set<std::thread::id> snapshot() {
        std::lock_guard lock(mutex);
        return seen;
    }
};

/// True once `port` refuses connections: the listener has closed.
bool refuses(std::uint16_t port) {
    try {
        LoopbackClient probe(port);
        return false;
    } catch (const boost::system::system_error&) {
        return true;
    }
}

}  // namespace

TEST_CASE("with its connections on an IoThread, a server routes every request on the app's") {
    const bool batched = GENERATE(false, true);
    Threads handlers;
    std::set<std::thread::id> group_ends;
    auto router = std::make_shared<Router>();
    router->add(Verb::post, "/echo", [&handlers](const Request& request) {
        handlers.note();
        return text_response(Status::ok, request.body());
    });
    router->add(Verb::get, "/hello", [&handlers](const Request&) {
        handlers.note();
        return text_response(Status::ok, "hi");
    });

    boost::asio::io_context app;
    IoThread connections;
    Server server(app, connections.context(), router);
    Threads observers;  // where the connection observer ran: the connections' thread
    server.set_connection_observer([&observers](ConnectionEvent) { observers.note(); });
    if (batched)
        server.set_batching(Batching{[] {},
                                     [&group_ends] {
                                         group_ends.insert(std::this_thread::get_id());
                                         return true;
                                     }});
    const std::uint16_t port = server.listen("127.0.0.1", 0);
    connections.start(app);
    std::thread app_thread([&app] { app.run(); });
    const std::set<std::thread::id> expected{app_thread.get_id()};

    {
        LoopbackClient client(port);
        for (int i = 0; i < 3; ++i) {
            const std::string body = "request " + std::to_string(i);
            const Response response = client.request(make_request(Verb::post, "/echo", body));
            CHECK(response.result() == Status::ok);
            CHECK(response.body() == body);
        }
        CHECK(client.request(make_request(Verb::get, "/hello")).body() == "hi");
    }
    {
        LoopbackClient garbage(port);
        REQUIRE_FALSE(garbage.send_raw("NOT HTTP AT ALL\r\n\r\n"));
        CHECK(garbage.read_response().result() == Status::bad_request);
    }
    server.stop();
    connections.release();
    app_thread.join();  // app.run() returned: the connections' thread is done too

    CHECK(handlers.snapshot() == expected);
    if (batched) CHECK(group_ends == expected);
    // The bad request was read, and refused, on the connections' thread.
    const auto observed = observers.snapshot();
    CHECK(observed.size() == 1);
    CHECK_FALSE(observed.contains(*expected.begin()));
    CHECK(refuses(port));
}

TEST_CASE("a staged route's stage runs on the connections' thread, so a refusal needs no app") {
    const bool batched = GENERATE(false, true);
    Threads stages;
    Threads rests;
    auto router = std::make_shared<Router>();
    router->add_staged(Verb::post, "/signed", [&](const Request& request) {
        stages.note();
        if (request.body() != "signed") return answered(text_response(Status::unauthorized, ""));
        return deferred([&rests](const Request&) {
            rests.note();
            return text_response(Status::ok, "applied");
        });
    });

    boost::asio::io_context app;
    IoThread connections;
    Server server(app, connections.context(), router);
    if (batched) server.set_batching(Batching{[] {}, [] { return true; }});
    const std::uint16_t port = server.listen("127.0.0.1", 0);
    connections.start(app);

    // Nothing runs the app's context yet: the forged request is still answered.
    LoopbackClient client(port);
    CHECK(client.request(make_request(Verb::post, "/signed", "forged")).result() ==
          Status::unauthorized);
    CHECK(rests.snapshot().empty());

    // A signed one waits for the app's thread, then is applied there.
    REQUIRE_FALSE(client.send(make_request(Verb::post, "/signed", "signed")));
    std::thread app_thread([&app] { app.run(); });
    const std::thread::id app_id = app_thread.get_id();
    const Response applied = client.read_response();
    CHECK(applied.result() == Status::ok);
    CHECK(applied.body() == "applied");
    server.stop();
    connections.release();
    app_thread.join();

    CHECK(rests.snapshot() == std::set<std::thread::id>{app_id});
    const auto stage_threads = stages.snapshot();
    CHECK(stage_threads.size() == 1);
    CHECK_FALSE(stage_threads.contains(app_id));
}

TEST_CASE("a stop during routing still sends the answer before the connections' thread ends") {
    boost::asio::io_context app;
    IoThread connections;
    auto router = std::make_shared<Router>();
    std::unique_ptr<Server> server;
    std::uint16_t port = 0;
    bool routed = false;
    // The stop comes while this request is being routed: its connection waits on nothing
    // of its own context, which must not end before the answer has gone out.
    router->add(Verb::post, "/last", [&](const Request&) {
        server->stop();
        connections.release();
        while (!refuses(port)) {
        }
        // Two hops through the connections' context: by the second, the drains the stop
        // queued have run too, and nothing but the routed request is left there. Without
        // its hold, the context would end now, before the answer below could go out.
        std::promise<void> drained;
        boost::asio::post(connections.context(), [&] {
            boost::asio::post(connections.context(), [&] { drained.set_value(); });
        });
        drained.get_future().wait();
        routed = true;
        return text_response(Status::ok, "answered");
    });
    server = std::make_unique<Server>(app, connections.context(), router);
    port = server->listen("127.0.0.1", 0);
    connections.start(app);

    LoopbackClient client(port);
    REQUIRE_FALSE(client.send(make_request(Verb::post, "/last", "x")));
    app.run();  // here, on this thread: returns once the connections' thread has ended
    REQUIRE(routed);

    const Response response = client.read_response();
    CHECK(response.result() == Status::ok);
    CHECK(response.body() == "answered");
    CHECK_FALSE(response.keep_alive());  // the server was stopping
    CHECK(client.wait_for_close());
}

TEST_CASE("an IoThread that was never released is stopped and joined when it goes") {
    boost::asio::io_context app;
    auto router = std::make_shared<Router>();
    router->add(Verb::get, "/hello",
                [](const Request&) { return text_response(Status::ok, "hi"); });
    std::uint16_t port = 0;
    {
        IoThread connections;
        Server server(app, connections.context(), router);
        port = server.listen("127.0.0.1", 0);
        connections.start(app);
        LoopbackClient idle(port);  // left open: dropped with the thread
    }
    // Its hold on `app` went with it: run() has nothing to wait for.
    app.run();
    CHECK(refuses(port));
}
