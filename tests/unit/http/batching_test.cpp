// Server::set_batching: requests that arrive together are routed as one group between
// open() and close(), and none is answered before close() says the group is kept.
#include <catch2/catch.hpp>
#include <cmath>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/web/held_counts.hpp"
#include "firebreak/web/metrics.hpp"
#include "support/loopback_client.hpp"
#include "support/prometheus_text.hpp"
#include "test_server.hpp"

using namespace firebreak::http;
using firebreak::http::testing::LoopbackClient;
using firebreak::http::testing::make_request;
using firebreak::http::testing::TestServer;

namespace {

/// Records open, each routed request and close, in order; close() answers `keep`.
struct Recorder {
    std::mutex mutex;
    std::vector<std::string> events;
    std::vector<int> group_sizes;
    bool keep = true;
    bool open_throws = false;

    void add(const std::string& event) {
        std::lock_guard lock(mutex);
        events.push_back(event);
        if (event == "open") group_sizes.push_back(0);
        if (event.rfind("route ", 0) == 0 && !group_sizes.empty()) ++group_sizes.back();
    }
    std::vector<std::string> snapshot() {
        std::lock_guard lock(mutex);
        return events;
    }

    Batching batching() {
        return Batching{[this] {
                            if (open_throws) throw std::runtime_error("the lock stayed busy");
                            add("open");
                        },
                        [this] {
                            add("close");
                            return keep;
                        }};
    }
};

std::shared_ptr<Router> echo_router(Recorder& recorder) {
    auto router = std::make_shared<Router>();
    router->add(Verb::post, "/echo", [&recorder](const Request& request) {
        recorder.add("route " + request.body());
        return text_response(Status::ok, request.body());
    });
    return router;
}

}  // namespace

TEST_CASE("a batched request is routed between open and close, and answered after close") {
    Recorder recorder;
    TestServer server(echo_router(recorder), {}, nullptr, 1, recorder.batching());
    LoopbackClient client(server.port());

    const Response response = client.request(make_request(Verb::post, "/echo", "one"));
    CHECK(response.result() == Status::ok);
    CHECK(response.body() == "one");
    // By the time the answer arrived, the group had been closed.
    CHECK(recorder.snapshot() == std::vector<std::string>{"open", "route one", "close"});
}

TEST_CASE("when close() says the group was not kept, each of its requests is answered 503") {
    Recorder recorder;
    recorder.keep = false;
    TestServer server(echo_router(recorder), {}, nullptr, 1, recorder.batching());
    LoopbackClient client(server.port());

    const Response response = client.request(make_request(Verb::post, "/echo", "lost"));
    CHECK(response.result() == Status::service_unavailable);
    CHECK(response.body().find("nothing was changed") != std::string::npos);
    CHECK(response.keep_alive());
    recorder.keep = true;  // the connection goes on serving
    CHECK(client.request(make_request(Verb::post, "/echo", "next")).body() == "next");
}

TEST_CASE("GET requests change nothing and are answered outside any group") {
    Recorder recorder;
    recorder.keep = false;  // a group would be answered 503
    auto router = echo_router(recorder);
    router->add(Verb::get, "/healthz", [&recorder](const Request&) {
        recorder.add("route healthz");
        return text_response(Status::ok, "ok\n");
    });
    TestServer server(router, {}, nullptr, 1, recorder.batching());
    LoopbackClient client(server.port());

    const Response response = client.request(make_request(Verb::get, "/healthz"));
    CHECK(response.result() == Status::ok);
    CHECK(recorder.snapshot() == std::vector<std::string>{"route healthz"});
}

TEST_CASE("when open() throws, the requests are still routed, one by one, without close()") {
    Recorder recorder;
    recorder.open_throws = true;
    TestServer server(echo_router(recorder), {}, nullptr, 1, recorder.batching());
    LoopbackClient client(server.port());

    const Response response = client.request(make_request(Verb::post, "/echo", "alone"));
    CHECK(response.result() == Status::ok);
    CHECK(response.body() == "alone");
    CHECK(recorder.snapshot() == std::vector<std::string>{"route alone"});
}

TEST_CASE("requests that arrive while a group is being routed form the next group together") {
    Recorder recorder;
    std::promise<void> entered;
    std::promise<void> release;
    auto router = echo_router(recorder);
    router->add(Verb::post, "/gate", [&](const Request&) {
        recorder.add("route gate");
        entered.set_value();
        release.get_future().wait();  // holds the only I/O thread
        return text_response(Status::ok, "gate");
    });
    TestServer server(router, {}, nullptr, 1, recorder.batching());

    // Three connections, each already accepted and waiting for its next request.
    std::vector<std::unique_ptr<LoopbackClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<LoopbackClient>(server.port()));
        CHECK(clients.back()->request(make_request(Verb::post, "/echo", "warm")).body() == "warm");
    }
    LoopbackClient gate(server.port());
    REQUIRE_FALSE(gate.send(make_request(Verb::post, "/gate")));
    entered.get_future().wait();
    // While the I/O thread is held, the three requests reach the server's sockets.
    for (int i = 0; i < 3; ++i)
        REQUIRE_FALSE(clients[i]->send(make_request(Verb::post, "/echo", std::to_string(i))));
    release.set_value();

    CHECK(gate.read_response().body() == "gate");
    for (int i = 0; i < 3; ++i) CHECK(clients[i]->read_response().body() == std::to_string(i));
    const std::vector<int> expected{1, 1, 1, 1, 3};  // three warm-ups, the gate, then the three
    CHECK(recorder.group_sizes == expected);
}

namespace {

double responses(const firebreak::web::Metrics& metrics, const std::string& code) {
    const auto e = firebreak::testing::parse_prometheus_text(metrics.render());
    const double n =
        e.value("firebreak_http_responses_total", {{"route", "/echo"}, {"code", code}});
    return std::isnan(n) ? 0 : n;
}

double commands_changed(const firebreak::web::Metrics& metrics) {
    const auto e = firebreak::testing::parse_prometheus_text(metrics.render());
    return e.value("firebreak_commands_total", {{"result", "changed"}});
}

}  // namespace

TEST_CASE("a group answered 503 is counted as 503, not as its handlers answered") {
    Recorder recorder;
    recorder.keep = false;
    auto metrics = std::make_shared<firebreak::web::Metrics>();
    auto router = echo_router(recorder);
    router->set_observer(firebreak::web::request_timer(metrics));
    TestServer server(router, {}, nullptr, 1, recorder.batching());
    LoopbackClient client(server.port());

    CHECK(client.request(make_request(Verb::post, "/echo", "lost")).result() ==
          Status::service_unavailable);
    CHECK(responses(*metrics, "503") == 1);
    CHECK(responses(*metrics, "200") == 0);

    recorder.keep = true;
    CHECK(client.request(make_request(Verb::post, "/echo", "kept")).result() == Status::ok);
    CHECK(responses(*metrics, "200") == 1);
    CHECK(responses(*metrics, "503") == 1);
}

TEST_CASE("commands of a group that was not kept are not counted as changed") {
    Recorder recorder;
    recorder.keep = false;
    auto metrics = std::make_shared<firebreak::web::Metrics>();
    auto held = std::make_shared<firebreak::web::HeldCounts>();
    auto router = std::make_shared<Router>();
    std::vector<double> while_routed;  // written on the I/O thread, read after each answer
    router->add(Verb::post, "/echo", [&](const Request& request) {
        held->count([metrics] { metrics->command_handled("changed"); });
        while_routed.push_back(commands_changed(*metrics));
        return text_response(Status::ok, request.body());
    });
    TestServer server(router, {}, nullptr, 1,
                      firebreak::web::holding_counts(recorder.batching(), held));
    LoopbackClient client(server.port());

    CHECK(client.request(make_request(Verb::post, "/echo", "lost")).result() ==
          Status::service_unavailable);
    CHECK(commands_changed(*metrics) == 0);

    recorder.keep = true;
    CHECK(client.request(make_request(Verb::post, "/echo", "kept")).result() == Status::ok);
    CHECK(commands_changed(*metrics) == 1);
    // Neither was counted before its group's commit said whether it was kept.
    CHECK(while_routed == std::vector<double>{0, 0});
}

TEST_CASE("counts made outside a group, or in a group whose close() threw, are not held") {
    using firebreak::web::HeldCounts;
    auto held = std::make_shared<HeldCounts>();
    int counted = 0;
    held->count([&] { ++counted; });
    CHECK(counted == 1);  // no group open: at once

    Batching throwing{[] {}, []() -> bool { throw std::runtime_error("COMMIT failed"); }};
    Batching batching = firebreak::web::holding_counts(throwing, held);
    batching.open();
    held->count([&] { ++counted; });
    CHECK_THROWS(batching.close());
    CHECK(counted == 1);  // dropped with the group
    held->count([&] { ++counted; });
    CHECK(counted == 2);  // and no longer holding
}
