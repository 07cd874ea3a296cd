#include "firebreak/web/health.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "support/loopback_client.hpp"
#include "test_server.hpp"

using namespace firebreak;
using http::testing::LoopbackClient;
using http::testing::make_request;
using http::testing::TestServer;
using nlohmann::json;

namespace {

std::shared_ptr<http::Router> health_router(web::ReadinessProbe probe) {
    auto router = std::make_shared<http::Router>();
    web::add_health_routes(*router, std::move(probe));
    return router;
}

}  // namespace

TEST_CASE("GET /healthz answers 200 status ok") {
    TestServer server(health_router([] { return std::vector<web::Check>{}; }));
    LoopbackClient client(server.port());

    const http::Response response = client.request(make_request(http::Verb::get, "/healthz"));
    CHECK(response.result() == http::Status::ok);
    CHECK(response[http::Field::content_type] == "application/json");
    CHECK(json::parse(response.body()) == json{{"status", "ok"}});
}

TEST_CASE("GET /readyz answers 200 when every check is ok") {
    TestServer server(health_router([] {
        return std::vector<web::Check>{{"store", true, "open"}, {"config", true, "loaded"}};
    }));
    LoopbackClient client(server.port());

    const http::Response response = client.request(make_request(http::Verb::get, "/readyz"));
    CHECK(response.result() == http::Status::ok);
    const json body = json::parse(response.body());
    CHECK(body["ready"] == true);
    REQUIRE(body["checks"].size() == 2);
    CHECK(body["checks"][0] == json{{"name", "store"}, {"ok", true}, {"detail", "open"}});
}

TEST_CASE("GET /readyz answers 503 when a check fails") {
    TestServer server(health_router([] {
        return std::vector<web::Check>{{"store", true, "open"}, {"migrations", false, "2 pending"}};
    }));
    LoopbackClient client(server.port());

    const http::Response response = client.request(make_request(http::Verb::get, "/readyz"));
    CHECK(response.result() == http::Status::service_unavailable);
    const json body = json::parse(response.body());
    CHECK(body["ready"] == false);
    CHECK(body["checks"][1] ==
          json{{"name", "migrations"}, {"ok", false}, {"detail", "2 pending"}});
}

TEST_CASE("a readiness probe that throws means not ready") {
    TestServer server(
        health_router([]() -> std::vector<web::Check> { throw std::runtime_error("db gone"); }));
    LoopbackClient client(server.port());

    const http::Response response = client.request(make_request(http::Verb::get, "/readyz"));
    CHECK(response.result() == http::Status::service_unavailable);
    CHECK(json::parse(response.body())["checks"][0]["detail"] == "db gone");
}

TEST_CASE("the public liveness route says only that the process is up") {
    auto router = std::make_shared<http::Router>();
    web::add_liveness_route(*router);
    TestServer server(router);
    LoopbackClient client(server.port());

    const http::Response health = client.request(make_request(http::Verb::get, "/healthz"));
    CHECK(health.result() == http::Status::ok);
    CHECK(json::parse(health.body()) == json{{"status", "ok"}});
    CHECK(client.request(make_request(http::Verb::get, "/readyz")).result() ==
          http::Status::not_found);
}
